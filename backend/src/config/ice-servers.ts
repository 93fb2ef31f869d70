import type { IceServer } from '@repairhub/contracts';

export interface TurnSettings {
  secret: string;
  urls: string[];
  ttlSeconds: number;
}

const ICE_URL = /^(stun|stuns|turn|turns):\S+$/;

/** `ICE_SERVERS` as RTCIceServer objects, or why not (one sentence for the start-up error). */
export function parseIceServers(json: string | undefined): IceServer[] | string {
  if (json === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'must be a JSON array of {urls, username?, credential?}';
  }
  if (!Array.isArray(value)) return 'must be a JSON array of {urls, username?, credential?}';
  const servers: IceServer[] = [];
  for (const [i, entry] of value.entries()) {
    if (typeof entry !== 'object' || entry === null) return `entry ${i} must be an object`;
    const { urls, username, credential, ...rest } = entry as Record<string, unknown>;
    if (Object.keys(rest).length) return `entry ${i} has unknown fields: ${Object.keys(rest).join(', ')}`;
    const list = typeof urls === 'string' ? [urls] : urls;
    if (!Array.isArray(list) || list.length === 0 || !list.every((u) => typeof u === 'string' && ICE_URL.test(u))) {
      return `entry ${i}: urls must be stun:, stuns:, turn: or turns: URLs`;
    }
    if ((username !== undefined && typeof username !== 'string') || (credential !== undefined && typeof credential !== 'string')) {
      return `entry ${i}: username and credential must be strings`;
    }
    servers.push({ urls: urls as string | string[], ...(username !== undefined ? { username } : {}), ...(credential !== undefined ? { credential } : {}) });
  }
  return servers;
}

/** `TURN_URLS` as a list of turn:/turns: URLs, or why not. */
export function parseTurnUrls(value: string | undefined): string[] | string {
  const urls = (value ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (urls.length === 0) return 'is required with TURN_SECRET (e.g. turn:turn.example.com:3478)';
  if (!urls.every((u) => /^turns?:\S+$/.test(u))) return 'must be turn: or turns: URLs';
  return urls;
}
