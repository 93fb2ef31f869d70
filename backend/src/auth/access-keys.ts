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
 * The verification key for a token: only a token naming a configured key has one (no kid → none).
 * A KeyObject made once per secret: handed a string, jsonwebtoken first tries to parse it as a PEM
 * public key on every verify and catches the failure (~10% of an authenticated request's CPU).
 */
export function verificationKey(keys: AccessKey[], token: string): KeyObject | null {
  const secret = verificationSecret(keys, token);
  if (secret === null) return null;
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}
