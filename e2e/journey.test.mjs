// The customer journey in a real browser against the real app: sign up → device → request → the
// technician quotes (API) → accept and pay in test mode → approved → chat with the technician in a
// second browser context → a status change arrives in the chat live; a message the connection swallowed
// says why and goes out after a reload → the session outlives its access token and a reload → devices → turn off
// non-essential emails → change the password (another session ends, this one goes on) → sign out and
// back in with the new password.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { apiClient } from './support/api.mjs';
import { appUnderTest } from './support/target.mjs';
import { DESKTOP, PHONE, assertAccessible, assertNoProblems, assertToastsCoverNoControl, forget, launch, openContext, screenshot } from './support/browser.mjs';
import { steps } from './support/journey.mjs';

describe('customer journey', () => {
  let app;
  let api;
  let browser;
  let customer;
  let technician;
  let paths;
  const step = steps({
    onFailure: async (name) => {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      if (customer) await screenshot(customer.page, `FAILED-${slug}-customer`);
      if (technician) await screenshot(technician.page, `FAILED-${slug}-technician`);
      for (const line of [...(customer?.problems ?? []), ...(technician?.problems ?? [])]) process.stderr.write(`${line}\n`);
    },
  });
  const run = Date.now().toString(36);
  // `password` becomes the new one once the customer changed it.
  const person = { name: 'Jamie Rivera', email: `jamie.${run}@example.com`, password: 'correct horse battery staple' };
  const tech = { name: 'Taylor Tech', email: `taylor.${run}@example.com`, password: 'solder and flux 2025' };
  const state = { repairId: null };
  // Access tokens live a few seconds here: each call takes a token of a session kept alive by refresh.
  const asAdmin = () => api.session(app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);
  const asTechnician = () => api.session(tech.email, tech.password);

  const need = (...required) => async () => {
    const absent = required.filter((p) => !paths.has(p));
    return absent.length ? `the API does not have ${absent.join(', ')} yet` : null;
  };

  before(async () => {
    app = await appUnderTest();
    api = apiClient(app.url);
    paths = await api.paths();
    browser = await launch();
    customer = await openContext(browser, app.url, { viewport: PHONE, label: 'customer' });
  });

  after(async () => {
    await customer?.context.close();
    await technician?.context.close();
    await browser?.close();
    await app?.stop();
  });

  step('a visitor signs up from the first page', {}, async () => {
    const { page, problems } = customer;
    await page.goto('/');
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /get it fixed/i }).waitFor());
    await assertAccessible(page, assert, 'welcome');
    await screenshot(page, '01-welcome');

    await page.getByRole('link', { name: 'Request a repair' }).click();
    await page.waitForURL('**/sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    assert.equal(await page.locator('#name-error').textContent(), 'Name is required.');
    assert.equal(await page.locator('#email-error').textContent(), 'Email is required.');
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Password').blur();
    assert.equal(await page.locator('#password-error').textContent(), 'Password must be at least 8 characters.');
    assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, assert, 'sign-up with errors');
    await screenshot(page, '02-sign-up-errors');

    await page.getByLabel('Your name').fill(person.name);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/repairs/new');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assertNoProblems(problems, assert);
  });

  step('adds a device and submits a repair request', { needs: need('/api/v1/devices', '/api/v1/repairs', '/api/v1/conversations') }, async () => {
    const { page, problems } = customer;
    await page.getByRole('heading', { name: 'New repair request' }).waitFor();
    // Sending before there is a device says what is missing and takes the user to it.
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Add the device to repair first: its type, brand and model are enough.').waitFor();
    assert.equal(await page.getByLabel('Brand').evaluate((input) => input === document.activeElement), true);
    await page.getByLabel('Type').selectOption('laptop');
    await page.getByLabel('Brand').fill('Lenovo');
    await page.getByLabel('Model').fill('ThinkPad X1');
    await page.getByLabel('Serial number').fill('PF-2X9ABC');
    await page.getByRole('button', { name: 'Add device' }).click();
    await assert.doesNotReject(page.getByRole('radio', { name: /Lenovo ThinkPad X1/ }).waitFor());
    assert.equal(await page.getByRole('radio', { name: /Lenovo ThinkPad X1/ }).isChecked(), true);
    await page.waitForFunction(() => document.activeElement?.matches('input[type="radio"]:checked'));

    await page.getByLabel('Describe the problem').fill('Broken');
    await page.getByRole('button', { name: 'Send request' }).click();
    assert.equal(await page.locator('#issueDescription-error').textContent(), 'Issue description must be at least 10 characters.');
    await page.waitForFunction(() => document.activeElement?.id === 'issueDescription');
    await assertAccessible(page, assert, 'new repair request');
    await screenshot(page, '03-new-request');

    await page.getByLabel('Describe the problem').fill('The keyboard stopped working after a coffee spill; the trackpad still works.');
    await page.getByRole('radio', { name: /High/ }).check();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/repairs\/[0-9a-f-]{36}$/);
    state.repairId = page.url().split('/').pop();
    await page.getByRole('heading', { level: 1, name: 'Lenovo ThinkPad X1' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Request sent.' }).waitFor();
    await assertToastsCoverNoControl(page, assert);
    assert.equal((await page.locator('rh-status-chip').first().textContent())?.trim(), 'Submitted');
    assert.equal(await page.locator('[aria-current="step"]').count(), 1);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await assertAccessible(page, assert, 'repair detail (submitted)');
    await screenshot(page, '04-repair-submitted');
    assertNoProblems(problems, assert);
  });

  step('a technician quotes it and the quote appears without a reload', { needs: need('/api/v1/quotes', '/api/v1/repairs/{id}/assign', '/api/v1/users') }, async () => {
    const { page, problems } = customer;
    await api.post('/users', { ...tech, role: 'technician' }, { token: await asAdmin() });
    const techToken = await asTechnician();
    await api.post(`/repairs/${state.repairId}/assign`, {}, { token: techToken });
    await api.post(
      '/quotes',
      { repairRequestId: state.repairId, partsCost: 8999, laborCost: 4000, currency: 'usd', notes: 'New keyboard assembly, fitted and tested.' },
      { token: techToken },
    );

    const accept = page.getByRole('button', { name: 'Accept & pay $129.99' });
    await assert.doesNotReject(accept.waitFor({ timeout: 15_000 }), 'the quote should appear live');
    assert.equal((await page.locator('rh-status-chip').first().textContent())?.trim(), 'Quote ready');
    const costs = await page.locator('dl.costs').innerText();
    assert.match(costs, /Parts\s+\$89\.99/);
    assert.match(costs, /Labour\s+\$40\.00/);
    assert.match(costs, /Total\s+\$129\.99/);
    await assertAccessible(page, assert, 'repair detail (quoted)');
    await screenshot(page, '05-quote');
    assertNoProblems(problems, assert);
  });

  step('accepts and pays in test mode; double clicks pay once; the repair turns approved', { needs: need('/api/v1/quotes/{id}/accept', '/api/v1/payments/config', '/api/v1/payments/{id}/test-confirm', '/api/v1/payments') }, async () => {
    const { page, problems } = customer;
    await page.getByRole('button', { name: 'Accept & pay $129.99' }).dblclick();
    await page.getByText('Test mode', { exact: true }).waitFor();
    await assertAccessible(page, assert, 'test checkout');
    await screenshot(page, '06-test-checkout');

    await page.getByRole('button', { name: 'Pay $129.99 (test)' }).dblclick();
    // The checkout says "Payment received", then the webhook-driven status turns the repair approved.
    await page.getByText('Paid $129.99. Your repair is approved.').waitFor({ timeout: 20_000 });
    await page.locator('rh-status-chip', { hasText: 'Approved' }).first().waitFor({ timeout: 20_000 });

    const payments = await api.get(`/payments?limit=100`, { token: await asAdmin() });
    const ours = payments.items.filter((p) => p.repairRequestId === state.repairId);
    assert.equal(ours.length, 1, 'one payment for the quote');
    assert.equal(ours[0].status, 'succeeded');
    assert.equal(ours[0].amount, 12999);
    await assertAccessible(page, assert, 'repair detail (approved)');
    await screenshot(page, '07-approved');
    assertNoProblems(problems, assert);
  });

  step('customer and technician chat live in two browser contexts', {}, async () => {
    // The technician reads in British English from Sydney: chat notes are written in each reader's own locale and time zone.
    technician = await openContext(browser, app.url, { viewport: DESKTOP, label: 'technician', locale: 'en-GB', timezoneId: 'Australia/Sydney' });
    const tp = technician.page;
    await tp.goto('/console/sign-in');
    await tp.getByLabel('Email').fill(tech.email);
    await tp.getByLabel('Password').fill(tech.password);
    await tp.getByRole('button', { name: 'Sign in' }).click();
    await tp.getByRole('button', { name: 'Sign out' }).waitFor();
    await tp.goto(`/console/repairs/${state.repairId}`);
    await tp.getByRole('textbox', { name: 'Message' }).waitFor();

    const cp = customer.page;
    await cp.getByRole('textbox', { name: 'Message' }).fill('Hi! When will it be ready?');
    await cp.getByRole('textbox', { name: 'Message' }).press('Enter');
    const customerLog = cp.getByRole('log', { name: 'Messages' });
    const techLog = tp.getByRole('log', { name: 'Messages' });
    await customerLog.getByText('Hi! When will it be ready?').waitFor();
    await techLog.getByText('Hi! When will it be ready?').waitFor({ timeout: 10_000 });

    // The technician reads it (the customer sees "Seen") and starts typing (the customer sees it).
    await tp.getByRole('textbox', { name: 'Message' }).focus();
    await cp.getByText('Seen').waitFor({ timeout: 10_000 });
    await tp.getByRole('textbox', { name: 'Message' }).pressSequentially('Tomorrow');
    await cp.getByText('Your technician is typing…').waitFor({ timeout: 10_000 });
    await tp.getByRole('textbox', { name: 'Message' }).pressSequentially(' afternoon — the part is on its way. <b>not bold</b>');
    await tp.getByRole('button', { name: 'Send' }).click();
    const reply = 'Tomorrow afternoon — the part is on its way. <b>not bold</b>';
    await customerLog.getByText(reply).waitFor({ timeout: 10_000 });
    assert.equal(await customerLog.locator('b').count(), 0, 'messages are rendered as text');
    await techLog.getByText(reply).waitFor();
    await cp.getByText('Your technician is typing…').waitFor({ state: 'detached' });

    await assertAccessible(cp, assert, 'chat (customer)');
    await assertAccessible(tp, assert, 'chat (technician)');
    await screenshot(cp, '08-chat-customer');
    await screenshot(tp, '09-chat-technician');
    assertNoProblems(customer.problems, assert);
    assertNoProblems(technician.problems, assert);
  });

  step('the chat tells the truth: a status change arrives live; a message that cannot go out says why and survives a reload', {}, async () => {
    const cp = customer.page;
    const customerLog = cp.getByRole('log', { name: 'Messages' });
    await api.post(`/repairs/${state.repairId}/status`, { status: 'in_progress' }, { token: await asTechnician() });
    await customerLog.getByText('In progress: work on the device has started.').waitFor({ timeout: 10_000 });

    // The connection swallows what the customer sends (the socket stays up, no answer comes back),
    // over WebSocket and over long-polling, which Socket.IO may still be on right after a reload.
    let swallowSends = true;
    const isSend = (payload) => String(payload ?? '').includes('"message:send"');
    await cp.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        if (!(swallowSends && isSend(frame))) server.send(frame);
      });
      server.onMessage((frame) => ws.send(frame));
    });
    await cp.route(/\/socket\.io\//, (route) =>
      swallowSends && route.request().method() === 'POST' && isSend(route.request().postData()) ? route.fulfill({ status: 200, body: 'ok' }) : route.continue(),
    );
    await cp.reload();
    const box = cp.getByRole('textbox', { name: 'Message' });
    await box.fill('Can I pick it up on Sunday?');
    await box.press('Enter');
    const unsent = customerLog.getByRole('listitem').filter({ hasText: 'Can I pick it up on Sunday?' });
    await unsent.getByText('Not sent: no connection.', { exact: false }).waitFor({ timeout: 20_000 });
    await unsent.getByRole('button', { name: 'Retry' }).waitFor();
    await unsent.getByRole('button', { name: 'Discard' }).waitFor();
    await assertAccessible(cp, assert, 'chat (message not sent)');
    await screenshot(cp, '09b-chat-not-sent');

    // The connection is fine again; the page is reloaded: the message is still there and goes out.
    swallowSends = false;
    await cp.reload();
    await technician.page.getByRole('log', { name: 'Messages' }).getByText('Can I pick it up on Sunday?').waitFor({ timeout: 15_000 });
    await customerLog.getByText('Can I pick it up on Sunday?').waitFor();
    assert.equal(await customerLog.getByText('Not sent', { exact: false }).count(), 0, 'nothing is left unsent');
    assert.equal(await customerLog.getByText('Can I pick it up on Sunday?').count(), 1, 'sent once');
    await cp.unrouteAll({ behavior: 'ignoreErrors' });
    assertNoProblems(customer.problems, assert);
  });

  step('the session outlives its access token and a reload', {}, async () => {
    const { page, problems } = customer;
    const refreshes = [];
    const onResponse = (response) => {
      if (response.url().endsWith('/api/v1/auth/refresh')) refreshes.push(response.status());
    };
    page.on('response', onResponse);
    const ttlMs = Number(/^(\d+)s$/.exec(app.env.JWT_ACCESS_TTL)?.[1] ?? 0) * 1000;
    assert.ok(ttlMs > 0 && ttlMs <= 10_000, 'the app runs with a short JWT_ACCESS_TTL');
    await page.waitForTimeout(ttlMs + 2000);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My repairs' }).click();
    await page.waitForURL(/\/repairs$/);
    await page.getByRole('link', { name: /Lenovo ThinkPad X1/ }).waitFor();
    assert.ok(refreshes.length >= 1, 'the access token was renewed');
    assert.ok(refreshes.every((status) => status === 200), `refreshes answered ${refreshes.join(', ')}`);

    await page.getByLabel('Status').selectOption('in_progress');
    await page.waitForURL(/status=in_progress/);
    await page.getByRole('link', { name: /Lenovo ThinkPad X1/ }).waitFor();
    await assertAccessible(page, assert, 'my repairs');
    await screenshot(page, '10-my-repairs');

    await page.reload();
    await page.getByRole('link', { name: /Lenovo ThinkPad X1/ }).waitFor();
    await page.goto(`/repairs/${state.repairId}`);
    await page.getByRole('heading', { level: 1, name: 'Lenovo ThinkPad X1' }).waitFor();
    await page.getByRole('log', { name: 'Messages' }).getByText('Hi! When will it be ready?').waitFor();
    page.off('response', onResponse);
    assertNoProblems(problems, assert);
  });

  step('manages devices: masked serial with reveal, edit, remove', {}, async () => {
    const { page, problems } = customer;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My devices' }).click();
    const card = page.getByRole('listitem').filter({ hasText: 'Lenovo ThinkPad X1' });
    await card.waitFor();
    assert.equal(await card.getByText('PF-2X9ABC').count(), 0, 'the serial is masked');
    await card.getByRole('button', { name: 'Reveal' }).click();
    await card.getByText('PF-2X9ABC').waitFor();
    await card.getByRole('button', { name: 'Hide' }).click();
    await card.getByText('PF-2X9ABC').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Add a device' }).click();
    await page.getByLabel('Type').selectOption('phone');
    await page.getByLabel('Brand').fill('Fairphone');
    await page.getByLabel('Model').fill('4');
    await page.getByRole('button', { name: 'Add device' }).click();
    const phone = page.getByRole('listitem').filter({ hasText: 'Fairphone 4' });
    await phone.waitFor();
    // Focus moves to the device just added.
    assert.equal(await phone.getByRole('heading', { name: 'Fairphone 4' }).evaluate((h) => h === document.activeElement), true);
    await phone.getByRole('button', { name: 'Edit' }).click();
    await phone.getByLabel('Model').fill('5');
    await phone.getByRole('button', { name: 'Save changes' }).click();
    const edited = page.getByRole('listitem').filter({ hasText: 'Fairphone 5' });
    await edited.waitFor();
    await assertAccessible(page, assert, 'my devices');
    await screenshot(page, '11-devices');
    await edited.getByRole('button', { name: 'Remove' }).click();
    // The confirmation opens on the safe choice.
    assert.equal(await edited.getByRole('button', { name: 'Keep' }).evaluate((b) => b === document.activeElement), true);
    await edited.getByRole('button', { name: 'Remove' }).click();
    await edited.waitFor({ state: 'detached' });
    assertNoProblems(problems, assert);
  });

  step('turns off non-essential emails, and the choice survives a reload', { needs: need('/api/v1/auth/me/preferences') }, async () => {
    const { page, problems } = customer;
    // The header's name leads to the account page.
    await page.getByRole('banner').getByRole('link', { name: `Account: ${person.name}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    const box = page.getByRole('checkbox', { name: 'Email me reminders and other non-essential updates' });
    await box.waitFor();
    assert.equal(await box.isChecked(), true, 'on for a new account');
    await box.uncheck();
    await page.getByRole('status').filter({ hasText: 'Saved. We will only email you what is essential.' }).waitFor();
    await assertAccessible(page, assert, 'account');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    await box.waitFor();
    assert.equal(await box.isChecked(), false, 'still off after a reload');
    await screenshot(page, '12-account');
    const stored = await api.get('/auth/me/preferences', { token: await api.login(person.email, person.password) });
    assert.deepEqual(stored, { emailNonEssential: false });
    assertNoProblems(problems, assert);
  });

  step('changes the password on the Account page: other sessions end, this one goes on', { needs: need('/api/v1/auth/me/password') }, async () => {
    const { page, problems } = customer;
    const oldPassword = person.password;
    const newPassword = 'battery horse staple correct 2';
    const elsewhere = await api.login(person.email, oldPassword); // another device's session

    const form = page.getByRole('region', { name: 'Password' });
    const current = form.getByLabel('Current password');
    const fresh = form.getByLabel('New password', { exact: true });
    const confirm = form.getByLabel('Confirm new password');
    const submit = form.getByRole('button', { name: 'Change password' });
    assert.equal(await fresh.getAttribute('autocomplete'), 'new-password');
    await current.fill('not my password at all');
    await fresh.fill(newPassword);
    await confirm.fill(`${newPassword}!`);
    await submit.click();
    assert.equal(await form.locator('#confirmPassword-error').textContent(), 'This does not match your new password.');

    // A wrong current password is explained beside it, and focus goes there to type it again.
    await confirm.fill(newPassword);
    await submit.click();
    const wrong = form.locator('#currentPassword-error');
    await wrong.waitFor();
    assert.equal(await wrong.textContent(), 'Your current password is incorrect.');
    assert.equal(await current.getAttribute('aria-invalid'), 'true');
    assert.ok(await current.evaluate((input) => input === document.activeElement), 'focus on the current password');
    await assertAccessible(page, assert, 'account (wrong current password)');
    await screenshot(page, '13-password-wrong');
    // Chrome logs the expected 400 as a console error; nothing else may have gone wrong.
    assertNoProblems(forget(problems, /status of 400 .*\/api\/v1\/auth\/me\/password/), assert);

    await current.fill(oldPassword);
    await submit.click();
    await page.getByRole('status').filter({ hasText: 'Password changed. You were signed out on your other devices.' }).waitFor();
    assert.equal(await wrong.count(), 0);
    for (const field of [current, fresh, confirm]) assert.equal(await field.inputValue(), '', 'the form is emptied');
    person.password = newPassword;
    await assertAccessible(page, assert, 'account (password changed)');
    await screenshot(page, '14-password-changed');

    // The other session is over, the old password is refused; this page's session survives a reload.
    await assert.rejects(api.get('/auth/me', { token: elsewhere }), /401/);
    await assert.rejects(api.login(person.email, oldPassword), /401/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: `Account: ${person.name}` }).waitFor();
    assertNoProblems(problems, assert);
  });

  step('signs out, and a reload does not bring the session back', {}, async () => {
    const { page, problems } = customer;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto('/repairs');
    await page.waitForURL(/\/sign-in\?returnUrl=%2Frepairs$/);
    await assertAccessible(page, assert, 'sign-in');
    assertNoProblems(problems, assert);
  });

  step('signs in with the current password and is back at their repairs', {}, async () => {
    const { page, problems } = customer;
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/repairs$/);
    await page.getByRole('link', { name: /Lenovo ThinkPad X1/ }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: `Account: ${person.name}` }).waitFor();
    assertNoProblems(problems, assert);
  });

  step('sees a partial refund on the repair with its receipt, and where to pick the device up once it is done', {}, async () => {
    const { page, problems } = customer;
    const adminToken = await asAdmin();
    const payments = await api.get('/payments?limit=100', { token: adminToken });
    const payment = payments.items.find((p) => p.repairRequestId === state.repairId);
    await api.post(`/payments/${payment.id}/refund`, { amount: 5000, reason: 'Keyboard part was cheaper' }, { token: adminToken });

    await page.goto(`/repairs/${state.repairId}`);
    await page.getByRole('heading', { level: 1, name: 'Lenovo ThinkPad X1' }).waitFor();
    await page.getByText('Partly refunded: $50.00 of $129.99 goes back to you.').waitFor({ timeout: 15_000 });
    await page.getByRole('log', { name: 'Messages' }).getByText('Partly refunded: $50.00 of the $129.99 payment goes back to the customer.').waitFor();
    await technician.page.goto(`/console/repairs/${state.repairId}`);
    await technician.page.getByRole('log', { name: 'Messages' }).getByText('Partly refunded: US$50.00 of the US$129.99 payment goes back to the customer.').waitFor({ timeout: 15_000 });
    await assertAccessible(page, assert, 'repair detail (partly refunded)');

    await page.getByRole('link', { name: 'Receipt for the payment of $129.99' }).click();
    await page.getByRole('heading', { level: 1, name: 'Receipt' }).waitFor();
    await page.getByText('$50.00').first().waitFor();
    await assertAccessible(page, assert, 'receipt');
    await screenshot(page, '15-receipt');

    await api.post(`/repairs/${state.repairId}/status`, { status: 'completed' }, { token: await asTechnician() });
    await page.goto(`/repairs/${state.repairId}`);
    await page.getByRole('heading', { name: 'Ready for pickup' }).waitFor({ timeout: 15_000 });
    await assertAccessible(page, assert, 'repair detail (ready for pickup)');
    await screenshot(page, '16-ready-for-pickup');
    assertNoProblems(problems, assert);
  });
});
