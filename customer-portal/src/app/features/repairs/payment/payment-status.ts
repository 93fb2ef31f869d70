import { FINAL_PAYMENT_STATUSES, type PaymentStatus, type PaymentView } from '@repairhub/contracts';
import type { ApiClient } from '@repairhub/web-core';
import { type Observable, distinctUntilChanged, switchMap, take, takeWhile, timer } from 'rxjs';

export const PAYMENT_POLL_MS = 1500;
/** About three minutes of following; after that the page says confirmation is still on its way. */
const MAX_POLLS = 120;

export function isFinalPayment(status: PaymentStatus): boolean {
  return FINAL_PAYMENT_STATUSES.includes(status);
}

/**
 * Follows a payment as the webhooks move it (requires_payment → processing → succeeded | failed |
 * canceled): emits each new state and completes on a final one.
 */
export function followPayment(api: ApiClient, paymentId: string, everyMs = PAYMENT_POLL_MS): Observable<PaymentView> {
  return timer(0, everyMs).pipe(
    take(MAX_POLLS),
    switchMap(() => api.payments.get(paymentId)),
    distinctUntilChanged((a, b) => a.status === b.status),
    takeWhile((payment) => !isFinalPayment(payment.status), true),
  );
}
