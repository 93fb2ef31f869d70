import { createStaff, registerCustomer } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { connectChat, handshakeError } from './support/chat-client.js';
import { dropRedisKeys, REDIS_URL, uniqueRedisPrefix } from './support/redis.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const shared = Boolean(process.env.DATABASE_URL && REDIS_URL);
if (!shared) {
  // Two instances need one database and one Redis; the embedded PGlite and the in-process marks are private to each process.
  console.warn('auth-instances.e2e: skipped — set DATABASE_URL and REDIS_URL to run it');
}

const bodyTransport = { headers: { 'x-token-transport': 'body' } };

/**
 * Sessions across instances: refresh tokens and the user's active flag live in PostgreSQL (read on
 * every refresh and sign-in); access tokens are checked against the revocation marks in Redis, so a
 * sign-out, a reused refresh token or a deactivation on one instance is refused by the other at once.
 */
(shared ? describe : describe.skip)('sessions across two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;

  const redis = { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix('auth-instances') };

  beforeAll(async () => {
    a = await startTestApp(redis);
    b = await startTestApp(redis, { url: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.close();
    await dropRedisKeys(redis.REDIS_KEY_PREFIX);
  });

  const login = async (t: TestApp, email: string, password: string) => {
    const res = await t.api.post('/auth/login', { email, password }, bodyTransport);
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string };
  };

  it('refuses on B a refresh token logged out on A', async () => {
    const user = await registerCustomer(a);
    const first = await login(a, user.email, user.password);
    const rotated = await b.api.post('/auth/refresh', { refreshToken: first.refreshToken }, bodyTransport);
    expect(rotated.status).toBe(200);

    expect((await a.api.post('/auth/logout', { refreshToken: rotated.body.refreshToken })).status).toBe(204);
    expectProblem(await b.api.post('/auth/refresh', { refreshToken: rotated.body.refreshToken }, bodyTransport), 401, 'AUTH.REFRESH_INVALID');
    expectProblem(await b.api.post('/auth/refresh', { refreshToken: first.refreshToken }, bodyTransport), 401, 'AUTH.REFRESH_INVALID');
  });

  it('refuses on B, at once, the access token of a session signed out on A, and closes its socket there', async () => {
    const user = await registerCustomer(a);
    const session = await login(b, user.email, user.password);
    expect((await b.api.get('/repairs', { token: session.accessToken })).status).toBe(200);
    const socketOnB = await connectChat(b, session.accessToken);

    expect((await a.api.post('/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    expect(await socketOnB.disconnected()).toBe('io server disconnect');
    for (const t of [a, b]) {
      expectProblem(await t.api.get('/repairs', { token: session.accessToken }), 401);
      expect((await handshakeError(t, session.accessToken)).data?.code).toBe('AUTH.INVALID_TOKEN');
    }
    // Other sessions of the same user are untouched.
    expect((await b.api.get('/repairs', { token: user.token })).status).toBe(200);
  });

  it('revokes the whole family everywhere when B sees a token already spent on A', async () => {
    const user = await registerCustomer(a);
    const first = await login(a, user.email, user.password);
    const second = await a.api.post('/auth/refresh', { refreshToken: first.refreshToken }, bodyTransport);
    expect(second.status).toBe(200);

    // Replaying the spent token on B (a stolen copy) revokes the family: the live token dies on A too.
    expectProblem(await b.api.post('/auth/refresh', { refreshToken: first.refreshToken }, bodyTransport), 401, 'AUTH.REFRESH_INVALID');
    expectProblem(await a.api.post('/auth/refresh', { refreshToken: second.body.refreshToken }, bodyTransport), 401, 'AUTH.REFRESH_INVALID');
    expectProblem(await a.api.get('/repairs', { token: second.body.accessToken }), 401);
  });

  it('refuses a user deactivated on A on both instances at once: requests, refresh, sign-in and the chat handshake', async () => {
    const admin = await createStaff(a, 'admin');
    const user = await registerCustomer(a);
    const session = await login(b, user.email, user.password);
    expect((await b.api.get('/auth/me', { token: session.accessToken })).status).toBe(200);

    expect((await a.api.patch(`/users/${user.id}`, { active: false }, { token: admin.token })).status).toBe(200);

    for (const t of [a, b]) {
      expectProblem(await t.api.get('/auth/me', { token: session.accessToken }), 401);
      expectProblem(await t.api.get('/repairs', { token: session.accessToken }), 401);
      expectProblem(await t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport), 401, 'AUTH.INVALID_CREDENTIALS');
      expect((await handshakeError(t, session.accessToken)).data?.code).toBe('AUTH.INVALID_TOKEN');
    }
    expectProblem(await b.api.post('/auth/refresh', { refreshToken: session.refreshToken }, bodyTransport), 401);
  });
});
