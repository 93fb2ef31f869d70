// The admin console in a real browser against the real app. A technician signs in, sees a new request
// arrive live, claims one, issues a quote, sees the customer's acceptance and payment arrive live
// (the customer is driven through the API), starts and completes the work, chats, and changes their
// password on their Account page (reached from the header). An admin then
// creates a technician, refunds part of the payment and sees the dashboard change, assigns a request
// and deactivates the technician again, reads the customer's quote email in the outbox and opens the
// failed jobs. A customer who signs in to the console is pointed to the portal.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { apiClient } from './support/api.mjs';
import { appUnderTest } from './support/target.mjs';
import { DESKTOP, PHONE, assertAccessible, assertNoProblems, assertToastsCoverNoControl, launch, openContext, screenshot } from './support/browser.mjs';
import { steps } from './support/journey.mjs';

describe('admin console journey', () => {
  let app;
  let api;
  let browser;
  let tech;
  let admin;
  let paths;
  const step = steps();
  const run = Date.now().toString(36);
  const techUser = { name: 'Robin Solder', email: `robin.${run}@example.com`, password: 'flux and rosin 2025' };
  const customer = { name: 'Casey Owner', email: `casey.${run}@example.com`, password: 'my phone fell down' };
  const state = { repairId: null, secondRepairId: null, quoteId: null, paymentId: null, conversationId: null, refundsBefore: 0 };
  // Access tokens live a few seconds here: each call takes a token of a session kept alive by refresh.
  const asAdmin = () => api.session(app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);
  const asCustomer = () => api.session(customer.email, customer.password);
  const usd = (minor) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
  /** This week's US-dollar row of the dashboard's revenue aggregate. */
  const thisWeek = async () => {
    const view = await api.get('/dashboard/revenue?weeks=1', { token: await asAdmin() });
    return view.rows.find((row) => row.currency === 'usd') ?? { revenue: 0, refunds: 0 };
  };

  const need = (...required) => async () => {
    const absent = required.filter((p) => !paths.has(p));
    return absent.length ? `the API does not have ${absent.join(', ')} yet` : null;
  };

  const fileRepair = async (issueDescription, urgency) => {
    const token = await asCustomer();
    const device = await api.post('/devices', { type: 'phone', brand: 'Pixel', model: `8 ${urgency}`, serialNumber: `SN-${run}-${urgency}` }, { token });
    const repair = await api.post('/repairs', { deviceId: device.id, issueDescription, urgency }, { token });
    return repair.id;
  };

  const signIn = async (page, email, password) => {
    await page.goto('/console/sign-in');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  before(async () => {
    app = await appUnderTest();
    api = apiClient(app.url);
    paths = await api.paths();
    browser = await launch();
    const token = await asAdmin();
    await api.post('/users', { ...techUser, role: 'technician' }, { token });
    await api.post('/auth/register', customer);
  });

  after(async () => {
    await tech?.context.close();
    await admin?.context.close();
    await browser?.close();
    await app?.stop();
  });

  step('a technician signs in and sees the queue', { needs: need('/api/v1/repairs', '/api/v1/devices') }, async () => {
    state.repairId = await fileRepair('The screen is cracked and the touch stopped working.', 'normal');
    tech = await openContext(browser, app.url, { viewport: DESKTOP, label: 'technician' });
    const { page, problems } = tech;
    await signIn(page, techUser.email, techUser.password);
    await page.getByRole('heading', { level: 1, name: `Welcome, ${techUser.name}` }).waitFor();
    await page.getByRole('heading', { name: 'Repair queue' }).waitFor();
    await page.getByRole('link', { name: 'Pixel 8 normal' }).waitFor();
    // Nothing admin-only for technicians: no admin navigation, and admin URLs lead back to the queue.
    assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Dashboard' }).count(), 0);
    await page.goto('/console/admin/users');
    await page.getByRole('heading', { name: 'Repair queue' }).waitFor();
    assert.ok(!page.url().includes('/admin'), 'a technician is sent back from admin screens');
    assertNoProblems(problems, assert);
  });

  step('a new request appears in the queue live, and the technician claims one', { needs: need('/api/v1/repairs/{id}/assign') }, async () => {
    const { page, problems } = tech;
    state.secondRepairId = await fileRepair('Battery drains within an hour, phone gets hot.', 'urgent');
    // Arrives without a reload, and sorts first: urgent before normal.
    await page.getByRole('link', { name: 'Pixel 8 urgent' }).waitFor({ timeout: 15_000 });
    await page.getByText('A new request arrived.').waitFor();
    const order = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-repair')));
    assert.ok(order.indexOf(state.secondRepairId) < order.indexOf(state.repairId), 'urgent before normal');

    await page.getByLabel('Filter the queue').getByLabel('Urgency').selectOption('normal');
    await page.getByRole('link', { name: 'Pixel 8 urgent' }).waitFor({ state: 'detached' });
    await assertAccessible(page, assert, 'technician queue');
    await screenshot(page, 'console-01-queue');

    await page.getByRole('button', { name: `Claim Pixel 8 normal for ${customer.name}` }).click();
    await page.waitForURL(`**/console/repairs/${state.repairId}`);
    await page.getByRole('heading', { level: 1, name: `Pixel 8 normal — ${customer.name}` }).waitFor();
    // Focus follows the claim to the claimed repair's heading instead of falling to <body>.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await page.getByText(`Technician: ${techUser.name}`).waitFor();
    assertNoProblems(problems, assert);
  });

  step('reveals the serial on demand', { needs: need('/api/v1/devices/{id}') }, async () => {
    const { page, problems } = tech;
    const serial = page.locator('.serial');
    assert.match(await serial.textContent(), /^•+ ?\S{1,4}$/u, 'masked at first');
    await page.getByRole('button', { name: 'Reveal' }).click();
    await page.locator('.serial', { hasText: `SN-${run}-normal` }).waitFor();
    assertNoProblems(problems, assert);
  });

  step('issues a quote with a live total', { needs: need('/api/v1/quotes') }, async () => {
    const { page, problems } = tech;
    // The technician's order: what the device is and what is wrong come before the actions.
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    const order = ['Device', 'Reported problem', 'Customer', 'Actions', 'Quotes', 'Progress'].map((h) => headings.indexOf(h));
    assert.ok(order.every((at, n) => at >= 0 && (n === 0 || at > order[n - 1])), `sections in the technician's order: ${headings.join(', ')}`);
    assert.equal(await page.getByText('A technician will look at your request.').count(), 0, 'no customer wording for staff');
    await page.getByRole('button', { name: 'Send quote' }).click();
    assert.equal(await page.locator('#q-parts-error').textContent(), 'Parts is required.');
    assert.equal(await page.getByLabel('Parts').evaluate((input) => input === document.activeElement), true, 'focus moves to the first invalid field');
    await page.getByLabel('Parts').fill('89.99');
    await page.getByLabel('Labour').fill('40');
    await page.locator('[data-testid="quote-total"]', { hasText: '$129.99' }).waitFor();
    await page.getByLabel('Notes for the customer').fill('OEM screen and digitizer; about two hours of work.');
    await assertAccessible(page, assert, 'repair workspace with quote form');
    await screenshot(page, 'console-02-quote-form');
    await page.getByRole('button', { name: 'Send quote' }).click();
    await page.locator('[data-quote-status="pending"]', { hasText: '$129.99' }).waitFor();
    await page.locator('rh-status-chip', { hasText: 'Quote ready' }).first().waitFor();
    await page.getByRole('status').filter({ hasText: 'Quote sent to the customer.' }).waitFor();
    await assertToastsCoverNoControl(page, assert);
    const detail = await api.get(`/repairs/${state.repairId}`, { token: await asCustomer() });
    assert.equal(detail.quotes[0].total, 12999, 'the server computed the same total');
    state.quoteId = detail.quotes[0].id;
    assertNoProblems(problems, assert);
  });

  step('sees the customer accept and pay live', { needs: need('/api/v1/quotes/{id}/accept', '/api/v1/payments/{id}/test-confirm') }, async () => {
    const { page, problems } = tech;
    const token = await asCustomer();
    const { payment } = await api.post(`/quotes/${state.quoteId}/accept`, {}, { token });
    state.paymentId = payment.id;
    await api.post(`/payments/${payment.id}/test-confirm`, {}, { token });
    await page.locator('rh-status-chip', { hasText: 'Approved' }).first().waitFor({ timeout: 15_000 });
    await page.locator('[data-quote-status="accepted"]').getByText('Accepted and paid').waitFor();
    await page.getByText('The customer accepted and paid the quote.').waitFor();
    assertNoProblems(problems, assert);
  });

  step('moves the repair to in progress and completed', { needs: need('/api/v1/repairs/{id}/status') }, async () => {
    const { page, problems } = tech;
    // Only what the contracts allow from `approved`: no "Mark completed" yet, no cancelling.
    assert.equal(await page.getByRole('button', { name: 'Mark completed' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Cancel repair' }).count(), 0);
    await page.getByLabel('Note for the history').fill('Parts arrived, starting now.');
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.locator('rh-status-chip', { hasText: 'In progress' }).first().waitFor();
    // Completing tells the customer to pick the device up: asked first, with focus on "Not yet".
    await page.getByRole('button', { name: 'Mark completed', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Mark this repair completed?' });
    await confirm.waitFor();
    assert.equal(await confirm.getByRole('button', { name: 'Not yet' }).evaluate((b) => b === document.activeElement), true);
    await assertAccessible(page, assert, 'mark completed confirmation');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await page.locator('rh-status-chip', { hasText: 'Completed' }).count(), 0, 'Enter on the focused "Not yet" completes nothing');
    await page.getByRole('button', { name: 'Mark completed', exact: true }).click();
    await confirm.getByRole('button', { name: 'Yes, mark completed' }).click();
    await page.locator('rh-status-chip', { hasText: 'Completed' }).first().waitFor();
    // The buttons are gone: focus lands on the heading of the repair, not on <body>.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await page.getByText('This repair is closed.').waitFor();
    const detail = await api.get(`/repairs/${state.repairId}`, { token: await asCustomer() });
    assert.deepEqual(detail.history.map((h) => h.toStatus), ['submitted', 'quoted', 'approved', 'in_progress', 'completed']);
    assert.equal(detail.history[3].note, 'Parts arrived, starting now.');
    assertNoProblems(problems, assert);
  });

  step('chats with the customer', { needs: need('/api/v1/conversations', '/api/v1/conversations/{id}/messages') }, async () => {
    const { page, problems } = tech;
    const token = await asCustomer();
    const conversation = await api.post('/conversations', { repairRequestId: state.repairId }, { token });
    state.conversationId = conversation.id;
    await api.post(`/conversations/${conversation.id}/messages`, { content: 'Thanks! Can I pick it up today?' }, { token });
    const log = page.getByRole('log', { name: 'Messages' });
    await log.getByText('Thanks! Can I pick it up today?').waitFor({ timeout: 15_000 });
    await page.getByLabel('Message', { exact: true }).fill('Yes — any time before 6 pm.');
    await page.getByRole('button', { name: 'Send' }).click();
    await log.getByText('Yes — any time before 6 pm.').waitFor();
    const messages = await api.get(`/conversations/${conversation.id}/messages`, { token: await asCustomer() });
    assert.ok(messages.items.some((m) => m.content === 'Yes — any time before 6 pm.'), 'the reply was stored');
    await assertAccessible(page, assert, 'repair workspace (completed, chat)');
    await screenshot(page, 'console-03-workspace-completed');
    assertNoProblems(problems, assert);
  });

  step('the technician opens their account from the header and changes the password', { optional: true, needs: need('/api/v1/auth/me/password') }, async () => {
    const { page, problems } = tech;
    const account = page.getByRole('banner').getByRole('link', { name: `Account: ${techUser.name} · Technician` });
    await account.click();
    const heading = page.getByRole('heading', { level: 1, name: 'Account' });
    await heading.waitFor();
    // The new page's heading takes focus, so a screen reader starts reading there.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal(await heading.evaluate((h) => h === document.activeElement), true);
    assert.equal(await account.getAttribute('aria-current'), 'page');
    await page.getByText(techUser.email, { exact: true }).waitFor();
    await assertAccessible(page, assert, 'account');

    const newPassword = 'flux and rosin 2026';
    const form = page.getByRole('region', { name: 'Password' });
    await form.getByLabel('Current password').fill(techUser.password);
    await form.getByLabel('New password', { exact: true }).fill(newPassword);
    await form.getByLabel('Confirm new password').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed. You were signed out on your other devices.' }).waitFor();
    techUser.password = newPassword;
    assert.equal(await api.login(techUser.email, newPassword).then(Boolean), true, 'the new password signs in');
    await assertAccessible(page, assert, 'account (password changed)');
    await screenshot(page, 'console-03b-account');
    assertNoProblems(problems, assert);
  });

  step('an admin creates a technician', {}, async () => {
    admin = await openContext(browser, app.url, { viewport: DESKTOP, label: 'admin' });
    const { page, problems } = admin;
    await signIn(page, app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Add user' }).click();
    assert.equal(await page.locator('#u-name-error').textContent(), 'Name is required.');
    const email = `morgan.${run}@example.com`;
    await page.getByLabel('Name', { exact: true }).fill('Morgan Bench');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Temporary password').fill('bench power supply 5');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Morgan Bench can now sign in as technician.').waitFor();
    await page.locator(`tr[data-user="${email}"]`).waitFor();
    assert.equal(await api.login(email, 'bench power supply 5').then(Boolean), true, 'the new technician can sign in');
    await assertAccessible(page, assert, 'users');
    await screenshot(page, 'console-04-users');
    assertNoProblems(problems, assert);
  });

  step('the dashboard shows the revenue', { needs: need('/api/v1/dashboard/revenue') }, async () => {
    const { page, problems } = admin;
    // Other journeys may share this app, so compare with the aggregates rather than fixed numbers.
    const before = await thisWeek();
    assert.ok(before.revenue >= 12_999, 'this week holds the technician’s paid quote');
    state.refundsBefore = before.refunds;
    const open = await api.get('/dashboard/open-requests', { token: await asAdmin() });
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.locator('[data-testid="open-total"]', { hasText: `${open.total} open` }).waitFor();
    await page.locator('[data-testid="week-revenue"]', { hasText: usd(before.revenue) }).waitFor();
    await page.locator('[data-testid="week-refunds"]', { hasText: usd(before.refunds) }).waitFor();
    assertNoProblems(problems, assert);
  });

  step('refunds part of the payment with a reason and a confirmation', { needs: need('/api/v1/payments/{id}/refund') }, async () => {
    const { page, problems } = admin;
    await page.getByRole('link', { name: 'Payments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    await page.locator(`tr[data-payment="${state.paymentId}"]`).getByRole('link', { name: /Details/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Payment of $129.99' }).waitFor();
    await page.getByLabel(/^Amount/).fill('500');
    await page.getByLabel('Reason').fill('Screen protector was not fitted');
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.locator('#refund-amount-error', { hasText: 'At most $129.99 can be refunded.' }).waitFor();
    await page.getByLabel(/^Amount/).fill('20');
    await page.getByRole('button', { name: 'Refund…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund $20.00?' });
    await dialog.waitFor();
    await assertAccessible(page, assert, 'refund confirmation');
    // Opens on Cancel (Enter must not refund), and in test mode promises no money back to a card.
    assert.equal(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === document.activeElement), true);
    await dialog.getByText('Test mode: no real money moves.', { exact: false }).waitFor();
    assert.equal(await dialog.getByText("goes back to the customer's card").count(), 0);
    await dialog.getByRole('button', { name: 'Refund $20.00' }).click();
    await page.locator('[data-testid="payment-refunded"]', { hasText: '$20.00' }).waitFor({ timeout: 15_000 });
    await page.getByText('Screen protector was not fitted').waitFor();
    await screenshot(page, 'console-05-refund');
    assertNoProblems(problems, assert);
  });

  step('the dashboard shows the refund', { needs: need('/api/v1/dashboard/revenue') }, async () => {
    const { page, problems } = admin;
    const after = await thisWeek();
    assert.equal(after.refunds, state.refundsBefore + 2_000, 'the refund counts this week');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('[data-testid="week-refunds"]', { hasText: usd(after.refunds) }).waitFor();
    await page.locator('[data-testid="week-revenue"]', { hasText: usd(after.revenue) }).waitFor();
    await page.locator('canvas[role="img"]').first().waitFor();
    await assertAccessible(page, assert, 'dashboard');
    await screenshot(page, 'console-06-dashboard');
    assertNoProblems(problems, assert);
  });

  step('assigns a waiting request to the new technician, then deactivates them after a confirmation', { needs: need('/api/v1/repairs/{id}/assign') }, async () => {
    const { page, problems } = admin;
    await page.getByRole('link', { name: 'All repairs' }).click();
    await page.getByRole('heading', { level: 1, name: 'All repairs' }).waitFor();
    await page.getByLabel(`Technician for Pixel 8 urgent (${customer.name})`).selectOption({ label: 'Morgan Bench' });
    await page.getByText('Pixel 8 urgent is now with Morgan Bench.').waitFor();
    const detail = await api.get(`/repairs/${state.secondRepairId}`, { token: await asAdmin() });
    assert.equal(detail.assignedTechnicianName, 'Morgan Bench');
    await assertAccessible(page, assert, 'all repairs');

    await page.getByRole('link', { name: 'Users' }).click();
    const row = page.locator(`tr[data-user="morgan.${run}@example.com"]`);
    await row.getByRole('button', { name: 'Deactivate Morgan Bench' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Morgan Bench?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await row.getByRole('cell', { name: 'Active', exact: true }).count(), 1, 'cancelling changes nothing');
    await row.getByRole('button', { name: 'Deactivate Morgan Bench' }).click();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Morgan Bench is deactivated.').waitFor();
    await row.getByRole('cell', { name: 'Deactivated', exact: true }).waitFor();
    await assert.rejects(api.login(`morgan.${run}@example.com`, 'bench power supply 5'), /401/);
    assertNoProblems(problems, assert);
  });

  step('reads the quote email to the customer in the email outbox', { needs: need('/api/v1/admin/emails') }, async () => {
    const { page, problems } = admin;
    await page.getByRole('link', { name: 'Emails' }).click();
    await page.getByRole('heading', { level: 1, name: 'Email outbox' }).waitFor();
    // Issuing the quote earlier queued this email; no SMTP in e2e runs, so the outbox keeps it.
    const { ticketNumber } = await api.get(`/repairs/${state.repairId}`, { token: await asCustomer() });
    const subject = `Your quote for Pixel 8 normal: $129.99 (${ticketNumber})`;
    const row = page.locator('tbody tr', { hasText: customer.email }).filter({ hasText: subject });
    await row.waitFor({ timeout: 15_000 });
    assert.equal((await row.locator('.chip').textContent())?.trim(), 'Kept, not sent');
    await assertAccessible(page, assert, 'email outbox');
    await row.getByRole('button', { name: `Read “${subject}” to ${customer.email}` }).click();
    const dialog = page.getByRole('dialog', { name: subject });
    await dialog.getByText(`Hello ${customer.name},`).waitFor();
    assert.match(await dialog.getByTestId('email-text').textContent(), new RegExp(`Review the quote: \\S+/repairs/${state.repairId}`));
    await assertAccessible(page, assert, 'email reader');
    await screenshot(page, 'console-07-email');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assertNoProblems(problems, assert);
  });

  step('opens the failed jobs', { needs: need('/api/v1/admin/jobs/failed') }, async () => {
    const { page, problems } = admin;
    const failed = await api.get('/admin/jobs/failed', { token: await asAdmin() });
    await page.getByRole('link', { name: 'Failed jobs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Failed jobs' }).waitFor();
    // Nothing in these journeys is meant to fail: the list is empty unless something really broke.
    if (failed.length === 0) await page.getByText('No failed jobs.').waitFor();
    else await page.locator(`tr[data-job="${failed[0].id}"]`).waitFor();
    await assertAccessible(page, assert, 'failed jobs');
    assertNoProblems(problems, assert);
  });

  step('the navigation holds one row at 1280 px', {}, async () => {
    const { page, problems } = admin;
    await page.goto('/console/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const tops = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `one row of links, saw tops ${tops.join(', ')}`);
    // Nothing in the bar overlaps: the last link ends before the account starts, and "Sign out" holds one line.
    const bar = await page.evaluate(() => {
      const links = [...document.querySelectorAll('#main-nav a')].map((a) => a.getBoundingClientRect());
      const account = document.querySelector('header .account').getBoundingClientRect();
      const signOut = [...document.querySelectorAll('header button')].find((b) => b.textContent.trim() === 'Sign out').getBoundingClientRect();
      return { lastLinkRight: Math.max(...links.map((r) => r.right)), accountLeft: account.left, signOutHeight: signOut.height, accountRight: account.right };
    });
    assert.ok(bar.lastLinkRight <= bar.accountLeft, `links end at ${bar.lastLinkRight}, the account starts at ${bar.accountLeft}`);
    assert.ok(bar.signOutHeight < 44, `"Sign out" on one line (${bar.signOutHeight} px high)`);
    assert.ok(bar.accountRight <= 1280, 'the account fits the width');
    // The header's content lines up with the page's column.
    const [barLeft, mainLeft] = await page.evaluate(() => [document.querySelector('header .brand').getBoundingClientRect().left, document.querySelector('#main h1').getBoundingClientRect().left]);
    assert.equal(Math.round(barLeft), Math.round(mainLeft));
    assertNoProblems(problems, assert);
  });

  step('an admin on a phone reaches every screen through the menu, none scrolls sideways', {}, async () => {
    const phone = await openContext(browser, app.url, { viewport: PHONE, label: 'admin phone' });
    try {
      const { page, problems } = phone;
      await signIn(page, app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);
      await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
      await assertAccessible(page, assert, 'queue at 390 px');
      const screens = [
        ['All repairs', 'All repairs'],
        ['Users', 'Users'],
        ['Payments', 'Payments'],
        ['Dashboard', 'Dashboard'],
        ['Emails', 'Email outbox'],
        ['Failed jobs', 'Failed jobs'],
      ];
      for (const [link, heading] of screens) {
        const menu = page.getByRole('button', { name: 'Menu' });
        assert.equal(await menu.getAttribute('aria-expanded'), 'false');
        await menu.click();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.locator('rh-loading').first().waitFor({ state: 'detached' });
        await assertAccessible(page, assert, `${heading} at 390 px`);
        if (link === 'Users' || link === 'Emails') await screenshot(page, `console-08-${link.toLowerCase()}-phone`);
      }
      await page.goto(`/console/repairs/${state.repairId}`);
      await page.getByRole('heading', { level: 1, name: `Pixel 8 normal — ${customer.name}` }).waitFor();
      await assertAccessible(page, assert, 'repair workspace at 390 px');
      await page.goto(`/console/admin/payments/${state.paymentId}`);
      await page.getByRole('heading', { level: 1, name: /^Payment of/ }).waitFor();
      await assertAccessible(page, assert, 'payment at 390 px');
      await screenshot(page, 'console-09-payment-phone');
      assertNoProblems(problems, assert);
    } finally {
      await phone.context.close();
    }
  });

  step('a customer who signs in to the console is pointed to the portal', {}, async () => {
    const visitor = await openContext(browser, app.url, { viewport: DESKTOP, label: 'customer' });
    try {
      await signIn(visitor.page, customer.email, customer.password);
      await visitor.page.getByRole('heading', { name: 'The console is for RepairHub staff' }).waitFor();
      await visitor.page.getByRole('link', { name: 'Go to the customer portal' }).waitFor();
      assert.equal(await visitor.page.getByRole('navigation', { name: 'Main' }).count(), 0);
      await assertAccessible(visitor.page, assert, 'customers use the portal');
      assertNoProblems(visitor.problems, assert);
    } finally {
      await visitor.context.close();
    }
  });
});
