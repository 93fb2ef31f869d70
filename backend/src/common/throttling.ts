import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { RedisConnections } from '../infra/redis-connections.js';
import { RedisThrottlerStorage } from '../infra/redis-throttler.storage.js';
import type { AppConfig } from '../config/configuration.js';
import { isAuthThrottled } from '../auth/auth-throttle.js';
import { parseApiKey, presentedApiKey } from '../integrations/api-key-token.js';

const MINUTE = 60_000;
/** The prefix (public id) of the API key a request presents, if any: the per-key budget is keyed by it. */
const apiKeyPrefix = (request: Record<string, any>) => {
  const presented = presentedApiKey(request.headers);
  return presented ? (parseApiKey(presented)?.prefix ?? null) : null;
};
const isRead = (context: ExecutionContext) => ['GET', 'HEAD', 'OPTIONS'].includes(context.switchToHttp().getRequest().method);

/**
 * Budgets, keyed by client IP (Fastify resolves it from the configured number of trusted proxy hops):
 * a generous general one, a tighter one for writes, and tight per-IP and per-email ones on /auth.
 * With Redis the counters are shared by every instance (a limit is not multiplied by the instance count).
 */
export function throttlerOptions(config: AppConfig, redis?: RedisConnections): ThrottlerModuleOptions {
  const off = () => !config.rateLimitsEnabled;
  return {
    ...(redis?.enabled ? { storage: new RedisThrottlerStorage(redis.command, redis.prefix) } : {}),
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
      { name: 'auth-ip', ttl: MINUTE, limit: 10, blockDuration: MINUTE, skipIf: (c) => off() || !isAuthThrottled(c) },
      {
        name: 'auth-email',
        ttl: MINUTE,
        limit: 5,
        blockDuration: MINUTE,
        skipIf: (c) => off() || !isAuthThrottled(c) || !c.switchToHttp().getRequest().body?.email,
        getTracker: (req) => String(req.body?.email ?? '').trim().toLowerCase(),
      },
    ],
  };
}
