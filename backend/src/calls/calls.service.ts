import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CallStatus, CallView, IceServer, SystemEvent } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { isUuid, queryRows } from '../common/sql.js';
import { AppConfig } from '../config/configuration.js';
import { ChatBroadcaster } from '../chat/chat-broadcaster.js';
import { callRoom, userRoom } from '../chat/chat-rooms.js';
import { ChatService } from '../chat/chat.service.js';
import { transition, type CallAction } from './call-state.js';
import { iceServersFor } from './ice-servers.js';

interface CallRow {
  id: string;
  conversation_id: string;
  repair_request_id: string;
  caller_id: string;
  caller_name: string;
  callee_id: string;
  callee_role: string;
  status: CallStatus;
  created_at: Date | string;
  answered_at: Date | string | null;
  ended_at: Date | string | null;
}

const CALL_SELECT = `
  SELECT k.id, k.conversation_id, c.repair_request_id, k.caller_id, caller.name AS caller_name, k.callee_id, callee.role AS callee_role,
         k.status, k.created_at, k.answered_at, k.ended_at
    FROM calls k JOIN conversations c ON c.id = k.conversation_id
    JOIN users caller ON caller.id = k.caller_id JOIN users callee ON callee.id = k.callee_id`;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const toCallView = (r: CallRow): CallView => ({
  id: r.id,
  conversationId: r.conversation_id,
  repairRequestId: r.repair_request_id,
  callerId: r.caller_id,
  callerName: r.caller_name,
  calleeId: r.callee_id,
  status: r.status,
  createdAt: iso(r.created_at)!,
  answeredAt: iso(r.answered_at),
  endedAt: iso(r.ended_at),
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
    private readonly chat: ChatService,
    private readonly broadcaster: ChatBroadcaster,
    private readonly events: DomainEvents,
  ) {}

  /** A technician taken off the repair leaves its call at once, in the reassignment's transaction. */
  onModuleInit(): void {
    this.events.inTransaction('repair.assigned', async (m, e) => {
      if (!e.previousTechnicianId || e.previousTechnicianId === e.technicianId) return;
      await queryRows(m, `SELECT id FROM conversations WHERE repair_request_id = $1 FOR UPDATE`, [e.repairId]);
      const live = await queryRows<CallRow>(
        m,
        `${CALL_SELECT} WHERE c.repair_request_id = $1 AND k.status IN ('ringing', 'active') AND $2 IN (k.caller_id, k.callee_id) FOR UPDATE OF k`,
        [e.repairId, e.previousTechnicianId],
      );
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
      await queryRows(m, `SELECT id FROM conversations WHERE id = $1 FOR UPDATE`, [conversationId]);
      const [live] = await queryRows<CallRow>(m, `${CALL_SELECT} WHERE k.conversation_id = $1 AND k.status IN ('ringing', 'active') FOR UPDATE OF k`, [conversationId]);
      if (live) {
        // Left over by an instance that stopped: a ring past its time, or a call no connection carries any more.
        const stale =
          live.status === 'ringing'
            ? Date.now() - new Date(live.created_at).getTime() >= this.config.calls.ringTimeoutMs
            : !(await this.broadcaster.occupied(callRoom(live.id)).catch(() => true));
        if (!stale) throw conflict('CALL.IN_PROGRESS', 'A call is already ringing or under way in this conversation.');
        await this.apply(m, live, live.status === 'ringing' ? 'missed' : 'ended');
      }
      const [inserted] = await queryRows<{ id: string }>(
        m,
        `INSERT INTO calls (conversation_id, caller_id, callee_id) VALUES ($1, $2, $3) RETURNING id`,
        [conversationId, user.id, calleeId],
      );
      const [row] = await queryRows<CallRow>(m, `${CALL_SELECT} WHERE k.id = $1`, [inserted.id]);
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
    if (user && action === 'accept') {
      const [call] = await queryRows<{ conversation_id: string }>(this.db, `SELECT conversation_id FROM calls WHERE id = $1`, [callId]);
      if (!call) throw ERRORS['CALL.NOT_FOUND']();
      await this.chat.access(user, call.conversation_id).catch(() => {
        throw ERRORS['CALL.NOT_FOUND']();
      });
    }
    return this.db.transaction(async (m) => {
      // Conversation first, then the call: the order `start` and the timeline notes take them in.
      const [locked] = await queryRows(m, `SELECT c.id FROM conversations c JOIN calls k ON k.conversation_id = c.id WHERE k.id = $1 FOR UPDATE OF c`, [callId]);
      const [row] = locked ? await queryRows<CallRow>(m, `${CALL_SELECT} WHERE k.id = $1 FOR UPDATE OF k`, [callId]) : [];
      if (!row) throw ERRORS['CALL.NOT_FOUND']();
      const next = transition({ status: row.status, callerId: row.caller_id, calleeId: row.callee_id }, action, user?.id ?? null);
      if ('error' in next) throw ERRORS[next.error]();
      return this.apply(m, row, next.to);
    });
  }

  /** Stores the new state with its timeline note, and tells both people once it commits. */
  private async apply(m: EntityManager, row: CallRow, to: CallStatus): Promise<CallView> {
    const [updated] = await queryRows<CallRow & { seconds: string | null }>(
      m,
      `WITH u AS (
         UPDATE calls SET status = $2,
                answered_at = CASE WHEN $2 = 'active' THEN now() ELSE answered_at END,
                ended_at = CASE WHEN $2 = 'active' THEN NULL ELSE now() END
          WHERE id = $1 RETURNING *
       )
       SELECT u.id, u.status, u.answered_at, u.ended_at, extract(epoch FROM u.ended_at - u.answered_at)::text AS seconds FROM u`,
      [row.id, to],
    );
    const next: CallRow = { ...row, status: updated.status, answered_at: updated.answered_at, ended_at: updated.ended_at };
    const note: SystemEvent =
      to === 'active'
        ? { kind: 'call_answered' }
        : { kind: 'call_finished', outcome: to as 'ended' | 'declined' | 'missed', durationSeconds: updated.seconds === null ? null : Math.round(Number(updated.seconds)) };
    await this.chat.postSystem(m, row.repair_request_id, note, { create: false });
    if (to === 'missed') {
      this.events.publish(m, 'call.missed', { callId: row.id, repairId: row.repair_request_id, callerName: row.caller_name, calleeId: row.callee_id, calleeRole: row.callee_role });
    }
    const view = toCallView(next);
    this.events.whenCommitted(m, () => {
      this.broadcaster.emit([userRoom(row.caller_id), userRoom(row.callee_id)], 'call:updated', { call: view });
      clearTimeout(this.timers.get(row.id));
      this.timers.delete(row.id);
      if (to !== 'active') this.broadcaster.leave(callRoom(row.id), callRoom(row.id));
    });
    return view;
  }
}
