import { randomUUID } from 'node:crypto';
import { acceptQuote } from './factories/payments.factory.js';
import { assignRepair, createRepair, issueQuote } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const HOUR = 3600;

describe('dashboard (admin aggregates)', () => {
  let t: TestApp;
  let admin: TestUser;
  let tech: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    // Revenue is reported per currency: the shop takes euros as well as dollars.
    t = await startTestApp({ SHOP_CURRENCIES: 'usd,eur' });
    [admin, tech, customer] = await Promise.all([createStaff(t, 'admin'), createStaff(t, 'technician'), registerCustomer(t, 'Dana Customer')]);
  });
  afterAll(() => t.close());

  /** Moves a repair's first history row (its submission) back in time. */
  const submittedHoursAgo = (repairId: string, hours: number) =>
    t.sql(`UPDATE repair_status_history SET created_at = now() - $2 * interval '1 hour' WHERE repair_request_id = $1 AND from_status IS NULL`, [repairId, hours]);
  const historyRow = (repairId: string, from: string, to: string, hoursAgo: number) =>
    t.sql(
      `INSERT INTO repair_status_history (repair_request_id, from_status, to_status, actor_role, created_at)
       VALUES ($1, $2, $3, 'system', now() - $4 * interval '1 hour')`,
      [repairId, from, to, hoursAgo],
    );

  it('is for admins only', async () => {
    for (const path of ['/dashboard/open-requests', '/dashboard/status-durations', '/dashboard/stale-quotes']) {
      expectProblem(await t.api.get(path, { token: tech.token }), 403);
      expectProblem(await t.api.get(path, { token: customer.token }), 403);
      expectProblem(await t.api.get(path), 401);
    }
  });

  it('starts empty', async () => {
    expect((await t.api.get('/dashboard/open-requests', { token: admin.token })).body).toEqual({ total: 0, cells: [] });
    const durations = await t.api.get('/dashboard/status-durations', { token: admin.token });
    expect(durations.body.rows.map((r: { status: string }) => r.status)).toEqual(['submitted', 'quoted', 'approved', 'in_progress']);
    expect(durations.body.rows.every((r: { medianSeconds: unknown; samples: number }) => r.medianSeconds === null && r.samples === 0)).toBe(true);
    expect((await t.api.get('/dashboard/stale-quotes', { token: admin.token })).body).toEqual({ hours: 48, count: 0, oldest: [] });
  });

  it('counts open requests by status and urgency, leaving closed ones out', async () => {
    const a = await createRepair(t, customer, { urgency: 'urgent' });
    const b = await createRepair(t, customer, { urgency: 'urgent' });
    await createRepair(t, customer, { urgency: 'low' });
    const cancelled = await createRepair(t, customer, { urgency: 'normal' });
    expect((await t.api.post(`/repairs/${cancelled.id}/status`, { status: 'cancelled' }, { token: customer.token })).status).toBe(200);
    await assignRepair(t, tech, b.id);
    await issueQuote(t, tech, b.id);

    const res = await t.api.get('/dashboard/open-requests', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 3,
      cells: [
        { status: 'submitted', urgency: 'urgent', count: 1 },
        { status: 'submitted', urgency: 'low', count: 1 },
        { status: 'quoted', urgency: 'urgent', count: 1 },
      ],
    });
    expect(a.status).toBe('submitted');
  });

  it('reports the median time spent in each status from the history, within the window', async () => {
    await t.sql(`DELETE FROM quotes`);
    await t.sql(`DELETE FROM repair_status_history`);
    await t.sql(`DELETE FROM repair_requests`);
    const repairs = await Promise.all([0, 1, 2, 3].map(() => createRepair(t, customer)));
    const [r1, r2, r3, old] = repairs.map((r) => r.id);
    // r1: submitted 6 h, then quoted 3 h (a re-issued quote in between does not split the stint), then approved.
    await submittedHoursAgo(r1, 10);
    await historyRow(r1, 'submitted', 'quoted', 4);
    await historyRow(r1, 'quoted', 'quoted', 2);
    await historyRow(r1, 'quoted', 'approved', 1);
    // r2: submitted 2 h, then quoted until now (an open stint: no sample).
    await submittedHoursAgo(r2, 3);
    await historyRow(r2, 'submitted', 'quoted', 1);
    // r3: submitted 1 h, then cancelled.
    await submittedHoursAgo(r3, 1.5);
    await historyRow(r3, 'submitted', 'cancelled', 0.5);
    // old: submitted 100 h, ended 3 days ago — outside a one-day window.
    await submittedHoursAgo(old, 172);
    await historyRow(old, 'submitted', 'quoted', 72);
    await historyRow(old, 'quoted', 'approved', 71);
    await t.sql(`UPDATE repair_requests SET status = 'approved' WHERE id = ANY($1::uuid[])`, [[r1, old]]);
    await t.sql(`UPDATE repair_requests SET status = 'quoted' WHERE id = $1`, [r2]);
    await t.sql(`UPDATE repair_requests SET status = 'cancelled' WHERE id = $1`, [r3]);

    const lastDay = await t.api.get('/dashboard/status-durations?days=1', { token: admin.token });
    expect(lastDay.status).toBe(200);
    expect(lastDay.body).toEqual({
      days: 1,
      rows: [
        { status: 'submitted', medianSeconds: 2 * HOUR, samples: 3, current: 0 },
        { status: 'quoted', medianSeconds: 3 * HOUR, samples: 1, current: 1 },
        { status: 'approved', medianSeconds: null, samples: 0, current: 2 },
        { status: 'in_progress', medianSeconds: null, samples: 0, current: 0 },
      ],
    });

    // Over a week the old repair counts too: submitted {1, 2, 6, 100} h → median 4 h; quoted {1, 3} h → 2 h.
    const week = await t.api.get('/dashboard/status-durations?days=7', { token: admin.token });
    expect(week.body.rows.slice(0, 2)).toEqual([
      { status: 'submitted', medianSeconds: 4 * HOUR, samples: 4, current: 0 },
      { status: 'quoted', medianSeconds: 2 * HOUR, samples: 2, current: 1 },
    ]);
    expectProblem(await t.api.get('/dashboard/status-durations?days=0', { token: admin.token }), 400);
  });

  it('lists quotes waiting for the customer over 48 hours, oldest first, leaving expired ones out', async () => {
    const make = async () => {
      const repair = await createRepair(t, customer);
      await assignRepair(t, tech, repair.id);
      return issueQuote(t, tech, repair.id, { partsCost: 10_000, laborCost: 2_345, currency: 'eur' });
    };
    const [stale, staler, fresh, expired] = [await make(), await make(), await make(), await make()];
    await t.sql(`UPDATE quotes SET created_at = now() - interval '50 hours' WHERE id = $1`, [stale.id]);
    await t.sql(`UPDATE quotes SET created_at = now() - interval '80 hours', status = 'payment_pending' WHERE id = $1`, [staler.id]);
    await t.sql(`UPDATE quotes SET created_at = now() - interval '10 hours' WHERE id = $1`, [fresh.id]);
    await t.sql(`UPDATE quotes SET created_at = now() - interval '60 hours', expires_at = now() - interval '1 hour' WHERE id = $1`, [expired.id]);

    const res = await t.api.get('/dashboard/stale-quotes', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.hours).toBe(48);
    expect(res.body.count).toBe(2);
    expect(res.body.oldest.map((q: { quoteId: string }) => q.quoteId)).toEqual([staler.id, stale.id]);
    expect(res.body.oldest[1]).toMatchObject({
      repairRequestId: stale.repairRequestId,
      customerName: 'Dana Customer',
      deviceLabel: 'Apple MacBook Pro 14',
      status: 'pending',
      total: 12_345,
      currency: 'eur',
      waitingHours: 50,
    });
    expect(res.body.oldest[0]).toMatchObject({ status: 'payment_pending', waitingHours: 80 });

    const limited = await t.api.get('/dashboard/stale-quotes?hours=5&limit=1', { token: admin.token });
    expect(limited.body.count).toBe(3);
    expect(limited.body.oldest).toHaveLength(1);
    expect(limited.body.oldest[0].quoteId).toBe(staler.id);
  });

  describe('revenue and refunds per week', () => {
    /** A payment row as the payments module stores one, `weeksAgo` weeks back (same weekday). */
    const seedPayment = async (amount: number, currency: string, status: string, weeksAgo: number) => {
      const repair = await createRepair(t, customer);
      await assignRepair(t, tech, repair.id);
      const quote = await issueQuote(t, tech, repair.id, { partsCost: amount, laborCost: 0, currency: currency as 'usd' });
      const id = randomUUID();
      await t.sql(
        `INSERT INTO payments (id, quote_id, repair_request_id, customer_id, attempt, amount, currency, status, provider_ref, idempotency_key, test_mode, created_at)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, true, date_trunc('week', now()) + interval '1 hour' - $10 * interval '1 week')`,
        [id, quote.id, repair.id, customer.id, amount, currency, status, `pi_seed_${id}`, `seed_${id}`, weeksAgo],
      );
      return id;
    };
    const seedRefund = (paymentId: string, amount: number, status: string, weeksAgo: number, seq = 1) =>
      t.sql(
        `INSERT INTO refunds (id, payment_id, seq, amount, reason, status, provider_ref, idempotency_key, created_by, created_at)
         VALUES (gen_random_uuid(), $1, $5, $2, 'seeded', $3, 're_' || gen_random_uuid(), 'seed_' || gen_random_uuid(), $4,
                 date_trunc('week', now()) + interval '2 hours' - $6 * interval '1 week')`,
        [paymentId, amount, status, admin.id, seq, weeksAgo],
      );
    const mondayWeeksAgo = (weeks: number) => {
      const now = new Date();
      const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7) - 7 * weeks));
      return monday.toISOString().slice(0, 10);
    };

    it('sums money by week and currency, counting only payments that took the money and confirmed refunds', async () => {
      await t.sql(`DELETE FROM refunds`);
      await t.sql(`DELETE FROM payments`);
      const a = await seedPayment(10_000, 'usd', 'succeeded', 1);
      await seedPayment(5_000, 'usd', 'refunded', 1);
      await seedPayment(7_000, 'usd', 'failed', 1);
      await seedPayment(2_500, 'eur', 'succeeded', 0);
      await seedPayment(9_999, 'usd', 'succeeded', 20);
      await seedRefund(a, 1_500, 'succeeded', 0);
      await seedRefund(a, 700, 'failed', 0, 2);

      const res = await t.api.get('/dashboard/revenue?weeks=4', { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body.weeks).toBe(4);
      expect(res.body.weekStarts).toEqual([3, 2, 1, 0].map(mondayWeeksAgo));
      expect(res.body.rows).toEqual([
        { weekStart: mondayWeeksAgo(1), currency: 'usd', revenue: 15_000, payments: 2, refunds: 0, refundCount: 0 },
        { weekStart: mondayWeeksAgo(0), currency: 'eur', revenue: 2_500, payments: 1, refunds: 0, refundCount: 0 },
        { weekStart: mondayWeeksAgo(0), currency: 'usd', revenue: 0, payments: 0, refunds: 1_500, refundCount: 1 },
      ]);
      expectProblem(await t.api.get('/dashboard/revenue', { token: tech.token }), 403);
      expectProblem(await t.api.get('/dashboard/revenue?weeks=500', { token: admin.token }), 400);
    });

    it('shows a payment and a refund made through the API in the current week', async () => {
      await t.sql(`DELETE FROM refunds`);
      await t.sql(`DELETE FROM payments`);
      const repair = await createRepair(t, customer);
      await assignRepair(t, tech, repair.id);
      const quote = await issueQuote(t, tech, repair.id, { partsCost: 8_000, laborCost: 2_000, currency: 'usd' });
      const payment = await acceptQuote(t, customer, quote.id);
      expect((await t.api.post(`/payments/${payment.id}/test-confirm`, {}, { token: customer.token })).status).toBe(200);
      const refund = await t.api.post(`/payments/${payment.id}/refund`, { amount: 2_500, reason: 'Part was cheaper' }, { token: admin.token });
      expect(refund.status).toBeLessThan(300);

      const res = await t.api.get('/dashboard/revenue?weeks=1', { token: admin.token });
      expect(res.body.rows).toEqual([{ weekStart: mondayWeeksAgo(0), currency: 'usd', revenue: 10_000, payments: 1, refunds: 2_500, refundCount: 1 }]);
    });
  });
});
