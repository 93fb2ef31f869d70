// Sign-in CSRF in a real browser: a signed-in customer opens a page on another site, which posts
// ordinary HTML forms (form-encoded, and text/plain shaped like JSON) to our sign-in route with the
// attacker's credentials. No session cookie may be set, and the customer stays in their own account.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe } from 'node:test';
import { apiClient } from './support/api.mjs';
import { freePort } from './support/app.mjs';
import { appUnderTest } from './support/target.mjs';
import { PHONE, assertNoProblems, launch, openContext, screenshot } from './support/browser.mjs';
import { steps } from './support/journey.mjs';

const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The attacker's page: one auto-submitting form, as any site could serve it. */
function attackerPage(action, form) {
  const fields = form.fields.map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`).join('');
  return `<!doctype html><html lang="en"><head><title>Win a prize</title></head><body>
    <form id="f" method="post" action="${escape(action)}" enctype="${form.enctype}">${fields}</form>
    <script>document.getElementById('f').submit();</script></body></html>`;
}

describe('sign-in from another site', () => {
  let app;
  let api;
  let browser;
  let victim;
  let evil;
  let evilUrl;
  const step = steps({ onFailure: async (name) => victim && screenshot(victim.page, `FAILED-csrf-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`) });
  const run = Date.now().toString(36);
  const customer = { name: 'Vic Tim', email: `vic.${run}@example.com`, password: 'my own quiet passphrase' };
  const attacker = { name: 'Mallory Planted', email: `mallory.${run}@example.com`, password: 'attacker passphrase 99' };
  const forms = {
    '/form-encoded': { enctype: 'application/x-www-form-urlencoded', fields: [['email', attacker.email], ['password', attacker.password]] },
    // The classic trick for JSON endpoints: a text/plain body that reads as JSON.
    '/text-plain': {
      enctype: 'text/plain',
      fields: [[`{"email":"${attacker.email}","password":"${attacker.password}","x":"`, '"}']],
    },
  };

  // The cookie is scoped to /api/v1/auth: ask for it at that path.
  const refreshCookie = async () => (await victim.context.cookies(`${app.url}/api/v1/auth/refresh`)).find((c) => c.name === 'refresh_token')?.value;

  before(async () => {
    app = await appUnderTest();
    api = apiClient(app.url);
    await api.post('/auth/register', customer);
    await api.post('/auth/register', attacker);
    // Another site: 127.0.0.1 is a different site from the app's localhost.
    const port = await freePort();
    evil = createServer((req, res) => {
      const form = forms[req.url];
      res.writeHead(form ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(form ? attackerPage(`${app.url}/api/v1/auth/login`, form) : 'not found');
    });
    await new Promise((resolve) => evil.listen(port, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${port}`;
    browser = await launch();
    victim = await openContext(browser, app.url, { viewport: PHONE, label: 'victim' });
  });

  after(async () => {
    await victim?.context.close();
    await browser?.close();
    await new Promise((resolve) => (evil ? evil.close(resolve) : resolve()));
    await app?.stop();
  });

  step('the customer signs in to the portal', {}, async () => {
    const { page, problems } = victim;
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('banner').getByRole('link', { name: `Account: ${customer.name}` }).waitFor();
    assert.ok(await refreshCookie(), 'the portal session has its refresh cookie');
    assertNoProblems(problems, assert);
  });

  for (const path of Object.keys(forms)) {
    step(`a ${path.slice(1)} form on another site cannot sign the browser in as someone else`, {}, async () => {
      const { context, problems } = victim;
      const before = await refreshCookie();
      const attackPage = await context.newPage();
      const answer = attackPage.waitForResponse((response) => response.url() === `${app.url}/api/v1/auth/login`);
      await attackPage.goto(`${evilUrl}${path}`);
      const response = await answer;
      assert.ok(response.status() >= 400, `the cross-site sign-in was refused (got ${response.status()})`);
      assert.equal(response.headers()['set-cookie'], undefined, 'no cookie was set');
      await attackPage.close();
      // Chrome may log the refused navigation's 4xx answer as a console error on the attacker's tab.
      problems.splice(0, problems.length, ...problems.filter((line) => !line.includes('/api/v1/auth/login')));

      assert.equal(await refreshCookie(), before, 'the session cookie is the customer’s own');
      const { page } = victim;
      // Each load renews the session; the reload waits until the first load has done so (a reload that cuts
      // a renewal short loses its answer, the new cookie with it).
      await page.goto('/');
      await page.getByRole('banner').getByRole('link', { name: `Account: ${customer.name}` }).waitFor();
      await page.reload();
      await page.getByRole('banner').getByRole('link', { name: `Account: ${customer.name}` }).waitFor();
      assert.equal(await page.getByRole('banner').getByRole('link', { name: `Account: ${attacker.name}` }).count(), 0);
      assertNoProblems(problems, assert);
    });
  }
});
