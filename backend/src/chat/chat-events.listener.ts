import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { statusChangedEvent } from '@repairhub/contracts';
import { DomainEvents } from '../common/events/domain-events.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { ADMIN_ROOM, sessionRoom, STAFF_ROOM, userRoom } from './chat-rooms.js';
import { ChatService } from './chat.service.js';

/**
 * Turns repair-domain events into the conversation's timeline (system messages) and keeps the assigned
 * technician's read state in step with the assignment, inside the transaction of the change (a note is
 * never lost nor written for a change that rolled back; the conversation's row lock keeps the timeline
 * in order). After the commit it pushes live updates to users' own rooms and the staff room, and closes
 * the sockets of revoked sessions and deactivated users.
 */
@Injectable()
export class ChatEventsListener implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly events: DomainEvents,
    private readonly chat: ChatService,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  onModuleInit(): void {
    this.events.inTransaction('repair.assigned', async (m, e) => {
      if (e.previousTechnicianId && e.previousTechnicianId !== e.technicianId) await this.chat.removeParticipant(m, e.repairId, e.previousTechnicianId);
      await this.chat.addParticipant(m, e.repairId, e.technicianId);
      await this.chat.postSystem(m, e.repairId, { kind: 'technician_assigned', reassigned: e.previousTechnicianId !== null }, { create: false });
    });
    this.events.inTransaction('repair.status_changed', async (m, e) => {
      const event = statusChangedEvent(e.to, e.actorRole);
      if (event) await this.chat.postSystem(m, e.repairId, event, { create: false });
    });
    this.events.inTransaction('quote.issued', (m, e) =>
      this.chat.postSystem(m, e.repairId, {
        kind: 'quote_issued',
        total: e.total,
        currency: e.currency,
        expiresAt: e.expiresAt,
        revised: e.replacedQuoteId !== null,
      }, { create: true }),
    );
    this.events.inTransaction('payment.succeeded', (m, e) => this.chat.postSystem(m, e.repairId, { kind: 'payment_succeeded', amount: e.amount, currency: e.currency }, { create: true }));
    this.events.inTransaction('payment.refunded', (m, e) =>
      this.chat.postSystem(m, e.repairId, {
        kind: 'payment_refunded',
        amountRefunded: e.amountRefunded,
        amount: e.amount,
        currency: e.currency,
      }, { create: true }),
    );

    this.unsubscribe.push(
      this.events.on('repair.created', (e) => {
        this.broadcaster.emit([STAFF_ROOM], 'repair:created', { repairRequestId: e.repairId, urgency: e.urgency });
      }),
      this.events.on('repair.status_changed', (e) => {
        const rooms = [userRoom(e.customerId), ADMIN_ROOM, ...(e.assignedTechnicianId ? [userRoom(e.assignedTechnicianId)] : [])];
        this.broadcaster.emit(rooms, 'repair:updated', { repairRequestId: e.repairId, status: e.to, assignedTechnicianId: e.assignedTechnicianId });
      }),
      this.events.on('sessions.revoked', (e) => this.broadcaster.disconnect(e.sessionIds.map(sessionRoom))),
      this.events.on('user.deactivated', (e) => this.broadcaster.disconnect([userRoom(e.userId)])),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe.splice(0).forEach((off) => off());
  }
}
