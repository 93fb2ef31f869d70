import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type ServerOptions } from 'socket.io';
import type { AppConfig } from '../../config/configuration.js';
import type { RedisConnections } from '../../infra/redis-connections.js';

/** Largest Socket.IO packet a client may send; a bigger one closes the connection. */
export const CHAT_MAX_PAYLOAD_BYTES = 16 * 1024;

/**
 * Socket.IO on the app's own HTTP server (Fastify's), with a 16 KB packet cap, the HTTP CORS origins,
 * and — when `REDIS_URL` is set — the Redis adapter, so rooms span every instance. Several instances
 * also need sticky sessions at the load balancer (the polling transport's requests must reach the
 * instance that holds the session).
 *
 * The adapter's publish and subscribe connections come from `RedisConnections`, which closes them
 * after the HTTP server has finished its in-flight requests: Nest closes Socket.IO first, and a
 * request still running then (a message posted over REST) broadcasts through the adapter; on a closed
 * connection that publish rejected unhandled and crashed the draining instance.
 */
export class ChatIoAdapter extends IoAdapter {
  private redisAdapter: ReturnType<typeof createAdapter> | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {
    super(app);
  }

  /**
   * Built here rather than by `super` so the server comes from the app's own `socket.io` (the one the
   * gateway and the Redis adapter are typed against), not the copy pinned inside platform-socket.io.
   */
  override createIOServer(port: number, options?: object): any {
    const cors = this.config.http.corsOrigins.length ? { origin: this.config.http.corsOrigins, credentials: true } : undefined;
    const settings: Partial<ServerOptions> = { ...options, maxHttpBufferSize: CHAT_MAX_PAYLOAD_BYTES, ...(cors ? { cors } : {}) };
    const server = this.httpServer && port === 0 ? new Server(this.httpServer, settings) : new Server(port, settings);
    if (this.redis.enabled) {
      this.redisAdapter ??= createAdapter(this.redis.open('chat-pub', { maxRetriesPerRequest: null }), this.redis.open('chat-sub', { maxRetriesPerRequest: null }));
      server.adapter(this.redisAdapter);
    }
    return server;
  }
}
