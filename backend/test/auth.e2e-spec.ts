import { createHmac } from 'node:crypto';
import { STRONG_PASSWORD, createStaff, registerCustomer, uniqueEmail } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { TEST_SECRETS, startTestApp, type TestApp } from './support/test-app.js';

const bodyTransport = { headers: { 'x-token-transport': 'body' } };

function forgeToken(header: object, payload: object, secret?: string): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${enc(header)}.${enc(payload)}`;
  const signature = secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}

describe('auth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('register', () => {
    it('creates a customer, signs in, and sets an HttpOnly SameSite=Strict refresh cookie scoped to /api/v1/auth', async () => {
      const email = uniqueEmail();
      const res = await t.api.post('/auth/register', { email, password: STRONG_PASSWORD, name: 'Ada' });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ email, name: 'Ada', role: 'customer', active: true });
      expect(res.body.user).not.toHaveProperty('passwordHash');
      expect(res.body.expiresIn).toBe(900);
      expect(res.body.refreshToken).toBeUndefined();
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^refresh_token=[\w-]{40,};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/api/v1/auth');
      expect(cookie).not.toContain('Secure'); // plain-http localhost only
    });

    it('always makes a customer, whatever role the body claims', async () => {
      const res = await t.api.post('/auth/register', { email: uniqueEmail(), password: STRONG_PASSWORD, name: 'Eve', role: 'admin' });
      const problem = expectProblem(res, 400, 'REQUEST.INVALID');
      expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role' })]));
    });

    it('refuses a duplicate email (any case) with 409', async () => {
      const email = uniqueEmail();
      await t.api.post('/auth/register', { email, password: STRONG_PASSWORD, name: 'One' });
      const res = await t.api.post('/auth/register', { email: email.toUpperCase(), password: STRONG_PASSWORD, name: 'Two' });
      expectProblem(res, 409, 'USER.EMAIL_TAKEN');
    });

    it('explains weak, short and common passwords beside the password field', async () => {
      const short = await t.api.post('/auth/register', { email: uniqueEmail(), password: 'short', name: 'S' });
      expect(expectProblem(short, 400).errors[0]).toMatchObject({ field: 'password' });
      const common = await t.api.post('/auth/register', { email: uniqueEmail(), password: 'password1', name: 'C' });
      expect(expectProblem(common, 400, 'AUTH.WEAK_PASSWORD').errors[0]).toMatchObject({ field: 'password' });
    });

    it('accepts a 100-character Unicode passphrase and every character counts', async () => {
      const email = uniqueEmail();
      const password = `${'ключ-'.repeat(19)}tail1`;
      expect(password.length).toBe(100);
      expect((await t.api.post('/auth/register', { email, password, name: 'Long' })).status).toBe(201);
      expect((await t.api.post('/auth/login', { email, password })).status).toBe(200);
      expect((await t.api.post('/auth/login', { email, password: `${password.slice(0, -1)}2` })).status).toBe(401);
    });
  });

  describe('login', () => {
    it('answers an unknown email exactly like a wrong password', async () => {
      const user = await registerCustomer(t);
      const wrong = await t.api.post('/auth/login', { email: user.email, password: 'Not-The-Password-9' });
      const unknown = await t.api.post('/auth/login', { email: uniqueEmail('ghost'), password: 'Not-The-Password-9' });
      expectProblem(wrong, 401, 'AUTH.INVALID_CREDENTIALS');
      expectProblem(unknown, 401, 'AUTH.INVALID_CREDENTIALS');
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
    });

    it('takes similar time for an unknown email and a wrong password (a real hash is verified either way)', async () => {
      const user = await registerCustomer(t);
      const time = async (email: string) => {
        const start = performance.now();
        await t.api.post('/auth/login', { email, password: 'Not-The-Password-9' });
        return performance.now() - start;
      };
      const known = await time(user.email);
      const unknown = await time(uniqueEmail('ghost'));
      // Both include an argon2 verification (tens of ms); skipping it would make "unknown" near-instant.
      expect(unknown).toBeGreaterThan(known / 4);
    });

    it('returns the refresh token in the body for clients that ask, and sets no cookie', async () => {
      const user = await registerCustomer(t);
      const res = await t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport);
      expect(res.status).toBe(200);
      expect(res.body.refreshToken).toMatch(/^[\w-]{40,}$/);
      expect(res.headers.get('set-cookie')).toBeNull();
    });
  });

  describe('me and access tokens', () => {
    it('returns the signed-in user', async () => {
      const user = await registerCustomer(t, 'Grace');
      const res = await t.api.get('/auth/me', { token: user.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: user.id, email: user.email, name: 'Grace', role: 'customer' });
    });

    it('needs a token', async () => {
      expectProblem(await t.api.get('/auth/me'), 401, 'AUTH.INVALID_TOKEN');
    });

    it('refuses tampered, alg:none, wrong-secret, wrong-audience, expired, refresh-typed and session-less tokens', async () => {
      const user = await registerCustomer(t);
      const [header, payload, signature] = user.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const now = Math.floor(Date.now() / 1000);
      const secret = TEST_SECRETS.JWT_ACCESS_SECRET;
      const hs = { alg: 'HS256', typ: 'JWT', kid: 'default' };
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${signature}`;
      const bad = [
        tampered,
        forgeToken({ alg: 'none', typ: 'JWT' }, claims),
        forgeToken(hs, claims, 'some-other-secret-that-is-long-enough-xx'),
        forgeToken(hs, { ...claims, aud: 'someone-else' }, secret),
        forgeToken(hs, { ...claims, iss: 'someone-else' }, secret),
        forgeToken(hs, { ...claims, iat: now - 3600, exp: now - 60 }, secret),
        forgeToken(hs, { ...claims, typ: 'refresh' }, secret),
        forgeToken(hs, { ...claims, sid: undefined }, secret),
        forgeToken(hs, { ...claims, role: 'superuser' }, secret),
        // Properly signed, but without a key id or naming a key that is not configured.
        forgeToken({ alg: 'HS256', typ: 'JWT' }, claims, secret),
        forgeToken({ ...hs, kid: 'retired' }, claims, secret),
      ];
      for (const token of bad) expectProblem(await t.api.get('/auth/me', { token }), 401);
      // The same claims signed properly work, so each refusal above is about the one thing changed.
      expect((await t.api.get('/auth/me', { token: forgeToken(hs, claims, secret) })).status).toBe(200);
    });
  });

  describe('refresh', () => {
    it('rotates: the new token works, the spent one is refused, and reusing it revokes the whole family', async () => {
      const user = await registerCustomer(t);
      const first = (await t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport)).body.refreshToken;

      const second = await t.api.post('/auth/refresh', { refreshToken: first }, bodyTransport);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first);
      expect((await t.api.get('/auth/me', { token: second.body.accessToken })).status).toBe(200);

      expectProblem(await t.api.post('/auth/refresh', { refreshToken: first }, bodyTransport), 401, 'AUTH.REFRESH_INVALID');
      // The reuse revoked the family: the rotated refresh token and the access token issued with it are dead too.
      expectProblem(await t.api.post('/auth/refresh', { refreshToken: second.body.refreshToken }, bodyTransport), 401);
      expectProblem(await t.api.get('/auth/me', { token: second.body.accessToken }), 401);
    });

    it('lets exactly one of several concurrent uses of one token win', async () => {
      const user = await registerCustomer(t);
      const token = (await t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport)).body.refreshToken;
      const results = await Promise.all(Array.from({ length: 5 }, () => t.api.post('/auth/refresh', { refreshToken: token }, bodyTransport)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    });

    it('works from the cookie for web clients and refuses cross-site requests', async () => {
      const email = uniqueEmail();
      const reg = await t.api.post('/auth/register', { email, password: STRONG_PASSWORD, name: 'Web' });
      const cookie = (reg.headers.get('set-cookie') ?? '').split(';')[0];

      const crossSite = await t.api.post('/auth/refresh', undefined, { headers: { cookie, origin: 'https://evil.example' } });
      expectProblem(crossSite, 403, 'AUTH.CROSS_SITE');
      const fetchSite = await t.api.post('/auth/refresh', undefined, { headers: { cookie, 'sec-fetch-site': 'cross-site' } });
      expectProblem(fetchSite, 403, 'AUTH.CROSS_SITE');

      const sameSite = await t.api.post('/auth/refresh', undefined, { headers: { cookie, origin: t.baseUrl, 'sec-fetch-site': 'same-origin' } });
      expect(sameSite.status).toBe(200);
      expect(sameSite.headers.get('set-cookie')).toMatch(/^refresh_token=/);
    });

    it('answers 401 without any token', async () => {
      expectProblem(await t.api.post('/auth/refresh', {}), 401, 'AUTH.REFRESH_MISSING');
    });
  });

  describe('logout', () => {
    it('revokes the refresh token and clears the cookie', async () => {
      const user = await registerCustomer(t);
      const token = (await t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport)).body.refreshToken;
      const out = await t.api.post('/auth/logout', { refreshToken: token });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/refresh_token=;.*Expires=Thu, 01 Jan 1970/);
      expectProblem(await t.api.post('/auth/refresh', { refreshToken: token }, bodyTransport), 401);
    });

    it('ends the session’s access tokens at once, and only that session’s', async () => {
      const user = await registerCustomer(t);
      const signIn = () => t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport);
      const [leaving, staying] = [(await signIn()).body, (await signIn()).body];
      expect((await t.api.get('/auth/me', { token: leaving.accessToken })).status).toBe(200);

      expect((await t.api.post('/auth/logout', { refreshToken: leaving.refreshToken })).status).toBe(204);
      expectProblem(await t.api.get('/auth/me', { token: leaving.accessToken }), 401);
      expect((await t.api.get('/auth/me', { token: staying.accessToken })).status).toBe(200);
      expect((await t.api.get('/auth/me', { token: user.token })).status).toBe(200);
    });
  });

  describe('password change', () => {
    const NEW_PASSWORD = 'Copper-Meadow-Falcon-77';
    const signIn = (email: string, password: string) => t.api.post('/auth/login', { email, password }, bodyTransport);
    const change = (token: string, currentPassword: string, newPassword: string) =>
      t.api.post('/auth/me/password', { currentPassword, newPassword }, { token });

    it('keeps the session that asked and ends every other; only the new password signs in', async () => {
      const user = await registerCustomer(t);
      const laptop = (await signIn(user.email, user.password)).body;
      const phone = (await signIn(user.email, user.password)).body;

      expect((await change(laptop.accessToken, user.password, NEW_PASSWORD)).status).toBe(204);

      expect((await t.api.get('/auth/me', { token: laptop.accessToken })).status).toBe(200);
      expect((await t.api.post('/auth/refresh', { refreshToken: laptop.refreshToken }, bodyTransport)).status).toBe(200);
      expectProblem(await t.api.get('/auth/me', { token: phone.accessToken }), 401);
      expectProblem(await t.api.post('/auth/refresh', { refreshToken: phone.refreshToken }, bodyTransport), 401);
      expectProblem(await signIn(user.email, user.password), 401, 'AUTH.INVALID_CREDENTIALS');
      expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('explains a wrong current password, a weak or unchanged new one, beside the field, and changes nothing', async () => {
      const user = await registerCustomer(t);
      const cases: [string, string, string, string][] = [
        ['not my password', NEW_PASSWORD, 'currentPassword', 'AUTH.WRONG_PASSWORD'],
        [user.password, 'password123', 'newPassword', 'AUTH.WEAK_PASSWORD'],
        [user.password, 'short', 'newPassword', 'REQUEST.VALIDATION'],
        [user.password, user.password, 'newPassword', 'AUTH.PASSWORD_UNCHANGED'],
      ];
      for (const [current, next, field, code] of cases) {
        const res = await change(user.token, current, next);
        expect(res.status).toBe(400);
        if (code !== 'REQUEST.VALIDATION') expect(res.body.code).toBe(code);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      expectProblem(await t.api.post('/auth/me/password', { currentPassword: user.password, newPassword: NEW_PASSWORD, userId: user.id }, { token: user.token }), 400);
      expectProblem(await t.api.post('/auth/me/password', { currentPassword: user.password, newPassword: NEW_PASSWORD }), 401);
      expect((await signIn(user.email, user.password)).status).toBe(200);
      expect((await t.api.get('/auth/me', { token: user.token })).status).toBe(200);
    });

    it('lets one of two concurrent changes win; the other is refused and the winner’s password holds', async () => {
      const user = await registerCustomer(t);
      const attempts = ['Amber-Canyon-Willow-31', 'Silver-Orchard-Raven-58'];
      const results = await Promise.all(attempts.map((next) => change(user.token, user.password, next)));
      expect(results.filter((r) => r.status === 204)).toHaveLength(1);
      const loser = results.find((r) => r.status !== 204)!;
      expect([400, 409]).toContain(loser.status);
      const winner = attempts[results.findIndex((r) => r.status === 204)];
      const loserPassword = attempts.find((p) => p !== winner)!;
      expect((await signIn(user.email, winner)).status).toBe(200);
      expectProblem(await signIn(user.email, loserPassword), 401);
    });
  });

  describe('deactivation', () => {
    it('stops a deactivated user’s access and refresh tokens at once', async () => {
      const admin = await createStaff(t, 'admin');
      const user = await registerCustomer(t);
      const refreshToken = (await t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport)).body.refreshToken;
      expect((await t.api.patch(`/users/${user.id}`, { active: false }, { token: admin.token })).status).toBe(200);

      expectProblem(await t.api.get('/auth/me', { token: user.token }), 401);
      expectProblem(await t.api.post('/auth/refresh', { refreshToken }, bodyTransport), 401);
      expectProblem(await t.api.post('/auth/login', { email: user.email, password: user.password }), 401, 'AUTH.INVALID_CREDENTIALS');
    });

    it('lets a reactivated user sign in again while tokens from before stay dead', async () => {
      const admin = await createStaff(t, 'admin');
      const user = await registerCustomer(t);
      expect((await t.api.patch(`/users/${user.id}`, { active: false }, { token: admin.token })).status).toBe(200);
      expect((await t.api.patch(`/users/${user.id}`, { active: true }, { token: admin.token })).status).toBe(200);

      expectProblem(await t.api.get('/auth/me', { token: user.token }), 401);
      const again = await t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport);
      expect(again.status).toBe(200);
      expect((await t.api.get('/auth/me', { token: again.body.accessToken })).status).toBe(200);
    });

    it('ends the sessions of a user whose role changes: the next sign-in carries the new role', async () => {
      const admin = await createStaff(t, 'admin');
      const user = await registerCustomer(t);
      expect((await t.api.patch(`/users/${user.id}`, { role: 'technician' }, { token: admin.token })).status).toBe(200);

      expectProblem(await t.api.get('/repairs', { token: user.token }), 401);
      const again = await t.api.post('/auth/login', { email: user.email, password: user.password }, bodyTransport);
      expect((await t.api.get('/auth/me', { token: again.body.accessToken })).body.role).toBe('technician');
    });
  });
});
