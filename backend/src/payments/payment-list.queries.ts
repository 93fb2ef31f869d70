import type { PaymentStatus } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import { cursorTimestamp, newestFirstCursor, queryRows, SqlParams } from '../common/sql.js';
import type { Payment } from './payment.entity.js';
import { paymentColumns } from './payments.repository.js';

export interface PaymentListFilter {
  /** Null: every customer's (admins). */
  viewerCustomerId: string | null;
  customerId?: string;
  status?: PaymentStatus;
  repairRequestId?: string;
  cursor?: string;
  limit: number;
}

export type PaymentListRow = Payment & { customerName: string; ticketSeq: string; cursorAt: string };

/** Read model of the payments list: each payment with its customer's name and its repair's ticket, newest first (`limit + 1` rows). */
export function listPayments(m: EntityManager, filter: PaymentListFilter): Promise<PaymentListRow[]> {
  const p = new SqlParams();
  const where = [newestFirstCursor(filter.cursor, 'p', p)];
  if (filter.viewerCustomerId !== null) where.push(`p.customer_id = ${p.add(filter.viewerCustomerId)}`);
  if (filter.customerId) where.push(`p.customer_id = ${p.add(filter.customerId)}`);
  if (filter.status) where.push(`p.status = ${p.add(filter.status)}`);
  if (filter.repairRequestId) where.push(`p.repair_request_id = ${p.add(filter.repairRequestId)}`);
  return queryRows<PaymentListRow>(
    m,
    `SELECT ${paymentColumns('p')}, ${cursorTimestamp('p.created_at')} AS "cursorAt",
       (SELECT u.name FROM users u WHERE u.id = p.customer_id) AS "customerName",
       (SELECT r.ticket_seq FROM repair_requests r WHERE r.id = p.repair_request_id) AS "ticketSeq"
      FROM payments p
      WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT ${p.add(filter.limit + 1)}`,
    p.values,
  );
}
