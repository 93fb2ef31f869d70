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
