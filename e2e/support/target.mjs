// The app a test file runs against: the one e2e/run.mjs started (E2E_BASE_URL), or its own.
import { startApp } from './app.mjs';

/**
 * Settings the journeys rely on: a short access-token lifetime (the pages renew it every few seconds)
 * and a known first admin. Everything else, rate limits included, is as the app ships.
 */
export const E2E_ENV = {
  JWT_ACCESS_TTL: '10s',
  BOOTSTRAP_ADMIN_EMAIL: 'e2e-admin@repairhub.test',
  BOOTSTRAP_ADMIN_PASSWORD: 'e2e admin passphrase 1',
  // Open every day, so drop-off slots exist today or tomorrow whenever the journeys run.
  SHOP_OPENING_HOURS: 'Mon-Sun 08:00-20:00',
};

export async function appUnderTest() {
  if (process.env.E2E_BASE_URL) {
    return { url: process.env.E2E_BASE_URL, env: { ...E2E_ENV }, stop: async () => undefined };
  }
  return startApp(E2E_ENV);
}
