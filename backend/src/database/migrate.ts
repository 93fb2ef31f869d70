import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { loadConfiguration } from '../config/configuration.js';
import { ENTITIES } from '../app/entities.js';
import { dataSourceOptions } from './data-source.js';
import { openMigrated } from './run-migrations.js';

/** `npm run migration:run`: applies pending migrations without starting the server. */
async function migrate(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { db, applied } = await openMigrated(dataSourceOptions(loadConfiguration(), ENTITIES));
  process.stdout.write(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}\n` : 'No pending migrations.\n');
  await db.destroy();
}

void migrate();
