// 演示门户·全区进度 / demo portal, district page: <lifecircle-district> from the district
// dashboard's own bundle (/widgets/district/), with the sample district of /data/district.json.
import { version } from './widgets/district/lifecircle-widgets.js';
import { recall, relabelPage, remember, status as say } from './page.js';

const $ = (id) => document.getElementById(id);
const state = { lang: 'zh', large: false, sample: null, el: null };
const STANDARD = 'longwan-2024';
const TITLE = { zh: '全区进度 · 一刻钟便民生活圈评价 · 演示门户', en: 'District progress · 15-Minute Living Circle Evaluation · Demo portal' };

const status = (zh, en, error = false) => say(state.lang === 'en', zh, en, error);

function relabel() {
  // The widgets' version is the wasm's: none when it did not load, and the page still switches language.
  let v = '';
  try { v = version(); } catch { /* the widget says why */ }
  // The page says 示例数据 (title and note) while the list holds sample circles: not on a
  // district's own list once the samples are removed, where it would go into his printout.
  let sample = true;
  try { sample = !state.el || state.el.data.some((c) => c && c.sample); } catch { /* not mounted: as loaded */ }
  const title = $('district-title');
  title.dataset.zh = sample ? '龙湾区（示例数据）' : '龙湾区';
  title.dataset.en = sample ? 'Longwan district (sample data)' : 'Longwan district';
  $('note').hidden = !sample;
  relabelPage(state.lang === 'en', TITLE, state.sample?.note, v);
}

// The district's list as last edited in this browser (files added, circles removed), as a
// portal would keep it on its server; "restore the sample" goes back.
const SAVED = 'lifecircle-demo:district';
function savedList() {
  try {
    const v = JSON.parse(localStorage.getItem(SAVED));
    return Array.isArray(v) ? v : null;
  } catch { return null; }
}
function save(text) {
  try { localStorage.setItem(SAVED, text); } catch { /* storage full or off: the list stays as shown */ }
}

/** The circles the demo portal's form autosaved in this browser for this standard (any version). */
function autosaved() {
  const out = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(`lifecircle:${STANDARD}@`) || key.includes(':corrupt:')) continue;
    try { out.push(JSON.parse(localStorage.getItem(key))); } catch { /* the form reports a damaged entry */ }
  }
  return out;
}

/** Adds (or, by id, replaces) the autosaved circles. */
function addMine(el) {
  const mine = autosaved();
  if (!mine.length) {
    status('本机浏览器中没有自评保存的生活圈：请先在“生活圈自评与评分”页填写。', 'No circle is autosaved in this browser: fill one in on the “assess and score” page first.');
    return;
  }
  const list = el.data;
  for (const c of mine) {
    const i = list.findIndex((x) => x.id === c.id);
    if (i >= 0) list[i] = c; else list.push(c);
  }
  try {
    el.data = list;
    save(JSON.stringify(el.data));
    relabel();
    status(`已加入本机自评的生活圈 ${mine.length} 个（编号相同者已替换）。`, `Added ${mine.length} ${mine.length === 1 ? 'circle' : 'circles'} assessed in this browser (same id: replaced).`);
  } catch (e) {
    status(`无法加入：${e.message}`, `Could not add them: ${e.message}`, true);
  }
}

async function main() {
  const r = await fetch('./data/district.json');
  if (!r.ok) throw new Error(`district.json: HTTP ${r.status}`);
  state.sample = await r.json();
  const el = document.createElement('lifecircle-district');
  el.id = 'lc-district';
  el.setAttribute('standard', STANDARD);
  // The number of communities: the sample's, or the one typed into the board (kept below; 0
  // when cleared there, and then none is given).
  const communities = recall('communities');
  if (typeof communities !== 'number') el.setAttribute('communities', String(state.sample.communities));
  else if (communities > 0) el.setAttribute('communities', String(communities));
  // The language as the circle's page keeps it (one setting for both demo pages).
  if (recall('lang') === 'en') state.lang = 'en';
  el.setAttribute('lang', state.lang);
  const kept = savedList();
  el.data = kept ?? state.sample.circles;
  state.el = el;
  el.addEventListener('lifecircle-input', (e) => { save(e.detail); relabel(); }); // a file added, a circle removed
  // The values the district typed for the targets circle data cannot give, kept as a portal
  // would keep them and given back as the `reported` attribute.
  const reported = recall('reported');
  if (typeof reported === 'string' && reported) el.setAttribute('reported', reported);
  el.addEventListener('lifecircle-reported', (e) => remember('reported', e.detail));
  el.addEventListener('lifecircle-communities', (e) => remember('communities', e.detail ?? 0));
  $('slot-district').append(el);
  relabel(); // (the page in the language kept, while the widget loads)
  await el.ready;
  if (kept && el.handle) status('已恢复本机保存的全区生活圈列表（“恢复示例列表”可回到示例）。', 'Restored the district list saved in this browser (“Restore the sample list” goes back to the sample).');
  else if (kept) status('本机保存的全区生活圈列表无法读取：请点“恢复示例列表”。', 'The district list saved in this browser cannot be read: press “Restore the sample list”.');
  // The evaluation date (统计截止日): the half-year or year-end snapshot a city asks for; empty:
  // today. Kept as the other choices are.
  // (a date input's value, or one kept: `YYYY-MM-DD`, else none)
  const dateOf = (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  const setAsOf = (date) => {
    $('as-of').value = date;
    if (date) el.setAttribute('as-of', date); else el.removeAttribute('as-of');
  };
  $('as-of').addEventListener('change', (e) => {
    const date = dateOf(e.target.value);
    setAsOf(date);
    remember('as-of', date);
  });
  const asOf = dateOf(recall('as-of'));
  if (asOf) setAsOf(asOf);
  $('reset').addEventListener('click', () => {
    // The district's own list (files added, circles removed, values typed) goes: asked first.
    const ask = state.lang === 'en'
      ? 'Replace this list with the sample list? The circles added, those removed and the values typed into the board are not kept.'
      : '用示例列表替换当前列表？已添加、移除的生活圈和看板上填写的数值都不会保留。';
    if (!window.confirm(ask)) return;
    el.data = state.sample.circles;
    relabel();
    el.setAttribute('reported', ''); // none, and the values typed into the board give way
    remember('reported', '');
    el.setAttribute('communities', String(state.sample.communities));
    remember('communities', null);
    try { localStorage.removeItem(SAVED); } catch { /* nothing saved */ }
    status('已恢复示例列表。', 'The sample list is back.');
  });
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    el.setAttribute('lang', state.lang);
    relabel();
    remember('lang', state.lang);
  });
  // Large text as the circle's page keeps it (one setting for both demo pages).
  const setLarge = (on) => {
    state.large = on;
    $('large').checked = on;
    document.body.classList.toggle('large', on);
    if (on) el.setAttribute('large-text', ''); else el.removeAttribute('large-text');
  };
  $('large').addEventListener('change', (e) => {
    setLarge(e.target.checked);
    remember('large-text', e.target.checked);
  });
  if (recall('large-text') === true) setLarge(true);
  $('mine').addEventListener('click', () => addMine(el));
  relabel();
}

$('controls').addEventListener('submit', (e) => e.preventDefault());
relabel();
main().then(() => { document.body.dataset.ready = '1'; }).catch((e) => {
  status(`出错了：${e.message}`, `Something went wrong: ${e.message}`, true);
  document.body.dataset.ready = 'error';
});
