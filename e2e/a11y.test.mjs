// The self-assessment form as a screen reader, a keyboard, a phone, a 400 % zoom and a reader's
// own font size meet it, after the accessibility review of 2026-12-06 (WCAG 2.1 AA, 适老化), in
// real headless Chromium: the names are Chromium's own (its accessibility tree, through the
// DevTools protocol). Screenshots go to target/artifacts/.
//
// Run with the demo portal served: `LIFECIRCLE_DEMO_BASE=http://127.0.0.1:<port> node --test
// a11y.test.mjs` in e2e/ (`cargo xtask demo --port <port>` serves it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARGS, bare, open } from './helpers.mjs';

const base = process.env.LIFECIRCLE_DEMO_BASE;
const art = process.env.LIFECIRCLE_ARTIFACTS;
const skip = !base && 'run it with the demo portal served (LIFECIRCLE_DEMO_BASE)';
const shot = (page, name) => (art ? page.screenshot({ path: join(art, name) }) : Promise.resolve());

/** Chromium's accessibility tree of the page: `{ role, name, description, level }` of each node not ignored. */
async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => !n.ignored).map((n) => ({
    role: n.role?.value,
    name: n.name?.value ?? '',
    description: n.description?.value ?? '',
    level: (n.properties || []).find((p) => p.name === 'level')?.value.value,
  }));
}

/** The focused element, through open shadow roots: its name and box. */
const focused = (page) => page.evaluate(() => {
  let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  const r = e.getBoundingClientRect();
  return {
    name: e.getAttribute('aria-label') || e.id || e.className || e.tagName,
    tag: e.tagName, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width,
  };
});

test('a11y review: each question is a group and a heading, and its answer, evidence and note are named with it; no explanation is named "▸ …"; the toolbar speaks plainly', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const { page, errors, context } = await open(browser, base + '/');
    const ax = await axNodes(page);
    const named = (role, name) => ax.filter((n) => n.role === role && (name instanceof RegExp ? name.test(n.name) : n.name === name));
    // Was: 12 radio groups named 是否已落实, 12 boxes 备注, 12 佐证材料（文件名、网址或文号）.
    assert.equal(named('radiogroup', '是否已落实').length, 0);
    assert.equal(named('textbox', '备注').length, 0);
    assert.equal(named('textbox', '佐证材料（文件名、网址或文号）').length, 0);
    const radios = named('radiogroup', /是否已落实$/);
    assert.ok(radios.length >= 10, JSON.stringify(radios));
    assert.equal(new Set(radios.map((n) => n.name)).size, radios.length, 'each radio group has a name of its own');
    for (const [role, tail] of [['textbox', ' 备注'], ['textbox', ' 佐证材料（文件名、网址或文号）']]) {
      const boxes = named(role, new RegExp(`^\\[[A-Z]+-[A-Z]\\d+\\] .+${tail}$`));
      assert.equal(boxes.length, radios.length, `${tail}: ${JSON.stringify(boxes.slice(0, 2))}`);
      assert.equal(new Set(boxes.map((n) => n.name)).size, boxes.length);
    }
    assert.equal(named('textbox', /^\[MC-G01\] .+ 评估意见（必填）$/).length, 1, 'the evaluator\'s note too');
    assert.equal(named('textbox', /^\[MC-G01\] .+ 评估人打分 \(0–\d+(\.\d+)?\)$/).length, 1, 'and points');
    // Each question a group and a heading (h4 under its section's h3).
    const questions = named('heading', /^\[[A-Z]+-[A-Z]\d+\] /);
    assert.ok(questions.length >= 20 && questions.every((h) => h.level === 4), JSON.stringify(questions.slice(0, 2)));
    assert.equal(named('group', questions[0].name).length, 1, `a group named ${questions[0].name}`);
    const l04 = questions.find((h) => h.name.startsWith('[MC-L04] '));
    assert.equal(named('group', l04.name).length, 1);
    assert.equal(named('radiogroup', `${l04.name} 是否已落实`).length, 1, JSON.stringify(radios.slice(0, 3)));
    assert.equal(named('textbox', `${l04.name} 备注`).length, 1);
    assert.equal(named('heading', '设施清单').filter((h) => h.level === 3).length, 1);
    // Was: every explanation's name began with its marker, "▸ [MC-L01] …".
    const disclosures = ax.filter((n) => n.role === 'DisclosureTriangle');
    assert.ok(disclosures.length >= 20, `${disclosures.length} explanations`);
    assert.deepEqual(disclosures.filter((n) => /^[▸▾]/.test(n.name)).map((n) => n.name), []);
    // The toolbar: plain words first, the technical name after.
    for (const name of ['保存到文件（JSON）', '从文件读入（JSON）', '导入设施清单（表格 CSV 或 GeoJSON）']) {
      assert.equal(named('button', name).length, 1, name);
    }
    assert.equal(named('combobox', '清单里的坐标取自（坐标系）').length, 1);
    assert.deepEqual(await page.locator('#lc-form .lcx-datum option').allTextContents(),
      ['手机 GPS、OpenStreetMap（WGS-84）', '高德地图、腾讯地图（GCJ-02）', '百度地图（BD-09）']);
    if (art) await page.locator('#lc-form .lcx-bar').screenshot({ path: join(art, 'a11y-form-toolbar.png') });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});

