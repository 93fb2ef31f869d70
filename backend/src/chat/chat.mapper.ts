import type { ConversationView, MessageView } from '@repairhub/contracts';
import { toAttachmentView, type AttachmentRow } from '../attachments/attachment.mapper.js';
import type { Conversation } from './conversation.entity.js';
import type { Message } from './message.entity.js';

/** A message as `MESSAGE_COLUMNS` (`message-view.query.ts`) reads it: with its attachments, its time as JSON text inside a JSON row. */
export type MessageRecord = Omit<Message, 'createdAt'> & { createdAt: Date | string; attachments: AttachmentRow[] };

/** A conversation as `conversations.queries.ts` reads it, with its newest message and the reader's unread count. */
export type ConversationRecord = Pick<Conversation, 'id' | 'repairRequestId' | 'lastMessageSeq'> & {
  createdAt: Date | string;
  unreadCount: string | number;
  lastMessage: MessageRecord | null;
};

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function toMessageView(row: MessageRecord): MessageView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    senderId: row.senderId,
    type: row.type,
    content: row.content,
    event: row.event ?? null,
    clientId: row.clientId,
    attachments: (row.attachments ?? []).map(toAttachmentView),
    createdAt: iso(row.createdAt),
  };
}

export function toConversationView(row: ConversationRecord): ConversationView {
  return {
    id: row.id,
    repairRequestId: row.repairRequestId,
    lastMessage: row.lastMessage ? toMessageView(row.lastMessage) : null,
    unreadCount: Number(row.unreadCount),
    createdAt: iso(row.createdAt),
  };
}
