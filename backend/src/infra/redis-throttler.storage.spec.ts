import type { Redis } from 'ioredis';
import { DomainError } from '../common/errors/domain-error.js';
import { onThrottlerOutage } from '../app/throttling.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/** Just the two calls the storage makes, answering like Redis or failing like an unreachable one. */
function fakeRedis(answer: () => Promise<number[]>) {
  const calls: string[][] = [];
  const redis = {
    defineCommand: () => undefined,
    rhThrottle: (...args: string[]) => {
      calls.push(args);
      return answer();
    },
  };
  return { redis: redis as unknown as Redis, calls };
}

const unreachable = () => Promise.reject(new Error('Reached the max retries per request limit (which is 2).'));

describe('RedisThrottlerStorage', () => {
  it('counts in one Lua step under the prefix and reports seconds', async () => {
    const { redis, calls } = fakeRedis(async () => [3, 42_100, 0, 0]);
    const storage = new RedisThrottlerStorage(redis, 'rh:', onThrottlerOutage);
    expect(await storage.increment('1.2.3.4', 60_000, 10, 0, 'default')).toEqual({
      totalHits: 3,
      timeToExpire: 43,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(calls[0].slice(0, 2)).toEqual(['rh:throttle:default:1.2.3.4:hits', 'rh:throttle:default:1.2.3.4:block']);
  });

  it('refuses sign-in budgets with 503 while Redis is unreachable, and lets the general ones through uncounted', async () => {
    const { redis } = fakeRedis(unreachable);
    const storage = new RedisThrottlerStorage(redis, 'rh:', onThrottlerOutage);
    for (const name of ['auth-ip', 'auth-email']) {
      const refused = await storage.increment('k', 60_000, 5, 60_000, name).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ kind: 'unavailable', code: 'AUTH.SESSIONS_UNAVAILABLE', cause: expect.any(Error) });
    }
    for (const name of ['default', 'writes', 'api-key']) {
      expect(await storage.increment('k', 60_000, 5, 0, name)).toEqual({
        totalHits: 0,
        timeToExpire: 0,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
  });

  it('counts again as soon as Redis answers', async () => {
    let up = false;
    const { redis } = fakeRedis(() => (up ? Promise.resolve([1, 60_000, 0, 0]) : unreachable()));
    const storage = new RedisThrottlerStorage(redis, 'rh:', onThrottlerOutage);
    await expect(storage.increment('k', 60_000, 5, 0, 'auth-ip')).rejects.toBeInstanceOf(DomainError);
    up = true;
    expect(await storage.increment('k', 60_000, 5, 0, 'auth-ip')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
