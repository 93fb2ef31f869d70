import type { DeviceType, DeviceView } from '@repairhub/contracts';
import { toBuffer } from '../common/sql.js';
import { maskSerial, type SerialCipher } from './serial-cipher.js';

/** The device columns every device read selects (`alias.` prefixed). */
export const DEVICE_COLUMNS = (a: string) =>
  `${a}.id, ${a}.owner_id, ${a}.type, ${a}.brand, ${a}.model, ${a}.serial_encrypted, ${a}.serial_key_id, ${a}.created_at, ${a}.updated_at`;

export interface DeviceRow {
  id: string;
  owner_id: string;
  type: DeviceType;
  brand: string;
  model: string;
  serial_encrypted: Buffer | Uint8Array | null;
  serial_key_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function decryptSerial(row: DeviceRow, cipher: SerialCipher): string | null {
  if (row.serial_encrypted === null || row.serial_key_id === null) return null;
  return cipher.decrypt(toBuffer(row.serial_encrypted), row.serial_key_id, row.id);
}

/**
 * Masked unless `reveal`. A serial that cannot be decrypted (key removed too early) reads as a bare
 * mask rather than failing the whole list; `onUnreadable` reports it. A reveal lets the error through.
 */
export function toDeviceView(row: DeviceRow, cipher: SerialCipher, reveal: boolean, onUnreadable: (row: DeviceRow, error: unknown) => void): DeviceView {
  let serialNumber: string | null = null;
  const hasSerial = row.serial_encrypted !== null;
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
    ownerId: row.owner_id,
    type: row.type,
    brand: row.brand,
    model: row.model,
    serialNumber,
    serialRevealed: hasSerial && reveal,
    hasSerial,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
