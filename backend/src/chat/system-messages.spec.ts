import { callFinishedText, callStartedText, formatDay, paymentRefundedText, paymentSucceededText, quoteIssuedText, statusChangedText } from './system-messages.js';

const now = new Date('2026-12-01T12:00:00Z');

describe('system message texts', () => {
  it('writes dates as a reader would, with the year only when it is not this one', () => {
    expect(formatDay('2026-12-11T23:00:00.000Z', now)).toBe('Dec 11');
    expect(formatDay('2027-01-05T10:00:00.000Z', now)).toBe('Jan 5, 2027');
  });

  it('tells the quote with formatted money, and a revised quote from the first one', () => {
    expect(quoteIssuedText(17_450, 'usd', '2026-12-11T10:00:00.000Z', false, now)).toBe('The technician sent a quote: $174.50, valid until Dec 11.');
    expect(quoteIssuedText(5_000, 'jpy', '2026-12-11T10:00:00.000Z', true, now)).toBe('The technician sent a revised quote: ¥5,000, valid until Dec 11.');
  });

  it('uses the apps’ status labels, never the raw status nor the note', () => {
    expect(statusChangedText('in_progress', 'technician')).toBe('In progress: work on the device has started.');
    expect(statusChangedText('completed', 'admin')).toBe('Completed: the device is ready for pickup.');
    expect(statusChangedText('cancelled', 'customer')).toBe('Cancelled: the customer cancelled the request.');
  });

  it('stays silent where the quote or the payment note already tells the change', () => {
    expect(statusChangedText('quoted', 'system')).toBeNull();
    expect(statusChangedText('approved', 'system')).toBeNull();
  });

  it('tells payments and full or partial refunds in money', () => {
    expect(paymentSucceededText(17_450, 'usd')).toBe('Payment received: $174.50. The repair is approved.');
    expect(paymentRefundedText(17_450, 17_450, 'usd')).toBe('Refunded in full: $174.50 goes back to the customer.');
    expect(paymentRefundedText(5_000, 17_450, 'eur')).toBe('Partly refunded: €50.00 of the €174.50 payment goes back to the customer.');
  });

  it('tells video calls in plain words, an ended one with its length', () => {
    expect(callStartedText('technician')).toBe('Video call started by the technician.');
    expect(callFinishedText('ended', 252)).toBe('Video call ended · 4 min 12 s');
    expect(callFinishedText('ended', null)).toBe('Video call ended.');
    expect(callFinishedText('missed', null)).toBe('Missed video call.');
    expect(callFinishedText('declined', 0)).toBe('Video call declined.');
  });
});
