// The baselines' Fastify: the same observable per-request work our app does around a handler, and
// nothing else: the request id (the client's when sane, else a fresh UUID, echoed as x-request-id)
// and the same security headers on every response, both taken from backend/dist so they cannot drift.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';

const dist = (path) => import(pathToFileURL(join(import.meta.dirname, '../backend/dist', path)).href);
const [{ requestId }, { computeSecurityHeaders, helmetOptions }] = await Promise.all([
  dist('common/http/request-id.js'),
  dist('common/http/security-headers.js'),
]);

export function bareFastify(publicUrl = process.env.PUBLIC_URL) {
  const app = Fastify({ genReqId: requestId });
  const securityHeaders = computeSecurityHeaders(helmetOptions(publicUrl));
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders).header('x-request-id', request.id);
    done();
  });
  return app;
}

/** Listens on a free loopback port and tells the parent which (first stdout line). */
export async function announce(app) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${app.server.address().port}\n`);
}
