export interface WebApp {
  name: string;
  /** Path the app is served under, with a trailing slash (its `<base href>`). */
  prefix: string;
  dir: string;
}

/** The API, its docs and the Socket.IO endpoint never fall back to an app's index.html. */
const NOT_AN_APP_ROUTE = /^\/(api|socket\.io)(\/|$)/;

/**
 * Which app's index.html answers a client-side route such as `/repairs/42`: a browser navigation
 * (GET/HEAD asking for HTML) under an app's prefix, outside the API, for a path without a file
 * extension (a missing `/main-abc.js` stays a 404 instead of turning into HTML).
 */
export function spaFallback(apps: readonly WebApp[], method: string, url: string, accept: string | undefined): WebApp | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const path = url.split('?')[0];
  if (NOT_AN_APP_ROUTE.test(path)) return null;
  if (/\.[a-z0-9]+$/i.test(path)) return null;
  if (!(accept ?? '').includes('text/html')) return null;
  return apps.find((app) => path.startsWith(app.prefix) || `${path}/` === app.prefix) ?? null;
}
