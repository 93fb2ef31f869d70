import { Injectable } from '@nestjs/common';
import { canTransitionPayment, type PaymentStatus } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events.js';
import { queryRows } from '../common/sql.js';
import { enqueueWebhook } from '../integrations/webhook-outbox.js';
import { QuotesService } from '../quotes/quotes.service.js';
import { RepairsService } from '../repairs/repairs.service.js';
import type { PaymentRow } from './payment.mapper.js';
import { loadPaymentView } from './payment-view.query.js';

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
  ) {}

  /** `payment` is locked by the caller. False (nothing changed) when `to` is not a forward move. */
  async apply(m: EntityManager, payment: PaymentRow, to: PaymentStatus, failure: PaymentFailure | null): Promise<boolean> {
    if (!canTransitionPayment(payment.status, to)) return false;
    const failing = to === 'failed' || to === 'canceled';
    await queryRows(m, `UPDATE payments SET status = $2, failure_code = $4, failure_message = $5, updated_at = now() WHERE id = $1 AND status = $3`, [
      payment.id,
      to,
      payment.status,
      failing ? (failure?.code ?? null) : null,
      failing ? (failure?.message?.slice(0, 500) ?? null) : null,
    ]);
    const ids = { paymentId: payment.id, quoteId: payment.quote_id, repairId: payment.repair_request_id, customerId: payment.customer_id };

    if (to === 'succeeded') {
      await this.quotes.settlePayment(m, payment.quote_id, 'paid');
      await this.repairs.transition(m, payment.repair_request_id, 'approved', { id: null, role: 'system' }, 'Quote accepted and paid');
      await enqueueWebhook(m, 'quote.accepted', () => this.quotes.viewIn(m, payment.quote_id));
      await enqueueWebhook(m, 'payment.succeeded', () => loadPaymentView(m, payment.id));
      this.events.publish(m, 'payment.succeeded', { ...ids, amount: payment.amount, currency: payment.currency });
    } else if (failing) {
      // The customer may try again: a new attempt gets a new intent and key.
      await this.quotes.settlePayment(m, payment.quote_id, 'failed');
      this.events.publish(m, 'payment.failed', { ...ids, amount: payment.amount, currency: payment.currency, status: to, failureCode: failure?.code ?? null });
    }
    return true;
  }
}
