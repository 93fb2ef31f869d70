import type { RepairStatus } from './enums.js';

/** Longest range `GET /appointments/slots` answers in one call. */
export const SLOT_QUERY_DAYS_MAX = 31;

/** One bookable drop-off slot. `date` and `time` are the shop's local day and start time. */
export interface AppointmentSlot {
  /** ISO instant: what `dropOffAt` must be to book it. */
  startsAt: string;
  endsAt: string;
  /** `YYYY-MM-DD` in the shop's time zone. */
  date: string;
  /** `HH:MM`, 24-hour, in the shop's time zone. */
  time: string;
  /** A seat is left (fewer bookings than `SHOP_SLOT_CAPACITY`). */
  free: boolean;
}

/** The slots of one local day (days without any slot left to offer are omitted). */
export interface AppointmentDay {
  date: string;
  slots: AppointmentSlot[];
}

/** `GET /appointments/slots?from&days` (signed in). Past slots and closed hours are never listed. */
export interface AppointmentSlotsView {
  /** IANA name (`SHOP_TIMEZONE`): every `date` and `time` is local to it. */
  timeZone: string;
  slotMinutes: number;
  /** How many days ahead, today included, may be booked. */
  bookingDays: number;
  days: AppointmentDay[];
}

export interface AppointmentSlotsQuery {
  /** `YYYY-MM-DD`, the shop's local date; default today. */
  from?: string;
  /** Default: the whole booking window. */
  days?: number;
}

/** The booked drop-off of a repair, on `RepairDetail.dropOff`. */
export interface DropOffView {
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

/** One drop-off of a day, for staff. */
export interface DropOffItem {
  repairId: string;
  ticketNumber: string;
  startsAt: string;
  endsAt: string;
  /** `HH:MM` local start. */
  time: string;
  customerName: string;
  deviceLabel: string;
  status: RepairStatus;
}

/** `GET /appointments?date=YYYY-MM-DD` (technician, admin): that local day's drop-offs, earliest first. */
export interface DropOffDayView {
  date: string;
  timeZone: string;
  items: DropOffItem[];
}

export interface DropOffDayQuery {
  /** Default: today in the shop's time zone. */
  date?: string;
}

/** `PUT /repairs/:id/drop-off` (the owner): move the drop-off to another free slot. */
export interface RescheduleDropOffRequest {
  dropOffAt: string;
}

/** "Tue 2 Dec, 10:30" in `timeZone`: how both apps print a drop-off time. */
export function formatShopDateTime(iso: string, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

/** "Tuesday 2 December" (or "Tue 2 Dec") for a local `YYYY-MM-DD` date, read at noon UTC so no zone moves it to another day. */
export function formatLocalDate(date: string, style: 'long' | 'short' = 'long', locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { weekday: style, day: 'numeric', month: style, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}
