import { formatCallDuration, formatMoney, REPAIR_STATUS_LABELS, type Actor, type Currency, type RepairStatus } from '@repairhub/contracts';

/**
 * The text of the `system` messages that make a conversation the repair's timeline, in the words
 * the apps use (status labels from `libs/contracts`), money and dates written out. Both the
 * customer and the technician read them, so they name neither as "you". A status note stays in
 * the status timeline and is not repeated here.
 */

const LOCALE = 'en-US';

/** `Dec 11`, or `Dec 11, 2027` when not in the current year (UTC, like every stored time). */
export function formatDay(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear();
  return new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), timeZone: 'UTC' }).format(date);
}

const money = (amount: number, currency: Currency) => formatMoney(amount, currency, LOCALE);

const STATUS_SENTENCE: Record<RepairStatus, string> = {
  submitted: 'the request is waiting for a technician.',
  quoted: 'a quote is waiting for the customer’s answer.',
  approved: 'the repair can start.',
  in_progress: 'work on the device has started.',
  completed: 'the device is ready for pickup.',
  cancelled: 'this repair request is closed.',
};

/**
 * `null` when another note already tells the change: a first quote moves the repair to "Quote
 * ready" and a payment approves it, each with its own note.
 */
export function statusChangedText(to: RepairStatus, actorRole: Actor): string | null {
  if (actorRole === 'system' && (to === 'quoted' || to === 'approved')) return null;
  if (to === 'cancelled' && actorRole === 'customer') return `${REPAIR_STATUS_LABELS.cancelled}: the customer cancelled the request.`;
  return `${REPAIR_STATUS_LABELS[to]}: ${STATUS_SENTENCE[to]}`;
}

export function quoteIssuedText(total: number, currency: Currency, expiresAt: string, replaces: boolean, now?: Date): string {
  return `The technician sent ${replaces ? 'a revised quote' : 'a quote'}: ${money(total, currency)}, valid until ${formatDay(expiresAt, now)}.`;
}

export function paymentSucceededText(amount: number, currency: Currency): string {
  return `Payment received: ${money(amount, currency)}. The repair is ${REPAIR_STATUS_LABELS.approved.toLowerCase()}.`;
}

export function paymentRefundedText(amountRefunded: number, amount: number, currency: Currency): string {
  return amountRefunded >= amount
    ? `Refunded in full: ${money(amount, currency)} goes back to the customer.`
    : `Partly refunded: ${money(amountRefunded, currency)} of the ${money(amount, currency)} payment goes back to the customer.`;
}

export function technicianAssignedText(reassigned: boolean): string {
  return reassigned ? 'The repair was handed over to another technician.' : 'A technician took on this repair.';
}

export function callStartedText(callerRole: 'customer' | 'technician'): string {
  return `Video call started by the ${callerRole}.`;
}

export const CALL_ANSWERED_TEXT = 'Video call answered.';

/** A finished call as the timeline tells it; `durationSeconds` is null for a call cut before anyone answered. */
export function callFinishedText(status: 'ended' | 'declined' | 'missed', durationSeconds: number | null): string {
  if (status === 'ended') return durationSeconds === null ? 'Video call ended.' : `Video call ended · ${formatCallDuration(durationSeconds)}`;
  return status === 'declined' ? 'Video call declined.' : 'Missed video call.';
}
