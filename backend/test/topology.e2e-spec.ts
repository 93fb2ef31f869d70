import { signature, stripeEvent } from './factories/payments.factory.js';
import { STRONG_PASSWORD, uniqueEmail } from './factories/users.factory.js';
import { expectProblem, type ApiClient } from './support/api-client.js';
import { AppProcess, generatedSecrets } from './support/app-process.js';
import { connectChat, type TestChatClient } from './support/chat-client.js';
import { startFakeStripe, type FakeStripe } from './support/fake-stripe.js';
import { NginxBalancer } from './support/nginx.js';
import { cleanUpProcesses, freePort } from './support/processes.js';
import { dropRedisKeys, REDIS_URL, uniqueRedisPrefix } from './support/redis.js';
import { createTestDatabase } from './support/test-app.js';

const missing = [
  !process.env.DATABASE_URL && 'DATABASE_URL',
  !REDIS_URL && 'REDIS_URL',
  !NginxBalancer.available() && 'nginx (apt-get install nginx)',
].filter(Boolean);
if (missing.length) console.warn(`topology.e2e: skipped — needs ${missing.join(', ')}`);

const bodyTransport = { headers: { 'x-token-transport': 'body' } };
const STRIPE_ADDRESS = '127.0.200.1';

/**
 * The production topology of docker-compose.yml on loopback: nginx (deploy/nginx.conf.template) in
 * front of two `node backend/dist/main.js` processes with NODE_ENV=production and rate limits on, one
 * PostgreSQL, one Redis, Stripe faked at STRIPE_API_URL. Every request goes through the balancer;
 * client IPs are loopback addresses chosen so that ip_hash sends each user to a different instance.
 */
