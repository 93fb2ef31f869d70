import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PaymentStatus } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows, SqlParams } from '../common/sql.js';
import { entityColumns, selectAsEntity } from '../database/entity-columns.js';
import { Payment } from './payment.entity.js';
import { Refund } from './refund.entity.js';
import { WebhookEvent } from './webhook-event.entity.js';

type Runner = EntityManager | DataSource;

const PAYMENT = entityColumns(Payment);
const REFUND = entityColumns(Refund);
export const paymentColumns = (alias: string) => selectAsEntity(PAYMENT, alias);
const refundColumns = (alias: string) => selectAsEntity(REFUND, alias);

const OPEN = `('requires_payment', 'processing')`;

export type NewPayment = Pick<
  Payment,
  'id' | 'quoteId' | 'repairRequestId' | 'customerId' | 'attempt' | 'amount' | 'currency' | 'providerRef' | 'idempotencyKey' | 'testMode'
>;
export type NewRefund = Pick<Refund, 'id' | 'paymentId' | 'seq' | 'amount' | 'reason' | 'providerRef' | 'idempotencyKey' | 'createdBy'>;
export type ProviderEventRecord = { providerEventId: string; type: string; objectId: string | null; livemode: boolean };

/** The payments, refunds and webhook_events tables' owner. Methods taking `m` join the caller's transaction. */
@Injectable()
export class PaymentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The quote's newest attempt that is still open. */
  async findOpenForQuote(m: EntityManager, quoteId: string): Promise<Payment | undefined> {
    const [row] = await queryRows<Payment>(
      m,
      `SELECT ${paymentColumns('p')} FROM payments p WHERE p.quote_id = $1 AND p.status IN ${OPEN} ORDER BY p.attempt DESC LIMIT 1`,
      [quoteId],
    );
    return row;
  }

  async findLatestForQuote(m: EntityManager, quoteId: string): Promise<Payment | undefined> {
    const [row] = await queryRows<Payment>(m, `SELECT ${paymentColumns('p')} FROM payments p WHERE p.quote_id = $1 ORDER BY p.attempt DESC LIMIT 1`, [quoteId]);
    return row;
  }

  async nextAttempt(m: EntityManager, quoteId: string): Promise<number> {
    const [{ attempt }] = await queryRows<{ attempt: number }>(m, `SELECT COALESCE(MAX(attempt), 0)::int + 1 AS attempt FROM payments WHERE quote_id = $1`, [quoteId]);
    return attempt;
  }

  async add(m: EntityManager, payment: NewPayment): Promise<Payment> {
    const [row] = await queryRows<Payment>(
      m,
      `INSERT INTO payments (id, quote_id, repair_request_id, customer_id, attempt, amount, currency, provider_ref, idempotency_key, test_mode)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${paymentColumns('payments')}`,
      [
        payment.id,
        payment.quoteId,
        payment.repairRequestId,
        payment.customerId,
        payment.attempt,
        payment.amount,
        payment.currency,
        payment.providerRef,
        payment.idempotencyKey,
        payment.testMode,
      ],
    );
    return row;
  }

  /** The payment, if `customerId` is null (admins) or owns it. */
  async findVisible(customerId: string | null, id: string): Promise<Payment | undefined> {
    const p = new SqlParams();
    const scope = customerId === null ? 'TRUE' : `p.customer_id = ${p.add(customerId)}`;
    const [row] = await queryRows<Payment>(this.db, `SELECT ${paymentColumns('p')} FROM payments p WHERE p.id = ${p.add(id)} AND ${scope}`, p.values);
    return row;
  }

  /** Locks the payment for the rest of `m`'s transaction. */
  async lock(m: EntityManager, id: string): Promise<Payment | undefined> {
    const [row] = await queryRows<Payment>(m, `SELECT ${paymentColumns('p')} FROM payments p WHERE p.id = $1 FOR UPDATE`, [id]);
    return row;
  }

  /** Locks the payment Stripe knows as `intentId`. */
  async lockByIntent(m: EntityManager, intentId: string): Promise<Payment | undefined> {
    const [row] = await queryRows<Payment>(m, `SELECT ${paymentColumns('p')} FROM payments p WHERE p.provider = 'stripe' AND p.provider_ref = $1 FOR UPDATE`, [
      intentId,
    ]);
    return row;
  }

  /** The payment with its refunds in order, read with `runner` (inside a transaction for webhook payloads). */
  async findWithRefunds(id: string, runner: Runner = this.db): Promise<{ payment: Payment; refunds: Refund[] }> {
    const [payment] = await queryRows<Payment>(runner, `SELECT ${paymentColumns('p')} FROM payments p WHERE p.id = $1`, [id]);
    return { payment, refunds: await this.refundsOf(id, runner) };
  }

  refundsOf(paymentId: string, runner: Runner = this.db): Promise<Refund[]> {
    return queryRows<Refund>(runner, `SELECT ${refundColumns('r')} FROM refunds r WHERE r.payment_id = $1 ORDER BY r.seq`, [paymentId]);
  }

  /** Moves a locked payment `payment.status → to`, recording why it failed (null unless failing). */
  async setStatus(m: EntityManager, payment: Pick<Payment, 'id' | 'status'>, to: PaymentStatus, failure: Pick<Payment, 'failureCode' | 'failureMessage'>): Promise<void> {
    await m
      .createQueryBuilder()
      .update(Payment)
      .set({ status: to, ...failure })
      .where('id = :id AND status = :from', { id: payment.id, from: payment.status })
      .execute();
  }

  async setRefunded(m: EntityManager, id: string, amountRefunded: number, status: PaymentStatus): Promise<void> {
    await m.createQueryBuilder().update(Payment).set({ amountRefunded, status }).where('id = :id', { id }).execute();
  }

  /** What pending refunds hold back, and how many refunds there are (the next one's sequence). */
  async refundTally(m: EntityManager, paymentId: string): Promise<{ pending: number; count: number }> {
    const [tally] = await queryRows<{ pending: number; count: number }>(
      m,
      `SELECT COALESCE(SUM(amount) FILTER (WHERE status = 'pending'), 0)::int AS pending, COUNT(*)::int AS count FROM refunds WHERE payment_id = $1`,
      [paymentId],
    );
    return tally;
  }

  async addRefund(m: EntityManager, refund: NewRefund): Promise<void> {
    await queryRows(
      m,
      `INSERT INTO refunds (id, payment_id, seq, amount, reason, provider_ref, idempotency_key, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [refund.id, refund.paymentId, refund.seq, refund.amount, refund.reason, refund.providerRef, refund.idempotencyKey, refund.createdBy],
    );
  }

  /** Pending and succeeded refunds, in order. */
  liveRefunds(m: EntityManager, paymentId: string): Promise<Pick<Refund, 'id' | 'amount' | 'status'>[]> {
    return queryRows(m, `SELECT id, amount, status FROM refunds WHERE payment_id = $1 AND status IN ('pending', 'succeeded') ORDER BY seq`, [paymentId]);
  }

  async confirmRefunds(m: EntityManager, ids: string[]): Promise<void> {
    await m.createQueryBuilder().update(Refund).set({ status: 'succeeded' }).where('id IN (:...ids)', { ids }).execute();
  }

  /**
   * Records a Stripe event once: its id, or undefined when it was recorded before. A concurrent
   * duplicate's insert waits for the first transaction, then does nothing.
   */
  async recordEvent(m: EntityManager, event: ProviderEventRecord): Promise<string | undefined> {
    const [inserted] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO webhook_events (provider, provider_event_id, type, object_id, livemode)
       VALUES ('stripe', $1, $2, $3, $4) ON CONFLICT (provider, provider_event_id) DO NOTHING RETURNING id`,
      [event.providerEventId, event.type, event.objectId, event.livemode],
    );
    return inserted?.id;
  }

  async settleEvent(m: EntityManager, id: string, outcome: string, paymentId: string | null, detail: string | null): Promise<void> {
    await m.createQueryBuilder().update(WebhookEvent).set({ outcome, paymentId, detail }).where('id = :id', { id }).execute();
  }

  /** Open payments of this gateway's kind (`testMode`) untouched for over `minutes`, oldest first. */
  stuck(minutes: number, testMode: boolean, limit: number): Promise<Pick<Payment, 'id' | 'providerRef'>[]> {
    return queryRows(
      this.db,
      `SELECT id, provider_ref AS "providerRef" FROM payments
        WHERE provider = 'stripe' AND test_mode = $2 AND status IN ${OPEN} AND updated_at < now() - make_interval(mins => $1)
        ORDER BY updated_at LIMIT ${limit}`,
      [minutes, testMode],
    );
  }
}
