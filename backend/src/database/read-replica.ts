import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs list/report reads on the read replica when `DATABASE_READ_URL` is set (TypeORM replication, a query
 * runner in `slave` mode), else on the primary. Everything else — writes, transactions, and the reads that
 * must see a write just made (detail pages after a change, auth) — stays on the primary, which is also the
 * data source's default for implicit reads (`replication.defaultMode: 'master'`). Lists may lag the primary
 * by the replication delay.
 */
export async function onReadReplica<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const options = db.driver.options as { replication?: unknown };
  if (!options.replication) return work(db.manager);
  const runner = db.createQueryRunner('slave');
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}
