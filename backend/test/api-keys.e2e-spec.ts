import { createHash } from 'node:crypto';
import { API_KEY_SCOPES, type ApiKeyScope } from '@repairhub/contracts';
import { createApiKey, withKey } from './factories/integrations.factory.js';
import { acceptQuote, quoteToPay } from './factories/payments.factory.js';
import { createRepair } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { expectProblem, type ApiResponse } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('API keys', () => {
  let t: TestApp;
  let admin: TestUser;
  let tech: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, tech, customer] = await Promise.all([createStaff(t, 'admin'), createStaff(t, 'technician'), registerCustomer(t, 'Kim Customer')]);
  });
  afterAll(() => t.close());

  it('are created by admins only, with known scopes; the secret is shown once and stored only as a SHA-256', async () => {
    expectProblem(await t.api.post('/api-keys', { name: 'x', scopes: ['repairs:read'] }, { token: customer.token }), 403);
    expectProblem(await t.api.post('/api-keys', { name: 'x', scopes: ['repairs:delete'] }, { token: admin.token }), 400);
    expectProblem(await t.api.post('/api-keys', { name: 'x', scopes: [] }, { token: admin.token }), 400);
    expectProblem(await t.api.post('/api-keys', { name: 'x', scopes: ['repairs:read'], expiresAt: '2001-01-01T00:00:00Z' }, { token: admin.token }), 400, 'API_KEY.EXPIRY_PAST');

    const created = await createApiKey(t, admin, ['repairs:read'], { name: 'Accounting' });
    expect(created.secret).toMatch(/^rh_live_[0-9a-f]{16}_[\w-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: 'Accounting', scopes: ['repairs:read'], prefix: created.secret.slice(0, 24), lastUsedAt: null, revokedAt: null });

    const secretPart = created.secret.slice(25);
    const [row] = await t.sql(`SELECT to_jsonb(k)::text AS whole, encode(secret_hash, 'hex') AS hash FROM api_keys k WHERE id = $1`, [created.apiKey.id]);
    expect(row.whole).not.toContain(secretPart);
    expect(row.whole).not.toContain(Buffer.from(secretPart).toString('hex'));
    expect(row.hash).toBe(createHash('sha256').update(secretPart).digest('hex'));

    const list = await t.api.get('/api-keys', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(secretPart);
    expect(list.body.items.find((k: { id: string }) => k.id === created.apiKey.id)).toEqual(created.apiKey);
  });

  it('authenticate by X-API-Key or Bearer, record the last use, and are refused once revoked, rotated out or expired', async () => {
    const { apiKey, secret } = await createApiKey(t, admin, ['repairs:read']);
    expect((await t.api.get('/repairs', withKey(secret))).status).toBe(200);
    expect((await t.api.get('/repairs', { token: secret })).status).toBe(200);
    const [{ last_used_at }] = await t.sql(`SELECT last_used_at FROM api_keys WHERE id = $1`, [apiKey.id]);
    expect(last_used_at).not.toBeNull();

    const wrongSecret = `${secret.slice(0, 25)}${'A'.repeat(43)}`;
    expectProblem(await t.api.get('/repairs', withKey(wrongSecret)), 401, 'AUTH.INVALID_API_KEY');
    expectProblem(await t.api.get('/repairs', withKey('rh_live_nonsense')), 401, 'AUTH.INVALID_API_KEY');

    const rotated = await t.api.post(`/api-keys/${apiKey.id}/rotate`, {}, { token: admin.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.apiKey).toMatchObject({ id: apiKey.id, scopes: ['repairs:read'] });
    expectProblem(await t.api.get('/repairs', withKey(secret)), 401, 'AUTH.INVALID_API_KEY');
    expect((await t.api.get('/repairs', withKey(rotated.body.secret))).status).toBe(200);

    expect((await t.api.delete(`/api-keys/${apiKey.id}`, { token: admin.token })).status).toBe(204);
    expectProblem(await t.api.get('/repairs', withKey(rotated.body.secret)), 401, 'AUTH.INVALID_API_KEY');
    expectProblem(await t.api.post(`/api-keys/${apiKey.id}/rotate`, {}, { token: admin.token }), 404);
    expect((await t.api.get('/api-keys', { token: admin.token })).body.items.find((k: { id: string }) => k.id === apiKey.id).revokedAt).not.toBeNull();

    const expiring = await createApiKey(t, admin, ['repairs:read'], { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await t.api.get('/repairs', withKey(expiring.secret))).status).toBe(200);
    await t.sql(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.apiKey.id]);
    expectProblem(await t.api.get('/repairs', withKey(expiring.secret)), 401, 'AUTH.INVALID_API_KEY');
  });

  it('stop working when the admin who created them is no longer an active admin', async () => {
    const other = await createStaff(t, 'admin');
    const { secret } = await createApiKey(t, other, ['repairs:read']);
    expect((await t.api.get('/repairs', withKey(secret))).status).toBe(200);
    expect((await t.api.patch(`/users/${other.id}`, { role: 'technician' }, { token: admin.token })).status).toBe(200);
    expectProblem(await t.api.get('/repairs', withKey(secret)), 401);
  });

  describe('scopes on every route that accepts keys', () => {
    type Call = () => Promise<ApiResponse>;
    let routes: { name: string; scope: ApiKeyScope; call: (secret: string) => Promise<ApiResponse>; ok: number }[];

    beforeAll(async () => {
      const repair = await createRepair(t, customer);
      const toCancel = await createRepair(t, customer);
      const { quote } = await quoteToPay(t, customer, tech);
      const payment = await acceptQuote(t, customer, quote.id);
      expect((await t.api.post(`/payments/${payment.id}/test-confirm`, {}, { token: customer.token })).status).toBe(200);
      routes = [
        { name: 'GET /repairs', scope: 'repairs:read', ok: 200, call: (s) => t.api.get('/repairs', withKey(s)) },
        { name: 'GET /repairs/:id', scope: 'repairs:read', ok: 200, call: (s) => t.api.get(`/repairs/${repair.id}`, withKey(s)) },
        { name: 'POST /repairs/:id/assign', scope: 'repairs:write', ok: 200, call: (s) => t.api.post(`/repairs/${repair.id}/assign`, { technicianId: tech.id }, withKey(s)) },
        { name: 'POST /repairs/:id/status', scope: 'repairs:write', ok: 200, call: (s) => t.api.post(`/repairs/${toCancel.id}/status`, { status: 'cancelled', note: 'By the CRM' }, withKey(s)) },
        { name: 'GET /quotes/:id', scope: 'quotes:read', ok: 200, call: (s) => t.api.get(`/quotes/${quote.id}`, withKey(s)) },
        { name: 'GET /payments', scope: 'payments:read', ok: 200, call: (s) => t.api.get('/payments', withKey(s)) },
        { name: 'GET /payments/:id', scope: 'payments:read', ok: 200, call: (s) => t.api.get(`/payments/${payment.id}`, withKey(s)) },
        { name: 'POST /payments/:id/refund', scope: 'payments:refund', ok: 200, call: (s) => t.api.post(`/payments/${payment.id}/refund`, { amount: 100, reason: 'Goodwill' }, withKey(s)) },
        { name: 'GET /users', scope: 'users:read', ok: 200, call: (s) => t.api.get('/users', withKey(s)) },
        { name: 'GET /dashboard/open-requests', scope: 'dashboard:read', ok: 200, call: (s) => t.api.get('/dashboard/open-requests', withKey(s)) },
        { name: 'GET /dashboard/revenue', scope: 'dashboard:read', ok: 200, call: (s) => t.api.get('/dashboard/revenue', withKey(s)) },
      ];
    });

    it('a key with every other scope gets 403; with the scope, the route works; revoked or expired: 401', async () => {
      for (const route of routes) {
        const others = API_KEY_SCOPES.filter((s) => s !== route.scope);
        const without = await createApiKey(t, admin, [...others]);
        const denied = await route.call(without.secret);
        expect({ route: route.name, status: denied.status, code: denied.body?.code }).toEqual({ route: route.name, status: 403, code: 'AUTH.SCOPE_MISSING' });

        const revoked = await createApiKey(t, admin, [route.scope]);
        await t.api.delete(`/api-keys/${revoked.apiKey.id}`, { token: admin.token });
        expect({ route: route.name, status: (await route.call(revoked.secret)).status }).toEqual({ route: route.name, status: 401 });
        const expired = await createApiKey(t, admin, [route.scope]);
        await t.sql(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.apiKey.id]);
        expect({ route: route.name, status: (await route.call(expired.secret)).status }).toEqual({ route: route.name, status: 401 });

        const granted = await createApiKey(t, admin, [route.scope]);
        const ok = await route.call(granted.secret);
        expect({ route: route.name, status: ok.status }).toEqual({ route: route.name, status: route.ok });
      }
    });

    it('routes that declare no scope refuse every key, even one with all scopes (default deny)', async () => {
      const all = await createApiKey(t, admin, [...API_KEY_SCOPES]);
      const closed: [string, Call][] = [
        ['GET /auth/me', () => t.api.get('/auth/me', withKey(all.secret))],
        ['GET /api-keys', () => t.api.get('/api-keys', withKey(all.secret))],
        ['POST /api-keys', () => t.api.post('/api-keys', { name: 'escalate', scopes: ['repairs:read'] }, withKey(all.secret))],
        ['POST /users', () => t.api.post('/users', { email: 'x@example.test', password: 'Violet-Harbor-Lantern-42', name: 'X', role: 'admin' }, withKey(all.secret))],
        ['GET /devices', () => t.api.get('/devices', withKey(all.secret))],
        ['GET /conversations', () => t.api.get('/conversations', withKey(all.secret))],
        ['POST /repairs', () => t.api.post('/repairs', { deviceId: customer.id, issueDescription: 'Broken screen glass', urgency: 'low' }, withKey(all.secret))],
      ];
      for (const [name, call] of closed) {
        const res = await call();
        expect({ name, status: res.status, code: res.body?.code }).toEqual({ name, status: 403, code: 'AUTH.API_KEY_NOT_ALLOWED' });
      }
    });
  });

  it('documents both security schemes and the scopes of each route in OpenAPI', async () => {
    // Plain fetch: the document and Swagger UI are served outside /api/v1 and describe no route of their own.
    const doc: any = await (await fetch(`${t.baseUrl}/api/docs-json`)).json();
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' }, 'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' } });
    const list = doc.paths['/api/v1/repairs'].get;
    expect(list['x-required-scopes']).toEqual(['repairs:read']);
    expect(list.security).toEqual(expect.arrayContaining([{ 'api-key': [] }, { bearer: [] }]));
    expect(doc.paths['/api/v1/api-keys'].post.security).toEqual([{ bearer: [] }]);
  });
});

describe('API key rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEY_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('is counted per key', async () => {
    const admin = await createStaff(t, 'admin');
    const [a, b] = [await createApiKey(t, admin, ['repairs:read']), await createApiKey(t, admin, ['repairs:read'])];
    for (let i = 0; i < 3; i++) expect((await t.api.get('/repairs', withKey(a.secret))).status).toBe(200);
    const limited = await t.api.get('/repairs', withKey(a.secret));
    expectProblem(limited, 429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await t.api.get('/repairs', withKey(b.secret))).status).toBe(200);
  });
});
