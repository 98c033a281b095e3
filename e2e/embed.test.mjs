// Shadow DOM isolation against hostile global CSS, and axe-core accessibility checks, in
// real headless Chromium (run by `cargo xtask test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARGS, axe, open } from './helpers.mjs';

const base = process.env.LIFECIRCLE_DEMO_BASE;
const art = process.env.LIFECIRCLE_ARTIFACTS;
const skip = !base && 'run it through `cargo xtask test`';
test('widgets are isolated from hostile host CSS (Shadow DOM)', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const { page, errors } = await open(browser, base + '/embed/');
    await page.waitForSelector('#lc-card .lc-total');
    const input = page.locator('#lc-form input[type=text]').first();
    assert.ok(await input.isVisible(), 'inputs inside the widget stay visible');
    const style = await input.evaluate((e) => ({ display: getComputedStyle(e).display, size: getComputedStyle(e.closest('.lc-root')).fontSize }));
    assert.notEqual(style.display, 'none');
    assert.equal(style.size, '16px', 'the widget keeps its own font size');
    assert.ok(await page.locator('#lc-form label').first().isVisible(), 'labels stay visible');
    assert.ok(await page.locator('#lc-form .lcx-export').isVisible(), 'the widget toolbar stays visible');
    // autosave="off" on this page: the toolbar must not claim that edits are saved.
    assert.equal(await page.locator('#lc-form .lcx-hint').textContent(), '本页未开启自动保存：请用“导出 JSON”保存填写内容。');
    const card = await page.locator('#lc-card .lc-scorecard').evaluate((e) => getComputedStyle(e).color);
    assert.notEqual(card, 'rgb(255, 0, 255)', 'the host colour does not leak in');
    // Typing still scores.
    const before = await page.locator('#lc-card .lc-head .lc-total').textContent();
    await page.locator('#lc-form button', { hasText: '＋ 添加' }).first().click();
    await page.locator('#lc-form input[type=checkbox][id$="-done"]:not(:checked)').first().check();
    await page.waitForTimeout(300);
    const after = await page.locator('#lc-card .lc-head .lc-total').textContent();
    assert.notEqual(after, before, 'typing into the form changes the score');
    assert.equal(after, await page.locator('#lc-form .lc-live .lc-total').textContent(), 'the score card follows the form');
    await page.screenshot({ path: join(art, 'embed-hostile-css.png') });
    assert.deepEqual(await axe(page), [], 'axe: no serious or critical violations in the embedded widgets');
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, []);

    // The built-in standard came from /widgets/standards/ beside the module, fetched once.
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.includes('/standards/')));
    assert.deepEqual(fetched, ['/widgets/standards/longwan-2024.bin']);
    // The form names it in its `standard` attribute, so it was requested while the wasm was
    // still loading, not after it (the score card, without the attribute, shares that fetch).
    const started = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
      .filter((r) => /\.(bin|wasm)$/.test(r.name)).map((r) => [new URL(r.name).pathname.split('/').pop(), r.startTime])));
    assert.ok(started['longwan-2024.bin'] < started['lifecircle_web_bg.wasm'], `standard before the wasm: ${JSON.stringify(started)}`);
    // A standard that is not there: the widget says which file and why, and nothing else breaks.
    const missing = await page.evaluate(async () => {
      const el = document.createElement('lifecircle-scorecard');
      el.setAttribute('standard', 'no-such-2099');
      document.querySelector('main').append(el);
      await el.ready;
      return { handle: el.handle, text: el.shadowRoot.querySelector('.lcx-notice').textContent, role: el.shadowRoot.querySelector('.lcx-notice').getAttribute('role') };
    });
    assert.equal(missing.handle, null);
    assert.equal(missing.role, 'alert');
    assert.match(missing.text, /组件无法加载：标准 “no-such-2099” 无法加载（\/widgets\/standards\/no-such-2099\.bin: HTTP 404）/);
    assert.ok(errors.every((e) => /404/.test(e)), `only the 404 of the missing standard is logged: ${errors}`);
    // A wrong attribute value: the widget says which and what is allowed, Chinese first.
    const bogus = await page.evaluate(async () => {
      const el = document.createElement('lifecircle-guide-map');
      el.setAttribute('layout', 'bogus');
      document.querySelector('main').append(el);
      await el.ready;
      return { handle: el.handle, text: el.shadowRoot.querySelector('.lcx-notice').textContent };
    });
    assert.equal(bogus.handle, null);
    assert.equal(bogus.text, '组件无法加载：layout 只能是 "screen"、"a3_portrait" 或 "phone"，不能是 "bogus" / layout must be "screen", "a3_portrait" or "phone", not "bogus"');
  } finally {
    await browser.close();
  }
});

