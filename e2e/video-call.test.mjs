// A video call in two real browsers: the technician (1440 px) calls from the repair's chat, the
// customer (phone, 390 px) answers; each side's remote <video> plays the other's fake camera; mute and
// camera off toggle; the technician hangs up and both chats show the call's notes. Axe checks the
// ringing prompt and both in-call screens. Chromium's fake camera and permission prompt are switched
// on for this journey only.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { apiClient } from './support/api.mjs';
import { appUnderTest } from './support/target.mjs';
import { PHONE, assertAccessible, assertNoProblems, launch, openContext, screenshot, signInToConsole, signInToPortal } from './support/browser.mjs';
import { steps } from './support/journey.mjs';

const WIDE = { width: 1440, height: 900 };
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** The remote <video> has decoded frames and its time moves on. */
async function assertRemotePlays(page, name) {
  const video = page.getByRole('region', { name: /^Video call with/ }).locator('video.remote');
  await video.waitFor();
  await page.waitForFunction(
    (el) => el.videoWidth > 0 && el.readyState >= 2 && !el.paused,
    await video.elementHandle(),
    { timeout: 30_000 },
  );
  const before = await video.evaluate((el) => el.currentTime);
  await page.waitForTimeout(600);
  const after = await video.evaluate((el) => ({ t: el.currentTime, w: el.videoWidth, paused: el.paused }));
  assert.ok(after.w > 0, `${name}: remote video has no frames`);
  assert.equal(after.paused, false, `${name}: remote video is paused`);
  assert.ok(after.t > before, `${name}: remote video does not advance (${before} → ${after.t})`);
}

