import { Injectable, Logger } from '@nestjs/common';
import type { ChatServerToClient } from '@repairhub/contracts';
import type { Namespace } from 'socket.io';
import { userRoom } from './chat-rooms.js';

type EventName = keyof ChatServerToClient;
type Payload<E extends EventName> = Parameters<ChatServerToClient[E]>[0];

/**
 * Emits to `/chat` rooms from anywhere in the app (REST routes, domain-event listeners). Rooms span
 * instances when the Redis adapter is installed. Before the gateway has started there is no one to tell.
 */
@Injectable()
export class ChatBroadcaster {
  private readonly logger = new Logger('ChatBroadcaster');
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** Emits `event` to everyone in any of `rooms`, except sockets in any of `except`. */
  emit<E extends EventName>(rooms: string[], event: E, payload: Payload<E>, except: string[] = []): void {
    if (!this.namespace || rooms.length === 0) return;
    try {
      let target = this.namespace.to(rooms);
      if (except.length) target = target.except(except);
      target.emit(event, payload as never);
    } catch (error) {
      this.logger.error({ err: error, event }, 'Socket broadcast failed');
    }
  }

  /**
   * Whether `userId` has a live `/chat` socket on any instance (the Redis adapter answers
   * `fetchSockets` for the whole cluster). False before the gateway has started.
   */
  isConnected(userId: string): Promise<boolean> {
    return this.occupied(userRoom(userId));
  }

  /** Whether any socket, on any instance, is in `room`. False before the gateway has started. */
  async occupied(room: string): Promise<boolean> {
    if (!this.namespace) return false;
    return (await this.namespace.in(room).fetchSockets()).length > 0;
  }

  /** Closes every socket in any of `rooms`, on every instance (a revoked session or user). */
  disconnect(rooms: string[]): void {
    if (!this.namespace || rooms.length === 0) return;
    try {
      this.namespace.in(rooms).disconnectSockets(true);
    } catch (error) {
      this.logger.error({ err: error, rooms }, 'Socket disconnect failed');
    }
  }

  /** Makes every socket in `fromRoom` (say, one user's) leave `room`, on every instance. */
  leave(fromRoom: string, room: string): void {
    this.namespace?.in(fromRoom).socketsLeave(room);
  }
}
