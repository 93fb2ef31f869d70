import type { Currency, PaymentStatus, PaymentView, RefundStatus, RefundView } from '@repairhub/contracts';

export interface PaymentRow {
  id: string;
  quote_id: string;
  repair_request_id: string;
  customer_id: string;
  attempt: number;
  amount: number;
  currency: Currency;
  amount_refunded: number;
  status: PaymentStatus;
  provider_ref: string;
  test_mode: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface RefundRow {
  id: string;
  payment_id: string;
  seq: number;
  amount: number;
  reason: string;
  status: RefundStatus;
  provider_ref: string;
  created_by: string;
  created_at: Date | string;
}

export const PAYMENT_COLUMNS = (a: string) =>
  `${a}.id, ${a}.quote_id, ${a}.repair_request_id, ${a}.customer_id, ${a}.attempt, ${a}.amount, ${a}.currency, ${a}.amount_refunded,
   ${a}.status, ${a}.provider_ref, ${a}.test_mode, ${a}.created_at, ${a}.updated_at`;

export const REFUND_COLUMNS = (a: string) =>
  `${a}.id, ${a}.payment_id, ${a}.seq, ${a}.amount, ${a}.reason, ${a}.status, ${a}.provider_ref, ${a}.created_by, ${a}.created_at`;

const iso = (value: Date | string) => new Date(value).toISOString();

export function toRefundView(row: RefundRow): RefundView {
  return { id: row.id, amount: row.amount, reason: row.reason, status: row.status, createdBy: row.created_by, createdAt: iso(row.created_at) };
}

export function toPaymentView(row: PaymentRow, refunds?: RefundRow[]): PaymentView {
  return {
    id: row.id,
    quoteId: row.quote_id,
    repairRequestId: row.repair_request_id,
    customerId: row.customer_id,
    amount: row.amount,
    amountRefunded: row.amount_refunded,
    currency: row.currency,
    status: row.status,
    testMode: row.test_mode,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(refunds ? { refunds: refunds.map(toRefundView) } : {}),
  };
}
