// Debian's chromium driven by playwright-core, with every console error and uncaught exception
// recorded so a test can fail on them, plus axe checks and screenshots for reviewers.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { ROOT } from './app.mjs';

export const SCREENSHOTS = join(ROOT, 'e2e/screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** `extraArgs`: flags one journey needs (the video call's fake camera and permission prompt). */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/**
 * A browser context whose pages report problems into `problems`: console errors, uncaught
 * exceptions and unhandled rejections, and failed requests to our own origin.
 */
export async function openContext(browser, baseURL, { viewport = PHONE, label = 'page', locale, timezoneId } = {}) {
  const context = await browser.newContext({ baseURL, viewport, reducedMotion: 'reduce', locale, timezoneId });
  const problems = [];
  const watch = (page) => {
    page.on('console', (message) => {
      // Chrome's "Failed to load resource" names no URL in its text: the location carries it.
      const where = message.location()?.url;
      if (message.type() === 'error') problems.push(`[${label}] console error: ${message.text()}${where ? ` (${where})` : ''}`);
    });
    page.on('pageerror', (error) => problems.push(`[${label}] uncaught: ${error.message}`));
  };
  context.on('page', watch);
  const page = await context.newPage();
  return { context, page, problems };
}

/** Fails with every recorded problem, then forgets them. */
export function assertNoProblems(problems, assert) {
  const seen = problems.splice(0);
  assert.deepEqual(seen, [], `browser problems:\n${seen.join('\n')}`);
}

/**
 * Drops the problems a step caused on purpose (Chrome logs an expected 4xx answer as a console error);
 * returns the list, for `assertNoProblems`. Fails when none matched, so the expectation stays true.
 */
export function forget(problems, pattern) {
  const kept = problems.filter((line) => !pattern.test(line));
  if (kept.length === problems.length) throw new Error(`expected a problem matching ${pattern}, saw:\n${problems.join('\n')}`);
  problems.splice(0, problems.length, ...kept);
  return problems;
}

/** On a phone-sized viewport, the page does not scroll sideways. */
export async function assertFitsWidth(page, assert, name) {
  const { viewport, scrollWidth, overflowing } = await page.evaluate(() => {
    const width = window.innerWidth;
    // The innermost elements that reach past the right edge say what to fix.
    const past = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > width + 0.5);
    const innermost = past.filter((e) => !past.some((other) => other !== e && e.contains(other)));
    const describe = (e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
    return { viewport: width, scrollWidth: document.documentElement.scrollWidth, overflowing: innermost.slice(0, 5).map(describe) };
  });
  assert.ok(scrollWidth <= viewport, `${name} is ${scrollWidth} px wide on a ${viewport} px screen; past the edge: ${overflowing.join('; ')}`);
}

/**
 * No serious or critical axe violation on what the page shows now; at phone width (390 px), also no
 * sideways scrolling, so every screen a journey checks is checked for both.
 */
export async function assertAccessible(page, assert, name) {
  if ((page.viewportSize()?.width ?? Infinity) <= PHONE.width) await assertFitsWidth(page, assert, name);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(summary, [], `accessibility violations on ${name}:\n${summary.join('\n')}`);
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Fails when a shown toast lies over a visible control (button, link, field) of the page: a toast
 * must never hide what the user may want to press next.
 */
export async function assertToastsCoverNoControl(page, assert) {
  await page.locator('.toast').first().waitFor();
  const covered = await page.evaluate(() => {
    const toasts = [...document.querySelectorAll('.toast')].map((t) => t.getBoundingClientRect());
    const controls = [...document.querySelectorAll('button, a[href], input, select, textarea, [role="button"]')].filter(
      (c) => !c.closest('.toast') && c.getClientRects().length > 0,
    );
    const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return controls
      .filter((c) => toasts.some((t) => overlaps(t, c.getBoundingClientRect())))
      .map((c) => c.getAttribute('aria-label') || c.textContent?.trim() || c.tagName);
  });
  assert.deepEqual(covered, [], `a toast covers: ${covered.join(', ')}`);
}

/** Signs in through the portal's sign-in page and waits for the customer's repairs. */
export async function signInToPortal(page, who) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/repairs$/);
}

/** Signs a technician or admin in through the console's sign-in page and waits for the queue. */
export async function signInToConsole(page, who) {
  await page.goto('/console/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Repair queue' }).waitFor();
}
