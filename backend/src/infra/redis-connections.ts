import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from '../config/configuration.js';

/**
 * The one place that decides whether this instance runs on Redis (`REDIS_URL` set) or in-process.
 * Throttler storage, BullMQ queues and the auth revocation cache ask `enabled` and take their
 * connections from here; every key they write starts with `prefix` (REDIS_KEY_PREFIX), so several
 * deployments or test runs can share one Redis. Dedicated connections (`open`: BullMQ workers, the
 * Socket.IO adapter's publisher and subscriber) close on application shutdown, after the HTTP server
 * has finished its in-flight requests.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly opened: Redis[] = [];
  private shared: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.redisUrl !== null;
  }

  get prefix(): string {
    return this.config.redisKeyPrefix;
  }

  /** The shared connection for short commands (created on first use). */
  get command(): Redis {
    this.shared ??= this.open('command', { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    return this.shared;
  }

  /** A dedicated connection, e.g. for a BullMQ worker's blocking reads (which need `maxRetriesPerRequest: null`). */
  open(role: string, options: RedisOptions = {}): Redis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not set');
    const client = new Redis(this.config.redisUrl, { connectionName: `repairhub:${role}`, ...options });
    client.on('error', (error) => this.logger.warn({ err: error, role }, 'Redis connection error'));
    this.opened.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
    this.shared = null;
  }
}
