import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canTransitionPayment, type PaymentStatus } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events.js';
import type { Payment } from './payment.entity.js';
import { PaymentOutcomeWorkflow } from './payment-outcome.workflow.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentGateway, type ChargeFacts, type IntentChange, type PaymentEvent, type ProviderIntent, type SignedEvent } from './payment-gateway.js';
import { confirmedRefunds, intentMismatch } from './payment-rules.js';
import { fromStripeAmount, toStripeAmount } from './stripe-amount.js';

export type WebhookOutcome = 'applied' | 'ignored' | 'mismatch' | 'unknown_payment' | 'unhandled';

export interface WebhookResult {
  received: true;
  duplicate: boolean;
  outcome?: WebhookOutcome;
}

interface Handled {
  outcome: WebhookOutcome;
  paymentId?: string;
  detail?: string;
}

/**
 * Stripe webhooks: verified on the raw bytes, each event id handled once, in the same transaction
 * as its effect. Payments only move forward; anything else is recorded and ignored with a 2xx so
 * Stripe stops retrying. Errors that are ours (database down) answer 5xx so Stripe retries.
 */
@Injectable()
export class PaymentWebhooksService {
  private readonly logger = new Logger('PaymentWebhooks');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly outcomes: PaymentOutcomeWorkflow,
    private readonly events: DomainEvents,
    private readonly paymentRows: PaymentsRepository,
  ) {}

  /** The webhook endpoint and test mode both come through here, with the signed raw body. */
  async handle(rawBody: Buffer | undefined, signature: string | string[] | undefined): Promise<WebhookResult> {
    return this.process(this.gateway.verifyEvent(rawBody, signature));
  }

  /** An event the gateway produced itself (test mode), through the same verification. */
  deliver(event: SignedEvent): Promise<WebhookResult> {
    return this.handle(event.payload, event.signature);
  }

  /**
   * Reconciliation: the PaymentIntent as Stripe has it now (fetched, not pushed) goes through the
   * same checks and forward-only transition a webhook for it would.
   */
  async reconcile(change: IntentChange): Promise<WebhookOutcome> {
    return this.db.transaction(async (m) => {
      const handled = await this.applyIntent(m, change.intent, change.status);
      if (handled.outcome === 'mismatch') this.logger.error({ paymentId: handled.paymentId, detail: handled.detail }, 'Fetched intent does not match our payment');
      return handled.outcome;
    });
  }

  private async process(event: PaymentEvent): Promise<WebhookResult> {
    return this.db.transaction(async (m) => {
      const recorded = await this.paymentRows.recordEvent(m, { providerEventId: event.id, type: event.type, objectId: event.objectId, livemode: event.livemode });
      if (!recorded) return { received: true, duplicate: true };
      const handled = await this.apply(m, event.change);
      if (handled.outcome === 'mismatch') {
        this.logger.error({ eventId: event.id, type: event.type, paymentId: handled.paymentId, detail: handled.detail }, 'Webhook does not match our payment');
      }
      await this.paymentRows.settleEvent(m, recorded, handled.outcome, handled.paymentId ?? null, handled.detail ?? null);
      return { received: true, duplicate: false, outcome: handled.outcome };
    });
  }

  private apply(m: EntityManager, change: PaymentEvent['change']): Promise<Handled> {
    if (change?.kind === 'intent') return this.applyIntent(m, change.intent, change.status);
    if (change?.kind === 'refund') return this.applyRefund(m, change.charge);
    return Promise.resolve({ outcome: 'unhandled' });
  }

  private async applyIntent(m: EntityManager, intent: ProviderIntent, target: PaymentStatus): Promise<Handled> {
    const payment = await this.paymentRows.lockByIntent(m, intent.id);
    if (!payment) return { outcome: 'unknown_payment', detail: intent.id };
    const mismatch = intentMismatch(factsOf(payment), intent, target === 'succeeded');
    if (mismatch) return { outcome: 'mismatch', paymentId: payment.id, detail: `${mismatch} differs` };
    const error = intent.last_payment_error ?? null;
    const failure = { code: error?.decline_code ?? error?.code ?? intent.cancellation_reason ?? null, message: error?.message ?? null };
    if (!(await this.outcomes.apply(m, payment, target, failure))) {
      // Late or repeated: e.g. payment_failed after succeeded. Recorded, state untouched.
      if (target === 'succeeded' && (payment.status === 'failed' || payment.status === 'canceled')) {
        // Money arrived on an attempt we had closed (the customer retried the old intent). Never
        // silently: someone has to refund it or reconcile it by hand.
        this.logger.error({ paymentId: payment.id, intentId: intent.id }, 'Payment succeeded on a closed attempt; refund or reconcile it');
      }
      return { outcome: 'ignored', paymentId: payment.id, detail: `${payment.status} → ${target} is not a forward move` };
    }
    return { outcome: 'applied', paymentId: payment.id, detail: `${payment.status} → ${target}` };
  }

  private async applyRefund(m: EntityManager, charge: ChargeFacts): Promise<Handled> {
    const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
    if (!intentId) return { outcome: 'unknown_payment', detail: charge.id };
    const payment = await this.paymentRows.lockByIntent(m, intentId);
    if (!payment) return { outcome: 'unknown_payment', detail: intentId };
    if (charge.currency !== payment.currency || charge.amount !== toStripeAmount(payment.amount, payment.currency)) {
      return { outcome: 'mismatch', paymentId: payment.id, detail: 'charge amount or currency differs' };
    }
    if (payment.status !== 'succeeded' && payment.status !== 'refunded') {
      return { outcome: 'ignored', paymentId: payment.id, detail: `refund reported for a ${payment.status} payment` };
    }
    const refundedTotal = Math.min(payment.amount, fromStripeAmount(charge.amount_refunded, payment.currency));
    if (refundedTotal <= payment.amountRefunded) {
      return { outcome: 'ignored', paymentId: payment.id, detail: 'no new refund (stale or repeated)' };
    }

    const status: PaymentStatus = refundedTotal >= payment.amount && canTransitionPayment(payment.status, 'refunded') ? 'refunded' : payment.status;
    await this.paymentRows.setRefunded(m, payment.id, refundedTotal, status);

    const refunds = await this.paymentRows.liveRefunds(m, payment.id);
    const alreadyConfirmed = refunds.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amount, 0);
    const confirmed = confirmedRefunds(alreadyConfirmed, refunds.filter((r) => r.status === 'pending'), refundedTotal);
    if (confirmed.length) await this.paymentRows.confirmRefunds(m, confirmed.map((r) => r.id));
    await this.outcomes.enqueuePaymentWebhook(m, 'payment.refunded', payment.id);
    this.events.publish(m, 'payment.refunded', {
      paymentId: payment.id,
      quoteId: payment.quoteId,
      repairId: payment.repairRequestId,
      customerId: payment.customerId,
      amountRefunded: refundedTotal,
      amount: payment.amount,
      currency: payment.currency,
      fullyRefunded: refundedTotal >= payment.amount,
    });
    return { outcome: 'applied', paymentId: payment.id, detail: `refunded ${refundedTotal} of ${payment.amount}` };
  }
}

function factsOf({ id, quoteId, repairRequestId, amount, currency, providerRef }: Payment) {
  return { id, quoteId, repairRequestId, amount, currency, providerRef };
}
