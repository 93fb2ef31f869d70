import http from 'node:http';
import https from 'node:https';
import { resolveSafely, type UrlPolicy } from './ssrf-guard.js';

export interface SendResult {
  status: number;
}

/**
 * POSTs `body` to `url`, connecting only to the addresses `resolveSafely` approved (the lookup is pinned, so
 * a second DNS answer cannot swap in a private address). Redirects are not followed: a 3xx is a failed attempt.
 */
export async function postWebhook(url: URL, body: string, headers: Record<string, string>, policy: UrlPolicy, timeoutMs: number): Promise<SendResult> {
  const addresses = await resolveSafely(url.hostname, policy);
  const [first] = addresses;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
        timeout: timeoutMs,
        lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
          if (options?.all) callback(null, addresses);
          else callback(null, first.address, first.family);
        }) as never,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no response within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
