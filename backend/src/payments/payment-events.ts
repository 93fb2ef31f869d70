import type { Currency } from '@repairhub/contracts';

/**
 * The payment events, added to the shared `DomainEventMap` (published after the transaction that
 * caused them commits). Chat posts a system message on `payment.succeeded`.
 */
declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'payment.succeeded': { paymentId: string; quoteId: string; repairId: string; customerId: string; amount: number; currency: Currency };
    'payment.failed': {
      paymentId: string;
      quoteId: string;
      repairId: string;
      customerId: string;
      amount: number;
      currency: Currency;
      status: 'failed' | 'canceled';
      failureCode: string | null;
    };
    'payment.refunded': {
      paymentId: string;
      quoteId: string;
      repairId: string;
      customerId: string;
      /** Total refunded so far, minor units. */
      amountRefunded: number;
      amount: number;
      currency: Currency;
      fullyRefunded: boolean;
    };
  }
}

export {};
