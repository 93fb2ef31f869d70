import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/configuration.js';

/**
 * Shutdown, in order (Nest runs these on SIGTERM/SIGINT through `enableShutdownHooks`):
 * 1. here: readiness turns 503 and we wait SHUTDOWN_GRACE_MS so the load balancer stops sending;
 * 2. job workers finish their running jobs (`Jobs.beforeApplicationShutdown`);
 * 3. Socket.IO closes its sockets, then Fastify stops accepting and lets in-flight requests finish;
 * 4. queues, Redis connections and the database pool close (`onApplicationShutdown`).
 */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');
  private draining = false;

  constructor(private readonly config: AppConfig) {}

  get shuttingDown(): boolean {
    return this.draining;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    this.logger.log(`Shutting down (${signal ?? 'close'}): not ready; draining for ${this.config.shutdownGraceMs} ms`);
    if (this.config.shutdownGraceMs > 0) await new Promise((resolve) => setTimeout(resolve, this.config.shutdownGraceMs));
  }
}
