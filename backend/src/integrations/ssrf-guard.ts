import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * IPv4-compatible IPv6 (`::a.b.c.d`, deprecated by RFC 4291): ipaddr.js classifies it as ordinary
 * unicast, yet some stacks route it to the embedded IPv4 address (`::127.0.0.1`).
 */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Only ordinary public unicast may be reached in production. ipaddr.js (maintained, RFC-sourced
 * ranges) names every special range: loopback, private, link-local, CGNAT, multicast, reserved and
 * documentation, unique-local, site-local, 6to4, Teredo, NAT64 and the rest; IPv4-mapped addresses
 * are judged as the IPv4 address they carry.
 */
export function isForbiddenAddress(address: string): boolean {
  if (isIP(address) === 0) return true;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
    else if (v6.match(IPV4_COMPATIBLE)) return true;
  }
  return ip.range() !== 'unicast';
}

export class UnsafeWebhookUrl extends Error {}

export interface UrlPolicy {
  /** Development: plain http and private addresses allowed. */
  allowPrivate: boolean;
}

/** Static checks on a URL: scheme, no credentials; in strict mode https only and no literal private IP. */
export function checkWebhookUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrl('is not a valid URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) throw new UnsafeWebhookUrl('must use https');
  if (url.username || url.password) throw new UnsafeWebhookUrl('must not contain credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isForbiddenAddress(host)))) {
    throw new UnsafeWebhookUrl('must not point to a loopback, private or link-local address');
  }
  return url;
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Resolves `hostname` and returns the addresses to connect to; in strict mode every address must be public
 * (one private answer fails the whole name, so DNS round-robin cannot smuggle one in).
 */
export async function resolveSafely(hostname: string, policy: UrlPolicy, resolve: Resolver = systemResolver) {
  const host = hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  const addresses = family ? [{ address: host, family }] : await resolve(host);
  if (addresses.length === 0) throw new UnsafeWebhookUrl('does not resolve');
  if (!policy.allowPrivate && addresses.some((a) => isForbiddenAddress(a.address))) {
    throw new UnsafeWebhookUrl('resolves to a loopback, private or link-local address');
  }
  return addresses;
}
