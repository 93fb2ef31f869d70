import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApp } from './app.factory.js';
import { loadConfiguration } from './config/configuration.js';
import { buildOpenApiDocument } from './swagger.js';

/** Writes the OpenAPI document the running app serves at /api/docs-json, for linting and client generation. */
async function exportOpenApi(file: string): Promise<void> {
  const config = loadConfiguration({ NODE_ENV: 'test', DATA_DIR: '', DEMO_DATA: 'false', SERVE_APPS: 'false', LOG_LEVEL: 'silent' });
  const app = await createApp(config);
  await app.init();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

void exportOpenApi(process.argv[2] ?? 'openapi.json');
