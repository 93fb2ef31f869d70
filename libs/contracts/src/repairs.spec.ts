import { CURRENCIES, isCurrency, minorUnits, quoteTotal } from './money.js';
import { effectiveQuoteStatus, normalizeSerial, SERIAL_NUMBER_PATTERN } from './repairs.js';

describe('currencies', () => {
  it('accepts lower-case ISO 4217 codes only', () => {
    expect(isCurrency('usd')).toBe(true);
    expect(isCurrency('eur')).toBe(true);
    expect(isCurrency('USD')).toBe(false);
    expect(isCurrency('usdx')).toBe(false);
    expect(isCurrency('xau')).toBe(false);
    expect(isCurrency(840)).toBe(false);
  });

  it('lists every code once, each three lower-case letters', () => {
    expect(new Set(CURRENCIES).size).toBe(CURRENCIES.length);
    for (const code of CURRENCIES) expect(code).toMatch(/^[a-z]{3}$/);
  });

  it('knows the zero- and three-decimal currencies', () => {
    expect(minorUnits('usd')).toBe(2);
    expect(minorUnits('jpy')).toBe(0);
    expect(minorUnits('krw')).toBe(0);
    expect(minorUnits('kwd')).toBe(3);
  });

  it('totals parts and labor', () => {
    expect(quoteTotal(12_999, 4_500)).toBe(17_499);
    expect(quoteTotal(0, 0)).toBe(0);
  });
});

describe('effectiveQuoteStatus', () => {
  const now = new Date('2025-06-01T12:00:00.000Z');

  it('reads a pending quote as expired once its time is up, not before', () => {
    expect(effectiveQuoteStatus({ status: 'pending', expiresAt: '2025-06-01T12:00:00.001Z' }, now)).toBe('pending');
    expect(effectiveQuoteStatus({ status: 'pending', expiresAt: '2025-06-01T12:00:00.000Z' }, now)).toBe('expired');
    expect(effectiveQuoteStatus({ status: 'pending', expiresAt: new Date('2025-05-01T00:00:00Z') }, now)).toBe('expired');
  });

  it('leaves every other status alone, even past expiry', () => {
    for (const status of ['payment_pending', 'accepted', 'rejected', 'withdrawn'] as const) {
      expect(effectiveQuoteStatus({ status, expiresAt: '2020-01-01T00:00:00Z' }, now)).toBe(status);
    }
  });
});

describe('serial numbers', () => {
  it('compare without case or whitespace differences', () => {
    expect(normalizeSerial(' c02x 1234\tabcd ')).toBe('C02X1234ABCD');
    expect(normalizeSerial('R58M-12AB')).toBe('R58M-12AB');
  });

  it('refuse control characters and leading punctuation', () => {
    expect(SERIAL_NUMBER_PATTERN.test('C02X1234ABCD')).toBe(true);
    expect(SERIAL_NUMBER_PATTERN.test('SN 12-34/56')).toBe(true);
    expect(SERIAL_NUMBER_PATTERN.test('-12')).toBe(false);
    expect(SERIAL_NUMBER_PATTERN.test('12\u0000')).toBe(false);
    expect(SERIAL_NUMBER_PATTERN.test('12\n34')).toBe(false);
  });
});