test('a page script before the elements are defined; attributes changed after mounting; a wasm that does not load', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    // The wasm arrives late (a slow network): the page's script sets `data` and `config` first.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route('**/lifecircle_web_bg.wasm', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/embed/late.html');
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    assert.equal(await page.getAttribute('body', 'data-ready'), '1');
    assert.equal(await page.evaluate(() => window.__definedBefore), false, 'the script ran before the elements were defined');
    const card = await page.evaluate(() => {
      const el = document.getElementById('late-card');
      return { id: el.data.id, total: el.shadowRoot.querySelector('.lc-total').textContent };
    });
    assert.equal(card.id, '330303001010-demo', 'the circle set before definition was mounted');
    assert.equal(card.total, '86.97', 'and scored (the golden total of the sample)');
    const en = await page.locator('#late-en').evaluate((el) => el.shadowRoot.textContent);
    assert.match(en, /Print the plan/, 'config set before definition: English');

    // Attributes after mounting: autosave="off" relabels the toolbar; a bad date hides what no
    // longer follows the attributes under the error, a corrected one shows it again.
    const form = page.locator('#late-form');
    assert.equal(await form.locator('.lcx-hint').textContent(), '每次修改都自动保存在本机浏览器中。');
    await form.evaluate((el) => el.setAttribute('autosave', 'off'));
    assert.equal(await form.locator('.lcx-hint').textContent(), '本页未开启自动保存：请用“导出 JSON”保存填写内容。');
    const bad = await page.locator('#late-card').evaluate((el) => {
      el.setAttribute('as-of', '2025-13-45');
      const notice = el.shadowRoot.querySelector('.lcx-notice');
      return { role: notice.getAttribute('role'), hidden: notice.hidden, content: el.shadowRoot.lastElementChild.hidden };
    });
    assert.deepEqual(bad, { role: 'alert', hidden: false, content: true });
    // Another attribute that works does not bring back what the bad date left stale.
    const still = await page.locator('#late-card').evaluate((el) => {
      el.setAttribute('large-text', '');
      return { notice: el.shadowRoot.querySelector('.lcx-notice').hidden, content: el.shadowRoot.lastElementChild.hidden };
    });
    assert.deepEqual(still, { notice: false, content: true });
    const fixed = await page.locator('#late-card').evaluate((el) => {
      el.setAttribute('as-of', '2025-06-30');
      return { notice: el.shadowRoot.querySelector('.lcx-notice').hidden, content: el.shadowRoot.lastElementChild.hidden };
    });
    assert.deepEqual(fixed, { notice: true, content: false });
    assert.deepEqual(errors, []);
    await context.close();

    // The wasm cannot be loaded (a 404): every element says so, the mount functions reject.
    const broken = await browser.newContext();
    await broken.route('**/lifecircle_web_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    const p2 = await broken.newPage();
    await p2.goto(base + '/embed/late.html');
    await p2.waitForSelector('body[data-ready]', { timeout: 60_000 });
    assert.equal(await p2.getAttribute('body', 'data-ready'), 'error');
    const said = await p2.evaluate(async () => {
      const notices = [...document.querySelectorAll('main > *')].map((el) => el.shadowRoot.querySelector('.lcx-notice'));
      const m = await import('/widgets/lifecircle-widgets.js');
      const code = await m.mountScorecard(document.createElement('div'), { asOf: '2025-06-30' }).then(() => 'mounted', (e) => e.code);
      return { texts: notices.map((n) => n.textContent), roles: notices.map((n) => n.getAttribute('role')), code };
    });
    assert.equal(said.texts.length, 3);
    // (the third element's config asks for English: its prefix is English, the reason bilingual)
    for (const t of said.texts) assert.match(t, /^(组件无法加载：|The widget could not load: )组件程序无法加载（.*404.*）：请检查服务器是否提供 \.wasm 文件/);
    assert.deepEqual(said.roles, ['alert', 'alert', 'alert']);
    assert.equal(said.code, 'wasm');
    await p2.screenshot({ path: join(art, 'embed-wasm-404.png') });
    await broken.close();
  } finally {
    await browser.close();
  }
});

test('axe-core: the demo portal has no serious or critical violations (desktop and phone, a long list, a problem)', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    for (const [size, options] of [['desktop', {}], ['phone', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }]]) {
      const { page, errors, context } = await open(browser, base + '/', options);
      assert.deepEqual(await axe(page), [], `${size}: form and score card`);
      await page.click('#tab-gaps');
      assert.deepEqual(await axe(page), [], `${size}: gap report`);
      await page.click('#tab-map');
      assert.deepEqual(await axe(page), [], `${size}: guide map`);
      // A long list (the pager with its filter) and a problem to fix (the problem list, the
      // last-valid-score label).
      await page.click('#tab-assess');
      const rows = ['名称,业态,经度,纬度', ...Array.from({ length: 60 }, (_, i) => `店${i},便利店,120.81,27.93`)];
      await page.setInputFiles('#lc-form .lcx-import-facilities', { name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
      await page.locator('#lc-form .lc-pager').waitFor();
      await page.locator('#lc-form input[id$="-population"]').fill('-5');
      await page.locator('#lc-form .lc-problems').waitFor();
      assert.deepEqual(await axe(page), [], `${size}: form with a long list and a problem`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});
