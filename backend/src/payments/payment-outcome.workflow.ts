import { Injectable } from '@nestjs/common';
import { canTransitionPayment, type PaymentStatus } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events.js';
import { enqueueWebhook } from '../integrations/webhook-outbox.js';
import { QuotesService } from '../quotes/quotes.service.js';
import { RepairsService } from '../repairs/repairs.service.js';
import type { Payment } from './payment.entity.js';
import { toPaymentView } from './payment.mapper.js';
import { PaymentsRepository } from './payments.repository.js';

export interface PaymentFailure {
  code: string | null;
  message: string | null;
}

/**
 * What a payment's outcome changes across features, in the caller's transaction (its webhook's):
 * the payment moves forward, a success accepts the quote and approves the repair, a failure reopens
 * the quote. Each feature's own service takes its lock and checks its state machine; each resulting
 * event is published once here.
 */
@Injectable()
export class PaymentOutcomeWorkflow {
  constructor(
    private readonly quotes: QuotesService,
    private readonly repairs: RepairsService,
    private readonly events: DomainEvents,
    private readonly payments: PaymentsRepository,
  ) {}

  /** `payment` is locked by the caller. False (nothing changed) when `to` is not a forward move. */
  async apply(m: EntityManager, payment: Payment, to: PaymentStatus, failure: PaymentFailure | null): Promise<boolean> {
    if (!canTransitionPayment(payment.status, to)) return false;
    const failing = to === 'failed' || to === 'canceled';
    await this.payments.setStatus(m, payment, to, {
      failureCode: failing ? (failure?.code ?? null) : null,
      failureMessage: failing ? (failure?.message?.slice(0, 500) ?? null) : null,
    });
    const ids = { paymentId: payment.id, quoteId: payment.quoteId, repairId: payment.repairRequestId, customerId: payment.customerId };

    if (to === 'succeeded') {
      await this.quotes.settlePayment(m, payment.quoteId, 'paid');
      await this.repairs.transition(m, payment.repairRequestId, 'approved', { id: null, role: 'system' }, 'Quote accepted and paid');
      await enqueueWebhook(m, 'quote.accepted', () => this.quotes.viewIn(m, payment.quoteId));
      await this.enqueuePaymentWebhook(m, 'payment.succeeded', payment.id);
      this.events.publish(m, 'payment.succeeded', { ...ids, amount: payment.amount, currency: payment.currency });
    } else if (failing) {
      // The customer may try again: a new attempt gets a new intent and key.
      await this.quotes.settlePayment(m, payment.quoteId, 'failed');
      this.events.publish(m, 'payment.failed', { ...ids, amount: payment.amount, currency: payment.currency, status: to, failureCode: failure?.code ?? null });
    }
    return true;
  }

  /** Queues the `type` webhook, whose payload is the payment as the API returns it (with its refunds), read in `m`. */
  async enqueuePaymentWebhook(m: EntityManager, type: 'payment.succeeded' | 'payment.refunded', paymentId: string): Promise<void> {
    await enqueueWebhook(m, type, async () => {
      const { payment, refunds } = await this.payments.findWithRefunds(paymentId, m);
      return toPaymentView(payment, refunds);
    });
  }
}
