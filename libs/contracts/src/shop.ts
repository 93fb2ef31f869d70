import type { Currency } from './money.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One line of the opening hours: the days it covers (in week order) and the times, `HH:MM` 24-hour. */
export interface OpeningHours {
  days: Weekday[];
  opens: string;
  closes: string;
}

/** `GET /shop`: what the apps print about the shop (pickup information, receipts, the quote form's currencies). */
export interface ShopView {
  name: string;
  address: string;
  /** Days not listed are closed. */
  openingHours: OpeningHours[];
  /** The shop's own currency: the quote form's default. */
  currency: Currency;
  /** Every currency quotes may be issued in, the shop's own first. */
  currencies: Currency[];
}

const DAY_NAMES: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** One readable line per entry: `Mon–Fri 09:00–18:00`. */
export function formatOpeningHours(hours: readonly OpeningHours[]): string[] {
  return hours.map(({ days, opens, closes }) => {
    const first = DAY_NAMES[days[0]];
    const range = days.length > 1 ? `${first}–${DAY_NAMES[days[days.length - 1]]}` : first;
    return `${range} ${opens}–${closes}`;
  });
}

const DAY_PATTERN = '(mon|tue|wed|thu|fri|sat|sun)';
const TIME_PATTERN = '([01]\\d|2[0-3]):[0-5]\\d';
const LINE = new RegExp(`^${DAY_PATTERN}(?:-${DAY_PATTERN})?\\s+(${TIME_PATTERN})-(${TIME_PATTERN})$`, 'i');

/**
 * Parses opening hours written as `Mon-Fri 09:00-18:00; Sat 10:00-14:00`: lines separated by `;`,
 * each a day or a day range and a time range. Returns a sentence saying what is wrong instead when
 * the text does not follow that form, a range runs backwards or a day is listed twice.
 */
export function parseOpeningHours(text: string): OpeningHours[] | string {
  const seen = new Set<Weekday>();
  const lines: OpeningHours[] = [];
  for (const raw of text.split(';').map((l) => l.trim()).filter(Boolean)) {
    const match = LINE.exec(raw);
    if (!match) return `"${raw}" is not of the form "Mon-Fri 09:00-18:00"`;
    const first = WEEKDAYS.indexOf(match[1].toLowerCase() as Weekday);
    const last = match[2] ? WEEKDAYS.indexOf(match[2].toLowerCase() as Weekday) : first;
    const [opens, closes] = [match[3], match[5]];
    if (last < first) return `"${raw}": the days run backwards`;
    if (closes <= opens) return `"${raw}": closing time must be after opening time`;
    const days = WEEKDAYS.slice(first, last + 1);
    const repeated = days.find((d) => seen.has(d));
    if (repeated) return `"${raw}": ${repeated} is listed twice`;
    days.forEach((d) => seen.add(d));
    lines.push({ days: [...days], opens, closes });
  }
  return lines.length ? lines : 'must list at least one day, e.g. "Mon-Fri 09:00-18:00"';
}
