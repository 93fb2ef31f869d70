import { spaFallback, type WebApp } from './spa-fallback.js';

const console: WebApp = { name: 'admin-console', prefix: '/console/', dir: '/dist/admin-console/browser' };
const portal: WebApp = { name: 'customer-portal', prefix: '/', dir: '/dist/customer-portal/browser' };
const apps = [console, portal];
const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('spaFallback', () => {
  it('answers a deep link of each app with that app', () => {
    expect(spaFallback(apps, 'GET', '/repairs/42?tab=chat', html)).toBe(portal);
    expect(spaFallback(apps, 'GET', '/console/queue', html)).toBe(console);
    expect(spaFallback(apps, 'GET', '/console', html)).toBe(console);
    expect(spaFallback(apps, 'HEAD', '/devices', html)).toBe(portal);
  });

  it('never turns API, socket or asset misses into HTML', () => {
    expect(spaFallback(apps, 'GET', '/api/v1/nope', html)).toBeNull();
    expect(spaFallback(apps, 'GET', '/api', html)).toBeNull();
    expect(spaFallback(apps, 'GET', '/socket.io/?EIO=4', html)).toBeNull();
    expect(spaFallback(apps, 'GET', '/main-ABC123.js', html)).toBeNull();
    expect(spaFallback(apps, 'GET', '/console/chunk-XYZ.js', html)).toBeNull();
  });

  it('only serves browser navigations', () => {
    expect(spaFallback(apps, 'GET', '/repairs/42', 'application/json')).toBeNull();
    expect(spaFallback(apps, 'GET', '/repairs/42', undefined)).toBeNull();
    expect(spaFallback(apps, 'POST', '/repairs/42', html)).toBeNull();
  });

  it('falls back to nothing when only the console is built', () => {
    expect(spaFallback([console], 'GET', '/repairs/42', html)).toBeNull();
    expect(spaFallback([console], 'GET', '/console/users', html)).toBe(console);
  });
});
