// At the counter, in real browsers: a technician checks a walk-in customer in at desktop width (errors
// in words on the first invalid field, then the repair page with its heading focused), prints the 62 mm
// label and the A4 customer copy as PDFs whose QR codes decode to the console link and the tracking
// link; a stranger's phone opens the tracking link signed out (status, quote, nothing else; a replaced
// link says it is dead); the customer accepts the emailed invitation and finds the repair in the portal.
// On a phone, a walk-in who gives only a phone number: the form and the answer promise no invitation,
// the slip prints with their tracking link, and the next visit finds them by phone ("No email").
// axe on every new screen; screenshots at 1440 and 390 px.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { apiClient } from './support/api.mjs';
import { appUnderTest } from './support/target.mjs';
import { PHONE, assertAccessible, assertNoProblems, forget, launch, openContext, screenshot, signInToConsole } from './support/browser.mjs';
import { steps } from './support/journey.mjs';
import { readPdfQrCodes } from './support/pdf-qr.mjs';

const WIDE = { width: 1440, height: 900 };

describe('counter check-in journey', () => {
  let app;
  let api;
  let browser;
  let tech;
  let visitor;
  const step = steps({
    onFailure: async (name) => {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      if (tech) await screenshot(tech.page, `FAILED-checkin-tech-${slug}`);
      if (visitor) await screenshot(visitor.page, `FAILED-checkin-visitor-${slug}`);
      for (const line of [...(tech?.problems ?? []), ...(visitor?.problems ?? [])]) process.stderr.write(`${line}\n`);
    },
  });
  const run = Date.now().toString(36);
  const techUser = { name: 'Casey Counter', email: `casey.${run}@example.com`, password: 'bench screwdriver 2026' };
  const walkIn = { name: 'Wendy Walkin', email: `wendy.${run}@example.com`, phone: '+44 20 7946 0311', password: 'harbour kettle lantern 71' };
  const regular = { name: `Rory Regular ${run}`, email: `rory.${run}@example.com`, password: 'regular customer pass 9' };
  const phoneOnly = { name: `Pam Phoneonly ${run}`, phone: '+44 20 7946 0777', stored: '+442079460777', local: '020 7946 0777' };
  const state = { repairId: null, ticket: null, trackingUrl: null };
  const asAdmin = () => api.session(app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);
  const asTech = () => api.session(techUser.email, techUser.password);

  before(async () => {
    app = await appUnderTest();
    api = apiClient(app.url);
    browser = await launch();
    await api.post('/users', { ...techUser, role: 'technician' }, { token: await asAdmin() });
    await api.post('/auth/register', { name: regular.name, email: regular.email, password: regular.password });
    await api.post('/devices', { type: 'laptop', brand: 'Lenovo', model: `ThinkPad ${run}` }, { token: await api.session(regular.email, regular.password) });
  });

  after(async () => {
    await tech?.context.close();
    await visitor?.context.close();
    await browser?.close();
    await app?.stop();
  });

  step('a technician checks a walk-in customer in at the counter', {}, async () => {
    tech = await openContext(browser, app.url, { viewport: WIDE, label: 'technician' });
    const { page, problems } = tech;
    await signInToConsole(page, techUser);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Check in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check a device in' }).waitFor();
    await assertAccessible(page, assert, 'check-in form');

    // Nothing filled in: the first invalid field says why and has focus.
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.locator('#customer-name-error').filter({ hasText: 'Name is required.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'customer-name');
    await page.locator('#customer-email-error').filter({ hasText: 'email or phone' }).waitFor();
    await assertAccessible(page, assert, 'check-in form with errors');

    await page.getByLabel('Name', { exact: true }).fill(walkIn.name);
    await page.getByLabel('Email', { exact: true }).fill(walkIn.email);
    await page.getByLabel('Phone').fill(walkIn.phone);
    await page.getByLabel('Type').selectOption('phone');
    await page.getByLabel('Brand').fill('Samsung');
    await page.getByLabel('Model').fill('Galaxy S23');
    await page.getByLabel('Serial number').fill('SGS23-SECRET-77');
    await page.getByLabel('Problem, as the customer describes it').fill('Does not charge any more, the port looks bent.');
    await page.getByRole('radio', { name: /High/ }).check();
    await page.getByRole('textbox', { name: /^Condition/ }).fill('Scratched back, small dent on the top edge.');
    await page.getByRole('checkbox', { name: 'Charger' }).check();
    await page.getByRole('checkbox', { name: 'SIM card' }).check();
    await page.getByLabel('Anything else').fill('blue case');
    await page.getByLabel('Deposit').fill('£20 cash, receipt 117');
    assert.equal(await page.getByRole('checkbox', { name: 'Assign the repair to me' }).isChecked(), true);
    await screenshot(page, 'checkin-01-form-1440');
    await page.getByRole('button', { name: 'Check in' }).click();

    await page.waitForURL(/\/console\/repairs\/[0-9a-f-]{36}$/);
    state.repairId = page.url().split('/').pop();
    const heading = page.getByRole('heading', { level: 1, name: `Samsung Galaxy S23 — ${walkIn.name}` });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const card = page.getByRole('region', { name: 'Intake and tracking' });
    await card.getByText('Charger, SIM card, blue case').waitFor();
    await card.getByText('£20 cash, receipt 117').waitFor();
    state.trackingUrl = await card.getByLabel('Tracking link').inputValue();
    assert.match(state.trackingUrl, /\/track\/[\w-]{43}$/);
    state.ticket = (await page.locator('.ticket').textContent()).replace('Repair', '').trim();
    assert.match(state.ticket, /^R-\d+$/);
    await page.getByText(`Technician: ${techUser.name}`).waitFor();
    await assertAccessible(page, assert, 'repair page after check-in');
    await screenshot(page, 'checkin-02-repair-1440');
    assertNoProblems(problems, assert);
  });

  step('the label prints 62 mm wide, and its QR opens the repair in the console', {}, async () => {
    const { page, problems } = tech;
    await page.getByRole('link', { name: 'Print label' }).click();
    await page.getByRole('heading', { level: 1, name: `Print ${state.ticket}` }).waitFor();
    await page.getByRole('img', { name: `QR code: open ${state.ticket} in the console` }).waitFor();
    await assertAccessible(page, assert, 'print page (label)');
    await screenshot(page, 'checkin-03-print-label-1440');
    const label = await readPdfQrCodes(browser, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.equal(label.widthMm, 62);
    assert.equal(label.pages, 1);
    assert.deepEqual(label.codes, [`${app.url}/console/repairs/${state.repairId}`]);

    await page.getByRole('radio', { name: /A4 sheet/ }).check();
    const slip = page.getByRole('region', { name: 'Customer’s copy' });
    await slip.getByText(state.trackingUrl).waitFor();
    await slip.getByText('Does not charge any more, the port looks bent.').waitFor();
    await slip.getByRole('img', { name: 'QR code: follow this repair online' }).waitFor();
    await assertAccessible(page, assert, 'print page (A4)');
    await screenshot(page, 'checkin-04-print-a4-1440');
    const sheet = await readPdfQrCodes(browser, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.deepEqual([sheet.widthMm, sheet.heightMm], [210, 297]);
    assert.deepEqual(new Set(sheet.codes), new Set([`${app.url}/console/repairs/${state.repairId}`, state.trackingUrl]));
    assertNoProblems(problems, assert);
  });

  step('anyone with the tracking link sees the status and the quote on a phone, signed out, and nothing else', {}, async () => {
    await api.post('/quotes', { repairRequestId: state.repairId, partsCost: 3900, laborCost: 2500, currency: 'usd', notes: 'New charging port' }, { token: await asTech() });
    visitor = await openContext(browser, app.url, { viewport: PHONE, label: 'visitor' });
    const { page, problems } = visitor;
    await page.goto(new URL(state.trackingUrl).pathname);
    await page.getByRole('heading', { level: 1, name: `Repair ${state.ticket}` }).waitFor();
    const quote = page.getByRole('region', { name: 'Quote' });
    await quote.getByText('$64.00').waitFor();
    await quote.getByRole('link', { name: 'Sign in to accept' }).waitFor();
    await page.getByRole('list', { name: 'Repair progress' }).getByText('Quote ready', { exact: false }).first().waitFor();
    const text = await page.locator('main').innerText();
    for (const hidden of ['SGS23-SECRET-77', walkIn.email, walkIn.name, 'Samsung', techUser.name, 'New charging port']) {
      assert.ok(!text.includes(hidden), `the public page shows ${hidden}`);
    }
    assert.equal(await page.getByRole('log', { name: 'Messages' }).count(), 0);
    await assertAccessible(page, assert, 'public tracking page');
    await screenshot(page, 'checkin-05-track-390');
    assertNoProblems(problems, assert);
  });

  step('the customer accepts the invitation and finds the repair in the portal; a replaced link is dead', {}, async () => {
    const emails = await api.get('/admin/emails?limit=100', { token: await asAdmin() });
    const invitation = emails.items.find((e) => e.to === walkIn.email && e.template === 'account_invitation');
    assert.ok(invitation, 'an invitation to the walk-in customer');
    assert.ok(invitation.text.includes(state.trackingUrl), 'the invitation carries the tracking link');
    const link = new URL(invitation.text.match(/(\S+\/reset-password\?token=\S+)/)[1]);

    const { page, problems } = visitor;
    await page.goto(`${link.pathname}${link.search}`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(walkIn.password);
    await page.getByLabel('Confirm new password').fill(walkIn.password);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL('**/sign-in?reset=1');
    await page.getByLabel('Email').fill(walkIn.email);
    await page.getByLabel('Password').fill(walkIn.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/repairs$/);
    await page.getByRole('link', { name: /Samsung Galaxy S23/ }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Samsung Galaxy S23' }).waitFor();
    const status = page.getByRole('region', { name: 'Status link' });
    assert.equal(await status.getByLabel('Tracking link').inputValue(), state.trackingUrl);
    await assertAccessible(page, assert, 'portal repair page with the status link');
    await screenshot(page, 'checkin-06-portal-repair-390');

    await status.getByRole('button', { name: 'Make a new link' }).click();
    const keep = status.getByRole('button', { name: 'Keep this link' });
    await keep.waitFor();
    assert.equal(await keep.evaluate((el) => el === document.activeElement), true);
    await status.getByRole('button', { name: 'Yes, make a new link' }).click();
    await page.getByRole('status').filter({ hasText: 'New tracking link made' }).waitFor();
    const renewed = await status.getByLabel('Tracking link').inputValue();
    assert.notEqual(renewed, state.trackingUrl);
    assertNoProblems(problems, assert);

    await page.goto(new URL(state.trackingUrl).pathname);
    await page.getByRole('heading', { level: 1, name: 'This link is not valid any more' }).waitFor();
    await assertAccessible(page, assert, 'dead tracking link');
    await screenshot(page, 'checkin-07-dead-link-390');
    forget(problems, /status of 404/);
    assertNoProblems(problems, assert);
  });

  step('staff find an existing customer as they type and check in one of their devices', {}, async () => {
    const { page, problems } = tech;
    await page.goto('/console/check-in');
    await page.getByRole('heading', { level: 1, name: 'Check a device in' }).waitFor();
    await page.getByLabel('Find an existing customer').fill(regular.name.slice(0, 12).toLowerCase() + ' ' + run);
    const found = page.getByRole('list', { name: 'Customers found' });
    await found.getByRole('button', { name: `Choose ${regular.name}, ${regular.email}` }).click();
    await page.getByRole('button', { name: 'Change customer' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: new RegExp(`Lenovo ThinkPad ${run}`) }).isChecked(), true);
    await page.getByLabel('Problem, as the customer describes it').fill('The hinge cracked and the lid wobbles.');
    await page.getByRole('checkbox', { name: 'Assign the repair to me' }).uncheck();
    await assertAccessible(page, assert, 'check-in with a found customer');
    await screenshot(page, 'checkin-08-found-customer-1440');
    await page.setViewportSize(PHONE);
    await assertAccessible(page, assert, 'check-in with a found customer on a phone');
    await screenshot(page, 'checkin-08-found-customer-390');
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.waitForURL(/\/console\/repairs\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: `Lenovo ThinkPad ${run} — ${regular.name}` }).waitFor();
    await page.getByText('Unassigned').first().waitFor();
    const theirs = await api.get('/repairs', { token: await api.session(regular.email, regular.password) });
    assert.equal(theirs.items.length, 1);
    await page.getByRole('link', { name: 'Print customer slip' }).click();
    await page.getByRole('region', { name: 'Customer’s copy' }).getByText('The hinge cracked and the lid wobbles.').waitFor();
    await assertAccessible(page, assert, 'A4 print page on a phone');
    await screenshot(page, 'checkin-09-print-a4-390');
    assertNoProblems(problems, assert);
  });

  step('on a phone, a walk-in with only a phone number is checked in without an invitation, the slip prints, and the next visit finds them', {}, async () => {
    const { page, problems } = tech;
    await page.setViewportSize(PHONE);
    await page.goto('/console/check-in');
    await page.getByRole('heading', { level: 1, name: 'Check a device in' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(phoneOnly.name);
    await page.getByRole('button', { name: 'Check in' }).click();
    const contactError = page.locator('#customer-email-error').filter({ hasText: 'email or phone' });
    await contactError.waitFor();
    // A phone number answers "email or phone" at once, without touching the email field.
    await page.getByLabel('Phone').fill(phoneOnly.phone);
    await contactError.waitFor({ state: 'detached' });
    const note = page.getByText('With no email, no invitation goes out: the tracking link on the printed customer slip is how they follow the repair.');
    await note.waitFor();
    assert.equal(await page.getByLabel('Phone').getAttribute('aria-describedby'), 'customer-phone-only');
    // An email means an invitation after all: the note goes, and comes back without it.
    await page.getByLabel('Email', { exact: true }).fill(`pam.${run}@example.com`);
    await note.waitFor({ state: 'detached' });
    await page.getByLabel('Email', { exact: true }).fill('');
    await note.waitFor();
    await page.getByLabel('Brand').fill('Nokia');
    await page.getByLabel('Model').fill(`G42 ${run}`);
    await page.getByLabel('Problem, as the customer describes it').fill('The screen flickers and goes dark.');
    await assertAccessible(page, assert, 'check-in form, phone number only, on a phone');
    await screenshot(page, 'checkin-10-phone-only-390');
    await page.getByRole('button', { name: 'Check in' }).click();

    await page.waitForURL(/\/console\/repairs\/[0-9a-f-]{36}$/);
    await page.getByRole('status').filter({ hasText: 'No invitation was sent (no email): print the customer’s copy, its link is how they follow the repair.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: `Nokia G42 ${run} — ${phoneOnly.name}` }).waitFor();
    const repairId = page.url().split('/').pop();
    const trackingUrl = await page.getByRole('region', { name: 'Intake and tracking' }).getByLabel('Tracking link').inputValue();
    await page.getByRole('link', { name: 'Print customer slip' }).click();
    const slip = page.getByRole('region', { name: 'Customer’s copy' });
    await slip.getByText(trackingUrl).waitFor();
    await slip.getByText('The screen flickers and goes dark.').waitFor();
    const sheet = await readPdfQrCodes(browser, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.deepEqual(new Set(sheet.codes), new Set([`${app.url}/console/repairs/${repairId}`, trackingUrl]));
    await screenshot(page, 'checkin-11-phone-only-slip-390');

    // The next visit: found by the phone as typed locally, shown with it and without an email, checked in again.
    await page.goto('/console/check-in');
    await page.getByLabel('Find an existing customer').fill(phoneOnly.local);
    const found = page.getByRole('list', { name: 'Customers found' });
    await found.getByText(`${phoneOnly.stored} · No email`).waitFor();
    await found.getByRole('button', { name: `Choose ${phoneOnly.name}, ${phoneOnly.stored}` }).click();
    await page.locator('.chosen').getByText(`${phoneOnly.stored} · No email`).waitFor();
    assert.equal(await page.getByRole('radio', { name: new RegExp(`Nokia G42 ${run}`) }).isChecked(), true);
    await page.getByLabel('Problem, as the customer describes it').fill('The flicker is back after the repair.');
    await assertAccessible(page, assert, 'check-in with a found phone-only customer');
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByRole('status').filter({ hasText: 'No invitation was sent' }).waitFor();
    await page.waitForURL((url) => /\/console\/repairs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(repairId));
    const emails = await api.get('/admin/emails?limit=100', { token: await asAdmin() });
    assert.ok(!emails.items.some((e) => e.subject.includes(phoneOnly.name) || e.text.includes(trackingUrl)), 'nothing is emailed for the phone-only customer');
    assertNoProblems(problems, assert);
  });
});
