import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { CHAT_NAMESPACE } from '@repairhub/contracts';
import { Server } from 'socket.io';
import { RedisConnections } from '../../infra/redis-connections.js';
import { ChatBroadcaster } from '../chat-broadcaster.js';

/**
 * For roles without the `/chat` gateway (`api`, `worker`): a Socket.IO server attached to no HTTP
 * server, on the Redis adapter, so what they emit (system messages, status pushes, socket
 * disconnects) reaches the sockets held by the realtime instances, and `fetchSockets` asks them.
 * Its Redis connections close with the others, after in-flight requests have finished.
 */
@Injectable()
export class ChatRelay implements OnModuleInit {
  constructor(
    private readonly redis: RedisConnections,
    private readonly broadcaster: ChatBroadcaster,
  ) {}

  onModuleInit(): void {
    const server = new Server({ serveClient: false });
    server.adapter(createAdapter(this.redis.open('chat-pub', { maxRetriesPerRequest: null }), this.redis.open('chat-sub', { maxRetriesPerRequest: null })));
    this.broadcaster.attach(server.of(CHAT_NAMESPACE));
  }
}
