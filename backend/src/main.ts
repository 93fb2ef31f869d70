import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConfigurationError, loadConfiguration } from './config/configuration.js';
import { startTelemetry } from './telemetry.js';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfiguration();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Before the application's modules are imported, so their instrumentation can hook in.
  const telemetry = await startTelemetry(config.otel);
  const { createApp } = await import('./app.factory.js');
  const app = await createApp(config);
  // Flushes buffered spans while Nest drains (SHUTDOWN_GRACE_MS); spans of the last moments may be lost.
  if (telemetry) for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void telemetry.shutdown().catch(() => undefined));
  await app.listen(config.http.port, config.http.host);
  const url = config.http.publicUrl;
  const role = config.role.name;
  process.stdout.write(
    config.role.api
      ? `RepairHub${role === 'all' ? '' : ` (${role})`} is running: portal ${url}/  console ${url}/console/  API docs ${url}/api/docs\n`
      : `RepairHub (${role}) is running on port ${config.http.port}: health only${config.role.chat ? ', Socket.IO /chat' : ''}\n`,
  );
}

void main();
