// An app's entry module that imports the widgets module statically, as docs/embedding.md's Vue and
// React examples do: it must run (draw the app) at once, not after the widgets' wasm has arrived.
import { whenReady, widgetCss } from '/widgets/lifecircle-widgets.js';

window.__drawn = performance.now();
document.getElementById('app').textContent = '门户应用已显示 / the portal app is drawn';
// The elements are defined already and say that they are loading.
const form = document.getElementById('si-form');
window.__atImport = {
  defined: !!customElements.get('lifecircle-assessment'),
  handle: form.handle,
  notice: form.shadowRoot.querySelector('.lcx-notice').textContent,
  role: form.shadowRoot.querySelector('.lcx-notice').getAttribute('role'),
  css: (() => { try { widgetCss('scorecard'); return 'returned'; } catch (e) { return e.code; } })(),
};
await whenReady();
await Promise.all([form.ready, document.getElementById('si-card').ready]);
window.__css = widgetCss('scorecard').length;
document.body.dataset.ready = form.handle && document.getElementById('si-card').handle ? '1' : 'error';
