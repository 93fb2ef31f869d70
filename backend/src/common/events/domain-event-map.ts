import type { Actor, Currency, RepairStatus, Urgency } from '@repairhub/contracts';

/**
 * In-process domain events and their payloads (ids and small facts, never secrets such as
 * serials). Published after the transaction that caused them commits; a rolled-back change
 * publishes nothing. Listeners (chat system messages, live updates) subscribe with
 * `DomainEvents.on`.
 */
export interface DomainEventMap {
  'repair.created': { repairId: string; customerId: string; deviceId: string; urgency: Urgency };
  'repair.assigned': { repairId: string; customerId: string; technicianId: string; previousTechnicianId: string | null; actorId: string };
  'repair.status_changed': {
    repairId: string;
    customerId: string;
    assignedTechnicianId: string | null;
    from: RepairStatus;
    to: RepairStatus;
    actorId: string | null;
    actorRole: Actor;
    note: string | null;
  };
  'quote.issued': {
    quoteId: string;
    repairId: string;
    customerId: string;
    technicianId: string;
    total: number;
    currency: Currency;
    expiresAt: string;
    /** The pending quote this one replaced, if any. */
    replacedQuoteId: string | null;
  };
  'quote.rejected': { quoteId: string; repairId: string; customerId: string; technicianId: string; reason: string | null };
  /** Sessions ended (sign-out, refresh-token reuse, role change): their open sockets must close too. */
  'sessions.revoked': { sessionIds: string[] };
  'user.deactivated': { userId: string };
}

export type DomainEventName = keyof DomainEventMap;
export type DomainEventListener<K extends DomainEventName> = (payload: DomainEventMap[K]) => void | Promise<void>;
