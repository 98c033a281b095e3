// 演示门户 / demo portal: wires the lifecircle custom elements together. Served by
// `cargo xtask demo`: /widgets/ is dist/widgets/, /data/ holds the samples precomputed natively.
import { version } from './widgets/lifecircle-widgets.js';
import { recall, relabelPage, remember, status as say } from './page.js';

const $ = (id) => document.getElementById(id);
const state = { lang: 'zh', large: false, sample: null, shown: null, tab: 'assess' };
const samples = new Map();

const STANDARD = 'longwan-2024';
const TITLE = { zh: '一刻钟便民生活圈评价 · 演示门户', en: '15-Minute Living Circle Evaluation · Demo portal' };

// A new circle from scratch: no starting data, so the form starts empty and 重新开始 empties it.
const BLANK = {
  id: 'blank', circle: undefined, layers: null,
  note: { zh: '空白表：从头填写本圈的数据（每次修改都自动保存在本机浏览器中）。', en: 'A blank form: enter your circle from scratch (every edit is autosaved in this browser).' },
};

async function loadSample(id) {
  if (id === BLANK.id) return BLANK;
  if (!samples.has(id)) {
    const r = await fetch(`./data/${id}.json`);
    if (!r.ok) throw new Error(`${id}: HTTP ${r.status}`);
    samples.set(id, await r.json());
  }
  return samples.get(id);
}

const status = (zh, en, error = false) => say(state.lang === 'en', zh, en, error);

function make(tag, attrs) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== false) el.setAttribute(k, v === true ? '' : v);
  return el;
}

function common() {
  const a = { standard: STANDARD, lang: state.lang };
  if (state.large) a['large-text'] = true;
  return a;
}

// Each choice of sample counts: an earlier one still loading stops at its next step, so a quick
// change of mind shows the last choice once, never two sets of widgets.
let showing = 0;

async function showSample(id) {
  const run = ++showing;
  const s = await loadSample(id);
  if (run !== showing) return false;
  state.sample = s;
  // The sample's note as soon as its JSON is here, not after every widget has loaded (on a slow
  // phone the wasm takes half a minute, and the note's box stood empty all that time).
  $('note').textContent = s.note ? s.note[state.lang === 'en' ? 'en' : 'zh'] : '';
  for (const slot of ['slot-form', 'slot-card', 'slot-gaps', 'slot-map']) $(slot).replaceChildren();
  // What the map hint and the footer say of OpenStreetMap streets and suggested sites is said
  // only under a sample built from OpenStreetMap (the real-data one), not the Longwan sample.
  const osm = !!s.layers?.osm;
  $('map-hint-osm').hidden = !osm;
  $('osm-credit').hidden = !osm;

  const form = make('lifecircle-assessment', { id: 'lc-form', 'circle-id': s.id, ...common() });
  if (s.circle) form.data = s.circle; // the starting point; whatever was autosaved for this circle wins
  $('slot-form').append(form);
  await form.ready; // its standard is fetched; then its circle (restored or the sample) is known
  if (run !== showing) return false;
  // The widgets could not load (the wasm or the standard did not download): the form says why,
  // with a reload button, and the page says that it did not start; the score card, the plan and
  // the map would only say it three times more.
  if (form.error) throw Object.assign(new Error(form.error.message), { widgets: true });
  const circle = form.handle ? form.handle.toJson() : s.circle;

  const card = make('lifecircle-scorecard', { id: 'lc-card', for: 'lc-form', ...common() });
  card.data = circle;
  $('slot-card').append(card);

  const gaps = make('lifecircle-gap-report', { id: 'lc-gaps', for: 'lc-form', ...common() });
  gaps.data = circle;
  $('slot-gaps').append(gaps);

  const map = make('lifecircle-guide-map', { id: 'lc-map', for: 'lc-form', 'what-if': true, layout: $('a3').getAttribute('aria-pressed') === 'true' ? 'a3_portrait' : 'screen', ...common() });
  map.config = { layers: s.layers || undefined };
  map.data = circle;
  $('slot-map').append(map);
  await Promise.all([card.ready, gaps.ready, map.ready]);
  if (run !== showing) return false;

  document.body.dataset.sample = s.id;
  state.shown = id;
  keep();
  relabel();
  return true;
}

