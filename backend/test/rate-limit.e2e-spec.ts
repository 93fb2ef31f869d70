import { registerCustomer } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS_ENABLED: 'true' });
  });
  afterAll(() => t.close());

  it('answers a burst of failed logins on one account with 429 problem+json and Retry-After', async () => {
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 8; i++) {
      const res = await t.api.post('/auth/login', { email: 'victim@example.test', password: `Wrong-Guess-${i}-xyz` });
      statuses.push(res.status);
      if (res.status === 429) {
        limited = res;
        break;
      }
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(limited).toBeDefined();
    expectProblem(limited!, 429, 'RATE_LIMITED');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits one IP spraying many accounts', async () => {
    let limited = false;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await t.api.post('/auth/login', { email: `spray-${i}@example.test`, password: 'Wrong-Guess-xyz' });
      limited = res.status === 429;
    }
    expect(limited).toBe(true);
  });

  it('does not throttle ordinary reads', async () => {
    const app2 = await startTestApp({ RATE_LIMITS_ENABLED: 'true' });
    try {
      const user = await registerCustomer(app2);
      const results = await Promise.all(Array.from({ length: 30 }, () => app2.api.get('/auth/me', { token: user.token })));
      expect(results.every((r) => r.status === 200)).toBe(true);
    } finally {
      await app2.close();
    }
  });
});
