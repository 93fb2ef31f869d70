import { mkdirSync } from 'node:fs';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteDriver } from 'typeorm-pglite';
import type { AppConfig } from '../config/configuration.js';
import { MIGRATIONS } from './migrations/index.js';
import { ExclusivePGlitePool } from './pglite-exclusive-pool.js';
import { SnakeNamingStrategy } from './naming.strategy.js';

/** The entities a data source maps; migrations and raw-SQL tools need none. */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/**
 * PostgreSQL through `pg` when DATABASE_URL is set; otherwise embedded PGlite, so a fresh machine
 * needs no database server. Both run the same migrations; the schema is never synchronized.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>, entities: EntityList): DataSourceOptions {
  const { database } = config;
  const common = {
    type: 'postgres' as const,
    entities,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
  };

  if (database.url) {
    const pool = {
      max: database.poolSize,
      connectionTimeoutMillis: database.connectTimeoutMs,
      statement_timeout: database.statementTimeoutMs,
      idle_in_transaction_session_timeout: database.statementTimeoutMs * 2,
      application_name: 'repairhub',
    };
    if (database.readUrl) {
      return {
        ...common,
        // Implicit reads stay on the primary; list/report queries opt in to the replica (read-replica.ts).
        replication: { master: { url: database.url }, slaves: [{ url: database.readUrl }], defaultMode: 'master' },
        extra: pool,
      };
    }
    return { ...common, url: database.url, extra: pool, poolSize: database.poolSize };
  }

  if (database.dataDir) mkdirSync(database.dataDir, { recursive: true });
  const driver = new PGliteDriver({ dataDir: database.dataDir ?? undefined, extensions: { uuid_ossp, pg_trgm } }).driver as {
    Pool: unknown;
  };
  driver.Pool = ExclusivePGlitePool;
  return { ...common, driver };
}

/** Whether `db` runs on embedded PGlite: one session of one process (the `driver` option set above). */
export const isEmbedded = (db: DataSource): boolean => Boolean((db.driver.options as { driver?: unknown }).driver);
