// Photos in a real browser: a customer attaches a photo to a new request and another in the chat; the
// assigned technician sees both, the chat one arriving live, and opens it in the viewer. Axe checks
// the new-request form with a photo chosen, both repair pages with their photos and the viewer.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import sharp from 'sharp';
import { apiClient } from './support/api.mjs';
import { appUnderTest } from './support/target.mjs';
import { DESKTOP, PHONE, assertAccessible, assertNoProblems, launch, openContext, screenshot, signInToConsole, signInToPortal } from './support/browser.mjs';
import { steps } from './support/journey.mjs';

const photo = (name, background) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background } })
    .jpeg()
    .toBuffer()
    .then((buffer) => ({ name, mimeType: 'image/jpeg', buffer }));

describe('attachments journey', () => {
  let app;
  let api;
  let browser;
  let customer;
  let tech;
  const step = steps();
  const run = Date.now().toString(36);
  const techUser = { name: 'Pat Pixel', email: `pat.${run}@example.com`, password: 'solder and flux 2026' };
  const person = { name: 'Dana Photo', email: `dana.${run}@example.com`, password: 'my screen is cracked' };
  const state = { repairId: null };
  const asAdmin = () => api.session(app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);
  const asCustomer = () => api.session(person.email, person.password);
  const asTech = () => api.session(techUser.email, techUser.password);

  before(async () => {
    app = await appUnderTest();
    api = apiClient(app.url);
    browser = await launch();
    await api.post('/users', { ...techUser, role: 'technician' }, { token: await asAdmin() });
    await api.post('/auth/register', person);
    await api.post('/devices', { type: 'phone', brand: 'Fairphone', model: `5 ${run}` }, { token: await asCustomer() });
  });

  after(async () => {
    await customer?.context.close();
    await tech?.context.close();
    await browser?.close();
    await app?.stop();
  });

  step('a customer attaches a photo to a new request on a phone', {}, async () => {
    customer = await openContext(browser, app.url, { viewport: PHONE, label: 'customer' });
    const { page, problems } = customer;
    await signInToPortal(page, person);
    await page.goto('/repairs/new');
    await page.getByLabel('Describe the problem').fill('The back glass shattered and the camera shows a crack across the picture.');
    await page.locator('#photos').setInputFiles(await photo('back-glass.jpg', { r: 180, g: 40, b: 40 }));
    await page.getByRole('list', { name: 'Photos to send' }).getByText('back-glass.jpg').waitFor();
    await assertAccessible(page, assert, 'new request with a photo');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/repairs\/[0-9a-f-]{36}$/);
    state.repairId = page.url().split('/').pop();
    const card = page.getByRole('region', { name: 'Photos and documents' });
    await card.getByRole('button', { name: 'Open back-glass.jpg' }).waitFor();
    await card.locator('img[src^="blob:"]').waitFor();
    await assertAccessible(page, assert, 'repair page with photos');
    await screenshot(page, 'attachments-01-repair-page');
    assertNoProblems(problems, assert);
  });

  step('the assigned technician sees the intake photo, and a chat photo arrives live', {}, async () => {
    await api.post(`/repairs/${state.repairId}/assign`, {}, { token: await asTech() });
    tech = await openContext(browser, app.url, { viewport: DESKTOP, label: 'technician' });
    const { page, problems } = tech;
    await signInToConsole(page, techUser);
    await page.goto(`/console/repairs/${state.repairId}`);
    await page.getByRole('region', { name: 'Photos and documents' }).getByRole('button', { name: 'Open back-glass.jpg' }).waitFor();
    const log = page.getByRole('log', { name: 'Messages' });
    await log.waitFor();

    const c = customer.page;
    await c.reload();
    await c.getByRole('log', { name: 'Messages' }).waitFor();
    await c.getByLabel('Attach photos').setInputFiles(await photo('camera-crack.jpg', { r: 40, g: 40, b: 180 }));
    await c.getByRole('list', { name: 'Files to send' }).getByText('camera-crack.jpg').waitFor();
    await c.getByLabel('Message', { exact: true }).fill('Here is the camera.');
    await c.getByRole('button', { name: 'Send' }).click();
    await c.getByRole('log', { name: 'Messages' }).getByRole('button', { name: 'Open camera-crack.jpg' }).waitFor();

    const arrived = log.getByRole('button', { name: 'Open camera-crack.jpg' });
    await arrived.waitFor({ timeout: 15_000 });
    await log.getByText('Here is the camera.').waitFor();
    await arrived.click();
    const viewer = page.getByRole('dialog', { name: 'camera-crack.jpg' });
    await viewer.locator('img[src^="blob:"]').waitFor();
    const width = await viewer.locator('img').evaluate((img) => img.naturalWidth);
    assert.equal(width, 640);
    await assertAccessible(page, assert, 'attachment viewer');
    await screenshot(page, 'attachments-02-viewer');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await assertAccessible(page, assert, 'repair workspace with photos');
    assertNoProblems(problems, assert);
    assertNoProblems(customer.problems, assert);
  });
});