describe('video call journey', () => {
  let app;
  let api;
  let browser;
  let customer;
  let tech;
  const step = steps({
    onFailure: async (name) => {
      for (const [who, side] of [['customer', customer], ['technician', tech]]) if (side) await screenshot(side.page, `video-call-failed-${who}-${name.slice(0, 20).replace(/\W+/g, '-')}`);
    },
  });
  const run = Date.now().toString(36);
  const techUser = { name: 'Robin Solder', email: `robin.${run}@example.com`, password: 'flux and a steady hand 2026' };
  const person = { name: 'Kim Caller', email: `kim.${run}@example.com`, password: 'my phone will not charge' };
  const state = { repairId: null };
  const asAdmin = () => api.session(app.env.BOOTSTRAP_ADMIN_EMAIL, app.env.BOOTSTRAP_ADMIN_PASSWORD);
  const asCustomer = () => api.session(person.email, person.password);
  const asTech = () => api.session(techUser.email, techUser.password);

  before(async () => {
    app = await appUnderTest();
    api = apiClient(app.url);
    browser = await launch(FAKE_MEDIA);
    await api.post('/users', { ...techUser, role: 'technician' }, { token: await asAdmin() });
    await api.post('/auth/register', person);
    const device = await api.post('/devices', { type: 'phone', brand: 'Pixel', model: `7 ${run}` }, { token: await asCustomer() });
    const repair = await api.post('/repairs', { deviceId: device.id, issueDescription: 'It stopped charging after a drop; the port looks bent.', urgency: 'normal' }, { token: await asCustomer() });
    state.repairId = repair.id;
    await api.post(`/repairs/${repair.id}/assign`, {}, { token: await asTech() });
  });

  after(async () => {
    await customer?.context.close();
    await tech?.context.close();
    await browser?.close();
    await app?.stop();
  });

  step('both open the repair chat; only the two of them are offered a call', {}, async () => {
    customer = await openContext(browser, app.url, { viewport: PHONE, label: 'customer' });
    await signInToPortal(customer.page, person);
    await customer.page.goto(`/repairs/${state.repairId}`);
    await customer.page.getByRole('button', { name: 'Start video call' }).waitFor();

    tech = await openContext(browser, app.url, { viewport: WIDE, label: 'technician' });
    await signInToConsole(tech.page, techUser);
    await tech.page.goto(`/console/repairs/${state.repairId}`);
    await tech.page.getByRole('button', { name: 'Start video call' }).waitFor();
    assertNoProblems(customer.problems, assert);
    assertNoProblems(tech.problems, assert);
  });

  step('the technician calls; the customer’s phone rings with a focused prompt', {}, async () => {
    await tech.page.getByRole('button', { name: 'Start video call' }).click();
    const calling = tech.page.getByRole('region', { name: 'Video call with the customer' });
    await calling.getByText('Calling the customer…').waitFor();
    await calling.getByRole('button', { name: 'Cancel call' }).waitFor();

    const prompt = customer.page.getByRole('alertdialog', { name: 'Incoming video call' });
    await prompt.waitFor({ timeout: 15_000 });
    await prompt.getByText(`${techUser.name} is calling you about this repair.`).waitFor();
    const accept = prompt.getByRole('button', { name: 'Accept' });
    await customer.page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Accept');
    await assertAccessible(customer.page, assert, 'incoming call prompt (phone)');
    await screenshot(customer.page, 'video-call-01-ringing-phone');
    await assertAccessible(tech.page, assert, 'calling (1440 px)');
    await accept.click();
  });

  step('each side sees and hears the other: the remote video plays on both', { timeout: 120_000 }, async () => {
    for (const [side, peer] of [[customer, 'your technician'], [tech, 'the customer']]) {
      const view = side.page.getByRole('region', { name: `Video call with ${peer}` });
      await view.getByText('Connected.').waitFor({ timeout: 30_000 });
      await view.locator('time').waitFor();
    }
    await assertRemotePlays(customer.page, 'customer');
    await assertRemotePlays(tech.page, 'technician');
    await assertAccessible(customer.page, assert, 'in call (phone)');
    await assertAccessible(tech.page, assert, 'in call (1440 px)');
    await screenshot(customer.page, 'video-call-02-in-call-phone');
    await screenshot(tech.page, 'video-call-03-in-call-desktop');
  });

  step('mute and camera off toggle and say so', {}, async () => {
    const view = customer.page.getByRole('region', { name: 'Video call with your technician' });
    const mute = view.getByRole('button', { name: 'Mute' });
    await mute.click();
    const unmute = view.getByRole('button', { name: 'Unmute' });
    assert.equal(await unmute.getAttribute('aria-pressed'), 'true');
    assert.equal(await view.locator('video.local').evaluate((el) => el.srcObject.getAudioTracks()[0].enabled), false);
    await view.getByRole('button', { name: 'Camera off' }).click();
    const cameraOn = view.getByRole('button', { name: 'Camera on' });
    assert.equal(await cameraOn.getAttribute('aria-pressed'), 'true');
    assert.equal(await view.locator('video.local').evaluate((el) => el.srcObject.getVideoTracks()[0].enabled), false);
    await unmute.click();
    await cameraOn.click();
    assert.equal(await view.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed'), 'false');
    assert.equal(await view.getByRole('button', { name: 'Camera off' }).getAttribute('aria-pressed'), 'false');
    // The phone layout keeps every control on screen, nothing scrolls sideways.
    for (const name of ['Mute', 'Camera off', 'Hang up']) {
      const box = await view.getByRole('button', { name }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${name} is outside the phone screen`);
    }
  });

  step('the technician hangs up; both chats show the call started, answered and ended with its length', {}, async () => {
    await tech.page.waitForTimeout(1200);
    await tech.page.getByRole('button', { name: 'Hang up' }).click();
    for (const side of [tech, customer]) {
      await side.page.getByRole('region', { name: /^Video call with/ }).waitFor({ state: 'detached', timeout: 15_000 });
      await side.page.getByRole('status').filter({ hasText: /^Call ended · \d+ s/ }).waitFor();
      const log = side.page.getByRole('log', { name: 'Messages' });
      await log.getByText('Video call started by the technician.').waitFor();
      await log.getByText('Video call answered.').waitFor();
      await log.getByText(/^Video call ended · \d+ s$/).waitFor({ timeout: 15_000 });
      assert.equal(await log.getByText(/^Video call ended/).count(), 1);
      await side.page.getByRole('button', { name: 'Start video call' }).waitFor();
    }
    await screenshot(customer.page, 'video-call-04-ended-phone');
    await screenshot(tech.page, 'video-call-05-ended-desktop');
    await assertAccessible(customer.page, assert, 'after the call (phone)');
    assertNoProblems(customer.problems, assert);
    assertNoProblems(tech.problems, assert);
  });

  step('a call ringing while the customer is elsewhere in the portal: a banner leads to the chat, where they decline', {}, async () => {
    const c = customer.page;
    await c.getByRole('link', { name: 'My repairs', exact: true }).click();
    await c.waitForURL(/\/repairs$/);
    await tech.page.getByRole('button', { name: 'Start video call' }).click();
    const banner = c.getByRole('alertdialog', { name: 'Incoming video call' });
    await banner.getByText(`${techUser.name} is calling you about a repair.`).waitFor({ timeout: 15_000 });
    await c.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Open the chat to answer');
    await assertAccessible(c, assert, 'incoming call banner (phone)');
    await screenshot(c, 'video-call-06-banner-phone');
    await banner.getByRole('link', { name: 'Open the chat to answer' }).click();
    await c.waitForURL(new RegExp(`/repairs/${state.repairId}$`));
    // On the repair page the chat's own prompt takes over (one prompt, not two).
    const prompt = c.getByRole('alertdialog', { name: 'Incoming video call' });
    await prompt.getByRole('button', { name: 'Accept' }).waitFor();
    assert.equal(await prompt.count(), 1);
    await prompt.getByRole('button', { name: 'Decline' }).click();
    await tech.page.getByRole('status').filter({ hasText: 'The call was declined.' }).waitFor({ timeout: 15_000 });
    await tech.page.getByRole('log', { name: 'Messages' }).getByText('Video call declined.').waitFor();
    assertNoProblems(customer.problems, assert);
    assertNoProblems(tech.problems, assert);
  });
});
