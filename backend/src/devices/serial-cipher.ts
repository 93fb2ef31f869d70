import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { normalizeSerial } from '@repairhub/contracts';

export interface SerialKeyMaterial {
  kid: string;
  key: Buffer;
}

export interface EncryptedSerial {
  keyId: string;
  /** iv (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes). */
  envelope: Buffer;
  /** HMAC-SHA256 of the normalised serial under the search key derived from `keyId`'s key. */
  hmac: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEARCH_KEY_INFO = 'repairhub/serial-search/v1';

/** Raised for a missing key or a failed authentication; its message never contains the serial. */
export class SerialDecryptError extends Error {
  constructor(readonly keyId: string, reason: string) {
    super(`Serial could not be decrypted with key "${keyId}": ${reason}`);
    this.name = 'SerialDecryptError';
  }
}

/** The device id is authenticated with the ciphertext, so an envelope copied to another row fails to decrypt. */
const aad = (deviceId: string) => Buffer.from(`repairhub:device-serial:${deviceId}`, 'utf8');

/**
 * AES-256-GCM for device serials under `SERIAL_ENCRYPTION_KEYS` (first = current).
 *
 * Search: each encryption key has its own HMAC key, derived with HKDF-SHA256 (separate `info`, so
 * the MAC key is never the encryption key). A row's HMAC is computed under the same key id as its
 * ciphertext, and a search computes the HMAC under every configured key (`WHERE serial_hmac =
 * ANY(...)`). So rows written before a rotation stay findable while their old key is configured,
 * `keys:rotate` moves the HMAC together with the ciphertext, and retiring a key retires its MAC key
 * too, with no second long-lived secret to manage.
 */
export class SerialCipher {
  private readonly keys = new Map<string, { key: Buffer; searchKey: Buffer }>();
  readonly currentKeyId: string;

  constructor(keys: readonly SerialKeyMaterial[]) {
    if (keys.length === 0) throw new Error('At least one serial encryption key is required');
    for (const { kid, key } of keys) {
      if (this.keys.has(kid)) throw new Error(`Serial encryption key id "${kid}" is listed twice`);
      if (key.length !== 32) throw new Error(`Serial encryption key "${kid}" must be 32 bytes`);
      const searchKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), SEARCH_KEY_INFO, 32));
      this.keys.set(kid, { key, searchKey });
    }
    this.currentKeyId = keys[0].kid;
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** Encrypts `serial` (stored as given) under the current key. */
  encrypt(serial: string, deviceId: string): EncryptedSerial {
    const { key } = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(deviceId));
    const ciphertext = Buffer.concat([cipher.update(serial, 'utf8'), cipher.final()]);
    const envelope = Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
    return { keyId: this.currentKeyId, envelope, hmac: this.searchHash(serial, this.currentKeyId) };
  }

  decrypt(envelope: Buffer, keyId: string, deviceId: string): string {
    const material = this.keys.get(keyId);
    if (!material) throw new SerialDecryptError(keyId, 'the key is not configured');
    if (envelope.length < IV_BYTES + TAG_BYTES) throw new SerialDecryptError(keyId, 'the envelope is truncated');
    const iv = envelope.subarray(0, IV_BYTES);
    const tag = envelope.subarray(envelope.length - TAG_BYTES);
    const ciphertext = envelope.subarray(IV_BYTES, envelope.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', material.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(deviceId));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SerialDecryptError(keyId, 'authentication failed');
    }
  }

  /** The HMACs a stored row with this serial may carry: one per configured key. */
  searchHashes(serial: string): Buffer[] {
    return this.keyIds.map((kid) => this.searchHash(serial, kid));
  }

  private searchHash(serial: string, kid: string): Buffer {
    return createHmac('sha256', this.keys.get(kid)!.searchKey).update(normalizeSerial(serial), 'utf8').digest();
  }
}

const MASK = '••••';

/** `•••• 1234`: the last four characters of serials longer than eight, otherwise nothing of it. */
export function maskSerial(serial: string): string {
  const compact = serial.replace(/\s+/g, '');
  return compact.length > 8 ? `${MASK} ${compact.slice(-4)}` : MASK;
}
