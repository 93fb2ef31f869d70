import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  formatTicketNumber,
  type AcceptQuoteResponse,
  type Page,
  type PaymentListItem,
  type PaymentsConfigView,
  type PaymentView,
} from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { conflict, notFound } from '../common/errors/domain-error.js';
import { isUniqueViolation } from '../common/sql.js';
import { onReadReplica } from '../database/read-replica.js';
import { QuotesService } from '../quotes/quotes.service.js';
import type { ListPaymentsQueryDto, RefundDto } from './dto/payment.dto.js';
import { PaymentGateway, type ProviderPayment } from './payment-gateway.js';
import { paymentIdentity, refundIdentity } from './payment-keys.js';
import { listPayments } from './payment-list.queries.js';
import type { Payment } from './payment.entity.js';
import { toPaymentView } from './payment.mapper.js';
import { PaymentWebhooksService } from './payment-webhooks.service.js';
import { PaymentsRepository } from './payments.repository.js';

type Viewer = Pick<AuthUser, 'id' | 'role'>;

export const paymentNotFound = () => notFound('PAYMENT.NOT_FOUND', 'Payment');

@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly quotes: QuotesService,
    private readonly webhooks: PaymentWebhooksService,
    private readonly paymentRows: PaymentsRepository,
  ) {}

  paymentsConfig(): PaymentsConfigView {
    return { testMode: this.gateway.testMode, publishableKey: this.gateway.publishableKey };
  }

  /**
   * `POST /quotes/:id/accept`. One transaction: lock the quote row, check it is pending and not
   * expired, create the PaymentIntent (idempotency key from quote + attempt), insert the payment,
   * move the quote to `payment_pending`. Concurrent accepts queue on the quote lock; all but the
   * first find `payment_pending` and get the same payment back.
   *
   * The provider call happens while the quote lock is held, so no second intent can ever be created
   * for the attempt and a crash between the provider and our commit is repaired by the next accept
   * (same key, same parameters → the provider replays the same intent). The cost: on PostgreSQL other
   * accepts of the same quote wait for Stripe (seconds at worst; the client times out after 15 s); on the
   * embedded PGlite engine, which has one session, every other query waits for that call.
   */
  async accept(customer: Viewer, quoteId: string): Promise<AcceptQuoteResponse> {
    let result: { payment: Payment; clientSecret: string | null };
    try {
      result = await this.db.transaction((m) => this.acceptLocked(m, customer, quoteId));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('PAYMENT.CONFLICT', 'This quote is being paid already. Reload and try again.');
      throw error;
    }
    const { payment } = result;
    // The client secret is not stored (Stripe: never store or log it); an existing payment's is fetched.
    const clientSecret = result.clientSecret ?? (await this.clientSecretOf(payment));
    return { payment: { id: payment.id, status: payment.status, amount: payment.amount, currency: payment.currency, clientSecret } };
  }

  private async acceptLocked(m: EntityManager, customer: Viewer, quoteId: string): Promise<{ payment: Payment; clientSecret: string | null }> {
    const { quote, status } = await this.quotes.lockForAcceptance(m, quoteId, customer.id);
    if (status === 'payment_pending') {
      const open = await this.paymentRows.findOpenForQuote(m, quote.id);
      if (!open) throw conflict('PAYMENT.STATE_CONFLICT', 'The payment for this quote is being settled. Reload and try again.');
      return { payment: open, clientSecret: null };
    }

    const attempt = await this.paymentRows.nextAttempt(m, quote.id);
    if (attempt > 1) await this.closePreviousAttempt(m, quote.id);
    const { id, idempotencyKey } = paymentIdentity(quote.id, attempt);
    const { providerRef, clientSecret } = await this.gateway.createIntent({
      paymentId: id,
      quoteId: quote.id,
      repairRequestId: quote.repairRequestId,
      attempt,
      amount: quote.total,
      currency: quote.currency,
      idempotencyKey,
    });

    const payment = await this.paymentRows.add(m, {
      id,
      quoteId: quote.id,
      repairRequestId: quote.repairRequestId,
      customerId: customer.id,
      attempt,
      amount: quote.total,
      currency: quote.currency,
      providerRef,
      idempotencyKey,
      testMode: this.gateway.testMode,
    });
    await this.quotes.transitionQuote(m, quote.id, 'pending', 'payment_pending', 'customer');
    return { payment, clientSecret };
  }

  /** The previous attempt must not be payable next to the new one (only its own gateway can close it). */
  private async closePreviousAttempt(m: EntityManager, quoteId: string): Promise<void> {
    const previous = await this.paymentRows.findLatestForQuote(m, quoteId);
    if (previous?.testMode !== this.gateway.testMode) return;
    await this.gateway.closeAttempt(providerPayment(previous), `repairhub-cancel-${previous.id}`);
  }

  private async clientSecretOf(payment: Payment): Promise<string> {
    this.assertOwnGateway(payment);
    return this.gateway.clientSecret(payment.providerRef);
  }

  /** A payment is only ever acted on by the kind of gateway that took it (test money never reaches Stripe). */
  private assertOwnGateway(payment: Payment): void {
    if (payment.testMode === this.gateway.testMode) return;
    throw payment.testMode
      ? conflict('PAYMENT.NOT_TEST_MODE', 'This test-mode payment cannot be used while a real Stripe key is configured.')
      : conflict('PAYMENT.PROVIDER_NOT_CONFIGURED', 'This payment was opened with Stripe, which is not configured now.');
  }

  /** Customers: their own (in the SQL); admins: all, with filters. Newest first. */
  async list(viewer: Viewer, query: ListPaymentsQueryDto): Promise<Page<PaymentListItem>> {
    const page = await onReadReplica(this.db, (m) =>
      listPayments(m, {
        viewerCustomerId: viewer.role === 'admin' ? null : viewer.id,
        customerId: query.customerId,
        status: query.status,
        repairRequestId: query.repairRequestId,
        cursor: query.cursor,
        limit: query.limit,
      }),
    );
    return {
      items: page.items.map((row) => ({ ...toPaymentView(row), customerName: row.customerName, ticketNumber: formatTicketNumber(row.ticketSeq) })),
      nextCursor: page.nextCursor,
    };
  }

  /** The owner or an admin; anyone else gets 404. */
  async get(viewer: Viewer, id: string): Promise<PaymentView> {
    const payment = await this.findVisible(viewer, id);
    return toPaymentView(payment, await this.paymentRows.refundsOf(id));
  }

  /**
   * Admins: refund all or part of what remains of a succeeded payment. The payment row is locked,
   * so concurrent refunds cannot together exceed the amount. Confirmed by `charge.refunded`.
   */
  async refund(admin: Viewer, id: string, input: RefundDto): Promise<PaymentView> {
    const confirmation = await this.db.transaction(async (m) => {
      const payment = await this.paymentRows.lock(m, id);
      if (!payment) throw paymentNotFound();
      if (payment.status !== 'succeeded') {
        throw conflict('PAYMENT.NOT_REFUNDABLE', payment.status === 'refunded' ? 'This payment is fully refunded.' : `A ${payment.status} payment cannot be refunded.`);
      }
      const { pending, count } = await this.paymentRows.refundTally(m, id);
      const remaining = payment.amount - payment.amountRefunded - pending;
      const amount = input.amount ?? remaining;
      if (remaining <= 0 || amount > remaining) {
        throw conflict('PAYMENT.REFUND_EXCEEDS', `At most ${Math.max(remaining, 0)} (minor units) can still be refunded.`);
      }
      this.assertOwnGateway(payment);
      const seq = count + 1;
      const { id: refundId, idempotencyKey } = refundIdentity(payment.id, seq);
      const refundedTotal = payment.amount - remaining + amount;
      const { providerRef, confirmation } = await this.gateway.refund({
        refundId,
        payment: providerPayment(payment),
        amount,
        refundedTotal,
        reason: input.reason,
        idempotencyKey,
      });
      await this.paymentRows.addRefund(m, { id: refundId, paymentId: payment.id, seq, amount, reason: input.reason, providerRef, idempotencyKey, createdBy: admin.id });
      return confirmation;
    });
    // Settled at once (test mode): its `charge.refunded` goes through the webhook path after commit.
    if (confirmation) await this.webhooks.deliver(confirmation);
    return this.get(admin, id);
  }

  /**
   * Test mode only: what Stripe.js + Stripe would do when the customer pays — the gateway builds the
   * PaymentIntent event and signs it, and the signed bytes go through the webhook handler, the same
   * verification and processing path real events take.
   */
  async testConfirm(customer: Viewer, id: string, outcome: 'succeeded' | 'failed' = 'succeeded'): Promise<PaymentView> {
    const simulator = this.gateway.simulator();
    const payment = await this.findVisible(customer, id);
    if (!payment.testMode) throw conflict('PAYMENT.NOT_TEST_MODE', 'This payment is a real Stripe payment.');
    if (payment.status !== 'requires_payment' && payment.status !== 'processing') {
      throw conflict('PAYMENT.NOT_OPEN', `This payment is already ${payment.status}.`);
    }
    await this.webhooks.deliver(simulator.outcome(providerPayment(payment), outcome));
    return this.get(customer, id);
  }

  private async findVisible(viewer: Viewer, id: string): Promise<Payment> {
    const payment = await this.paymentRows.findVisible(viewer.role === 'admin' ? null : viewer.id, id);
    if (!payment) throw paymentNotFound();
    return payment;
  }
}

function providerPayment({ id, quoteId, repairRequestId, attempt, amount, currency, providerRef }: Payment): ProviderPayment {
  return { id, quoteId, repairRequestId, attempt, amount, currency, providerRef };
}