// 刷新后回到上次的选择 / a reload reopens the worker's last choice: the circle (a sample or the
// blank form: its autosaved entry is per circle id, so another choice looked like lost work) and
// the tab, kept under `lifecircle-demo:choice`; the large-text mode under `lifecircle-demo:large-text`
// and the language under `lifecircle-demo:lang`, both for both pages (page.js `recall`, `remember`).
const TABS = ['assess', 'gaps', 'map'];

/** Remembers the circle shown (or about to be, before the first) and the tab. */
function keep() {
  remember('choice', { sample: state.shown ?? $('sample').value, tab: state.tab });
}

/**
 * Puts back what `keep`, the large-text toggle and the language button remembered, before the
 * first circle is shown. Nothing kept, storage blocked, an unreadable value or a sample this page
 * no longer lists: the page's defaults (the first sample, the first tab, normal text, Chinese).
 */
function reopen() {
  const kept = recall('choice');
  const sample = kept?.sample;
  if (typeof sample === 'string' && [...$('sample').options].some((o) => o.value === sample)) $('sample').value = sample;
  if (TABS.includes(kept?.tab)) selectTab(kept.tab);
  const large = recall('large-text');
  if (typeof large === 'boolean') $('large').checked = large;
  setLarge($('large').checked);
  if (recall('lang') === 'en') setLang('en');
}

function widgets() {
  return document.querySelectorAll('lifecircle-assessment, lifecircle-scorecard, lifecircle-gap-report, lifecircle-guide-map');
}

function relabel() {
  // The widgets' version is the wasm's: none when it did not load, and the page still switches language.
  let v = '';
  try { v = version(); } catch { /* said by the form's notice and the status line */ }
  relabelPage(state.lang === 'en', TITLE, state.sample?.note, v);
}

function setLang(lang) {
  state.lang = lang;
  for (const w of widgets()) w.setAttribute('lang', lang);
  relabel();
  remember('lang', lang);
}

function setLarge(on) {
  state.large = on;
  document.body.classList.toggle('large', on);
  for (const w of widgets()) {
    if (on) w.setAttribute('large-text', ''); else w.removeAttribute('large-text');
  }
}

function selectTab(name) {
  state.tab = name;
  for (const t of TABS) {
    const on = t === name;
    $(`tab-${t}`).setAttribute('aria-selected', String(on));
    $(`tab-${t}`).tabIndex = on ? 0 : -1;
    $(`panel-${t}`).hidden = !on;
  }
}

/**
 * A tab chosen while the page is scrolled past the tab bar (far down a long form, on a phone):
 * the panel starts just below the sticky tabs, its heading in sight, instead of wherever the old
 * scroll position lands in it. Not scrolled that far, the page stays where it is. Smooth unless
 * the reader asked for less motion; the focus stays on the tab (the tabs are always in sight).
 */
function showPanelTop(name) {
  const panel = $(`panel-${name}`);
  // (the tabs' bottom, or the window's top where they scrolled away: demo.css, a short window)
  const below = Math.max(0, document.querySelector('.tabs').getBoundingClientRect().bottom);
  if (panel.getBoundingClientRect().top >= below) return;
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  panel.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' }); // just below the tabs: its scroll-margin-top (demo.css)
}

function chooseTab(name) {
  selectTab(name);
  keep();
  showPanelTop(name);
}

/** The guide map in the A3 poster layout (on the screen; printing it is `printMap`'s). */
function setA3(on) {
  $('a3').setAttribute('aria-pressed', String(on));
  document.body.classList.toggle('a3', on);
  const map = $('lc-map');
  if (map) map.setAttribute('layout', on ? 'a3_portrait' : 'screen');
}

const frame = () => new Promise((done) => requestAnimationFrame(() => done()));

/**
 * 打印 A3 导视图: the poster alone, for this print only. Afterwards the page is as it was, so that
 * the gap report's own print button (打印整改清单) prints the gap report, not the map.
 */
async function printMap() {
  selectTab('map');
  posterForThisPrint();
  // The map draws its poster when it is shown with the new layout: print what it drew.
  await frame();
  await frame();
  window.print();
}

