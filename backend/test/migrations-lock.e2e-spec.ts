import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, startTestApp, testEnv, type TestApp } from './support/test-app.js';

const MIGRATE = fileURLToPath(new URL('../dist/database/migrate.js', import.meta.url));
const MIGRATION_FILES = readdirSync(new URL('../src/database/migrations/', import.meta.url)).filter((f) => /^\d+-.+\.ts$/.test(f) && !f.endsWith('.spec.ts'));

/** `npm run migration:run` as a real process; resolves with its exit code and output. */
function migrationRun(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MIGRATE], {
    env: { PATH: process.env.PATH, ...testEnv(databaseUrl) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

const suite = process.env.DATABASE_URL ? describe : describe.skip;
// PGlite is one process's private database: there is nothing to race with.
if (!process.env.DATABASE_URL)
  console.warn('migrations-lock.e2e: skipped — set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run it');

suite('migrations on an empty PostgreSQL database, several instances at once', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database?.drop();
  });

  it('brings up three instances and two migration:run started together, and applies each migration once', async () => {
    const starting = Array.from({ length: 3 }, () => startTestApp({}, database));
    // The CLI does not retry (an app instance retries a failed start), so a race shows in its exit code.
    const runs = await Promise.all([migrationRun(database.url!), migrationRun(database.url!)]);
    const started = await Promise.allSettled(starting);
    apps.push(...started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])));
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'up'))).toEqual(['up', 'up', 'up']);
    for (const run of runs) expect(run).toMatchObject({ code: 0 });

    const rows = await apps[0].sql<{ name: string; n: number }>(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
    expect(rows).toHaveLength(MIGRATION_FILES.length);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    for (const app of apps) expect((await app.api.get('/health')).status).toBe(200);
  });
});
