import type { AttachmentView } from './attachments.js';
import type { CallSignal, CallView, IceServer } from './calls.js';
import type { ErrorCode } from './errors.js';
import type { MessageType, RepairStatus, Urgency } from './enums.js';
import type { SystemEvent } from './system-events.js';

/** Attachments one message may carry (uploaded first, to the same repair, by the sender). */
export const MESSAGE_MAX_ATTACHMENTS = 10;

/** Longest message, in characters (Unicode code points) after trimming. */
export const MESSAGE_MAX_LENGTH = 4000;

/** `clientId`: the sender's own id for one message, so a retry never stores a second copy. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** Length of a message as users count it: code points of the trimmed text. */
export function messageLength(content: string): number {
  return [...content.trim()].length;
}

/** Null when `content` may be sent, otherwise why not (the server applies the same rule); a message carrying attachments may have no text. */
export function messageContentError(content: unknown, hasAttachments = false): string | null {
  if (typeof content !== 'string') return 'content must be a string';
  const length = messageLength(content);
  if (length === 0 && !hasAttachments) return 'content must not be empty';
  if (length > MESSAGE_MAX_LENGTH) return `content must be at most ${MESSAGE_MAX_LENGTH} characters`;
  return null;
}

export interface MessageView {
  id: string;
  conversationId: string;
  /** Null for `system` messages. */
  senderId: string | null;
  type: MessageType;
  /** Stored as sent; render as text, never as HTML. */
  content: string;
  /** On `system` messages: what happened, as data, for apps to write in their reader's locale (`describeSystemEvent`). */
  event: SystemEvent | null;
  clientId: string | null;
  /** Photos and documents sent with the message, in upload order. */
  attachments: AttachmentView[];
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
  /** Ids from `POST /repairs/:id/attachments` of this conversation's repair, uploaded by the sender and not yet sent. */
  attachmentIds?: string[];
}

/** An event's answer; a refused one carries the REST problem's code and, when rate limited, when to retry. */
export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: { code: ErrorCode; message: string; retryAfterSeconds?: number } };

/** Socket.IO `/chat` namespace: events the client emits, each with an ack. */
export interface ChatClientToServer {
  /** Joins the room after checking participation; `missed` is every message after `lastMessageId`, oldest first. */
  'conversation:join': (p: { conversationId: string; lastMessageId?: string }, ack: (r: Ack<{ missed: MessageView[] }>) => void) => void;
  'conversation:leave': (p: { conversationId: string }, ack?: (r: Ack) => void) => void;
  /** `duplicate` is true when `clientId` was already stored: the original comes back and nothing is broadcast again. */
  'message:send': (
    p: { conversationId: string; content: string; clientId: string; attachmentIds?: string[] },
    ack: (r: Ack<{ message: MessageView; duplicate?: boolean }>) => void,
  ) => void;
  typing: (p: { conversationId: string }, ack?: (r: Ack) => void) => void;
  'conversation:read': (p: { conversationId: string; messageId: string }, ack?: (r: Ack) => void) => void;
  /** Rings the other side (customer ↔ assigned technician); `iceServers` for this caller's peer connection. */
  'call:start': (p: { conversationId: string }, ack: (r: Ack<{ call: CallView; iceServers: IceServer[] }>) => void) => void;
  /** By the callee, from one of their sockets (that socket then carries the call). */
  'call:accept': (p: { callId: string }, ack: (r: Ack<{ call: CallView; iceServers: IceServer[] }>) => void) => void;
  'call:decline': (p: { callId: string }, ack?: (r: Ack<{ call: CallView }>) => void) => void;
  /** By either side: ends an active call, or withdraws (caller) / declines (callee) a ringing one. */
  'call:hangup': (p: { callId: string }, ack?: (r: Ack<{ call: CallView }>) => void) => void;
  /** Relayed to the other side's call socket only. */
  'call:signal': (p: { callId: string } & CallSignal, ack?: (r: Ack) => void) => void;
}

/** Socket.IO `/chat` namespace: events the server emits. */
export interface ChatServerToClient {
  /** To the conversation's room. */
  'message:new': (p: { message: MessageView }) => void;
  typing: (p: { conversationId: string; userId: string }) => void;
  /** A read receipt, to the conversation's room. */
  'conversation:read': (p: { conversationId: string; userId: string; messageId: string }) => void;
  /** To the user's own room, when they are not in the conversation's room: new activity for their list. */
  'conversation:updated': (p: { conversationId: string; repairRequestId: string; lastMessage: MessageView }) => void;
  /** To the customer, the assigned technician and admins; to all staff when the assignment changes. */
  'repair:updated': (p: { repairRequestId: string; status: RepairStatus; assignedTechnicianId?: string | null }) => void;
  /** To all staff (technicians and admins): a new request entered the queue. */
  'repair:created': (p: { repairRequestId: string; urgency: Urgency }) => void;
  /** To every socket of the callee. */
  'call:ring': (p: { call: CallView }) => void;
  /** To both people's sockets: answered, declined, missed or ended. */
  'call:updated': (p: { call: CallView }) => void;
  /** From the other side's call socket. */
  'call:signal': (p: { callId: string; from: string } & CallSignal) => void;
}

export const CHAT_NAMESPACE = '/chat';

/** `connect_error` messages (`err.message`) the handshake may fail with. */
export const CHAT_HANDSHAKE_ERRORS = ['AUTH.MISSING_TOKEN', 'AUTH.INVALID_TOKEN'] as const satisfies readonly ErrorCode[];
