import type { ConversationView, MessageType, MessageView, SystemEvent } from '@repairhub/contracts';
import { toAttachmentView, type AttachmentRow } from '../attachments/attachment.mapper.js';

export interface MessageRow {
  id: string;
  seq: string;
  conversation_id: string;
  sender_id: string | null;
  type: MessageType;
  content: string;
  event: SystemEvent | null;
  client_id: string | null;
  /** From `MESSAGE_COLUMNS` (`message-view.query.ts`): the attachments as JSON rows. */
  attachments: AttachmentRow[];
  created_at: Date | string;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    type: row.type,
    content: row.content,
    event: row.event ?? null,
    clientId: row.client_id,
    attachments: (row.attachments ?? []).map(toAttachmentView),
    createdAt: iso(row.created_at),
  };
}

export interface ConversationRow {
  id: string;
  repair_request_id: string;
  created_at: Date | string;
  last_message_seq: string;
  unread_count: string | number;
  /** The newest message as JSON (null when there is none). */
  last_message: (Omit<MessageRow, 'created_at'> & { created_at: string }) | null;
}

export function toConversationView(row: ConversationRow): ConversationView {
  return {
    id: row.id,
    repairRequestId: row.repair_request_id,
    lastMessage: row.last_message ? toMessageView(row.last_message) : null,
    unreadCount: Number(row.unread_count),
    createdAt: iso(row.created_at),
  };
}
