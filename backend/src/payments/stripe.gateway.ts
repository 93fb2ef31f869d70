import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { AppConfig } from '../config/configuration.js';
import { conflict, DomainError, invalid } from '../common/errors/domain-error.js';

/** Stripe's default; events older than this (replays) are refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

type StripeEvent = ReturnType<typeof Stripe.webhooks.constructEvent>;
export type { StripeEvent };

/**
 * The only place that talks to Stripe, through the official client. Without a secret key the app
 * runs in test mode: `client` is null and nothing is sent anywhere; webhooks are still verified
 * with the (generated) webhook secret.
 */
@Injectable()
export class StripeGateway {
  private readonly logger = new Logger('Stripe');
  private readonly client: Stripe | null;

  constructor(private readonly config: AppConfig) {
    const { secretKey, apiUrl } = config.stripe;
    if (!secretKey) {
      this.client = null;
      return;
    }
    const url = apiUrl ? new URL(apiUrl) : null;
    this.client = new Stripe(secretKey, {
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

  /** No secret key: a clearly labelled test mode that never calls Stripe. */
  get testMode(): boolean {
    return this.client === null;
  }

  /** Test-only helpers (test-confirm) are refused in production and whenever a real key is set. */
  get testToolsAllowed(): boolean {
    return this.testMode && this.config.env !== 'production';
  }

  async createPaymentIntent(params: Stripe.PaymentIntentCreateParams, idempotencyKey: string): Promise<Stripe.PaymentIntent> {
    return this.call('create the payment', () => this.live().paymentIntents.create(params, { idempotencyKey }));
  }

  async retrievePaymentIntent(id: string): Promise<Stripe.PaymentIntent> {
    return this.call('load the payment', () => this.live().paymentIntents.retrieve(id));
  }

  async cancelPaymentIntent(id: string, idempotencyKey: string): Promise<Stripe.PaymentIntent> {
    return this.call('cancel the previous payment attempt', () => this.live().paymentIntents.cancel(id, { cancellation_reason: 'abandoned' }, { idempotencyKey }));
  }

  async createRefund(params: Stripe.RefundCreateParams, idempotencyKey: string): Promise<Stripe.Refund> {
    return this.call('refund the payment', () => this.live().refunds.create(params, { idempotencyKey }));
  }

  /** Verifies `stripe-signature` over the exact bytes received (400 when missing, wrong or too old). */
  verifyEvent(rawBody: Buffer | undefined, signature: string | string[] | undefined): StripeEvent {
    if (!rawBody?.length || typeof signature !== 'string' || !signature) {
      throw invalid('WEBHOOK.SIGNATURE_MISSING', 'A signed webhook body and the stripe-signature header are required.');
    }
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, this.config.stripe.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
    } catch {
      throw invalid('WEBHOOK.SIGNATURE_INVALID', 'The webhook signature does not match the body.');
    }
  }

  /** Test mode: signs an event body exactly as Stripe would, for the same verification path. */
  signTestEvent(payload: string): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret: this.config.stripe.webhookSecret });
  }

  private live(): Stripe {
    if (!this.client) throw new Error('Stripe is not configured (test mode)');
    return this.client;
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
