import { formatMoney, toMinor } from './money.pipe';

describe('formatMoney', () => {
  it('divides minor units by the currency exponent', () => {
    expect(formatMoney(12999, 'usd', 'en-US')).toBe('$129.99');
    expect(formatMoney(5000, 'jpy', 'en-US')).toBe('¥5,000');
    expect(formatMoney(1500, 'kwd', 'en-US')).toMatch(/^KWD\s1\.500$/);
  });
});

describe('toMinor', () => {
  it('converts typed amounts to minor units with the currency’s decimals', () => {
    expect(toMinor('129.99', 'usd')).toBe(12999);
    expect(toMinor('129.9', 'usd')).toBe(12990);
    expect(toMinor('40', 'usd')).toBe(4000);
    expect(toMinor('12,5', 'eur')).toBe(1250);
    expect(toMinor('1500', 'jpy')).toBe(1500);
  });

  it('refuses what is not an amount in that currency', () => {
    expect(toMinor('1.999', 'usd')).toBeNull();
    expect(toMinor('15.5', 'jpy')).toBeNull();
    expect(toMinor('-3', 'usd')).toBeNull();
    expect(toMinor('abc', 'usd')).toBeNull();
    expect(toMinor('', 'usd')).toBeNull();
  });
});
