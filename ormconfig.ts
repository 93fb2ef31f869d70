// The TypeORM DataSource the migration CLI uses (`npm run migration:generate -- <Name>` / `npm run migration:run`).
// It reads the same validated configuration as the app: DATABASE_URL → PostgreSQL, unset → PGlite in DATA_DIR.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfiguration } from './backend/src/config/configuration.js';
import { ENTITIES } from './backend/src/app/entities.js';
import { dataSourceOptions } from './backend/src/database/data-source.js';

export default new DataSource(dataSourceOptions(loadConfiguration(), ENTITIES));
