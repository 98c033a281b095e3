// Embed test page: the widgets module plus the sample circle, nothing else.
import { standardInfo } from '/widgets/lifecircle-widgets.js';

const r = await fetch('/data/longwan-sample.json');
const sample = await r.json();
const form = document.getElementById('lc-form');
form.data = sample.circle;
document.getElementById('lc-card').data = sample.circle;
document.body.dataset.ready = standardInfo('longwan-2024').id === 'longwan-2024' ? '1' : 'error';
