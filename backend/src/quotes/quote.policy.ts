import { effectiveQuoteStatus, QUOTE_DEFAULT_TTL_DAYS, QUOTE_MAX_TTL_DAYS, type QuoteStatus } from '@repairhub/contracts';
import { conflict, DomainError, invalid } from '../common/errors/domain-error.js';

const DAY_MS = 86_400_000;

const CLOSED: Record<Exclude<QuoteStatus, 'pending' | 'payment_pending'>, () => DomainError> = {
  expired: () => conflict('QUOTE.EXPIRED', 'This quote has expired. Ask the technician for a new one.'),
  withdrawn: () => conflict('QUOTE.WITHDRAWN', 'This quote was replaced or withdrawn.'),
  rejected: () => conflict('QUOTE.REJECTED', 'This quote was rejected.'),
  accepted: () => conflict('QUOTE.ALREADY_ACCEPTED', 'This quote has already been accepted and paid.'),
};

/**
 * Whether a customer may (still) accept this quote. Returns the effective status: `pending`, or
 * `payment_pending` when an acceptance is already under way (accepting again should return that
 * payment). Anything else throws a 409 with a code per reason: `QUOTE.EXPIRED` for a pending quote
 * past `expiresAt`, `QUOTE.WITHDRAWN`, `QUOTE.REJECTED`, `QUOTE.ALREADY_ACCEPTED`.
 */
export function assertAcceptable(quote: { status: QuoteStatus; expiresAt: Date | string }, now: Date = new Date()): 'pending' | 'payment_pending' {
  const status = effectiveQuoteStatus(quote, now);
  if (status === 'pending' || status === 'payment_pending') return status;
  throw CLOSED[status]();
}

/** Rejection is a decision on a pending quote only. */
export function assertRejectable(quote: { status: QuoteStatus; expiresAt: Date | string }, now: Date = new Date()): void {
  const status = effectiveQuoteStatus(quote, now);
  if (status === 'pending') return;
  if (status === 'payment_pending') throw conflict('QUOTE.PAYMENT_IN_PROGRESS', 'A payment for this quote is under way.');
  throw CLOSED[status]();
}

/** `expiresAt` as asked (future, within the maximum) or the default lifetime. */
export function resolveExpiry(requested: string | undefined, now: Date = new Date()): Date {
  if (requested === undefined) return new Date(now.getTime() + QUOTE_DEFAULT_TTL_DAYS * DAY_MS);
  const expiresAt = new Date(requested);
  if (expiresAt.getTime() <= now.getTime()) throw invalid('QUOTE.EXPIRY_IN_PAST', 'expiresAt must be in the future', 'expiresAt');
  if (expiresAt.getTime() > now.getTime() + QUOTE_MAX_TTL_DAYS * DAY_MS) {
    throw invalid('QUOTE.EXPIRY_TOO_FAR', `expiresAt must be within ${QUOTE_MAX_TTL_DAYS} days`, 'expiresAt');
  }
  return expiresAt;
}
