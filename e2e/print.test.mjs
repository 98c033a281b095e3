// The demo portal on paper and when its downloads fail, in real headless Chromium (run by
// `cargo xtask portal-e2e`): the page sizes and pagination of what prints (page.pdf with the
// page's own @page sizes, read back from the PDF), the browser's own Print on the map tab, the
// sample's note before the widgets have loaded, and what a reader sees when the widgets' wasm or
// standard cannot be downloaded (a phone's 360×740 screen; screenshots in target/artifacts/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { inflateSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ARGS } from './helpers.mjs';

const base = process.env.LIFECIRCLE_DEMO_BASE;
const art = process.env.LIFECIRCLE_ARTIFACTS;
const skip = !base && 'run it through `cargo xtask portal-e2e`';

const A4 = [595.28, 841.89]; // points, 210 × 297 mm
const A3 = [841.89, 1190.55]; // 297 × 420 mm

/**
 * The pages of a PDF as Chromium (Skia) writes it: each page's size (its MediaBox, in points)
 * and its text, decoded through its fonts' ToUnicode maps. Enough for Skia's PDFs (plain objects,
 * Flate streams, Type0 fonts with two-byte codes and simple fonts with one-byte codes), not a
 * general PDF reader.
 */
export function pdfPages(buf) {
  const s = buf.toString('latin1');
  const objs = new Map();
  for (const m of s.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objs.set(Number(m[1]), m[2]);
  const stream = (n) => {
    const o = objs.get(n);
    const i = o.indexOf('stream');
    let from = i + 6;
    if (o[from] === '\r') from += 1;
    if (o[from] === '\n') from += 1;
    const raw = Buffer.from(o.slice(from, o.lastIndexOf('endstream')), 'latin1');
    return (/FlateDecode/.test(o.slice(0, i)) ? inflateSync(raw, { finishFlush: constants.Z_SYNC_FLUSH }) : raw).toString('latin1');
  };
  const hex = (h) => h.match(/.{4}/g) ?? [];
  const cmaps = new Map();
  const cmap = (fontObj) => {
    if (!cmaps.has(fontObj)) {
      const map = new Map();
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objs.get(fontObj) ?? '');
      if (ref) {
        const text = stream(Number(ref[1]));
        const uni = (h) => String.fromCharCode(...hex(h).map((x) => parseInt(x, 16)));
        for (const b of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
          for (const m of b[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(m[1], 16), uni(m[2]));
        }
        for (const b of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
          for (const m of b[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
            const [lo, hi, to] = [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
            for (let g = lo; g <= hi; g += 1) map.set(g, String.fromCodePoint(to + g - lo));
          }
        }
      }
      cmaps.set(fontObj, map);
    }
    return cmaps.get(fontObj);
  };
  const kids = (n) => {
    const o = objs.get(n);
    if (/\/Type \/Page\b/.test(o)) return [n];
    return [...(/\/Kids \[([^\]]*)\]/.exec(o)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].flatMap((m) => kids(Number(m[1])));
  };
  // The root /Pages is the one no other /Pages lists.
  const listed = new Set([...objs.values()].flatMap((o) => (/\/Type \/Pages\b/.test(o) ? [...(/\/Kids \[([^\]]*)\]/.exec(o)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1])) : [])));
  const top = [...objs].find(([n, o]) => /\/Type \/Pages\b/.test(o) && !listed.has(n))[0];
  return kids(top).map((n) => {
    const o = objs.get(n);
    const box = /\/MediaBox \[([^\]]*)\]/.exec(o)[1].trim().split(/\s+/).map(Number);
    const fonts = new Map([...(/\/Font <<([^>]*)>>/.exec(o)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)].map((m) => [m[1], Number(m[2])]));
    const contents = /\/Contents \[([^\]]*)\]/.exec(o)?.[1] ?? /\/Contents (\d+ 0 R)/.exec(o)?.[1] ?? '';
    let text = '';
    for (const c of contents.matchAll(/(\d+) 0 R/g)) {
      let font = null;
      for (const m of stream(Number(c[1])).matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (m[1]) { font = fonts.get(m[1]); continue; }
        const map = font ? cmap(font) : new Map();
        // Two-byte codes in a Type0 font, one byte in a simple one (Skia's CJK subsets).
        const size = /\/Subtype \/Type0/.test(objs.get(font) ?? '') ? 4 : 2;
        const parts = m[2] !== undefined ? [...m[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]) : [m[3]];
        for (const p of parts) for (const g of p.match(new RegExp(`.{${size}}`, 'g')) ?? []) text += map.get(parseInt(g, 16)) ?? '';
      }
      text += '\n';
    }
    return { width: box[2] - box[0], height: box[3] - box[1], text: text.normalize('NFKC') }; // (Kangxi radicals: the fonts map 一 to ⼀)
  });
}

