import type { TestApp } from './support/test-app.js';
import { expectProblem } from './support/api-client.js';
import { dropRedisKeys, REDIS_URL, uniqueRedisPrefix } from './support/redis.js';
import { startTestApp } from './support/test-app.js';

/** A failed login from `clientIp` as seen through one proxy that appends the real peer address. */
function failedLogin(t: TestApp, clientIp: string, spoofed: string, n: number) {
  return t.api.post(
    '/auth/login',
    { email: `nobody-${n}-${Math.random().toString(36).slice(2, 8)}@example.test`, password: 'Wrong-Guess-xyz-123' },
    { headers: { 'x-forwarded-for': `${spoofed}, ${clientIp}` } },
  );
}

/** Failed logins until the first 429; returns how many were let through. */
async function allowedBeforeLimit(apps: TestApp[], clientIp: string, max = 30): Promise<number> {
  for (let i = 0; i < max; i++) {
    const res = await failedLogin(apps[i % apps.length], clientIp, `10.${i}.${i}.${i}`, i);
    if (res.status === 429) {
      expectProblem(res, 429, 'RATE_LIMITED');
      return i;
    }
    expect(res.status).toBe(401);
  }
  return max;
}

/** The auth-ip budget: 10 login attempts a minute per client IP (common/throttling.ts). */
const AUTH_IP_LIMIT = 10;

describe('rate limits behind one trusted proxy (TRUST_PROXY=1)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1' });
  });
  afterAll(() => t?.close());

  it('keys on the address the proxy appended, so a new spoofed leftmost X-Forwarded-For gets no fresh bucket', async () => {
    expect(await allowedBeforeLimit([t], '198.51.100.7')).toBe(AUTH_IP_LIMIT);
    // Another real client behind the same proxy still has its own budget.
    const other = await failedLogin(t, '198.51.100.8', '198.51.100.7', 99);
    expect(other.status).toBe(401);
  });
});

const redisSuite = REDIS_URL ? describe : describe.skip;
if (!REDIS_URL) console.warn('proxy-rate-limit.e2e: two-instance budget skipped — set REDIS_URL (e.g. redis://127.0.0.1:6379) to run it');

redisSuite('rate limits shared by two instances through Redis', () => {
  const prefix = uniqueRedisPrefix('ratelimit');
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { TRUST_PROXY: '1', REDIS_URL, REDIS_KEY_PREFIX: prefix };
    first = await startTestApp(env);
    second = await startTestApp(env, { url: first.databaseUrl });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.close();
    await dropRedisKeys(prefix);
  });

  it('counts requests spread over both instances against one budget (not twice the limit)', async () => {
    expect(await allowedBeforeLimit([first, second], '203.0.113.20')).toBe(AUTH_IP_LIMIT);
    // Blocked on both now, whichever instance the balancer picks.
    expect((await failedLogin(first, '203.0.113.20', '1.1.1.1', 100)).status).toBe(429);
    expect((await failedLogin(second, '203.0.113.20', '2.2.2.2', 101)).status).toBe(429);
  });

  it('keeps the budget in Redis under the configured prefix', async () => {
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL!);
    try {
      const keys = await redis.keys(`${prefix}throttle:auth-ip:*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });
});
