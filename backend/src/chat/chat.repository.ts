import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SystemEvent } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import type { MessageRecord } from './chat.mapper.js';
import { Conversation } from './conversation.entity.js';
import { Message } from './message.entity.js';
import { INSERT_TEXT_MESSAGE_SQL } from './message-insert.query.js';
import { MESSAGE_COLUMNS } from './message-view.query.js';
import { existingRepair, participatingRepair, REPAIR_OF_CONVERSATION } from './participation.query.js';

/** A stored message with the people of its repair, for the events and pushes that follow it. */
export type PostedMessage = MessageRecord & { customerId: string; technicianId: string | null };

/**
 * The owner of conversations, messages and read positions. A new message locks its conversation's
 * row first, so within one conversation seq order is commit order, and moves the conversation's
 * activity marker in the same statement.
 */
@Injectable()
export class ChatRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates the repair request's conversation when `userId` may take part and it has none yet; true when created. */
  async createForParticipant(userId: string, repairRequestId: string): Promise<boolean> {
    const inserted = await queryRows(
      this.db,
      `INSERT INTO conversations (repair_request_id) ${participatingRepair('$1', '$2')}
       ON CONFLICT (repair_request_id) DO NOTHING RETURNING id`,
      [repairRequestId, userId],
    );
    return inserted.length > 0;
  }

  /** Creates the repair request's conversation when the request exists and has none yet. */
  async createForRepair(m: EntityManager, repairRequestId: string): Promise<void> {
    await queryRows(m, `INSERT INTO conversations (repair_request_id) ${existingRepair('$1')} ON CONFLICT DO NOTHING`, [repairRequestId]);
  }

  /** Locks a conversation's row: calls change state in the order messages are sent. */
  async lock(m: EntityManager, conversationId: string): Promise<void> {
    await m.createQueryBuilder(Conversation, 'c').select('c.id').where('c.id = :conversationId', { conversationId }).setLock('pessimistic_write').getRawOne();
  }

  /** Locks the conversation of a repair request, when it has one. */
  async lockOfRepair(m: EntityManager, repairRequestId: string): Promise<void> {
    await m
      .createQueryBuilder(Conversation, 'c')
      .select('c.id')
      .where('c.repair_request_id = :repairRequestId', { repairRequestId })
      .setLock('pessimistic_write')
      .getRawMany();
  }

  /**
   * In one statement: checks that `senderId` takes part (current assignment), locks the conversation,
   * inserts the text message (a repeated `clientId` inserts nothing: undefined) and moves the activity marker.
   */
  async insertText(
    m: EntityManager,
    conversationId: string,
    senderId: string,
    content: unknown,
    clientId: string | null,
  ): Promise<(PostedMessage & { repairRequestId: string }) | undefined> {
    const [inserted] = await queryRows<PostedMessage & { repairRequestId: string }>(
      m,
      INSERT_TEXT_MESSAGE_SQL,
      [conversationId, senderId, content, clientId],
    );
    return inserted;
  }

  /** A system message in the repair request's conversation (locked first); undefined when it has none. */
  async insertSystem(m: EntityManager, repairRequestId: string, content: string, event: SystemEvent | null): Promise<PostedMessage | undefined> {
    const [row] = await queryRows<PostedMessage>(
      m,
      `WITH target AS (
         SELECT c.id, r.customer_id, r.assigned_technician_id
           FROM conversations c ${REPAIR_OF_CONVERSATION}
          WHERE c.repair_request_id = $1 FOR UPDATE OF c
       ), ins AS (
         INSERT INTO messages (conversation_id, sender_id, type, content, event) SELECT t.id, NULL, 'system', $2, $3::jsonb FROM target t RETURNING *
       ), bump AS (
         UPDATE conversations SET last_message_seq = ins.seq FROM ins WHERE conversations.id = ins.conversation_id
       )
       SELECT ${MESSAGE_COLUMNS('ins')}, t.customer_id AS "customerId", t.assigned_technician_id AS "technicianId" FROM ins CROSS JOIN target t`,
      [repairRequestId, content, event && JSON.stringify(event)],
    );
    return row;
  }

  /** Newest first, before `beforeSeq` when given; `take` rows at most. */
  newestFirst(conversationId: string, beforeSeq: string | null, take: number): Promise<MessageRecord[]> {
    const [before, params] = beforeSeq === null ? ['TRUE', [conversationId, take]] : ['m.seq < $3::bigint', [conversationId, take, beforeSeq]];
    return queryRows<MessageRecord>(
      this.db,
      `SELECT ${MESSAGE_COLUMNS('m')} FROM messages m WHERE m.conversation_id = $1 AND ${before}
        ORDER BY m.seq DESC LIMIT $2`,
      params,
    );
  }

  /** Oldest first, after `seq`; `take` rows at most. */
  after(conversationId: string, seq: string, take: number): Promise<MessageRecord[]> {
    return queryRows<MessageRecord>(
      this.db,
      `SELECT ${MESSAGE_COLUMNS('m')} FROM messages m WHERE m.conversation_id = $1 AND m.seq > $2::bigint ORDER BY m.seq LIMIT $3`,
      [conversationId, seq, take],
    );
  }

  /** The message a sender stored under `clientId`, in whichever conversation. */
  async byClientId(senderId: string, clientId: unknown): Promise<MessageRecord | undefined> {
    const [row] = await queryRows<MessageRecord>(this.db, `SELECT ${MESSAGE_COLUMNS('m')} FROM messages m WHERE m.sender_id = $1 AND m.client_id = $2`, [
      senderId,
      clientId,
    ]);
    return row;
  }

  /** The seq of a message of this conversation, as decimal text. */
  async seqOf(conversationId: string, messageId: string): Promise<string | undefined> {
    const row = await this.db
      .createQueryBuilder(Message, 'm')
      .select('m.seq::text', 'seq')
      .where('m.id = :messageId AND m.conversation_id = :conversationId', { messageId, conversationId })
      .getRawOne<{ seq: string }>();
    return row?.seq;
  }

  /** Moves `userId`'s read position to the message (forward only). */
  async markRead(conversationId: string, userId: string, messageId: string, seq: string): Promise<void> {
    await queryRows(
      this.db,
      `INSERT INTO conversation_participants (conversation_id, user_id, last_read_message_id, last_read_seq)
       VALUES ($1, $2, $3, $4::bigint)
       ON CONFLICT (conversation_id, user_id) DO UPDATE
         SET last_read_message_id = EXCLUDED.last_read_message_id, last_read_seq = EXCLUDED.last_read_seq, updated_at = now()
         WHERE conversation_participants.last_read_seq < EXCLUDED.last_read_seq`,
      [conversationId, userId, messageId, seq],
    );
  }

  /** Deletes `userId`'s read position in the repair request's conversation and returns that conversation's id (null: none). */
  async removeParticipant(m: EntityManager, repairRequestId: string, userId: string): Promise<string | null> {
    const [removed] = await queryRows<{ conversation_id: string }>(
      m,
      `DELETE FROM conversation_participants p USING conversations c
        WHERE c.id = p.conversation_id AND c.repair_request_id = $1 AND p.user_id = $2 RETURNING p.conversation_id`,
      [repairRequestId, userId],
    );
    if (removed) return removed.conversation_id;
    const conversation = await m.getRepository(Conversation).findOne({ select: { id: true }, where: { repairRequestId } });
    return conversation?.id ?? null;
  }

  /** Gives `userId` a read position at the start of the repair request's conversation, when it has one. */
  async addParticipant(m: EntityManager, repairRequestId: string, userId: string): Promise<void> {
    await queryRows(
      m,
      `INSERT INTO conversation_participants (conversation_id, user_id)
       SELECT c.id, $2 FROM conversations c WHERE c.repair_request_id = $1 ON CONFLICT DO NOTHING`,
      [repairRequestId, userId],
    );
  }
}
