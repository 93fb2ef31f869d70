// A small JSON client for the steps a test does through the API (the technician's side).
import { createHash } from 'node:crypto';
import { Agent, fetch } from 'undici';

// The app runs with its production rate limits, which count per client address. Each person this client
// acts for (an email signing in, or a session's token) connects from an address of their own in
// 127.0.0.0/8, as real people do from their own networks; the browsers under test stay on 127.0.0.1.
const agents = new Map();
function agentFor(identity) {
  const [a, b, c] = createHash('sha256').update(identity).digest();
  const address = `127.${a % 254}.${b}.${(c % 253) + 2}`;
  if (!agents.has(address)) agents.set(address, new Agent({ localAddress: address }));
  return agents.get(address);
}

export function apiClient(url) {
  const baseUrl = url.replace('//localhost', '//127.0.0.1');
  const call = async (method, path, { token, body } = {}) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      dispatcher: agentFor(token ?? body?.email ?? 'anonymous'),
      method,
      headers: { 'content-type': 'application/json', 'x-token-transport': 'body', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return json;
  };
  return {
    get: (path, opts) => call('GET', path, opts),
    post: (path, body, opts = {}) => call('POST', path, { ...opts, body }),
    async login(email, password) {
      return (await call('POST', '/auth/login', { body: { email, password } })).accessToken;
    },
    /** The paths of the running API, to tell which features have landed. */
    async paths() {
      const res = await fetch(`${baseUrl}/api/docs-json`);
      return new Set(Object.keys((await res.json()).paths ?? {}));
    },
  };
}
