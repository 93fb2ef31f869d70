import { DataSource, MigrationExecutor, type DataSourceOptions, type Migration } from 'typeorm';

/** Key of the session-level advisory lock that serialises migrations across instances ("RHMIGRAT" read as a 64-bit integer). */
export const MIGRATIONS_LOCK_KEY = '5929073886557782356';

/**
 * Applies the pending migrations while holding a PostgreSQL advisory lock, on the connection that
 * runs them: instances starting together on an empty database take turns, and the ones that follow
 * find nothing pending (TypeORM itself takes no lock). Waiting for the lock is not bounded by the
 * statement timeout, since another instance's migrations may take longer; the migrations still are.
 * On PGlite (one session, one process) the lock is granted at once.
 */
export async function runMigrations(db: DataSource): Promise<Migration[]> {
  const runner = db.createQueryRunner('master');
  try {
    await runner.query(`SET statement_timeout = 0`);
    await runner.query(`SELECT pg_advisory_lock($1)`, [MIGRATIONS_LOCK_KEY]);
    await runner.query(`RESET statement_timeout`);
    try {
      const executor = new MigrationExecutor(db, runner);
      executor.transaction = db.options.migrationsTransactionMode ?? 'all';
      return await executor.executePendingMigrations();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [MIGRATIONS_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Connects and brings the schema up to date (the app at start, and `npm run migration:run`). */
export async function openMigrated(options: DataSourceOptions): Promise<{ db: DataSource; applied: Migration[] }> {
  const db = await new DataSource(options).initialize();
  try {
    return { db, applied: await runMigrations(db) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
