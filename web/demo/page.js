// 演示门户两页共用 / shared by the demo portal's two pages (index.html, district.html).

/**
 * Puts the page's own texts into `en` or Chinese: the `data-zh`/`data-en` texts and labels, the
 * title, the language button, the sample's note and the version line.
 */
export function relabelPage(en, title, note, version) {
  document.documentElement.lang = en ? 'en' : 'zh-CN';
  document.title = en ? title.en : title.zh;
  for (const e of document.querySelectorAll('[data-zh]')) e.textContent = en ? e.dataset.en : e.dataset.zh;
  for (const e of document.querySelectorAll('[data-zh-label]')) e.setAttribute('aria-label', en ? e.dataset.enLabel : e.dataset.zhLabel);
  const lang = document.getElementById('lang');
  lang.textContent = en ? '中文' : 'English';
  lang.setAttribute('lang', en ? 'zh-CN' : 'en');
  lang.setAttribute('aria-label', en ? '切换到中文' : 'Switch to English');
  if (note) document.getElementById('note').textContent = note[en ? 'en' : 'zh'];
  document.getElementById('version').textContent = `lifecircle ${version}`;
  if (said) document.getElementById('status').textContent = en ? said[1] : said[0];
}

let said = null;

/**
 * Shows the page's status line in both languages' text (`zh` empty: hides it); a language switch
 * says it again. An `error` is drawn as one (red), not as the green of a success.
 */
export function status(en, zh, enText, error = false) {
  said = zh ? [zh, enText] : null;
  const s = document.getElementById('status');
  s.hidden = !zh;
  s.classList.toggle('error', !!zh && error);
  s.textContent = said ? (en ? enText : zh) : '';
}

// What the worker chose on the portal's pages (which circle, which tab, large text), kept in
// this browser so that a reload reopens it. Beside the widgets' own autosave (`lifecircle:…`
// keys); every key of the portal starts with `lifecircle-demo:`.
const KEPT = 'lifecircle-demo:';

/**
 * What was remembered under `name` (parsed JSON), or null: nothing kept, an unreadable value,
 * or storage blocked (reading `localStorage` throws then). The caller checks the value's shape.
 */
export function recall(name) {
  try {
    return JSON.parse(localStorage.getItem(KEPT + name));
  } catch {
    return null;
  }
}

/** Remembers `value` (as JSON) under `name`; storage blocked or full: not remembered, and no error. */
export function remember(name, value) {
  try {
    localStorage.setItem(KEPT + name, JSON.stringify(value));
  } catch { /* storage off or full: the next load shows the default */ }
}
