// A bundle built with only some widgets (`cargo xtask dist --widgets scorecard`), in real
// headless Chromium (run by `cargo xtask portal-e2e`): it is smaller, what it holds scores as
// the native CLI does, and what it does not hold says so in the element instead of failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { ARGS, open } from './helpers.mjs';

const base = process.env.LIFECIRCLE_DEMO_BASE;
const cli = process.env.LIFECIRCLE_CLI;
const art = process.env.LIFECIRCLE_ARTIFACTS;
const skip = !base && 'run it through `cargo xtask portal-e2e`';

test('a bundle with only the score card: smaller, same score, a clear notice for the form', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const { page, errors } = await open(browser, base + '/subset/');
    await page.waitForSelector('#lc-card .lc-total');
    const { total, asOf, circle } = await page.evaluate(() => ({
      total: Number(document.querySelector('#lc-card').shadowRoot.querySelector('.lc-head .lc-total').textContent),
      asOf: window.__card.as_of,
      circle: window.__circle,
    }));
    const dir = mkdtempSync(join(tmpdir(), 'lifecircle-subset-'));
    const f = join(dir, 'circle.json');
    writeFileSync(f, circle);
    const expected = JSON.parse(execFileSync(cli, ['score', '--standard', 'longwan-2024', '--as-of', asOf, '--format', 'json', f], { encoding: 'utf8' }));
    rmSync(dir, { recursive: true, force: true });
    assert.equal(total, expected.total, 'the score card of the smaller bundle shows the native total');

    const form = await page.evaluate(() => {
      const el = document.getElementById('lc-form');
      const n = el.shadowRoot.querySelector('.lcx-notice');
      return { handle: el.handle, role: n && n.getAttribute('role'), text: n && n.textContent, bar: el.shadowRoot.querySelector('.lcx-bar').offsetParent };
    });
    assert.equal(form.handle, null);
    assert.equal(form.bar, null, 'no export or import buttons without a form for them to act on');
    assert.equal(form.role, 'alert');
    assert.match(form.text, /本组件包构建时未包含自评表组件 \/ this bundle was built without the assessment widget/);

    // Facility import is the form's: a score-card handle of this bundle refuses it clearly.
    const imp = await page.evaluate(() => {
      try { document.getElementById('lc-card').handle.importFacilities('lon,lat\n120,28\n', 'csv', 'wgs84'); return 'imported'; } catch (e) { return `${e.code}: ${e.message}`; }
    });
    assert.match(imp, /^widget: 本组件包构建时未包含自评表组件/);

    // Smaller than the bundle with all four widgets, gzip or not.
    const sizes = await page.evaluate(async () => {
      const len = async (u) => (await (await fetch(u)).arrayBuffer()).byteLength;
      return { subset: await len('/widgets-scorecard/lifecircle_web_bg.wasm'), all: await len('/widgets/lifecircle_web_bg.wasm') };
    });
    assert.ok(sizes.subset < sizes.all * 0.8, `the score-card bundle (${sizes.subset} B) is well under the full one (${sizes.all} B)`);
    await page.screenshot({ path: join(art, 'subset-scorecard.png'), fullPage: true });
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

/** A page of the demo's origin with no widget on it (the sample circle's JSON), recording errors. */
async function bare(browser) {
  const fresh = await browser.newPage();
  const errors = [];
  fresh.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  fresh.on('pageerror', (e) => errors.push(String(e)));
  await fresh.route('**/favicon.ico', (r) => r.fulfill({ status: 204 })); // a JSON page has no icon link
  await fresh.goto(base + '/data/longwan-sample.json');
  return { fresh, errors };
}

test('the full bundle: a score card mounted first on a page (no form before it)', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    // A same-origin page with nothing else on it: the score card is the page's first widget.
    const { fresh, errors } = await bare(browser);
    const r = await fresh.evaluate(async () => {
      const m = await import('/widgets/lifecircle-widgets.js');
      const el = document.createElement('div');
      document.body.append(el);
      const changes = [];
      el.addEventListener('lifecircle-change', (e) => changes.push(e.detail.total));
      const w = await m.mountScorecard(el, { standard: 'longwan-2024', asOf: '2026-01-01', circle: await (await fetch('/data/longwan-sample.json')).json().then((s) => s.circle) });
      const total = Number(el.querySelector('.lc-head .lc-total').textContent);
      w.free(); // unmounts: the widget's signals and effects go with it
      return { total, changes, left: el.childElementCount };
    });
    assert.equal(r.changes.length, 1, 'one change event on mount');
    assert.equal(r.total, r.changes[0]);
    assert.equal(r.left, 0, 'freeing the handle unmounts the widget');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the gap report\'s print button: the element prints, unless the page cancels lifecircle-print', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const { fresh, errors } = await bare(browser);
    const r = await fresh.evaluate(async () => {
      await import('/widgets/lifecircle-widgets.js');
      let printed = 0;
      window.print = () => { printed += 1; };
      const el = document.createElement('lifecircle-gap-report');
      el.setAttribute('standard', 'longwan-2024');
      el.data = (await (await fetch('/data/longwan-sample.json')).json()).circle;
      const before = el.data; // not mounted yet: the starting data, read back as an object
      document.body.append(el);
      await el.ready;
      const press = async () => {
        el.shadowRoot.querySelector('.lc-toolbar button').click();
        await new Promise((done) => setTimeout(done, 100)); // the element prints on a timer
      };
      await press();
      const first = printed;
      let cancelable = null;
      el.addEventListener('lifecircle-print', (e) => { cancelable = e.cancelable; e.preventDefault(); });
      await press();
      return { first, second: printed - first, cancelable, before: typeof before === 'object' && before.id };
    });
    assert.equal(r.first, 1, 'the element calls window.print()');
    assert.equal(r.cancelable, true, 'lifecircle-print is cancelable');
    assert.equal(r.second, 0, 'preventDefault() leaves printing to the page');
    assert.equal(r.before, '330303001010-demo', 'data set before mounting reads back as the object set');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
