import { createHmac } from 'node:crypto';
import type { IceServer } from '@repairhub/contracts';
import type { TurnSettings } from '../config/ice-servers.js';

/**
 * coturn's `use-auth-secret` scheme (the "TURN REST API"): the username is `<expiry unix time>:<user id>`
 * and the password base64(HMAC-SHA1(secret, username)); coturn recomputes it and refuses it after expiry.
 */
export function turnCredentials(secret: string, userId: string, ttlSeconds: number, now: Date = new Date()): { username: string; credential: string } {
  const username = `${Math.floor(now.getTime() / 1000) + ttlSeconds}:${userId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** What one user's peer connection may use: the configured servers, plus TURN with fresh credentials. */
export function iceServersFor(userId: string, servers: IceServer[], turn: TurnSettings | null, now?: Date): IceServer[] {
  if (!turn) return servers;
  return [...servers, { urls: turn.urls, ...turnCredentials(turn.secret, userId, turn.ttlSeconds, now) }];
}
