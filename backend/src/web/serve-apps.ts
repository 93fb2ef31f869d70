import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Logger, NotFoundException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../common/filters/problem.filter.js';
import { spaFallback, type WebApp } from './spa-fallback.js';

const logger = new Logger('Web');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the Angular builds land, and the path each is served under. Longest prefix first. */
export const WEB_APPS: WebApp[] = [
  { name: 'admin-console', prefix: '/console/', dir: join(ROOT, 'dist/admin-console/browser') },
  { name: 'customer-portal', prefix: '/', dir: join(ROOT, 'dist/customer-portal/browser') },
];

/**
 * Serves each built app from the same origin as the API (so the refresh cookie needs no CORS),
 * with index.html for client-side routes. Hashed assets are cached for a year, index.html never;
 * precompressed copies go to browsers that accept them.
 *
 * The fallback is a catch-all GET route, not Fastify's not-found handler: Nest installs its own
 * not-found handler during `init()` and Fastify allows only one per prefix. Every API route is more
 * specific than the catch-all, so the router still prefers it.
 */
export async function serveApps(app: NestFastifyApplication): Promise<void> {
  const built = WEB_APPS.filter((web) => existsSync(join(web.dir, 'index.html')));
  if (!built.length) return;
  for (const [i, web] of built.entries()) {
    await app.register(fastifyStatic, {
      root: web.dir,
      prefix: web.prefix,
      decorateReply: i === 0,
      wildcard: false,
      index: ['index.html'],
      // `npm run build:web` writes .br/.gz beside each asset (scripts/compress-web.mjs); without them
      // the plain file is sent.
      preCompressed: true,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  }

  const fallback = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    const web = spaFallback(built, request.method, request.url, request.headers.accept);
    if (web && `${path}/` === web.prefix) return reply.redirect(web.prefix, 301);
    if (web) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html', web.dir);
    return sendProblem(new NotFoundException(`Cannot ${request.method} ${path}`), request, reply, logger);
  };
  const fastify = app.getHttpAdapter().getInstance();
  // Browsers ask for /favicon.ico on pages that name no icon (an API answer opened in a tab): the
  // portal's icon, sent as is (a redirect would be a second request for no gain).
  const portal = built.find((web) => web.prefix === '/');
  if (portal && existsSync(join(portal.dir, 'favicon.svg'))) {
    fastify.get('/favicon.ico', (_request, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').sendFile('favicon.svg', portal.dir));
  }
  fastify.get('/*', { exposeHeadRoute: true }, fallback);
}
