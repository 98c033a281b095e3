// A page on a bundle built with `--widgets scorecard` (served at /widgets-scorecard/ by
// `cargo xtask portal-e2e`): the score card works, the form says it is not in this bundle.
import { version } from '/widgets-scorecard/lifecircle-widgets.js';

const r = await fetch('/data/longwan-sample.json');
const sample = await r.json();
const card = document.getElementById('lc-card');
card.addEventListener('lifecircle-change', (e) => { window.__card = e.detail; });
card.data = sample.circle;
window.__circle = JSON.stringify(sample.circle);
const form = document.getElementById('lc-form');
form.data = sample.circle;
await Promise.all([card.ready, form.ready]);
const ok = version() && card.handle;
if (!ok) document.getElementById('status').textContent = card.shadowRoot.textContent;
document.body.dataset.ready = ok ? '1' : 'error';
