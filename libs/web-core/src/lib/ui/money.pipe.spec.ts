import { formatMoney } from './money.pipe';

describe('formatMoney', () => {
  it('divides minor units by the currency exponent', () => {
    expect(formatMoney(12999, 'usd', 'en-US')).toBe('$129.99');
    expect(formatMoney(5000, 'jpy', 'en-US')).toBe('¥5,000');
    expect(formatMoney(1500, 'kwd', 'en-US')).toMatch(/^KWD\s1\.500$/);
  });
});
