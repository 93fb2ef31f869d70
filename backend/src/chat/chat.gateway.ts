import { Logger, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { CHAT_NAMESPACE, type ChatClientToServer, type ChatServerToClient, type ErrorCode } from '@repairhub/contracts';
import type { Namespace, Socket } from 'socket.io';
import { AccessTokenVerifier } from '../auth/access-token.verifier.js';
import type { AuthUser } from '../common/auth-user.js';
import { invalid } from '../common/errors/domain-error.js';
import { RateLimitedError } from '../common/errors/to-problem.js';
import { AckFilter } from '../common/filters/ack.filter.js';
import { AppConfig } from '../config/configuration.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { ADMIN_ROOM, conversationRoom, sessionRoom, STAFF_ROOM, userRoom } from './chat-rooms.js';
import { ChatService } from './chat.service.js';
import { KeyedThrottle, TokenBucket } from './token-bucket.js';

interface SocketData {
  user: AuthUser;
  bucket: TokenBucket;
}
type ChatSocket = Socket<ChatClientToServer, ChatServerToClient, Record<string, never>, SocketData>;

/** A typing indicator is forwarded at most once per this interval per socket and conversation. */
export const TYPING_INTERVAL_MS = 1000;

const record = (payload: unknown): Record<string, unknown> => {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalid('REQUEST.INVALID', 'The payload must be an object.');
  return payload as Record<string, unknown>;
};
const stringField = (p: Record<string, unknown>, field: string): string => {
  const value = p[field];
  if (typeof value !== 'string') throw invalid('REQUEST.INVALID', `${field} must be a string`, field);
  return value;
};

/**
 * `/chat`: the handshake is authenticated in a namespace middleware (guards do not run on connect); the
 * global guards then let an event through for the socket's user (the HTTP throttler counts HTTP requests
 * only). A token bucket per socket caps how fast a client may emit, and every event is answered with an ack
 * `{ok: true, ...} | {ok: false, error}` whose codes match the REST problem bodies (`AckFilter`).
 */
@UseFilters(AckFilter)
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class ChatGateway implements OnGatewayInit<Namespace>, OnGatewayDisconnect<ChatSocket> {
  private readonly logger = new Logger('ChatGateway');
  private readonly typing = new KeyedThrottle(TYPING_INTERVAL_MS);

  constructor(
    private readonly config: AppConfig,
    private readonly verifier: AccessTokenVerifier,
    private readonly chat: ChatService,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  afterInit(namespace: Namespace): void {
    this.broadcaster.attach(namespace);
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || token.length === 0) return next(handshakeError('AUTH.MISSING_TOKEN', 'Sign in to use the chat.'));
      this.verifier.verify(token).then(
        (user) => {
          if (!user) return next(handshakeError('AUTH.INVALID_TOKEN', 'Your session is invalid or has expired.'));
          const { ratePerSecond, burst } = this.config.chat;
          (socket.data as SocketData).user = user;
          (socket.data as SocketData).bucket = new TokenBucket(ratePerSecond, burst, Date.now());
          void socket.join([
            userRoom(user.id),
            ...(user.sessionId ? [sessionRoom(user.sessionId)] : []),
            ...(user.role === 'customer' ? [] : [STAFF_ROOM]),
            ...(user.role === 'admin' ? [ADMIN_ROOM] : []),
          ]);
          next();
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'Handshake verification failed');
          next(handshakeError('INTERNAL', 'The chat is unavailable. Try again shortly.'));
        },
      );
    });
  }

  handleDisconnect(socket: ChatSocket): void {
    for (const room of socket.rooms) this.typing.forget(`${socket.id}|${room}`);
  }

  @SubscribeMessage('conversation:join')
  join(@ConnectedSocket() socket: ChatSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      const p = record(payload);
      const conversationId = stringField(p, 'conversationId');
      const lastMessageId = p.lastMessageId === undefined || p.lastMessageId === null ? undefined : stringField(p, 'lastMessageId');
      return this.chat.join(socket.data.user, conversationId, lastMessageId, () => Promise.resolve(socket.join(conversationRoom(conversationId))));
    });
  }

  @SubscribeMessage('conversation:leave')
  leave(@ConnectedSocket() socket: ChatSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      await socket.leave(conversationRoom(stringField(record(payload), 'conversationId')));
      return {};
    });
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: ChatSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      const p = record(payload);
      const conversationId = stringField(p, 'conversationId');
      if (typeof p.clientId !== 'string') throw invalid('REQUEST.INVALID', 'clientId must be a string', 'clientId');
      return this.chat.send(socket.data.user, conversationId, { content: p.content, clientId: p.clientId, attachmentIds: p.attachmentIds });
    });
  }

  @SubscribeMessage('typing')
  typingStarted(@ConnectedSocket() socket: ChatSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      const conversationId = stringField(record(payload), 'conversationId');
      const room = conversationRoom(conversationId);
      // Only from a socket that joined (participation was checked then); no database round trip.
      if (!socket.rooms.has(room)) throw invalid('CHAT.NOT_JOINED', 'Join the conversation first.', 'conversationId');
      if (this.typing.pass(`${socket.id}|${room}`, Date.now())) {
        socket.to(room).emit('typing', { conversationId, userId: socket.data.user.id });
      }
      return {};
    });
  }

  @SubscribeMessage('conversation:read')
  read(@ConnectedSocket() socket: ChatSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      const p = record(payload);
      await this.chat.markRead(socket.data.user, stringField(p, 'conversationId'), p.messageId);
      return {};
    });
  }

  /** Takes a token from the socket's budget, then runs; a failure becomes the ack's error (`AckFilter`). */
  private async handle<T extends object>(socket: ChatSocket, run: () => Promise<T>) {
    const bucket = socket.data.bucket;
    if (!bucket.take(Date.now())) throw new RateLimitedError(bucket.retryAfterSeconds());
    return { ok: true as const, ...(await run()) };
  }
}

function handshakeError(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(code), { data: { code, message } });
}
