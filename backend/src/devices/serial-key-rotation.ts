import type { DataSource } from 'typeorm';
import { queryRows, toBuffer } from '../common/sql.js';
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

type Row = { id: string; serial_encrypted: Buffer | Uint8Array; serial_key_id: string };

/**
 * Re-encrypts every serial stored under an older configured key with the current key (and moves its
 * search HMAC along), in small transactions with the rows locked, so it can run beside the app.
 * Decrypt, then encrypt: the plaintext exists only in this process's memory.
 */
export async function rotateSerialKeys(db: DataSource, cipher: SerialCipher, batchSize = 500): Promise<RotationReport> {
  const report: RotationReport = { currentKeyId: cipher.currentKeyId, rotated: {}, failed: [], unknownKeys: {} };
  const older = cipher.keyIds.filter((kid) => kid !== cipher.currentKeyId);
  let after = '00000000-0000-0000-0000-000000000000';
  while (older.length > 0) {
    const batch = await db.transaction(async (m) => {
      const keys = older.map((_, i) => `$${i + 3}`).join(', ');
      const rows = await queryRows<Row>(
        m,
        `SELECT id, serial_encrypted, serial_key_id FROM devices
          WHERE id > $1 AND serial_key_id IN (${keys}) ORDER BY id LIMIT $2 FOR UPDATE`,
        [after, batchSize, ...older],
      );
      for (const row of rows) {
        let serial: string;
        try {
          serial = cipher.decrypt(toBuffer(row.serial_encrypted), row.serial_key_id, row.id);
        } catch (error) {
          if (!(error instanceof SerialDecryptError)) throw error;
          report.failed.push(row.id);
          continue;
        }
        const sealed = cipher.encrypt(serial, row.id);
        await queryRows(m, `UPDATE devices SET serial_encrypted = $2, serial_key_id = $3, serial_hmac = $4 WHERE id = $1`, [
          row.id,
          sealed.envelope,
          sealed.keyId,
          sealed.hmac,
        ]);
        report.rotated[row.serial_key_id] = (report.rotated[row.serial_key_id] ?? 0) + 1;
      }
      return rows;
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
  }
  const configured = cipher.keyIds.map((_, i) => `$${i + 1}`).join(', ');
  const unknown = await queryRows<{ serial_key_id: string; count: string | number }>(
    db,
    `SELECT serial_key_id, count(*) AS count FROM devices WHERE serial_key_id IS NOT NULL AND serial_key_id NOT IN (${configured}) GROUP BY serial_key_id`,
    cipher.keyIds,
  );
  for (const row of unknown) report.unknownKeys[row.serial_key_id] = Number(row.count);
  return report;
}
