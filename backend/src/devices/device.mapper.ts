import type { DeviceView } from '@repairhub/contracts';
import { toBuffer } from '../common/sql.js';
import type { DeviceRecord } from './devices.repository.js';
import { maskSerial, type SerialCipher } from './serial-cipher.js';

export function decryptSerial(row: DeviceRecord, cipher: SerialCipher): string | null {
  if (row.serialEncrypted === null || row.serialKeyId === null) return null;
  return cipher.decrypt(toBuffer(row.serialEncrypted), row.serialKeyId, row.id);
}

/**
 * Masked unless `reveal`. A serial that cannot be decrypted (key removed too early) reads as a bare
 * mask rather than failing the whole list; `onUnreadable` reports it. A reveal lets the error through.
 */
export function toDeviceView(row: DeviceRecord, cipher: SerialCipher, reveal: boolean, onUnreadable: (row: DeviceRecord, error: unknown) => void): DeviceView {
  let serialNumber: string | null = null;
  const hasSerial = row.serialEncrypted !== null;
  if (hasSerial && reveal) {
    serialNumber = decryptSerial(row, cipher);
  } else if (hasSerial) {
    try {
      serialNumber = maskSerial(decryptSerial(row, cipher)!);
    } catch (error) {
      onUnreadable(row, error);
      serialNumber = maskSerial('');
    }
  }
  return {
    id: row.id,
    ownerId: row.ownerId,
    type: row.type,
    brand: row.brand,
    model: row.model,
    serialNumber,
    serialRevealed: hasSerial && reveal,
    hasSerial,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
