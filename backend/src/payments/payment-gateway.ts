import type { Currency, PaymentStatus } from '@repairhub/contracts';
import type { IntentFacts } from './payment-rules.js';

/** What a new payment attempt asks the provider for. Amounts in ISO minor units, as we store them. */
export interface IntentRequest {
  paymentId: string;
  quoteId: string;
  repairRequestId: string;
  attempt: number;
  amount: number;
  currency: Currency;
  idempotencyKey: string;
}

export interface CreatedIntent {
  providerRef: string;
  /** Handed to the checkout page only; never stored or logged. */
  clientSecret: string;
}

/** The provider's current view of an intent, in the shape its webhooks carry (provider amount units). */
export type ProviderIntent = IntentFacts & IntentDetails & { status: string };

export interface IntentDetails {
  last_payment_error?: { code?: string; decline_code?: string; message?: string } | null;
  cancellation_reason?: string | null;
}

/** The parts of a charge we read when a refund is reported. */
export interface ChargeFacts {
  id: string;
  amount: number;
  amount_refunded: number;
  currency: string;
  payment_intent: string | { id: string } | null;
}

/** A payment as the provider knows it (ours, with its provider reference). */
export interface ProviderPayment {
  id: string;
  quoteId: string;
  repairRequestId: string;
  attempt: number;
  amount: number;
  currency: Currency;
  providerRef: string;
}

export interface RefundRequest {
  refundId: string;
  payment: ProviderPayment;
  amount: number;
  /** The payment's refunded total once this refund has gone through. */
  refundedTotal: number;
  reason: string;
  idempotencyKey: string;
}

/** A webhook delivery: the exact bytes and the signature header, as the provider sends them. */
export interface SignedEvent {
  payload: Buffer;
  signature: string;
}

export interface ProviderRefund {
  providerRef: string;
  /** A provider that settles refunds at once (test mode) returns the signed event it would send. */
  confirmation: SignedEvent | null;
}

/** A verified webhook event, classified; `objectId` and `type` are recorded as received. */
export interface PaymentEvent {
  id: string;
  type: string;
  objectId: string | null;
  livemode: boolean;
  change: PaymentChange | null;
}

export interface IntentChange {
  kind: 'intent';
  /** The payment status the intent's state means. */
  status: PaymentStatus;
  intent: ProviderIntent;
}

export type PaymentChange = IntentChange | { kind: 'refund'; charge: ChargeFacts };

/** Test mode's stand-in for the customer at the checkout page. */
export interface PaymentSimulator {
  /** The signed event the provider would send when the customer pays or is declined. */
  outcome(payment: ProviderPayment, outcome: 'succeeded' | 'failed'): SignedEvent;
}

/**
 * The payment provider port; its adapter is chosen once at start (see `payment-gateway.provider.ts`).
 * Every failure the customer or admin should see is a DomainError (409 rejected, 503 unreachable).
 */
export abstract class PaymentGateway {
  /** Payments made through this gateway move no real money (recorded on each payment). */
  abstract readonly testMode: boolean;
  /** For the portal's checkout; null when it has none to offer. */
  abstract readonly publishableKey: string | null;

  /** Idempotent: the same request with the same key returns the same intent. */
  abstract createIntent(request: IntentRequest): Promise<CreatedIntent>;

  /** The client secret of an intent created earlier (it is never stored). */
  abstract clientSecret(providerRef: string): Promise<string>;

  /**
   * Makes sure a superseded attempt can no longer be paid. 409 `PAYMENT.PREVIOUS_ATTEMPT_PAID` when
   * it was paid after all.
   */
  abstract closeAttempt(payment: ProviderPayment, idempotencyKey: string): Promise<void>;

  /**
   * Reconciliation: the intent as the provider has it now and what it means; null when it is in no
   * state we act on, or the provider has nothing to tell beyond its webhooks.
   */
  abstract fetchIntent(providerRef: string): Promise<IntentChange | null>;

  abstract refund(request: RefundRequest): Promise<ProviderRefund>;

  /** Verifies the signature over the exact bytes received (400 when missing, wrong or too old). */
  abstract verifyEvent(rawBody: Buffer | undefined, signature: string | string[] | undefined): PaymentEvent;

  /** Test mode only; real providers refuse (403 `PAYMENT.TEST_MODE_DISABLED`). */
  abstract simulator(): PaymentSimulator;
}
