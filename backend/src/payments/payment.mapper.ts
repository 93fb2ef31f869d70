import type { PaymentView, RefundView } from '@repairhub/contracts';
import type { Payment } from './payment.entity.js';
import type { Refund } from './refund.entity.js';

export function toRefundView(refund: Refund): RefundView {
  return {
    id: refund.id,
    amount: refund.amount,
    reason: refund.reason,
    status: refund.status,
    createdBy: refund.createdBy,
    createdAt: refund.createdAt.toISOString(),
  };
}

export function toPaymentView(payment: Payment, refunds?: Refund[]): PaymentView {
  return {
    id: payment.id,
    quoteId: payment.quoteId,
    repairRequestId: payment.repairRequestId,
    customerId: payment.customerId,
    amount: payment.amount,
    amountRefunded: payment.amountRefunded,
    currency: payment.currency,
    status: payment.status,
    testMode: payment.testMode,
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
    ...(refunds ? { refunds: refunds.map(toRefundView) } : {}),
  };
}
