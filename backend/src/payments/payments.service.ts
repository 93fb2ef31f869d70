import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_PAGE_LIMIT,
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
import { toPage } from '../common/http/pagination.js';
import { cursorTimestamp, isUniqueViolation, newestFirstCursor, queryRows, SqlParams } from '../common/sql.js';
import { onReadReplica } from '../database/read-replica.js';
import { QuotesService } from '../quotes/quotes.service.js';
import type { ListPaymentsQueryDto, RefundDto } from './dto/payment.dto.js';
import { PaymentGateway, type ProviderPayment } from './payment-gateway.js';
import { paymentIdentity, refundIdentity } from './payment-keys.js';
import { PAYMENT_COLUMNS, toPaymentView, type PaymentRow } from './payment.mapper.js';
import { PaymentWebhooksService } from './payment-webhooks.service.js';
import { refundsOf } from './payment-view.query.js';

type Viewer = Pick<AuthUser, 'id' | 'role'>;

export const paymentNotFound = () => notFound('PAYMENT.NOT_FOUND', 'Payment');

const OPEN = `('requires_payment', 'processing')`;

@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly quotes: QuotesService,
    private readonly webhooks: PaymentWebhooksService,
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
    let result: { row: PaymentRow; clientSecret: string | null };
    try {
      result = await this.db.transaction((m) => this.acceptLocked(m, customer, quoteId));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('PAYMENT.CONFLICT', 'This quote is being paid already. Reload and try again.');
      throw error;
    }
    const { row } = result;
    // The client secret is not stored (Stripe: never store or log it); an existing payment's is fetched.
    const clientSecret = result.clientSecret ?? (await this.clientSecretOf(row));
    return { payment: { id: row.id, status: row.status, amount: row.amount, currency: row.currency, clientSecret } };
  }

  private async acceptLocked(m: EntityManager, customer: Viewer, quoteId: string): Promise<{ row: PaymentRow; clientSecret: string | null }> {
    const { quote, status } = await this.quotes.lockForAcceptance(m, quoteId, customer.id);
    if (status === 'payment_pending') {
      const [open] = await queryRows<PaymentRow>(
        m,
        `SELECT ${PAYMENT_COLUMNS('p')} FROM payments p WHERE p.quote_id = $1 AND p.status IN ${OPEN} ORDER BY p.attempt DESC LIMIT 1`,
        [quote.id],
      );
      if (!open) throw conflict('PAYMENT.STATE_CONFLICT', 'The payment for this quote is being settled. Reload and try again.');
      return { row: open, clientSecret: null };
    }

    const [{ attempt }] = await queryRows<{ attempt: number }>(
      m,
      `SELECT COALESCE(MAX(attempt), 0)::int + 1 AS attempt FROM payments WHERE quote_id = $1`,
      [quote.id],
    );
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

    const [row] = await queryRows<PaymentRow>(
      m,
      `INSERT INTO payments (id, quote_id, repair_request_id, customer_id, attempt, amount, currency, provider_ref, idempotency_key, test_mode)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${PAYMENT_COLUMNS('payments')}`,
      [id, quote.id, quote.repairRequestId, customer.id, attempt, quote.total, quote.currency, providerRef, idempotencyKey, this.gateway.testMode],
    );
    await this.quotes.transitionQuote(m, quote.id, 'pending', 'payment_pending', 'customer');
    return { row, clientSecret };
  }

  /** The previous attempt must not be payable next to the new one (only its own gateway can close it). */
  private async closePreviousAttempt(m: EntityManager, quoteId: string): Promise<void> {
    const [previous] = await queryRows<PaymentRow>(
      m,
      `SELECT ${PAYMENT_COLUMNS('p')} FROM payments p WHERE p.quote_id = $1 ORDER BY p.attempt DESC LIMIT 1`,
      [quoteId],
    );
    if (previous?.test_mode !== this.gateway.testMode) return;
    await this.gateway.closeAttempt(providerPayment(previous), `repairhub-cancel-${previous.id}`);
  }

  private async clientSecretOf(row: PaymentRow): Promise<string> {
    this.assertOwnGateway(row);
    return this.gateway.clientSecret(row.provider_ref);
  }

  /** A payment is only ever acted on by the kind of gateway that took it (test money never reaches Stripe). */
  private assertOwnGateway(row: PaymentRow): void {
    if (row.test_mode === this.gateway.testMode) return;
    throw row.test_mode
      ? conflict('PAYMENT.NOT_TEST_MODE', 'This test-mode payment cannot be used while a real Stripe key is configured.')
      : conflict('PAYMENT.PROVIDER_NOT_CONFIGURED', 'This payment was opened with Stripe, which is not configured now.');
  }

  /** Customers: their own (in the SQL); admins: all, with filters. Newest first. */
  async list(viewer: Viewer, query: ListPaymentsQueryDto): Promise<Page<PaymentListItem>> {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const p = new SqlParams();
    const where = [newestFirstCursor(query.cursor, 'p', p)];
    if (viewer.role !== 'admin') where.push(`p.customer_id = ${p.add(viewer.id)}`);
    if (query.customerId) where.push(`p.customer_id = ${p.add(query.customerId)}`);
    if (query.status) where.push(`p.status = ${p.add(query.status)}`);
    if (query.repairRequestId) where.push(`p.repair_request_id = ${p.add(query.repairRequestId)}`);
    const rows = await onReadReplica(this.db, (m) => queryRows<PaymentRow & { customer_name: string; ticket_seq: string; cursor_at: string }>(
      m,
      `SELECT ${PAYMENT_COLUMNS('p')}, ${cursorTimestamp('p.created_at')} AS cursor_at,
         (SELECT u.name FROM users u WHERE u.id = p.customer_id) AS customer_name,
         (SELECT r.ticket_seq FROM repair_requests r WHERE r.id = p.repair_request_id) AS ticket_seq
        FROM payments p
        WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    ));
    const page = toPage(rows, limit, (row) => [row.cursor_at, row.id]);
    return {
      items: page.items.map((row) => ({ ...toPaymentView(row), customerName: row.customer_name, ticketNumber: formatTicketNumber(row.ticket_seq) })),
      nextCursor: page.nextCursor,
    };
  }

  /** The owner or an admin; anyone else gets 404. */
  async get(viewer: Viewer, id: string): Promise<PaymentView> {
    const row = await this.findVisible(this.db, viewer, id);
    return toPaymentView(row, await refundsOf(this.db, id));
  }

  /**
   * Admins: refund all or part of what remains of a succeeded payment. The payment row is locked,
   * so concurrent refunds cannot together exceed the amount. Confirmed by `charge.refunded`.
   */
  async refund(admin: Viewer, id: string, input: RefundDto): Promise<PaymentView> {
    const confirmation = await this.db.transaction(async (m) => {
      const [payment] = await queryRows<PaymentRow>(m, `SELECT ${PAYMENT_COLUMNS('p')} FROM payments p WHERE p.id = $1 FOR UPDATE`, [id]);
      if (!payment) throw paymentNotFound();
      if (payment.status !== 'succeeded') {
        throw conflict('PAYMENT.NOT_REFUNDABLE', payment.status === 'refunded' ? 'This payment is fully refunded.' : `A ${payment.status} payment cannot be refunded.`);
      }
      const [{ pending, count }] = await queryRows<{ pending: number; count: number }>(
        m,
        `SELECT COALESCE(SUM(amount) FILTER (WHERE status = 'pending'), 0)::int AS pending, COUNT(*)::int AS count FROM refunds WHERE payment_id = $1`,
        [id],
      );
      const remaining = payment.amount - payment.amount_refunded - pending;
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
      await queryRows(
        m,
        `INSERT INTO refunds (id, payment_id, seq, amount, reason, provider_ref, idempotency_key, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [refundId, payment.id, seq, amount, input.reason, providerRef, idempotencyKey, admin.id],
      );
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
    const payment = await this.findVisible(this.db, customer, id);
    if (!payment.test_mode) throw conflict('PAYMENT.NOT_TEST_MODE', 'This payment is a real Stripe payment.');
    if (payment.status !== 'requires_payment' && payment.status !== 'processing') {
      throw conflict('PAYMENT.NOT_OPEN', `This payment is already ${payment.status}.`);
    }
    await this.webhooks.deliver(simulator.outcome(providerPayment(payment), outcome));
    return this.get(customer, id);
  }

  private async findVisible(runner: EntityManager | DataSource, viewer: Viewer, id: string): Promise<PaymentRow> {
    const p = new SqlParams();
    const scope = viewer.role === 'admin' ? 'TRUE' : `p.customer_id = ${p.add(viewer.id)}`;
    const [row] = await queryRows<PaymentRow>(runner, `SELECT ${PAYMENT_COLUMNS('p')} FROM payments p WHERE p.id = ${p.add(id)} AND ${scope}`, p.values);
    if (!row) throw paymentNotFound();
    return row;
  }
}

function providerPayment(row: PaymentRow): ProviderPayment {
  return {
    id: row.id,
    quoteId: row.quote_id,
    repairRequestId: row.repair_request_id,
    attempt: row.attempt,
    amount: row.amount,
    currency: row.currency,
    providerRef: row.provider_ref,
  };
}
