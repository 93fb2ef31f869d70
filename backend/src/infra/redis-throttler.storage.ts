import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { DomainError } from '../common/errors/domain-error.js';

/** While Redis cannot be asked: the error to answer for this budget, or null to let the request through uncounted. */
export type ThrottlerOutagePolicy = (throttlerName: string) => DomainError | null;

/**
 * One atomic step per request, in Redis, so every instance counts against the same budget: a fixed
 * window of `ttl` ms counted in KEYS[1]; passing `limit` sets KEYS[2] for `blockDuration` ms (and
 * clears the count, so the window starts afresh when the block ends). Returns
 * [hits, window ms left, blocked 0|1, block ms left].
 */
const INCREMENT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(ARGV[2]) + 1, blockLeft, 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {hits, windowLeft, 1, tonumber(ARGV[3])}
end
return {hits, windowLeft, 0, 0}
`;

/**
 * `@nestjs/throttler` storage over ioredis (the in-memory default is per instance). When Redis cannot
 * be asked, `onOutage` decides per budget whether the request is refused or passes uncounted (an
 * unexpected error would otherwise answer 500); the outage is logged once, and its end.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimits');
  private degraded = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onOutage: ThrottlerOutagePolicy,
  ) {
    redis.defineCommand('rhThrottle', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const base = `${this.prefix}throttle:${throttlerName}:${key}`;
    const block = Math.max(1, blockDuration || ttl);
    let counted: number[];
    try {
      counted = (await (this.redis as Redis & { rhThrottle(k1: string, k2: string, ttl: number, limit: number, block: number): Promise<number[]> }).rhThrottle(
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        block,
      )) as number[];
    } catch (cause) {
      if (!this.degraded) this.logger.error({ err: cause }, 'Rate limits cannot be counted: Redis is unreachable');
      this.degraded = true;
      const refusal = this.onOutage(throttlerName);
      if (refusal) throw Object.assign(refusal, { cause });
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
    if (this.degraded) this.logger.log('Rate limits are counted again');
    this.degraded = false;
    const [totalHits, windowLeft, blocked, blockLeft] = counted;
    return {
      totalHits,
      timeToExpire: Math.ceil(windowLeft / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockLeft / 1000),
    };
  }
}
