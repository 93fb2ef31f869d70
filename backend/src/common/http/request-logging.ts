import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { PinoLogger } from 'nestjs-pino';
import { symbols, type Logger } from 'pino';

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
 * nor are the liveness probes, which load balancers and Kubernetes poll every few seconds.
 */
export function logRequests(fastify: FastifyInstance, logger: PinoLogger, prefix: string): void {
  const root = `/${prefix}`;
  const probes = new Set([`${root}/health`, `${root}/health/live`]);
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw as IncomingMessage & { query?: unknown };
    const path = pathOf(raw.url);
    const logged = (path === root || path.startsWith(`${root}/`)) && !(probes.has(path) && (raw.method === 'GET' || raw.method === 'HEAD'));
    if (!logged) return done();
    // pino's request serializer logs `query` from the raw request (middie used to copy it there).
    raw.query = request.query;
    const bindings = { req: raw, requestId: request.id };
    if (logger.logger.isLevelEnabled('info')) {
      logger.runInContext(() => {
        logCompletion(logger.logger, raw, reply.raw, Date.now());
        done();
      }, { bindings });
      return;
    }
    // No completion line at this level: most requests log nothing, so the request is serialized (and
    // redacted) only if a line is written. Its peer address is read now, while the socket is surely open.
    void raw.socket?.remoteAddress;
    logger.runInContext(() => {
      bindOnFirstLine(logger.logger, bindings);
      done();
    }, { bindings: {} });
  });
}

const { chindingsSym } = symbols;
const ownBindings = (target: object, value: unknown) => Object.defineProperty(target, chindingsSym, { value, writable: true, configurable: true, enumerable: true });

/**
 * Gives `child` (a fresh child of the root, without bindings of its own) `bindings` the first time pino
 * reads them: writing a line, deriving a child, or setting bindings. pino keeps a logger's serialized
 * bindings under `symbols.chindingsSym` (as pino-http relies on), so the text is the one `child(bindings)` makes.
 */
function bindOnFirstLine(child: Logger, bindings: Record<string, unknown>): void {
  const parent = Object.getPrototypeOf(child) as Logger & Record<symbol, unknown>;
  Object.defineProperty(child, chindingsSym, {
    configurable: true,
    get(): unknown {
      const value = (parent.child(bindings) as unknown as Record<symbol, unknown>)[chindingsSym];
      ownBindings(child, value);
      return value;
    },
    set(this: object, value: unknown) {
      ownBindings(this, value);
    },
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
