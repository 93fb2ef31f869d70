import { DateTime } from 'luxon';
import { WEEKDAYS, type ErrorCode, type OpeningHours } from '@repairhub/contracts';

/** What decides the slots: the shop's opening hours, local to `timeZone`. */
export interface SlotRules {
  timeZone: string;
  slotMinutes: number;
  bookingDays: number;
  openingHours: readonly OpeningHours[];
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  /** Local `YYYY-MM-DD`. */
  date: string;
  /** Local `HH:MM`. */
  time: string;
}

export type SlotRefusal = { code: Extract<ErrorCode, 'APPOINTMENT.IN_PAST' | 'APPOINTMENT.TOO_FAR_AHEAD' | 'APPOINTMENT.NOT_A_SLOT'>; message: string };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const localDay = (date: string, timeZone: string) => DateTime.fromISO(date, { zone: timeZone }).startOf('day');

export function localDateOf(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** The instants a local day starts and ends (23 or 25 hours apart on a DST change). */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  const start = localDay(date, timeZone);
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** First and last local dates that may be booked: today and `bookingDays - 1` after it. */
export function bookingWindow(rules: SlotRules, now: Date): { first: string; last: string } {
  const first = localDateOf(now, rules.timeZone);
  return { first, last: addDays(first, rules.bookingDays - 1) };
}

/**
 * Every slot of a local date within its opening hours, past ones included: slots start at opening
 * time, one every `slotMinutes`, and end by closing time. A local time the clocks skip on a DST
 * change does not exist that day and is left out.
 */
export function slotsOfDay(date: string, rules: SlotRules): Slot[] {
  const day = localDay(date, rules.timeZone);
  const weekday = WEEKDAYS[day.weekday - 1];
  const slots: Slot[] = [];
  for (const line of rules.openingHours.filter((l) => l.days.includes(weekday))) {
    for (let m = minutesOf(line.opens); m + rules.slotMinutes <= minutesOf(line.closes); m += rules.slotMinutes) {
      const [hour, minute] = [Math.floor(m / 60), m % 60];
      const start = day.set({ hour, minute });
      if (start.hour !== hour || start.minute !== minute) continue;
      slots.push({ startsAt: start.toJSDate(), endsAt: start.plus({ minutes: rules.slotMinutes }).toJSDate(), date, time: start.toFormat('HH:mm') });
    }
  }
  return slots;
}

/** The slots still to come in `days` local days from `from`, clipped to the booking window. */
export function upcomingSlots(rules: SlotRules, now: Date, from: string, days: number): Slot[] {
  const window = bookingWindow(rules, now);
  const requestedLast = addDays(from, days - 1);
  const last = requestedLast < window.last ? requestedLast : window.last;
  const slots: Slot[] = [];
  for (let date = from > window.first ? from : window.first; date <= last; date = addDays(date, 1)) {
    slots.push(...slotsOfDay(date, rules).filter((s) => s.startsAt > now));
  }
  return slots;
}

/** The slot starting exactly at `instant` if it may be booked now, or why not. */
export function slotStartingAt(rules: SlotRules, now: Date, instant: Date): Slot | SlotRefusal {
  if (instant <= now) return { code: 'APPOINTMENT.IN_PAST', message: 'That drop-off time has already passed; pick a later slot.' };
  const date = localDateOf(instant, rules.timeZone);
  if (date > bookingWindow(rules, now).last) {
    return { code: 'APPOINTMENT.TOO_FAR_AHEAD', message: `Drop-offs can be booked at most ${rules.bookingDays} days ahead.` };
  }
  const slot = slotsOfDay(date, rules).find((s) => s.startsAt.getTime() === instant.getTime());
  return slot ?? { code: 'APPOINTMENT.NOT_A_SLOT', message: 'dropOffAt must be the start of a drop-off slot within the shop’s opening hours.' };
}

export const isRefusal = (value: Slot | SlotRefusal): value is SlotRefusal => 'code' in value;
