// lifecircle-widgets.js — 一刻钟便民生活圈评价组件 / lifecircle widgets as custom elements.
//
// <lifecircle-assessment>, <lifecircle-scorecard>, <lifecircle-gap-report>,
// <lifecircle-guide-map>, <lifecircle-district>: each renders into its own open Shadow DOM with its stylesheet adopted
// as a constructed stylesheet (allowed under `style-src 'self'`). No inline script, no eval.
// Copied verbatim into dist/widgets/ by `cargo xtask dist`; documented in docs/embedding.md.
//
// Importing it blocks nothing: the elements are defined at once and say that they are loading;
// the wasm is fetched from import time on (one shared promise, `whenReady`), and each element
// mounts when it has arrived. The wasm carries no standard: a built-in one is fetched once from
// `standards/<id>.bin` beside this module (its digest is checked on reading).
//
// Browsers: parsing this module needs Chrome/Edge 85, Firefox 79, Safari 14.1 (no top-level
// await); the widgets need more (the table in docs/embedding.md, "支持的浏览器"). A browser that
// parses it but lacks the rest gets a message in every element (`code: "browser"`), not a blank element.

import init, * as lc from './lifecircle_web.js';

/** The custom elements this module defines (`lifecircle-` + each element class's `widget`). */
const TAGS = ['lifecircle-assessment', 'lifecircle-scorecard', 'lifecircle-gap-report', 'lifecircle-guide-map', 'lifecircle-district'];

function codeError(code, message, detail, text) {
  const e = new Error(message);
  e.code = code;
  if (detail) e.detail = detail; // for the site's administrator (the element shows it folded away)
  if (text) e.text = text; // [zh, en]: what the element shows, in its own language only (`message` has both)
  return e;
}

// What the widgets need beyond what parsing this module needs (docs/embedding.md, "支持的浏览器"):
// the wasm's features, and constructed stylesheets (the only way to style a shadow root under
// `style-src 'self'`). `WASM_PROBE` uses each post-MVP feature the widgets' wasm uses, so that a
// browser without one is told so instead of failing to compile the wasm (e2e/embed.test.mjs
// checks the wasm's `target_features` against this list).
const WASM_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, // "\0asm", version 1
  1, 6, 1, 96, 0, 2, 127, 127, // a type () -> (i32, i32): multi-value
  3, 2, 1, 0, // a function of that type
  4, 4, 1, 111, 0, 0, // a table of externref: reference types
  5, 3, 1, 0, 0, // a memory
  10, 29, 1, 27, 0, // the function's code:
  65, 0, 192, 26, // i32.const 0, i32.extend8_s, drop: sign extension
  67, 0, 0, 0, 0, 252, 0, 26, // f32.const 0, i32.trunc_sat_f32_s, drop: non-trapping float-to-int
  65, 0, 65, 0, 65, 0, 252, 11, 0, // memory.fill: bulk memory
  65, 0, 65, 0, 11, // the two results, end
]);
const adoptable = (() => {
  try {
    new CSSStyleSheet().replaceSync('');
    return 'adoptedStyleSheets' in ShadowRoot.prototype;
  } catch { return false; }
})();
const missing = [];
// The page's CSP refuses to compile WebAssembly (no 'wasm-unsafe-eval'): found by compiling the
// probe, before the wasm is downloaded for nothing.
let refused = null;
const cspRefused = (e) => /unsafe-eval|wasm-eval|Content.Security.Policy|\bCSP\b/i.test(e.message);
if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') missing.push(['WebAssembly', 'WebAssembly']);
else if (!(() => { try { return WebAssembly.validate(WASM_PROBE); } catch { return true; /* `init` says why */ } })()) {
  missing.push(['WebAssembly 的引用类型、多返回值、批量内存等特性', "WebAssembly's reference types, multi-value and bulk memory"]);
} else {
  try { new WebAssembly.Module(WASM_PROBE); } catch (e) { if (cspRefused(e)) refused = e; }
}
if (!adoptable) missing.push(['可构造样式表 adoptedStyleSheets', 'constructed stylesheets (adoptedStyleSheets)']);
const SUPPORTED = ['Chrome 或 Edge 97、Firefox 101、Safari（iPhone、iPad 为 iOS）16.4 或更高版本；360、QQ 等双核浏览器请切换到“极速模式”',
  'Chrome or Edge 97, Firefox 101, Safari (iOS on an iPhone or iPad) 16.4 or later; in 360 or QQ Browser, switch to its fast mode (极速模式)'];

const packedStandards = new Map();

