import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Logger, NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sendProblem } from '../common/filters/problem.filter.js';

const logger = new Logger('Web');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the Angular builds land, and the path each is served under. */
export const WEB_APPS = [
  { name: 'admin-console', prefix: '/console/', dir: join(ROOT, 'dist/admin-console/browser') },
  { name: 'customer-portal', prefix: '/', dir: join(ROOT, 'dist/customer-portal/browser') },
];

/**
 * Serves each built app from the same origin as the API (so the refresh cookie needs no CORS),
 * with index.html for client-side routes. Hashed assets are cached for a year, index.html never.
 */
export async function serveApps(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const built = WEB_APPS.filter((web) => existsSync(join(web.dir, 'index.html')));
  for (const [i, web] of built.entries()) {
    await app.register(fastifyStatic, {
      root: web.dir,
      prefix: web.prefix,
      decorateReply: i === 0,
      wildcard: false,
      index: ['index.html'],
      setHeaders: (res, path) => {
        (res as unknown as { setHeader(n: string, v: string): void }).setHeader('cache-control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  }
  if (!built.length) return;
  fastify.setNotFoundHandler((request, reply) => {
    const accept = request.headers.accept ?? '';
    const web = built.find((w) => request.url.startsWith(w.prefix));
    if (request.method === 'GET' && web && !request.url.startsWith('/api/') && accept.includes('text/html')) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html', web.dir);
    }
    return sendProblem(new NotFoundException(`Cannot ${request.method} ${request.url.split('?')[0]}`), request, reply, logger);
  });
}
