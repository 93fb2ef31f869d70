// A customer who forgot their password, in a real browser at phone width: "Forgot password?" on the
// sign-in page → the same confirmation whoever asks → the link read from the email (the admin outbox, as
// support would) → a weak password explained beside the field → a new password → signed in with it; the
// spent link explains itself and offers a new one. axe on every new screen; screenshots at 390 and 1440 px.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { apiClient } from './support/api.mjs';
import { appUnderTest } from './support/target.mjs';
import { PHONE, assertAccessible, assertNoProblems, forget, launch, openContext, screenshot } from './support/browser.mjs';
import { steps } from './support/journey.mjs';

const WIDE = { width: 1440, height: 900 };

describe('password reset journey', () => {
  let app;
  let api;
  let browser;
  let customer;
  let paths;
  const step = steps({
    onFailure: async (name) => {
      if (customer) await screenshot(customer.page, `FAILED-reset-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
      for (const line of customer?.problems ?? []) process.stderr.write(`${line}\n`);
    },
  });
  const run = Date.now().toString(36);
  const person = { name: 'Robin Reset', email: `robin.${run}@example.com`, password: 'first passphrase of robin' };
  const newPassword = 'lantern orchard ninety copper';
  const state = { resetPath: null };
  const asAdmin = () => api.session(app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);
  const needsReset = async () => (paths.has('/api/v1/auth/password/forgot') ? null : 'the API does not have /auth/password/forgot yet');

  before(async () => {
    app = await appUnderTest();
    api = apiClient(app.url);
    paths = await api.paths();
    browser = await launch();
    customer = await openContext(browser, app.url, { viewport: PHONE, label: 'customer' });
    await api.post('/auth/register', { ...person });
  });

  after(async () => {
    await customer?.context.close();
    await browser?.close();
    await app?.stop();
  });

  step('the customer asks for a link from the sign-in page and is told the same as anyone', { needs: needsReset }, async () => {
    const { page, problems } = customer;
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await assertAccessible(page, assert, 'forgot password');
    await screenshot(page, 'reset-01-forgot-390');
    await page.setViewportSize(WIDE);
    await screenshot(page, 'reset-01-forgot-1440');
    await page.setViewportSize(PHONE);

    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    const confirmation = page.getByRole('status').filter({ hasText: 'Check your inbox' });
    await confirmation.waitFor();
    assert.match(await confirmation.textContent(), /If an account exists for that address, we've sent a link/);
    assert.equal(await confirmation.evaluate((el) => el === document.activeElement), true);
    await assertAccessible(page, assert, 'forgot password sent');
    await screenshot(page, 'reset-02-sent-390');
    assertNoProblems(problems, assert);
  });

  step('the emailed link is in the outbox, pointing at the portal', { needs: needsReset }, async () => {
    const emails = await api.get('/admin/emails?limit=100', { token: await asAdmin() });
    const email = emails.items.find((e) => e.to === person.email && e.template === 'password_reset');
    assert.ok(email, 'a reset email to the customer');
    assert.equal(email.subject, 'Reset your RepairHub password');
    const link = new URL(email.text.match(/(\S+\/reset-password\?token=\S+)/)[1]);
    assert.equal(link.pathname, '/reset-password');
    state.resetPath = `${link.pathname}${link.search}`;
  });

  step('a weak password is explained beside the field; a good one is set and signs in', { needs: needsReset }, async () => {
    const { page, problems } = customer;
    await page.goto(state.resetPath);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await assertAccessible(page, assert, 'reset password');
    await screenshot(page, 'reset-03-form-390');
    await page.setViewportSize(WIDE);
    await screenshot(page, 'reset-03-form-1440');
    await page.setViewportSize(PHONE);

    await page.getByLabel('New password', { exact: true }).fill('password1');
    await page.getByLabel('Confirm new password').fill('password1');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.locator('#password-error').filter({ hasText: 'too common' }).waitFor();
    assert.equal(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, assert, 'reset password with a weak one');
    await screenshot(page, 'reset-04-weak-390');
    forget(problems, /status of 400/);

    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL('**/sign-in?reset=1');
    await page.getByRole('status').filter({ hasText: 'Sign in with the new password' }).waitFor();
    await assertAccessible(page, assert, 'sign-in after reset');
    await screenshot(page, 'reset-05-sign-in-390');

    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/repairs/);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assertNoProblems(problems, assert);
  });

  step('the spent link explains itself and offers a new one', { needs: needsReset }, async () => {
    const { page, problems } = customer;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/sign-in|\/$/);
    await page.goto(state.resetPath);
    await page.getByLabel('New password', { exact: true }).fill('another fine passphrase 9');
    await page.getByLabel('Confirm new password').fill('another fine passphrase 9');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'This link no longer works' }).waitFor();
    await assertAccessible(page, assert, 'spent reset link');
    await screenshot(page, 'reset-06-spent-390');
    forget(problems, /status of 400/);
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await page.waitForURL('**/forgot-password');
    assertNoProblems(problems, assert);
  });
});
