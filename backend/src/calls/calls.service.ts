import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CallStatus, CallView, IceServer, SystemEvent } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { isUuid } from '../common/sql.js';
import { AppConfig } from '../config/configuration.js';
import { ChatBroadcaster } from '../chat/chat-broadcaster.js';
import { callRoom, userRoom } from '../chat/chat-rooms.js';
import { ChatRepository } from '../chat/chat.repository.js';
import { ChatService } from '../chat/chat.service.js';
import { CallsRepository, type CallRecord } from './calls.repository.js';
import { transition, type CallAction } from './call-state.js';
import { iceServersFor } from './ice-servers.js';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const toCallView = (r: CallRecord): CallView => ({
  id: r.id,
  conversationId: r.conversationId,
  repairRequestId: r.repairRequestId,
  callerId: r.callerId,
  callerName: r.callerName,
  calleeId: r.calleeId,
  status: r.status,
  createdAt: iso(r.createdAt)!,
  answeredAt: iso(r.answeredAt),
  endedAt: iso(r.endedAt),
});

const ERRORS = {
  'CALL.NOT_FOUND': () => notFound('CALL.NOT_FOUND', 'Call'),
  'CALL.NOT_CALLEE': () => forbidden('CALL.NOT_CALLEE', 'Only the person being called can answer or decline.'),
  'CALL.NOT_RINGING': () => conflict('CALL.NOT_RINGING', 'This call is no longer ringing.'),
  'CALL.OVER': () => conflict('CALL.OVER', 'This call has already ended.'),
};

/**
 * Video calls of a repair's conversation between its customer and assigned technician. The state
 * lives in `calls` (every realtime instance reads the same row); each change locks the conversation,
 * then the call, so two people hanging up at once finish it once, with one timeline note. A ring
 * times out on the instance that started it; a ring or call left over by a stopped instance is closed
 * by the next start in that conversation.
 */
