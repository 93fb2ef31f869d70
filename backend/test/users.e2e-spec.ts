import { STRONG_PASSWORD, createStaff, login, registerCustomer, uniqueEmail, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('users (admin)', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ BOOTSTRAP_ADMIN_EMAIL: 'root@example.test', BOOTSTRAP_ADMIN_PASSWORD: 'Root-Password-Quartz-91' });
    admin = { ...(await createStaff(t, 'admin')) };
  });
  afterAll(() => t.close());

  it('created the bootstrap admin at start', async () => {
    const token = await login(t, 'root@example.test', 'Root-Password-Quartz-91');
    const me = await t.api.get('/auth/me', { token });
    expect(me.body).toMatchObject({ email: 'root@example.test', role: 'admin' });
  });

  it('lets an admin create a technician who can then sign in', async () => {
    const email = uniqueEmail('tech');
    const res = await t.api.post('/users', { email, password: STRONG_PASSWORD, name: 'New Tech', role: 'technician' }, { token: admin.token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, role: 'technician', active: true });
    expect(res.body).not.toHaveProperty('passwordHash');
    const token = await login(t, email, STRONG_PASSWORD);
    expect((await t.api.get('/auth/me', { token })).body.role).toBe('technician');
  });

  it('refuses to create customers through the admin route (they sign up themselves)', async () => {
    const res = await t.api.post('/users', { email: uniqueEmail(), password: STRONG_PASSWORD, name: 'X', role: 'customer' }, { token: admin.token });
    expectProblem(res, 400);
  });

  it('keeps technicians and customers out with 403, anonymous with 401', async () => {
    const tech = await createStaff(t, 'technician');
    const customer = await registerCustomer(t);
    for (const token of [tech.token, customer.token]) {
      expectProblem(await t.api.get('/users', { token }), 403);
      expectProblem(await t.api.post('/users', { email: uniqueEmail(), password: STRONG_PASSWORD, name: 'X', role: 'admin' }, { token }), 403);
      expectProblem(await t.api.patch(`/users/${customer.id}`, { active: false }, { token }), 403);
    }
    expectProblem(await t.api.get('/users'), 401);
  });

  it('searches by email or name and filters by role', async () => {
    const marker = `zed${Date.now()}`;
    await registerCustomer(t, `Customer ${marker}`);
    const res = await t.api.get(`/users?q=${marker}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].name).toContain(marker);
    const techs = await t.api.get('/users?role=technician&limit=100', { token: admin.token });
    expect(techs.body.items.every((u: { role: string }) => u.role === 'technician')).toBe(true);
  });

  it('finds a walk-in customer without an email by their phone number in any format', async () => {
    const local = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('');
    const checkIn = await t.api.post(
      '/repairs/check-in',
      { customer: { name: 'Sam Counter', phone: `+33 ${local}` }, device: { type: 'tablet', brand: 'Apple', model: 'iPad' }, issueDescription: 'Cracked glass on the back.', urgency: 'low' },
      { token: admin.token },
    );
    expect(checkIn.status).toBe(201);
    const find = async (q: string) => {
      const res = await t.api.get(`/users?q=${encodeURIComponent(q)}&limit=100`, { token: admin.token });
      expect(res.status).toBe(200);
      return (res.body.items as { id: string; phone: string | null; email: string | null }[]).filter((u) => u.id === checkIn.body.customerId);
    };
    expect(await find(`0033 ${local.slice(0, 3)} ${local.slice(3)}`)).toEqual([expect.objectContaining({ email: null, phone: `+33${local}` })]);
    expect(await find(`0${local}`)).toHaveLength(1);
    expect(await find(local.slice(-5))).toHaveLength(1);
    expect(await find(local.slice(-3))).toEqual([]);
  });

  it('pages through every user exactly once', async () => {
    for (let i = 0; i < 5; i++) await registerCustomer(t);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.api.get(
        `/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin.token },
      );
      seen.push(...res.body.items.map((u) => u.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const total = (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0].n;
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('pages through users created in the same instant without skipping any', async () => {
    const tag = `same-instant-${Date.now()}`;
    // One statement: every row gets the same now(). On PostgreSQL it has microseconds, which a
    // millisecond cursor dropped: the rows after the first page were skipped.
    await t.sql(
      `INSERT INTO users (email, name, role, password_hash) SELECT $1 || '-' || n || '@example.test', 'Same Instant', 'customer', 'x' FROM generate_series(1, 3) n`,
      [tag],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { email: string }[]; nextCursor: string | null } } = await t.api.get(
        `/users?limit=1&q=${tag}${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin.token },
      );
      seen.push(...res.body.items.map((u) => u.email));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([1, 2, 3].map((n) => `${tag}-${n}@example.test`));
  });

  it('rejects a forged cursor and a limit above 100', async () => {
    expectProblem(await t.api.get('/users?cursor=not-a-cursor', { token: admin.token }), 400, 'REQUEST.INVALID_CURSOR');
    expectProblem(await t.api.get('/users?limit=101', { token: admin.token }), 400);
  });

  it('changes a role: the user’s sessions end, and the next sign-in carries the new role', async () => {
    const tech = await createStaff(t, 'technician');
    expectProblem(await t.api.get('/users', { token: tech.token }), 403);
    const res = await t.api.patch(`/users/${tech.id}`, { role: 'admin' }, { token: admin.token });
    expect(res.body.role).toBe('admin');
    expectProblem(await t.api.get('/users', { token: tech.token }), 401, 'AUTH.INVALID_TOKEN');
    const again = await t.api.post('/auth/login', { email: tech.email, password: tech.password });
    expect((await t.api.get('/users', { token: again.body.accessToken })).status).toBe(200);
  });

  it('stops an admin from locking themselves out', async () => {
    expectProblem(await t.api.patch(`/users/${admin.id}`, { active: false }, { token: admin.token }), 409, 'USER.SELF_LOCKOUT');
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    expectProblem(await t.api.patch('/users/00000000-0000-4000-8000-000000000000', { active: false }, { token: admin.token }), 404);
    expectProblem(await t.api.patch('/users/not-a-uuid', { active: false }, { token: admin.token }), 400);
  });
});
