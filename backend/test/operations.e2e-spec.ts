import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Agent, fetch } from 'undici';
import { quoteToPay } from './factories/payments.factory.js';
import { STRONG_PASSWORD, uniqueEmail, type TestUser } from './factories/users.factory.js';
import { ApiClient, expectProblem } from './support/api-client.js';
import { startFakeStripe, type FakeStripe } from './support/fake-stripe.js';
import { createTestDatabase, startTestApp, testEnv, type TestApp } from './support/test-app.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The real process, started as `node backend/dist/main.js` and stopped with a real SIGTERM (worker
 * threads cannot receive signals).
 */
describe('graceful shutdown on SIGTERM (a real process)', () => {
  let fake: FakeStripe;
  let child: ChildProcess;
  let api: ApiClient;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let output = '';
  let database: { url: string | null; drop(): Promise<void> };
  const adminEmail = uniqueEmail('admin');

  beforeAll(async () => {
    fake = await startFakeStripe();
    database = await createTestDatabase();
    const port = await freePort();
    const env = testEnv(database.url, {
      PORT: String(port),
      HOST: '127.0.0.1',
      STRIPE_SECRET_KEY: 'sk_test_fake_key',
      STRIPE_API_URL: fake.url,
      BOOTSTRAP_ADMIN_EMAIL: adminEmail,
      BOOTSTRAP_ADMIN_PASSWORD: STRONG_PASSWORD,
      SHUTDOWN_GRACE_MS: '1500',
    });
    child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    api = new ApiClient(`http://127.0.0.1:${port}/api/v1`);
    // A cold start (migrations on a fresh database) can take a while on a shared 2-core machine.
    await waitFor('the app to listen', async () => ((await api.get('/health')).status === 200 ? true : undefined), 100_000).catch((error) => {
      throw new Error(`${error.message}\n${output}`);
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake?.close();
    await database?.drop();
  });

  it('turns not-ready first, finishes the in-flight request, then exits', async () => {
    // Everything through the API: a customer, and a technician created by the bootstrap admin.
    const login = async (email: string) =>
      (await api.post('/auth/login', { email, password: STRONG_PASSWORD }, { headers: { 'x-token-transport': 'body' } })).body.accessToken as string;
    const register = await api.post('/auth/register', { email: uniqueEmail('customer'), password: STRONG_PASSWORD, name: 'Shutdown Customer' }, { headers: { 'x-token-transport': 'body' } });
    const customer = { id: register.body.user.id, token: register.body.accessToken } as TestUser;
    const techEmail = uniqueEmail('technician');
    const created = await api.post('/users', { email: techEmail, password: STRONG_PASSWORD, name: 'Tech', role: 'technician' }, { token: await login(adminEmail) });
    expect(created.status).toBe(201);
    const technician = { id: created.body.id, token: await login(techEmail) } as TestUser;
    const { quote } = await quoteToPay({ api } as TestApp, customer, technician);
    expect((await api.get('/health/ready')).status).toBe(200);

    // A slow request: accepting waits on (fake) Stripe for 2.5 s.
    fake.createDelayMs = 2500;
    const accepting = api.post(`/quotes/${quote.id}/accept`, {}, { token: customer.token });
    await waitFor('the request to reach Stripe', async () => (fake.callsTo('POST', '/v1/payment_intents').length > 0 ? true : undefined));
    child.kill('SIGTERM');

    // Draining: readiness says 503 at once while liveness and the in-flight request carry on.
    const ready = await waitFor('readiness to turn 503', async () => {
      const res = await api.get('/health/ready');
      return res.status === 503 ? res : undefined;
    });
    expectProblem(ready, 503);
    // During the grace it still serves and keeps connections alive: a balancer reuses them instead of
    // opening new ones that stopping to accept would reset.
    expect(ready.headers.get('connection')).toBe('keep-alive');

    // After the grace it refuses new connections (a balancer retries those elsewhere, even a POST) while it
    // still runs, finishing the in-flight request and waiting for the balancer to drop its idle connections.
    await waitFor('new connections to be refused', async () => {
      const fresh = new Agent();
      try {
        await fetch(`${api.base}/health`, { dispatcher: fresh }); // plain fetch: no answer is expected to hold to the document
        return undefined;
      } catch (error) {
        return (error as Error & { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' ? true : undefined;
      } finally {
        await fresh.close();
      }
    }, 10_000);
    expect(child.exitCode === null && child.signalCode === null).toBe(true);

    const accepted = await accepting;
    expect(accepted.status).toBe(201);
    expect(accepted.body.payment).toMatchObject({ status: 'requires_payment', amount: 17_499 });
    expect(accepted.headers.get('connection')).toBe('close');

    // Its last connection closed with the answer: nothing holds the exit (Fastify's keep-alive timeout is 72 s).
    const { code, signal } = await Promise.race([
      exited,
      sleep(15_000).then(() => Promise.reject(new Error('still running 15 s after its last answer'))),
    ]);
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(output).not.toMatch(/Unhandled|ECONNRESET|Error:/);
    // Gone: new connections are refused (plain fetch: no answer comes to hold to the document).
    await expect(fetch(`${api.base}/health`)).rejects.toThrow();
  }, 120_000);
});

describe('readiness and liveness', () => {
  let t: TestApp;
  let database: { url: string | null; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp({ SHUTDOWN_GRACE_MS: '1500' }, database);
  });
  afterAll(() => database?.drop()); // the test stops the app itself

  it('is ready with its dependencies up, and not ready as soon as shutdown starts (while it still serves)', async () => {
    const ready = await t.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { instance: { status: 'up' }, database: { status: 'up' } } });

    const stopping = t.stop();
    const notReady = await waitFor('readiness to turn 503', async () => {
      const res = await t.api.get('/health/ready');
      return res.status === 503 ? res : undefined;
    });
    expectProblem(notReady, 503);
    await stopping;
  });
});

const pg = process.env.DATABASE_URL ? describe : describe.skip;
if (!process.env.DATABASE_URL) console.warn('operations.e2e: pool saturation skipped — it needs PostgreSQL (set DATABASE_URL); PGlite has no pool');

pg('a saturated database pool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '1', DATABASE_CONNECT_TIMEOUT_MS: '300' });
  });
  afterAll(() => t?.close());

  it('answers 503 SERVICE.BUSY with Retry-After instead of hanging, and recovers when a connection frees up', async () => {
    const register = await t.api.post('/auth/register', { email: uniqueEmail('busy'), password: STRONG_PASSWORD, name: 'Busy' }, { headers: { 'x-token-transport': 'body' } });
    const token = register.body.accessToken as string;
    // The only pooled connection is busy for 2 s.
    const holding = t.sql('SELECT pg_sleep(2)');
    await sleep(100);
    const busy = await t.api.get('/auth/me', { token });
    expectProblem(busy, 503, 'SERVICE.BUSY');
    expect(busy.headers.get('retry-after')).toBe('1');
    await holding;
    expect((await t.api.get('/auth/me', { token })).status).toBe(200);
  });
});
