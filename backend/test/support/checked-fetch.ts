import { assertContract } from './openapi-contract.js';

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries([...new Headers(headers).entries()]);
}

/** The body as the contract check reads it: JSON text is checked, anything else (multipart, bytes) is opaque. */
function sentBody(body: RequestInit['body'], headers: Record<string, string>): { body: unknown; opaqueBody?: boolean } {
  if (body === undefined || body === null) return { body: undefined };
  if (typeof body === 'string' && /json/i.test(headers['content-type'] ?? '')) {
    try {
      return { body: JSON.parse(body) };
    } catch {
      // malformed on purpose: the server refuses it, and a 2xx is caught by the response check
    }
  }
  return { body: undefined, opaqueBody: true };
}

/**
 * `fetch` for exchanges the ApiClient cannot send (multipart, binary answers), held to the OpenAPI
 * document like the ApiClient's: throws when the exchange breaks it. The answer comes back unread.
 */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  const type = response.headers.get('content-type');
  const text = await response.clone().text();
  const headers = headerRecord(init.headers);
  const { pathname, search } = new URL(url);
  await assertContract({
    method: init.method ?? 'GET',
    url: `${pathname}${search}`,
    headers,
    ...sentBody(init.body, headers),
    status: response.status,
    contentType: type,
    responseBody: text && /json/i.test(type ?? '') ? JSON.parse(text) : text || undefined,
  });
  return response;
}