/** The packed bytes of a built-in standard (`longwan-2024`, …), fetched once from `standards/<id>.bin`. */
export function standardBytes(id) {
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(id)) {
    return Promise.reject(codeError('bad_argument', `标准编号无效 / not a standard id: ${JSON.stringify(id)}`));
  }
  if (!packedStandards.has(id)) {
    const url = new URL(`standards/${id}.bin`, import.meta.url);
    // The element shows the short part in its language; the standard's id, URL and the browser's reason are folded away.
    const why = (detail) => codeError('standard', `标准 “${id}” 无法加载（${detail}）/ standard “${id}” could not be loaded (${detail})`, `${id}: ${detail}`,
      ['评分标准无法下载（网络或网站配置问题），请稍后刷新页面；仍无法显示时请告知本网站管理员',
        "the scoring standard could not be downloaded (a network or site problem): reload the page later, and if it persists, tell the site's administrator"]);
    const bytes = fetch(url).catch((e) => { throw why(`${url.pathname}: ${e.message}`); }).then(async (r) => {
      if (!r.ok) throw why(`${url.pathname}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    });
    packedStandards.set(id, bytes);
    bytes.catch(() => packedStandards.delete(id)); // not cached: the next mount tries again
  }
  return packedStandards.get(id);
}

// Several bundles on one page (a portal's site-wide template with the four widgets, and the
// district page's own bundle): the first to load defines the elements, so each element mounts
// with a bundle on the page that has its widget (`bundleFor`). Every bundle announces itself
// before its wasm loads, so that an element waits for the others before saying that its widget
// is missing.
const bundles = (globalThis[Symbol.for('lifecircle-widgets/bundles')] ??= []);
// Elements whose widget no bundle on the page had when they mounted: a bundle added later (a
// dynamic `import()`, a script a router inserts) mounts them when its wasm has loaded.
const waiting = (globalThis[Symbol.for('lifecircle-widgets/waiting')] ??= new Set());
let loaded;
const me = {
  built: [], // the widgets this bundle was built with (`builtWidgets`, once its wasm has loaded)
  broken: null, // else why its wasm did not load, or the browser cannot run it (an `Error` with `code`)
  done: false, // its wasm has loaded, or failed (`broken`)
  ready: new Promise((r) => { loaded = r; }), // resolves then, either way
  mount: { 'assessment': lc.mountAssessment, 'scorecard': lc.mountScorecard, 'gap-report': lc.mountGapReport, 'guide-map': lc.mountGuideMap, 'district': lc.mountDistrict },
  sheet: (widget) => sheet(widget),
  standardBytes: (id) => standardBytes(id),
};
bundles.push(me);

// A wasm that cannot load (a 404, a server that refuses `.wasm`, a CSP without
// 'wasm-unsafe-eval') or a browser too old for the widgets (then the wasm is not even fetched)
// must not leave a blank page: each element shows why, and the mount functions reject with it
// (`code` "wasm" or "browser"). What the public reads is short; what the site's administrator
// needs is the error's `detail` (the element folds it away) and the console.
const CSP = "页面的内容安全策略（CSP）不允许编译 WebAssembly：script-src 须包含 'wasm-unsafe-eval'（Chrome/Edge 97、Firefox 102、Safari 16 起支持）/ the page's Content Security Policy does not allow compiling WebAssembly: script-src must include 'wasm-unsafe-eval' (supported since Chrome/Edge 97, Firefox 102, Safari 16)";
const SERVER = ['网络或网站配置问题，请稍后刷新页面；仍无法显示时请告知本网站管理员', "a network or site problem: reload the page later, and if it persists, tell the site's administrator"];
if (missing.length) {
  const list = (i, sep) => missing.map((m) => m[i]).join(sep);
  me.broken = codeError('browser', `浏览器版本过低（缺少 ${list(0, '、')}）：请使用 ${SUPPORTED[0]} / this browser is too old for the widgets (it lacks ${list(1, ', ')}): use ${SUPPORTED[1]}`);
} else if (refused) {
  me.broken = codeError('wasm', SERVER.join(' / '), CSP, SERVER);
  console.error(me.broken.detail);
}
const settled = () => {
  me.done = true;
  if (!me.broken) for (const s of sheets.values()) s.replaceSync(lc.widgetCss(s.widget) + CHROME_CSS);
  loaded();
  // The elements waiting for a widget: this bundle mounts those it has; its wasm failed, it
  // cannot tell which it has, and they show why instead (see `_remount`).
  for (const retry of [...waiting]) if (me.broken || me.built.includes(retry.widget)) retry();
};
// While the wasm downloads (asked for just after), fetch the standards that the elements already in the page name in
// their `standard` attribute, so the two downloads overlap instead of following each other on
// a slow network. Elements added later, or without the attribute, fetch theirs once the wasm has
// arrived (a `config` set meanwhile may name another); a failure here is reported by the
// element's own mount, which tries again.
if (typeof document !== 'undefined' && !me.broken) {
  for (const el of document.querySelectorAll(TAGS.map((t) => `${t}[standard]:not([for])`).join(', '))) { // a follower scores with its form's
    standardBytes(el.getAttribute('standard')).catch(() => {});
  }
}

// Started now, awaited by nothing at the top level: a module importing this one goes on at once.
const fetchWasm = () => init().then(() => { me.built = lc.builtWidgets(); }, (e) => {
  // (A network failure's message, "Failed to fetch", does not name the file: added.)
  const file = /\.wasm\b/.test(e.message) ? '' : ` (${new URL('lifecircle_web_bg.wasm', import.meta.url).pathname})`;
  me.broken = codeError('wasm', SERVER.join(' / '), cspRefused(e) ? CSP
    : `${e.message}${file}：请检查服务器是否提供 .wasm 文件（application/wasm）/ check that the server serves the .wasm file (application/wasm)`, SERVER);
  // Fetched again once the browser is back online (`retry`) unless the page's CSP refused it: a
  // download that failed may be the connection's, even when the browser did not yet say it was
  // offline (`navigator.onLine` turns false a moment after a fetch can fail on a dropped line).
  // A failure that was not the connection's fails again then, and says so again.
  me.retryOnline = !cspRefused(e);
  console.error(e);
}).then(settled);
if (me.broken) queueMicrotask(settled); // once the elements below are defined
else fetchWasm();
// The wasm fetched again after failing for the connection (the elements that said so mount then, without the
// reload that would lose the page's state); resolves when it has loaded or failed again.
me.retry = () => {
  if (me.retryOnline) {
    me.retryOnline = false;
    me.broken = null;
    me.done = false;
    me.ready = new Promise((r) => { loaded = r; });
    fetchWasm();
  }
  return me.ready;
};

/** Resolves once the wasm has loaded; rejects with why it cannot (`code` "wasm" or "browser"). */
export const whenReady = () => me.ready.then(() => { if (me.broken) throw me.broken; });

// The synchronous functions need the wasm: before it has arrived they say so (`code: "loading"`),
// but for `version`, which a page may show at once (then '': the wasm knows it).
const working = (f, before) => (...args) => {
  if (me.broken) throw me.broken;
  if (me.done) return f(...args);
  if (before !== undefined) return before;
  throw codeError('loading', '组件程序尚在加载：请先 await whenReady() / the widgets\' program is still loading: await whenReady() first');
};

export const version = working(lc.version, '');
export const widgetCss = working(lc.widgetCss);
export const emptyCircle = working(lc.emptyCircle);

/** The options with `standardPacked` filled in from `standard` (a built-in's id, default `longwan-2024`). */
async function withStandard(options = {}) {
  if (options.standardPacked) return options;
  return { ...options, standardPacked: await standardBytes(options.standard || 'longwan-2024') };
}

// Every widget mounted by a function below, until its handle's `free()`. A handle nothing else
// holds would be collected, and the wasm's finalizer would take its widget off the page: a
// framework's mount hook rarely keeps what it awaited.
const mounted = new Set();

/**
 * Mount functions for frameworks: each resolves to the widget's handle once the wasm and its
 * standard have arrived (fetched side by side). The widget stays until `handle.free()`.
 */
const loading = (mountFn) => async (el, options) => {
  if (me.broken) throw me.broken; // before fetching a standard: the wasm is the first thing missing
  const opts = withStandard(options);
  opts.catch(() => {}); // a failure is told below, after the wasm's
  await whenReady();
  const handle = mountFn(el, await opts);
  mounted.add(handle);
  const free = handle.free;
  handle.free = () => { mounted.delete(handle); free.call(handle); };
  if (Symbol.dispose) handle[Symbol.dispose] = handle.free;
  return handle;
};
export const mountAssessment = loading(lc.mountAssessment);
export const mountScorecard = loading(lc.mountScorecard);
export const mountGapReport = loading(lc.mountGapReport);
export const mountGuideMap = loading(lc.mountGuideMap);
export const mountDistrict = loading(lc.mountDistrict);
export const mount = loading(lc.mount);

/** `{ id, version, title }` of a built-in standard by id, or of a packed standard's bytes. */
export const standardInfo = async (standard) => {
  const bytes = typeof standard === 'string' ? standardBytes(standard) : Promise.resolve(standard);
  bytes.catch(() => {});
  await whenReady();
  return lc.standardInfo(await bytes);
};

const TEXT = {
  restored: ['已恢复上次在本机自动保存的填写内容。', 'Restored what was autosaved in this browser.'],
  olderDraft: ['本机还存有本圈按本标准旧版本（{version}）填写的内容，没有自动载入（标准已更新，题目可能不同）。需要时点“载入旧版本的填写内容”。', 'This browser still holds entries for this circle made under an earlier version of the standard ({version}), not loaded (the standard was updated; its questions may differ). Use “Load the earlier version\'s entries” if you need them.'],
  olderLoaded: ['已载入按旧版本（{version}）填写的内容，请逐项核对；旧版本的内容仍保留在本机。', 'Loaded the entries made under the earlier version ({version}): check each item; the earlier entries are still kept in this browser.'],
  loadOlder: ['载入旧版本的填写内容', 'Load the earlier version\'s entries'],
  restoredSession: ['已恢复本标签页中自动保存的填写内容。', 'Restored what was autosaved in this tab.'],
  corrupt: ['上次保存的数据已损坏，无法读取；原内容已另存为浏览器存储（{store}）的键 “{key}”，未删除。', 'The saved data is damaged and cannot be read; it was kept under the key “{key}” in the browser’s {store}, not deleted.'],
  saveFailed: ['无法自动保存（浏览器存储已满或被禁用）：请用“保存到文件（JSON）”留一份备份。', 'Autosave failed (browser storage full or disabled): use “Save to a file (JSON)” to keep a copy.'],
  importFailed: ['导入失败，当前内容未改变：{zh}', 'Import failed; nothing was changed: {en}'],
  imported: ['已导入 {name}。', 'Imported {name}.'],
  exported: ['已保存到文件 {name}（在浏览器的下载位置）。', 'Saved to the file {name} (where the browser puts downloads).'],
  exportedToFix: ['已保存到文件 {name}（在浏览器的下载位置）；其中仍有待修正的项（见表单上方），交出前请先改正。', 'Saved to the file {name} (where the browser puts downloads); it still holds items to fix (listed above the form): correct them before handing it in.'],
  importFacilities: ['导入设施清单（表格 CSV 或 GeoJSON）', 'Import facilities (a CSV table or GeoJSON)'],
  facilitiesImported: ['已从 {name} 导入 {added} 处设施{unlocatedZh}；{unmapped} 处未能归类{listZh}', 'Imported {added} {facilities} from {name}{unlocatedEn}; {unmapped} could not be classified{listEn}'],
  // Where the imported list's coordinates were taken, in the words of the maps and phones she
  // knows, the datum's name after it (as the core names it, `Crs::label_zh`).
  datum: ['清单里的坐标取自（坐标系）', "The list's coordinates are from (datum)"],
  datumWgs84: ['手机 GPS、OpenStreetMap（WGS-84）', 'Phone GPS, OpenStreetMap (WGS-84)'],
  datumGcj02: ['高德地图、腾讯地图（GCJ-02）', 'AMap (Gaode), Tencent Maps (GCJ-02)'],
  datumBd09: ['百度地图（BD-09）', 'Baidu Maps (BD-09)'],
  cleared: ['已清空，重新开始。', 'Cleared: started over.'],
  reset: ['已恢复为本页提供的起始数据。', 'Back to the starting data this page gave.'],
  startOver: ['重新开始', 'Start over'],
  confirm: ['确定要清空本圈的全部填写内容吗？此操作不能撤销，可先用“保存到文件（JSON）”留一份备份。', 'Clear everything entered for this circle? This cannot be undone; use “Save to a file (JSON)” first to keep a copy if needed.'],
  confirmReset: ['确定要放弃本圈的全部填写内容，恢复为本页提供的起始数据吗？此操作不能撤销，可先用“保存到文件（JSON）”留一份备份。', 'Drop everything entered for this circle and go back to the starting data this page gave? This cannot be undone; use “Save to a file (JSON)” first to keep a copy if needed.'],
  yes: ['确定清空', 'Clear everything'],
  yesReset: ['恢复起始数据', 'Go back to the starting data'],
  confirmImport: ['读入的文件会替换本表中已填写的全部内容，此操作不能撤销；可先用“保存到文件（JSON）”留一份备份。确定读入吗？', 'The file replaces everything entered in this form. This cannot be undone; use “Save to a file (JSON)” first to keep a copy if needed. Load it?'],
  yesImport: ['读入并替换', 'Load and replace'],
  otherTab: ['本圈的填写内容刚在另一个标签页（或窗口）中修改并保存了。两处同时填写会互相覆盖：请只在一处填写；要看另一处的内容，请刷新本页。', 'This circle was just changed and saved in another tab (or window). Filling it in at two places overwrites one with the other: use one place only; reload this page to see the other one\'s entries.'],
  no: ['取消', 'Cancel'],
  exportJson: ['保存到文件（JSON）', 'Save to a file (JSON)'],
  importJson: ['从文件读入（JSON）', 'Open a saved file (JSON)'],
  autosave: ['每次修改都自动保存在本机浏览器中。', 'Every edit is autosaved in this browser.'],
  autosaveSession: ['每次修改都自动保存在本标签页中，关闭标签页即清除。', 'Every edit is autosaved in this tab, and cleared when the tab is closed.'],
  autosaveOff: ['本页未开启自动保存：请用“保存到文件（JSON）”保存填写内容。', 'Autosave is off on this page: use “Save to a file (JSON)” to keep what you enter.'],
  failed: ['组件无法加载：', 'The widget could not load: '],
  addCircles: ['添加生活圈（JSON 文件，可多选）', 'Add circles (JSON files, several at once)'],
  circlesAdded: ['新增 {added} 个生活圈，替换 {replaced} 个（编号相同者以新文件为准）{replacedZh}。', 'Added {added} {circles} and replaced {replaced} (a file with a listed circle id replaces it){replacedEn}.'],
  circlesPartly: ['新增 {added} 个生活圈，替换 {replaced} 个（编号相同者以新文件为准）{replacedZh}。以下 {refused} 项未添加，请改正后重新选择：{zh}', 'Added {added} {circles} and replaced {replaced} (a file with a listed circle id replaces it){replacedEn}. {refused} not added; correct them and choose again: {en}'],
  districtHint: ['文件只在本机浏览器中读取。', 'Files are read in this browser only.'],
  exportSummary: ['导出汇总（JSON）', 'Export the summary (JSON)'],
  exportTable: ['导出目标表（CSV，Excel 可打开）', 'Export the targets (CSV, for Excel)'],
  exportCirclesTable: ['导出各圈表（CSV）', 'Export the circles (CSV)'],
  exportTasks: ['导出各单位任务清单（CSV）', 'Export the units\' tasks (CSV)'],
  exportCircles: ['导出生活圈（JSON）', 'Export the circles (JSON)'],
  noSummary: ['有生活圈的数据有误，暂无汇总可导出。', 'Some circles have problems: there is no summary to export yet.'],
  noCircles: ['还没有生活圈，暂无汇总可导出：请先用“添加生活圈”选择 JSON 文件。', 'No circles yet: there is no summary to export; add circles first.'],
  circleRemoved: ['已从列表中移除“{name}”。', 'Removed “{name}” from the list.'],
  undoRemove: ['撤销移除', 'Undo the removal'],
  circleRestored: ['已放回“{name}”。', 'Put “{name}” back.'],
  reportTaken: ['已采用填报值（{n} 项）并重新汇总。', 'Reported values taken ({n}); summarised again.'],
  reportCleared: ['已清除填报值，重新汇总。', 'Reported values cleared; summarised again.'],
  reportRefused: ['填报值未采用，汇总未改变：{zh}', 'Reported values not taken; the summary is unchanged: {en}'],
  reportNegative: ['“{value}”是负数：填报值不能小于 0', '“{value}” is negative: a reported value cannot be below 0'],
  reportCountPercent: ['“{value}”是百分数：此项填个数（整数），是否类目标是记 1、否记 0', '“{value}” is a percentage: this target takes a count (a whole number; yes or no: 1 or 0)'],
  communitiesTaken: ['已采用全区社区总数 {n} 个，重新汇总。', 'Communities in the district: {n}; summarised again.'],
  communitiesCleared: ['已清除全区社区总数，社区覆盖目标暂无法判断。', 'The number of communities cleared: the share of communities cannot be judged.'],
  communitiesRefused: ['全区社区总数未采用，汇总未改变：{zh}', 'The number of communities not taken; the summary is unchanged: {en}'],
  communitiesBad: ['“{value}”不是 1 至 1000000 的整数：请填写全区社区个数，如 29', '“{value}” is not a whole number from 1 to 1000000: write the number of communities, e.g. 29'],
  reportNotNumber: ['“{value}”不是数值：请填写数字（不超过 15 位），如 1、2 或 30%', '“{value}” is not a number: write a number (at most 15 digits), e.g. 1, 2 or 30%'],
  bug: ['内部错误（程序缺陷，详情见浏览器控制台），请刷新页面并报告', 'internal error (a bug, details in the browser console): reload the page and report it'],
  loading: ['正在加载……', 'Loading…'],
  details: ['技术信息（供网站管理员）', "Technical details (for the site's administrator)"],
  reload: ['重新加载', 'Reload'],
  dock: ['知道了', 'OK'],
  stillSaved: ['已填写的内容仍保存在本机浏览器中，组件加载后即恢复。', 'What you entered is still saved in this browser, and comes back once the widget loads.'],
  stillSavedSession: ['已填写的内容仍保存在本标签页中，组件加载后即恢复。', 'What you entered is still saved in this tab, and comes back once the widget loads.'],
  forNotForm: ['for="{id}" 指向的是 <{tag}>，不是自评表 <lifecircle-assessment>：本组件显示自己的生活圈与标准（未给 data 时为空）。要显示同一个生活圈，请把 for 指向自评表，或给本组件同样的 data 与 standard。', 'for="{id}" names a <{tag}>, not a form (<lifecircle-assessment>): this widget shows its own circle and standard (empty without data). To show the same circle, point for at the form, or give this widget the same data and standard.'],
  forMissing: ['for="{id}"：页面上没有 id 为 “{id}” 的自评表 <lifecircle-assessment>；本组件暂时显示自己的生活圈与标准，自评表出现后即跟随它。', 'for="{id}": the page has no form (<lifecircle-assessment>) with the id “{id}”; this widget shows its own circle and standard until that form appears, then follows it.'],
  otherStandard: ['本组件跟随自评表，按自评表的标准 “{used}” 评分；本元素的 standard（“{own}”）未使用。', 'This widget follows its form and scores with the form\'s standard “{used}”; its own standard (“{own}”) is not used.'],
};

const langOf = (el) => (el.getAttribute('lang') || el.config.lang || 'zh').startsWith('en') ? 'en' : 'zh';
const say = (el, key, vars = {}) => TEXT[key][langOf(el) === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// The element's own rules, there before the wasm (which holds the widget's) arrives and after it
// failed. `:host` gives the loading and error notices the theme's custom properties with the
// same defaults as the widgets' `.lc-root` (web/src/styles.rs; an e2e test holds them equal),
// which redefines them inside a mounted widget (and the 适老化 mode changes some).
// Notices that float at the bottom of the window until acknowledged (`_sayKey`).
const FLOATING = new Set(['saveFailed', 'otherTab']);

const CHROME_CSS = `
:host{display:block;--_accent:var(--lc-accent,#1f5fa8);--_muted:var(--lc-muted,#4a5360);--_surface:var(--lc-surface,#f4f6f8);
--_border:var(--lc-border,#8a93a0);--_bad:var(--lc-bad,#b3261e);--_focus:var(--lc-focus,#c77700);--_radius:var(--lc-radius,6px)}
:where(.lcx-notice){font-family:var(--lc-font,system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif);
font-size:var(--lc-font-size,medium);line-height:1.6;color:var(--lc-ink,#1d232b)}
.lcx-bar{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin:0 0 .5em}
.lcx-bar .lcx-file{position:relative;display:inline-flex;align-items:center;border:1px solid var(--_accent);color:var(--_accent);
border-radius:var(--_radius);padding:.35em .9em;min-height:40px;cursor:pointer}
.lcx-bar .lcx-file:focus-within{outline:3px solid var(--_focus);outline-offset:2px}
.lcx-bar .lcx-file input{position:absolute;inset:0;opacity:0;width:100%;cursor:pointer}
.lcx-bar .lcx-hint{color:var(--_muted);font-size:.9em}
.lcx-bar>label{max-width:100%}.lcx-bar select{max-width:100%}
.lcx-confirm{border:2px solid var(--_bad);border-radius:var(--_radius);padding:.5em .9em;margin:0 0 .5em;display:flex;flex-wrap:wrap;gap:.6em;align-items:center}
.lcx-bar[hidden],.lcx-confirm[hidden],.lcx-notice[hidden]{display:none}
.lcx-notice{border-radius:var(--_radius);padding:.45em .9em;margin:0 0 .5em;border:1px solid var(--_border);background:var(--_surface)}
.lcx-notice.lcx-error{border:2px solid var(--_bad);color:var(--_bad);font-weight:600}
.lcx-notice{overflow-wrap:anywhere}.lcx-notice details{font-weight:400;margin-top:.3em}.lcx-notice code{overflow-wrap:anywhere}
.lcx-notice .lcx-saved{margin:.3em 0 0;font-weight:400;color:var(--lc-ink,#1d232b)}
.lcx-notice .lcx-reload{font:inherit;font-weight:600;display:block;margin:.4em 0 0;min-height:44px;padding:.3em 1em;cursor:pointer;
border-radius:var(--_radius);border:1px solid var(--_accent);background:var(--_accent);color:#fff}
.lcx-notice .lcx-reload:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.lcx-notice.lcx-float{position:fixed;left:.5em;right:.5em;bottom:.5em;z-index:2147483000;max-height:45vh;overflow:auto;box-shadow:0 2px 14px #0007}
.lcx-danger{background:var(--_bad)!important;border-color:var(--_bad)!important}
@media print{.lcx-bar,.lcx-confirm,.lcx-notice{display:none}}
`;

const sheets = new Map();
/**
 * The widget's constructed stylesheet (the element's own rules until the wasm, which holds the
 * widget's, has arrived: then it is filled in, see `settled`); null in a browser without them.
 */
function sheet(widget) {
  if (!adoptable) return null;
  if (!sheets.has(widget)) {
    const s = new CSSStyleSheet();
    s.widget = widget;
    s.replaceSync((me.done && !me.broken ? lc.widgetCss(widget) : '') + CHROME_CSS);
    sheets.set(widget, s);
  }
  return sheets.get(widget);
}

// The `reported` of a config as the text the wasm reads: an object `{ metric: value }`, or text.
function reportedText(r) {
  if (r == null) return undefined;
  return typeof r === 'object' ? Object.entries(r).map(([k, v]) => `${k}=${v}`).join(', ') : String(r);
}

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else if (v !== false && v != null) e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children);
  return e;
}

/**
 * `data` as JSON text: a string as it is, anything else written out as JSON; a value that has
 * no JSON (undefined, a function, a BigInt, a cycle) throws an `Error` with `code: "circle"`
 * and `problems` naming `data`, as a circle with problems does.
 */
function dataText(v) {
  if (typeof v === 'string') return v;
  let text;
  let why = null;
  try { text = JSON.stringify(v); } catch (e) { why = e.message; }
  if (text !== undefined) return text;
  const zh = why === null ? `未给出生活圈（值为 ${typeof v}）：须为生活圈对象或其 JSON 文本` : `无法写成 JSON（${why}）`;
  const en = why === null ? `no circle given (the value is ${typeof v}): set a circle object or its JSON text` : `cannot be written as JSON (${why})`;
  const e = codeError('circle', `生活圈数据有误 / invalid circle input: data: ${zh} / ${en}`);
  e.problems = [`data: ${zh}`];
  e.problemsEn = [`data: ${en}`];
  throw e;
}

// The bundles the page's own HTML loads all announce themselves before DOMContentLoaded (module
// scripts run in order before it): until then, one whose module has not run yet (its script
// still downloading on a slow link) is not on the list, and must not be taken for missing.
const parsed = new Promise((resolve) => {
  const nav = performance.getEntriesByType?.('navigation')?.[0];
  const before = document.readyState === 'loading' || (nav && document.readyState !== 'complete' && !nav.domContentLoadedEventStart);
  if (before) document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
  else resolve();
});

/** The bundle to mount `widget` with: this one when it has it, else another on the page that has it (else this one, which says the widget is missing). */
async function bundleFor(widget) {
  await parsed;
  await Promise.all(bundles.map((b) => b.ready));
  return bundles.find((b) => b.built.includes(widget)) ?? me;
}

class LifecircleElement extends HTMLElement {
  static observedAttributes = ['standard', 'lang', 'circle-id', 'large-text', 'as-of', 'layout', 'what-if', 'for', 'tiles', 'tiles-credit', 'tiles-crs', 'communities', 'reported', 'autosave'];

  constructor() {
    super();
    this._config = {};
    this._handle = null;
    this._default = undefined; // the starting data the page gave (JSON text): what "Start over" goes back to
    this._kept = null; // what a freed handle held, to mount again from: { text, circleId, key }
    this._source = undefined; // the circle last given to the widget from outside (see `_current`)
    this._awaiting = true; // the page has not given this circle's starting data yet (see `data`)
    this._packed = null;
    this._token = 0;
    this._failed = false; // the latest mount failed (shown in the notice)
    this._error = null; // and why (`error`)
    this._labels = [];
    this._noticeKey = null;
    this._ready = Promise.resolve(this);
    this._bundle = me; // the bundle it mounts with (see `bundleFor`)
    const root = this.attachShadow({ mode: 'open' });
    const css = sheet(this.constructor.widget);
    if (css) root.adoptedStyleSheets = [css];
    this._notice = h('div', { class: 'lc-root lcx-notice', role: 'status', hidden: true });
    // No stylesheet (a browser too old, which the notice says): the notice's look set through the
    // CSSOM, which `style-src 'self'` allows (unlike a `style` attribute).
    if (!css) Object.assign(this._notice.style, { border: '2px solid #b3261e', color: '#b3261e', fontWeight: '600', padding: '.45em .9em', borderRadius: '6px', lineHeight: '1.5', fontFamily: 'system-ui,"PingFang SC","Microsoft YaHei",sans-serif' });
    this._slot = h('div');
    root.append(this._notice, this._slot);
    root.addEventListener('lifecircle-print', (ev) => setTimeout(() => { if (!ev.defaultPrevented) window.print(); }));
    // `data` or `config` set by a page script before this module defined the element are
    // own properties of the plain element, hiding the class's setters: take them over.
    for (const p of ['config', 'data']) {
      if (!Object.prototype.hasOwnProperty.call(this, p)) continue;
      const v = this[p];
      delete this[p];
      if (p === 'config') this._config = { ...(v || {}) };
      else try { this.data = v; } catch (e) { console.error(e); } // no one to throw to: the element must still be defined
    }
  }

  /** The widget's configuration object ({ standard, standardPacked, lang, asOf, elder, circleId, layout, layers, tiles, tilesCredit, tilesCrs, whatIf, autosave, communities, reported }). */
  get config() { return this._config; }
  set config(v) {
    const id = this.circleId;
    this._typedReported = undefined; // the page's `reported` again
    this._typedCommunities = undefined; // and its `communities`
    this._config = { ...(v || {}) };
    if (this._mountedAs && this.circleId !== id) this._otherCircle();
    if (this.isConnected) this._remount();
  }

  /**
   * The circle as an object (`<lifecircle-district>`: the district's circles, an array); setting
   * it (object or JSON text) loads it. The first one the page gives for a circle is its starting
   * data, whether the widget has mounted yet or not: on the form, what was autosaved or typed
   * meanwhile stays (see `_entered`). Before mounting it reads back as the starting data, also as
   * an object (text that is not JSON reads back as it was set).
   */
  get data() {
    if (this._handle) return JSON.parse(this._current());
    const text = this._carried() ?? this._default;
    try { return text === undefined ? undefined : JSON.parse(text); } catch { return text; }
  }
  set data(v) {
    // Before mounting, `undefined` means no starting data; after, it is a mistake (a response
    // without its circle, say) and must not reach the widget as if it were a circle.
    const text = v === undefined && !this._handle ? undefined : dataText(v);
    const first = this._awaiting;
    if (text !== undefined) this._awaiting = false;
    if (!this._handle) {
      // The newest data given wins over what a freed handle held.
      this._default = text;
      this._kept = null;
      if (this._failed && this.isConnected) this._remount(); // a failed mount tries again with it
      return;
    }
    // Mounted already (a portal whose script or framework sets `data` a task after inserting
    // the element, once its standard is cached): the starting data all the same, never
    // replacing what the user entered or what was restored for this circle.
    if (first) {
      this._default = text;
      if (this._entered()) return;
    }
    this._load(text);
  }

  // Another `circle-id` once mounted: as on a page load with that id, the previous circle's
  // starting data is not this one's (its own saved entry, else empty, unless `data` is set).
  _otherCircle() {
    this._awaiting = true;
    this._default = undefined;
  }

  // Whether the widget holds something the user entered (the form overrides it).
  _entered() { return false; }

  /** The mounted wasm handle (setLang, setElder, setAsOf, setLayout, loadJson, toJson; the form's importFacilities; the district's summaryJson, summaryCsv, checkCircle, setReported, setCommunities, removeAt, undoRemove); null until `ready`. */
  get handle() { return this._handle; }

  /** Resolves (to the element) when the latest mount has finished: the standard is loaded and `handle` is set, or the failure is shown. */
  get ready() { return this._ready; }

  /** Why the latest mount failed (an `Error` with `code`, as the mount functions reject with), else null. */
  get error() { return this._error; }

  get standardId() { return this.getAttribute('standard') || this._config.standard || 'longwan-2024'; }
  get circleId() { return this.getAttribute('circle-id') || this._config.circleId || 'default'; }
  get elder() {
    const a = this.getAttribute('large-text');
    return a == null ? !!this._config.elder : a !== 'false';
  }

  connectedCallback() {
    this._follow();
    if (!this._handle) this._remount();
  }

  disconnectedCallback() {
    this._token += 1; // a mount still waiting for its standard is dropped
    this._unwait?.(); // or for a bundle with its widget
    this._unfollow();
    if (this._handle) { this._keep(); this._slot.replaceChildren(); }
  }

  attributeChangedCallback(name, old, value) {
    // The page's `reported` again, even the same text: values typed into the board give way.
    if (name === 'reported' && this._typedReported !== undefined) {
      this._typedReported = undefined;
      if (old === value && this._handle) { this._remount(); return; }
    }
    // The same for `communities`: the page's number, even the same, and the board follows it.
    if (name === 'communities' && this._typedCommunities !== undefined) {
      this._typedCommunities = undefined;
      old = undefined;
    }
    if (old === value) return;
    // Another circle after a mount: its starting data is still to come (see `data`).
    if (name === 'circle-id' && this._mountedAs) this._otherCircle();
    // Follow the form named now, whether the widget has loaded yet or not.
    if (name === 'for') {
      this._unfollow();
      if (this.isConnected) this._follow();
      this._sayFollowing();
      if (this._handle || !this._failed) return;
    }
    if (!this._handle) {
      // Still loading: the mount reads the attributes when its standard arrives, but a
      // different standard means another fetch. Failed: a corrected attribute (a standard,
      // a date, the number of communities) mounts again.
      if (this._failed && this.isConnected) { this._remount(); return; }
      if (name === 'standard' && this.isConnected) this._remount();
      return;
    }
    try {
      if (name === 'lang') { this._handle.setLang(langOf(this)); this._relabel(); }
      else if (name === 'large-text') { this._handle.setElder(this.elder); this._chromeElder(); }
      else if (name === 'as-of') this._handle.setAsOf(value || this._config.asOf || today());
      else if (name === 'layout') this._handle.setLayout(value || this._config.layout || 'screen');
      else if (name === 'autosave') this._relabel();
      // (the district board's circles are not scored again for it)
      else if (name === 'communities' && this._handle.setCommunities) this._handle.setCommunities(this._options().communities ?? null);
      else { this._remount(); return; }
      // The attribute that failed, corrected: show the widget again.
      if (this._badAttr === name) { this._badAttr = null; this._slot.hidden = false; this._say(null); }
    } catch (e) {
      // What is shown no longer follows the attributes: hide it under the error until corrected.
      this._badAttr = name;
      this._slot.hidden = true;
      this._say(`${say(this, 'failed')}${e.message}`, true);
    }
  }

  _options(circle) {
    const c = this._config;
    return {
      standard: this.standardId, standardPacked: this._packed, standardText: c.standardText, asOf: this.getAttribute('as-of') || c.asOf || today(),
      lang: langOf(this), elder: this.elder, circle, layout: this.getAttribute('layout') || c.layout,
      layers: c.layers, whatIf: this.hasAttribute('what-if') || !!c.whatIf,
      tiles: this.getAttribute('tiles') || c.tiles || undefined,
      tilesCredit: this.getAttribute('tiles-credit') || c.tilesCredit || undefined,
      tilesCrs: this.getAttribute('tiles-crs') || c.tilesCrs || undefined,
      // The number typed into the district board wins, until the page sets `communities` again.
      communities: this._typedCommunities !== undefined ? (this._typedCommunities ?? undefined) : (this.getAttribute('communities') || c.communities || undefined),
      // `<lifecircle-district>`: values the district reports, `metric=value, …` as the CLI's
      // `--reported` (the config may give them as an object, `{ provincial_pilot: 1 }`).
      // Values typed into the board since win, until the page sets `reported` again.
      reported: this._typedReported ?? (this.getAttribute('reported') || reportedText(c.reported)),
    };
  }

  _mountWith(circle) {
    const div = h('div');
    this._slot.replaceChildren(div);
    const handle = this._bundle.mount[this.constructor.widget](div, this._options(circle));
    this._source = circle ?? handle.toJson(); // before any what-if facility (see GuideMapElement)
    return handle;
  }

  // Loads a circle given from outside (`data`, the followed form).
  _load(text) {
    this._handle.loadJson(text);
    this._source = text;
  }

  // What the widget holds now, to mount again from: the handle's circle (the form's edits, the
  // district's files and removals). The guide map overrides it (its what-if facilities are not data).
  _current() { return this._handle.toJson(); }

  // Frees the handle, keeping what it held for the next mount (a remount, the element moved or
  // put back into the page), with the circle id and autosave key it was mounted under.
  _keep() {
    this._kept = { text: this._current(), circleId: this._mountedAs?.circleId, key: this._mountedAs?.key };
    this._handle.free();
    this._handle = null;
  }

  // The kept circle, unless `circle-id` names another circle since (then it is not carried over).
  _carried() {
    const k = this._kept;
    return k && k.circleId === this.circleId ? k.text : undefined;
  }

  _remount() {
    const token = ++this._token;
    this._unwait?.(); // a retry still waiting for a bundle belongs to the mount this one replaces
    this._unwait = null;
    if (this._handle) this._keep();
    if (me.done) this._say(null);
    else this._sayKey('loading'); // until the wasm has arrived
    this._slot.hidden = false;
    this._badAttr = null;
    this._ready = (async () => {
      let failure = null;
      try {
        const widget = this.constructor.widget;
        // The bundle with the widget first: the one that defined the elements may be another,
        // whose wasm failed. Its failure is this element's only when no working bundle has the
        // widget (`bundleFor` then chooses this one).
        const bundle = me.built.includes(widget) ? me : await bundleFor(widget);
        if (token !== this._token) return this;
        if (bundle.broken) throw bundle.broken;
        if (bundle !== this._bundle) this.shadowRoot.adoptedStyleSheets = [bundle.sheet(widget)];
        this._bundle = bundle;
        const packed = await this._standard(bundle);
        if (token !== this._token) return this; // superseded, or disconnected meanwhile
        this._say(null);
        this._packed = packed;
        this._handle = this._start();
        this._mountedAs = { circleId: this.circleId, key: this.storageKey };
        this._kept = null; // mounted: the handle holds it now
      } catch (e) {
        if (token !== this._token) return this;
        failure = e;
      }
      // No working bundle on the page had this widget (this one lacks it, or this one's wasm
      // failed and cannot tell): one added later mounts it. (One whose wasm loaded while this
      // mount was fetching its standard is on the page already.)
      if (failure && (failure.code === 'widget' || failure === me.broken)) {
        const widget = this.constructor.widget;
        const retry = () => { waiting.delete(retry); if (token === this._token) this._remount(); };
        retry.widget = widget;
        if (bundles.some((b) => b.built.includes(widget))) queueMicrotask(retry);
        else {
          waiting.add(retry);
          this._unwait = () => waiting.delete(retry);
        }
        // A bundle on the page whose own wasm failed (a 404, a wrong MIME type, the CSP) may be
        // the one with this widget: that failure is what to fix, so it is shown (still waiting).
        if (failure.code === 'widget') failure = bundles.find((b) => b.broken)?.broken ?? failure;
      }
      this._failed = !!failure;
      this._error = failure;
      if (failure) {
        this._slot.replaceChildren();
        this._sayFailure(failure);
      } else {
        this._mounted();
      }
      this._showChrome(!!this._handle);
      this._relabel();
      this._chromeElder();
      return this;
    })();
  }

  // `lifecircle-input` with what the widget holds now, as the form sends after every edit.
  _sendInput() {
    this.dispatchEvent(new CustomEvent('lifecircle-input', { detail: this._handle.toJson(), bubbles: true, composed: true }));
  }

  // The element's own controls are shown only while there is a widget for them to act on.
  _showChrome() {}

  // Just mounted: a follower catches up with the form it follows, and says when the standard
  // it was given is not the one it scores with (its form's).
  _mounted() {
    this._catchUp();
    const own = this.getAttribute('standard') || this._config.standard;
    if (this._handle && this._form() && own && own !== this._handle.standardId) this._sayKey('otherStandard', { own, used: this._handle.standardId });
    this._sayFollowing();
  }

  // A `for` that names no form on the page (another widget, or nothing yet) is said, never
  // followed silently with the element's own (often default) standard and an empty circle;
  // the notice goes once the form is there.
  _sayFollowing() {
    const id = this.getAttribute('for');
    const said = this._noticeKey && (this._noticeKey.key === 'forNotForm' || this._noticeKey.key === 'forMissing');
    if (!id || this.constructor.widget === 'assessment' || this.constructor.widget === 'district' || this._form()) {
      if (said) this._say(null);
      return;
    }
    if (!this._handle) return;
    const t = document.getElementById(id);
    if (t && t !== this && t.localName.startsWith('lifecircle-')) this._sayKey('forNotForm', { id, tag: t.localName });
    else this._sayKey('forMissing', { id });
  }

  // The `<lifecircle-assessment>` this element follows (`for`), if it is on the page.
  _form() {
    const f = this.hasAttribute('for') && document.getElementById(this.getAttribute('for'));
    return f && f !== this && f.localName === 'lifecircle-assessment' ? f : null;
  }

  // The packed standard to mount with. A follower scores its form's circle with its form's
  // standard (built-in or packed), never with one of its own: the one the form mounted with,
  // else the one it will.
  _standard(bundle) {
    const src = this._form() ?? this;
    return (src !== this && src._handle && src._packed) || src._config.standardPacked || bundle.standardBytes(src.standardId);
  }

  // Load the circle of the followed form, when both are mounted; mount again when the form now
  // has another standard (its `config` or `standard` changed), or with it after failing.
  _catchUp() {
    const src = this._following && this._form();
    this._sayFollowing();
    if (!src || !src.handle) return;
    if (src._packed !== this._packed && (this._handle || this._failed)) this._remount();
    else if (this._handle) this._load(src.handle.toJson());
  }

  // The element's own bar, notices and confirmation follow the 适老化 mode like the widget.
  _chromeElder() {
    for (const e of this.shadowRoot.children) if (e !== this._slot) e.classList.toggle('lc-elder', this.elder);
  }

  // What the handle held before a remount, else the starting data.
  _start() { return this._mountWith(this._carried() ?? this._default); }

  // A notice; `key` (from `_sayKey`) lets a language switch say it again; `detail`, for the
  // site's administrator, is folded away below it.
  _say(text, error = false, key = null, detail = null) {
    this._noticeKey = key;
    this._notice.hidden = !text;
    this._notice.textContent = text || '';
    if (detail) this._notice.append(h('details', {}, h('summary', {}, say(this, 'details')), h('code', {}, detail)));
    this._notice.classList.toggle('lcx-error', !!error);
    this._notice.classList.remove('lcx-float');
    this._notice.setAttribute('role', error ? 'alert' : 'status');
  }

  // An error said while the form is in use (autosave failing, another tab saving the circle)
  // also floats at the bottom of the window until it is acknowledged: at the top of a long form
  // it went unseen where she was typing. Said again (every failed save), it stays docked once
  // acknowledged.
  _sayKey(key, vars = {}, error = false) {
    const docked = this._noticeKey?.key === key && this._noticeKey.docked;
    this._say(say(this, key, vars), error, { key, vars, error, docked });
    if (docked || !FLOATING.has(key)) return;
    this._notice.classList.add('lcx-float');
    const ok = h('button', { type: 'button', class: 'lcx-reload', on: { click: () => {
      this._noticeKey.docked = true;
      this._notice.classList.remove('lcx-float');
      ok.remove();
    } } }, say(this, 'dock'));
    this._notice.append(ok);
  }

  // Why the mount failed, in the element's language (said again on a language switch). A download
  // that failed (the wasm, the standard: a network or the site) offers a reload, and the form says
  // that what was entered before is still in this browser when its autosave holds an entry for
  // this circle (nothing is removed when a load fails).
  _sayFailure(failure) {
    const en = langOf(this) === 'en';
    // A trap of the wasm (a Rust panic) says only "unreachable": say what it means.
    const text = typeof WebAssembly === 'object' && failure instanceof WebAssembly.RuntimeError ? say(this, 'bug')
      : failure.text ? failure.text[en ? 1 : 0] : failure.message;
    this._say(`${say(this, 'failed')}${text}`, true, { failure }, failure.detail);
    if (failure.code !== 'wasm' && failure.code !== 'standard') return;
    // A standard, or the wasm, not fetched (the browser was offline, or its connection dropped
    // before it said so) is fetched again once it is back online (a failed fetch is not cached),
    // without the reload that would lose the page's state.
    const bundle = this._bundle;
    if ((failure.code === 'standard' || bundle.retryOnline) && !this._onlineRetry) {
      this._onlineRetry = true;
      addEventListener('online', async () => {
        this._onlineRetry = false;
        if (this._error?.code === 'wasm') await bundle.retry?.();
        if (this.isConnected && this._error) this._remount();
      }, { once: true });
    }
    if (this._hasSaved?.()) this._notice.append(h('p', { class: 'lcx-saved' }, say(this, this._inSession ? 'stillSavedSession' : 'stillSaved')));
    this._notice.append(h('button', { type: 'button', class: 'lcx-reload', on: { click: () => location.reload() } }, say(this, 'reload')));
    if (failure.detail) this._notice.append(this._notice.querySelector('details'));
  }

  // An element of the element's own controls whose text (or `prop`) is TEXT[key], relabelled on a language switch.
  _label(e, key, prop = 'textContent') { this._labels.push([e, key, prop]); return e; }

  _relabel() {
    for (const [e, k, prop] of this._labels) {
      if (prop === 'textContent') e.textContent = say(this, k); else e.setAttribute(prop, say(this, k));
    }
    if (this._noticeKey?.failure) this._sayFailure(this._noticeKey.failure);
    else if (this._noticeKey) this._sayKey(this._noticeKey.key, this._noticeKey.vars, this._noticeKey.error);
  }

  // `for="id"`: follow an <lifecircle-assessment> on the page.
  _follow() {
    const id = this.getAttribute('for');
    if (!id || this._following) return;
    const onInput = (ev) => { if (ev.target.id === id) this._catchUp(); };
    document.addEventListener('lifecircle-input', onInput);
    this._following = onInput;
    this._catchUp();
  }

  _unfollow() {
    if (this._following) document.removeEventListener('lifecircle-input', this._following);
    this._following = null;
  }
}

/** <lifecircle-assessment>: the self-assessment form, autosaved to localStorage. */
class AssessmentElement extends LifecircleElement {
  static widget = 'assessment';

  constructor() {
    super();
    this._pristine = null; // see `_entered`
    const label = (e, k, prop) => this._label(e, k, prop);
    const cancel = () => { this._confirm.hidden = true; (this._askFrom ?? this._startBtn).focus(); };
    // Named by its question; Escape cancels, as in any dialog.
    this._confirm = h('div', { class: 'lc-root lcx-confirm', role: 'alertdialog', hidden: true, 'aria-labelledby': 'lcx-confirm-q',
      on: { keydown: (ev) => { if (ev.key === 'Escape') { ev.preventDefault(); cancel(); } } } });
    const yes = label(h('button', { type: 'button', class: 'lcx-danger', on: { click: () => { this._confirm.hidden = true; this._onYes(); } } }), 'yes');
    const no = label(h('button', { type: 'button', class: 'lc-quiet', on: { click: cancel } }), 'no');
    const q = label(h('span', { id: 'lcx-confirm-q' }), 'confirm');
    this._confirm.append(q, yes, no);
    // The question and the button say what will happen (`from`: where the keyboard goes back to
    // on cancel).
    this._ask = (question, answer, onYes, from) => {
      for (const [e, key] of [[q, question], [yes, answer]]) {
        for (const l of this._labels) if (l[0] === e) l[1] = key;
        e.textContent = say(this, key);
      }
      this._onYes = onYes;
      this._askFrom = from;
      this._confirm.hidden = false;
      no.focus();
    };
    // Emptied, or back to the starting data the page gave.
    const ask = () => {
      const reset = this._default !== undefined;
      this._ask(reset ? 'confirmReset' : 'confirm', reset ? 'yesReset' : 'yes', () => this._startOver());
    };
    this._startBtn = label(h('button', { type: 'button', class: 'lc-quiet lcx-start', on: { click: ask } }), 'startOver');
    const exportBtn = label(h('button', { type: 'button', class: 'lc-quiet lcx-export', on: { click: () => this._export() } }), 'exportJson');
    const fileText = label(h('span'), 'importJson');
    const file = h('input', { type: 'file', accept: '.json,application/json', class: 'lcx-import', on: { change: (ev) => this._import(ev.target) } });
    label(file, 'importJson', 'aria-label');
    const facText = label(h('span'), 'importFacilities');
    const facFile = h('input', { type: 'file', accept: '.csv,.geojson,.json,text/csv,application/geo+json', class: 'lcx-import-facilities', on: { change: (ev) => this._importFacilities(ev.target) } });
    label(facFile, 'importFacilities', 'aria-label');
    this._datum = h('select', { class: 'lcx-datum' },
      label(h('option', { value: 'wgs84' }), 'datumWgs84'),
      label(h('option', { value: 'gcj02' }), 'datumGcj02'),
      label(h('option', { value: 'bd09' }), 'datumBd09'));
    const datumText = label(h('span'), 'datum');
    this._olderBtn = label(h('button', { type: 'button', class: 'lc-quiet lcx-older', hidden: true, on: { click: () => this._loadOlder() } }), 'loadOlder');
    // Says whether edits are autosaved (set in `_relabel`: the page may turn autosave off).
    const hint = this._hint = h('span', { class: 'lcx-hint' });
    this._bar = h('div', { class: 'lc-root lcx-bar', role: 'toolbar' }, exportBtn, h('label', { class: 'lcx-file' }, fileText, file),
      h('label', { class: 'lcx-file' }, facText, facFile), h('label', {}, datumText, ' ', this._datum), this._startBtn, this._olderBtn, hint);
    this._bar.hidden = true; // until the form is mounted (see `_showChrome`)
    this.shadowRoot.insertBefore(this._confirm, this._slot);
    this.shadowRoot.insertBefore(this._bar, this._confirm);
    this.shadowRoot.addEventListener('lifecircle-input', (ev) => this._save(ev.detail));
    // Texts typed that the form did not take (一万 in a number box): kept beside the circle, so a
    // reload shows them again, still to fix (they were lost before).
    this.shadowRoot.addEventListener('lifecircle-typed', (ev) => this._saveTyped(ev.detail));
    // Another tab (or window) saving this circle: the two would overwrite each other's entries
    // unseen. (Held weakly: a form taken off the page is not kept by the window.)
    const form = new WeakRef(this);
    addEventListener('storage', function other(ev) {
      const el = form.deref();
      if (!el) { removeEventListener('storage', other); return; }
      if (el._handle && el.autosave && ev.key === el.storageKey && ev.storageArea === el._store()
        && ev.newValue != null && ev.newValue !== el._handle.toJson()) el._sayKey('otherTab', {}, true);
    });
  }

  _showChrome(on) {
    this._bar.hidden = !on;
    if (!on) this._confirm.hidden = true;
  }

  get autosave() { return this.getAttribute('autosave') !== 'off' && this._config.autosave !== false; }

  /** Where edits are saved: this tab only (`autosave="session"`, for computers several people use) or this browser. */
  get _inSession() { return this.autosave && (this.getAttribute('autosave') === 'session' || this._config.autosave === 'session'); }

  // The storage in use; null where the browser refuses it (storage disabled, a sandboxed frame).
  _store() {
    try { return this._inSession ? sessionStorage : localStorage; } catch { return null; }
  }

  /**
   * Removes what this form saved for its circle (under `storageKey`, in the storage in use) and
   * returns whether there was anything: for a portal that has stored the `lifecircle-submit`
   * detail, so the next person at a shared computer does not find this draft. The form keeps
   * what it shows; a further edit is saved again.
   */
  forgetSaved() {
    const key = this.storageKey;
    const store = this._store();
    if (!key || !store) return false;
    try {
      const had = store.getItem(key) != null || store.getItem(`${key}:typed`) != null;
      store.removeItem(key);
      store.removeItem(`${key}:typed`);
      return had;
    } catch { return false; }
  }

  // Whether this browser holds an autosaved entry for this circle, under any standard (the key
  // names the standard's version, which is not known while the standard or the wasm is missing).
  _hasSaved() {
    if (!this.autosave) return false;
    const store = this._store();
    try {
      for (let i = 0; i < (store?.length ?? 0); i++) {
        const k = store.key(i);
        if (k.startsWith('lifecircle:') && k.endsWith(`:${this.circleId}`)) return true;
      }
    } catch { /* storage refused: nothing to promise */ }
    return false;
  }

  /** The localStorage key: standard id + version + circle id; null until the standard has arrived. */
  get storageKey() {
    // Read the standard's id and version once per standard, not on every autosave.
    const source = this._packed;
    if (!source) return null; // the standard has not arrived yet (see `ready`)
    if (this._keyOf?.source !== source) {
      let std = this.standardId;
      let version = '?';
      try {
        const info = lc.standardInfo(source);
        std = info.id;
        version = info.version;
      } catch { /* an unreadable standard: the mount reports it */ }
      this._keyOf = { source, std: `${std}@${version}` };
    }
    return `lifecircle:${this._keyOf.std}:${this.circleId}`;
  }

  _relabel() {
    super._relabel();
    this._bar.setAttribute('aria-label', langOf(this) === 'en' ? 'Data' : '数据');
    this._hint.textContent = say(this, this._inSession ? 'autosaveSession' : this.autosave ? 'autosave' : 'autosaveOff');
  }

  // Followers that mounted before this form catch up with it.
  _mounted() {
    super._mounted();
    this._sendInput();
  }

  // Mounted again (a changed attribute or `config`, moved in the page): what was entered is kept.
  // Under another autosave key (another standard or version), what was saved under that key wins,
  // as on a page load; another `circle-id` is another circle (see `_carried`).
  _start() {
    this._olderBtn.hidden = true;
    this._typedNow = '[]';
    const carried = this._carried();
    const key = this.storageKey;
    // Carried over, it is as much the page's as it was before the remount.
    const given = carried === undefined || carried === this._pristine;
    const mountFrom = (text, pageGiven) => {
      const handle = this._mountWith(text);
      this._pristine = pageGiven ? handle.toJson() : null;
      return handle;
    };
    const store = this._store();
    const typedKey = `${key}:typed`;
    let typedBad = false; // (said already: an unreadable entry of them)
    // With the texts typed that the form did not take (`typed`, JSON), shown again in their
    // boxes; an unreadable entry of them is kept aside and said, as an unreadable circle is.
    const mountTyped = (text, pageGiven, typed) => {
      this._typedStart = typed ?? undefined;
      this._typedNow = typed ?? '[]';
      try {
        return mountFrom(text, pageGiven);
      } catch (e) {
        if (e.code !== 'typed') throw e;
        typedBad = true;
        this._typedStart = undefined;
        this._typedNow = '[]';
        const aside = keepAside(store, typedKey, typed);
        const handle = mountFrom(text, pageGiven);
        this._sayKey('corrupt', { key: aside, store: this._inSession ? 'sessionStorage' : 'localStorage' }, true);
        return handle;
      } finally {
        this._typedStart = undefined;
      }
    };
    if (carried !== undefined && (!this.autosave || this._kept.key === key)) return mountTyped(carried, given, this._kept.typed);
    const start = carried ?? this._default;
    if (!this.autosave) return mountFrom(start, given);
    let saved = null;
    let typed = null;
    try { saved = store?.getItem(key) ?? null; typed = store?.getItem(typedKey) ?? null; } catch { saved = null; }
    if (saved == null) {
      const handle = mountTyped(start, given, typed);
      if (typed != null && !typedBad) this._sayKey(this._inSession ? 'restoredSession' : 'restored');
      else this._offerOlder(store, key);
      return handle;
    }
    try {
      const handle = mountTyped(saved, false, typed);
      if (!typedBad) this._sayKey(this._inSession ? 'restoredSession' : 'restored');
      return handle;
    } catch (e) {
      if (e.code !== 'circle') throw e;
      // Never lose data: keep the unreadable entry under another key and say so.
      const aside = keepAside(store, key, saved);
      this._typedNow = '[]';
      const handle = mountFrom(start, given);
      this._sayKey('corrupt', { key: aside, store: this._inSession ? 'sessionStorage' : 'localStorage' }, true);
      return handle;
    }
  }

  // Entries for this circle saved under another version of its standard (one updated since): not
  // loaded on their own (the questions may differ), but offered, not hidden.
  _offerOlder(store, key) {
    const [std] = this._keyOf.std.split('@');
    const [prefix, suffix] = [`lifecircle:${std}@`, `:${this.circleId}`];
    const older = [];
    try {
      for (let i = 0; i < store.length; i++) {
        const k = store.key(i);
        const version = k && k !== key && k.startsWith(prefix) && k.endsWith(suffix) ? k.slice(prefix.length, k.length - suffix.length) : '';
        if (version && !version.includes(':')) older.push({ key: k, version });
      }
    } catch { return; }
    if (!older.length) return;
    this._older = older.sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true })).pop();
    this._olderBtn.hidden = false;
    this._sayKey('olderDraft', { version: this._older.version });
  }

  _loadOlder() {
    const o = this._older;
    if (!o || !this._handle) return;
    try {
      this._handle.loadJson(this._store().getItem(o.key));
      this._save(this._handle.toJson());
      this._olderBtn.hidden = true;
      this._sayKey('olderLoaded', { version: o.version });
    } catch (e) {
      this._sayKey('importFailed', failure(e), true);
    }
  }

  // What the user entered or what was restored: the form's JSON is no longer what the page gave
  // (`_pristine`: its JSON while it held only the page's data, or the empty form).
  _entered() { return this._handle.toJson() !== this._pristine; }

  _load(text) {
    super._load(text);
    this._pristine = this._handle.toJson();
  }

  _save(text) {
    if (!this.autosave) return;
    try { this._store().setItem(this.storageKey, text); } catch { this._sayKey('saveFailed', {}, true); }
  }

  // The texts not taken (`lifecircle-typed`), beside the circle's entry; none: no entry.
  _saveTyped(text) {
    this._typedNow = text;
    if (!this.autosave) return;
    const key = `${this.storageKey}:typed`;
    try {
      if (text === '[]') this._store().removeItem(key);
      else this._store().setItem(key, text);
    } catch { this._sayKey('saveFailed', {}, true); }
  }

  // Carried over a remount with the circle (as they are kept in the storage).
  _keep() {
    const typed = this._typedNow;
    super._keep();
    this._kept.typed = typed;
  }

  _options(circle) {
    return { ...super._options(circle), typed: this._typedStart };
  }

  _startOver() {
    this._confirm.hidden = true;
    if (!this._handle) return;
    this._handle.loadJson(this._default ?? emptyCircle());
    this._pristine = this._handle.toJson();
    this._save(this._handle.toJson());
    this._sayKey(this._default === undefined ? 'cleared' : 'reset');
    this._startBtn.focus();
  }

  _export() {
    if (!this._handle) return;
    // Named by the circle's own id when it has one (the file a community hands in), else the element's.
    const text = this._handle.toJson();
    const id = String(JSON.parse(text).id || '').replace(/[\\/:*?"<>|\s\x00-\x1f\x7f]+/g, '_').replace(/^[._]+|[._]+$/g, '').slice(0, 100) || this.circleId;
    download(this.shadowRoot, `${id}.json`, text);
    // Said (nothing else shows a download happened), and whether it still holds items to fix:
    // the form lists them (values refused, and texts typed and not taken, which the file lacks).
    const toFix = this.shadowRoot.querySelector('.lc-problems') != null;
    this._sayKey(toFix ? 'exportedToFix' : 'exported', { name: `${id}.json` }, toFix);
  }

  async _import(input) {
    const f = input.files && input.files[0];
    if (!f || !this._handle) return;
    const text = await textOf(f);
    input.value = '';
    const load = () => {
      try {
        this._handle.loadJson(text);
        this._save(this._handle.toJson());
        this._sayKey('imported', { name: f.name });
      } catch (e) {
        this._sayKey('importFailed', failure(e), true);
      }
    };
    // What was entered is replaced whole: asked first, as “start over” is.
    if (this._entered()) this._ask('confirmImport', 'yesImport', load, input); else load();
  }
}

/**
 * Moves an entry that cannot be read from `key` to `<key>:corrupt:<ISO time>` (never discarded)
 * and returns that key; a storage that refuses leaves it in place.
 */
function keepAside(store, key, text) {
  const aside = `${key}:corrupt:${new Date().toISOString()}`;
  try { store.setItem(aside, text); store.removeItem(key); } catch { /* kept in place */ }
  return aside;
}

/**
 * What a file that is not JSON is told in (`e`: `JSON.parse`'s error): in Chinese, where (line and
 * column, from the browser's "position N" or "line L column C") and the likely cause, as the CLI
 * says it; the browser's own English words after it.
 */
function jsonError(name, text, e) {
  const m = /line (\d+) column (\d+)/.exec(e.message);
  const p = /position (\d+)/.exec(e.message);
  let where = null;
  if (m) where = [Number(m[1]), Number(m[2])];
  else if (p) {
    const before = text.slice(0, Number(p[1])).split('\n');
    where = [before.length, before[before.length - 1].length + 1];
  }
  // (the text over where the parser stopped: it ran out, whatever the browser's words for it)
  const ended = /end of JSON input|Unterminated/.test(e.message) || (p !== null && Number(p[1]) >= text.trimEnd().length);
  const zh = `${name}：不是有效的 JSON 文本${where ? `（第 ${where[0]} 行第 ${where[1]} 列）` : ''}：${ended
    ? '文件在此处意外结束（可能文件不完整，缺少 } 或 ]）' : '可能选错了文件，或文件被改坏（少了逗号、引号或括号）'}`;
  return `${zh} / ${name}: not valid JSON: ${e.message}`;
}

/**
 * A file's text: UTF-8, else GB18030 (GBK). Excel on Chinese Windows saves "CSV" in GBK, which
 * read as UTF-8 would turn every Chinese name and header into replacement characters.
 */
async function textOf(file) {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

AssessmentElement.prototype._importFacilities = async function (input) {
  const f = input.files && input.files[0];
  if (!f || !this._handle) return;
  try {
    // (an Excel workbook read as a table, for the core to name it and say to save it as CSV)
    const format = /\.(csv|txt|xlsx?)$/i.test(f.name) ? 'csv' : 'geojson';
    const r = this._handle.importFacilities(await textOf(f), format, this._datum.value);
    this._save(this._handle.toJson());
    // The unmapped rows, with each language's punctuation (the notice is re-said on a language switch).
    const rows = (colon, sep) => (r.unmapped.length ? `${colon}${r.unmapped.slice(0, 10).join(sep)}${r.unmapped.length > 10 ? '…' : ''}` : '');
    this._sayKey('facilitiesImported', {
      name: f.name, added: r.added, facilities: r.added === 1 ? 'facility' : 'facilities',
      unmapped: r.unmapped.length, listZh: rows('：', '；'), listEn: rows(': ', '; '),
      unlocatedZh: r.unlocated ? `（其中 ${r.unlocated} 处没有坐标，已按无位置列入，请在清单中补上位置）` : '',
      unlocatedEn: r.unlocated ? ` (${r.unlocated} without coordinates, listed without a place: add it in the list)` : '',
    });
  } catch (e) {
    this._sayKey('importFailed', failure(e), true);
  }
  input.value = '';
};

/** Offers `text` as a file named `name` (a link clicked in the element's shadow root); JSON unless `type` says otherwise. */
function download(root, name, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Why an import failed, for a notice that follows a language switch: `{ zh, en }`, a circle's
 * problems (field and text; `problemsEn` in English) when there are, else the message (the
 * core's other messages are bilingual already).
 */
const failure = (e) => {
  const list = (xs, sep) => (Array.isArray(xs) && xs.length ? xs.join(sep) : null);
  const { zh, en } = halves(e.message);
  return { zh: list(e.problems, '；') ?? zh, en: list(e.problemsEn, '; ') ?? list(e.problems, '; ') ?? en };
};

/** A message of the core's in each language, `{ zh, en }`: it says both, `中文 / English`, a line each. */
const halves = (message) => {
  const lines = String(message).split('\n').map((l) => l.split(' / '));
  return { zh: lines.map((l) => l[0]).join('；'), en: lines.map((l) => l[1] ?? l[0]).join('; ') };
};

class ScorecardElement extends LifecircleElement { static widget = 'scorecard'; }
class GapReportElement extends LifecircleElement { static widget = 'gap-report'; }
class GuideMapElement extends LifecircleElement {
  static widget = 'guide-map';

  // The circle it was given, not its what-if facilities: they are a trial, not data (the handle's
  // `toJson` includes them, with the residential points' walks they shortened).
  _current() { return this._source ?? this._handle.toJson(); }
}
// A district board box's text as the core reads it: trimmed, full-width digits (a Chinese input
// method's) as digits.
const boxValue = (b) => b.value.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
// The id of the reason said under a district board box.
const whyId = (b) => `lcx-why-${b.dataset.report ?? 'communities'}`;
// A message's two halves with `{value}` filled in.
const filled = (key, value) => {
  const [zh, en] = TEXT[key].map((t) => t.replace('{value}', value));
  return { zh, en };
};

/**
 * <lifecircle-district>: a district's circles (`data`, an array) against its standard's targets;
 * the `communities` attribute. Its bar adds circles from JSON files (a circle, or a list of
 * circles, per file); a circle whose id is listed already is replaced by the file's.
 */
class DistrictElement extends LifecircleElement {
  static widget = 'district';

  constructor() {
    super();
    const text = this._label(h('span'), 'addCircles');
    const file = h('input', { type: 'file', multiple: true, accept: '.json,application/json', class: 'lcx-add-circles', on: { change: (ev) => this._addCircles(ev.target) } });
    this._label(file, 'addCircles', 'aria-label');
    const hint = this._label(h('span', { class: 'lcx-hint' }), 'districtHint');
    // The summary is byte for byte what `lifecircle district --format json` writes for the
    // exported circles (with the same date and communities): an evaluator can check it.
    const summary = this._label(h('button', { type: 'button', class: 'lc-quiet lcx-export-summary', on: { click: () => this._exportSummary('json') } }), 'exportSummary');
    // The same as a table, a row per target: what `lifecircle district --format csv --lang` writes.
    const table = this._label(h('button', { type: 'button', class: 'lc-quiet lcx-export-table', on: { click: () => this._exportSummary('csv') } }), 'exportTable');
    // A row per circle, and each unit's tasks (a row per unit, indicator and circle): `--table circles|tasks`.
    const circlesTable = this._label(h('button', { type: 'button', class: 'lc-quiet lcx-export-circles-table', on: { click: () => this._exportSummary('circles') } }), 'exportCirclesTable');
    const tasksTable = this._label(h('button', { type: 'button', class: 'lc-quiet lcx-export-tasks', on: { click: () => this._exportSummary('tasks') } }), 'exportTasks');
    const circles = this._label(h('button', { type: 'button', class: 'lc-quiet lcx-export-circles', on: { click: () => this._handle && download(this.shadowRoot, 'circles.json', this._handle.toJson()) } }), 'exportCircles');
    this._bar = h('div', { class: 'lc-root lcx-bar', role: 'toolbar' }, h('label', { class: 'lcx-file' }, text, file), summary, table, circlesTable, tasksTable, circles, hint);
    this._bar.hidden = true; // until mounted
    this.shadowRoot.insertBefore(this._bar, this._slot);
    // The widget's "remove" buttons carry `data-remove` (their circle's place in the list).
    this.shadowRoot.addEventListener('click', (ev) => {
      const b = ev.target instanceof Element ? ev.target.closest('[data-remove]') : null;
      if (b) this._remove(Number(b.dataset.remove));
    });
    // The board's boxes for the values the district reports carry `data-report` (their metric):
    // a change gives them all to the widget (`setReported`), as the CLI's `--reported`. The
    // board is then drawn anew: whatever had the keyboard (a change comes as it moves on, by
    // Tab) gets it back, found by its place among the board's controls.
    // Its box for the number of communities carries `data-communities`: given the same way
    // (`setCommunities`), as the CLI's `--communities`.
    this.shadowRoot.addEventListener('change', (ev) => {
      const box = ev.target instanceof Element ? ev.target.closest('[data-report],[data-communities]') : null;
      if (box?.hasAttribute('data-communities')) this._communities(box);
      else if (box) this._report(box);
    });
    this.shadowRoot.addEventListener('focusin', (ev) => {
      this._focusAt = this._controls().indexOf(ev.target);
      this._focusEl = ev.target;
    });
    // A press anywhere outside the widget is the user leaving it: the keyboard is not pulled back.
    document.addEventListener('pointerdown', (ev) => { if (!ev.composedPath().includes(this)) this._focusAt = -1; }, true);
  }

  // The board's controls, in document order.
  _controls() { return [...this._slot.querySelectorAll('a[href],button,input,select,textarea,summary,[tabindex]')]; }

  /** Gives the widget every reported value typed in its boxes (`box` the one changed), says so, and tells the page (`lifecircle-reported`, detail: the values as `metric=value; …`). */
  _report(box) {
    if (!this._handle) return;
    const boxes = [...this._slot.querySelectorAll('[data-report]')];
    for (const b of boxes) this._unmark(b);
    // Only a number goes into the text the core reads: `1,5` or `2; x=1` typed in a box must
    // not be read as more values.
    const odd = boxes.find((b) => boxValue(b) !== '' && !(/^(\d+\.?\d*|\.\d+)\s*[%％]?$/.test(boxValue(b)) && boxValue(b).replace(/\D/g, '').length <= 15));
    const given = boxes.filter((b) => boxValue(b) !== '');
    const text = given.map((b) => `${b.dataset.report}=${boxValue(b)}`).join('; ');
    // A percentage in a box that takes a count (创成省级试点: 100% read as 1) is a slip, said as one.
    const percent = !odd && boxes.find((b) => b.hasAttribute('data-count') && /[%％]$/.test(boxValue(b)));
    let refused = null;
    const before = this._before('[data-communities]');
    if (odd || percent) {
      const key = percent ? 'reportCountPercent' : /^[-−－]/.test(boxValue(odd)) ? 'reportNegative' : 'reportNotNumber';
      refused = filled(key, (odd || percent).value.trim());
    } else {
      try { this._handle.setReported(text); } catch (e) { refused = halves(e.message); }
    }
    // (under the box its metric's id, `professional_operators=`, says nothing more)
    if (refused) return this._refuse(odd || percent || box, 'reportRefused', refused, /^[A-Za-z_]+=/);
    this._typedReported = text;
    if (text) this._sayKey('reportTaken', { n: given.length }); else this._sayKey('reportCleared');
    this.dispatchEvent(new CustomEvent('lifecircle-reported', { detail: text, bubbles: true, composed: true }));
    this._redrawn(before);
  }

  /** Gives the widget the number of communities typed in its box (empty: not given), says so, and tells the page (`lifecircle-communities`, detail: the number, or null). */
  _communities(box) {
    if (!this._handle) return;
    this._unmark(box);
    const v = boxValue(box);
    const n = v === '' ? null : /^\d{1,7}$/.test(v) && Number(v) >= 1 && Number(v) <= 1e6 ? Number(v) : NaN;
    let refused = Number.isNaN(n) ? filled('communitiesBad', box.value.trim()) : null;
    const before = this._before('[data-report]');
    if (!refused) {
      try { this._handle.setCommunities(n); } catch (e) { refused = halves(e.message); }
    }
    if (refused) return this._refuse(box, 'communitiesRefused', refused, /^communities（全区社区数）|^communities \(the communities in the district\) /);
    this._typedCommunities = n;
    if (n === null) this._sayKey('communitiesCleared'); else this._sayKey('communitiesTaken', { n });
    this.dispatchEvent(new CustomEvent('lifecircle-communities', { detail: n, bubbles: true, composed: true }));
    this._redrawn(before);
  }

  // A box of the board as if nothing was refused in it: no mark, no reason under it.
  _unmark(b) {
    b.removeAttribute('aria-invalid');
    b.setAttribute('aria-describedby', b.getAttribute('aria-describedby').split(' ')[0]); // its hint only
    this._slot.querySelector(`#${whyId(b)}`)?.remove();
  }

  // Says why the value typed in box `bad` was not taken: at the top (an alert, `key`) and under
  // the box itself, which may be far down the page (without what `drop` matches, the name of
  // the value already said by the box's label).
  _refuse(bad, key, refused, drop) {
    bad.setAttribute('aria-invalid', 'true');
    this._sayKey(key, refused, true);
    const why = h('p', { class: 'lc-error lcx-report-why', id: whyId(bad) }, (langOf(this) === 'en' ? refused.en : refused.zh).replace(drop, ''));
    bad.closest('.lc-t-report')?.after(why);
    bad.setAttribute('aria-describedby', `${bad.getAttribute('aria-describedby').split(' ')[0]} ${why.id}`);
  }

  // Each of the board's boxes before a value is taken: its text, and in the boxes matching
  // `others` (not being taken) text that was not taken (refused), with the reason said under it,
  // to put back when the board is drawn anew: nothing typed is lost.
  _before(others) {
    return [...this._slot.querySelectorAll('[data-report],[data-communities]')].map((b) => {
      const kept = b.matches(others) && b.value !== (b.getAttribute('value') ?? '');
      return { id: whyId(b), value: b.value, kept, why: kept ? this._slot.querySelector(`#${whyId(b)}`) : null };
    });
  }

  // After the board is drawn anew for a value taken: each box shows the value taken (`２` as
  // 2) or the text kept with its reason (`before`, from `_before`); the keyboard goes back where
  // it was. A box typed into since the value was taken, the next one already, is left as it is.
  _redrawn(before) {
    setTimeout(() => {
      // The redraw sets each box's `value` attribute, which a box typed into no longer shows
      // (a `prop:value` in the view cost 1.9 KB gzip of wasm).
      for (const b of this._slot.querySelectorAll('[data-report],[data-communities]')) {
        const was = before.find((x) => x.id === whyId(b));
        if (b.value !== was?.value && b.value !== (b.getAttribute('value') ?? '')) continue;
        b.value = was?.kept ? was.value : (b.getAttribute('value') ?? '');
        if (was?.why) {
          b.setAttribute('aria-invalid', 'true');
          b.closest('.lc-t-report')?.after(was.why);
          b.setAttribute('aria-describedby', `${b.getAttribute('aria-describedby').split(' ')[0]} ${was.why.id}`);
        }
      }
      // Only when the redraw took it: the control the keyboard was on last (Tab moves on after
      // the change) is gone and nothing else has it, not when the user went elsewhere.
      const at = this._focusAt;
      const lost = this._focusEl && !this._focusEl.isConnected && !this.shadowRoot.activeElement
        && [null, document.body, this].includes(document.activeElement);
      if (at >= 0 && lost) this._controls()[at]?.focus();
    });
  }

  /** Removes the circle at `i` (a file added by mistake, a copy), says so, and tells the page (`lifecircle-input`). */
  _remove(i) {
    if (!this._handle || !(i >= 0)) return;
    // In the widget's own list: three thousand circles through JSON and back took 1.6 s.
    const name = this._handle.removeAt(i);
    if (name === undefined) return;
    this._sayKey('circleRemoved', { name });
    // One step back (a click on the wrong row: "移除" is under every card on a phone).
    const undo = h('button', { type: 'button', class: 'lcx-reload', on: { click: () => {
      const back = this._handle?.undoRemove();
      if (back === undefined) return;
      this._sayKey('circleRestored', { name: back });
      this._bar.querySelector('button').focus();
      this._sendInput();
    } } }, say(this, 'undoRemove'));
    this._notice.append(undo);
    undo.focus(); // the pressed button is gone: the keyboard stays in the widget, on the way back
    this._sendInput();
  }

  _showChrome(on) { this._bar.hidden = !on; }

  _relabel() {
    super._relabel();
    this._bar.setAttribute('aria-label', langOf(this) === 'en' ? 'Data' : '数据');
  }

  /** Downloads the summary as `district-<date>.json`, or as a table: `district-<date>.csv` (`kind` `csv`, the targets), `district-circles-<date>.csv` (`circles`), `district-tasks-<date>.csv` (`tasks`). */
  _exportSummary(kind) {
    if (!this._handle) return;
    let json;
    let text;
    const table = { csv: 'targets', circles: 'circles', tasks: 'tasks' }[kind];
    try {
      json = this._handle.summaryJson();
      text = table ? this._handle.summaryCsv(table) : json;
    } catch (e) {
      // Only circles with problems mean "nothing to export yet"; anything else is a fault to see.
      if (e && (e.code === 'circle' || e.code === 'empty')) {
        let none = false;
        try { none = JSON.parse(this._handle.toJson()).length === 0; } catch { /* said as below */ }
        this._sayKey(none ? 'noCircles' : 'noSummary', {}, true);
        return;
      }
      throw e;
    }
    const asOf = (JSON.parse(json).as_of || 'summary');
    if (table) download(this.shadowRoot, `district-${table === 'targets' ? '' : `${table}-`}${asOf}.csv`, text, 'text/csv;charset=utf-8');
    else download(this.shadowRoot, `district-${asOf}.json`, text);
  }

  // Adds the circles of the files chosen. Each circle is checked first, as the summary would
  // score it: one that would not be summarised (a circle of another standard, a value out of
  // range), a file that is not JSON, a score result or an id given twice among the files is not
  // added and is said with its file and why; the others are added (a district's eleven files
  // with one bad among them were all refused, or the one broke the whole board).
  async _addCircles(input) {
    const files = [...(input.files || [])];
    if (!files.length || !this._handle) return;
    const list = JSON.parse(this._handle.toJson());
    let added = 0;
    const replacedNames = []; // which circles a file replaced: said, not done silently
    const refused = []; // { zh, en } for each file or circle not added
    const no = (zh, en) => refused.push({ zh, en });
    const read = []; // { file, place (in a file holding a list, else null), c }
    for (const f of files) {
      let text;
      try { text = await textOf(f); } catch (e) { no(`${f.name}：无法读取：${e.message}`, `${f.name}: cannot be read: ${e.message}`); continue; }
      let v;
      try { v = JSON.parse(text); } catch (e) { no(...jsonError(f.name, text, e).split(' / ')); continue; }
      for (const [k, c] of (Array.isArray(v) ? v : [v]).entries()) read.push({ file: f.name, place: Array.isArray(v) ? k : null, c });
    }
    // A file replaces a circle already listed under its id (a newer version of it); the same id
    // twice among the files chosen now cannot say which one is meant: neither is added.
    const idOf = (c) => (c && typeof c === 'object' && typeof c.id === 'string' && c.id !== '' ? c.id : null);
    for (const r of read) {
      const where = r.place !== null ? `${r.file}：circles[${r.place}]` : r.file;
      const whereEn = r.place !== null ? `${r.file}: circles[${r.place}]` : r.file;
      const c = r.c;
      // A score result (`lifecircle score`'s output, an assessment) is not a circle's data.
      if (c && typeof c === 'object' && 'engine' in c && c.circle && typeof c.circle === 'object') {
        no(`${where}：这是评分结果，不是生活圈数据：请选择生活圈数据文件（评估表单“导出”保存的 JSON，或评分时输入的文件）`, `${whereEn}: this is a score result, not a circle's data: choose the circle's data file (the form's export, or the file that was scored)`);
        continue;
      }
      const id = idOf(c);
      const other = read.find((x) => x !== r && id !== null && idOf(x.c) === id);
      if (other) {
        no(`${where}：生活圈编号“${id}”在所选文件中出现两次（另见 ${other.file}），无法确定以哪个为准，请只保留一个`, `${whereEn}: circle id "${id}" is given twice in the files chosen (also in ${other.file}): keep one`);
        continue;
      }
      try {
        this._handle.checkCircle(JSON.stringify(c));
      } catch (e) {
        // (not the circle's problems: the widget's own, said as they are, the circle not added)
        if (e?.code !== 'circle') { const h2 = halves(e?.message ?? e); no(`${where}：${h2.zh}`, `${whereEn}: ${h2.en}`); continue; }
        // Its own fields (the line and column are of the text this element wrote, not the file's: left out).
        const at = (p) => p.replace(/^(?:第 \d+ 行第 \d+ 列 |line \d+, column \d+: )/, '');
        // (a field path goes on from `circles[i]`: `circles[1].population: …`; a problem of the whole circle follows a colon)
        const sep = (p, colon) => (r.place !== null && /^[A-Za-z_][\w.[\]-]*: /.test(p) ? `.${p}` : `${colon}${p}`);
        const zh = (e.problems || []).map(at);
        const en = (e.problemsEn || e.problems || []).map(at);
        no(zh.map((p) => `${where}${sep(p, '：')}`).join('；'), en.map((p) => `${whereEn}${sep(p, ': ')}`).join('; '));
        continue;
      }
      // A circle without an id is never taken for another (the check names that problem).
      const i = id !== null ? list.findIndex((x) => x.id === id) : -1;
      if (i >= 0) {
        const was = list[i] && typeof list[i].name === 'string' ? list[i].name : '';
        replacedNames.push({ was, id, file: r.file });
        list[i] = c;
      } else { list.push(c); added += 1; }
    }
    try {
      const changed = added > 0 || replacedNames.length > 0;
      if (changed) this._handle.loadJson(JSON.stringify(list));
      if (!changed && refused.length) {
        this._sayKey('importFailed', { zh: refused.map((x) => x.zh).join('；'), en: refused.map((x) => x.en).join('; ') }, true);
      } else {
        const replacedZh = replacedNames.length ? `：${replacedNames.map((r) => `${r.was} [${r.id}]（${r.file}）`).join('、')}` : '';
        const replacedEn = replacedNames.length ? `: ${replacedNames.map((r) => `${r.was} [${r.id}] (${r.file})`).join('; ')}` : '';
        const vars = { added, replaced: replacedNames.length, circles: added === 1 ? 'circle' : 'circles', replacedZh, replacedEn };
        if (refused.length) {
          this._sayKey('circlesPartly', { ...vars, refused: refused.length, zh: refused.map((x) => x.zh).join('；'), en: refused.map((x) => x.en).join('; ') }, true);
        } else {
          this._sayKey('circlesAdded', vars);
        }
        if (changed) this._sendInput();
      }
    } catch (e) {
      this._sayKey('importFailed', failure(e), true);
    }
    input.value = '';
  }
}

for (const cls of [AssessmentElement, ScorecardElement, GapReportElement, GuideMapElement, DistrictElement]) {
  const name = `lifecircle-${cls.widget}`; // one of TAGS
  if (!customElements.get(name)) customElements.define(name, cls);
}
