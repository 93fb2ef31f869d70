import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPAIR_STATUSES, type ConversationView, type DropOffDayView, type MessageView, type PaymentListItem, type RepairDetail, type RepairSummary, type UserView } from '@repairhub/contracts';
import { login } from './factories/users.factory.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

const DAY_MS = 86_400_000;
/** Today and tomorrow in the shop's zone (UTC by default). */
const dates = () => ({ today: new Date().toISOString().slice(0, 10), tomorrow: new Date(Date.now() + DAY_MS).toISOString().slice(0, 10) });

describe('demo data (DEMO_DATA=true)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let t: TestApp;
  let admin: string;

  const start = () =>
    // A PGlite DATA_DIR (or the PostgreSQL database) outlives the app, so a second start finds the data.
    // Open every day, so today and tomorrow have drop-offs whatever day the test runs.
    startTestApp({ DEMO_DATA: 'true', SHOP_OPENING_HOURS: 'Mon-Sun 09:00-18:00', ...(database.url ? {} : { DATA_DIR: dataDir }) }, { url: database.url });
  const get = async <T>(path: string, token = admin): Promise<T> => {
    const res = await t.api.get(path, { token });
    expect(res.status).toBe(200);
    return res.body as T;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'rh-demo-'));
    t = await start();
    admin = await login(t, 'admin@demo.repairhub.dev', 'demo-admin-pass');
  });
  afterAll(async () => {
    await t.stop().catch(() => undefined);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens on a living shop: people, 20+ repairs in every status, spread over weeks', async () => {
    const users = (await get<{ items: UserView[] }>('/users?limit=100')).items;
    expect(users.filter((u) => u.role === 'customer').length).toBeGreaterThanOrEqual(3);
    expect(users.filter((u) => u.role === 'technician').length).toBeGreaterThanOrEqual(2);

    const repairs = (await get<{ items: RepairSummary[] }>('/repairs?limit=100')).items;
    expect(repairs.length).toBeGreaterThanOrEqual(20);
    for (const status of REPAIR_STATUSES) expect(repairs.filter((r) => r.status === status).length).toBeGreaterThanOrEqual(1);
    const ages = repairs.map((r) => (Date.now() - Date.parse(r.createdAt)) / DAY_MS);
    expect(Math.max(...ages)).toBeGreaterThan(28);
    expect(Math.min(...ages)).toBeLessThan(2);

    const details = await Promise.all(repairs.map((r) => get<RepairDetail>(`/repairs/${r.id}`)));
    const quoteStatuses = new Set(details.flatMap((d) => d.quotes.map((q) => q.status)));
    for (const status of ['pending', 'expired', 'rejected', 'accepted'] as const) expect(quoteStatuses).toContain(status);
    // Each repair's history reads in order, every step in the past.
    for (const d of details) {
      const times = d.history.map((h) => Date.parse(h.createdAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    }
  });

  it('has payments succeeded, refunded in full and in part', async () => {
    const payments = (await get<{ items: PaymentListItem[] }>('/payments?limit=100')).items;
    expect(payments.some((p) => p.status === 'succeeded' && p.amountRefunded === 0)).toBe(true);
    expect(payments.some((p) => p.status === 'refunded' && p.amountRefunded === p.amount)).toBe(true);
    expect(payments.some((p) => p.status === 'succeeded' && p.amountRefunded > 0 && p.amountRefunded < p.amount)).toBe(true);
  });

  it('gives the demo customer chats with replies from both sides and system messages, and emails in the outbox', async () => {
    const customer = await login(t, 'customer@demo.repairhub.dev', 'demo-customer-pass');
    const conversations = (await get<{ items: ConversationView[] }>('/conversations?limit=50', customer)).items;
    const threads = await Promise.all(conversations.map((c) => get<{ items: MessageView[] }>(`/conversations/${c.id}/messages?limit=100`, customer)));
    const lively = threads.find(({ items }) => {
      const senders = new Set(items.filter((m) => m.type !== 'system').map((m) => m.senderId));
      return senders.size >= 2 && items.some((m) => m.type === 'system');
    });
    expect(lively).toBeDefined();

    const emails = (await get<{ items: { template: string }[] }>('/admin/emails?limit=100')).items;
    expect(emails.map((e) => e.template)).toEqual(expect.arrayContaining(['quote_issued', 'payment_succeeded', 'repair_completed']));
  });

  it('books drop-offs today and tomorrow for the counter, one of them the demo customer’s', async () => {
    const { today, tomorrow } = dates();
    const day = (date: string) => get<DropOffDayView>(`/appointments?date=${date}`);
    const [first, second] = [await day(today), await day(tomorrow)];
    expect(first.items.map((i) => i.deviceLabel)).toEqual(['Apple MacBook Air M1', 'Microsoft Surface Laptop 5']);
    expect(second.items.map((i) => i.deviceLabel)).toEqual(['Bose QuietComfort 45', 'Samsung Galaxy Tab S8']);
    expect(first.items.map((i) => i.time)).toEqual(['09:30', '12:00']);
    const customer = await login(t, 'customer@demo.repairhub.dev', 'demo-customer-pass');
    const mine = await get<{ items: RepairSummary[] }>('/repairs?limit=100', customer);
    const tablet = await get<RepairDetail>(`/repairs/${mine.items.find((r) => r.deviceLabel === 'Samsung Galaxy Tab S8')!.id}`, customer);
    expect(tablet.dropOff?.startsAt).toBe(second.items[1].startsAt);
  });

  it('has a walk-in checked in at the counter this morning with only a phone number: staff see how to call them', async () => {
    const all = await get<{ items: RepairSummary[] }>('/repairs?limit=100');
    const walkIn = all.items.find((r) => r.customerName === 'Robin Hart')!;
    const detail = await get<RepairDetail>(`/repairs/${walkIn.id}`);
    expect(detail).toMatchObject({ status: 'submitted', assignedTechnicianName: 'Taylor Technician', accessories: ['Charger', 'Case'], customerContact: { email: null, phone: '+447700900123' } });
    expect(detail.trackingUrl).toMatch(/\/track\//);
    expect(Date.now() - Date.parse(detail.createdAt)).toBeLessThan(DAY_MS);
  });

  it('adds nothing on a second start', async () => {
    const before = await get<{ items: RepairSummary[] }>('/repairs?limit=100');
    const usersBefore = await get<{ items: UserView[] }>('/users?limit=100');
    await t.stop();
    t = await start();
    admin = await login(t, 'admin@demo.repairhub.dev', 'demo-admin-pass');
    expect((await get<{ items: RepairSummary[] }>('/repairs?limit=100')).items.map((r) => r.id)).toEqual(before.items.map((r) => r.id));
    expect((await get<{ items: UserView[] }>('/users?limit=100')).items.length).toBe(usersBefore.items.length);
  });
});