const near = (a, b) => Math.abs(a - b) < 1.5;

/** The portal opened on `sample` and `tab` (as a reload after choosing them would), in a context of its own. */
async function portal(browser, { sample = 'longwan-sample', tab = 'assess', viewport = { width: 1400, height: 1000 }, ready = true, before } = {}) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(([s, t]) => {
    if (!sessionStorage.getItem('print-test:chosen')) {
      localStorage.setItem('lifecircle-demo:choice', JSON.stringify({ sample: s, tab: t }));
      sessionStorage.setItem('print-test:chosen', '1');
    }
  }, [sample, tab]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (before) await before(page);
  await page.goto(base + '/');
  if (ready) await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
  return { context, page, errors };
}

test('print: the 一圈一策 plan on A4 at full size, its first unit on page 1, every page numbered', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const { page, errors } = await portal(browser, { tab: 'gaps' });
    await page.waitForSelector('#lc-gaps .lc-unit');
    const first = await page.evaluate(() => {
      const u = document.getElementById('lc-gaps').shadowRoot.querySelector('.lc-unit li');
      return /\[([A-Z0-9-]+)\]/.exec(u.textContent)[1];
    });
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    // The page's own size (preferCSSPageSize): A4, not the poster's A3 (an A3 default had the
    // plan laid out on A3 and shrunk to 70 % on A4 paper).
    for (const [i, p] of pages.entries()) assert.ok(near(p.width, A4[0]) && near(p.height, A4[1]), `page ${i + 1} is ${p.width}×${p.height} pt, not A4`);
    // Each item of the plan is printed once (under its lead unit; listed under every unit it
    // names, a weak circle's 21 items took 17 pages), and the units' index names them again.
    const ids = await page.evaluate(() => [...document.getElementById('lc-gaps').shadowRoot.querySelectorAll('.lc-unit li')].map((li) => (/\[([A-Z0-9-]+)\]/.exec(li.textContent) || [])[1]).filter(Boolean));
    assert.ok(ids.length > 0);
    assert.equal(new Set(ids).size, ids.length, `an item printed twice: ${ids}`);
    const printed = pages.map((p) => p.text).join('\n');
    for (const id of ids) assert.equal(printed.split(`[${id}]`).length - 1, 1, `[${id}] printed once`);
    assert.match(printed, /各单位涉及的整改项/);
    // Page 1 holds the title, the summary and the first unit's first item (a unit kept whole went
    // whole to page 2, leaving page 1 nearly empty).
    assert.match(pages[0].text, /一圈一策/);
    assert.ok(pages[0].text.includes(`[${first}]`), `page 1 holds the first unit's first item [${first}]:\n${pages[0].text.slice(0, 600)}`);
    // Each page says which page of how many it is.
    for (const [i, p] of pages.entries()) assert.ok(p.text.replace(/\s+/g, ' ').includes(`${i + 1} / ${pages.length}`), `page ${i + 1} numbered: ${p.text.slice(-200)}`);
    // The units' headings each stand on the page of their first item: no page ends with one.
    const units = await page.evaluate(() => [...document.getElementById('lc-gaps').shadowRoot.querySelectorAll('.lc-unit h3 span:first-child')].map((s) => s.textContent.trim()));
    for (const [i, p] of pages.entries()) {
      const lines = p.text.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d+ \/ \d+$/.test(l));
      const last = lines.at(-1) ?? '';
      assert.ok(!units.some((u) => last.startsWith(u) && last.length < u.length + 20), `page ${i + 1} ends with a unit's heading: ${last}`);
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  } finally {
    await browser.close();
  }
});

