import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ConfigurationError, loadConfiguration } from '../config/configuration.js';
import { dataSourceOptions } from '../database/data-source.js';
import { User } from '../users/user.entity.js';
import { Device } from './device.entity.js';
import { SerialCipher } from './serial-cipher.js';
import { rotateSerialKeys } from './serial-key-rotation.js';

/**
 * `npm run keys:rotate`: after putting a new key first in SERIAL_ENCRYPTION_KEYS (and keeping the
 * old ones after it), re-encrypts every device serial under the new key. Once it reports nothing
 * left under an old key, that key can be removed from the list. Safe to run while the app runs.
 */
async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfiguration();
  const cipher = new SerialCipher(config.serialKeys);
  const db = new DataSource(dataSourceOptions(config, [Device, User]));
  await db.initialize();
  try {
    const report = await rotateSerialKeys(db, cipher);
    const moved = Object.entries(report.rotated);
    const out = process.stdout;
    out.write(`Current serial key: ${report.currentKeyId}\n`);
    out.write(moved.length ? moved.map(([kid, n]) => `Re-encrypted ${n} serial(s) from key ${kid}\n`).join('') : 'Nothing to re-encrypt.\n');
    let ok = true;
    if (report.failed.length) {
      ok = false;
      process.stderr.write(`${report.failed.length} serial(s) failed to authenticate and were left as they are: devices ${report.failed.join(', ')}\n`);
    }
    for (const [kid, n] of Object.entries(report.unknownKeys)) {
      ok = false;
      process.stderr.write(`${n} serial(s) are under key ${kid}, which is not configured: add it back to SERIAL_ENCRYPTION_KEYS and run again.\n`);
    }
    return ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigurationError ? error.message : `Key rotation failed: ${(error as Error).message}`}\n`);
    process.exit(1);
  },
);
