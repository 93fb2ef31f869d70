import type { Actor, PaymentStatus, QuoteStatus, RepairStatus } from './enums.js';

/** A transition table: `from → to → actors allowed to make that move`. */
export type TransitionTable<S extends string> = Readonly<Record<S, Readonly<Partial<Record<S, readonly Actor[]>>>>>;

/**
 * Repair requests. `quoted` and `approved` are reached only through quotes and payments
 * (actor `system`); staff move the work forward; the owner may cancel before work starts.
 */
export const REPAIR_TRANSITIONS: TransitionTable<RepairStatus> = {
  submitted: { quoted: ['system'], cancelled: ['customer', 'technician', 'admin'] },
  quoted: { approved: ['system'], cancelled: ['customer', 'technician', 'admin'] },
  approved: { in_progress: ['technician', 'admin'] },
  in_progress: { completed: ['technician', 'admin'] },
  completed: {},
  cancelled: {},
};

export const QUOTE_TRANSITIONS: TransitionTable<QuoteStatus> = {
  pending: {
    payment_pending: ['customer'],
    rejected: ['customer'],
    expired: ['system'],
    withdrawn: ['system', 'technician', 'admin'],
  },
  payment_pending: { accepted: ['system'], pending: ['system'] },
  accepted: {},
  rejected: {},
  expired: {},
  withdrawn: {},
};

/** Payments only move forward; webhooks may skip `processing`. */
export const PAYMENT_TRANSITIONS: TransitionTable<PaymentStatus> = {
  requires_payment: { processing: ['system'], succeeded: ['system'], failed: ['system'], canceled: ['system'] },
  processing: { succeeded: ['system'], failed: ['system'], canceled: ['system'] },
  succeeded: { refunded: ['system'] },
  refunded: {},
  failed: {},
  canceled: {},
};

function allowed<S extends string>(table: TransitionTable<S>, from: S, to: S, actor: Actor): boolean {
  return table[from]?.[to]?.includes(actor) ?? false;
}

/** True when `actor` may move a repair request from `from` to `to`. */
export function canTransition(from: RepairStatus, to: RepairStatus, actor: Actor): boolean {
  return allowed(REPAIR_TRANSITIONS, from, to, actor);
}

export function canTransitionQuote(from: QuoteStatus, to: QuoteStatus, actor: Actor): boolean {
  return allowed(QUOTE_TRANSITIONS, from, to, actor);
}

export function canTransitionPayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return allowed(PAYMENT_TRANSITIONS, from, to, 'system');
}

/** The statuses `actor` may move a repair to from `from` — what a UI should offer. */
export function nextRepairStatuses(from: RepairStatus, actor: Actor): RepairStatus[] {
  return (Object.entries(REPAIR_TRANSITIONS[from]) as [RepairStatus, readonly Actor[]][])
    .filter(([, actors]) => actors.includes(actor))
    .map(([to]) => to);
}

export const FINAL_REPAIR_STATUSES: readonly RepairStatus[] = ['completed', 'cancelled'];
export const FINAL_PAYMENT_STATUSES: readonly PaymentStatus[] = ['succeeded', 'refunded', 'failed', 'canceled'];
