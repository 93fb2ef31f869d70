import { signature, stripeEvent } from './factories/payments.factory.js';
import { STRONG_PASSWORD, uniqueEmail } from './factories/users.factory.js';
import { ApiClient, expectProblem, type ApiResponse } from './support/api-client.js';
import { AppProcess, generatedSecrets } from './support/app-process.js';
import { connectChat, handshakeError, type TestChatClient } from './support/chat-client.js';
import { startFakeStripe, type FakeStripe } from './support/fake-stripe.js';
import { LoadLoops, summarize, type Sample } from './support/load.js';
import { NginxBalancer } from './support/nginx.js';
import { ContractViolation } from './support/openapi-contract.js';
import { PostgresServer, postgresBinDir } from './support/postgres-server.js';
import { cleanUpProcesses, sleep, waitFor } from './support/processes.js';
import { RedisServer } from './support/redis-server.js';

const missing = [
  !(process.env.DATABASE_URL && process.env.REDIS_URL) && 'DATABASE_URL and REDIS_URL (the PostgreSQL pass of .ci/run)',
  !postgresBinDir() && 'a PostgreSQL server under /usr/lib/postgresql',
  process.getuid?.() !== 0 && 'root (PostgreSQL runs as the postgres user through runuser)',
  !NginxBalancer.available() && 'nginx',
].filter(Boolean);
if (missing.length) console.warn(`faults.e2e: skipped — needs ${missing.join(', ')}`);

const bodyTransport = { headers: { 'x-token-transport': 'body' } };
/** One line per fault with what was measured, in the test output (the Reliability table in docs/operations.md quotes them). */
const measured = (line: string) => process.stdout.write(`faults.e2e measured: ${line}\n`);

interface Actor {
  id: string;
  token: string;
  address: string;
  /** This actor's client of one instance's API (from the actor's own address). */
  on(app: AppProcess): ApiClient;
}

/**
 * Faults on the production build: two `node backend/dist/main.js` instances (NODE_ENV=production,
 * rate limits on) over a PostgreSQL and a Redis that belong to this file alone, so killing, stopping
 * and starting them disturbs nothing else. Each client has a loopback address of its own, as distinct
 * users have their own IPs. Every loop is bounded in count and time; the database is checked after
 * each fault: nothing lost, nothing doubled.
 */
