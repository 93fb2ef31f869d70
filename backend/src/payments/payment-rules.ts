import type { Currency } from '@repairhub/contracts';
import { toStripeAmount } from './stripe-amount.js';

/** What we recorded when the intent was created. */
export interface PaymentFacts {
  id: string;
  quoteId: string;
  repairRequestId: string;
  amount: number;
  currency: Currency;
  providerRef: string;
}

/** The parts of a Stripe PaymentIntent we check (the event's copy of it). */
export interface IntentFacts {
  id: string;
  amount: number;
  amount_received?: number | null;
  currency: string;
  metadata?: Record<string, string> | null;
}

/**
 * Why a signed PaymentIntent event does not describe our payment, or null when it does. A valid
 * signature only proves the event came from Stripe; the intent id, amount, currency and our own
 * metadata must still match what we asked for before money is believed to have arrived.
 */
export function intentMismatch(payment: PaymentFacts, intent: IntentFacts, succeeded: boolean): string | null {
  if (intent.id !== payment.providerRef) return 'intent id';
  if (intent.currency !== payment.currency) return 'currency';
  const expected = toStripeAmount(payment.amount, payment.currency);
  if (intent.amount !== expected) return 'amount';
  if (succeeded && intent.amount_received !== undefined && intent.amount_received !== null && intent.amount_received !== expected) {
    return 'amount received';
  }
  const meta = intent.metadata ?? {};
  if (meta.payment_id !== payment.id || meta.quote_id !== payment.quoteId || meta.repair_request_id !== payment.repairRequestId) return 'metadata';
  return null;
}

/**
 * Which pending refunds (oldest first) a charge's cumulative `amount_refunded` covers: the refund
 * amounts accumulate in the order we asked for them.
 */
export function confirmedRefunds<T extends { amount: number }>(alreadyConfirmed: number, pending: T[], refundedTotal: number): T[] {
  const confirmed: T[] = [];
  let total = alreadyConfirmed;
  for (const refund of pending) {
    if (total + refund.amount > refundedTotal) break;
    total += refund.amount;
    confirmed.push(refund);
  }
  return confirmed;
}
