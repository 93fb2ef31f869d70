import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_TOKEN_PREFIX } from '@repairhub/contracts';

/**
 * `rh_live_<prefix>_<secret>`: the prefix (8 random bytes, hex) finds the row and is safe to list; the secret
 * (32 random bytes, base64url) is never stored. We keep SHA-256(secret): with 256 bits of entropy a fast hash
 * cannot be brute-forced, so a slow hash (argon2) would only cost latency on every call, and an HMAC with a
 * server secret would add a second key to manage without making a leaked table any weaker.
 */
export interface PresentedKey {
  prefix: string;
  secret: string;
}

const FORMAT = new RegExp(`^${API_KEY_TOKEN_PREFIX}([0-9a-f]{16})_([A-Za-z0-9_-]{43})$`);

export function generateApiKey(): { token: string; prefix: string; hash: Buffer } {
  const prefix = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `${API_KEY_TOKEN_PREFIX}${prefix}_${secret}`, prefix, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function parseApiKey(token: string): PresentedKey | null {
  const match = FORMAT.exec(token.trim());
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const hash = hashSecret(secret);
  return storedHash.length === hash.length && timingSafeEqual(hash, storedHash);
}

/** The key a request presents: `X-API-Key`, or `Authorization: Bearer rh_live_...` (a JWT never starts so). */
export function presentedApiKey(headers: Record<string, string | string[] | undefined>): string | null {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const [scheme, value] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer' && value?.startsWith(API_KEY_TOKEN_PREFIX)) return value;
  }
  return null;
}
