import type { Actor, Currency, RepairStatus, Urgency } from '@repairhub/contracts';
import type { EntityManager } from 'typeorm';

/**
 * In-process domain events and their payloads (ids and small facts, never secrets such as
 * serials), published in the transaction that caused them: durable listeners (`DomainEvents.inTransaction`,
 * e.g. the email outbox) run inside it before it commits; the others (`DomainEvents.on`: chat system
 * messages, live updates) after it commits. A rolled-back change publishes nothing. Every event is
 * declared here, in this one map; features do not extend it.
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
  'quote.expired': { quoteId: string; repairId: string; customerId: string; technicianId: string };
  /** A pending quote the customer has not answered for 48 h (published once per quote). */
  'quote.reminder_due': { quoteId: string; repairId: string; customerId: string; expiresAt: string };
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
  /** A standing drop-off is tomorrow, in the shop's time zone (published once per booking). */
  'appointment.reminder_due': { appointmentId: string; repairId: string; customerId: string; startsAt: string };
  /** A participant's text message was stored (not system messages, not a repeated clientId). */
  'chat.message_sent': {
    messageId: string;
    conversationId: string;
    repairId: string;
    senderId: string;
    customerId: string;
    assignedTechnicianId: string | null;
    content: string;
    /** File names of the attachments sent with it (mentioned in emails, never embedded). */
    attachmentNames: string[];
  };
  /** A call rang out or was withdrawn before the callee answered. */
  'call.missed': { callId: string; repairId: string; callerName: string; calleeId: string; calleeRole: string };
  /** Sessions ended (sign-out, refresh-token reuse, role change): their open sockets must close too. */
  'sessions.revoked': { sessionIds: string[] };
  'user.deactivated': { userId: string };
}

export type DomainEventName = keyof DomainEventMap;
export type DomainEventListener<K extends DomainEventName> = (payload: DomainEventMap[K]) => void | Promise<void>;
/** A durable listener: runs with the publishing transaction's manager, before it commits. */
export type TransactionalListener<K extends DomainEventName> = (manager: EntityManager, payload: DomainEventMap[K]) => Promise<void>;