(missing.length ? describe.skip : describe)('faults: killed instances, restarted PostgreSQL and Redis, SIGTERM behind nginx', () => {
  const secrets = generatedSecrets();
  const adminEmail = uniqueEmail('admin');
  let postgres: PostgresServer;
  let redis: RedisServer;
  let fake: FakeStripe;
  let apps: [AppProcess, AppProcess];
  let technician: Actor;
  const sockets: TestChatClient[] = [];
  let nextAddress = 0;

  const address = () => {
    nextAddress++;
    return `127.1.${Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 1}`;
  };
  const client = (app: AppProcess, from: string) => new ApiClient(`${app.baseUrl}/api/v1`, { from });
  const actor = (id: string, token: string, from: string): Actor => {
    const cache = new Map<AppProcess, ApiClient>();
    return { id, token, address: from, on: (app) => cache.get(app) ?? cache.set(app, client(app, from)).get(app)! };
  };
  const ok = <T = any>(response: ApiResponse<T>, status: number): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
    return response.body;
  };
  const db = <T = any>(sql: string, params: unknown[] = []) => postgres.query<T>(`/* faults */ ${sql}`, params);

  async function signIn(email: string, app: AppProcess): Promise<Actor> {
    const from = address();
    const session = ok(await client(app, from).post('/auth/login', { email, password: STRONG_PASSWORD }, bodyTransport), 200);
    return actor(session.user.id, session.accessToken, from);
  }

  async function newCustomer(app: AppProcess): Promise<Actor> {
    const from = address();
    const body = ok(
      await client(app, from).post(
        '/auth/register',
        { email: uniqueEmail('customer'), password: STRONG_PASSWORD, name: 'Fault Customer' },
        bodyTransport,
      ),
      201,
    );
    return actor(body.user.id, body.accessToken, from);
  }

  /** `count` repairs of `customer`, each with a pending quote from the technician. */
  async function quotedRepairs(customer: Actor, count: number): Promise<{ repairId: string; quoteId: string }[]> {
    const [app] = apps;
    const device = ok(
      await customer.on(app).post('/devices', { type: 'laptop', brand: 'Lenovo', model: 'X1' }, { token: customer.token }),
      201,
    );
    const out: { repairId: string; quoteId: string }[] = [];
    for (let i = 0; i < count; i++) {
      const repair = ok(
        await customer
          .on(app)
          .post(
            '/repairs',
            { deviceId: device.id, issueDescription: `Hinge ${i} is loose.`, urgency: 'normal' },
            { token: customer.token },
          ),
        201,
      );
      const quote = ok(
        await technician
          .on(app)
          .post(
            '/quotes',
            { repairRequestId: repair.id, partsCost: 2_000 + i, laborCost: 1_000, currency: 'usd' },
            { token: technician.token },
          ),
        201,
      );
      out.push({ repairId: repair.id, quoteId: quote.id });
    }
    return out;
  }

  /** Sends `send` until it answers `status` (a killed instance, a 503 while busy), at most `tries` times. */
  async function untilAnswered(send: () => Promise<ApiResponse>, status: number, tries = 5): Promise<ApiResponse> {
    let last: ApiResponse | Error = new Error('not sent');
    for (let i = 0; i < tries; i++) {
      last = await send().catch((error: Error) => {
        if (error instanceof ContractViolation) throw error;
        return error;
      });
      if (!(last instanceof Error) && last.status === status) return last;
      await sleep(500);
    }
    throw new Error(`no ${status} after ${tries} tries: ${last instanceof Error ? last.message : `${last.status} ${last.text}`}`);
  }

  beforeAll(async () => {
    [postgres, redis, fake] = await Promise.all([PostgresServer.create(), RedisServer.create(), startFakeStripe()]);
    const env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      TRUST_PROXY: '1',
      STRIPE_API_URL: fake.url,
      BOOTSTRAP_ADMIN_EMAIL: adminEmail,
      BOOTSTRAP_ADMIN_PASSWORD: STRONG_PASSWORD,
      ...secrets,
    };
    apps = [await AppProcess.start('app1', env), await AppProcess.start('app2', env)];
    const admin = await signIn(adminEmail, apps[0]);
    const techEmail = uniqueEmail('technician');
    ok(
      await admin
        .on(apps[0])
        .post('/users', { email: techEmail, password: STRONG_PASSWORD, name: 'Fault Tech', role: 'technician' }, { token: admin.token }),
      201,
    );
    technician = await signIn(techEmail, apps[0]);
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all((apps ?? []).map((app) => app.kill('SIGKILL')));
    await postgres?.destroy();
    await redis?.stop();
    await cleanUpProcesses();
    await fake?.close();
  }, 60_000);

  it('SIGKILL during 50 concurrent accepts: after the restart every quote has exactly one PaymentIntent and one payment', async () => {
    const customers = await Promise.all(Array.from({ length: 5 }, () => newCustomer(apps[0])));
    const quotes = (
      await Promise.all(customers.map(async (customer) => (await quotedRepairs(customer, 10)).map((q) => ({ ...q, customer }))))
    ).flat();
    const [victim, survivor] = apps;
    fake.createDelayMs = 300;

    const accept = (q: (typeof quotes)[number], app: AppProcess) =>
      q.customer.on(app).post(`/quotes/${q.quoteId}/accept`, {}, { token: q.customer.token, timeoutMs: 20_000 });
    const first = quotes.map((q, i) => accept(q, apps[i % 2]).catch((error: Error) => error));
    await waitFor('accepts to reach Stripe', () => (fake.callsTo('POST', '/v1/payment_intents').length >= 10 ? true : undefined), 20_000);
    await victim.kill('SIGKILL');
    const answers = await Promise.all(first);
    const cutOff = answers.filter((a) => a instanceof Error).length;
    expect(cutOff).toBeGreaterThan(0);
    measured(
      `accepts: ${cutOff} of 50 cut off by SIGKILL, ${fake.callsTo('POST', '/v1/payment_intents').length} create calls at Stripe so far`,
    );
    await victim.start();

    // The customers whose request was cut off (or told to retry) accept again, on the instance they were using.
    const results = await Promise.all(
      quotes.map((q, i) =>
        answers[i] instanceof Error || (answers[i] as ApiResponse).status !== 201
          ? untilAnswered(() => accept(q, apps[i % 2]), 201)
          : (answers[i] as ApiResponse),
      ),
    );
    fake.createDelayMs = 30;
    expect(results.every((r) => r.status === 201)).toBe(true);

    for (const q of quotes) expect(fake.intentsForQuote(q.quoteId)).toHaveLength(1);
    const payments = await db<{ quote_id: string; n: number; intents: number }>(
      `SELECT quote_id, count(*)::int AS n, count(DISTINCT provider_ref)::int AS intents FROM payments WHERE quote_id = ANY($1) GROUP BY quote_id`,
      [quotes.map((q) => q.quoteId)],
    );
    expect(payments).toHaveLength(50);
    expect(payments.every((p) => p.n === 1 && p.intents === 1)).toBe(true);
    const statuses = await db<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM quotes WHERE id = ANY($1) GROUP BY status`,
      [quotes.map((q) => q.quoteId)],
    );
    expect(statuses).toEqual([{ status: 'payment_pending', n: 50 }]);
    expect(survivor.alive).toBe(true);
  });

  it('SIGKILL during a burst of webhook deliveries: after the restart each Stripe event is applied exactly once', async () => {
    const customer = await newCustomer(apps[0]);
    const quotes = await quotedRepairs(customer, 20);
    const intents = [];
    for (const q of quotes) {
      const { payment } = ok(await customer.on(apps[0]).post(`/quotes/${q.quoteId}/accept`, {}, { token: customer.token }), 201);
      intents.push({ ...q, paymentId: payment.id as string, intent: fake.intentsForQuote(q.quoteId)[0] });
    }
    // Stripe delivers at least once: every event goes to both instances, concurrently.
    const events = intents.map((i) =>
      stripeEvent('payment_intent.succeeded', { ...i.intent, status: 'succeeded', amount_received: i.intent.amount }),
    );
    const stripe = [client(apps[0], address()), client(apps[1], address())];
    const deliver = (payload: string, to: 0 | 1) =>
      stripe[to].post('/payments/webhook', undefined, {
        raw: payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': signature(payload, { secret: secrets.STRIPE_WEBHOOK_SECRET }) },
        timeoutMs: 20_000,
      });
    const [victim] = apps;
    const deliveries = events.flatMap((payload) => [0, 1].map((to) => ({ payload, to: to as 0 | 1 })));
    const pending = deliveries.map((d) => deliver(d.payload, d.to).catch((error: Error) => error));
    await waitFor(
      'the first events to be stored',
      async () => ((await db(`SELECT 1 FROM webhook_events LIMIT 1`)).length ? true : undefined),
      10_000,
      5,
    );
    await victim.kill('SIGKILL');
    const answers = await Promise.all(pending);
    measured(
      `webhooks: ${answers.filter((a) => a instanceof Error || a.status !== 200).length} of ${deliveries.length} deliveries got no 2xx around SIGKILL`,
    );
    await victim.start();

    // Stripe retries every delivery that got no 2xx.
    await Promise.all(
      deliveries.map((d, i) =>
        answers[i] instanceof Error || (answers[i] as ApiResponse).status !== 200
          ? untilAnswered(() => deliver(d.payload, d.to), 200)
          : null,
      ),
    );

    const eventIds = events.map((e) => JSON.parse(e).id as string);
    const stored = await db<{ provider_event_id: string; outcome: string }>(
      `SELECT provider_event_id, outcome FROM webhook_events WHERE provider_event_id = ANY($1)`,
      [eventIds],
    );
    expect(stored).toHaveLength(20);
    expect(stored.every((e) => e.outcome === 'applied')).toBe(true);
    const paymentIds = intents.map((i) => i.paymentId);
    expect(await db(`SELECT DISTINCT status FROM payments WHERE id = ANY($1)`, [paymentIds])).toEqual([{ status: 'succeeded' }]);
    const approvals = await db<{ repair_request_id: string; n: number }>(
      `SELECT repair_request_id, count(*)::int AS n FROM repair_status_history WHERE to_status = 'approved' AND repair_request_id = ANY($1) GROUP BY repair_request_id`,
      [quotes.map((q) => q.repairId)],
    );
    expect(approvals).toHaveLength(20);
    expect(approvals.every((a) => a.n === 1)).toBe(true);
  });

  it('SIGKILL during a chat burst: every acknowledged message is stored exactly once, re-sent ones included', async () => {
    const customer = await newCustomer(apps[0]);
    const [{ repairId }] = await quotedRepairs(customer, 1);
    ok(await technician.on(apps[1]).post(`/repairs/${repairId}/assign`, {}, { token: technician.token }), 200);
    const conversation = ok(
      await customer.on(apps[0]).post('/conversations', { repairRequestId: repairId }, { token: customer.token }),
      200,
    );
    const [victim, survivor] = apps;
    const join = async (app: AppProcess, who: Actor) => {
      const socket = await connectChat(app, who.token, { localAddress: who.address });
      sockets.push(socket);
      expect(await socket.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });
      return socket;
    };
    const techSocket = await join(survivor, technician);
    let customerSocket = await join(victim, customer);

    const total = 40;
    const acked = new Map<string, string>();
    const send = (socket: TestChatClient, i: number) =>
      (socket.socket.timeout(3000) as any)
        .emitWithAck('message:send', { conversationId: conversation.id, content: `Burst message ${i}`, clientId: `burst-${i}` })
        .then((ack: { ok: boolean; message?: { id: string } }) => ack.ok && acked.set(`burst-${i}`, ack.message!.id))
        .catch(() => undefined);
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      if (i === 15) await victim.kill('SIGKILL');
      if (victim.alive) inFlight.push(send(customerSocket, i));
      await sleep(60);
    }
    await Promise.all(inFlight);
    expect(acked.size).toBeGreaterThan(0);
    expect(acked.size).toBeLessThan(total);
    const ackedBeforeKill = new Map(acked);
    measured(`chat: ${acked.size} of ${total} messages acked before SIGKILL, the rest re-sent after reconnecting`);

    // The client reconnects (the balancer sends it to the instance that is up) and re-sends everything not acknowledged.
    customerSocket = await join(survivor, customer);
    for (let i = 0; i < total; i++) if (!acked.has(`burst-${i}`)) await send(customerSocket, i);
    expect(acked.size).toBe(total);
    await victim.start();

    const rows = await db<{ client_id: string; id: string; n: number }>(
      `SELECT client_id, min(id::text) AS id, count(*)::int AS n FROM messages WHERE conversation_id = $1 AND client_id LIKE 'burst-%' GROUP BY client_id`,
      [conversation.id],
    );
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    for (const [clientId, id] of ackedBeforeKill) expect(rows.find((r) => r.client_id === clientId)?.id).toBe(id);
    // The technician on the other instance saw every message acknowledged before the kill, live.
    for (const id of ackedBeforeKill.values()) await techSocket.next('message:new', (p) => p.message.id === id, 5_000);
  });

  it('PostgreSQL restarted under load: 503 problem+json at once meanwhile, not ready, and serving again within 10 s of it being back', async () => {
    const customer = await newCustomer(apps[0]);
    const load = new LoadLoops();
    for (const app of apps) {
      for (let i = 0; i < 3; i++) {
        const api = client(app, address());
        load.start(`${app.name} repairs`, () => api.get('/repairs', { token: customer.token, timeoutMs: 10_000 }), {
          paceMs: 150,
          maxRequests: 200,
        });
      }
    }
    await sleep(1000);
    const stoppedAt = Date.now();
    await postgres.stop('fast');
    await sleep(3000);
    for (const app of apps) {
      expectProblem(await app.api.get('/health/ready', { timeoutMs: 5_000 }), 503);
      // The database check shares one result per second, failures included: down now, up again below.
      expectProblem(await app.api.get('/health', { timeoutMs: 5_000 }), 503);
      // Kubernetes' liveness probe: the process still serves, so it is not restarted for the outage.
      expect((await app.api.get('/health/live', { timeoutMs: 5_000 })).status).toBe(200);
    }
    await postgres.start();
    const backAt = Date.now();
    const serving = async (app: AppProcess) =>
      (await app.api.get('/repairs', { token: customer.token, timeoutMs: 5_000 })).status === 200 &&
      (await app.api.get('/health/ready', { timeoutMs: 5_000 })).status === 200 &&
      (await app.api.get('/health', { timeoutMs: 5_000 })).status === 200;
    const recovered: number[] = await Promise.all(
      apps.map((app) =>
        waitFor(`${app.name} to serve and be ready again`, async () => ((await serving(app)) ? Date.now() : undefined), 15_000, 100),
      ),
    );
    await sleep(500);
    const samples = await load.stop();

    expect(Math.max(...recovered) - backAt).toBeLessThan(10_000);
    measured(
      `PostgreSQL down ${backAt - stoppedAt} ms: ${JSON.stringify(summarize(samples.filter((s) => s.startedAt >= stoppedAt)))}, slowest ${Math.max(...samples.map((s) => s.ms))} ms, serving ${Math.max(...recovered) - backAt} ms after it was back`,
    );
    const outage = samples.filter((s) => s.startedAt >= stoppedAt);
    const failed = outage.filter((s) => s.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    // Nothing else than a quick 503 problem+json: no 500, no hang, no dropped connection.
    const wrong = failed.filter((s) => s.status !== 503 || !s.contentType?.includes('application/problem+json') || s.ms >= 4_000);
    expect({ wrong: wrong.slice(0, 5), all: summarize(failed) }).toEqual({ wrong: [], all: expect.any(Object) });
    // The instances recovered by themselves: the same processes still run.
    for (const app of apps) expect(app.alive).toBe(true);
  });

  it('Redis stopped, then started: 503 AUTH.SESSIONS_UNAVAILABLE meanwhile, then sockets, rooms and jobs work again and no queued job is lost', async () => {
    const customer = await newCustomer(apps[0]);
    const quotes = await quotedRepairs(customer, 8);
    ok(await technician.on(apps[1]).post(`/repairs/${quotes[0].repairId}/assign`, {}, { token: technician.token }), 200);
    const conversation = ok(
      await customer.on(apps[0]).post('/conversations', { repairRequestId: quotes[0].repairId }, { token: customer.token }),
      200,
    );
    await redis.stop();
    try {
      for (const app of apps) {
        const started = Date.now();
        expectProblem(
          await customer.on(app).get('/auth/me', { token: customer.token, timeoutMs: 10_000 }),
          503,
          'AUTH.SESSIONS_UNAVAILABLE',
        );
        expect(Date.now() - started).toBeLessThan(5_000);
        expectProblem(await app.api.get('/health/ready', { timeoutMs: 5_000 }), 503);
        // A handshake is refused rather than let through unchecked.
        expect((await handshakeError(app, customer.token)).data?.code).toBeDefined();
      }
    } finally {
      await redis.start();
    }
    const redisBackAt = Date.now();
    for (const app of apps)
      await waitFor(
        `${app.name} to check sessions again`,
        async () =>
          (await customer.on(app).get('/auth/me', { token: customer.token, timeoutMs: 5_000 })).status === 200 ? true : undefined,
        20_000,
        200,
      );

    measured(`Redis restarted: both instances check sessions again ${Date.now() - redisBackAt} ms after it was back`);
    const customerSocket = await connectChat(apps[0], customer.token, { localAddress: customer.address });
    const techSocket = await connectChat(apps[1], technician.token, { localAddress: technician.address });
    sockets.push(customerSocket, techSocket);
    for (const socket of [customerSocket, techSocket])
      expect(await socket.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });
    const sent = await customerSocket.emit('message:send', {
      conversationId: conversation.id,
      content: 'Are you there again?',
      clientId: 'after-redis',
    });
    expect(sent).toMatchObject({ ok: true });
    await techSocket.next('message:new', (p) => p.message.id === sent.message.id, 10_000);

    // Every quote's email job, queued before Redis stopped, is done once; and a new job runs.
    const fresh = await quotedRepairs(customer, 1);
    const expected = [...quotes, ...fresh].map((q) => `quote.issued:${q.quoteId}:${customer.id}`);
    const emails = await waitFor(
      'the quote emails',
      async () => {
        const rows = await db<{ dedupe_key: string }>(`SELECT dedupe_key FROM email_outbox WHERE dedupe_key = ANY($1)`, [expected]);
        return rows.length === expected.length ? rows : undefined;
      },
      60_000,
      500,
    );
    expect(emails.map((e) => e.dedupe_key).sort()).toEqual([...expected].sort());
  });

  it('SIGTERM to one instance under load behind nginx: no client request fails', async () => {
    const balancer = await NginxBalancer.start([`127.0.0.1:${apps[0].port}`, `127.0.0.1:${apps[1].port}`]);
    try {
      const [toVictim, toSurvivor] = await balancer.addressesReaching(apps, 3);
      const customer = await newCustomer(apps[0]);
      const [{ repairId }] = await quotedRepairs(customer, 1);
      const conversation = ok(
        await customer.on(apps[0]).post('/conversations', { repairRequestId: repairId }, { token: customer.token }),
        200,
      );
      const load = new LoadLoops();
      let sent = 0;
      for (const from of [...toVictim, ...toSurvivor]) {
        const api = balancer.client(from);
        load.start('read', () => api.get(`/repairs/${repairId}`, { token: customer.token, timeoutMs: 15_000 }), {
          paceMs: 100,
          maxRequests: 200,
        });
        load.start(
          'write',
          () =>
            api.post(
              `/conversations/${conversation.id}/messages`,
              { content: `Under load ${sent++}` },
              { token: customer.token, timeoutMs: 15_000 },
            ),
          { paceMs: 100, maxRequests: 80 },
        );
      }
      await sleep(1000);
      const [victim] = apps;
      const stoppedAt = Date.now();
      const exit = await victim.kill('SIGTERM');
      // A clean exit: a crash while draining would cut the requests still running there.
      if (exit.code !== 0 && exit.signal !== 'SIGTERM')
        throw new Error(`${victim.name} exited with ${exit.code}:\n${victim.output.slice(-2000)}`);
      const exitMs = Date.now() - stoppedAt;
      await sleep(1000);
      const samples = await load.stop();
      measured(`SIGTERM behind nginx: ${JSON.stringify(summarize(samples))}, instance gone ${exitMs} ms after the signal`);
      expect(load.failures()).toEqual([]);
      expect(samples.length).toBeGreaterThan(50);
      const [{ n }] = await db<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND content LIKE 'Under load %'`,
        [conversation.id],
      );
      expect(n).toBe(samples.filter((s: Sample) => s.label === 'write').length);
      await victim.start();
    } finally {
      await balancer.stop();
    }
  });
});
