import type { AppConfig } from '../config/configuration.js';
import {
  PaymentGateway,
  type CreatedIntent,
  type IntentChange,
  type IntentRequest,
  type PaymentEvent,
  type PaymentSimulator,
  type ProviderPayment,
  type ProviderRefund,
  type RefundRequest,
  type SignedEvent,
} from './payment-gateway.js';
import { testChargeId, testClientSecret, testIntentId, testRefundId } from './payment-keys.js';
import { toStripeAmount } from './stripe-amount.js';
import { signStripeEvent, verifyStripeEvent } from './stripe-events.js';

/**
 * The clearly labelled test mode (no STRIPE_SECRET_KEY, never in production): nothing leaves the
 * machine. What Stripe would send, it signs with the webhook secret, so its events go through the
 * same verification and processing as real ones. Ids are derived, so repeated calls agree.
 */
export class TestModePaymentGateway extends PaymentGateway implements PaymentSimulator {
  readonly testMode = true;
  readonly publishableKey = null;
  private readonly secret: string;

  constructor(stripe: Pick<AppConfig['stripe'], 'webhookSecret'>) {
    super();
    this.secret = stripe.webhookSecret;
  }

  async createIntent(request: IntentRequest): Promise<CreatedIntent> {
    // Refuses what Stripe could not charge, so test mode fails where live mode would.
    toStripeAmount(request.amount, request.currency);
    const providerRef = testIntentId(request.paymentId);
    return { providerRef, clientSecret: testClientSecret(providerRef, this.secret) };
  }

  clientSecret(providerRef: string): Promise<string> {
    return Promise.resolve(testClientSecret(providerRef, this.secret));
  }

  /** A test intent is only ever paid through test-confirm, which refuses a closed payment. */
  closeAttempt(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to ask: test payments move only through their signed events. */
  fetchIntent(): Promise<IntentChange | null> {
    return Promise.resolve(null);
  }

  /** Settled at once: the `charge.refunded` Stripe would send next is returned for delivery. */
  async refund(request: RefundRequest): Promise<ProviderRefund> {
    const { payment } = request;
    const amount = toStripeAmount(payment.amount, payment.currency);
    const refunded = toStripeAmount(request.refundedTotal, payment.currency);
    const confirmation = this.sign('charge.refunded', {
      id: testChargeId(payment.id),
      object: 'charge',
      amount,
      amount_refunded: refunded,
      currency: payment.currency,
      payment_intent: payment.providerRef,
      refunded: refunded >= amount,
      livemode: false,
      metadata: metadataOf(payment),
    });
    return { providerRef: testRefundId(request.refundId), confirmation };
  }

  verifyEvent(rawBody: Buffer | undefined, signature: string | string[] | undefined): PaymentEvent {
    return verifyStripeEvent(rawBody, signature, this.secret);
  }

  simulator(): PaymentSimulator {
    return this;
  }

  /** What Stripe.js + Stripe would produce when the customer pays or the card is declined. */
  outcome(payment: ProviderPayment, outcome: 'succeeded' | 'failed'): SignedEvent {
    const amount = toStripeAmount(payment.amount, payment.currency);
    const succeeded = outcome === 'succeeded';
    return this.sign(succeeded ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', {
      id: payment.providerRef,
      object: 'payment_intent',
      amount,
      amount_received: succeeded ? amount : 0,
      currency: payment.currency,
      status: succeeded ? 'succeeded' : 'requires_payment_method',
      livemode: false,
      metadata: { ...metadataOf(payment), attempt: String(payment.attempt) },
      last_payment_error: succeeded ? null : { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined. (test mode)' },
    });
  }

  private sign(type: string, object: Record<string, unknown>): SignedEvent {
    return signStripeEvent(type, object, this.secret);
  }
}

function metadataOf(payment: ProviderPayment): Record<string, string> {
  return { payment_id: payment.id, quote_id: payment.quoteId, repair_request_id: payment.repairRequestId };
}
