import { createSecretKey, type KeyObject } from 'node:crypto';

/** One HS256 key for access tokens. `kid` goes into the JWT header so verification picks the right secret. */
export interface AccessKey {
  kid: string;
  secret: string;
}

/** The key id used when only `JWT_ACCESS_SECRET` is configured. */
export const DEFAULT_ACCESS_KID = 'default';

const KID = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * `JWT_ACCESS_KEYS=kid1:secret1,kid2:secret2` → keys in order; the first signs, all verify.
 * Secrets may contain `:` (only the first one separates the kid). Returns an error message instead of throwing
 * so the configuration loader can name the variable.
 */
export function parseAccessKeys(value: string): AccessKey[] | string {
  const keys: AccessKey[] = [];
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf(':');
    if (at <= 0) return 'must be kid:secret pairs separated by commas';
    const kid = entry.slice(0, at);
    const secret = entry.slice(at + 1);
    if (!KID.test(kid)) return `key id "${kid}" must be 1-32 letters, digits or . _ -`;
    if (secret.length < 32) return `key "${kid}" must be at least 32 characters`;
    if (keys.some((k) => k.kid === kid)) return `key id "${kid}" appears twice`;
    keys.push({ kid, secret });
  }
  return keys.length ? keys : 'must name at least one key';
}

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
