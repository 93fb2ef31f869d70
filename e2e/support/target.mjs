// The app a test file runs against: the one e2e/run.mjs started (E2E_BASE_URL), or its own.
import { startApp } from './app.mjs';

/**
 * Settings the journeys rely on: a short access-token lifetime and a known first admin. With a 10 s
 * token the pages renew it every few seconds, which the per-IP auth budget (10 a minute, meant for
 * password guessing) would refuse since every browser here shares 127.0.0.1: rate limits are off.
 */
export const E2E_ENV = {
  JWT_ACCESS_TTL: '10s',
  RATE_LIMITS_ENABLED: 'false',
  BOOTSTRAP_ADMIN_EMAIL: 'e2e-admin@repairhub.test',
  BOOTSTRAP_ADMIN_PASSWORD: 'e2e admin passphrase 1',
};

export async function appUnderTest() {
  if (process.env.E2E_BASE_URL) {
    return { url: process.env.E2E_BASE_URL, env: { ...E2E_ENV }, stop: async () => undefined };
  }
  return startApp(E2E_ENV);
}
