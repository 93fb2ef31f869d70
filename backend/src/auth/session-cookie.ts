import type { FastifyReply, FastifyRequest } from 'fastify';
import { REFRESH_COOKIE, TOKEN_TRANSPORT_HEADER } from '@repairhub/contracts';
import type { AppConfig } from '../config/configuration.js';
import { forbidden } from '../common/errors/domain-error.js';
import type { IssuedRefreshToken } from './refresh-token.service.js';

export const AUTH_COOKIE_PATH = '/api/v1/auth';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function wantsBodyTransport(request: FastifyRequest): boolean {
  return request.headers[TOKEN_TRANSPORT_HEADER] === 'body';
}

/** Secure everywhere except plain-http localhost, where browsers would drop a Secure cookie. */
function isSecure(request: FastifyRequest): boolean {
  return !(request.protocol === 'http' && LOCAL_HOSTS.has(request.hostname));
}

export function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, refresh: IssuedRefreshToken): void {
  reply.setCookie(REFRESH_COOKIE, refresh.token, {
    httpOnly: true,
    secure: isSecure(request),
    sameSite: 'strict',
    path: AUTH_COOKIE_PATH,
    expires: refresh.expiresAt,
  });
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: isSecure(request), sameSite: 'strict', path: AUTH_COOKIE_PATH });
}

/**
 * Routes that set, use or clear the session cookie refuse requests a browser marks as cross-site.
 * SameSite=Strict already withholds the cookie there; this also stops another site from signing a
 * browser into an account of its choosing, and covers older browsers and sibling subdomains.
 * Clients that are not browsers send neither header and pass.
 */
export function assertSameSite(request: FastifyRequest, config: AppConfig): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site') throw forbidden('AUTH.CROSS_SITE', 'Cross-site requests are not allowed here.');
  const origin = request.headers.origin;
  if (!origin) return;
  const own = `${request.protocol}://${request.host}`;
  const allowed = new Set([own, new URL(config.http.publicUrl).origin, ...config.http.corsOrigins]);
  if (!allowed.has(origin)) throw forbidden('AUTH.CROSS_SITE', 'Cross-site requests are not allowed here.');
}
