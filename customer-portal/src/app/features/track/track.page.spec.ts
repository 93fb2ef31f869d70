import { quoteSummary, readerDate } from './track.page';

const quote = { partsCost: 12_999, laborCost: 4_500, total: 17_499, currency: 'usd', status: 'pending', notes: null, expiresAt: '2026-12-08T15:30:00.000Z' } as const;

describe('public tracking page', () => {
  it('formats dates for the reader’s locale', () => {
    const iso = '2026-12-08T15:30:00.000Z';
    expect(readerDate(iso, 'de-DE')).toBe(new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
    expect(readerDate(iso, 'de-DE')).not.toBe(readerDate(iso, 'en-US'));
  });

  it('offers to accept a pending quote, with its validity, in the reader’s money format', () => {
    const summary = quoteSummary(quote, 'en-US');
    expect(summary.total).toBe('$174.99');
    expect(summary.canAccept).toBe(true);
    expect(summary.detail).toBe(`Valid until ${readerDate(quote.expiresAt, 'en-US')}.`);
    expect(quoteSummary(quote, 'de-DE').total).toMatch(/174,99/);
  });

  it('says what became of a quote that is no longer open, and offers nothing', () => {
    expect(quoteSummary({ ...quote, status: 'accepted' }, 'en-US')).toEqual({ total: '$174.99', detail: 'Accepted and paid.', canAccept: false });
    expect(quoteSummary({ ...quote, status: 'expired' }, 'en-US').canAccept).toBe(false);
  });
});
