import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { parseAccessKeys } from '../config/access-keys.js';
import { secretKeyOf, tokenKid, verificationKey, verificationSecret } from './access-keys.js';

const s1 = 'a'.repeat(32);
const s2 = 'b:'.repeat(20);

const token = (header: object) => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.e30.sig`;

describe('access keys', () => {
  it('parses kid:secret pairs in order, secrets may contain colons', () => {
    expect(parseAccessKeys(`k2:${s1}, k1:${s2}`)).toEqual([
      { kid: 'k2', secret: s1 },
      { kid: 'k1', secret: s2 },
    ]);
  });

  it.each([
    ['', /at least one key/],
    [`:${s1}`, /kid:secret/],
    ['k1:short', /at least 32 characters/],
    [`k1:${s1},k1:${s1}`, /appears twice/],
    [`bad kid:${s1}`, /letters, digits/],
  ])('refuses %p', (value, message) => {
    expect(parseAccessKeys(value)).toMatch(message);
  });

  it('picks the secret by the token header kid, and none without a known kid', () => {
    const keys = [
      { kid: 'new', secret: s1 },
      { kid: 'old', secret: s2 },
    ];
    expect(verificationSecret(keys, token({ alg: 'HS256', kid: 'old' }))).toBe(s2);
    expect(verificationSecret(keys, token({ alg: 'HS256', kid: 'new' }))).toBe(s1);
    expect(verificationSecret(keys, token({ alg: 'HS256', kid: 'gone' }))).toBeNull();
    expect(verificationSecret(keys, token({ alg: 'HS256' }))).toBeNull();
    expect(tokenKid('not a jwt')).toBeNull();
  });

  it('hands verification one key object per secret, made once', () => {
    const keys = [{ kid: 'new', secret: s1 }];
    const first = verificationKey(keys, token({ alg: 'HS256', kid: 'new' }));
    expect(first?.export().toString('utf8')).toBe(s1);
    expect(verificationKey(keys, token({ alg: 'HS256', kid: 'new' }))).toBe(first);
    expect(verificationKey(keys, token({ alg: 'HS256', kid: 'gone' }))).toBeNull();
  });

  it('signs with the same key object verification uses, and the token is the one the secret string would give', () => {
    const key = secretKeyOf(s1);
    expect(secretKeyOf(s1)).toBe(key);
    expect(verificationKey([{ kid: 'k', secret: s1 }], token({ alg: 'HS256', kid: 'k' }))).toBe(key);
    const jwt = new JwtService();
    const options = { algorithm: 'HS256', keyid: 'k', noTimestamp: true } as const;
    const signed = jwt.sign({ sub: 'u1' }, { ...options, secret: key as unknown as string });
    expect(signed).toBe(jwt.sign({ sub: 'u1' }, { ...options, secret: s1 }));
    const [header, payload, signature] = signed.split('.');
    expect(createHmac('sha256', s1).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
  });
});
