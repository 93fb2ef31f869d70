import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CallStatus, Role } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { Call } from './call.entity.js';
import { CALL_SELECT } from './call-view.query.js';

/** A call with the repair it is about and what its notes and emails say of the two people. */
export type CallRecord = Pick<Call, 'id' | 'conversationId' | 'callerId' | 'calleeId' | 'status' | 'createdAt' | 'answeredAt' | 'endedAt'> & {
  repairRequestId: string;
  callerName: string;
  calleeRole: Role;
};

const LIVE = `('ringing', 'active')`;

/** The calls table's owner. The callers lock the call's conversation (`ChatRepository`) before a call. */
@Injectable()
export class CallsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The conversation of a call, or null when there is no such call. */
  async conversationOf(runner: EntityManager | null, callId: string): Promise<string | null> {
    const call = await (runner ?? this.db.manager).getRepository(Call).findOne({ select: { conversationId: true }, where: { id: callId } });
    return call?.conversationId ?? null;
  }

  async find(m: EntityManager, callId: string, options: { lock: boolean }): Promise<CallRecord | undefined> {
    const [row] = await queryRows<CallRecord>(m, `${CALL_SELECT} WHERE k.id = $1${options.lock ? ' FOR UPDATE OF k' : ''}`, [callId]);
    return row;
  }

  /** The ringing or active call of a conversation, locked. */
  async liveIn(m: EntityManager, conversationId: string): Promise<CallRecord | undefined> {
    const [row] = await queryRows<CallRecord>(m, `${CALL_SELECT} WHERE k.conversation_id = $1 AND k.status IN ${LIVE} FOR UPDATE OF k`, [conversationId]);
    return row;
  }

  /** The ringing or active calls of a repair request that `userId` takes part in, locked. */
  liveOfRepairWith(m: EntityManager, repairRequestId: string, userId: string): Promise<CallRecord[]> {
    return queryRows<CallRecord>(m, `${CALL_SELECT} WHERE c.repair_request_id = $1 AND k.status IN ${LIVE} AND $2 IN (k.caller_id, k.callee_id) FOR UPDATE OF k`, [
      repairRequestId,
      userId,
    ]);
  }

  /** A new ringing call; its id. */
  async createRinging(m: EntityManager, call: Pick<Call, 'conversationId' | 'callerId' | 'calleeId'>): Promise<string> {
    const result = await m.createQueryBuilder().insert().into(Call).values(call).returning('id').execute();
    return (result.raw as { id: string }[])[0].id;
  }

  /**
   * Moves a call to `to`, stamping when it was answered or ended; returns the stored times and, once
   * ended, how long it was answered (null if never).
   */
  async setStatus(m: EntityManager, callId: string, to: CallStatus): Promise<Pick<Call, 'status' | 'answeredAt' | 'endedAt'> & { seconds: string | null }> {
    const [updated] = await queryRows<Pick<Call, 'status' | 'answeredAt' | 'endedAt'> & { seconds: string | null }>(
      m,
      `WITH u AS (
         UPDATE calls SET status = $2,
                answered_at = CASE WHEN $2 = 'active' THEN now() ELSE answered_at END,
                ended_at = CASE WHEN $2 = 'active' THEN NULL ELSE now() END
          WHERE id = $1 RETURNING *
       )
       SELECT u.status, u.answered_at AS "answeredAt", u.ended_at AS "endedAt", extract(epoch FROM u.ended_at - u.answered_at)::text AS seconds FROM u`,
      [callId, to],
    );
    return updated;
  }
}
