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
  /** Signed-in sessions by email and password: the access token and when it was issued, and how to renew it. */
  const sessions = new Map();
  return {
    get: (path, opts) => call('GET', path, opts),
    post: (path, body, opts = {}) => call('POST', path, { ...opts, body }),
    /** Signs in anew (a sign-in attempt: it counts against the sign-in budgets). */
    async login(email, password) {
      return (await call('POST', '/auth/login', { body: { email, password } })).accessToken;
    },
    /**
     * An access token of a session that stays signed in, as an app keeps one: signed in once, then
     * renewed through /auth/refresh (access tokens live a few seconds in the journeys), and signed in
     * again only when the session has ended.
     */
    async session(email, password) {
      const key = `${email}\n${password}`;
      const held = sessions.get(key);
      if (held && Date.now() - held.at < 3000) return held.accessToken;
      let fresh = null;
      if (held) fresh = await call('POST', '/auth/refresh', { body: { refreshToken: held.refreshToken } }).catch(() => null);
      fresh ??= await call('POST', '/auth/login', { body: { email, password } });
      sessions.set(key, { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken, at: Date.now() });
      return fresh.accessToken;
    },
    /** The paths of the running API, to tell which features have landed. */
    async paths() {
      const res = await fetch(`${baseUrl}/api/docs-json`);
      return new Set(Object.keys((await res.json()).paths ?? {}));
    },
  };
}
