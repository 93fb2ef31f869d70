import type { DataSource } from 'typeorm';
import { toBuffer } from '../common/sql.js';
import { DevicesRepository } from './devices.repository.js';
import { SerialDecryptError, type SerialCipher } from './serial-cipher.js';

export interface RotationReport {
  currentKeyId: string;
  /** Rows re-encrypted, by the key id they had. */
  rotated: Record<string, number>;
  /** Devices whose serial failed to authenticate under its (configured) key: left as they are. */
  failed: string[];
  /** Rows under key ids that are not configured at all: they cannot be read until the key is back. */
  unknownKeys: Record<string, number>;
}

/**
 * Re-encrypts every serial stored under an older configured key with the current key (and moves its
 * search HMAC along), in small transactions with the rows locked, so it can run beside the app.
 * Decrypt, then encrypt: the plaintext exists only in this process's memory.
 */
export async function rotateSerialKeys(db: DataSource, cipher: SerialCipher, batchSize = 500): Promise<RotationReport> {
  const report: RotationReport = { currentKeyId: cipher.currentKeyId, rotated: {}, failed: [], unknownKeys: {} };
  const devices = new DevicesRepository(db);
  const older = cipher.keyIds.filter((kid) => kid !== cipher.currentKeyId);
  let after = '00000000-0000-0000-0000-000000000000';
  while (older.length > 0) {
    const batch = await db.transaction(async (m) => {
      const rows = await devices.lockSerialsUnderKeys(m, older, after, batchSize);
      for (const row of rows) {
        let serial: string;
        try {
          serial = cipher.decrypt(toBuffer(row.serialEncrypted), row.serialKeyId, row.id);
        } catch (error) {
          if (!(error instanceof SerialDecryptError)) throw error;
          report.failed.push(row.id);
          continue;
        }
        const sealed = cipher.encrypt(serial, row.id);
        await devices.setSerial(m, row.id, { serialEncrypted: sealed.envelope, serialKeyId: sealed.keyId, serialHmac: sealed.hmac });
        report.rotated[row.serialKeyId] = (report.rotated[row.serialKeyId] ?? 0) + 1;
      }
      return rows;
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
  }
  report.unknownKeys = await devices.countSerialsNotUnder(cipher.keyIds);
  return report;
}
