export interface ApiResponse<T = any> {
  status: number;
  headers: { get(name: string): string | null };
  body: T;
  text: string;
}

import { fetch } from 'undici';
import { agentFrom, clientAddress } from './client-address.js';
import { assertContract } from './openapi-contract.js';

// Preflights and HEAD are answered by the framework, not by a documented operation.
const UNDOCUMENTED_METHODS = new Set(['OPTIONS', 'HEAD']);

export interface RequestOptions {
  token?: string;
  /** The client address to send from; by default the caller's own (see `clientAddress`). */
  from?: string;
  headers?: Record<string, string>;
  /** Sent as-is (for malformed or oversize bodies); otherwise `body` is JSON-encoded. */
  raw?: string | Buffer;
  body?: unknown;
  /** Aborts (the promise rejects) when no answer came within this time. */
  timeoutMs?: number;
}

/** The body as the contract check reads it: JSON (also JSON sent raw), or opaque. */
function sentBody(options: RequestOptions, headers: Record<string, string>): { body: unknown; opaqueBody?: boolean } {
  if (options.raw === undefined) return { body: options.body };
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (/json/i.test(type)) {
    try {
      return { body: JSON.parse(options.raw.toString()) };
    } catch {
      // malformed on purpose: the server refuses it, and a 2xx is caught by the response check
    }
  }
  return { body: undefined, opaqueBody: true };
}

/** A small fetch wrapper for e2e tests: always resolves, never throws on HTTP errors. */
export class ApiClient {
  /** `defaults.from`: every request of this client comes from that address unless a request names another. */
  constructor(
    readonly base: string,
    private readonly defaults: { from?: string } = {},
  ) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined = options.raw;
    if (body === undefined && options.body !== undefined) {
      body = JSON.stringify(options.body);
    }
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const identity = options.token ?? options.headers?.['x-api-key'] ?? (options.body as { email?: unknown } | undefined)?.email;
    const from = options.from ?? this.defaults.from ?? (typeof identity === 'string' ? clientAddress(identity) : '127.0.0.1');
    const signal = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
    const response = await fetch(`${this.base}${path}`, { method, headers, body, signal, dispatcher: agentFrom(from) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    if (!UNDOCUMENTED_METHODS.has(method.toUpperCase())) {
      const url = new URL(`${this.base}${path}`);
      await assertContract({
        method,
        url: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
        ...sentBody(options, headers),
        status: response.status,
        contentType: response.headers.get('content-type'),
        responseBody: parsed,
      });
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }
}

/** Asserts an RFC 9457 body and returns it. */
export function expectProblem(response: ApiResponse, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status, requestId: response.headers.get('x-request-id') });
  if (code) expect(response.body.code).toBe(code);
  expect(response.text).not.toMatch(/at .*\.(ts|js):\d+|QueryFailedError|node_modules/);
  return response.body;
}
