import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { RedisConnections } from '../infra/redis-connections.js';
import { RedisThrottlerStorage } from '../infra/redis-throttler.storage.js';
import type { AppConfig } from '../config/configuration.js';
import { isAuthThrottled } from '../auth/auth-throttle.js';
import { isTrackingThrottled } from '../common/decorators/tracking-throttle.decorator.js';
import { RATE_LIMITED_MESSAGE } from '../common/errors/to-problem.js';
import { normalizeEmail } from '../common/identity-text.js';
import { parseApiKey, presentedApiKey } from '../integrations/api-key-token.js';
import { DomainError } from '../common/errors/domain-error.js';

const MINUTE = 60_000;
/** Public status page reads per IP and minute: a shop's customers refresh, token guessers need billions. */
export const TRACKING_LIMIT_PER_MINUTE = 30;
/** The prefix (public id) of the API key a request presents, if any: the per-key budget is keyed by it. */
const apiKeyPrefix = (request: Record<string, any>) => {
  const presented = presentedApiKey(request.headers);
  return presented ? (parseApiKey(presented)?.prefix ?? null) : null;
};
const isRead = (context: ExecutionContext) => ['GET', 'HEAD', 'OPTIONS'].includes(context.switchToHttp().getRequest().method);

// Guards run before validation: the raw field, in the form accounts are stored under (one budget per account).
const signInEmail = (request: Record<string, any>) => normalizeEmail(String(request.body?.email ?? ''));
const ACCOUNT_TRACKER = 'account:';
const ACCOUNT_FROM_ADDRESS_TRACKER = 'account-from-address:';
const AUTH_MESSAGES: [trackerPrefix: string, message: string][] = [
  [ACCOUNT_FROM_ADDRESS_TRACKER, 'Too many sign-in attempts for this account from your network. Please wait a minute and try again.'],
  [
    ACCOUNT_TRACKER,
    'This account has had many sign-in attempts from several places, so sign-in is paused for it for a few minutes. Please try again later.',
  ],
];

/**
 * While Redis cannot be asked, the sign-in budgets refuse (503) rather than let password guessing
 * through uncounted; the general budgets let requests through, so authenticated requests reach the
 * session check and get its 503 AUTH.SESSIONS_UNAVAILABLE, and public routes (Stripe's webhooks) work.
 */
export const onThrottlerOutage = (throttlerName: string) =>
  throttlerName.startsWith('auth-') ? new DomainError('unavailable', 'AUTH.SESSIONS_UNAVAILABLE', 'Sign-in is briefly unavailable. Please try again in a moment.') : null;

/**
 * Budgets, keyed by client IP (Fastify resolves it from the configured number of trusted proxy hops):
 * a generous general one, a tighter one for writes, and on password routes a tight one per IP, a tight
 * one per account and address, and a slower one per account. The per-account-and-address budget is
 * what stops guessing from one place; a stranger spending it does not lock the owner out elsewhere.
 * The per-account one only caps guessing spread over many addresses (each failure also slows that
 * account's next answers, see LoginFailuresService).
 * With Redis the counters are shared by every instance (a limit is not multiplied by the instance count).
 */
export function throttlerOptions(config: AppConfig, redis?: RedisConnections): ThrottlerModuleOptions {
  const off = () => !config.rateLimitsEnabled;
  return {
    ...(redis?.enabled ? { storage: new RedisThrottlerStorage(redis.command, redis.prefix, onThrottlerOutage) } : {}),
    throttlers: [
      { name: 'default', ttl: MINUTE, limit: 600, skipIf: off },
      {
        name: 'api-key',
        ttl: MINUTE,
        limit: config.apiKeyRateLimitPerMinute,
        skipIf: (c) => off() || !apiKeyPrefix(c.switchToHttp().getRequest()),
        getTracker: (req) => `api-key:${apiKeyPrefix(req)}`,
      },
      { name: 'writes', ttl: MINUTE, limit: 120, skipIf: (c) => off() || isRead(c) },
      { name: 'tracking', ttl: MINUTE, limit: TRACKING_LIMIT_PER_MINUTE, skipIf: (c) => off() || !isTrackingThrottled(c) },
      { name: 'auth-ip', ttl: MINUTE, limit: 10, blockDuration: MINUTE, skipIf: (c) => off() || !isAuthThrottled(c) },
      {
        name: 'auth-email-ip',
        ttl: MINUTE,
        limit: 5,
        blockDuration: MINUTE,
        skipIf: (c) => off() || !isAuthThrottled(c) || !c.switchToHttp().getRequest().body?.email,
        getTracker: (req) => `${ACCOUNT_FROM_ADDRESS_TRACKER}${signInEmail(req)} ${req.ip}`,
      },
      {
        name: 'auth-email',
        ttl: 15 * MINUTE,
        limit: 50,
        skipIf: (c) => off() || !isAuthThrottled(c) || !c.switchToHttp().getRequest().body?.email,
        getTracker: (req) => `${ACCOUNT_TRACKER}${signInEmail(req)}`,
      },
    ],
    errorMessage: (_context, { tracker }) => AUTH_MESSAGES.find(([prefix]) => tracker.startsWith(prefix))?.[1] ?? RATE_LIMITED_MESSAGE,
  };
}
