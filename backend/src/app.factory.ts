import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { ChatIoAdapter } from './chat/adapters/chat-io.adapter.js';
import { acceptJsonBodiesOnly, refuseMultipartExceptWhereDeclared } from './common/http/json-body.js';
import { computeSecurityHeaders, helmetOptions } from './common/http/security-headers.js';
import { requestId } from './common/http/request-id.js';
import { logRequests } from './common/http/request-logging.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import type { AppConfig } from './config/configuration.js';
import { Lifecycle } from './infra/lifecycle.js';
import { RedisConnections } from './infra/redis-connections.js';
import { setupSwagger } from './swagger.js';
import { serveApps } from './web/serve-apps.js';

export const API_PREFIX = 'api/v1';

/** proxy-addr's trust function for `hops` proxies: the socket peer is hop 0, then X-Forwarded-For from the right. */
export function trustHops(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops > 0 ? (_address, hop) => hop < hops : false;
}

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    // A hop count: the client IP is taken that many proxies from the right, never the leftmost X-Forwarded-For.
    // Passed as a function: Fastify 5.12+ ignores a bare number (fails closed to the socket address,
    // which would put every client behind the balancer in one rate-limit bucket). The app must only be
    // reachable through those proxies (compose publishes only the balancer).
    trustProxy: trustHops(config.http.trustProxyHops),
    genReqId: requestId,
    // No Nest middleware is registered (request logging is a Fastify hook): no middie on every request.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // acceptJsonBodiesOnly below registers the only body parser (and keeps the raw bytes).
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Socket.IO (/chat) on the same Fastify HTTP server, on roles that run the gateway; the Redis adapter when REDIS_URL is set.
  app.useWebSocketAdapter(new ChatIoAdapter(app, config, app.get(RedisConnections)));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (config.http.corsOrigins.length) {
    app.enableCors({ origin: config.http.corsOrigins, credentials: true, exposedHeaders: ['x-request-id', 'retry-after'] });
  }

  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, await app.resolve(PinoLogger), API_PREFIX);
  acceptJsonBodiesOnly(fastify, config.http.bodyLimitBytes);
  const securityHeaders = computeSecurityHeaders(helmetOptions(config.http.publicUrl));
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders).header('x-request-id', request.id);
    done();
  });
  // Once a shutdown stops accepting (Lifecycle), every answer closes its connection: none is left idle
  // for the balancer to send a request into as it is cut (a POST lost that way is not retried), and none
  // holds the exit for Fastify's 72 s keep-alive timeout.
  const lifecycle = app.get(Lifecycle);
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (lifecycle.closingConnections) reply.header('connection', 'close');
    done(null, payload);
  });

  await app.register(fastifyCookie);
  // Adds a multipart/form-data parser, which the hook below confines to the routes that declare it.
  await app.register(fastifyMultipart, { limits: { parts: 1, files: 1, fields: 0 } });
  refuseMultipartExceptWhereDeclared(fastify);

  if (config.role.api && config.http.apiDocs) setupSwagger(app);
  if (config.role.api && config.http.serveApps) await serveApps(app);
  return app;
}
