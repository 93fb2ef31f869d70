import { formatAmount, paymentSucceededText, quoteIssuedText, statusChangedText } from './system-messages.js';

describe('system message texts', () => {
  it('formats amounts in the currency’s minor units', () => {
    expect(formatAmount(17_499, 'usd')).toBe('174.99 USD');
    expect(formatAmount(5_000, 'jpy')).toBe('5000 JPY');
  });

  it('describes status changes with readable labels and the note', () => {
    expect(statusChangedText('approved', 'in_progress', null)).toBe('Status changed: Approved → In progress.');
    expect(statusChangedText('in_progress', 'completed', 'Replaced the battery')).toBe('Status changed: In progress → Completed. Note: Replaced the battery');
  });

  it('tells a revised quote from the first one', () => {
    expect(quoteIssuedText(17_499, 'eur', '2026-01-31T10:00:00.000Z', false)).toBe('Quote issued: 174.99 EUR, valid until 2026-01-31.');
    expect(quoteIssuedText(100, 'eur', '2026-01-31T10:00:00.000Z', true)).toMatch(/^Revised quote issued/);
    expect(paymentSucceededText(100, 'gbp')).toBe('Payment received: 1.00 GBP.');
  });
});
