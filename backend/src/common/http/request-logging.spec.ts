import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { requestId } from './request-id.js';
import { logRequests } from './request-logging.js';

type Line = Record<string, any>;

// nestjs-pino keeps one root logger per process: one sink and one app for every test, the level set per test.
const written: Line[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    written.push(...chunk.toString().trim().split('\n').map((line) => JSON.parse(line) as Line));
    done();
  },
});
const logger = new PinoLogger({ pinoHttp: [{ level: 'info', redact: ['req.headers.authorization'] }, sink] });
const fastify = Fastify({ genReqId: requestId });
logRequests(fastify, logger, 'api/v1');
fastify.get('/api/v1/quiet', async () => ({}));
fastify.get('/api/v1/warns', async () => {
  await Promise.resolve();
  logger.warn({ step: 1 }, 'inside');
  logger.logger.child({ nested: true }).error('deeper');
  return {};
});
fastify.get('/api/v1/health', async () => ({}));
fastify.get('/api/v1/health/live', async () => ({}));
fastify.get('/elsewhere', async () => ({}));

// A real socket (Fastify's inject cannot load under Jest's ESM mode); requests share one keep-alive connection.
let origin: string;
beforeAll(async () => (origin = await fastify.listen({ port: 0, host: '127.0.0.1' })));
afterAll(() => fastify.close());

/** The lines written by the requests, logging at `level`. */
async function linesOf(level: string, requests: [method: string, path: string][]): Promise<Line[]> {
  logger.logger.level = level;
  const start = written.length;
  for (const [method, path] of requests) {
    await fetch(origin + path, { method, headers: { 'x-request-id': 'rid-1', authorization: 'Bearer secret-token' } }).then((response) => response.arrayBuffer());
  }
  await new Promise((resolve) => setImmediate(resolve));
  // Fetch may open a new connection per request: the client port is left out.
  return written.slice(start).map(({ time: _time, responseTime: _responseTime, ...line }) => (line.req ? { ...line, req: { ...line.req, remotePort: 'any' } } : line));
}

describe('logRequests', () => {
  it('logs the completion of API requests with the request and its id, not probes or other paths', async () => {
    const lines = await linesOf('info', [
      ['GET', '/api/v1/quiet?x=1'],
      ['GET', '/api/v1/health'],
      ['HEAD', '/api/v1/health'],
      ['GET', '/api/v1/health/live'],
      ['GET', '/elsewhere'],
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        requestId: 'rid-1',
        req: expect.objectContaining({ id: 'rid-1', method: 'GET', url: '/api/v1/quiet?x=1', query: { x: '1' }, headers: expect.objectContaining({ authorization: '[Redacted]' }) }),
        res: expect.objectContaining({ statusCode: 200 }),
      }),
    ]);
  });

  it('writes the same request bindings when they are serialized only for the first line (no completion line at warn)', async () => {
    const atInfo = (await linesOf('info', [['GET', '/api/v1/warns?y=2']])).filter((line) => line.msg !== 'request completed');
    const atWarn = await linesOf('warn', [
      ['GET', '/api/v1/quiet'],
      ['GET', '/api/v1/warns?y=2'],
    ]);
    expect(atWarn).toEqual(atInfo);
    expect(atInfo.map((line) => [line.msg, line.requestId, line.req?.url, line.req?.remoteAddress, line.nested])).toEqual([
      ['inside', 'rid-1', '/api/v1/warns?y=2', '127.0.0.1', undefined],
      ['deeper', 'rid-1', '/api/v1/warns?y=2', '127.0.0.1', true],
    ]);
  });

  it('logs outside a request without request bindings', async () => {
    const start = written.length;
    logger.logger.level = 'warn';
    logger.warn('outside');
    expect(written.slice(start)).toEqual([expect.not.objectContaining({ req: expect.anything() })]);
  });
});
