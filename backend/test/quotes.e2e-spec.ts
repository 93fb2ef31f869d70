import { QUOTE_DEFAULT_TTL_DAYS, type RepairDetail } from '@repairhub/contracts';
import { createRepair, issueQuote, transitionAsSystem } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;

describe('quotes', () => {
  let t: TestApp;
  let customer: TestUser;
  let tech: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    // A shop that also takes yen, to check zero-decimal totals.
    t = await startTestApp({ SHOP_CURRENCIES: 'usd,jpy' });
    [customer, tech, admin] = await Promise.all([registerCustomer(t), createStaff(t, 'technician', 'Quoting Tech'), createStaff(t, 'admin')]);
  });
  afterAll(() => t.close());

  const quote = (repairRequestId: string, extra: Record<string, unknown> = {}) =>
    t.api.post('/quotes', { repairRequestId, partsCost: 12_999, laborCost: 4_500, currency: 'usd', ...extra }, { token: tech.token });
  const detail = async (id: string) => (await t.api.get(`/repairs/${id}`, { token: customer.token })).body as RepairDetail;

  describe('issuing', () => {
    it('computes the total, assigns an unassigned request to the quoting technician and moves it to quoted in one go', async () => {
      const repair = await createRepair(t, customer);
      const before = Date.now();
      const res = await quote(repair.id, { notes: '  New screen and labour  ' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ repairRequestId: repair.id, technicianId: tech.id, partsCost: 12_999, laborCost: 4_500, total: 17_499, currency: 'usd', notes: 'New screen and labour', status: 'pending' });
      const ttl = new Date(res.body.expiresAt).getTime() - before;
      expect(ttl).toBeGreaterThan(QUOTE_DEFAULT_TTL_DAYS * DAY - 60_000);
      expect(ttl).toBeLessThan(QUOTE_DEFAULT_TTL_DAYS * DAY + 60_000);

      const after = await detail(repair.id);
      expect(after).toMatchObject({ status: 'quoted', assignedTechnicianId: tech.id });
      expect(after.quotes.map((q) => q.id)).toEqual([res.body.id]);
      expect(after.history.at(-1)).toMatchObject({ fromStatus: 'submitted', toStatus: 'quoted', actorRole: 'system', actorId: null });
      const [row] = await t.sql('SELECT total FROM quotes WHERE id = $1', [res.body.id]);
      expect(row.total).toBe(17_499);
    });

    it('refuses a client-sent total, status or technician (unknown fields), leaving nothing behind', async () => {
      const repair = await createRepair(t, customer);
      for (const extra of [{ total: 1 }, { total: 17_499 }, { status: 'accepted' }, { technicianId: admin.id }]) {
        const problem = expectProblem(await quote(repair.id, extra), 400, 'REQUEST.INVALID');
        expect(problem.errors).toEqual([expect.objectContaining({ field: Object.keys(extra)[0] })]);
      }
      expect((await detail(repair.id)).quotes).toEqual([]);
    });

    it.each([
      [{ partsCost: -1 }, 'partsCost'],
      [{ laborCost: 12.5 }, 'laborCost'],
      [{ partsCost: '100' }, 'partsCost'],
      [{ laborCost: 1_000_000_001 }, 'laborCost'],
      [{ currency: 'USD' }, 'currency'],
      [{ currency: 'usx' }, 'currency'],
      [{ currency: 'xau' }, 'currency'],
      [{ expiresAt: 'next week' }, 'expiresAt'],
      [{ notes: 'x'.repeat(2001) }, 'notes'],
    ])('refuses %j on the %s field', async (extra, field) => {
      const repair = await createRepair(t, customer);
      const problem = expectProblem(await quote(repair.id, extra), 400);
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses a currency the shop does not take, saying which it takes', async () => {
      const repair = await createRepair(t, customer);
      const problem = expectProblem(await quote(repair.id, { currency: 'eur' }), 400, 'QUOTE.CURRENCY_NOT_ACCEPTED');
      expect(problem.errors).toEqual([{ field: 'currency', message: 'The shop takes USD, JPY only' }]);
      expect((await detail(repair.id)).status).toBe('submitted');
    });

    it('refuses an expiry in the past, now-ish or too far, and a zero total', async () => {
      const repair = await createRepair(t, customer);
      expectProblem(await quote(repair.id, { expiresAt: new Date(Date.now() - 1000).toISOString() }), 400, 'QUOTE.EXPIRY_IN_PAST');
      expectProblem(await quote(repair.id, { expiresAt: new Date(Date.now() + 91 * DAY).toISOString() }), 400, 'QUOTE.EXPIRY_TOO_FAR');
      expectProblem(await quote(repair.id, { partsCost: 0, laborCost: 0 }), 400, 'QUOTE.TOTAL_ZERO');
      const ok = await quote(repair.id, { expiresAt: new Date(Date.now() + 2 * DAY).toISOString(), currency: 'jpy', partsCost: 15_000, laborCost: 0 });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ currency: 'jpy', total: 15_000 });
    });

    it('replaces the pending quote: the old one is withdrawn, one stays pending, the status moves once', async () => {
      const repair = await createRepair(t, customer);
      const first = await issueQuote(t, tech, repair.id);
      const second = await issueQuote(t, tech, repair.id, { laborCost: 9_000 });
      expect((await t.api.get(`/quotes/${first.id}`, { token: customer.token })).body.status).toBe('withdrawn');
      const after = await detail(repair.id);
      expect(after.quotes.map((q) => [q.id, q.status])).toEqual([
        [second.id, 'pending'],
        [first.id, 'withdrawn'],
      ]);
      expect(after.history.filter((h) => h.toStatus === 'quoted')).toHaveLength(1);
      expect(after.status).toBe('quoted');
    });

    it('serialises ten simultaneous quotes on one request: all issued, exactly one left pending', async () => {
      const repair = await createRepair(t, customer);
      await t.api.post(`/repairs/${repair.id}/assign`, {}, { token: tech.token });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => quote(repair.id, { partsCost: 1000 + i })));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
      const rows = await t.sql(`SELECT status, count(*)::int AS n FROM quotes WHERE repair_request_id = $1 GROUP BY status ORDER BY status`, [repair.id]);
      expect(rows).toEqual([
        { status: 'pending', n: 1 },
        { status: 'withdrawn', n: 9 },
      ]);
      expect((await detail(repair.id)).history.filter((h) => h.toStatus === 'quoted')).toHaveLength(1);
    });

    it('refuses to replace a quote the customer is paying', async () => {
      const repair = await createRepair(t, customer);
      const open = await issueQuote(t, tech, repair.id);
      expect((await t.api.post(`/quotes/${open.id}/accept`, undefined, { token: customer.token })).status).toBe(201);
      expectProblem(await quote(repair.id), 409, 'QUOTE.PAYMENT_IN_PROGRESS');
    });

    it('refuses to quote work that is approved or closed', async () => {
      const approved = await createRepair(t, customer);
      await issueQuote(t, tech, approved.id);
      await transitionAsSystem(t, approved.id, 'approved');
      expectProblem(await quote(approved.id), 409, 'REPAIR.NOT_QUOTABLE');
      const cancelled = await createRepair(t, customer);
      await t.api.post(`/repairs/${cancelled.id}/assign`, {}, { token: tech.token });
      await t.api.post(`/repairs/${cancelled.id}/status`, { status: 'cancelled' }, { token: customer.token });
      expectProblem(await quote(cancelled.id), 409, 'REPAIR.NOT_QUOTABLE');
    });

    it('answers 404 for a request the technician cannot see, and 403 for other roles', async () => {
      const other = await createStaff(t, 'technician');
      const repair = await createRepair(t, customer);
      await issueQuote(t, other, repair.id);
      expectProblem(await quote(repair.id), 404, 'REPAIR.NOT_FOUND');
      expectProblem(await t.api.post('/quotes', { repairRequestId: repair.id, partsCost: 1, laborCost: 1, currency: 'usd' }, { token: admin.token }), 403);
    });
  });

  describe('expiry', () => {
    async function expiredQuote() {
      const repair = await createRepair(t, customer);
      const q = await issueQuote(t, tech, repair.id);
      await t.sql(`UPDATE quotes SET expires_at = now() - interval '1 minute' WHERE id = $1`, [q.id]);
      return { repair, quote: q };
    }

    it('reads a pending quote past its expiry as expired, everywhere', async () => {
      const { repair, quote: q } = await expiredQuote();
      expect((await t.api.get(`/quotes/${q.id}`, { token: customer.token })).body.status).toBe('expired');
      expect((await t.api.get(`/quotes/${q.id}`, { token: tech.token })).body.status).toBe('expired');
      expect((await detail(repair.id)).quotes[0].status).toBe('expired');
    });

    it('cannot be accepted or rejected (409 QUOTE.EXPIRED), and nothing changes', async () => {
      const { repair, quote: q } = await expiredQuote();
      expectProblem(await t.api.post(`/quotes/${q.id}/accept`, undefined, { token: customer.token }), 409, 'QUOTE.EXPIRED');
      expectProblem(await t.api.post(`/quotes/${q.id}/reject`, undefined, { token: customer.token }), 409, 'QUOTE.EXPIRED');
      const [row] = await t.sql('SELECT status FROM quotes WHERE id = $1', [q.id]);
      expect(row.status).toBe('pending');
      expect((await detail(repair.id)).status).toBe('quoted');
    });

    it('is stored as expired (not withdrawn) when a new quote replaces it', async () => {
      const { repair, quote: q } = await expiredQuote();
      const fresh = await issueQuote(t, tech, repair.id);
      const [row] = await t.sql('SELECT status FROM quotes WHERE id = $1', [q.id]);
      expect(row.status).toBe('expired');
      expect((await t.api.get(`/quotes/${fresh.id}`, { token: customer.token })).body.status).toBe('pending');
    });
  });

  describe('rejecting', () => {
    it('lets the owner reject a pending quote once; the request stays quoted for a new offer', async () => {
      const repair = await createRepair(t, customer);
      const q = await issueQuote(t, tech, repair.id);
      const res = await t.api.post(`/quotes/${q.id}/reject`, undefined, { token: customer.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: q.id, status: 'rejected' });
      expectProblem(await t.api.post(`/quotes/${q.id}/reject`, undefined, { token: customer.token }), 409, 'QUOTE.REJECTED');
      expectProblem(await t.api.post(`/quotes/${q.id}/accept`, undefined, { token: customer.token }), 409, 'QUOTE.REJECTED');
      expect((await detail(repair.id)).status).toBe('quoted');
      const next = await issueQuote(t, tech, repair.id, { laborCost: 1_000 });
      expect(next.status).toBe('pending');
      expect((await t.api.get(`/quotes/${q.id}`, { token: customer.token })).body.status).toBe('rejected');
    });

    it('refuses to reject a withdrawn quote', async () => {
      const repair = await createRepair(t, customer);
      const old = await issueQuote(t, tech, repair.id);
      await issueQuote(t, tech, repair.id);
      expectProblem(await t.api.post(`/quotes/${old.id}/reject`, undefined, { token: customer.token }), 409, 'QUOTE.WITHDRAWN');
    });

    it('keeps the customer’s reason for the technician, and refuses anything else in the body', async () => {
      const repair = await createRepair(t, customer);
      const q = await issueQuote(t, tech, repair.id);
      expectProblem(await t.api.post(`/quotes/${q.id}/reject`, { status: 'accepted' }, { token: customer.token }), 400, 'REQUEST.INVALID');
      expect((await t.api.get(`/quotes/${q.id}`, { token: customer.token })).body.status).toBe('pending');
      const res = await t.api.post(`/quotes/${q.id}/reject`, { reason: '  Too expensive for an old phone.  ' }, { token: customer.token });
      expect(res.body).toMatchObject({ status: 'rejected', rejectionReason: 'Too expensive for an old phone.' });
      const seen = await t.api.get(`/repairs/${repair.id}`, { token: tech.token });
      expect(seen.body.quotes[0]).toMatchObject({ id: q.id, status: 'rejected', rejectionReason: 'Too expensive for an old phone.' });
    });
  });
});
