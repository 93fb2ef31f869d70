import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CLIENT_ID_PATTERN,
  describeSystemEvent,
  MESSAGE_MAX_ATTACHMENTS,
  messageContentError,
  type ConversationView,
  type MessageView,
  type SystemEvent,
} from '@repairhub/contracts';
import type { AttachmentRow } from '../attachments/attachment.mapper.js';
import { AttachmentsRepository } from '../attachments/attachments.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import { conflict, invalid, notFound } from '../common/errors/domain-error.js';
import { decodeCursor, toPage } from '../common/http/pagination.js';
import { invalidCursor, isBigintSequence, isUuid, queryRows, SqlParams } from '../common/sql.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { enqueueWebhook } from '../integrations/webhook-outbox.js';
import { MESSAGE_COLUMNS, toConversationView, toMessageView, type ConversationRow, type MessageRow } from './chat.mapper.js';
import { conversationRoom, userRoom } from './chat-rooms.js';
import { DomainEvents } from '../common/events/domain-events.js';

export type ChatUser = Pick<AuthUser, 'id' | 'role'>;

/** API clients and webhooks read system notes as the server writes them: English, times in UTC like every stored time. */
const SERVER_READER = { locale: 'en-US', timeZone: 'UTC' };

/** A conversation the caller may take part in, with the people it concerns. */
export interface ConversationAccess {
  id: string;
  repairRequestId: string;
  customerId: string;
  technicianId: string | null;
}

/** Catch-up returns at most this many messages; `hasMore` tells the client to page the rest over REST. */
export const CATCH_UP_LIMIT = 500;

const conversationNotFound = () => notFound('CONVERSATION.NOT_FOUND', 'Conversation');

/**
 * Who may take part, as SQL over `repair_requests r` and the *current* row of `users u` (the caller):
 * the request's customer, its assigned technician, and active admins. Technicians see a conversation
 * only once the request is assigned to them; a reassigned technician loses it at once.
 */
const PARTICIPATES = `u.active AND (u.role = 'admin' OR r.customer_id = u.id OR r.assigned_technician_id = u.id)`;

/** Every list reads the newest message and my unread count in the same statement (no N+1). */
const CONVERSATION_SELECT = (me: string) => `
  SELECT c.id, c.repair_request_id, c.created_at, c.last_message_seq::text AS last_message_seq,
         (SELECT to_jsonb(lm) FROM (
            SELECT ${MESSAGE_COLUMNS('m')} FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1
          ) lm) AS last_message,
         (SELECT count(*) FROM messages m
           WHERE m.conversation_id = c.id
             AND m.seq > COALESCE((SELECT p.last_read_seq FROM conversation_participants p
                                    WHERE p.conversation_id = c.id AND p.user_id = ${me}), 0)
             AND m.sender_id IS DISTINCT FROM ${me}) AS unread_count
    FROM conversations c
    JOIN repair_requests r ON r.id = c.repair_request_id
    JOIN users u ON u.id = ${me}`;

