import { UseFilters } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayDisconnect } from '@nestjs/websockets';
import { CHAT_NAMESPACE, type ChatClientToServer, type ChatServerToClient } from '@repairhub/contracts';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../common/auth-user.js';
import { conflict, invalid } from '../common/errors/domain-error.js';
import { RateLimitedError } from '../common/errors/to-problem.js';
import { AckFilter } from '../common/filters/ack.filter.js';
import { callRoom } from '../chat/chat-rooms.js';
import type { TokenBucket } from '../chat/token-bucket.js';
import { callSignalOf } from './call-signal.js';
import { CallsService } from './calls.service.js';

interface SocketData {
  user: AuthUser;
  bucket: TokenBucket;
  /** Calls this socket carries (started or answered here): hung up if it goes away. */
  calls?: Set<string>;
}
type CallSocket = Socket<ChatClientToServer, ChatServerToClient, Record<string, never>, SocketData>;

const payloadOf = (payload: unknown): Record<string, unknown> => {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalid('REQUEST.INVALID', 'The payload must be an object.');
  return payload as Record<string, unknown>;
};
const idOf = (p: Record<string, unknown>, field: 'callId' | 'conversationId'): string => {
  if (typeof p[field] !== 'string') throw invalid('REQUEST.INVALID', `${field} must be a string`, field);
  return p[field];
};

/**
 * `call:*` on `/chat` (the chat gateway authenticates the handshake and gives each socket its event
 * budget). Signalling is relayed only between the two sockets that carry a call, through its room,
 * which spans instances with the Redis adapter.
 */
@UseFilters(AckFilter)
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class CallsGateway implements OnGatewayDisconnect<CallSocket> {
  constructor(private readonly calls: CallsService) {}

  /** A closed tab or a lost connection ends its call for both sides. */
  handleDisconnect(socket: CallSocket): void {
    for (const callId of socket.data.calls ?? []) void this.calls.act(socket.data.user, callId, 'hangup').catch(() => undefined);
  }

  @SubscribeMessage('call:start')
  start(@ConnectedSocket() socket: CallSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      const call = await this.calls.start(socket.data.user, idOf(payloadOf(payload), 'conversationId'));
      await this.carry(socket, call.id);
      return { call, iceServers: this.calls.iceServers(socket.data.user.id) };
    });
  }

  @SubscribeMessage('call:accept')
  accept(@ConnectedSocket() socket: CallSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      const call = await this.calls.act(socket.data.user, idOf(payloadOf(payload), 'callId'), 'accept');
      await this.carry(socket, call.id);
      return { call, iceServers: this.calls.iceServers(socket.data.user.id) };
    });
  }

  @SubscribeMessage('call:decline')
  decline(@ConnectedSocket() socket: CallSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => ({ call: await this.calls.act(socket.data.user, idOf(payloadOf(payload), 'callId'), 'decline') }));
  }

  @SubscribeMessage('call:hangup')
  hangup(@ConnectedSocket() socket: CallSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      const callId = idOf(payloadOf(payload), 'callId');
      socket.data.calls?.delete(callId);
      return { call: await this.calls.act(socket.data.user, callId, 'hangup') };
    });
  }

  @SubscribeMessage('call:signal')
  signal(@ConnectedSocket() socket: CallSocket, @MessageBody() payload: unknown) {
    return this.handle(socket, async () => {
      const p = payloadOf(payload);
      const callId = idOf(p, 'callId');
      // Membership was granted by start/accept and is withdrawn when the call ends: no database round trip.
      if (!socket.rooms.has(callRoom(callId))) throw conflict('CALL.NOT_IN_CALL', 'This connection is not in that call.');
      socket.to(callRoom(callId)).emit('call:signal', { callId, from: socket.data.user.id, ...callSignalOf(p) });
      return {};
    });
  }

  private async carry(socket: CallSocket, callId: string): Promise<void> {
    (socket.data.calls ??= new Set()).add(callId);
    await socket.join(callRoom(callId));
  }

  private async handle<T extends object>(socket: CallSocket, run: () => Promise<T>) {
    const bucket = socket.data.bucket;
    if (!bucket.take(Date.now())) throw new RateLimitedError(bucket.retryAfterSeconds());
    return { ok: true as const, ...(await run()) };
  }
}
