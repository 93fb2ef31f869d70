import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryRows, SqlParams } from '../common/sql.js';
import type { ConversationRecord } from './chat.mapper.js';
import { MESSAGE_COLUMNS } from './message-view.query.js';
import { participantJoin, PARTICIPATES } from './participation.query.js';

/** A conversation the caller may take part in, with the people it concerns. */
export interface ConversationAccess {
  id: string;
  repairRequestId: string;
  customerId: string;
  technicianId: string | null;
}

/** Every list reads the newest message and my unread count in the same statement (no N+1). */
const CONVERSATION_SELECT = (me: string) => `
  SELECT c.id, c.repair_request_id AS "repairRequestId", c.created_at AS "createdAt", c.last_message_seq::text AS "lastMessageSeq",
         (SELECT to_jsonb(lm) FROM (
            SELECT ${MESSAGE_COLUMNS('m')} FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1
          ) lm) AS "lastMessage",
         (SELECT count(*) FROM messages m
           WHERE m.conversation_id = c.id
             AND m.seq > COALESCE((SELECT p.last_read_seq FROM conversation_participants p
                                    WHERE p.conversation_id = c.id AND p.user_id = ${me}), 0)
             AND m.sender_id IS DISTINCT FROM ${me}) AS "unreadCount"
    FROM conversations c ${participantJoin(me)}`;

/** Conversations as the people taking part see them: checked against the current repair and user rows. */
@Injectable()
export class ConversationsQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The conversation of a repair request, when `userId` may take part in it. */
  async ofRepair(userId: string, repairRequestId: string): Promise<ConversationRecord | undefined> {
    const [row] = await queryRows<ConversationRecord>(
      this.db,
      `${CONVERSATION_SELECT('$1')} WHERE c.repair_request_id = $2 AND ${PARTICIPATES}`,
      [userId, repairRequestId],
    );
    return row;
  }

  /** Most recent activity first, after the keyset `after` when given; `take` rows at most. */
  list(userId: string, after: { seq: string; id: string } | null, take: number): Promise<ConversationRecord[]> {
    const p = new SqlParams();
    const me = p.add(userId);
    const afterSql = after ? `(c.last_message_seq, c.id) < (${p.add(after.seq)}::bigint, ${p.add(after.id)}::uuid)` : 'TRUE';
    return queryRows<ConversationRecord>(
      this.db,
      `${CONVERSATION_SELECT(me)} WHERE ${PARTICIPATES} AND ${afterSql}
       ORDER BY c.last_message_seq DESC, c.id DESC LIMIT ${p.add(take)}`,
      p.values,
    );
  }

  /** The conversation and the people it concerns, when `userId` may take part in it. */
  async access(userId: string, conversationId: string): Promise<ConversationAccess | undefined> {
    const [row] = await queryRows<ConversationAccess>(
      this.db,
      `SELECT c.id, c.repair_request_id AS "repairRequestId", r.customer_id AS "customerId", r.assigned_technician_id AS "technicianId"
         FROM conversations c ${participantJoin('$2')}
        WHERE c.id = $1 AND ${PARTICIPATES}`,
      [conversationId, userId],
    );
    return row;
  }
}
