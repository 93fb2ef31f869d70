import { createRepair } from './factories/repairs.factory.js';
import { createStaff, registerCustomer } from './factories/users.factory.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Replica routing, shown with two PostgreSQL databases: the "replica" is migrated but never written to, so
 * what a response contains tells which one served it (a real replica would hold the same data, later).
 */
const suite = process.env.DATABASE_URL ? describe : describe.skip;
if (!process.env.DATABASE_URL) console.warn('read-replica.e2e: skipped — set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it');

suite('read replica (DATABASE_READ_URL)', () => {
  let primary: Awaited<ReturnType<typeof createTestDatabase>>;
  let replica: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    // Migrate the replica's schema, then leave it alone.
    const migrate = await startTestApp({}, replica);
    await migrate.stop();
    t = await startTestApp({ DATABASE_READ_URL: replica.url! }, primary);
  });
  afterAll(async () => {
    await t?.stop();
    await Promise.all([primary?.drop(), replica?.drop()]);
  });

  it('sends writes and read-after-write to the primary, lists and reports to the replica', async () => {
    const admin = await createStaff(t, 'admin');
    const customer = await registerCustomer(t);
    const repair = await createRepair(t, customer);
    expect(repair.status).toBe('submitted');
    expect((await t.api.get(`/repairs/${repair.id}`, { token: admin.token })).body.id).toBe(repair.id);
    expect((await t.api.get('/auth/me', { token: customer.token })).status).toBe(200);

    // Large lists and dashboard aggregates come from the replica, which has none of this.
    expect((await t.api.get('/repairs', { token: admin.token })).body.items).toEqual([]);
    expect((await t.api.get('/users', { token: admin.token })).body.items).toEqual([]);
    expect((await t.api.get('/payments', { token: admin.token })).body.items).toEqual([]);
    expect((await t.api.get('/dashboard/open-requests', { token: admin.token })).body.total).toBe(0);

    // The primary has them.
    expect(await t.sql(`SELECT count(*)::int AS n FROM repair_requests`)).toEqual([{ n: 1 }]);
  });
});