@Injectable()
export class CallsService implements OnModuleInit, OnModuleDestroy {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly calls: CallsRepository,
    private readonly chat: ChatService,
    private readonly conversations: ChatRepository,
    private readonly broadcaster: ChatBroadcaster,
    private readonly events: DomainEvents,
  ) {}

  /** A technician taken off the repair leaves its call at once, in the reassignment's transaction. */
  onModuleInit(): void {
    this.events.inTransaction('repair.assigned', async (m, e) => {
      if (!e.previousTechnicianId || e.previousTechnicianId === e.technicianId) return;
      await this.conversations.lockOfRepair(m, e.repairId);
      const live = await this.calls.liveOfRepairWith(m, e.repairId, e.previousTechnicianId);
      // Not a missed call for anyone to be emailed about: the call was cut, so it ended.
      for (const row of live) await this.apply(m, row, 'ended');
    });
  }

  onModuleDestroy(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  iceServers(userId: string): IceServer[] {
    return iceServersFor(userId, this.config.calls.iceServers, this.config.calls.turn);
  }

  async start(user: AuthUser, conversationId: string): Promise<CallView> {
    const access = await this.chat.access(user, conversationId);
    if (user.id !== access.customerId && user.id !== access.technicianId) {
      throw forbidden('CALL.NOT_ALLOWED', 'Only the customer and the assigned technician can call each other.');
    }
    if (!access.technicianId) throw conflict('CALL.NO_TECHNICIAN', 'No technician is assigned to this repair yet.');
    const calleeId = user.id === access.customerId ? access.technicianId : access.customerId;
    const callerRole = user.id === access.customerId ? 'customer' : 'technician';

    const call = await this.db.transaction(async (m) => {
      await this.conversations.lock(m, conversationId);
      const live = await this.calls.liveIn(m, conversationId);
      if (live) {
        // Left over by an instance that stopped: a ring past its time, or a call no connection carries any more.
        const stale =
          live.status === 'ringing'
            ? Date.now() - new Date(live.createdAt).getTime() >= this.config.calls.ringTimeoutMs
            : !(await this.broadcaster.occupied(callRoom(live.id)).catch(() => true));
        if (!stale) throw conflict('CALL.IN_PROGRESS', 'A call is already ringing or under way in this conversation.');
        await this.apply(m, live, live.status === 'ringing' ? 'missed' : 'ended');
      }
      const id = await this.calls.createRinging(m, { conversationId, callerId: user.id, calleeId });
      const row = (await this.calls.find(m, id, { lock: false }))!;
      await this.chat.postSystem(m, access.repairRequestId, { kind: 'call_started', by: callerRole }, { create: false });
      const view = toCallView(row);
      this.events.whenCommitted(m, () => this.broadcaster.emit([userRoom(calleeId)], 'call:ring', { call: view }));
      return view;
    });
    const timer = setTimeout(() => void this.act(null, call.id, 'timeout').catch(() => undefined), this.config.calls.ringTimeoutMs);
    timer.unref();
    this.timers.set(call.id, timer);
    return call;
  }

  /** Answers, declines or hangs up as `user`; `null` is the ring timeout. */
  async act(user: Pick<AuthUser, 'id' | 'role'> | null, callId: string, action: CallAction): Promise<CallView> {
    if (!isUuid(callId)) throw ERRORS['CALL.NOT_FOUND']();
    // Answering needs the callee to still take part (a reassigned technician does not). Checked before
    // the transaction: the embedded engine has one session, which the transaction holds.
    let conversationId: string | null = null;
    if (user && action === 'accept') {
      conversationId = await this.calls.conversationOf(null, callId);
      if (!conversationId) throw ERRORS['CALL.NOT_FOUND']();
      await this.chat.access(user, conversationId).catch(() => {
        throw ERRORS['CALL.NOT_FOUND']();
      });
    }
    return this.db.transaction(async (m) => {
      // Conversation first, then the call: the order `start` and the timeline notes take them in. A
      // call never moves to another conversation, so its conversation may be read before the lock.
      conversationId ??= await this.calls.conversationOf(m, callId);
      if (!conversationId) throw ERRORS['CALL.NOT_FOUND']();
      await this.conversations.lock(m, conversationId);
      const row = await this.calls.find(m, callId, { lock: true });
      if (!row) throw ERRORS['CALL.NOT_FOUND']();
      const next = transition({ status: row.status, callerId: row.callerId, calleeId: row.calleeId }, action, user?.id ?? null);
      if ('error' in next) throw ERRORS[next.error]();
      return this.apply(m, row, next.to);
    });
  }

  /** Stores the new state with its timeline note, and tells both people once it commits. */
  private async apply(m: EntityManager, row: CallRecord, to: CallStatus): Promise<CallView> {
    const { seconds, ...updated } = await this.calls.setStatus(m, row.id, to);
    const next: CallRecord = { ...row, ...updated };
    const note: SystemEvent =
      to === 'active'
        ? { kind: 'call_answered' }
        : { kind: 'call_finished', outcome: to as 'ended' | 'declined' | 'missed', durationSeconds: seconds === null ? null : Math.round(Number(seconds)) };
    await this.chat.postSystem(m, row.repairRequestId, note, { create: false });
    if (to === 'missed') {
      this.events.publish(m, 'call.missed', { callId: row.id, repairId: row.repairRequestId, callerName: row.callerName, calleeId: row.calleeId, calleeRole: row.calleeRole });
    }
    const view = toCallView(next);
    this.events.whenCommitted(m, () => {
      clearTimeout(this.timers.get(row.id));
      this.timers.delete(row.id);
      // Close the call room before telling anyone: the Redis adapter relays both in this order, so a socket on
      // another instance is out of the room by the time it hears the call ended (its next signal is refused).
      if (to !== 'active') this.broadcaster.leave(callRoom(row.id), callRoom(row.id));
      this.broadcaster.emit([userRoom(row.callerId), userRoom(row.calleeId)], 'call:updated', { call: view });
    });
    return view;
  }
}