(missing.length ? describe.skip : describe)('production topology: nginx, two instances, PostgreSQL, Redis', () => {
  const secrets = generatedSecrets();
  const adminEmail = uniqueEmail('admin');
  const redisPrefix = uniqueRedisPrefix('topology');
  let fake: FakeStripe;
  let database: { url: string | null; drop(): Promise<void> };
  let apps: AppProcess[];
  let balancer: NginxBalancer;
  /** The customer's client reaches the first instance, the technician's the second. */
  let customerApi: ApiClient;
  let staffApi: ApiClient;
  const sockets: TestChatClient[] = [];
  let addresses: string[];

  beforeAll(async () => {
    fake = await startFakeStripe();
    database = await createTestDatabase();
    const balancerPort = await freePort();
    const env = {
      DATABASE_URL: database.url!,
      REDIS_URL: REDIS_URL!,
      REDIS_KEY_PREFIX: redisPrefix,
      TRUST_PROXY: '1',
      PUBLIC_URL: `http://127.0.0.1:${balancerPort}`,
      STRIPE_API_URL: fake.url,
      BOOTSTRAP_ADMIN_EMAIL: adminEmail,
      BOOTSTRAP_ADMIN_PASSWORD: STRONG_PASSWORD,
      ...secrets,
    };
    // Both at once on an empty database, as `docker-compose up` starts them.
    apps = await Promise.all([AppProcess.start('app1', env), AppProcess.start('app2', env)]);
    balancer = await NginxBalancer.start([`127.0.0.1:${apps[0].port}`, `127.0.0.1:${apps[1].port}`], balancerPort);
    addresses = (await balancer.addressesReaching(apps)).map(([address]) => address);
    customerApi = balancer.client(addresses[0]);
    staffApi = balancer.client(addresses[1]);
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await balancer?.stop();
    await Promise.all((apps ?? []).map((app) => app.kill('SIGTERM')));
    await cleanUpProcesses();
    await fake?.close();
    await database?.drop();
    await dropRedisKeys(redisPrefix);
  }, 60_000);

  const ok = <T = any>(response: { status: number; text: string; body: T }, status: number): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
    return response.body;
  };
  const login = async (api: ApiClient, email: string) =>
    ok<{ accessToken: string; refreshToken: string }>(
      await api.post('/auth/login', { email, password: STRONG_PASSWORD }, bodyTransport),
      200,
    );

  it('takes a customer from sign-up to an approved repair, chatting live with a technician on the other instance', async () => {
    const registered = ok(
      await customerApi.post(
        '/auth/register',
        { email: uniqueEmail('customer'), password: STRONG_PASSWORD, name: 'Topology Customer' },
        bodyTransport,
      ),
      201,
    );
    const customer = { id: registered.user.id as string, token: registered.accessToken as string };

    const admin = await login(staffApi, adminEmail);
    const techEmail = uniqueEmail('technician');
    const techUser = ok(
      await staffApi.post(
        '/users',
        { email: techEmail, password: STRONG_PASSWORD, name: 'Topology Tech', role: 'technician' },
        { token: admin.accessToken },
      ),
      201,
    );
    const technician = { id: techUser.id as string, token: (await login(staffApi, techEmail)).accessToken };

    const device = ok(
      await customerApi.post('/devices', { type: 'phone', brand: 'Fairphone', model: '5' }, { token: customer.token }),
      201,
    );
    const repair = ok(
      await customerApi.post(
        '/repairs',
        { deviceId: device.id, issueDescription: 'The battery drains overnight.', urgency: 'high' },
        { token: customer.token },
      ),
      201,
    );

    const queue = ok(await staffApi.get('/repairs?status=submitted', { token: technician.token }), 200);
    expect(queue.items.map((r: { id: string }) => r.id)).toContain(repair.id);
    expect(ok(await staffApi.post(`/repairs/${repair.id}/assign`, {}, { token: technician.token }), 200)).toMatchObject({
      assignedTechnicianId: technician.id,
    });

    const conversation = ok(await customerApi.post('/conversations', { repairRequestId: repair.id }, { token: customer.token }), 200);
    // The customer's socket starts on long-polling and upgrades, as a browser's does (ip_hash keeps it on one instance).
    const customerSocket = await connectChat({ baseUrl: balancer.url }, customer.token, {
      localAddress: addresses[0],
      transports: ['polling', 'websocket'],
    });
    const techSocket = await connectChat({ baseUrl: balancer.url }, technician.token, { localAddress: addresses[1] });
    sockets.push(customerSocket, techSocket);
    for (const socket of [customerSocket, techSocket])
      expect(await socket.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });

    const question = await customerSocket.emit('message:send', {
      conversationId: conversation.id,
      content: 'How long will it take?',
      clientId: 'topology-1',
    });
    expect(question).toMatchObject({ ok: true });
    expect((await techSocket.next('message:new', (p) => p.message.id === question.message.id)).message.content).toBe(
      'How long will it take?',
    );
    const answer = await techSocket.emit('message:send', {
      conversationId: conversation.id,
      content: 'Two days, parts are in stock.',
      clientId: 'topology-2',
    });
    expect((await customerSocket.next('message:new', (p) => p.message.id === answer.message.id)).message.content).toBe(
      'Two days, parts are in stock.',
    );

    const quote = ok(
      await staffApi.post(
        '/quotes',
        { repairRequestId: repair.id, partsCost: 4_900, laborCost: 3_000, currency: 'usd' },
        { token: technician.token },
      ),
      201,
    );
    const { payment } = ok(await customerApi.post(`/quotes/${quote.id}/accept`, {}, { token: customer.token }), 201);
    expect(payment).toMatchObject({ status: 'requires_payment', amount: 7_900, currency: 'usd' });
    const [intent] = fake.intentsForQuote(quote.id);
    expect(fake.intentsForQuote(quote.id)).toHaveLength(1);
    expect(payment.clientSecret).toBe(intent.client_secret);

    // Stripe calls the public URL from its own address; the event is signed by the real stripe library.
    const stripeApi = balancer.client(STRIPE_ADDRESS);
    const event = stripeEvent('payment_intent.succeeded', { ...intent, status: 'succeeded', amount_received: intent.amount });
    const delivered = await stripeApi.post('/payments/webhook', undefined, {
      raw: event,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature(event, { secret: secrets.STRIPE_WEBHOOK_SECRET }) },
    });
    expect(delivered.status).toBe(200);

    const approved = ok(await customerApi.get(`/repairs/${repair.id}`, { token: customer.token }), 200);
    expect(approved.status).toBe('approved');
    expect(ok(await staffApi.get(`/payments/${payment.id}`, { token: admin.accessToken }), 200)).toMatchObject({
      status: 'succeeded',
      amount: 7_900,
    });
  });

  it('refuses on one instance a session signed out on the other', async () => {
    const email = uniqueEmail('customer');
    ok(await customerApi.post('/auth/register', { email, password: STRONG_PASSWORD, name: 'Signing Out' }, bodyTransport), 201);
    const session = await login(customerApi, email);
    expect((await staffApi.get('/auth/me', { token: session.accessToken })).status).toBe(200);

    expect((await customerApi.post('/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    expectProblem(await staffApi.get('/auth/me', { token: session.accessToken }), 401);
    expectProblem(await staffApi.post('/auth/refresh', { refreshToken: session.refreshToken }, bodyTransport), 401, 'AUTH.REFRESH_INVALID');
  });

  it('counts one rate-limit budget across both instances', async () => {
    // The per-account sign-in budget (50 per 15 minutes, whatever the address), spent by 50 sign-ins from
    // five addresses that reach each instance — each address stays within its own budgets. Counted per
    // instance, neither would be near the limit; shared, the next one is refused on both.
    const email = uniqueEmail('popular');
    ok(await customerApi.post('/auth/register', { email, password: STRONG_PASSWORD, name: 'Popular Account' }, bodyTransport), 201);
    const [toFirst, toSecond] = await balancer.addressesReaching(apps, 6);
    const senders = [...toFirst.slice(0, 5), ...toSecond.slice(0, 5)].map((address) => balancer.client(address));
    for (let i = 0; i < 50; i++) await login(senders[i % senders.length], email);
    for (const fresh of [toFirst[5], toSecond[5]]) {
      const refused = await balancer.client(fresh).post('/auth/login', { email, password: STRONG_PASSWORD }, bodyTransport);
      expectProblem(refused, 429, 'RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
