// `npm run lighthouse`: scores the pages people land on most with Lighthouse (mobile preset) in
// Debian's chromium, against the app started as `npm start` would (built apps, embedded database,
// test-mode payments). Signs in through the real sign-in pages, so the scored pages are what a signed-in
// user gets. Prints one row per page. Not part of `npm test`: scores vary with the machine.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { apiClient } from '../e2e/support/api.mjs';
import { startApp } from '../e2e/support/app.mjs';

const admin = { email: 'lighthouse-admin@repairhub.test', password: 'lighthouse admin passphrase 1' };
const customer = { name: 'Lee Lighthouse', email: 'lee.lighthouse@example.com', password: 'a lamp on the rocks 7' };
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

const app = await startApp({ BOOTSTRAP_ADMIN_EMAIL: admin.email, BOOTSTRAP_ADMIN_PASSWORD: admin.password });
const chrome = await launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
const rows = [];
try {
  const api = apiClient(app.url);
  await api.post('/auth/register', customer);
  const token = await api.login(customer.email, customer.password);
  const device = await api.post('/devices', { type: 'phone', brand: 'Pixel', model: '8' }, { token });
  const repair = await api.post('/repairs', { deviceId: device.id, issueDescription: 'The screen flickers and goes dark after a minute.', urgency: 'normal' }, { token });

  // The same browser profile Lighthouse then uses: signing in here leaves the session cookies there.
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  const signIn = async (path, who, landed) => {
    const page = await browser.contexts()[0].newPage();
    await page.goto(`${app.url}${path}`);
    await page.getByLabel('Email', { exact: true }).fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: landed }).waitFor();
    await page.close();
  };
  const score = async (name, path) => {
    const result = await lighthouse(`${app.url}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      // Keep the session cookies set above; the default reset would sign the user out first.
      disableStorageReset: true,
    });
    const { categories, runtimeError } = result.lhr;
    // A run Lighthouse could not finish scores nothing: say why rather than print zeros.
    if (runtimeError) rows.push({ page: name, error: `${runtimeError.code}: ${runtimeError.message}` });
    else rows.push({ page: name, ...Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c].score ?? 0) * 100)])) });
  };

  await score('portal: sign-in', '/sign-in');
  await signIn('/sign-in', customer, 'My repairs');
  await score('portal: repair list', '/repairs');
  await score('portal: repair page', `/repairs/${repair.id}`);
  // Portal and console share the origin, so the customer's session would greet the admin: end it.
  await browser.contexts()[0].clearCookies();
  await signIn('/console/sign-in', admin, /^Welcome/);
  await score('console: queue', '/console/');
  await browser.close();
} finally {
  await chrome.kill();
  await app.stop();
}
console.table(rows);
