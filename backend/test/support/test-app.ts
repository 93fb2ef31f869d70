import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { ApiClient } from './api-client.js';

export const TEST_SECRETS = {
  JWT_ACCESS_SECRET: 'test-access-secret-0123456789-abcdefghijklmnop',
  JWT_REFRESH_SECRET: 'test-refresh-secret-0123456789-abcdefghijklmnop',
  SERIAL_ENCRYPTION_KEYS: `test1:${Buffer.alloc(32, 7).toString('base64')}`,
  STRIPE_WEBHOOK_SECRET: 'whsec_test_secret_for_e2e',
};

export interface TestApp {
  baseUrl: string;
  api: ApiClient;
  env: Record<string, string>;
  /** The PostgreSQL database this app uses (null on PGlite), so a second instance can share it. */
  databaseUrl: string | null;
  /** Runs SQL inside the app's own database connection (works on PGlite too). */
  sql<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Calls a method of a provider of the running app: `call('users/users.service.js', 'UsersService', 'create', input)`. */
  call<T = any>(module: string, exportName: string, method: string, ...args: unknown[]): Promise<T>;
  /** Runs every global guard on a Socket.IO event of `handler` for a socket signed in as `user` (or not). */
  wsGuards(handler: { module: string; exportName: string; method: string }, user: object | null, payload?: unknown): Promise<{ guard: string; passed?: boolean; error?: string }[]>;
  /** Stops the app; the database is kept for `restart` (PostgreSQL or a PGlite DATA_DIR). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh PostgreSQL database per test file when DATABASE_URL is set; otherwise null (PGlite in memory). */
export async function createTestDatabase(): Promise<{ url: string | null; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: null, drop: async () => undefined };
  const name = `rh_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function testEnv(databaseUrl: string | null, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    DATA_DIR: '',
    DEMO_DATA: 'false',
    SERVE_APPS: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...TEST_SECRETS,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** Starts the compiled app in a worker thread and waits until it listens. */
export async function startWorkerApp(env: Record<string, string>): Promise<{ port: number; worker: Worker }> {
  const worker = new Worker(new URL('./app-worker.mjs', import.meta.url), { workerData: { env }, stdout: false, stderr: false });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`app worker exited with ${code}`)));
    worker.once('message', (message: { type: string; port: number }) => resolve(message.port));
  });
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  // A test that fails before close() must not keep Jest alive.
  worker.unref();
  return { port, worker };
}

export async function startTestApp(overrides: Record<string, string | undefined> = {}, database?: { url: string | null }): Promise<TestApp> {
  const owned = database ? null : await createTestDatabase();
  const databaseUrl = database?.url ?? owned?.url ?? null;
  const env = testEnv(databaseUrl, overrides);
  const { port, worker } = await startWorkerApp(env);
  let nextId = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listen = (w: Worker) =>
    w.on('message', (message: { id?: number; result?: unknown; error?: { message: string; code?: string; name?: string } }) => {
      if (message.id === undefined) return;
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(Object.assign(new Error(message.error.message), message.error));
      else waiter?.resolve(message.result);
    });
  listen(worker);
  const send = <T>(op: string, input: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, ...input });
    });

  const baseUrl = () => `http://127.0.0.1:${port}`;
  const t: TestApp = {
    get baseUrl() {
      return baseUrl();
    },
    api: new ApiClient(`${baseUrl()}/api/v1`),
    env,
    databaseUrl,
    sql: (sql, params = []) => send('sql', { sql, params }),
    call: (module, exportName, method, ...args) => send('call', { module, exportName, method, args }),
    wsGuards: (handler, user, payload = {}) => send('wsGuards', { handler, user, payload }),
    stop: async () => {
      await send('close', {});
      await worker.terminate();
    },
    close: async () => {
      await t.stop().catch(() => undefined);
      await owned?.drop();
    },
  };
  return t;
}