/** The demo portal's form on a phone (360×740, touch), in large text when `large`. */
async function onPhone(browser, large) {
  const { page, errors, context } = await open(browser, base + '/', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  if (large) await page.check('#large');
  await page.waitForTimeout(300);
  return { page, errors, context, form: page.locator('#lc-form') };
}

test('a11y review: on a phone (360×740) Shift+Tab back along a facility row (a card) keeps each field wholly on the screen, clear of the sticky score line; removing a residential point by keyboard keeps the focus in the list', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    for (const large of [false, true]) {
      const { page, errors, context, form } = await onPhone(browser, large);
      // Folded (as drawn), the card's hidden fields take no Tab: 删除, 更多, 业态, 名称.
      await form.getByLabel('第 5 行 删除', { exact: true }).focus();
      const folded = [];
      for (let i = 0; i < 3; i += 1) {
        await page.keyboard.press('Shift+Tab');
        folded.push((await focused(page)).name);
      }
      assert.deepEqual(folded, ['第 5 行 更多', '第 5 行 业态', '第 5 行 名称']);
      // Opened with Enter: every field, each wholly on the screen as Shift+Tab reaches it.
      await form.getByLabel('第 5 行 更多', { exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.waitForTimeout(150);
      assert.equal((await focused(page)).name, '第 5 行 收起', 'the button keeps the focus and says what it does now');
      await form.getByLabel('第 5 行 删除', { exact: true }).focus();
      const seen = [];
      for (let i = 0; i < 10; i += 1) {
        await page.keyboard.press('Shift+Tab');
        await page.waitForTimeout(150);
        const f = await focused(page);
        seen.push(f.name);
        // Was (a table row scrolled sideways): 第 5 行 营业时间 hidden 122 of 122 px under the pinned name column.
        const covered = await page.evaluate(() => document.getElementById('lc-form').shadowRoot.querySelector('.lc-live').getBoundingClientRect().bottom);
        const where = `${large ? 'large text: ' : ''}${f.name} at ${JSON.stringify(f)}, score line to ${covered}`;
        assert.ok(f.left >= 0 && f.right <= 360, `wholly on the screen sideways: ${where}`);
        assert.ok(f.top >= covered - 1 && f.bottom <= 740, `in the window, not under the score line: ${where}`);
        if (f.name === '第 5 行 营业时间') await shot(page, `a11y-phone-shift-tab${large ? '-large' : ''}.png`);
        if (f.name === '第 5 行 名称') break;
      }
      assert.ok(seen.includes('第 5 行 营业时间') && seen.includes('第 5 行 业态') && seen.includes('第 5 行 名称'), seen.join(', '));

      // A residential point removed with Enter: the focus stays in the list (was: on the body).
      const remove = form.getByLabel('居民点 2 删除', { exact: true });
      await remove.focus();
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      assert.equal((await focused(page)).name, '居民点 2 删除', 'on the row now in its place');
      await shot(page, `a11y-phone-point-removed${large ? '-large' : ''}.png`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

test('a11y review: at 400 % zoom (320×256) the form\'s score line does not stick over the focused field; in a tall window it sticks', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    for (const large of [false, true]) {
      const { page, errors, context } = await open(browser, base + '/', { viewport: { width: 320, height: 256 } });
      if (large) await page.check('#large');
      await page.waitForTimeout(300);
      const form = page.locator('#lc-form');
      const live = () => form.locator('.lc-live').evaluate((e) => ({ position: getComputedStyle(e).position, ...e.getBoundingClientRect().toJSON() }));
      // Through a checklist item's boxes and on: the field with the focus is never under the score line.
      await form.locator('input[id$="-MC-L04-done-none"]').focus();
      for (let i = 0; i < 6; i += 1) {
        await page.keyboard.press('Tab');
        await page.waitForTimeout(150);
        const f = await focused(page);
        const l = await live();
        // Was: sticky, 135 of the window's 256 px (212 in large text), over the focused field.
        assert.equal(l.position, 'static', JSON.stringify(l));
        assert.ok(f.top >= l.bottom - 1 || f.bottom <= l.top + 1, `${f.name} (${f.top}–${f.bottom}) under the score line (${l.top}–${l.bottom})`);
      }
      await shot(page, `a11y-zoom-400${large ? '-large' : ''}.png`);
      await page.setViewportSize({ width: 320, height: 700 });
      await page.waitForTimeout(300);
      assert.equal((await live()).position, 'sticky', 'a tall window: the score line sticks again');
      assert.deepEqual(errors, []);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

test('a11y review: with a value wrong, 提交自评 is still reached with Tab, says why, and Enter on it leads to the list of problems', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const { page, errors } = await bare(browser, base);
    const sent = await page.evaluate(async () => {
      await import('/widgets/lifecircle-widgets.js');
      const f = document.createElement('lifecircle-assessment');
      f.id = 'form-s';
      f.setAttribute('autosave', 'off');
      f.setAttribute('as-of', '2025-06-30');
      f.data = (await (await fetch('/data/longwan-sample.json')).json()).circle;
      window.__sent = 0;
      f.addEventListener('lifecircle-submit', () => { window.__sent += 1; });
      document.body.replaceChildren(f);
      await f.ready;
      return window.__sent;
    });
    assert.equal(sent, 0);
    const form = page.locator('#form-s');
    await form.locator('input[id$="-households"]').fill('-5');
    await page.waitForTimeout(300);
    // Tab from the last stop before it reaches the button (was: skipped, `disabled`): the last
    // question's result fold (为什么？).
    const button = form.locator('button.lc-submit');
    await form.locator('.lc-q').last().locator('input, select, button, summary').last().focus();
    assert.equal((await focused(page)).tag, 'SUMMARY');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).name, 'lc-submit');
    const ax = await axNodes(page);
    const b = ax.find((n) => n.role === 'button' && n.name === '提交自评');
    assert.equal(b.description, '暂不能提交：有 1 处待修正，见上方列表');
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    if (art) await form.locator('.lc-actions').screenshot({ path: join(art, 'a11y-submit-says-why.png') });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__sent), 0, 'nothing submitted');
    assert.equal((await focused(page)).tag, 'UL');
    assert.equal(ax.filter((n) => n.role === 'list' && n.name === '请修正以下输入：').length, 1, 'the list is named by its heading');
    const top = await form.locator('.lc-problems').evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 300, `the list in view: ${top}`);
    await shot(page, 'a11y-submit-leads-to-problems.png');
    // Corrected: Enter on the button submits.
    await form.locator('input[id$="-households"]').fill('3200');
    await page.waitForTimeout(300);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__sent), 1);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('适老化: the form follows the reader\'s own default font size in the browser (24 px set: 24 px text), and in a default browser stays 16 px (20 px in large text)', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    for (const [standard, normal, large] of [[24, '24px', null], [16, '16px', '20px']]) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.enable');
      await cdp.send('Page.setFontSizes', { fontSizes: { standard, fixed: 13 } });
      await page.goto(base + '/data/longwan-sample.json');
      // A portal that sets no --lc-font-size, its own text at 14 px.
      const size = await page.evaluate(async () => {
        document.body.style.fontSize = '14px';
        await import('/widgets/lifecircle-widgets.js');
        const f = document.createElement('lifecircle-assessment');
        f.id = 'form-f';
        f.setAttribute('autosave', 'off');
        document.body.replaceChildren(f);
        await f.ready;
        return getComputedStyle(f.shadowRoot.querySelector('form.lc-root')).fontSize;
      });
      // Was: 16px whatever the reader set.
      assert.equal(size, normal, `default ${standard} px`);
      await page.evaluate(async () => { document.getElementById('form-f').setAttribute('large-text', ''); });
      await page.waitForTimeout(300);
      const big = await page.evaluate(() => getComputedStyle(document.getElementById('form-f').shadowRoot.querySelector('form.lc-root')).fontSize);
      if (large) assert.equal(big, large);
      else assert.ok(parseFloat(big) >= 20, big);
      await shot(page, `a11y-default-font-${standard}-widget.png`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

test('on a phone (360×740) the form\'s contents (目录) take the view and the keyboard to a section and to 提交自评, clear of the sticky score line', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    for (const large of [false, true]) {
      const { page, errors, context, form } = await onPhone(browser, large);
      const toc = form.locator('.lc-toc');
      const buttons = toc.locator('nav button');
      // Folded at first: one line, not a screen of buttons.
      assert.equal(await buttons.first().isVisible(), false);
      await toc.locator('summary').click();
      const names = await buttons.allTextContents();
      const sections = await form.locator('.lc-sec > legend h3').allTextContents();
      assert.equal(names.length, sections.length + 1, `${names.join(' | ')} for ${sections.join(' | ')}`);
      sections.forEach((h, i) => assert.ok(h.startsWith(names[i]), `${names[i]} names ${h}`));
      // Named apart from the submit button itself, which it leads to (one button submits).
      assert.equal(names.at(-1), '跳到提交（页末）');
      assert.equal(await toc.locator('nav').getAttribute('aria-label'), '表单目录');
      if (!large) await shot(page, 'a11y-phone-contents.png');
      // Each jump: the target at the top of the view, below the sticky score line, and focused.
      const place = (sel, i) => form.locator(sel).nth(i).evaluate((e) => {
        const live = e.closest('form').querySelector('.lc-live').getBoundingClientRect();
        const r = e.getBoundingClientRect();
        const root = e.getRootNode();
        return { top: r.top, below: live.bottom, focused: root.activeElement === e, height: innerHeight };
      });
      for (const [i, sel, k] of [[names.length - 1, '.lc-submit', 0], [3, '.lc-sec', 3], [1, '.lc-sec', 1]]) {
        await toc.locator('nav button').nth(i).click();
        await page.waitForTimeout(300);
        const p = await place(sel, k);
        assert.ok(p.focused, `${names[i]}: focused`);
        assert.ok(p.top >= p.below - 1 && p.top < p.height / 2, `${names[i]}${large ? ' (large text)' : ''}: top ${p.top} under the score line's ${p.below}, in a ${p.height} px view`);
        if (i === 3 && !large) await shot(page, 'a11y-phone-contents-jump.png');
      }
      // From a section, Tab goes on to its first field.
      await page.keyboard.press('Tab');
      const into = await form.locator('.lc-sec').nth(1).evaluate((s) => s.contains(s.getRootNode().activeElement));
      assert.ok(into, 'Tab goes into the section');
      assert.deepEqual(errors, []);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});
