import { describeSystemEvent, formatDay, statusChangedEvent, type Reader, type SystemEvent } from './system-events.js';

const now = new Date('2026-12-01T12:00:00Z');
const utc: Reader = { locale: 'en-US', timeZone: 'UTC', now };
const text = (event: SystemEvent | null, reader: Reader = utc) => (event ? describeSystemEvent(event, reader) : null);

describe('system message texts', () => {
  it('writes dates as a reader would, with the year only when it is not this one', () => {
    expect(formatDay('2026-12-11T23:00:00.000Z', utc)).toBe('Dec 11');
    expect(formatDay('2027-01-05T10:00:00.000Z', utc)).toBe('Jan 5, 2027');
  });

  it('writes the day in the reader’s time zone, which may be another day than in UTC', () => {
    expect(formatDay('2026-12-11T23:00:00.000Z', { locale: 'en-US', timeZone: 'Asia/Tokyo', now })).toBe('Dec 12');
    expect(formatDay('2026-12-31T23:30:00.000Z', { locale: 'en-GB', timeZone: 'Europe/Paris', now })).toBe('1 Jan 2027');
  });

  it('tells the quote with formatted money, and a revised quote from the first one', () => {
    const quote = { kind: 'quote_issued', total: 17_450, currency: 'usd', expiresAt: '2026-12-11T10:00:00.000Z', revised: false } as const;
    expect(text(quote)).toBe('The technician sent a quote: $174.50, valid until Dec 11.');
    expect(text({ ...quote, total: 5_000, currency: 'jpy', revised: true })).toBe('The technician sent a revised quote: ¥5,000, valid until Dec 11.');
    // French puts (no-break) spaces before the currency sign and ends the short month with a full stop: one full stop only.
    expect(text(quote, { locale: 'fr-FR', timeZone: 'Europe/Paris', now })?.replace(/\s/g, ' ')).toBe('The technician sent a quote: 174,50 $US, valid until 11 déc.');
  });

  it('uses the apps’ status labels, never the raw status nor the note', () => {
    expect(text(statusChangedEvent('in_progress', 'technician'))).toBe('In progress: work on the device has started.');
    expect(text(statusChangedEvent('completed', 'admin'))).toBe('Completed: the device is ready for pickup.');
    expect(text(statusChangedEvent('cancelled', 'customer'))).toBe('Cancelled: the customer cancelled the request.');
  });

  it('stays silent where the quote or the payment note already tells the change', () => {
    expect(statusChangedEvent('quoted', 'system')).toBeNull();
    expect(statusChangedEvent('approved', 'system')).toBeNull();
  });

  it('tells payments and full or partial refunds in money', () => {
    expect(text({ kind: 'payment_succeeded', amount: 17_450, currency: 'usd' })).toBe('Payment received: $174.50. The repair is approved.');
    expect(text({ kind: 'payment_refunded', amountRefunded: 17_450, amount: 17_450, currency: 'usd' })).toBe('Refunded in full: $174.50 goes back to the customer.');
    expect(text({ kind: 'payment_refunded', amountRefunded: 5_000, amount: 17_450, currency: 'eur' })).toBe(
      'Partly refunded: €50.00 of the €174.50 payment goes back to the customer.',
    );
  });

  it('tells a hand-over apart from a first assignment', () => {
    expect(text({ kind: 'technician_assigned', reassigned: false })).toBe('A technician took on this repair.');
    expect(text({ kind: 'technician_assigned', reassigned: true })).toBe('The repair was handed over to another technician.');
  });

  it('tells video calls in plain words, an ended one with its length', () => {
    expect(text({ kind: 'call_started', by: 'technician' })).toBe('Video call started by the technician.');
    expect(text({ kind: 'call_answered' })).toBe('Video call answered.');
    expect(text({ kind: 'call_finished', outcome: 'ended', durationSeconds: 252 })).toBe('Video call ended · 4 min 12 s');
    expect(text({ kind: 'call_finished', outcome: 'ended', durationSeconds: null })).toBe('Video call ended.');
    expect(text({ kind: 'call_finished', outcome: 'missed', durationSeconds: null })).toBe('Missed video call.');
    expect(text({ kind: 'call_finished', outcome: 'declined', durationSeconds: 0 })).toBe('Video call declined.');
  });
});
