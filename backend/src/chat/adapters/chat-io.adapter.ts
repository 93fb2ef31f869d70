import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server, type ServerOptions } from 'socket.io';
import type { AppConfig } from '../../config/configuration.js';

/** Largest Socket.IO packet a client may send; a bigger one closes the connection. */
export const CHAT_MAX_PAYLOAD_BYTES = 16 * 1024;

/**
 * Socket.IO on the app's own HTTP server (Fastify's), with a 16 KB packet cap, the HTTP CORS origins,
 * and — when `REDIS_URL` is set — the Redis adapter, so rooms span every instance. Several instances
 * also need sticky sessions at the load balancer (the polling transport's requests must reach the
 * instance that holds the session).
 */
export class ChatIoAdapter extends IoAdapter {
  private readonly chatLogger = new Logger('ChatIoAdapter');
  private readonly redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
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
    if (this.config.redisUrl && this.redisClients.length === 0) {
      const pub = new Redis(this.config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
      const sub = pub.duplicate();
      for (const client of [pub, sub]) {
        client.on('error', (error) => this.chatLogger.error({ err: error }, 'Redis (Socket.IO adapter) error'));
        this.redisClients.push(client);
      }
      server.adapter(createAdapter(pub, sub));
    }
    return server;
  }

  override async close(server: any): Promise<void> {
    await super.close(server);
    await Promise.all(this.redisClients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
  }
}
