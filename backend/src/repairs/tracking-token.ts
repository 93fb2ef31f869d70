import { randomBytes } from 'node:crypto';

/**
 * A 256-bit random token: the public status page's only credential. It is kept as it is (not hashed)
 * because staff and the owner must be able to show the link again; replacing it revokes the old link.
 */
export const newTrackingToken = (): string => randomBytes(32).toString('base64url');

/** The shape of a token we issue; anything else is not looked up. */
export const isTrackingToken = (value: string): boolean => /^[\w-]{43}$/.test(value);

/** The portal's public status page for `token`. */
export const trackingUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/$/, '')}/track/${token}`;
