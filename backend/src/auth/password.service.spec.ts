import argon2 from 'argon2';
import type { AppConfig } from '../config/configuration.js';
import { PasswordService } from './password.service.js';

const config = { auth: { argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 } } } as AppConfig;

describe('PasswordService', () => {
  const service = new PasswordService(config);

  beforeAll(() => service.onModuleInit());

  it('hashes with argon2id at least at the OWASP minimum', async () => {
    const hash = await service.hash('correct horse battery staple');
    const [, algorithm, version, params] = hash.split('$');
    expect(algorithm).toBe('argon2id');
    expect(version).toBe('v=19');
    const { m, t, p } = Object.fromEntries(params.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    expect(m).toBeGreaterThanOrEqual(19456);
    expect(t).toBeGreaterThanOrEqual(2);
    expect(p).toBeGreaterThanOrEqual(1);
    expect(await argon2.verify(hash, 'correct horse battery staple')).toBe(true);
  });

  it('uses every character of a long password', async () => {
    const long = 'ü'.repeat(63) + 'a';
    const hash = await service.hash(long);
    expect(await service.verify(hash, long)).toBe(true);
    expect(await service.verify(hash, 'ü'.repeat(63) + 'b')).toBe(false);
  });

  it('answers false, not an error, for an unknown user', async () => {
    expect(await service.verify(null, 'dummy-password-for-timing-only')).toBe(false);
  });

  it('refuses common passwords and accepts an ordinary passphrase', () => {
    expect(() => service.assertAcceptable('password123')).toThrow(/too common/);
    expect(() => service.assertAcceptable('12345678')).toThrow(/too common/);
    expect(() => service.assertAcceptable('Tulip-Kettle-49-Orbit')).not.toThrow();
  });
});
