import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { openConversation, postMessage } from './factories/chat.factory.js';
import { createApiKey, withKey } from './factories/integrations.factory.js';
import { acceptQuote, quoteToPay } from './factories/payments.factory.js';
import { createRepair } from './factories/repairs.factory.js';
import { createStaff, login, registerCustomer, type TestUser } from './factories/users.factory.js';
import { expectProblem } from './support/api-client.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A local receiver: answers `failures` requests with 500 first, then 204. */
async function receiver() {
  const received: Received[] = [];
  const state = { failures: 0 };
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (state.failures > 0) {
        state.failures--;
        res.writeHead(500).end('not now');
      } else res.writeHead(204).end();
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  /** Resolves once `n` requests have arrived (the worker polls every 100 ms in these tests). */
  const count = async (n: number, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} deliveries, got ${received.length}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return received;
  };
  return { url, received, state, count, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The documented receiver-side check. */
function verify(secret: string, r: Received): boolean {
  const header = String(r.headers['repairhub-signature']);
  const t = /t=(\d+)/.exec(header)![1];
  const v1 = /v1=([0-9a-f]+)/.exec(header)![1];
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= 300;
  return fresh && createHmac('sha256', secret).update(`${t}.${r.body}`).digest('hex') === v1;
}

const FAST = { WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '300' };

describe('outbound webhooks', () => {
  let t: TestApp;
  let admin: TestUser;
  let customer: TestUser;
  let hook: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    hook = await receiver();
    t = await startTestApp(FAST);
    [admin, customer] = await Promise.all([createStaff(t, 'admin'), registerCustomer(t, 'Wes Webhook')]);
  });
  afterAll(async () => {
    await t.close();
    await hook.close();
  });

  it('delivers a signed event with the resource as the API returns it, and keeps a delivery log; the secret is stored encrypted', async () => {
    const created = await t.api.post('/webhook-endpoints', { url: hook.url, eventTypes: ['repair.created', 'repair.status_changed'] }, { token: admin.token });
    expect(created.status).toBe(201);
    const { endpoint, secret } = created.body;
    expect(secret).toMatch(/^whsec_/);
    const [row] = await t.sql(`SELECT to_jsonb(w)::text AS whole FROM webhook_endpoints w WHERE id = $1`, [endpoint.id]);
    expect(row.whole).not.toContain(secret.slice(6));
    expect(row.whole).not.toContain(Buffer.from(secret).toString('hex'));

    const repair = await createRepair(t, customer);
    const [delivery] = await hook.count(1);
    expect(verify(secret, delivery)).toBe(true);
    expect(verify('whsec_wrong', delivery)).toBe(false);
    const event = JSON.parse(delivery.body);
    const asApi = (await t.api.get(`/repairs/${repair.id}`, { token: admin.token })).body;
    expect(asApi.trackingUrl).toMatch(/\/track\//);
    expect(asApi.customerContact).toEqual({ email: customer.email, phone: null });
    // All of it but the tracking link (a bearer link to the repair's status) and the customer's contact stays inside the app.
    expect(event).toEqual({ id: expect.any(String), type: 'repair.created', createdAt: expect.any(String), data: { ...asApi, trackingUrl: null, customerContact: null } });
    expect(delivery.headers['repairhub-event-id']).toBe(event.id);

    const log = await t.api.get(`/webhook-endpoints/${endpoint.id}/deliveries`, { token: admin.token });
    expect(log.body.items[0]).toMatchObject({ eventId: event.id, eventType: 'repair.created', status: 'succeeded', attempts: 1, responseStatus: 204, error: null });
    expect(log.body.items[0].latencyMs).toEqual(expect.any(Number));

    // Manual re-send: the same event id again.
    const resent = await t.api.post(`/webhook-endpoints/${endpoint.id}/deliveries/${log.body.items[0].id}/resend`, {}, { token: admin.token });
    expect(resent.status).toBe(200);
    const again = (await hook.count(2))[1];
    expect(JSON.parse(again.body).id).toBe(event.id);
    expect(verify(secret, again)).toBe(true);
    await t.api.delete(`/webhook-endpoints/${endpoint.id}`, { token: admin.token });
    hook.received.length = 0;
  });

  it('retries with backoff after the receiver fails, logging each failure', async () => {
    const { endpoint } = (await t.api.post('/webhook-endpoints', { url: hook.url, eventTypes: ['repair.status_changed'] }, { token: admin.token })).body;
    hook.state.failures = 2;
    const repair = await createRepair(t, customer);
    expect((await t.api.post(`/repairs/${repair.id}/status`, { status: 'cancelled' }, { token: customer.token })).status).toBe(200);
    const all = await hook.count(3);
    expect(new Set(all.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    expect(JSON.parse(all[2].body)).toMatchObject({ type: 'repair.status_changed', data: { id: repair.id, status: 'cancelled' } });
    const [delivery] = (await t.api.get(`/webhook-endpoints/${endpoint.id}/deliveries`, { token: admin.token })).body.items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204 });
    const attempts = await t.sql(`SELECT response_status, error FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY created_at`, [delivery.id]);
    expect(attempts).toEqual([
      { response_status: 500, error: 'HTTP 500' },
      { response_status: 500, error: 'HTTP 500' },
      { response_status: 204, error: null },
    ]);
    await t.api.delete(`/webhook-endpoints/${endpoint.id}`, { token: admin.token });
    hook.received.length = 0;
  });

  it('sends quote and payment events with the quote and payment as the API returns them', async () => {
    const tech = await createStaff(t, 'technician');
    const { endpoint, secret } = (
      await t.api.post('/webhook-endpoints', { url: hook.url, eventTypes: ['quote.issued', 'quote.accepted', 'payment.succeeded', 'payment.refunded'] }, { token: admin.token })
    ).body;
    const { quote } = await quoteToPay(t, customer, tech);
    const payment = await acceptQuote(t, customer, quote.id);
    expect((await t.api.post(`/payments/${payment.id}/test-confirm`, {}, { token: customer.token })).status).toBe(200);
    expect((await t.api.post(`/payments/${payment.id}/refund`, { reason: 'Changed mind' }, { token: admin.token })).status).toBe(200);
    const events = (await hook.count(4)).map((r) => {
      expect(verify(secret, r)).toBe(true);
      return JSON.parse(r.body);
    });
    const byType = Object.fromEntries(events.map((e) => [e.type, e.data]));
    expect(Object.keys(byType).sort()).toEqual(['payment.refunded', 'payment.succeeded', 'quote.accepted', 'quote.issued']);
    expect(byType['quote.issued']).toMatchObject({ id: quote.id, status: 'pending', total: quote.total });
    expect(byType['quote.accepted']).toEqual((await t.api.get(`/quotes/${quote.id}`, { token: admin.token })).body);
    expect(byType['payment.succeeded']).toMatchObject({ id: payment.id, status: 'succeeded', amountRefunded: 0 });
    expect(byType['payment.refunded']).toEqual((await t.api.get(`/payments/${payment.id}`, { token: admin.token })).body);
    await t.api.delete(`/webhook-endpoints/${endpoint.id}`, { token: admin.token });
    hook.received.length = 0;
  });

  it('sends message.created with the message as the API returns it', async () => {
    const { endpoint, secret } = (await t.api.post('/webhook-endpoints', { url: hook.url, eventTypes: ['message.created'] }, { token: admin.token })).body;
    const repair = await createRepair(t, customer);
    const conversation = await openConversation(t, customer, repair.id);
    const message = await postMessage(t, customer, conversation.id, 'Is the screen covered?', 'c-1');
    // A repeated clientId stores nothing, so nothing is sent for it.
    await postMessage(t, customer, conversation.id, 'Is the screen covered?', 'c-1');
    const [delivery] = await hook.count(1);
    expect(verify(secret, delivery)).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'message.created', data: message });
    expect(await t.sql(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1`, [endpoint.id])).toEqual([{ n: 1 }]);
    await t.api.delete(`/webhook-endpoints/${endpoint.id}`, { token: admin.token });
    hook.received.length = 0;
  });

  it('writes nothing for a change that rolls back', async () => {
    const { endpoint } = (await t.api.post('/webhook-endpoints', { url: hook.url, eventTypes: ['repair.status_changed'] }, { token: admin.token })).body;
    const repair = await createRepair(t, customer);
    // submitted → completed is not a move: the transaction fails, so no event is queued.
    expectProblem(await t.api.post(`/repairs/${repair.id}/status`, { status: 'completed' }, { token: admin.token }), 409);
    expect(await t.sql(`SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1`, [endpoint.id])).toEqual([]);
    await t.api.delete(`/webhook-endpoints/${endpoint.id}`, { token: admin.token });
  });

  it('is managed with the webhooks:manage scope', async () => {
    const key = await createApiKey(t, admin, ['webhooks:manage']);
    expect((await t.api.get('/webhook-endpoints', withKey(key.secret))).status).toBe(200);
    const other = await createApiKey(t, admin, ['repairs:read']);
    expectProblem(await t.api.get('/webhook-endpoints', withKey(other.secret)), 403, 'AUTH.SCOPE_MISSING');
    expectProblem(await t.api.post('/webhook-endpoints', { url: hook.url, eventTypes: ['payment.refunded'] }, { token: customer.token }), 403);
    expectProblem(await t.api.post('/webhook-endpoints', { url: hook.url, eventTypes: ['repair.deleted'] }, { token: admin.token }), 400);
  });
});

describe('webhooks with the production URL policy (WEBHOOKS_ALLOW_PRIVATE=false)', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ ...FAST, WEBHOOKS_ALLOW_PRIVATE: 'false' });
    admin = await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  it.each([
    'http://example.com/hook', 'https://127.0.0.1/hook', 'https://localhost/hook', 'https://[::1]/hook', 'https://169.254.169.254/latest', 'https://10.0.0.8/x',
    // IPv4-compatible, 6to4 and site-local IPv6 forms of private addresses.
    'https://[::127.0.0.1]/hook', 'https://[2002:7f00:1::]/hook', 'https://[fec0::1]/hook',
  ])(
    'refuses %s',
    async (url) => {
      expectProblem(await t.api.post('/webhook-endpoints', { url, eventTypes: ['repair.created'] }, { token: admin.token }), 400, 'WEBHOOK.UNSAFE_URL');
    },
  );

  it('does not deliver to an endpoint that turned private (checked again at delivery)', async () => {
    const customer = await registerCustomer(t);
    // Registered while allowed (e.g. before DNS changed): inserted directly, then the delivery is refused.
    const hook = await receiver();
    try {
      const [{ id }] = await t.sql(
        `INSERT INTO webhook_endpoints (url, event_types, secret_encrypted, secret_key_id, created_by) VALUES ($1, '{repair.created}', '\\x00', 'test1', $2) RETURNING id`,
        [hook.url.replace('http:', 'https:'), admin.id],
      );
      await createRepair(t, customer);
      await t.call('integrations/webhook-delivery.worker.js', 'WebhookDeliveryWorker', 'runOnce');
      const [delivery] = await t.sql(`SELECT status, attempts, error FROM webhook_deliveries WHERE endpoint_id = $1`, [id]);
      expect(delivery.attempts).toBeGreaterThanOrEqual(1);
      expect(delivery.error).toMatch(/loopback, private or link-local/);
      expect(hook.received).toEqual([]);
    } finally {
      await hook.close();
    }
  });
});

describe('webhook outbox across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rh-webhooks-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp | null = null;
  let hook: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    hook = await receiver();
  });
  afterAll(async () => {
    await t?.stop();
    await database.drop();
    await hook.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers an event committed just before the app stopped, after it starts again', async () => {
    // The first instance never gets to deliver (its worker is off): as if it crashed right after the commit.
    t = await startTestApp({ ...FAST, DATA_DIR: dataDir, WEBHOOK_WORKER_ENABLED: 'false' }, database);
    const admin = await createStaff(t, 'admin');
    const customer = await registerCustomer(t);
    const { secret } = (await t.api.post('/webhook-endpoints', { url: hook.url, eventTypes: ['repair.created'] }, { token: admin.token })).body;
    const repair = await createRepair(t, customer);
    await t.stop();
    t = null;
    expect(hook.received).toEqual([]);

    t = await startTestApp({ ...FAST, DATA_DIR: dataDir }, database);
    const [delivery] = await hook.count(1);
    expect(verify(secret, delivery)).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'repair.created', data: { id: repair.id } });
    expect((await t.api.get('/auth/me', { token: await login(t, admin.email, admin.password) })).status).toBe(200);
  });
});
