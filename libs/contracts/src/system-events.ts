import { REPAIR_STATUS_LABELS } from './labels.js';
import { formatMoney, type Currency } from './money.js';
import type { Actor, RepairStatus } from './enums.js';
import { formatCallDuration } from './calls.js';

/**
 * What a `system` message records, as data: each reader's app writes it in their own locale and
 * time zone; the message's `content` is the same text written once on the server for API clients.
 */
export type SystemEvent =
  | { kind: 'status_changed'; to: RepairStatus; by: Actor }
  | { kind: 'quote_issued'; total: number; currency: Currency; expiresAt: string; revised: boolean }
  | { kind: 'payment_succeeded'; amount: number; currency: Currency }
  | { kind: 'payment_refunded'; amountRefunded: number; amount: number; currency: Currency }
  | { kind: 'technician_assigned'; reassigned: boolean }
  | { kind: 'call_started'; by: 'customer' | 'technician' }
  | { kind: 'call_answered' }
  /** `durationSeconds` is null for a call cut before anyone answered. */
  | { kind: 'call_finished'; outcome: 'ended' | 'declined' | 'missed'; durationSeconds: number | null };

export const SYSTEM_EVENT_KINDS = [
  'status_changed',
  'quote_issued',
  'payment_succeeded',
  'payment_refunded',
  'technician_assigned',
  'call_started',
  'call_answered',
  'call_finished',
] as const;

/** Who reads the text: a BCP 47 locale and an IANA time zone. `now` decides whether a date needs its year. */
export interface Reader {
  locale: string;
  timeZone: string;
  now?: Date;
}

/**
 * `null` when another note already tells the change: a first quote moves the repair to "Quote
 * ready" and a payment approves it, each with its own note.
 */
export function statusChangedEvent(to: RepairStatus, by: Actor): SystemEvent | null {
  if (by === 'system' && (to === 'quoted' || to === 'approved')) return null;
  return { kind: 'status_changed', to, by };
}

const STATUS_SENTENCE: Record<RepairStatus, string> = {
  submitted: 'the request is waiting for a technician.',
  quoted: 'a quote is waiting for the customer’s answer.',
  approved: 'the repair can start.',
  in_progress: 'work on the device has started.',
  completed: 'the device is ready for pickup.',
  cancelled: 'this repair request is closed.',
};

/** `Dec 11` in the reader's zone, with the year only when it is not the reader's current one. */
export function formatDay(iso: string, reader: Reader): string {
  const { locale, timeZone } = reader;
  const year = (d: Date) => new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(d);
  const date = new Date(iso);
  const sameYear = year(date) === year(reader.now ?? new Date());
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), timeZone }).format(date);
}

/** Some locales end a short date with a full stop (`12. Dez.`): one is enough. */
const endSentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);

/**
 * The event in words, with the apps' status labels and money and dates formatted for the reader.
 * Both the customer and the technician read it, so it names neither as "you".
 */
export function describeSystemEvent(event: SystemEvent, reader: Reader): string {
  const money = (amount: number, currency: Currency) => formatMoney(amount, currency, reader.locale);
  switch (event.kind) {
    case 'status_changed':
      return event.to === 'cancelled' && event.by === 'customer'
        ? `${REPAIR_STATUS_LABELS.cancelled}: the customer cancelled the request.`
        : `${REPAIR_STATUS_LABELS[event.to]}: ${STATUS_SENTENCE[event.to]}`;
    case 'quote_issued':
      return endSentence(`The technician sent ${event.revised ? 'a revised quote' : 'a quote'}: ${money(event.total, event.currency)}, valid until ${formatDay(event.expiresAt, reader)}`);
    case 'payment_succeeded':
      return `Payment received: ${money(event.amount, event.currency)}. The repair is ${REPAIR_STATUS_LABELS.approved.toLowerCase()}.`;
    case 'payment_refunded':
      return event.amountRefunded >= event.amount
        ? `Refunded in full: ${money(event.amount, event.currency)} goes back to the customer.`
        : `Partly refunded: ${money(event.amountRefunded, event.currency)} of the ${money(event.amount, event.currency)} payment goes back to the customer.`;
    case 'technician_assigned':
      return event.reassigned ? 'The repair was handed over to another technician.' : 'A technician took on this repair.';
    case 'call_started':
      return `Video call started by the ${event.by}.`;
    case 'call_answered':
      return 'Video call answered.';
    case 'call_finished':
      if (event.outcome === 'ended') return event.durationSeconds === null ? 'Video call ended.' : `Video call ended · ${formatCallDuration(event.durationSeconds)}`;
      return event.outcome === 'declined' ? 'Video call declined.' : 'Missed video call.';
  }
}
