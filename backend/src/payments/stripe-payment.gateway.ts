import { Logger } from '@nestjs/common';
import Stripe from 'stripe';
import type { AppConfig } from '../config/configuration.js';
import { conflict, DomainError, forbidden } from '../common/errors/domain-error.js';
import {
  PaymentGateway,
  type CreatedIntent,
  type IntentChange,
  type IntentRequest,
  type PaymentEvent,
  type PaymentSimulator,
  type ProviderIntent,
  type ProviderPayment,
  type ProviderRefund,
  type RefundRequest,
} from './payment-gateway.js';
import { intentChange, verifyStripeEvent } from './stripe-events.js';
import { toStripeAmount } from './stripe-amount.js';

/** Stripe, through the official client: every Stripe-specific request and mapping lives here. */
export class StripePaymentGateway extends PaymentGateway {
  readonly testMode = false;
  readonly publishableKey: string | null;
  private readonly logger = new Logger('Stripe');
  private readonly client: Stripe;
  private readonly webhookSecret: string;

  constructor(stripe: AppConfig['stripe'] & { secretKey: string }) {
    super();
    this.publishableKey = stripe.publishableKey;
    this.webhookSecret = stripe.webhookSecret;
    const url = stripe.apiUrl ? new URL(stripe.apiUrl) : null;
    this.client = new Stripe(stripe.secretKey, {
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
      appInfo: { name: 'RepairHub' },
      ...(url
        ? {
            host: url.hostname,
            port: url.port || (url.protocol === 'http:' ? 80 : 443),
            protocol: url.protocol === 'http:' ? 'http' : 'https',
          }
        : {}),
    });
  }

  async createIntent(request: IntentRequest): Promise<CreatedIntent> {
    const amount = toStripeAmount(request.amount, request.currency);
    const intent = await this.call('create the payment', () =>
      this.client.paymentIntents.create(
        {
          amount,
          currency: request.currency,
          automatic_payment_methods: { enabled: true },
          description: `RepairHub quote ${request.quoteId}`,
          metadata: { payment_id: request.paymentId, quote_id: request.quoteId, repair_request_id: request.repairRequestId, attempt: String(request.attempt) },
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    if (intent.amount !== amount || intent.currency !== request.currency || !intent.client_secret) throw unexpectedIntent();
    return { providerRef: intent.id, clientSecret: intent.client_secret };
  }

  async clientSecret(providerRef: string): Promise<string> {
    const intent = await this.retrieve(providerRef);
    if (!intent.client_secret) throw unexpectedIntent();
    return intent.client_secret;
  }

  /**
   * After a decline Stripe leaves the intent open (`requires_payment_method`): a checkout page still
   * holding its client secret could pay it later, next to the new attempt. So it is canceled; if it
   * was paid after all, we stop (409) rather than charge twice.
   */
  async closeAttempt(payment: ProviderPayment, idempotencyKey: string): Promise<void> {
    const intent = await this.retrieve(payment.providerRef);
    if (intent.status === 'canceled') return;
    if (intent.status === 'succeeded' || intent.status === 'processing') {
      this.logger.error({ paymentId: payment.id, intentId: intent.id, status: intent.status }, 'A closed payment attempt was paid at Stripe');
      throw conflict('PAYMENT.PREVIOUS_ATTEMPT_PAID', 'An earlier payment for this quote went through after all. Support will reconcile it.');
    }
    await this.call('cancel the previous payment attempt', () =>
      this.client.paymentIntents.cancel(payment.providerRef, { cancellation_reason: 'abandoned' }, { idempotencyKey }),
    );
  }

  async fetchIntent(providerRef: string): Promise<IntentChange | null> {
    return intentChange((await this.retrieve(providerRef)) as ProviderIntent);
  }

  async refund(request: RefundRequest): Promise<ProviderRefund> {
    const { payment } = request;
    const refund = await this.call('refund the payment', () =>
      this.client.refunds.create(
        {
          payment_intent: payment.providerRef,
          amount: toStripeAmount(request.amount, payment.currency),
          reason: 'requested_by_customer',
          metadata: { payment_id: payment.id, refund_id: request.refundId, reason: request.reason },
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    // Stripe confirms with `charge.refunded` on its own schedule.
    return { providerRef: refund.id, confirmation: null };
  }

  verifyEvent(rawBody: Buffer | undefined, signature: string | string[] | undefined): PaymentEvent {
    return verifyStripeEvent(rawBody, signature, this.webhookSecret);
  }

  simulator(): PaymentSimulator {
    throw forbidden('PAYMENT.TEST_MODE_DISABLED', 'Test payments are only available in test mode (no Stripe key, not production).');
  }

  private retrieve(id: string): Promise<Stripe.PaymentIntent> {
    return this.call('load the payment', () => this.client.paymentIntents.retrieve(id));
  }

  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const stripeError = error as { type?: string; code?: string; message?: string; statusCode?: number };
      this.logger.warn({ type: stripeError.type, code: stripeError.code, status: stripeError.statusCode }, `Stripe could not ${what}`);
      if (stripeError.type === 'StripeInvalidRequestError' || stripeError.type === 'StripeIdempotencyError' || stripeError.type === 'StripeCardError') {
        throw conflict('PAYMENT.PROVIDER_REJECTED', `The payment provider refused to ${what}.`);
      }
      throw new DomainError('unavailable', 'PAYMENT.PROVIDER_UNAVAILABLE', 'The payment provider is not reachable. Please try again shortly.');
    }
  }
}

const unexpectedIntent = () => conflict('PAYMENT.PROVIDER_REJECTED', 'The payment provider returned an unexpected payment.');
