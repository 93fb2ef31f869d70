// Drop-off appointments in a real browser: a customer on a phone books a drop-off time while
// submitting a request and finds it on the repair page; a technician at desk width sees it among
// today's or tomorrow's drop-offs and opens the repair from there. Axe on the form, the repair page
// and the console screen; screenshots at both widths.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { apiClient } from './support/api.mjs';
import { appUnderTest } from './support/target.mjs';
import { PHONE, assertAccessible, assertNoProblems, launch, openContext, screenshot, signInToConsole, signInToPortal } from './support/browser.mjs';
import { steps } from './support/journey.mjs';

const WIDE = { width: 1440, height: 900 };

describe('drop-off appointments journey', () => {
  let app;
  let api;
  let browser;
  let customer;
  let tech;
  const step = steps();
  const run = Date.now().toString(36);
  const techUser = { name: 'Robin Counter', email: `robin.${run}@example.com`, password: 'counter bell rings twice' };
  const person = { name: `Drew Dropoff ${run}`, email: `drew.${run}@example.com`, password: 'bringing it by tomorrow' };
  const device = { type: 'laptop', brand: 'Lenovo', model: `ThinkPad ${run}` };
  const state = { repairId: null, time: null, dayLabel: null };
  const asAdmin = () => api.session(app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);

  before(async () => {
    app = await appUnderTest();
    api = apiClient(app.url);
    browser = await launch();
    await api.post('/users', { ...techUser, role: 'technician' }, { token: await asAdmin() });
    await api.post('/auth/register', person);
    await api.post('/devices', device, { token: await api.session(person.email, person.password) });
  });

  after(async () => {
    await customer?.context.close();
    await tech?.context.close();
    await browser?.close();
    await app?.stop();
  });

  step('a customer on a phone books a drop-off time with the request and sees it on the repair page', {}, async () => {
    customer = await openContext(browser, app.url, { viewport: PHONE, label: 'customer' });
    const { page, problems } = customer;
    await signInToPortal(page, person);
    await page.goto('/repairs/new');
    await page.getByLabel('Describe the problem').fill('The hinge cracked and the lid no longer stays open.');

    const picker = page.getByRole('group', { name: 'When will you bring it in?' });
    await picker.getByRole('radio', { name: 'No appointment — I’ll bring or send it in' }).waitFor();
    assert.equal(await picker.getByRole('radio', { name: 'No appointment — I’ll bring or send it in' }).isChecked(), true);
    await picker.getByText('Times are shop time (UTC).').waitFor();
    // By keyboard: focus the booking choice and select it with the space bar.
    await picker.getByRole('radio', { name: 'Book a drop-off time' }).focus();
    await page.keyboard.press('Space');
    const days = picker.getByRole('group', { name: 'Day' });
    const firstDay = days.getByRole('radio').first();
    assert.equal(await firstDay.isChecked(), true);
    state.dayLabel = (await firstDay.locator('xpath=..').innerText()).trim();
    const times = picker.getByRole('group', { name: /^Time on / });
    const slot = times.getByRole('radio', { disabled: false }).first();
    state.time = (await slot.locator('xpath=..').innerText()).trim();
    await slot.check();
    await assertAccessible(page, assert, 'new request with a drop-off time chosen');
    await screenshot(page, 'appointments-01-new-request-phone');

    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/repairs\/[0-9a-f-]{36}$/);
    state.repairId = page.url().split('/').pop();
    const card = page.getByRole('region', { name: 'Drop-off' });
    await card.getByText(`Booked for ${state.dayLabel}, ${state.time}`).waitFor();
    await card.getByText('(shop time, UTC)').waitFor();
    await assertAccessible(page, assert, 'repair page with its drop-off');
    await screenshot(page, 'appointments-02-repair-page-phone');
    assertNoProblems(problems, assert);
  });

  step('a technician at desk width sees it among the drop-offs and opens the repair', {}, async () => {
    tech = await openContext(browser, app.url, { viewport: WIDE, label: 'technician' });
    const { page, problems } = tech;
    await signInToConsole(page, techUser);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drop-offs' }).click();
    await page.getByRole('heading', { name: 'Drop-offs', level: 1 }).waitFor();
    const today = page.getByRole('region', { name: /^Today/ });
    const tomorrow = page.getByRole('region', { name: /^Tomorrow/ });
    await today.waitFor();
    await tomorrow.waitFor();
    const link = page.getByRole('link', { name: new RegExp(`· ${device.brand} ${device.model}$`) });
    await link.waitFor();
    const row = page.getByRole('listitem').filter({ has: link });
    assert.equal((await row.locator('time').innerText()).trim(), state.time);
    await row.getByText(person.name).waitFor();
    await assertAccessible(page, assert, 'drop-offs at desk width');
    await screenshot(page, 'appointments-03-drop-offs-desk');

    await page.setViewportSize(PHONE);
    await assertAccessible(page, assert, 'drop-offs on a phone');
    await screenshot(page, 'appointments-04-drop-offs-phone');
    await page.setViewportSize(WIDE);

    await link.click();
    await page.waitForURL(new RegExp(`/console/repairs/${state.repairId}$`));
    await page.getByRole('heading', { name: `${device.brand} ${device.model} — ${person.name}`, level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Customer' }).getByText(`${state.dayLabel}, ${state.time}`).waitFor();
    assertNoProblems(problems, assert);
  });
});
