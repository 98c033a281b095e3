// Browser end-to-end check of the npm package, run by `cargo xtask test` (which serves
// dist/npm/ and page/ and passes the native CLI's JSON): real Chromium via playwright-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.env.LIFECIRCLE_E2E_BASE;

test('the npm package scores the sample circle in Chromium exactly like the native CLI', { skip: !base && 'run it through `cargo xtask test`' }, async () => {
  const native = readFileSync(process.env.LIFECIRCLE_E2E_NATIVE_JSON, 'utf8').trimEnd();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/');
    await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
    assert.equal(await page.getAttribute('body', 'data-ready'), '1', await page.textContent('#error'));

    const total = Number(await page.textContent('#total'));
    assert.equal(total, JSON.parse(native).total, 'total shown in the page = native CLI total');
    assert.equal(await page.textContent('#json'), native, 'scoreJson in Chromium = native CLI JSON, byte for byte');
    assert.equal(await page.textContent('#error-code'), 'unknown_standard');
    assert.equal(await page.textContent('#text-code'), 'bad_argument', 'the scoring module refuses a standard text clearly');
    const full = await page.textContent('#full');
    for (const want of ['mine.toml:ok', 'mine.json:ok', 'mine.yaml:ok', 'loaded:mofcom-2021>zhejiang-2023>longwan-2024>mine', `packed-total:${JSON.parse(native).total}`]) {
      assert.ok(full.includes(want), `${want} in: ${full}`);
    }
    const bad = /bad\.json:unknown_parent@(\S+) expected@(\S+)/.exec(full);
    assert.ok(bad, full);
    assert.equal(bad[1], bad[2], 'the JSON problem names its own line');
    assert.ok((await page.textContent('#gaps')).length > 0);

    await page.screenshot({ path: process.env.LIFECIRCLE_E2E_SCREENSHOT });
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await browser.close();
  }
});
