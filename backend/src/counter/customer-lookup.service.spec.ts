import { phoneFragment } from './customer-lookup.service.js';

describe('phoneFragment', () => {
  it('keeps the digits of a phone number typed in any format, without trunk or international zeros', () => {
    expect(phoneFragment('020 7946-0123')).toBe('2079460123');
    expect(phoneFragment('+44 (0)20 7946')).toBe('440207946');
    expect(phoneFragment('0044 20')).toBe('4420');
  });

  it('is null for text that is not a phone number, or too short to mean one', () => {
    expect(phoneFragment('ada@example.com')).toBeNull();
    expect(phoneFragment('R-1042')).toBeNull();
    expect(phoneFragment('012')).toBeNull();
  });
});
