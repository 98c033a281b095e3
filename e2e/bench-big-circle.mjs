// Benchmark: the demo portal with a circle of many facilities (an AMap export of a dense area).
// Not a test: run it by hand against a served demo and record the numbers with the command.
//   cargo xtask demo --port 8099 &   # then:
//   node e2e/bench-big-circle.mjs http://127.0.0.1:8099/ 2000
// Prints the time to import N facilities and draw every widget, and the time of single
// keystrokes in a facility's name and in the household count (median of 7, after 2 warm-up)
// with the score card, gap report and guide map following the form, and with none following it.
import { chromium } from 'playwright-core';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ARGS, open } from './helpers.mjs';

const base = process.argv[2] || 'http://127.0.0.1:8080/';
const n = Number(process.argv[3] || 2000);
let seed = 1;
const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
const cats = ['便利店', '药店', '早餐店', '菜市场', '美容美发店'];
const rows = ['名称,业态,经度,纬度'];
for (let i = 0; i < n; i++) rows.push(`店${i},${cats[i % cats.length]},${(120.80 + rand() * 0.03).toFixed(6)},${(27.92 + rand() * 0.02).toFixed(6)}`);
const scratch = mkdtempSync(join(tmpdir(), 'lc-bench-'));
const csv = join(scratch, 'facilities.csv');
writeFileSync(csv, rows.join('\n') + '\n');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
for (const following of [true, false]) {
  const { page, context } = await open(browser, base);
  await page.evaluate(() => localStorage.clear());
  if (!following) await page.evaluate(() => { for (const id of ['lc-map', 'lc-card', 'lc-gaps']) document.getElementById(id).removeAttribute('for'); });
  let t = Date.now();
  await page.setInputFiles('#lc-form .lcx-import-facilities', csv);
  await page.waitForFunction(() => /导入/.test(document.getElementById('lc-form').shadowRoot.querySelector('.lcx-notice')?.textContent || ''), null, { timeout: 300_000 });
  const imported = Date.now() - t;
  // Keystrokes in a facility's name (the map shows names), then in the household count
  // (nothing the map shows).
  const keystrokes = async (input, key) => {
    await input.focus();
    const times = [];
    for (let i = 0; i < 9; i++) {
      const t0 = Date.now();
      await input.press(i % 2 ? 'Backspace' : key); // typed and taken back: values stay plausible
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      if (i >= 2) times.push(Date.now() - t0);
    }
    return `median ${median(times)} ms (${times.join(', ')})`;
  };
  const name = await keystrokes(page.locator('#lc-form tbody tr').first().locator('input').first(), 'x');
  const households = await keystrokes(page.locator('#lc-form input[id$="-households"]'), '1');
  console.log(`${n} facilities, ${following ? 'score card, gap report and guide map following' : 'form alone'}: import ${imported} ms, keystroke in a name ${name}, in the households ${households}`);
  await context.close();
}
await browser.close();
rmSync(scratch, { recursive: true, force: true });
