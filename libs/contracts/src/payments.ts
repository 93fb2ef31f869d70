import type { PaymentStatus } from './enums.js';

export interface PaymentView {
  id: string;
  quoteId: string;
  repairRequestId: string;
  customerId: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  status: PaymentStatus;
  testMode: boolean;
  createdAt: string;
  updatedAt: string;
  /** The refunds asked for, oldest first (on `GET /payments/:id` and the refund response). */
  refunds?: RefundView[];
}

/** A row of `GET /payments`: the payment with who paid and for which repair. */
export interface PaymentListItem extends PaymentView {
  customerName: string;
  /** The repair's `R-1042`. */
  ticketNumber: string;
}

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Longest refund reason; kept within what Stripe accepts as one metadata value. */
export const REFUND_REASON_MAX = 500;

export interface RefundView {
  id: string;
  /** Minor units of the payment's currency. */
  amount: number;
  reason: string;
  /** `pending` until the `charge.refunded` webhook confirms it. */
  status: RefundStatus;
  createdBy: string;
  createdAt: string;
}

export interface AcceptQuoteResponse {
  payment: {
    id: string;
    status: PaymentStatus;
    amount: number;
    currency: string;
    clientSecret: string;
  };
}

export interface RefundRequest {
  /** Minor units; omitted means the whole remaining amount. */
  amount?: number;
  reason: string;
}

/** Test mode only: which outcome the simulated checkout reports (default `succeeded`). */
export interface TestConfirmRequest {
  outcome?: 'succeeded' | 'failed';
}

export interface ListPaymentsQuery {
  status?: PaymentStatus;
  customerId?: string;
  limit?: number;
  cursor?: string;
}

/** What the apps need to know at runtime to take payments. */
export interface PaymentsConfigView {
  testMode: boolean;
  publishableKey: string | null;
}