test('print: the browser\'s own Print on the 导视图 tab prints the A3 poster alone, then the page is as it was', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const { page, errors } = await portal(browser, { tab: 'map', before: (p) => p.addInitScript(() => {
      // Registered before the portal's own: it sees the page as it printed.
      window.__printed = [];
      window.addEventListener('afterprint', () => {
        const map = document.getElementById('lc-map');
        const svg = map.shadowRoot.querySelector('.lc-canvas svg');
        window.__printed.push({ cls: document.body.className, layout: map.getAttribute('layout'), viewBox: svg.getAttribute('viewBox') });
      });
    }) });
    await page.waitForSelector('#lc-map');
    const screen = await page.evaluate(() => document.getElementById('lc-map').shadowRoot.querySelector('.lc-canvas svg').getAttribute('viewBox'));
    // page.pdf prints as Ctrl+P does (beforeprint, then afterprint), not through 打印 A3 导视图.
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    assert.equal(pages.length, 1, 'the poster is one sheet');
    assert.ok(near(pages[0].width, A3[0]) && near(pages[0].height, A3[1]), `the poster's sheet is ${pages[0].width}×${pages[0].height} pt, not A3`);
    const [printed] = await page.evaluate(() => window.__printed);
    assert.match(printed.cls, /\bprint-map\b/);
    assert.equal(printed.layout, 'a3_portrait');
    assert.deepEqual(printed.viewBox.split(/\s+/).map(Number), [0, 0, 1188, 1680], 'the A3 poster was drawn for the print');
    // The portal's heading, tabs and note are not on it.
    assert.doesNotMatch(pages[0].text, /演示门户|自评与评分/);
    // Afterwards the screen is as it was.
    await page.waitForFunction(() => !document.body.classList.contains('print-map'));
    assert.equal(await page.getAttribute('#lc-map', 'layout'), 'screen');
    await page.waitForFunction((vb) => document.getElementById('lc-map').shadowRoot.querySelector('.lc-canvas svg').getAttribute('viewBox') === vb, screen);
    // On another tab the browser's Print prints that tab, on A4.
    await page.click('#tab-gaps');
    const gaps = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    assert.ok(gaps.every((p) => near(p.width, A4[0]) && near(p.height, A4[1])), 'the plan on A4');
    assert.equal((await page.evaluate(() => window.__printed)).at(-1).cls.includes('print-map'), false);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('slow network: the sample\'s note shows as soon as its data has arrived, before the widgets', { skip }, async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    let release;
    const held = new Promise((r) => { release = r; });
    const { page } = await portal(browser, { ready: false, before: (p) => p.route('**/widgets/lifecircle_web_bg.wasm', async (route) => { await held; await route.continue(); }) });
    await page.waitForFunction(() => document.getElementById('note').textContent !== '', null, { timeout: 30_000 });
    assert.equal(await page.getAttribute('body', 'data-ready'), null, 'the widgets are still loading');
    assert.match(await page.locator('#note').textContent(), /^示例数据：设施为虚构/);
    assert.ok(await page.locator('#note').isVisible());
    release();
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
  } finally {
    await browser.close();
  }
});

/** The form's failure notice: its public line (the first text), the rest outside the folded details, the button, and whether it fits. */
const notice = (page) => page.evaluate(() => {
  const n = document.getElementById('lc-form').shadowRoot.querySelector('.lcx-notice');
  const shown = [...n.childNodes].filter((c) => c.nodeName !== 'DETAILS').map((c) => c.textContent).join('\n');
  const d = n.querySelector('details');
  return {
    public: n.firstChild.textContent, shown, role: n.getAttribute('role'), saved: n.querySelector('.lcx-saved')?.textContent ?? null,
    button: n.querySelector('button.lcx-reload')?.textContent ?? null, folded: d ? !d.open : null, detail: d?.querySelector('code').textContent ?? null,
    fits: n.scrollWidth <= n.clientWidth, page: document.documentElement.scrollWidth <= window.innerWidth,
    widgets: document.querySelectorAll('lifecircle-scorecard, lifecircle-gap-report, lifecircle-guide-map').length,
  };
});

