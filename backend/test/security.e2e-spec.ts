import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MAX_AMOUNT_MINOR, type Role } from '@repairhub/contracts';
import { STRONG_PASSWORD, uniqueEmail, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { createTestDatabase, startTestApp, testEnv, type TestApp } from './support/test-app.js';

/**
 * Findings of the adversarial probe (issue 20). Accounts are made inside the app, so the sign-in
 * budgets stay for the tests that are about them.
 */
async function account(t: TestApp, role: Role, name = `Probe ${role}`): Promise<TestUser> {
  const email = uniqueEmail(role);
  const user = await t.call<{ id: string }>('users/users.service.js', 'UsersService', 'create', { email, password: STRONG_PASSWORD, name, role });
  const session = await t.call<{ body: { accessToken: string } }>('auth/auth.service.js', 'AuthService', 'login', { email, password: STRONG_PASSWORD });
  return { id: user.id, email, password: STRONG_PASSWORD, role, token: session.body.accessToken };
}

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('security hardening', () => {
  let t: TestApp;
  let customer: TestUser;
  let technician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [customer, technician, admin] = [await account(t, 'customer'), await account(t, 'technician'), await account(t, 'admin')];
  });
  afterAll(() => t.close());

  describe('crafted cursors', () => {
    const badTimes = ['9999-99-99T00:00:00.000000Z', '2026-02-30T00:00:00.000000Z', '0000-01-01T00:00:00.000000Z', '2026-01-01T24:00:00.000000Z'];

    it('answers 400 INVALID_CURSOR on every keyset list, never 500', async () => {
      const lists: [path: string, who: () => TestUser][] = [
        ['/devices', () => customer],
        ['/repairs', () => customer],
        ['/payments', () => customer],
        ['/users', () => admin],
        ['/api-keys', () => admin],
        ['/webhook-endpoints', () => admin],
        ['/admin/emails', () => admin],
      ];
      for (const [path, who] of lists) {
        for (const at of badTimes) {
          expectProblem(await t.api.get(`${path}?cursor=${cursorOf([at, SOME_ID])}`, { token: who().token }), 400, 'REQUEST.INVALID_CURSOR');
        }
      }
      for (const at of badTimes) {
        const search = await t.api.post(`/devices/search?cursor=${cursorOf([at, SOME_ID])}`, { serialNumber: 'SN-1' }, { token: technician.token });
        expectProblem(search, 400, 'REQUEST.INVALID_CURSOR');
      }
    });

    it('refuses an out-of-range urgency rank in the technician queue and an oversize sequence in conversations', async () => {
      for (const rank of [99_999, -1, 7, 1.5]) {
        const res = await t.api.get(`/repairs?cursor=${cursorOf([rank, '2026-01-01T00:00:00.000000Z', SOME_ID])}`, { token: technician.token });
        expectProblem(res, 400, 'REQUEST.INVALID_CURSOR');
      }
      for (const seq of ['9999999999999999999', '9223372036854775808']) {
        expectProblem(await t.api.get(`/conversations?cursor=${cursorOf([seq, SOME_ID])}`, { token: customer.token }), 400, 'REQUEST.INVALID_CURSOR');
      }
      expect((await t.api.get(`/conversations?cursor=${cursorOf(['9223372036854775807', SOME_ID])}`, { token: customer.token })).status).toBe(200);
      expect((await t.api.get(`/repairs?cursor=${cursorOf([3, '2026-01-01T00:00:00.000000Z', SOME_ID])}`, { token: technician.token })).status).toBe(200);
    });
  });

  describe('built-in property names in bodies', () => {
    const names = ['constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

    it('refuses them like any unknown field on PATCH /devices, /users and /auth/me/preferences, changing nothing', async () => {
      const device = await t.api.post('/devices', { type: 'phone', brand: 'Acme', model: 'One' }, { token: customer.token });
      expect(device.status).toBe(201);
      const target = await account(t, 'technician', 'Unchanged Name');
      const patches: [path: string, token: string, valid: Record<string, unknown>][] = [
        [`/devices/${device.body.id}`, customer.token, { model: 'Two' }],
        [`/users/${target.id}`, admin.token, { name: 'Changed' }],
        ['/auth/me/preferences', customer.token, { emailNonEssential: false }],
      ];
      for (const [path, token, valid] of patches) {
        for (const name of names) {
          const res = await t.api.request('PATCH', path, { token, raw: JSON.stringify({ ...valid, [name]: 'x' }) });
          expect(expectProblem(res, 400, 'REQUEST.INVALID').errors).toEqual([{ field: name, message: `property ${name} should not exist` }]);
        }
      }
      expect((await t.api.get(`/devices/${device.body.id}`, { token: customer.token })).body.model).toBe('One');
      expect((await t.api.get(`/users?q=${encodeURIComponent(target.email)}`, { token: admin.token })).body.items[0].name).toBe('Unchanged Name');
      expect((await t.api.get('/auth/me/preferences', { token: customer.token })).body.emailNonEssential).toBe(true);
    });
  });

  describe('quote totals', () => {
    it('caps the total at the per-line maximum, not twice it', async () => {
      const device = await t.api.post('/devices', { type: 'laptop', brand: 'Acme', model: 'Book' }, { token: customer.token });
      const repair = await t.api.post('/repairs', { deviceId: device.body.id, issueDescription: 'Will not boot at all.', urgency: 'low' }, { token: customer.token });
      expect(repair.status).toBe(201);
      const quote = (partsCost: number, laborCost: number) =>
        t.api.post('/quotes', { repairRequestId: repair.body.id, partsCost, laborCost, currency: 'usd' }, { token: technician.token });
      const tooLarge = expectProblem(await quote(MAX_AMOUNT_MINOR, MAX_AMOUNT_MINOR), 400, 'QUOTE.TOTAL_TOO_LARGE');
      expect(tooLarge.errors).toEqual([expect.objectContaining({ field: 'laborCost' })]);
      expectProblem(await quote(MAX_AMOUNT_MINOR, 1), 400, 'QUOTE.TOTAL_TOO_LARGE');
      const atCap = await quote(MAX_AMOUNT_MINOR - 1, 1);
      expect(atCap.status).toBe(201);
      expect(atCap.body.total).toBe(MAX_AMOUNT_MINOR);
    });
  });

  describe('response headers', () => {
    it('forbids framing alike in CSP and X-Frame-Options, and allows WebSockets to our own origin only', async () => {
      const res = await t.api.get('/health');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const connectSrc = /connect-src ([^;]*)/.exec(csp)![1].split(' ');
      expect(connectSrc).not.toContain('ws:');
      expect(connectSrc).not.toContain('wss:');
      expect(connectSrc).toContain('ws://localhost:3000');
    });

    it('hides Swagger and the OpenAPI document when API_DOCS_ENABLED=false', async () => {
      // Plain fetch: the document and Swagger UI are served outside /api/v1 and describe no route of their own.
      expect((await fetch(`${t.baseUrl}/api/docs-json`)).status).toBe(200);
      const hidden = await startTestApp({ API_DOCS_ENABLED: 'false' });
      try {
        for (const path of ['/api/docs', '/api/docs-json']) expect((await fetch(`${hidden.baseUrl}${path}`)).status).toBe(404);
      } finally {
        await hidden.close();
      }
    });
  });

  describe('request bodies', () => {
    it('takes JSON only: form, multipart and text bodies get 415 problem+json', async () => {
      const bodies: [contentType: string, raw: string][] = [
        ['application/x-www-form-urlencoded', `email=${encodeURIComponent(customer.email)}&password=${STRONG_PASSWORD}`],
        ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${customer.email}\r\n--x--\r\n`],
        ['text/plain', JSON.stringify({ email: customer.email, password: STRONG_PASSWORD })],
      ];
      for (const [contentType, raw] of bodies) {
        const res = await t.api.request('POST', '/auth/login', { raw, headers: { 'content-type': contentType } });
        expectProblem(res, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
        expect(res.headers.get('set-cookie')).toBeNull();
      }
    });

    const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

    it('refuses deeply nested and over-wide bodies with 400 before validation, signed in or not', async () => {
      for (const levels of [40, 2_000, 100_000]) {
        expectProblem(await t.api.request('POST', '/auth/refresh', { raw: deep(levels) }), 400, 'REQUEST.TOO_DEEP');
        expectProblem(await t.api.request('PATCH', '/auth/me/preferences', { raw: deep(levels), token: customer.token }), 400, 'REQUEST.TOO_DEEP');
      }
      expectProblem(await t.api.request('POST', '/auth/refresh', { raw: '['.repeat(400_000) + ']'.repeat(400_000) }), 400, 'REQUEST.TOO_DEEP');
      const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])));
      expectProblem(await t.api.request('POST', '/auth/refresh', { raw: wide }), 400, 'REQUEST.TOO_MANY_FIELDS');
      // An ordinary body still passes: the check counts structure, not size.
      const ordinary = await t.api.patch('/auth/me/preferences', { emailNonEssential: true }, { token: customer.token });
      expect(ordinary.status).toBe(200);
    });

    it('refuses a burst of ~1 MB deeply nested bodies by their shape, never parsing them, while /health answers', async () => {
      // Unbounded, each of these bodies held the event loop for most of a second in JSON.parse. The
      // shape scan stops at the depth limit, so TOO_DEEP (not a parse error) shows none was parsed.
      // No timing is asserted: this machine's load would decide it, not the code.
      const body = '['.repeat(500_000) + ']'.repeat(500_000);
      const burst = Array.from({ length: 10 }, () => t.api.request('POST', '/auth/refresh', { raw: body }));
      const health = await t.api.get('/health');
      const answers = await Promise.all(burst);
      expect(health.status).toBe(200);
      for (const answer of answers) expectProblem(answer, 400, 'REQUEST.TOO_DEEP');
    });
  });

  describe('sign-in from another site', () => {
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ];

    it('refuses sign-in and registration with 403 and sets no cookie', async () => {
      for (const headers of crossSite.slice(0, 2)) {
        const login = await t.api.post('/auth/login', { email: customer.email, password: STRONG_PASSWORD }, { headers });
        expectProblem(login, 403, 'AUTH.CROSS_SITE');
        expect(login.headers.get('set-cookie')).toBeNull();
      }
      const email = uniqueEmail('csrf');
      const register = await t.api.post('/auth/register', { email, password: STRONG_PASSWORD, name: 'Planted' }, { headers: crossSite[2] });
      expectProblem(register, 403, 'AUTH.CROSS_SITE');
      expect(register.headers.get('set-cookie')).toBeNull();
      expect(await t.sql('SELECT 1 FROM users WHERE email = $1', [email])).toHaveLength(0);

      const sameOrigin = await t.api.post('/auth/login', { email: customer.email, password: STRONG_PASSWORD }, { headers: { origin: t.baseUrl, 'sec-fetch-site': 'same-origin' } });
      expect(sameOrigin.status).toBe(200);
      expect(sameOrigin.headers.get('set-cookie')).toMatch(/^refresh_token=/);
    });

    it('refuses sign-out and refresh from another site whether or not a cookie came, and clears nothing', async () => {
      for (const headers of crossSite) {
        for (const path of ['/auth/logout', '/auth/refresh']) {
          const res = await t.api.post(path, undefined, { headers });
          expectProblem(res, 403, 'AUTH.CROSS_SITE');
          expect(res.headers.get('set-cookie')).toBeNull();
        }
      }
      expect((await t.api.post('/auth/logout', undefined, { headers: { origin: t.baseUrl } })).status).toBe(204);
    });
  });
});

describe('sign-in budgets', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Several client addresses, as behind the balancer: X-Forwarded-For is trusted one hop deep.
    t = await startTestApp({ RATE_LIMITS_ENABLED: 'true', TRUST_PROXY: '1' });
  });
  afterAll(() => t.close());

  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

  it('lets the owner sign in after strangers spent guesses on the account, while each place and many places together stay limited', async () => {
    const owner = await account(t, 'customer', 'Targeted Owner');
    const guess = (address: string, i: number) => t.api.post('/auth/login', { email: owner.email, password: `Wrong-Guess-${i}-xyz` }, from(address));

    const strangers = await Promise.all([1, 2, 3, 4, 5].map((n) => guess(`203.0.113.${n}`, n)));
    expect(strangers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);

    const onePlace = await Promise.all([1, 2, 3, 4, 5].map((i) => guess('198.51.100.7', i)));
    expect(onePlace.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    const sixth = expectProblem(await guess('198.51.100.7', 6), 429, 'RATE_LIMITED');
    expect(sixth.detail).toMatch(/this account from your network/);

    const ownerSignIn = await t.api.post('/auth/login', { email: owner.email, password: owner.password }, from('192.0.2.10'));
    expect(ownerSignIn.status).toBe(200);

    const spread = await Promise.all(Array.from({ length: 45 }, (_, n) => guess(`100.64.0.${n + 1}`, n)));
    const paused = spread.filter((r) => r.status === 429);
    expect(paused.length).toBeGreaterThan(0);
    expect(expectProblem(paused[0], 429, 'RATE_LIMITED').detail).toMatch(/sign-in is paused for it/);
  });
});

describe('emails and names people type', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const register = (email: string, name = 'Probe Person') => t.api.post('/auth/register', { email, password: STRONG_PASSWORD, name }, { headers: { 'x-token-transport': 'body' } });

  it('refuses look-alike, invisible and text-direction characters in emails, and folds other forms into one account', async () => {
    const cases: [email: string, message: RegExp][] = [
      ['\u0430dmin@example.test', /mix Latin, Cyrillic or Greek/],
      ['ad\u200bmin@example.test', /invisible or text-direction/],
      ['admin\u202e@example.test', /invisible or text-direction/],
      ['admin@ex\u0430mple.test', /mix Latin, Cyrillic or Greek/],
    ];
    for (const [email, message] of cases) {
      const problem = expectProblem(await register(email), 400, 'REQUEST.INVALID');
      expect(problem.errors).toEqual([{ field: 'email', message: expect.stringMatching(message) }]);
    }
    const taken = await account(t, 'customer');
    const fullWidth = taken.email.replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).toUpperCase();
    expectProblem(await register(fullWidth), 409, 'USER.EMAIL_TAKEN');

    const composed = `jos\u00e9-${Date.now()}@b\u00fccher.test`;
    const created = await register(composed, '\u674e\u5c0f\u9f99');
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: composed.replace('b\u00fccher', 'xn--bcher-kva'), name: '\u674e\u5c0f\u9f99' });
    const decomposed = composed.normalize('NFD').toUpperCase();
    expectProblem(await register(decomposed), 409, 'USER.EMAIL_TAKEN');
    const signIn = await t.api.post('/auth/login', { email: decomposed, password: STRONG_PASSWORD }, { headers: { 'x-token-transport': 'body' } });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.id).toBe(created.body.user.id);
  });

  it('refuses invisible and text-direction characters in names, keeping real scripts', async () => {
    const problem = expectProblem(await register(uniqueEmail('bidi'), 'Ada\u202eecilA'), 400, 'REQUEST.INVALID');
    expect(problem.errors).toEqual([{ field: 'name', message: 'name must not contain invisible or text-direction characters' }]);
    const admin = await account(t, 'admin');
    const target = await account(t, 'technician');
    expectProblem(await t.api.patch(`/users/${target.id}`, { name: 'Tech\u200b' }, { token: admin.token }), 400, 'REQUEST.INVALID');
    const renamed = await t.api.patch(`/users/${target.id}`, { name: '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 Jose\u0301' }, { token: admin.token });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 Jos\u00e9');
  });
});

describe('email normalization of existing accounts (migration)', () => {
  const MIGRATE_CLI = fileURLToPath(new URL('../dist/database/migrate.js', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'rh-emails-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('rewrites lone accounts to the normalized form so they can sign in, and reports accounts that clash', async () => {
    t = await startTestApp({ DATA_DIR: dataDir }, database);
    const model = await account(t, 'customer');
    const insert = (email: string) =>
      t!.sql<{ id: string }>(`INSERT INTO users (email, name, role, password_hash) SELECT $1, 'Old', 'customer', password_hash FROM users WHERE id = $2 RETURNING id`, [email, model.id]);
    const [lone] = await insert('jose\u0301@example.test');
    const [plain] = await insert('clash@example.test');
    const [wide] = await insert('\uff43lash@example.test');
    await t.sql(`DELETE FROM migrations WHERE name = 'NormalizedEmails1764230004917'`);
    await t.stop();
    t = null;

    const env = { ...process.env, ...testEnv(database.url, { DATA_DIR: dataDir }) };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MIGRATE_CLI], { env });
    expect(stdout).toContain('Applied: NormalizedEmails1764230004917');
    expect(stdout + stderr).toMatch(new RegExp(`merge or rename them by hand: ${plain.id} <clash@example.test>, ${wide.id} <\uff43lash@example.test>`));

    t = await startTestApp({ DATA_DIR: dataDir }, database);
    const rows = await t.sql<{ id: string; email: string }>(`SELECT id, email FROM users WHERE id = ANY($1::uuid[]) ORDER BY email`, [[lone.id, plain.id, wide.id]]);
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: lone.id, email: 'jos\u00e9@example.test' },
        { id: plain.id, email: 'clash@example.test' },
        { id: wide.id, email: '\uff43lash@example.test' },
      ]),
    );
    const signIn = await t.api.post('/auth/login', { email: 'jos\u00e9@example.test', password: STRONG_PASSWORD });
    expect(signIn.status).toBe(200);
  });
});
