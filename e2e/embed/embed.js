// Embed test page: the widgets module plus the sample circle, nothing else.
import { standardInfo } from '/widgets/lifecircle-widgets.js';

const r = await fetch('/data/longwan-sample.json');
const sample = await r.json();
const form = document.getElementById('lc-form');
form.data = sample.circle;
document.getElementById('lc-card').data = sample.circle;
// The built-in standard is fetched from /widgets/standards/ (allowed by `default-src 'self'`).
const info = await standardInfo('longwan-2024');
await form.ready;
document.body.dataset.ready = info.id === 'longwan-2024' && form.handle ? '1' : 'error';
