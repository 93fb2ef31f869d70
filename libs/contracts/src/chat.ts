import type { MessageType } from './enums.js';

export const MESSAGE_MAX_LENGTH = 4000;

export interface MessageView {
  id: string;
  conversationId: string;
  senderId: string | null;
  type: MessageType;
  content: string;
  clientId: string | null;
  createdAt: string;
}

export interface ConversationView {
  id: string;
  repairRequestId: string;
  lastMessage: MessageView | null;
  unreadCount: number;
  createdAt: string;
}

export interface CreateConversationRequest {
  repairRequestId: string;
}

export interface SendMessageRequest {
  content: string;
  clientId?: string;
}

export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** Socket.IO `/chat` namespace: events the client emits, each with an ack. */
export interface ChatClientToServer {
  'conversation:join': (p: { conversationId: string; lastMessageId?: string }, ack: (r: Ack<{ missed: MessageView[] }>) => void) => void;
  'message:send': (p: { conversationId: string; content: string; clientId: string }, ack: (r: Ack<{ message: MessageView }>) => void) => void;
  typing: (p: { conversationId: string }, ack?: (r: Ack) => void) => void;
  'conversation:read': (p: { conversationId: string; messageId: string }, ack?: (r: Ack) => void) => void;
}

/** Socket.IO `/chat` namespace: events the server emits. */
export interface ChatServerToClient {
  'message:new': (p: { message: MessageView }) => void;
  typing: (p: { conversationId: string; userId: string }) => void;
  'conversation:read': (p: { conversationId: string; userId: string; messageId: string }) => void;
  'repair:updated': (p: { repairRequestId: string; status: string }) => void;
}

export const CHAT_NAMESPACE = '/chat';
