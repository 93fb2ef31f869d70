import { createHmac, randomBytes } from 'node:crypto';
import { maskSerial, SerialCipher, SerialDecryptError } from './serial-cipher.js';

const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };
const DEVICE = '5b0a8c4e-2f0e-4c43-9a55-0d4c2a1e9f10';
const OTHER_DEVICE = '0e5d9c1a-7b7e-4f5b-8b0a-3c2d1e0f9a88';

describe('SerialCipher', () => {
  it('round-trips a serial and never stores it in the clear', () => {
    const cipher = new SerialCipher([k1]);
    const sealed = cipher.encrypt('C02XK1ZZJGH5', DEVICE);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.envelope.toString('latin1')).not.toContain('C02XK1ZZJGH5');
    expect(sealed.envelope.length).toBe(12 + 'C02XK1ZZJGH5'.length + 16);
    expect(cipher.decrypt(sealed.envelope, 'k1', DEVICE)).toBe('C02XK1ZZJGH5');
  });

  it('uses a fresh IV each time', () => {
    const cipher = new SerialCipher([k1]);
    const a = cipher.encrypt('SAME-SERIAL-1', DEVICE).envelope;
    const b = cipher.encrypt('SAME-SERIAL-1', DEVICE).envelope;
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a tampered byte anywhere in the envelope', () => {
    const cipher = new SerialCipher([k1]);
    const { envelope } = cipher.encrypt('C02XK1ZZJGH5', DEVICE);
    for (const index of [0, 12, envelope.length - 1]) {
      const tampered = Buffer.from(envelope);
      tampered[index] ^= 0x01;
      expect(() => cipher.decrypt(tampered, 'k1', DEVICE)).toThrow(SerialDecryptError);
    }
  });

  it('refuses an envelope moved to another device row', () => {
    const cipher = new SerialCipher([k1]);
    const { envelope } = cipher.encrypt('C02XK1ZZJGH5', DEVICE);
    expect(() => cipher.decrypt(envelope, 'k1', OTHER_DEVICE)).toThrow(SerialDecryptError);
  });

  it('keeps the serial out of its error messages', () => {
    const cipher = new SerialCipher([k1]);
    const { envelope } = cipher.encrypt('C02XK1ZZJGH5', DEVICE);
    try {
      new SerialCipher([k2]).decrypt(envelope, 'k1', DEVICE);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(SerialDecryptError);
      expect((error as Error).message).not.toContain('C02XK1ZZJGH5');
      expect((error as Error).message).toContain('not configured');
    }
  });

  it('still decrypts under an old key after rotation and encrypts under the new one', () => {
    const before = new SerialCipher([k1]);
    const old = before.encrypt('C02XK1ZZJGH5', DEVICE);
    const after = new SerialCipher([k2, k1]);
    expect(after.decrypt(old.envelope, 'k1', DEVICE)).toBe('C02XK1ZZJGH5');
    const fresh = after.encrypt('C02XK1ZZJGH5', DEVICE);
    expect(fresh.keyId).toBe('k2');
    expect(() => before.decrypt(fresh.envelope, 'k2', DEVICE)).toThrow(SerialDecryptError);
  });

  it('finds rows hashed under any configured key, ignoring case and spaces', () => {
    const before = new SerialCipher([k1]);
    const oldRow = before.encrypt('c02x k1zz jgh5', DEVICE);
    const after = new SerialCipher([k2, k1]);
    const newRow = after.encrypt('C02XK1ZZJGH5', OTHER_DEVICE);
    const hashes = after.searchHashes('C02XK1ZZJGH5');
    expect(hashes).toHaveLength(2);
    expect(hashes.some((h) => h.equals(oldRow.hmac))).toBe(true);
    expect(hashes.some((h) => h.equals(newRow.hmac))).toBe(true);
    expect(after.searchHashes('C02XK1ZZJGH6').some((h) => h.equals(oldRow.hmac) || h.equals(newRow.hmac))).toBe(false);
  });

  it('derives a MAC key distinct from the encryption key', () => {
    const cipher = new SerialCipher([k1]);
    const withRawKey = createHmac('sha256', k1.key).update('C02XK1ZZJGH5').digest();
    expect(cipher.encrypt('C02XK1ZZJGH5', DEVICE).hmac.equals(withRawKey)).toBe(false);
  });

  it('rejects duplicate key ids and keys of the wrong size', () => {
    expect(() => new SerialCipher([k1, { kid: 'k1', key: randomBytes(32) }])).toThrow(/twice/);
    expect(() => new SerialCipher([{ kid: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
  });
});

describe('maskSerial', () => {
  it('shows only the last four characters of a long serial', () => {
    expect(maskSerial('C02XK1ZZJGH5')).toBe('•••• JGH5');
  });

  it('shows nothing of a short serial', () => {
    expect(maskSerial('AB12')).toBe('••••');
    expect(maskSerial('ABCD1234')).toBe('••••');
  });
});
