import type { Page, PaymentStatus } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';
import { newestFirstPage, type PageRequest } from '../common/newest-first-page.js';
import { SqlParams } from '../common/sql.js';
import type { Payment } from './payment.entity.js';
import { paymentColumns } from './payments.repository.js';

export interface PaymentListFilter extends PageRequest {
  /** Null: every customer's (admins). */
  viewerCustomerId: string | null;
  customerId?: string;
  status?: PaymentStatus;
  repairRequestId?: string;
}

export type PaymentListRow = Payment & { customerName: string; ticketSeq: string };

const COLUMNS = `${paymentColumns('p')},
  (SELECT u.name FROM users u WHERE u.id = p.customer_id) AS "customerName",
  (SELECT r.ticket_seq FROM repair_requests r WHERE r.id = p.repair_request_id) AS "ticketSeq"`;

/** Read model of the payments list: each payment with its customer's name and its repair's ticket, newest first. */
export function listPayments(m: EntityManager, filter: PaymentListFilter): Promise<Page<PaymentListRow>> {
  const p = new SqlParams();
  const where: string[] = [];
  if (filter.viewerCustomerId !== null) where.push(`p.customer_id = ${p.add(filter.viewerCustomerId)}`);
  if (filter.customerId) where.push(`p.customer_id = ${p.add(filter.customerId)}`);
  if (filter.status) where.push(`p.status = ${p.add(filter.status)}`);
  if (filter.repairRequestId) where.push(`p.repair_request_id = ${p.add(filter.repairRequestId)}`);
  return newestFirstPage(m, { select: COLUMNS, from: 'payments p', alias: 'p', where, p }, filter);
}
