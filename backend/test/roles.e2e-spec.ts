import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { STRONG_PASSWORD, uniqueEmail } from './factories/users.factory.js';
import { expectProblem, type ApiClient } from './support/api-client.js';
import { AppProcess, generatedSecrets } from './support/app-process.js';
import { connectChat, handshakeError, settle, type TestChatClient } from './support/chat-client.js';
import { agentFrom } from './support/client-address.js';
import { NginxBalancer } from './support/nginx.js';
import { cleanUpProcesses, freePort, waitFor } from './support/processes.js';
import { dropRedisKeys, REDIS_URL, uniqueRedisPrefix } from './support/redis.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { createTestDatabase } from './support/test-app.js';

const missing = [
  !process.env.DATABASE_URL && 'DATABASE_URL',
  !REDIS_URL && 'REDIS_URL',
  !NginxBalancer.available() && 'nginx (apt-get install nginx)',
].filter(Boolean);
if (missing.length) console.warn(`roles.e2e: skipped — needs ${missing.join(', ')}`);

const bodyTransport = { headers: { 'x-token-transport': 'body' } };

/** Collects the outbound webhooks the worker sends. */
async function webhookReceiver() {
  const received: { id: string; type: string; data: any }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The split topology of docker-compose.yml on loopback: nginx (deploy/nginx.conf.template) sends the HTTP
 * API to one `APP_ROLE=api` process and Socket.IO to two `APP_ROLE=realtime` processes; one
 * `APP_ROLE=worker` process sends emails and webhooks. All are `node backend/dist/main.js` with
 * NODE_ENV=production and rate limits on, over one PostgreSQL and one Redis.
 */
(missing.length ? describe.skip : describe)('process roles: api, two realtime, worker behind nginx', () => {
  const secrets = generatedSecrets();
  const adminEmail = uniqueEmail('admin');
  const redisPrefix = uniqueRedisPrefix('roles');
  let database: { url: string | null; drop(): Promise<void> };
  let smtp: SmtpSink;
  let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
  let env: Record<string, string>;
  let api: AppProcess;
  let realtime: AppProcess[];
  let worker: AppProcess;
  let balancer: NginxBalancer;
  const sockets: TestChatClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpSink();
    hooks = await webhookReceiver();
    const balancerPort = await freePort();
    env = {
      DATABASE_URL: database.url!,
      REDIS_URL: REDIS_URL!,
      REDIS_KEY_PREFIX: redisPrefix,
      TRUST_PROXY: '1',
      PUBLIC_URL: `http://127.0.0.1:${balancerPort}`,
      BOOTSTRAP_ADMIN_EMAIL: adminEmail,
      BOOTSTRAP_ADMIN_PASSWORD: STRONG_PASSWORD,
      SMTP_URL: smtp.url,
      EMAIL_POLL_MS: '200',
      WEBHOOK_POLL_MS: '200',
      // The receiver listens on loopback over plain http, which production refuses.
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      ...secrets,
    };
    // All at once on an empty database, as `docker-compose up` starts them (the migration lock orders them).
    [api, worker, ...realtime] = await Promise.all([
      AppProcess.start('api', { ...env, APP_ROLE: 'api' }),
      AppProcess.start('worker', { ...env, APP_ROLE: 'worker' }),
      AppProcess.start('realtime1', { ...env, APP_ROLE: 'realtime' }),
      AppProcess.start('realtime2', { ...env, APP_ROLE: 'realtime' }),
    ]);
    const apiAddress = `127.0.0.1:${api.port}`;
    balancer = await NginxBalancer.start(
      { api: [apiAddress, apiAddress], realtime: [`127.0.0.1:${realtime[0].port}`, `127.0.0.1:${realtime[1].port}`] },
      balancerPort,
    );
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await balancer?.stop();
    await Promise.all([api, worker, ...(realtime ?? [])].filter(Boolean).map((app) => app.kill('SIGTERM')));
    await cleanUpProcesses();
    await smtp?.close();
    await hooks?.close();
    await database?.drop();
    await dropRedisKeys(redisPrefix);
  }, 60_000);

  const ok = <T = any>(response: { status: number; text: string; body: T }, status: number): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
    return response.body;
  };
  const login = async (client: ApiClient, email: string) =>
    ok<{ accessToken: string }>(await client.post('/auth/login', { email, password: STRONG_PASSWORD }, bodyTransport), 200).accessToken;
  const register = async (client: ApiClient, name: string) => {
    const email = uniqueEmail('customer');
    const body = ok(await client.post('/auth/register', { email, password: STRONG_PASSWORD, name }, bodyTransport), 201);
    return { id: body.user.id as string, email, token: body.accessToken as string };
  };

  /**
   * A client address that nginx's ip_hash sends to `instance` for Socket.IO: open an Engine.IO session
   * through the balancer from the address, then ask the instance itself to close that session — only the
   * instance holding it answers 200. Engine.IO's polling transport is not part of the HTTP API document.
   */
  async function addressReaching(instance: AppProcess): Promise<string> {
    for (let n = 0; n < 128; n++) {
      const address = `127.0.${n}.7`;
      const open = await fetch(`${balancer.url}/socket.io/?EIO=4&transport=polling`, { dispatcher: agentFrom(address) });
      const { sid } = JSON.parse((await open.text()).slice(1)) as { sid: string };
      const close = await fetch(`${instance.baseUrl}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
        method: 'POST',
        body: '1',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
      });
      await close.text();
      if (close.status === 200) return address;
    }
    throw new Error(`no client address reaches ${instance.name}`);
  }

  it('runs on each process only the part of its role', async () => {
    for (const [instance, role] of [[api, 'api'], [worker, 'worker'], [realtime[0], 'realtime']] as const) {
      expect(ok(await instance.api.get('/health/ready'), 200).info.instance).toEqual({ status: 'up', role });
    }
    // No HTTP API on realtime and worker processes, only their probes.
    for (const instance of [worker, realtime[1]]) expectProblem(await instance.api.get('/payments/config'), 404, 'ROUTE.NOT_FOUND');
    expect((await api.api.get('/payments/config')).status).toBe(200);
    // No Socket.IO on the api and worker processes.
    for (const instance of [api, worker]) expect((await handshakeError(instance, 'any')).message).toMatch(/xhr poll error|websocket error|404/i);
  });

  it('lets a customer and a technician on different realtime instances chat live, and pushes what the api does', async () => {
    const [customerAddress, staffAddress] = [await addressReaching(realtime[0]), await addressReaching(realtime[1])];
    const customerApi = balancer.client(customerAddress);
    const staffApi = balancer.client(staffAddress);
    const customer = await register(customerApi, 'Roles Customer');
    const adminToken = await login(staffApi, adminEmail);
    const techEmail = uniqueEmail('technician');
    const tech = ok(await staffApi.post('/users', { email: techEmail, password: STRONG_PASSWORD, name: 'Roles Tech', role: 'technician' }, { token: adminToken }), 201);
    const techToken = await login(staffApi, techEmail);
    const device = ok(await customerApi.post('/devices', { type: 'phone', brand: 'Fairphone', model: '5' }, { token: customer.token }), 201);
    const repair = ok(
      await customerApi.post('/repairs', { deviceId: device.id, issueDescription: 'The screen flickers.', urgency: 'normal' }, { token: customer.token }),
      201,
    );
    ok(await staffApi.post(`/repairs/${repair.id}/assign`, {}, { token: techToken }), 200);
    const conversation = ok(await customerApi.post('/conversations', { repairRequestId: repair.id }, { token: customer.token }), 200);

    // The customer's socket starts on long-polling and upgrades, as a browser's does: only ip_hash keeps it whole.
    const customerSocket = await connectChat({ baseUrl: balancer.url }, customer.token, { localAddress: customerAddress, transports: ['polling', 'websocket'] });
    const techSocket = await connectChat({ baseUrl: balancer.url }, techToken, { localAddress: staffAddress });
    sockets.push(customerSocket, techSocket);
    for (const socket of [customerSocket, techSocket]) expect(await socket.emit('conversation:join', { conversationId: conversation.id })).toMatchObject({ ok: true });

    const question = await customerSocket.emit('message:send', { conversationId: conversation.id, content: 'Is it the cable?', clientId: 'roles-1' });
    expect(question).toMatchObject({ ok: true });
    expect((await techSocket.next('message:new', (p) => p.message.id === question.message.id)).message.content).toBe('Is it the cable?');
    const answer = await techSocket.emit('message:send', { conversationId: conversation.id, content: 'Yes, a new one is ordered.', clientId: 'roles-2' });
    expect((await customerSocket.next('message:new', (p) => p.message.id === answer.message.id)).message.content).toBe('Yes, a new one is ordered.');

    // A change made on the api process (no gateway there) reaches the sockets held by the realtime processes.
    const posted = ok(await staffApi.post(`/conversations/${conversation.id}/messages`, { content: 'Sent from the console.' }, { token: techToken }), 201);
    expect((await customerSocket.next('message:new', (p) => p.message.id === posted.id)).message.content).toBe('Sent from the console.');
    expect(tech.id).toBe(answer.message.senderId);
  });

  it('delivers the emails and webhooks caused on the api through the worker, and a replaced worker loses none', async () => {
    const adminApi = balancer.client('127.0.200.1');
    const adminToken = await login(adminApi, adminEmail);
    ok(await adminApi.post('/webhook-endpoints', { url: hooks.url, eventTypes: ['repair.created'] }, { token: adminToken }), 201);
    const clientAt = (n: number) => balancer.client(`127.0.${201 + n}.1`);
    const causeWork = async (n: number) => {
      const client = clientAt(n);
      const customer = await register(client, `Worker Customer ${n}`);
      const device = ok(await client.post('/devices', { type: 'laptop', brand: 'Framework', model: '13' }, { token: customer.token }), 201);
      const repair = ok(await client.post('/repairs', { deviceId: device.id, issueDescription: 'The hinge is loose.', urgency: 'low' }, { token: customer.token }), 201);
      expect((await client.post('/auth/password/forgot', { email: customer.email })).status).toBe(202);
      return { email: customer.email, repairId: repair.id as string };
    };
    const mailTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email) && m.subject === 'Reset your RepairHub password');
    const hooksFor = (repairId: string) => hooks.received.filter((h) => h.type === 'repair.created' && h.data.id === repairId);

    const first = await causeWork(0);
    await smtp.next((m) => m.to.includes(first.email), 15_000);
    await waitFor('the repair.created webhook', () => hooksFor(first.repairId).length > 0 || undefined, 15_000);

    await worker.kill('SIGKILL');
    const pending: { email: string; repairId: string }[] = [];
    for (let n = 1; n <= 3; n++) pending.push(await causeWork(n));
    // The api process sends nothing itself: without a worker the emails and webhooks wait in their outboxes.
    await settle(1500);
    for (const { email, repairId } of pending) {
      expect(mailTo(email)).toHaveLength(0);
      expect(hooksFor(repairId)).toHaveLength(0);
    }

    const replacement = await AppProcess.start('worker2', { ...env, APP_ROLE: 'worker' });
    try {
      await waitFor(
        'every waiting email and webhook',
        () => pending.every(({ email, repairId }) => mailTo(email).length > 0 && hooksFor(repairId).length > 0) || undefined,
        20_000,
      );
      await settle(1000);
      for (const { email, repairId } of [first, ...pending]) {
        expect(mailTo(email)).toHaveLength(1);
        expect(hooksFor(repairId)).toHaveLength(1);
      }
    } finally {
      await replacement.kill('SIGTERM');
    }
  });
});
