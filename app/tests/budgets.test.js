// The app's budgets: its JavaScript at most 300 KB gzipped (checked); the time to the first
// render and to live (the first block shown) measured on this machine and printed, for
// docs/PERFORMANCE.md. Timings are reported, not asserted: a busy machine is not a defect.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { close, open } from './browser.js';

after(close);

const dist = new URL('../dist/assets/', import.meta.url).pathname;

test('the JavaScript is at most 300 KB gzipped', () => {
  const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const sizes = files.map((f) => [f, gzipSync(readFileSync(join(dist, f)), { level: 9 }).length]);
  const total = sizes.reduce((s, [, n]) => s + n, 0);
  for (const [f, n] of sizes) console.log(`budget: ${f} ${(n / 1024).toFixed(1)} KB gzipped`);
  console.log(`budget: JavaScript ${(total / 1024).toFixed(1)} KB gzipped in all (budget 300 KB)`);
  assert.ok(total <= 300 * 1024, `${total} bytes gzipped`);
});

test('first render and live, from a fresh browser profile (median of 5 loads)', async () => {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const page = await open('#/');
    await page.waitForFunction(() => performance.getEntriesByName('escrow:live').length > 0);
    runs.push(
      await page.evaluate(() => ({
        render: performance.getEntriesByName('escrow:first-render')[0].startTime,
        live: performance.getEntriesByName('escrow:live')[0].startTime,
      })),
    );
    await page.context().close();
  }
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[2];
  console.log(`budget: first render ${median('render').toFixed(0)} ms (budget 1000 ms)`);
  console.log(`budget: live, first block shown ${median('live').toFixed(0)} ms (budget 2000 ms)`);
  assert.equal(runs.length, 5);
});
