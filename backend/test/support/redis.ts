import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL;

/** A key prefix of this test file's own, so files sharing the CI Redis never see each other's keys. */
export function uniqueRedisPrefix(name: string): string {
  return `rh-test:${name}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under `prefix` (the file's throttler counters, BullMQ queue, caches). */
export async function dropRedisKeys(prefix: string): Promise<void> {
  if (!REDIS_URL) return;
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
