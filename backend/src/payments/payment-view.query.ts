import type { PaymentView } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { PAYMENT_COLUMNS, REFUND_COLUMNS, toPaymentView, type PaymentRow, type RefundRow } from './payment.mapper.js';

export function refundsOf(runner: EntityManager | DataSource, paymentId: string): Promise<RefundRow[]> {
  return queryRows<RefundRow>(runner, `SELECT ${REFUND_COLUMNS('r')} FROM refunds r WHERE r.payment_id = $1 ORDER BY r.seq`, [paymentId]);
}

/** A payment with its refunds as the API returns it, read with `runner` (inside a transaction for webhook payloads). */
export async function loadPaymentView(runner: EntityManager | DataSource, paymentId: string): Promise<PaymentView> {
  const [row] = await queryRows<PaymentRow>(runner, `SELECT ${PAYMENT_COLUMNS('p')} FROM payments p WHERE p.id = $1`, [paymentId]);
  return toPaymentView(row, await refundsOf(runner, paymentId));
}
