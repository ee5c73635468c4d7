// What the browser tests share: Debian's Chromium driven by playwright-core, pages of the app
// as a given development account, waiting for transactions, blocks on demand, screenshots,
// accessibility and keyboard checks.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/** The served app, with ?rpc= pointing at the test node. */
export const APP = process.env.APP_URL ?? 'http://127.0.0.1:8944/';
/** The test node's JSON-RPC over HTTP. */
export const RPC = process.env.ESCROW_RPC ?? 'http://127.0.0.1:9944';
/** Where the screenshots go: docs/app/ of the repository. */
export const SHOTS = process.env.APP_SHOTS ?? new URL('../../docs/app/', import.meta.url).pathname;

let browser;
const pages = new Set();
/** On a failure: a picture of every page still open, in SHOTS/failed-N.png. */
export async function shootOpenPages() {
  let i = 0;
  for (const p of pages) if (!p.isClosed()) await p.screenshot({ path: join(SHOTS, `failed-${i++}.png`), fullPage: true }).catch(() => {});
}
export async function launch() {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // Root in a container has no user namespace for Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  return browser;
}
export const close = () => browser?.close();

/** A fresh browser profile (its own storage) at `hash`, signed in as the development `account`. */
export async function open(hash, { account, locale = 'en-GB' } = {}) {
  const context = await (await launch()).newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(APP + hash);
  await page.getByTestId('chain-status').filter({ hasText: '#' }).waitFor();
  if (account) await as(page, account);
  pages.add(page);
  return page;
}

/** Picks the account named `name` (a development account, or a wallet's) from the account menu. */
export async function as(page, name) {
  const select = page.getByTestId('account');
  // An option reads "Name (source) address": the name starts it.
  const option = select.locator('option', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`) });
  await option.waitFor({ state: 'attached' });
  await select.selectOption(await option.getAttribute('value'));
}

/**
 * Clicks `button` and waits for its transaction: resolves once it is final, and fails with the
 * error the app shows if it failed.
 */
export async function sign(page, button) {
  const before = await page.getByTestId('tx').count();
  await button.click();
  const tx = page.getByTestId('tx').first();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=tx]').length > n || n >= 4,
    before,
  );
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=tx]')?.getAttribute('data-stage');
    return s === 'final' || s === 'failed';
  });
  const stage = await tx.getAttribute('data-stage');
  if (stage === 'failed') assert.fail(`transaction failed: ${await tx.getByTestId('tx-error').textContent()}`);
  return tx;
}

/** Asks the node (instant or manual sealing) for `n` blocks. */
export async function blocks(n) {
  for (let i = 0; i < n; i++) {
    const res = await fetch(RPC, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'engine_createBlock', params: [true, true, null] }),
    });
    const body = await res.json();
    if (body.error) throw new Error(`engine_createBlock: ${body.error.message}`);
  }
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  // Let the last block's data land before the picture.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** No serious or critical accessibility violations on the page as it is now. */
export async function accessible(page, screen) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility violations on ${screen}`,
  );
}

/** Every visible control of the page is reached by pressing Tab, in turn. */
export async function keyboardReachable(page, screen) {
  const controls = await page.evaluate(() => {
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary')];
    // Inside a closed <details> a control is out of the tab order until its summary opens it.
    const visible = all.filter((el) => !el.disabled && el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }));
    visible.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    return visible.length;
  });
  await page.evaluate(() => document.activeElement?.blur());
  const reached = new Set();
  for (let i = 0; i < controls + 5; i++) {
    await page.keyboard.press('Tab');
    const kb = await page.evaluate(() => document.activeElement?.getAttribute('data-kb'));
    if (kb != null) reached.add(kb);
  }
  const missed = await page.evaluate(
    (seen) =>
      [...document.querySelectorAll('[data-kb]')]
        .filter((el) => !seen.includes(el.getAttribute('data-kb')))
        .map((el) => el.outerHTML.slice(0, 80)),
    [...reached],
  );
  assert.deepEqual(missed, [], `controls on ${screen} that Tab never reaches`);
  assert.ok(controls > 0, `${screen} has controls`);
}
