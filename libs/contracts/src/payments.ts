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
