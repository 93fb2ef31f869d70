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
import { invalidCursor, isBigintSequence, isUuid } from '../common/sql.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { enqueueWebhook } from '../integrations/webhook-outbox.js';
import { toConversationView, toMessageView, type MessageRecord } from './chat.mapper.js';
import { ChatRepository } from './chat.repository.js';
import { conversationRoom, userRoom } from './chat-rooms.js';
import { ConversationsQueries, type ConversationAccess } from './conversations.queries.js';
import { DomainEvents } from '../common/events/domain-events.js';

export type ChatUser = Pick<AuthUser, 'id' | 'role'>;
export type { ConversationAccess } from './conversations.queries.js';

/** API clients and webhooks read system notes as the server writes them: English, times in UTC like every stored time. */
const SERVER_READER = { locale: 'en-US', timeZone: 'UTC' };

/** Catch-up returns at most this many messages; `hasMore` tells the client to page the rest over REST. */
export const CATCH_UP_LIMIT = 500;

const conversationNotFound = () => notFound('CONVERSATION.NOT_FOUND', 'Conversation');

/**
 * Conversations of repair requests between the request's customer, its assigned technician and admins
 * (who may take part: `participation.query.ts`).
 */
@Injectable()
export class ChatService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: ChatRepository,
    private readonly conversations: ConversationsQueries,
    private readonly broadcaster: ChatBroadcaster,
    private readonly events: DomainEvents,
    private readonly attachments: AttachmentsRepository,
  ) {}

  /** The conversation of a repair request the caller may see, created on first call. */
  async open(user: ChatUser, repairRequestId: string): Promise<{ conversation: ConversationView; created: boolean }> {
    const created = await this.repository.createForParticipant(user.id, repairRequestId);
    const row = await this.conversations.ofRepair(user.id, repairRequestId);
    if (!row) throw notFound('REPAIR.NOT_FOUND', 'Repair request');
    return { conversation: toConversationView(row), created };
  }

  /** Mine, most recent activity first. Admins see every conversation. */
  async list(user: ChatUser, query: { limit: number; cursor?: string }): Promise<{ items: ConversationView[]; nextCursor: string | null }> {
    let after: { seq: string; id: string } | null = null;
    if (query.cursor) {
      const [seq, id] = decodeCursor(query.cursor, 2);
      if (!isBigintSequence(seq) || !isUuid(id)) throw invalidCursor();
      after = { seq, id };
    }
    const rows = await this.conversations.list(user.id, after, query.limit + 1);
    const page = toPage(rows, query.limit, (row) => [row.lastMessageSeq, row.id]);
    return { items: page.items.map(toConversationView), nextCursor: page.nextCursor };
  }

  /** Checks that the caller (re-read: active, current role and assignment) may take part. */
  async access(user: ChatUser, conversationId: string): Promise<ConversationAccess> {
    if (!isUuid(conversationId)) throw conversationNotFound();
    const access = await this.conversations.access(user.id, conversationId);
    if (!access) throw conversationNotFound();
    return access;
  }

  /** Newest first; `before` is a message id from the previous page. */
  async messages(user: ChatUser, conversationId: string, query: { before?: string; limit: number }) {
    await this.access(user, conversationId);
    const beforeSeq = query.before ? await this.seqOf(conversationId, query.before, 'before') : null;
    const rows = await this.repository.newestFirst(conversationId, beforeSeq, query.limit + 1);
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
    const rows = await this.repository.after(conversationId, seq, CATCH_UP_LIMIT + 1);
    return { missed: rows.slice(0, CATCH_UP_LIMIT).map(toMessageView), hasMore: rows.length > CATCH_UP_LIMIT };
  }

  /**
   * Stores a text message, then broadcasts it. One statement checks participation against the current
   * assignment, locks the conversation row, inserts (a repeated `clientId` inserts nothing) and moves
   * the conversation's activity marker.
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
      const inserted = await this.repository.insertText(m, conversationId, user.id, input.content, clientId);
      if (inserted) {
        inserted.attachments = await this.attach(m, inserted, user.id, attachmentIds);
        await enqueueWebhook(m, 'message.created', async () => toMessageView(inserted));
        this.events.publish(m, 'chat.message_sent', {
          messageId: inserted.id,
          conversationId: inserted.conversationId,
          repairId: inserted.repairRequestId,
          senderId: user.id,
          customerId: inserted.customerId,
          assignedTechnicianId: inserted.technicianId,
          content: input.content as string,
          attachmentNames: inserted.attachments.map((a) => a.file_name),
        });
      }
      return inserted;
    });
    if (row) {
      const message = toMessageView(row);
      this.announce(message, row);
      return { message, duplicate: false };
    }
    // Nothing inserted: not allowed (any more), or this clientId is already stored.
    await this.access(user, conversationId);
    const original = await this.repository.byClientId(user.id, clientId);
    if (!original) throw new Error('message insert returned nothing for an allowed sender without a clientId conflict');
    if (original.conversationId !== conversationId) {
      throw conflict('MESSAGE.CLIENT_ID_REUSED', 'This clientId was already used for a message in another conversation.');
    }
    return { message: toMessageView(original), duplicate: true };
  }

  /**
   * A timeline note (system message) of the repair's conversation, written in `manager`'s transaction
   * (the change it describes commits with it, or neither does) and pushed live once it commits. With
   * `create`, the conversation is created when missing (the first quote), otherwise nothing is posted
   * without one. An event is stored as data too, so each app writes it in its reader's locale and time
   * zone; `content` keeps the server's wording for API clients and webhooks.
   */
  async postSystem(manager: EntityManager, repairRequestId: string, note: string | SystemEvent, options: { create: boolean }): Promise<void> {
    const [content, event] = typeof note === 'string' ? [note, null] : [describeSystemEvent(note, SERVER_READER), note];
    if (options.create) await this.repository.createForRepair(manager, repairRequestId);
    const row = await this.repository.insertSystem(manager, repairRequestId, content, event);
    if (!row) return;
    const message = toMessageView(row);
    await enqueueWebhook(manager, 'message.created', async () => message);
    this.events.whenCommitted(manager, () =>
      this.announce(message, { repairRequestId, customerId: row.customerId, technicianId: row.technicianId }),
    );
  }

  /** Stores my read position (it only moves forward) and tells the room. */
  async markRead(user: ChatUser, conversationId: string, messageId: unknown): Promise<void> {
    if (!isUuid(messageId)) throw invalid('REQUEST.INVALID', 'messageId must be a message id', 'messageId');
    await this.access(user, conversationId);
    const seq = await this.seqOf(conversationId, messageId, 'messageId');
    await this.repository.markRead(conversationId, user.id, messageId, seq);
    this.broadcaster.emit([conversationRoom(conversationId)], 'conversation:read', { conversationId, userId: user.id, messageId });
  }

  /** A technician taken off a repair (in `manager`'s transaction): their read state goes, and once it commits their open sockets leave the room. */
  async removeParticipant(manager: EntityManager, repairRequestId: string, userId: string): Promise<void> {
    const conversation = await this.repository.removeParticipant(manager, repairRequestId, userId);
    if (conversation) this.events.whenCommitted(manager, () => this.broadcaster.leave(userRoom(userId), conversationRoom(conversation)));
  }

  /** A newly assigned technician starts with a read position, so their unread count starts at the thread's length. */
  addParticipant(manager: EntityManager, repairRequestId: string, userId: string): Promise<void> {
    return this.repository.addParticipant(manager, repairRequestId, userId);
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
  private async attach(manager: EntityManager, message: MessageRecord & { repairRequestId: string }, senderId: string, ids: string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.attachments.linkToMessage(manager, message.id, message.repairRequestId, senderId, ids);
    if (rows.length !== ids.length) {
      throw invalid('MESSAGE.ATTACHMENT_INVALID', 'An attachment is not one you uploaded to this repair, or was already sent.', 'attachmentIds');
    }
    return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }

  private async seqOf(conversationId: string, messageId: unknown, field: string): Promise<string> {
    const message = () => invalid('CHAT.MESSAGE_NOT_FOUND', `${field} is not a message of this conversation`, field);
    if (!isUuid(messageId)) throw message();
    const seq = await this.repository.seqOf(conversationId, messageId);
    if (seq === undefined) throw message();
    return seq;
  }
}

function attachmentIdsOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MESSAGE_MAX_ATTACHMENTS || !value.every(isUuid) || new Set(value).size !== value.length) {
    throw invalid('REQUEST.INVALID', `attachmentIds must be at most ${MESSAGE_MAX_ATTACHMENTS} different attachment ids`, 'attachmentIds');
  }
  return value as string[];
}
