import { REPAIR_STATUSES, REPAIR_TRANSITIONS, canTransition, type RepairDetail, type RepairStatus } from '@repairhub/contracts';
import { createDevice, createRepair, issueQuote, transitionAsSystem } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { expectProblem, type ApiResponse } from './support/api-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Who = 'owner' | 'otherCustomer' | 'tech' | 'otherTech' | 'admin';
type Subject = 'open' | 'assigned';

async function castOf(t: TestApp): Promise<Record<Who, TestUser>> {
  const [owner, otherCustomer, tech, otherTech, admin] = await Promise.all([
    registerCustomer(t, 'Owner'),
    registerCustomer(t, 'Other'),
    createStaff(t, 'technician', 'Tech One'),
    createStaff(t, 'technician', 'Tech Two'),
    createStaff(t, 'admin', 'Admin'),
  ]);
  return { owner, otherCustomer, tech, otherTech, admin };
}

describe('repair requests', () => {
  let t: TestApp;
  let users: Record<Who, TestUser>;

  beforeAll(async () => {
    t = await startTestApp();
    users = await castOf(t);
  });
  afterAll(() => t.close());

  /** `open`: submitted, unassigned. `assigned`: quoted by (so assigned to) `tech`, with a pending quote. */
  async function subject(kind: Subject): Promise<{ repair: RepairDetail; quoteId: string | null }> {
    const repair = await createRepair(t, users.owner);
    if (kind === 'open') return { repair, quoteId: null };
    const quote = await issueQuote(t, users.tech, repair.id);
    return { repair, quoteId: quote.id };
  }

  describe('visibility matrix: role × owner × route', () => {
    type Case = [route: string, subject: Subject, who: Who, expected: number];
    const routes: Record<string, (s: { repair: RepairDetail; quoteId: string | null }, user: TestUser) => Promise<ApiResponse>> = {
      'GET /repairs/:id': ({ repair }, u) => t.api.get(`/repairs/${repair.id}`, { token: u.token }),
      'GET /repairs (listed)': async ({ repair }, u) => {
        const res = await t.api.get('/repairs?limit=100', { token: u.token });
        const listed = res.body.items.some((r: { id: string }) => r.id === repair.id);
        return { ...res, status: listed ? 200 : 404 };
      },
      'POST /repairs/:id/assign (self)': ({ repair }, u) => t.api.post(`/repairs/${repair.id}/assign`, {}, { token: u.token }),
      'POST /repairs/:id/status (cancel)': ({ repair }, u) => t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled' }, { token: u.token }),
      'GET /devices/:id': ({ repair }, u) => t.api.get(`/devices/${repair.deviceId}`, { token: u.token }),
      'POST /quotes': ({ repair }, u) => t.api.post('/quotes', { repairRequestId: repair.id, partsCost: 100, laborCost: 200, currency: 'usd' }, { token: u.token }),
      'GET /quotes/:id': ({ quoteId }, u) => t.api.get(`/quotes/${quoteId}`, { token: u.token }),
      'POST /quotes/:id/reject': ({ quoteId }, u) => t.api.post(`/quotes/${quoteId}/reject`, undefined, { token: u.token }),
    };
    const cases: Case[] = [
      ['GET /repairs/:id', 'open', 'owner', 200],
      ['GET /repairs/:id', 'open', 'otherCustomer', 404],
      ['GET /repairs/:id', 'open', 'tech', 200],
      ['GET /repairs/:id', 'open', 'otherTech', 200],
      ['GET /repairs/:id', 'open', 'admin', 200],
      ['GET /repairs/:id', 'assigned', 'owner', 200],
      ['GET /repairs/:id', 'assigned', 'otherCustomer', 404],
      ['GET /repairs/:id', 'assigned', 'tech', 200],
      ['GET /repairs/:id', 'assigned', 'otherTech', 404],
      ['GET /repairs/:id', 'assigned', 'admin', 200],

      ['GET /repairs (listed)', 'open', 'owner', 200],
      ['GET /repairs (listed)', 'open', 'otherCustomer', 404],
      ['GET /repairs (listed)', 'open', 'tech', 200],
      ['GET /repairs (listed)', 'open', 'otherTech', 200],
      ['GET /repairs (listed)', 'open', 'admin', 200],
      ['GET /repairs (listed)', 'assigned', 'owner', 200],
      ['GET /repairs (listed)', 'assigned', 'otherCustomer', 404],
      ['GET /repairs (listed)', 'assigned', 'tech', 200],
      ['GET /repairs (listed)', 'assigned', 'otherTech', 404],
      ['GET /repairs (listed)', 'assigned', 'admin', 200],

      ['POST /repairs/:id/assign (self)', 'open', 'owner', 403],
      ['POST /repairs/:id/assign (self)', 'open', 'otherCustomer', 403],
      ['POST /repairs/:id/assign (self)', 'open', 'tech', 200],
      ['POST /repairs/:id/assign (self)', 'open', 'otherTech', 200],
      ['POST /repairs/:id/assign (self)', 'open', 'admin', 400], // admins must name the technician
      ['POST /repairs/:id/assign (self)', 'assigned', 'tech', 200],
      ['POST /repairs/:id/assign (self)', 'assigned', 'otherTech', 404],

      ['POST /repairs/:id/status (cancel)', 'open', 'owner', 200],
      ['POST /repairs/:id/status (cancel)', 'open', 'otherCustomer', 404],
      ['POST /repairs/:id/status (cancel)', 'open', 'tech', 403], // sees it, but is not assigned
      ['POST /repairs/:id/status (cancel)', 'open', 'otherTech', 403],
      ['POST /repairs/:id/status (cancel)', 'open', 'admin', 200],
      ['POST /repairs/:id/status (cancel)', 'assigned', 'owner', 200],
      ['POST /repairs/:id/status (cancel)', 'assigned', 'otherCustomer', 404],
      ['POST /repairs/:id/status (cancel)', 'assigned', 'tech', 200],
      ['POST /repairs/:id/status (cancel)', 'assigned', 'otherTech', 404],
      ['POST /repairs/:id/status (cancel)', 'assigned', 'admin', 200],

      ['GET /devices/:id', 'open', 'owner', 200],
      ['GET /devices/:id', 'open', 'otherCustomer', 404],
      ['GET /devices/:id', 'open', 'tech', 200],
      ['GET /devices/:id', 'open', 'otherTech', 200],
      ['GET /devices/:id', 'open', 'admin', 200],
      ['GET /devices/:id', 'assigned', 'owner', 200],
      ['GET /devices/:id', 'assigned', 'otherCustomer', 404],
      ['GET /devices/:id', 'assigned', 'tech', 200],
      ['GET /devices/:id', 'assigned', 'otherTech', 404],
      ['GET /devices/:id', 'assigned', 'admin', 200],

      ['POST /quotes', 'open', 'owner', 403],
      ['POST /quotes', 'open', 'otherCustomer', 403],
      ['POST /quotes', 'open', 'tech', 201],
      ['POST /quotes', 'open', 'otherTech', 201],
      ['POST /quotes', 'open', 'admin', 403],
      ['POST /quotes', 'assigned', 'tech', 201],
      ['POST /quotes', 'assigned', 'otherTech', 404],

      ['GET /quotes/:id', 'assigned', 'owner', 200],
      ['GET /quotes/:id', 'assigned', 'otherCustomer', 404],
      ['GET /quotes/:id', 'assigned', 'tech', 200],
      ['GET /quotes/:id', 'assigned', 'otherTech', 404],
      ['GET /quotes/:id', 'assigned', 'admin', 200],

      ['POST /quotes/:id/reject', 'assigned', 'owner', 200],
      ['POST /quotes/:id/reject', 'assigned', 'otherCustomer', 404],
      ['POST /quotes/:id/reject', 'assigned', 'tech', 403],
      ['POST /quotes/:id/reject', 'assigned', 'otherTech', 403],
      ['POST /quotes/:id/reject', 'assigned', 'admin', 403],
    ];

    it.each(cases)('%s on an %s request as %s → %i', async (route, kind, who, expected) => {
      const s = await subject(kind);
      const res = await routes[route](s, users[who]);
      if (route.endsWith('(listed)')) {
        expect(res.status).toBe(expected);
        return;
      }
      if (expected >= 400) {
        expectProblem(res, expected);
        // A refused request changes nothing.
        const after = await t.api.get(`/repairs/${s.repair.id}`, { token: users.admin.token });
        expect(after.body).toMatchObject({ status: kind === 'open' ? 'submitted' : 'quoted', assignedTechnicianId: kind === 'open' ? null : users.tech.id });
        expect(after.body.quotes).toHaveLength(kind === 'open' ? 0 : 1);
      } else {
        expect(res.status).toBe(expected);
      }
    });

    it('answers an id that does not exist exactly like another customer’s', async () => {
      const { repair } = await subject('open');
      const missing = await t.api.get('/repairs/6f1c2a7e-0d1b-4c4e-9a0e-111111111111', { token: users.otherCustomer.token });
      const hidden = await t.api.get(`/repairs/${repair.id}`, { token: users.otherCustomer.token });
      expectProblem(missing, 404, 'REPAIR.NOT_FOUND');
      expectProblem(hidden, 404, 'REPAIR.NOT_FOUND');
      expect(hidden.body.detail).toBe(missing.body.detail);
    });

    it('refuses to file a repair for someone else’s device, as not found', async () => {
      const device = await createDevice(t, users.otherCustomer);
      const res = await t.api.post('/repairs', { deviceId: device.id, issueDescription: 'Broken hinge on the left.', urgency: 'low' }, { token: users.owner.token });
      expectProblem(res, 404, 'DEVICE.NOT_FOUND');
      expectProblem(
        await t.api.post('/repairs', { deviceId: device.id, issueDescription: 'Broken hinge on the left.', urgency: 'low' }, { token: users.tech.token }),
        403,
      );
    });
  });

  describe('creating and reading', () => {
    it('files a submitted request with its first history entry, device masked', async () => {
      const device = await createDevice(t, users.owner, { serialNumber: 'C02XK1ZZJGH5', brand: 'Lenovo', model: 'X1' });
      const res = await t.api.post('/repairs', { deviceId: device.id, issueDescription: '  Keyboard keys stick after a spill.  ', urgency: 'urgent' }, { token: users.owner.token });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        customerId: users.owner.id,
        customerName: 'Owner',
        deviceLabel: 'Lenovo X1',
        issueDescription: 'Keyboard keys stick after a spill.',
        urgency: 'urgent',
        status: 'submitted',
        assignedTechnicianId: null,
        quotes: [],
        availableStatuses: ['cancelled'],
        device: { id: device.id, serialNumber: '•••• JGH5', serialRevealed: false },
        history: [{ fromStatus: null, toStatus: 'submitted', actorId: users.owner.id, actorRole: 'customer', note: null }],
      });
      expect(res.text).not.toContain('C02XK1ZZJGH5');
    });

    it('refuses a client-chosen status or assignee, and a too-short description', async () => {
      const device = await createDevice(t, users.owner);
      const base = { deviceId: device.id, issueDescription: 'The battery drains in an hour.', urgency: 'normal' };
      for (const extra of [{ status: 'approved' }, { assignedTechnicianId: users.tech.id }, { customerId: users.otherCustomer.id }]) {
        const problem = expectProblem(await t.api.post('/repairs', { ...base, ...extra }, { token: users.owner.token }), 400, 'REQUEST.INVALID');
        expect(problem.errors[0].field).toBe(Object.keys(extra)[0]);
      }
      expectProblem(await t.api.post('/repairs', { ...base, issueDescription: 'short' }, { token: users.owner.token }), 400);
      expectProblem(await t.api.post('/repairs', { ...base, urgency: 'asap' }, { token: users.owner.token }), 400);
    });
  });

  describe('assignment', () => {
    it('lets a technician take an open request, and an admin reassign it to another technician', async () => {
      const repair = await createRepair(t, users.owner);
      const taken = await t.api.post(`/repairs/${repair.id}/assign`, {}, { token: users.tech.token });
      expect(taken.body).toMatchObject({ assignedTechnicianId: users.tech.id, assignedTechnicianName: 'Tech One', status: 'submitted' });
      expectProblem(await t.api.get(`/repairs/${repair.id}`, { token: users.otherTech.token }), 404);

      const moved = await t.api.post(`/repairs/${repair.id}/assign`, { technicianId: users.otherTech.id }, { token: users.admin.token });
      expect(moved.body.assignedTechnicianId).toBe(users.otherTech.id);
      expectProblem(await t.api.get(`/repairs/${repair.id}`, { token: users.tech.token }), 404);
      expect((await t.api.get(`/repairs/${repair.id}`, { token: users.otherTech.token })).status).toBe(200);
    });

    it('keeps technicians from assigning others, and admins to non-technicians', async () => {
      const repair = await createRepair(t, users.owner);
      expectProblem(await t.api.post(`/repairs/${repair.id}/assign`, { technicianId: users.otherTech.id }, { token: users.tech.token }), 403, 'REPAIR.ASSIGN_OTHERS_FORBIDDEN');
      expectProblem(await t.api.post(`/repairs/${repair.id}/assign`, { technicianId: users.owner.id }, { token: users.admin.token }), 400, 'REPAIR.INVALID_TECHNICIAN');
      expectProblem(await t.api.post(`/repairs/${repair.id}/assign`, { technicianId: users.admin.id }, { token: users.admin.token }), 400, 'REPAIR.INVALID_TECHNICIAN');
      expectProblem(await t.api.post(`/repairs/${repair.id}/assign`, {}, { token: users.admin.token }), 400, 'REPAIR.TECHNICIAN_REQUIRED');
      expect((await t.api.get(`/repairs/${repair.id}`, { token: users.admin.token })).body.assignedTechnicianId).toBeNull();
    });

    it('refuses to reassign a closed request', async () => {
      const repair = await createRepair(t, users.owner);
      await t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled' }, { token: users.owner.token });
      expectProblem(await t.api.post(`/repairs/${repair.id}/assign`, { technicianId: users.tech.id }, { token: users.admin.token }), 409, 'REPAIR.CLOSED');
    });

    it('gives a request claimed by ten technicians at once to exactly one of them', async () => {
      const techs = await Promise.all(Array.from({ length: 10 }, (_, i) => createStaff(t, 'technician', `Racer ${i}`)));
      const repair = await createRepair(t, users.owner);
      const results = await Promise.all(techs.map((tech) => t.api.post(`/repairs/${repair.id}/assign`, {}, { token: tech.token })));
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      for (const loser of results.filter((r) => r.status !== 200)) expectProblem(loser, 404, 'REPAIR.NOT_FOUND');
      const [row] = await t.sql('SELECT assigned_technician_id FROM repair_requests WHERE id = $1', [repair.id]);
      expect(row.assigned_technician_id).toBe(winners[0].body.assignedTechnicianId);
    });
  });

  describe('status transitions', () => {
    // The matrix drives some 500 writes a minute through four accounts, far past any person's budget:
    // rate limits are off for this app alone (the budgets are tested in rate-limit.e2e-spec).
    let t: TestApp;
    let users: Record<Who, TestUser>;
    beforeAll(async () => {
      t = await startTestApp({ RATE_LIMITS_ENABLED: 'false' });
      users = await castOf(t);
    });
    afterAll(() => t.close());

    /** A repair of `users.owner`, assigned to `users.tech`, brought to `status` the way the product does. */
    async function repairIn(status: RepairStatus): Promise<string> {
      const repair = await createRepair(t, users.owner);
      await t.api.post(`/repairs/${repair.id}/assign`, {}, { token: users.tech.token });
      const path = ({ submitted: [], quoted: ['quoted'], approved: ['quoted', 'approved'], in_progress: ['quoted', 'approved', 'in_progress'], completed: ['quoted', 'approved', 'in_progress', 'completed'], cancelled: ['cancelled'] } satisfies Record<RepairStatus, RepairStatus[]>)[status] as RepairStatus[];
      for (const step of path) {
        if (step === 'quoted') await issueQuote(t, users.tech, repair.id);
        else if (step === 'approved') await transitionAsSystem(t, repair.id, 'approved');
        else expect((await t.api.post(`/repairs/${repair.id}/status`, { status: step }, { token: users.tech.token })).status).toBe(200);
      }
      return repair.id;
    }

    const actors = { customer: 'owner', technician: 'tech', admin: 'admin' } as const;
    const cases = REPAIR_STATUSES.flatMap((from) =>
      REPAIR_STATUSES.flatMap((to) =>
        (Object.keys(actors) as (keyof typeof actors)[]).map((actor) => {
          const expected = canTransition(from, to, actor) ? 200 : (REPAIR_TRANSITIONS[from][to]?.length ?? 0) > 0 ? 403 : 409;
          return [from, to, actor, expected] as const;
        }),
      ),
    );

    it('covers every pair of statuses for every role', () => {
      expect(cases).toHaveLength(REPAIR_STATUSES.length * REPAIR_STATUSES.length * 3);
      expect(cases.filter(([, , , e]) => e === 200).length).toBeGreaterThan(8);
    });

    it.each(cases)('%s → %s by %s answers %i, and only a 200 changes anything', async (from, to, actor, expected) => {
      const id = await repairIn(from);
      const user = users[actors[actor]];
      const res = await t.api.post(`/repairs/${id}/status`, { status: to, note: 'from the test' }, { token: user.token });
      const detail = (await t.api.get(`/repairs/${id}`, { token: users.admin.token })).body as RepairDetail;
      if (expected === 200) {
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(to);
        expect(detail.history.at(-1)).toMatchObject({ fromStatus: from, toStatus: to, actorId: user.id, actorRole: actor, note: 'from the test' });
      } else {
        expectProblem(res, expected, expected === 403 ? 'REPAIR.TRANSITION_FORBIDDEN' : 'REPAIR.INVALID_TRANSITION');
        expect(detail.status).toBe(from);
        expect(detail.history.at(-1)!.toStatus).toBe(from);
      }
    });

    it('records the system moves with actor system and no user', async () => {
      const id = await repairIn('approved');
      const detail = (await t.api.get(`/repairs/${id}`, { token: users.owner.token })).body as RepairDetail;
      expect(detail.history.map((h) => [h.fromStatus, h.toStatus, h.actorRole, h.actorId])).toEqual([
        [null, 'submitted', 'customer', users.owner.id],
        ['submitted', 'quoted', 'system', null],
        ['quoted', 'approved', 'system', null],
      ]);
      expect(detail.availableStatuses).toEqual([]);
      expect((await t.api.get(`/repairs/${id}`, { token: users.tech.token })).body.availableStatuses).toEqual(['in_progress']);
    });

    it('refuses a system-only move from the internal API when the actor is a person', async () => {
      const id = await repairIn('quoted');
      await expect(t.call('repairs/repairs.service.js', 'RepairsService', 'transition', null, id, 'approved', { id: users.tech.id, role: 'technician' })).rejects.toMatchObject({
        name: 'DomainError',
      });
      expect((await t.sql('SELECT status FROM repair_requests WHERE id = $1', [id]))[0].status).toBe('quoted');
    });

    it('withdraws the pending quote when the request is cancelled', async () => {
      const repair = await createRepair(t, users.owner);
      const quote = await issueQuote(t, users.tech, repair.id);
      await t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled' }, { token: users.owner.token });
      expect((await t.api.get(`/quotes/${quote.id}`, { token: users.owner.token })).body.status).toBe('withdrawn');
    });

    it('refuses to cancel while the customer is paying the quote', async () => {
      const repair = await createRepair(t, users.owner);
      const quote = await issueQuote(t, users.tech, repair.id);
      await t.sql(`UPDATE quotes SET status = 'payment_pending' WHERE id = $1`, [quote.id]);
      expectProblem(await t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled' }, { token: users.owner.token }), 409, 'REPAIR.PAYMENT_IN_PROGRESS');
    });

    it('changes nothing when a cancellation is refused during payment: repair, quote and history stay', async () => {
      const repair = await createRepair(t, users.owner);
      const quote = await issueQuote(t, users.tech, repair.id);
      await t.sql(`UPDATE quotes SET status = 'payment_pending' WHERE id = $1`, [quote.id]);
      const history = async () => (await t.sql('SELECT to_status FROM repair_status_history WHERE repair_request_id = $1 ORDER BY seq', [repair.id])).map((r) => r.to_status);
      const before = await history();
      expectProblem(await t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled' }, { token: users.admin.token }), 409, 'REPAIR.PAYMENT_IN_PROGRESS');
      expect((await t.sql('SELECT status FROM repair_requests WHERE id = $1', [repair.id]))[0].status).toBe('quoted');
      expect((await t.sql('SELECT status FROM quotes WHERE id = $1', [quote.id]))[0].status).toBe('payment_pending');
      expect(await history()).toEqual(before);
    });

    it('stores a pending quote past its expiry as expired, not withdrawn, when the request is cancelled', async () => {
      const repair = await createRepair(t, users.owner);
      const quote = await issueQuote(t, users.tech, repair.id);
      await t.sql(`UPDATE quotes SET expires_at = now() - interval '1 minute' WHERE id = $1`, [quote.id]);
      const cancelled = await t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled', note: 'Found it elsewhere' }, { token: users.owner.token });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect((await t.sql('SELECT status FROM quotes WHERE id = $1', [quote.id]))[0].status).toBe('expired');
      const history = await t.sql('SELECT from_status, to_status, note FROM repair_status_history WHERE repair_request_id = $1 AND to_status = $2', [repair.id, 'cancelled']);
      expect(history).toEqual([{ from_status: 'quoted', to_status: 'cancelled', note: 'Found it elsewhere' }]);
    });

    it('lets exactly one of ten concurrent conflicting cancellations win', async () => {
      const repair = await createRepair(t, users.owner);
      const callers = [users.owner, users.admin, users.owner, users.admin, users.owner, users.admin, users.owner, users.admin, users.owner, users.admin];
      const results = await Promise.all(
        callers.map((u, i) => t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled', note: `attempt ${i}` }, { token: u.token })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const loser of results.filter((r) => r.status !== 200)) expectProblem(loser, 409, 'REPAIR.INVALID_TRANSITION');
      const history = await t.sql(`SELECT to_status FROM repair_status_history WHERE repair_request_id = $1 AND to_status = 'cancelled'`, [repair.id]);
      expect(history).toHaveLength(1);
    });

    it('lets exactly one of ten concurrent starts of work win', async () => {
      const id = await repairIn('approved');
      const callers = Array.from({ length: 10 }, (_, i) => (i % 2 ? users.tech : users.admin));
      const results = await Promise.all(callers.map((u) => t.api.post(`/repairs/${id}/status`, { status: 'in_progress' }, { token: u.token })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(9);
      const history = await t.sql(`SELECT count(*)::int AS n FROM repair_status_history WHERE repair_request_id = $1 AND to_status = 'in_progress'`, [id]);
      expect(history[0].n).toBe(1);
    });
  });

  describe('lists', () => {
    let customer: TestUser;
    let tech: TestUser;
    const ids = (res: ApiResponse) => {
      if (!res.body.items) throw new Error(`not a page: ${res.status} ${res.text}`);
      return res.body.items.map((r: { id: string }) => r.id) as string[];
    };

    beforeAll(async () => {
      customer = await registerCustomer(t, 'Lister');
      tech = await createStaff(t, 'technician', 'Queue Tech');
    });

    async function collect(path: string, token: string, limit: number, between?: () => Promise<void>): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const sep = path.includes('?') ? '&' : '?';
        const res: ApiResponse = await t.api.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(res));
        cursor = res.body.nextCursor;
        if (between) await between();
      } while (cursor);
      return seen;
    }

    it('pages a customer’s requests newest first, every row once, while new ones arrive', async () => {
      const device = await createDevice(t, customer);
      const existing: string[] = [];
      for (let i = 0; i < 23; i++) existing.push((await createRepair(t, customer, { deviceId: device.id })).id);
      const added: string[] = [];
      const seen = await collect('/repairs', customer.token, 5, async () => {
        added.push((await createRepair(t, customer, { deviceId: device.id })).id);
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => existing.includes(id))).toEqual([...existing].reverse());
      expect(seen.filter((id) => !existing.includes(id)).every((id) => added.includes(id))).toBe(true);
    });

    it('keeps rows created in the same instant in a stable order across pages', async () => {
      const device = await createDevice(t, customer);
      // One statement: every row gets the same created_at (to the microsecond); the id breaks the tie.
      const rows = await t.sql(
        `INSERT INTO repair_requests (customer_id, device_id, issue_description, urgency)
         SELECT $1, $2, 'Same-instant request ' || g, (ARRAY['low','normal','high','urgent'])[1 + g % 4] FROM generate_series(1, 31) g RETURNING id`,
        [customer.id, device.id],
      );
      const seen = await collect('/repairs?status=submitted', customer.token, 4);
      const inserted = rows.map((r: { id: string }) => r.id);
      expect(seen.filter((id) => inserted.includes(id)).sort()).toEqual([...inserted].sort());
      expect(new Set(seen).size).toBe(seen.length);
      const techSeen = await collect('/repairs', tech.token, 6);
      expect(techSeen.filter((id) => inserted.includes(id)).sort()).toEqual([...inserted].sort());
      expect(new Set(techSeen).size).toBe(techSeen.length);
    });

    it('orders the technician queue by urgency, then age, and pages it while requests arrive', async () => {
      const queueCustomer = await registerCustomer(t, 'Queue Customer');
      const device = await createDevice(t, queueCustomer);
      // Earlier tests left open requests in the shared queue; close them so the expected order is exact.
      await t.sql(`UPDATE repair_requests SET status = 'cancelled' WHERE status = 'submitted'`);
      const urgencies = ['low', 'urgent', 'normal', 'high', 'urgent', 'low', 'high', 'normal', 'urgent', 'low', 'normal', 'high'] as const;
      const created: { id: string; urgency: string }[] = [];
      for (const urgency of urgencies) created.push({ id: (await createRepair(t, queueCustomer, { deviceId: device.id, urgency })).id, urgency });
      // One of them assigned to this technician, one to someone else (invisible).
      await t.api.post(`/repairs/${created[0].id}/assign`, {}, { token: tech.token });
      await t.api.post(`/repairs/${created[1].id}/assign`, {}, { token: users.otherTech.token });

      const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as Record<string, number>;
      const expected = created
        .filter((c) => c.id !== created[1].id)
        .map((c, i) => ({ ...c, i }))
        .sort((a, b) => rank[a.urgency] - rank[b.urgency] || a.i - b.i)
        .map((c) => c.id);
      const first = await t.api.get('/repairs?limit=100', { token: tech.token });
      expect(ids(first)).toEqual(expected);
      expect(first.body.items[0].urgency).toBe('urgent');

      const arrivals: string[] = [];
      const seen = await collect('/repairs', tech.token, 3, async () => {
        arrivals.push((await createRepair(t, queueCustomer, { deviceId: device.id, urgency: 'normal' })).id);
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => expected.includes(id))).toEqual(expected);
    });

    it('filters by status, urgency and assignee, within visibility', async () => {
      const c = await registerCustomer(t, 'Filterer');
      const device = await createDevice(t, c);
      const urgent = await createRepair(t, c, { deviceId: device.id, urgency: 'urgent' });
      const low = await createRepair(t, c, { deviceId: device.id, urgency: 'low' });
      await issueQuote(t, users.tech, low.id);

      const byUrgency = await t.api.get('/repairs?urgency=urgent&limit=100', { token: c.token });
      expect(ids(byUrgency)).toEqual([urgent.id]);
      const byStatus = await t.api.get('/repairs?status=quoted&limit=100', { token: c.token });
      expect(ids(byStatus)).toEqual([low.id]);
      const unassigned = await t.api.get('/repairs?assignedTo=none&limit=100', { token: users.admin.token });
      expect(ids(unassigned)).toContain(urgent.id);
      expect(ids(unassigned)).not.toContain(low.id);
      const techs = await t.api.get(`/repairs?assignedTo=${users.tech.id}&limit=100`, { token: users.admin.token });
      expect(ids(techs)).toContain(low.id);
      expect(techs.body.items.every((r: { assignedTechnicianId: string }) => r.assignedTechnicianId === users.tech.id)).toBe(true);
      // A technician asking for a colleague's work sees none of it.
      const colleague = await t.api.get(`/repairs?assignedTo=${users.tech.id}`, { token: users.otherTech.token });
      expect(colleague.body).toEqual({ items: [], nextCursor: null });
      const mine = await t.api.get(`/repairs?assignedTo=${users.tech.id}&status=quoted&limit=100`, { token: users.tech.token });
      expect(ids(mine)).toContain(low.id);
    });

    it('validates limit, filters and cursors', async () => {
      expectProblem(await t.api.get('/repairs?limit=101', { token: customer.token }), 400);
      expectProblem(await t.api.get('/repairs?limit=0', { token: customer.token }), 400);
      expectProblem(await t.api.get('/repairs?status=lost', { token: customer.token }), 400);
      expectProblem(await t.api.get('/repairs?assignedTo=me', { token: customer.token }), 400);
      expectProblem(await t.api.get('/repairs?cursor=garbage', { token: customer.token }), 400, 'REQUEST.INVALID_CURSOR');
      // A cursor of the other ordering (or forged values) is refused, not passed to SQL.
      const forged = Buffer.from(JSON.stringify(['not-a-time', 'x'])).toString('base64url');
      expectProblem(await t.api.get(`/repairs?cursor=${forged}`, { token: customer.token }), 400, 'REQUEST.INVALID_CURSOR');
      const adminCursor = Buffer.from(JSON.stringify(['2025-01-01T00:00:00.000000Z', '6f1c2a7e-0d1b-4c4e-9a0e-111111111111'])).toString('base64url');
      expectProblem(await t.api.get(`/repairs?cursor=${adminCursor}`, { token: tech.token }), 400, 'REQUEST.INVALID_CURSOR');
    });
  });
});
