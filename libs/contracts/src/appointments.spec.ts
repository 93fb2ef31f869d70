import { formatLocalDate, formatShopDateTime } from './appointments.js';

describe('drop-off time formatting', () => {
  it('prints an instant in the shop’s time zone, not the reader’s', () => {
    expect(formatShopDateTime('2026-07-02T09:30:00Z', 'Europe/London')).toBe('Thu 2 Jul, 10:30');
    expect(formatShopDateTime('2026-12-02T09:30:00Z', 'Europe/London')).toBe('Wed 2 Dec, 09:30');
    expect(formatShopDateTime('2026-12-02T03:30:00Z', 'America/New_York')).toBe('Tue 1 Dec, 22:30');
  });

  it('prints a local date as that same day in every zone', () => {
    expect(formatLocalDate('2026-12-31')).toBe('Thursday 31 December');
    expect(formatLocalDate('2027-01-01', 'short')).toBe('Fri 1 Jan');
  });
});
