import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { loadConfiguration } from '../config/configuration.js';
import { dataSourceOptions } from '../database/data-source.js';
import { openMigrated } from '../database/run-migrations.js';
import { ENTITIES } from './entities.js';

/** The statements TypeORM would run to make the database match the entities (what `migration:generate` would write). */
export async function schemaDrift(db: DataSource): Promise<string[]> {
  const { upQueries } = await db.driver.createSchemaBuilder().log();
  return upQueries.map((query) => query.query);
}

/**
 * `npm run schema:drift`: migrates the configured database, then prints the statements the entities
 * still want, one per line, and exits 1 if there are any (the entities and the migrations disagree).
 */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { db } = await openMigrated(dataSourceOptions(loadConfiguration(), ENTITIES));
  try {
    const drift = await schemaDrift(db);
    for (const statement of drift) process.stdout.write(`${statement.replace(/\s+/g, ' ').trim()};\n`);
    process.exitCode = drift.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
