import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { ADMIN_ROOM, sessionRoom, STAFF_ROOM, userRoom } from './chat-rooms.js';
import { ChatService } from './chat.service.js';
import { paymentSucceededText, quoteIssuedText, statusChangedText, technicianAssignedText } from './system-messages.js';

/**
 * Turns repair-domain events into the conversation's timeline (system messages), keeps the assigned
 * technician's read state and open sockets in step with the assignment, pushes live updates to
 * users' own rooms and the staff room, and closes the sockets of revoked sessions and deactivated
 * users. Events of one repair are handled one after another, in the order they were published, so
 * the timeline reads in order.
 */
@Injectable()
export class ChatEventsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ChatEvents');
  private readonly queues = new Map<string, Promise<void>>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly events: DomainEvents,
    private readonly chat: ChatService,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('repair.created', (e) => {
        this.broadcaster.emit([STAFF_ROOM], 'repair:created', { repairRequestId: e.repairId, urgency: e.urgency });
      }),
      this.events.on('repair.assigned', (e) =>
        this.serial(e.repairId, async () => {
          if (e.previousTechnicianId && e.previousTechnicianId !== e.technicianId) await this.chat.removeParticipant(e.repairId, e.previousTechnicianId);
          await this.chat.addParticipant(e.repairId, e.technicianId);
          await this.chat.postSystem(e.repairId, technicianAssignedText(e.previousTechnicianId !== null), { create: false });
        }),
      ),
      this.events.on('repair.status_changed', (e) => {
        const rooms = [userRoom(e.customerId), ADMIN_ROOM, ...(e.assignedTechnicianId ? [userRoom(e.assignedTechnicianId)] : [])];
        this.broadcaster.emit(rooms, 'repair:updated', { repairRequestId: e.repairId, status: e.to, assignedTechnicianId: e.assignedTechnicianId });
        return this.serial(e.repairId, () => this.chat.postSystem(e.repairId, statusChangedText(e.from, e.to, e.note), { create: false }));
      }),
      this.events.on('quote.issued', (e) =>
        this.serial(e.repairId, () => this.chat.postSystem(e.repairId, quoteIssuedText(e.total, e.currency, e.expiresAt, e.replacedQuoteId !== null), { create: true })),
      ),
      this.events.on('sessions.revoked', (e) => this.broadcaster.disconnect(e.sessionIds.map(sessionRoom))),
      this.events.on('user.deactivated', (e) => this.broadcaster.disconnect([userRoom(e.userId)])),
      // Published by the payments module (its event types extend the shared map; chat imports nothing of it).
      this.events.on('payment.succeeded', (e) =>
        this.serial(e.repairId, () => this.chat.postSystem(e.repairId, paymentSucceededText(e.amount, e.currency), { create: true })),
      ),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe.splice(0).forEach((off) => off());
  }

  /** Runs `task` after the earlier tasks of the same repair; a failure is logged and does not block the next. */
  private serial(repairId: string, task: () => Promise<unknown>): Promise<void> {
    const previous = this.queues.get(repairId) ?? Promise.resolve();
    const next = previous.then(task).then(
      () => undefined,
      (error: unknown) => this.logger.error({ err: error, repairId }, 'Chat could not record a repair event'),
    );
    this.queues.set(repairId, next);
    void next.then(() => {
      if (this.queues.get(repairId) === next) this.queues.delete(repairId);
    });
    return next;
  }
}
