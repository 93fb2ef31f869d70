import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, testEnv } from './support/test-app.js';

const DRIFT_CLI = fileURLToPath(new URL('../dist/app/schema-drift.js', import.meta.url));

/** `schema-drift.js` as a real process: migrates the database, prints what the entities still want. */
function schemaDrift(databaseUrl: string | null): Promise<{ code: number | null; statements: string[]; stderr: string }> {
  const child = spawn(process.execPath, [DRIFT_CLI], {
    env: { PATH: process.env.PATH, ...testEnv(databaseUrl) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, statements: stdout.split('\n').filter(Boolean), stderr })),
  );
}

// The job queue (BullMQ) keeps its state in Redis, so no library owns a table here to exclude.
describe('entities are the schema', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('an empty database brought up by the migrations is exactly what the entities describe', async () => {
    const result = await schemaDrift(database.url);
    expect(result.statements).toEqual([]);
    expect(result.code).toBe(0);
  });

  // Needs a second connection to the same database to alter it; an in-memory PGlite belongs to the CLI process alone.
  (process.env.DATABASE_URL ? it : it.skip)('a schema that differs from the entities is reported, statement by statement', async () => {
    const client = new pg.Client({ connectionString: database.url! });
    await client.connect();
    try {
      await client.query(`DROP INDEX quotes_pending_expiry_idx`);
      await client.query(`ALTER TABLE users ALTER COLUMN phone SET NOT NULL`);
    } finally {
      await client.end();
    }
    const result = await schemaDrift(database.url);
    expect(result.code).toBe(1);
    expect(result.statements).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CREATE INDEX "quotes_pending_expiry_idx" ON "quotes"/),
        'ALTER TABLE "users" ALTER COLUMN "phone" DROP NOT NULL;',
      ]),
    );
  });
});
