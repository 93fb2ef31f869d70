// A small JSON client for the steps a test does through the API (the technician's side).
export function apiClient(baseUrl) {
  const call = async (method, path, { token, body } = {}) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
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