/**
 * The browser's own Print (Ctrl+P, a phone's menu) on the 导视图 tab prints the A3 poster as the
 * button does (it printed the screen layout in the top half of an A3 sheet, under the portal's
 * heading); on the other tabs the page as it is. `printMap` has set it up already when it prints.
 */
function beforePrint() {
  if (state.tab !== 'map' || document.body.classList.contains('print-map')) return;
  posterForThisPrint();
}

/** The A3 poster layout for the coming print; after it, the layout the page had. */
function posterForThisPrint() {
  const was = $('a3').getAttribute('aria-pressed') === 'true';
  setA3(true);
  document.body.classList.add('print-map');
  window.addEventListener('afterprint', () => {
    document.body.classList.remove('print-map');
    setA3(was);
  }, { once: true });
}

/**
 * The form's live score bar sticks just below the portal's own sticky tab bar; in a short
 * window the tabs scroll away with the page (demo.css), and the bar sticks at the top.
 */
function stickBelowTabs() {
  const tabs = document.querySelector('.tabs');
  const h = getComputedStyle(tabs).position === 'sticky' ? tabs.getBoundingClientRect().height : 0;
  document.documentElement.style.setProperty('--lc-sticky-top', `${Math.ceil(h)}px`);
}

function wire() {
  stickBelowTabs();
  // The tabs grow with the large text and the longer English names (two lines on a phone):
  // followed as they change, not only when the window is resized, or the score line would
  // stick half under them.
  new ResizeObserver(stickBelowTabs).observe(document.querySelector('.tabs'));
  // A window made short or tall again (a phone turned, the zoom changed): the tabs stop or start sticking.
  window.matchMedia('(max-height: 30em)').addEventListener('change', stickBelowTabs);
  // On a phone the map draws its phone layout by itself (legend below the map, legible);
  // the A3 poster is for printing.
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  // The last choice wins (see `showSample`); the page is ready again when it is shown.
  $('sample').addEventListener('change', (e) => showSample(e.target.value).then(ready).catch(fail));
  $('lang').addEventListener('click', () => setLang(state.lang === 'en' ? 'zh' : 'en'));
  $('large').addEventListener('change', (e) => {
    setLarge(e.target.checked);
    remember('large-text', e.target.checked);
  });
  for (const t of TABS) {
    $(`tab-${t}`).addEventListener('click', () => chooseTab(t));
    $(`tab-${t}`).addEventListener('keydown', (e) => {
      const i = TABS.indexOf(t);
      const next = e.key === 'ArrowRight' ? TABS[(i + 1) % 3] : e.key === 'ArrowLeft' ? TABS[(i + 2) % 3] : null;
      if (next) { chooseTab(next); $(`tab-${next}`).focus(); e.preventDefault(); }
    });
  }
  $('a3').addEventListener('click', () => setA3($('a3').getAttribute('aria-pressed') !== 'true'));
  $('print').addEventListener('click', () => { printMap().catch(fail); });
  window.addEventListener('beforeprint', beforePrint);
  // Said beside the form's submit button, where she is (the status line is pages above), and
  // honestly: a demo stores nothing (docs/embedding.md shows a portal's submit).
  document.addEventListener('lifecircle-submit', (e) => {
    const s = $('submit-status');
    s.dataset.zh = `已提交自评：${e.detail.total} 分。（演示门户：结果只在本页，没有发送到服务器。）`;
    s.dataset.en = `Self-assessment submitted: ${e.detail.total} points. (A demo portal: the result stays in this page; nothing was sent to a server.)`;
    s.textContent = state.lang === 'en' ? s.dataset.en : s.dataset.zh;
    s.hidden = false;
  });
}

function fail(e) {
  if (e.widgets) status('出错了：评价组件无法加载，原因见下方说明。', 'Something went wrong: the evaluation widgets could not load; see below.', true);
  else status(`出错了：${e.message}`, `Something went wrong: ${e.message}`, true);
  document.body.dataset.ready = 'error';
}

function ready(shown) { if (shown) document.body.dataset.ready = '1'; }

wire();
reopen();
showSample($('sample').value).then(ready).catch(fail);