@Injectable()
export class ChatService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly broadcaster: ChatBroadcaster,
    private readonly events: DomainEvents,
    private readonly attachments: AttachmentsRepository,
  ) {}

  /** The conversation of a repair request the caller may see, created on first call. */
  async open(user: ChatUser, repairRequestId: string): Promise<{ conversation: ConversationView; created: boolean }> {
    const [inserted] = await queryRows<{ id: string }>(
      this.db,
      `INSERT INTO conversations (repair_request_id)
       SELECT r.id FROM repair_requests r JOIN users u ON u.id = $2 WHERE r.id = $1 AND ${PARTICIPATES}
       ON CONFLICT (repair_request_id) DO NOTHING RETURNING id`,
      [repairRequestId, user.id],
    );
    const p = new SqlParams();
    const me = p.add(user.id);
    const [row] = await queryRows<ConversationRow>(
      this.db,
      `${CONVERSATION_SELECT(me)} WHERE c.repair_request_id = ${p.add(repairRequestId)} AND ${PARTICIPATES}`,
      p.values,
    );
    if (!row) throw notFound('REPAIR.NOT_FOUND', 'Repair request');
    return { conversation: toConversationView(row), created: Boolean(inserted) };
  }

  /** Mine, most recent activity first. Admins see every conversation. */
  async list(user: ChatUser, query: { limit: number; cursor?: string }): Promise<{ items: ConversationView[]; nextCursor: string | null }> {
    const p = new SqlParams();
    const me = p.add(user.id);
    let after = 'TRUE';
    if (query.cursor) {
      const [seq, id] = decodeCursor(query.cursor, 2);
      if (!isBigintSequence(seq) || !isUuid(id)) throw invalidCursor();
      after = `(c.last_message_seq, c.id) < (${p.add(seq)}::bigint, ${p.add(id)}::uuid)`;
    }
    const rows = await queryRows<ConversationRow>(
      this.db,
      `${CONVERSATION_SELECT(me)} WHERE ${PARTICIPATES} AND ${after}
       ORDER BY c.last_message_seq DESC, c.id DESC LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    const page = toPage(rows, query.limit, (row) => [row.last_message_seq, row.id]);
    return { items: page.items.map(toConversationView), nextCursor: page.nextCursor };
  }

  /** Checks that the caller (re-read: active, current role and assignment) may take part. */
  async access(user: ChatUser, conversationId: string): Promise<ConversationAccess> {
    if (!isUuid(conversationId)) throw conversationNotFound();
    const [row] = await queryRows<{ id: string; repair_request_id: string; customer_id: string; assigned_technician_id: string | null }>(
      this.db,
      `SELECT c.id, c.repair_request_id, r.customer_id, r.assigned_technician_id
         FROM conversations c JOIN repair_requests r ON r.id = c.repair_request_id JOIN users u ON u.id = $2
        WHERE c.id = $1 AND ${PARTICIPATES}`,
      [conversationId, user.id],
    );
    if (!row) throw conversationNotFound();
    return { id: row.id, repairRequestId: row.repair_request_id, customerId: row.customer_id, technicianId: row.assigned_technician_id };
  }

  /** Newest first; `before` is a message id from the previous page. */
  async messages(user: ChatUser, conversationId: string, query: { before?: string; limit: number }) {
    await this.access(user, conversationId);
    const p = new SqlParams();
    const conversation = p.add(conversationId);
    let before = 'TRUE';
    if (query.before) {
      const seq = await this.seqOf(conversationId, query.before, 'before');
      before = `m.seq < ${p.add(seq)}::bigint`;
    }
    const rows = await queryRows<MessageRow>(
      this.db,
      `SELECT ${MESSAGE_COLUMNS('m')} FROM messages m WHERE m.conversation_id = ${conversation} AND ${before}
        ORDER BY m.seq DESC LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    const items = rows.slice(0, query.limit).map(toMessageView);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  /**
   * Joining a conversation's live room: checks access, lets `enterRoom` subscribe, then returns every
   * message after `lastMessageId`, oldest first (reconnect catch-up; works across instances). Entering
   * before reading means nothing sent in between is lost (a duplicate is harmless: clients merge by id).
   */
  async join(
    user: ChatUser,
    conversationId: string,
    lastMessageId: string | undefined,
    enterRoom: () => Promise<void>,
  ): Promise<{ missed: MessageView[]; hasMore: boolean }> {
    await this.access(user, conversationId);
    await enterRoom();
    if (!lastMessageId) return { missed: [], hasMore: false };
    const seq = await this.seqOf(conversationId, lastMessageId, 'lastMessageId');
    const rows = await queryRows<MessageRow>(
      this.db,
      `SELECT ${MESSAGE_COLUMNS('m')} FROM messages m WHERE m.conversation_id = $1 AND m.seq > $2::bigint ORDER BY m.seq LIMIT $3`,
      [conversationId, seq, CATCH_UP_LIMIT + 1],
    );
    return { missed: rows.slice(0, CATCH_UP_LIMIT).map(toMessageView), hasMore: rows.length > CATCH_UP_LIMIT };
  }

  /**
   * Stores a text message, then broadcasts it. One statement: checks participation against the
   * current assignment, locks the conversation row (so seq order is commit order), inserts (a repeated
   * `clientId` inserts nothing) and moves the conversation's activity marker.
   */
  async send(
    user: ChatUser,
    conversationId: string,
    input: { content: unknown; clientId?: unknown; attachmentIds?: unknown },
  ): Promise<{ message: MessageView; duplicate: boolean }> {
    const attachmentIds = attachmentIdsOf(input.attachmentIds);
    const contentError = messageContentError(input.content, attachmentIds.length > 0);
    if (contentError) throw invalid('REQUEST.INVALID', contentError, 'content');
    const clientId = input.clientId ?? null;
    if (clientId !== null && (typeof clientId !== 'string' || !CLIENT_ID_PATTERN.test(clientId))) {
      throw invalid('REQUEST.INVALID', 'clientId must be 1–100 letters, digits or . _ : -', 'clientId');
    }
    if (!isUuid(conversationId)) throw conversationNotFound();

    const row = await this.db.transaction(async (m) => {
      const [inserted] = await queryRows<MessageRow & { repair_request_id: string; customer_id: string; assigned_technician_id: string | null }>(
        m,
      `WITH allowed AS (
         SELECT c.id, c.repair_request_id, r.customer_id, r.assigned_technician_id
           FROM conversations c JOIN repair_requests r ON r.id = c.repair_request_id JOIN users u ON u.id = $2
          WHERE c.id = $1 AND ${PARTICIPATES}
          FOR UPDATE OF c
       ), ins AS (
         INSERT INTO messages (conversation_id, sender_id, type, content, client_id)
         SELECT a.id, $2, 'text', $3, $4 FROM allowed a
         ON CONFLICT (sender_id, client_id) DO NOTHING
         RETURNING *
       ), bump AS (
         UPDATE conversations SET last_message_seq = ins.seq FROM ins WHERE conversations.id = ins.conversation_id
       )
       SELECT ${MESSAGE_COLUMNS('ins')}, a.repair_request_id, a.customer_id, a.assigned_technician_id FROM ins CROSS JOIN allowed a`,
        [conversationId, user.id, input.content, clientId],
      );
      if (inserted) {
        inserted.attachments = await this.attach(m, inserted, user.id, attachmentIds);
        await enqueueWebhook(m, 'message.created', async () => toMessageView(inserted));
        this.events.publish(m, 'chat.message_sent', {
          messageId: inserted.id,
          conversationId: inserted.conversation_id,
          repairId: inserted.repair_request_id,
          senderId: user.id,
          customerId: inserted.customer_id,
          assignedTechnicianId: inserted.assigned_technician_id,
          content: input.content as string,
          attachmentNames: inserted.attachments.map((a) => a.file_name),
        });
      }
      return inserted;
    });
    if (row) {
      const message = toMessageView(row);
      this.announce(message, { repairRequestId: row.repair_request_id, customerId: row.customer_id, technicianId: row.assigned_technician_id });
      return { message, duplicate: false };
    }
    // Nothing inserted: not allowed (any more), or this clientId is already stored.
    await this.access(user, conversationId);
    const [original] = await queryRows<MessageRow>(
      this.db,
      `SELECT ${MESSAGE_COLUMNS('m')} FROM messages m WHERE m.sender_id = $1 AND m.client_id = $2`,
      [user.id, clientId],
    );
    if (!original) throw new Error('message insert returned nothing for an allowed sender without a clientId conflict');
    if (original.conversation_id !== conversationId) {
      throw conflict('MESSAGE.CLIENT_ID_REUSED', 'This clientId was already used for a message in another conversation.');
    }
    return { message: toMessageView(original), duplicate: true };
  }

  /**
   * Adds a `system` message to the repair's conversation and broadcasts it; with `create`, the
   * conversation is created when missing (the first quote), otherwise nothing is posted without one.
   * Called by domain-event listeners; no user is involved.
   */
  /**
   * A timeline note (system message) of the repair's conversation, written in `manager`'s transaction
   * (the change it describes commits with it, or neither does) and pushed live once it commits.
   */
  /**
   * Posts a timeline note. An event is stored as data too, so each app writes it in its reader's
   * locale and time zone; `content` keeps the server's wording for API clients and webhooks.
   */
  async postSystem(manager: EntityManager, repairRequestId: string, note: string | SystemEvent, options: { create: boolean }): Promise<void> {
    const [content, event] = typeof note === 'string' ? [note, null] : [describeSystemEvent(note, SERVER_READER), note];
    if (options.create) {
      await queryRows(manager, `INSERT INTO conversations (repair_request_id) SELECT id FROM repair_requests WHERE id = $1 ON CONFLICT DO NOTHING`, [repairRequestId]);
    }
    const [row] = await queryRows<MessageRow & { customer_id: string; assigned_technician_id: string | null }>(
      manager,
      `WITH target AS (
         SELECT c.id, r.customer_id, r.assigned_technician_id
           FROM conversations c JOIN repair_requests r ON r.id = c.repair_request_id
          WHERE c.repair_request_id = $1 FOR UPDATE OF c
       ), ins AS (
         INSERT INTO messages (conversation_id, sender_id, type, content, event) SELECT t.id, NULL, 'system', $2, $3::jsonb FROM target t RETURNING *
       ), bump AS (
         UPDATE conversations SET last_message_seq = ins.seq FROM ins WHERE conversations.id = ins.conversation_id
       )
       SELECT ${MESSAGE_COLUMNS('ins')}, t.customer_id, t.assigned_technician_id FROM ins CROSS JOIN target t`,
      [repairRequestId, content, event && JSON.stringify(event)],
    );
    if (!row) return;
    const message = toMessageView(row);
    await enqueueWebhook(manager, 'message.created', async () => message);
    this.events.whenCommitted(manager, () =>
      this.announce(message, { repairRequestId, customerId: row.customer_id, technicianId: row.assigned_technician_id }),
    );
  }

  /** Stores my read position (it only moves forward) and tells the room. */
  async markRead(user: ChatUser, conversationId: string, messageId: unknown): Promise<void> {
    if (!isUuid(messageId)) throw invalid('REQUEST.INVALID', 'messageId must be a message id', 'messageId');
    await this.access(user, conversationId);
    const seq = await this.seqOf(conversationId, messageId, 'messageId');
    await queryRows(
      this.db,
      `INSERT INTO conversation_participants (conversation_id, user_id, last_read_message_id, last_read_seq)
       VALUES ($1, $2, $3, $4::bigint)
       ON CONFLICT (conversation_id, user_id) DO UPDATE
         SET last_read_message_id = EXCLUDED.last_read_message_id, last_read_seq = EXCLUDED.last_read_seq, updated_at = now()
         WHERE conversation_participants.last_read_seq < EXCLUDED.last_read_seq`,
      [conversationId, user.id, messageId, seq],
    );
    this.broadcaster.emit([conversationRoom(conversationId)], 'conversation:read', { conversationId, userId: user.id, messageId });
  }

  /** A technician taken off a repair (in `manager`'s transaction): their read state goes, and once it commits their open sockets leave the room. */
  async removeParticipant(manager: EntityManager, repairRequestId: string, userId: string): Promise<void> {
    const rows = await queryRows<{ conversation_id: string }>(
      manager,
      `DELETE FROM conversation_participants p USING conversations c
        WHERE c.id = p.conversation_id AND c.repair_request_id = $1 AND p.user_id = $2 RETURNING p.conversation_id`,
      [repairRequestId, userId],
    );
    const [conversation] = rows.length
      ? rows.map((r) => r.conversation_id)
      : (await queryRows<{ id: string }>(manager, `SELECT id FROM conversations WHERE repair_request_id = $1`, [repairRequestId])).map((r) => r.id);
    if (conversation) this.events.whenCommitted(manager, () => this.broadcaster.leave(userRoom(userId), conversationRoom(conversation)));
  }

  /** A newly assigned technician starts with a read position, so their unread count starts at the thread's length. */
  async addParticipant(manager: EntityManager, repairRequestId: string, userId: string): Promise<void> {
    await queryRows(
      manager,
      `INSERT INTO conversation_participants (conversation_id, user_id)
       SELECT c.id, $2 FROM conversations c WHERE c.repair_request_id = $1 ON CONFLICT DO NOTHING`,
      [repairRequestId, userId],
    );
  }

  private announce(message: MessageView, about: { repairRequestId: string; customerId: string; technicianId: string | null }): void {
    const room = conversationRoom(message.conversationId);
    this.broadcaster.emit([room], 'message:new', { message });
    const people = [about.customerId, about.technicianId].filter((id): id is string => id !== null).map(userRoom);
    this.broadcaster.emit(people, 'conversation:updated', { conversationId: message.conversationId, repairRequestId: about.repairRequestId, lastMessage: message }, [room]);
  }

  /**
   * Links the sender's own, not yet sent attachments of this repair to the new message, in its
   * transaction; any other id refuses the whole message.
   */
  private async attach(manager: EntityManager, message: MessageRow & { repair_request_id: string }, senderId: string, ids: string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.attachments.linkToMessage(manager, message.id, message.repair_request_id, senderId, ids);
    if (rows.length !== ids.length) {
      throw invalid('MESSAGE.ATTACHMENT_INVALID', 'An attachment is not one you uploaded to this repair, or was already sent.', 'attachmentIds');
    }
    return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }

  private async seqOf(conversationId: string, messageId: unknown, field: string): Promise<string> {
    const message = () => invalid('CHAT.MESSAGE_NOT_FOUND', `${field} is not a message of this conversation`, field);
    if (!isUuid(messageId)) throw message();
    const [row] = await queryRows<{ seq: string }>(this.db, `SELECT seq::text AS seq FROM messages WHERE id = $1 AND conversation_id = $2`, [
      messageId,
      conversationId,
    ]);
    if (!row) throw message();
    return row.seq;
  }
}

function attachmentIdsOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MESSAGE_MAX_ATTACHMENTS || !value.every(isUuid) || new Set(value).size !== value.length) {
    throw invalid('REQUEST.INVALID', `attachmentIds must be at most ${MESSAGE_MAX_ATTACHMENTS} different attachment ids`, 'attachmentIds');
  }
  return value as string[];
}
