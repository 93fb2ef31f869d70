import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';

/** The request path without its query string. */
const pathOf = (url = ''): string => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};

/**
 * Request logging as nestjs-pino's middleware did it (a request context carrying `req` and `requestId`
 * for every log made while serving, then pino-http's "request completed" line), run from a Fastify hook:
 * the middleware went through middie and Nest's middleware wrapper on every request, and was matched,
 * then excluded, for each health probe. Routes outside `prefix` (the apps, the API docs) are not logged,
 * nor is the liveness probe, which load balancers poll every few seconds.
 */
export function logRequests(fastify: FastifyInstance, logger: PinoLogger, prefix: string): void {
  const root = `/${prefix}`;
  const probe = `${root}/health`;
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw as IncomingMessage & { query?: unknown };
    const path = pathOf(raw.url);
    const logged = (path === root || path.startsWith(`${root}/`)) && !(path === probe && (raw.method === 'GET' || raw.method === 'HEAD'));
    if (!logged) return done();
    // pino's request serializer logs `query` from the raw request (middie used to copy it there).
    raw.query = request.query;
    logger.runInContext(
      () => {
        const log = logger.logger;
        if (log.isLevelEnabled('info')) logCompletion(log, raw, reply.raw, Date.now());
        done();
      },
      { bindings: { req: raw, requestId: request.id } },
    );
  });
}

/** pino-http's completion line with its defaults (level info; "request errored" with an error from 500 on). */
function logCompletion(log: Logger, req: IncomingMessage, res: ServerResponse, start: number): void {
  const complete = (err?: Error) => {
    res.removeListener('close', complete);
    res.removeListener('finish', complete);
    res.removeListener('error', complete);
    const responseTime = Date.now() - start;
    if (err || res.statusCode >= 500) {
      log.info({ res, err: err ?? new Error(`failed with status code ${res.statusCode}`), responseTime }, 'request errored');
      return;
    }
    log.info({ res, responseTime }, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
  };
  res.on('close', complete);
  res.on('finish', complete);
  res.on('error', complete);
}
