import { parseOpeningHours, type OpeningHours } from '@repairhub/contracts';
import { bookingWindow, dayBounds, isRefusal, slotStartingAt, slotsOfDay, upcomingSlots, type SlotRules } from './slot-calendar.js';

const hours = (text: string) => parseOpeningHours(text) as OpeningHours[];
const london: SlotRules = { timeZone: 'Europe/London', slotMinutes: 30, bookingDays: 14, openingHours: hours('Mon-Fri 09:00-18:00; Sat 10:00-12:00') };
const iso = (d: Date) => d.toISOString();

describe('drop-off slot calendar', () => {
  it('cuts the opening hours into slots that end by closing time', () => {
    const slots = slotsOfDay('2026-12-05', london); // a Saturday, GMT
    expect(slots.map((s) => s.time)).toEqual(['10:00', '10:30', '11:00', '11:30']);
    expect(iso(slots[0].startsAt)).toBe('2026-12-05T10:00:00.000Z');
    expect(iso(slots[3].endsAt)).toBe('2026-12-05T12:00:00.000Z');
    expect(slotsOfDay('2026-12-05', { ...london, slotMinutes: 45 }).map((s) => s.time)).toEqual(['10:00', '10:45']);
  });

  it('offers nothing on a closed day', () => {
    expect(slotsOfDay('2026-12-06', london)).toEqual([]); // Sunday
  });

  it('keeps local times across a DST change: 10:00 is 09:00Z in summer and 10:00Z in winter', () => {
    expect(iso(slotsOfDay('2026-10-23', london)[2].startsAt)).toBe('2026-10-23T09:00:00.000Z'); // Friday, BST
    expect(iso(slotsOfDay('2026-10-26', london)[2].startsAt)).toBe('2026-10-26T10:00:00.000Z'); // Monday, GMT
    const bounds = dayBounds('2026-10-25', 'Europe/London');
    expect(bounds.end.getTime() - bounds.start.getTime()).toBe(25 * 3_600_000);
  });

  it('leaves out local times the clocks skip and lists repeated hours once', () => {
    const night: SlotRules = { ...london, slotMinutes: 60, openingHours: hours('Sun 00:00-04:00') };
    expect(slotsOfDay('2026-03-29', night).map((s) => s.time)).toEqual(['00:00', '02:00', '03:00']);
    expect(slotsOfDay('2026-03-29', night).map((s) => iso(s.startsAt))).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z']);
    const autumn = slotsOfDay('2026-10-25', night).map((s) => iso(s.startsAt));
    expect(autumn).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T02:00:00.000Z', '2026-10-25T03:00:00.000Z']);
    expect(new Set(autumn).size).toBe(autumn.length);
  });

  it('uses the shop’s local day, not UTC’s, for today and the window', () => {
    const tokyo: SlotRules = { ...london, timeZone: 'Asia/Tokyo', bookingDays: 3 };
    // 20:00 UTC on Tuesday 1 December is already Wednesday 05:00 in Tokyo.
    expect(bookingWindow(tokyo, new Date('2026-12-01T20:00:00Z'))).toEqual({ first: '2026-12-02', last: '2026-12-04' });
  });

  it('never offers past slots or days beyond the booking window', () => {
    const now = new Date('2026-12-04T11:10:00Z'); // Friday 11:10 GMT
    const slots = upcomingSlots({ ...london, bookingDays: 2 }, now, '2026-12-01', 10);
    expect(slots[0].time).toBe('11:30');
    expect(slots.every((s) => s.startsAt > now)).toBe(true);
    expect([...new Set(slots.map((s) => s.date))]).toEqual(['2026-12-04', '2026-12-05']);
    expect(upcomingSlots(london, now, '2026-12-07', 1).map((s) => s.date)).toEqual(Array(18).fill('2026-12-07'));
    // Counted from `from`, even when it is before today: two days from yesterday is only today.
    expect([...new Set(upcomingSlots(london, now, '2026-12-03', 2).map((s) => s.date))]).toEqual(['2026-12-04']);
  });

  it('accepts exactly a slot start and says why anything else is refused', () => {
    const now = new Date('2026-12-04T11:10:00Z');
    const slot = slotStartingAt(london, now, new Date('2026-12-05T10:30:00Z'));
    expect(isRefusal(slot) ? slot : slot.time).toBe('10:30');
    const refusal = (at: string) => {
      const result = slotStartingAt(london, now, new Date(at));
      return isRefusal(result) ? result.code : 'booked';
    };
    expect(refusal('2026-12-04T11:00:00Z')).toBe('APPOINTMENT.IN_PAST');
    expect(refusal('2026-12-05T10:15:00Z')).toBe('APPOINTMENT.NOT_A_SLOT');
    expect(refusal('2026-12-05T12:00:00Z')).toBe('APPOINTMENT.NOT_A_SLOT'); // closing time
    expect(refusal('2026-12-06T10:00:00Z')).toBe('APPOINTMENT.NOT_A_SLOT'); // Sunday
    expect(refusal('2026-12-17T10:00:00Z')).toBe('booked'); // the 14th day
    expect(refusal('2026-12-18T10:00:00Z')).toBe('APPOINTMENT.TOO_FAR_AHEAD');
  });
});