for (const [what, url] of [['wasm', '**/widgets/lifecircle_web_bg.wasm'], ['standard', '**/widgets/standards/longwan-2024.bin']]) {
  test(`phone: the ${what} cannot be downloaded: one short notice in the page's language, a reload button, the entries still in this browser`, { skip }, async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
    try {
      // First an edit, autosaved as usual.
      const { page } = await portal(browser, { viewport: { width: 360, height: 740 } });
      await page.locator('#lc-form button', { hasText: '＋ 添加' }).first().click();
      await page.waitForTimeout(300);
      const edited = await page.evaluate(() => document.getElementById('lc-form').handle.toJson());
      // Then the download fails on the next visit.
      await page.route(url, (r) => r.abort());
      await page.reload();
      await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 60_000 });
      assert.equal(await page.getAttribute('body', 'data-ready'), 'error', 'the portal says that it did not start');
      const status = page.locator('#status');
      assert.ok(await status.isVisible());
      assert.match(await status.getAttribute('class'), /\berror\b/, 'in its own style, not the success style');
      assert.equal(await status.textContent(), '出错了：评价组件无法加载，原因见下方说明。');
      const n = await notice(page);
      assert.equal(n.role, 'alert');
      assert.equal(n.widgets, 0, 'said once, by the form (not again by the score card, plan and map)');
      assert.equal(n.public, what === 'wasm' ? '组件无法加载：网络或网站配置问题，请稍后刷新页面；仍无法显示时请告知本网站管理员'
        : '组件无法加载：评分标准无法下载（网络或网站配置问题），请稍后刷新页面；仍无法显示时请告知本网站管理员');
      assert.doesNotMatch(n.shown, /[A-Za-z]/, `only Chinese on a Chinese page: ${n.shown}`);
      assert.equal(n.saved, '已填写的内容仍保存在本机浏览器中，组件加载后即恢复。');
      assert.equal(n.button, '重新加载');
      assert.equal(n.folded, true, 'the technical details are folded away');
      assert.match(n.detail, what === 'wasm' ? /^Failed to fetch \(\/widgets\/lifecircle_web_bg\.wasm\)：/ : /^longwan-2024: \/widgets\/standards\/longwan-2024\.bin: /);
      assert.ok(n.fits && n.page, 'nothing sticks out of the notice or the phone\'s width');
      await page.locator('#lc-form .lcx-notice').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(art, `print-fail-${what}-phone.png`) });
      // In English: English only.
      await page.click('#lang');
      // (the notice may be empty for a moment while the form says it again: wait, do not throw)
      await page.waitForFunction(() => document.getElementById('lc-form').shadowRoot.querySelector('.lcx-notice')?.firstChild?.textContent.startsWith('The widget'));
      const en = await notice(page);
      assert.doesNotMatch(en.shown, /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/, `only English on an English page: ${en.shown}`);
      assert.equal(en.button, 'Reload');
      assert.equal(en.saved, 'What you entered is still saved in this browser, and comes back once the widget loads.');
      assert.equal(await status.textContent(), 'Something went wrong: the evaluation widgets could not load; see below.');
      await page.screenshot({ path: join(art, `print-fail-${what}-phone-en.png`) });
      await page.click('#lang');
      // The network is back: 重新加载 brings the form back with the entry saved before.
      await page.unroute(url);
      await page.locator('#lc-form button.lcx-reload').click();
      await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
      assert.equal(await page.evaluate(() => document.getElementById('lc-form').handle.toJson()), edited, 'what was entered is back');
    } finally {
      await browser.close();
    }
  });
}
