import { createSecretKey, type KeyObject } from 'node:crypto';
import type { AccessKey } from '../config/access-keys.js';

/** The `kid` of a compact JWT's header without verifying anything, or null when absent or malformed. */
export function tokenKid(token: string): string | null {
  const header = token.split('.')[0];
  if (!header) return null;
  try {
    const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof parsed.kid === 'string' ? parsed.kid : null;
  } catch {
    return null;
  }
}

/** The verification secret for a token: only a token naming a configured key has one (no kid → none). */
export function verificationSecret(keys: AccessKey[], token: string): string | null {
  const kid = tokenKid(token);
  return keys.find((k) => k.kid === kid)?.secret ?? null;
}

const secretKeys = new Map<string, KeyObject>();

/**
 * A KeyObject made once per secret. Handed a string, jsonwebtoken first tries to parse it as a PEM
 * key on every sign and verify and catches the failure (~10% of an authenticated request's CPU).
 */
export function secretKeyOf(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

/** The verification key for a token: only a token naming a configured key has one (no kid → none). */
export function verificationKey(keys: AccessKey[], token: string): KeyObject | null {
  const secret = verificationSecret(keys, token);
  return secret === null ? null : secretKeyOf(secret);
}
