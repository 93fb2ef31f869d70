import { Server } from 'node:net';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppConfig } from '../config/configuration.js';

/**
 * Longer than the balancer's idle keep-alive timeout for its upstream connections (`keepalive_timeout 2s`
 * in deploy/nginx.conf.template): once we stop accepting, the balancer drops its idle connections to us
 * itself, so we never cut one just as it sends a request into it.
 */
const BALANCER_IDLE_DROP_MS = 2_500;

/**
 * Shutdown, in order (Nest runs these on SIGTERM/SIGINT through `enableShutdownHooks`):
 * 1. here: readiness turns 503 and we keep serving, connections kept alive, for SHUTDOWN_GRACE_MS so the
 *    load balancer (or Kubernetes' endpoints) stops sending; kept-alive connections mean the balancer
 *    opens next to no new ones meanwhile;
 * 2. here: we stop accepting (a new connection is refused, which a balancer retries elsewhere even for a
 *    POST: nothing was sent), every answer closes its connection, and we wait BALANCER_IDLE_DROP_MS
 *    for the balancer to drop the idle ones;
 * 3. job workers finish their running jobs (`Jobs.beforeApplicationShutdown`);
 * 4. Socket.IO closes its sockets, then Fastify closes what is left and lets in-flight requests finish;
 * 5. queues, Redis connections and the database pool close (`onApplicationShutdown`).
 * Closing a listener resets the connections the kernel accepted that we had not yet taken: stopping
 * after the grace, while the balancer reuses kept-alive connections, keeps that set near empty.
 */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');
  private draining = false;
  private closing = false;

  constructor(
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Readiness answers 503 from the first moment of a shutdown. */
  get shuttingDown(): boolean {
    return this.draining;
  }

  /** No longer accepting: every answer closes its connection. */
  get closingConnections(): boolean {
    return this.closing;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    const grace = this.config.shutdownGraceMs;
    this.logger.log(`Shutting down (${signal ?? 'close'}): not ready; draining for ${grace} ms`);
    if (grace <= 0) return;
    await sleep(grace);
    this.closing = true;
    this.stopAccepting();
    await sleep(BALANCER_IDLE_DROP_MS);
  }

  private stopAccepting(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    // net.Server's own close: stops listening without http.Server's closing of idle connections, which
    // the balancer may be sending into right now. Fastify's close later accepts a server already stopped.
    Server.prototype.close.call(server);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
