import { registerCustomer } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Many people behind one address (an office, a carrier's NAT). */
const ONE_ADDRESS = '127.0.0.1';

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
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
      const res = await t.api.post('/auth/login', { email: `spray-${i}@example.test`, password: 'Wrong-Guess-xyz' }, { from: ONE_ADDRESS });
      limited = res.status === 429;
    }
    expect(limited).toBe(true);
  });

  it('throttles guessing the current password with a stolen access token like a sign-in', async () => {
    const app2 = await startTestApp();
    try {
      const user = await registerCustomer(app2);
      const statuses: number[] = [];
      for (let i = 0; i < 12 && !statuses.includes(429); i++) {
        const res = await app2.api.post('/auth/me/password', { currentPassword: `Guess-${i}-xyz`, newPassword: 'Copper-Meadow-Falcon-77' }, { token: user.token });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await app2.close();
    }
  });

  it('does not throttle ordinary reads', async () => {
    const app2 = await startTestApp();
    try {
      const user = await registerCustomer(app2);
      const results = await Promise.all(Array.from({ length: 30 }, () => app2.api.get('/auth/me', { token: user.token })));
      expect(results.every((r) => r.status === 200)).toBe(true);
    } finally {
      await app2.close();
    }
  });
});

describe('rate limits: token refresh', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets many users behind one address keep refreshing after the login budget is spent', async () => {
    const users = [];
    for (let i = 0; i < 3; i++) users.push(await registerCustomer(t));
    // Spend this address's login budget.
    for (let i = 0; i < 12; i++) await t.api.post('/auth/login', { email: `nobody-${i}@example.test`, password: 'Wrong-Guess-xyz' }, { from: ONE_ADDRESS });
    expectProblem(await t.api.post('/auth/login', { email: users[0].email, password: users[0].password }, { from: ONE_ADDRESS }), 429);

    const body = { headers: { 'x-token-transport': 'body' }, from: ONE_ADDRESS };
    for (const user of users) {
      let refreshToken = user.refreshToken;
      for (let round = 0; round < 5; round++) {
        const res = await t.api.post('/auth/refresh', { refreshToken }, body);
        expect(res.status).toBe(200);
        refreshToken = res.body.refreshToken;
      }
    }
  });
});
