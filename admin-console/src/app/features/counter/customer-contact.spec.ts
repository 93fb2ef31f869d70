import { contactLine, newCustomerContact } from './customer-contact';

describe('newCustomerContact', () => {
  it('needs an email or a phone for a new customer', () => {
    expect(newCustomerContact({ email: '', phone: '' })).toBe('missing');
    expect(newCustomerContact({ email: '  ', phone: ' \t' })).toBe('missing');
  });

  it('takes a phone alone, which means no invitation', () => {
    expect(newCustomerContact({ email: ' ', phone: '07946 0958' })).toBe('phone-only');
  });

  it('invites whenever there is an email, with or without a phone', () => {
    expect(newCustomerContact({ email: 'ada@example.com', phone: '' })).toBe('email');
    expect(newCustomerContact({ email: 'ada@example.com', phone: '07946 0958' })).toBe('email');
  });
});

describe('contactLine', () => {
  it('shows the email and the phone, or the phone and that there is no email, never "null"', () => {
    expect(contactLine({ email: 'ada@example.com', phone: '+442079460958' })).toBe('ada@example.com · +442079460958');
    expect(contactLine({ email: 'ada@example.com', phone: null })).toBe('ada@example.com');
    expect(contactLine({ email: null, phone: '+442079460958' })).toBe('+442079460958 · No email');
  });
});
