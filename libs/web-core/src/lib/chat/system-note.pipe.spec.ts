import { systemNoteText } from './system-note.pipe';

const quote = {
  content: 'The technician sent a quote: $174.50, valid until Dec 11.',
  event: { kind: 'quote_issued', total: 17_450, currency: 'usd', expiresAt: '2026-12-11T23:30:00.000Z', revised: false },
} as const;

describe('systemNoteText', () => {
  it('writes money and the date in the reader’s locale and time zone', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(systemNoteText(quote, { locale: 'en-US', timeZone: 'America/New_York', now })).toBe('The technician sent a quote: $174.50, valid until Dec 11.');
    // Half past eleven at night in UTC is already the 12th in Berlin, and Germans write the amount their way (with a no-break space).
    expect(systemNoteText(quote, { locale: 'de-DE', timeZone: 'Europe/Berlin', now }).replace(/\s/g, ' ')).toBe('The technician sent a quote: 174,50 $, valid until 12. Dez.');
  });

  it('falls back to the stored text for notes without an event', () => {
    expect(systemNoteText({ content: 'Status changed: Submitted → Quoted', event: null }, { locale: 'en-US', timeZone: 'UTC' })).toBe('Status changed: Submitted → Quoted');
  });
});
