// A page script that does not import the widgets module, as docs/embedding.md's district
// example: it may run before the module has defined the elements (the wasm still loading),
// so what it sets lands on plain elements and must be taken over when they are defined.
const sample = await (await fetch('/data/longwan-sample.json')).json();
const card = document.getElementById('late-card');
card.data = sample.circle;
const en = document.getElementById('late-en');
en.config = { lang: 'en' };
en.data = sample.circle;
window.__definedBefore = !!customElements.get('lifecircle-scorecard');
await customElements.whenDefined('lifecircle-scorecard');
await Promise.all([card.ready, en.ready]);
document.body.dataset.ready = card.handle && en.handle ? '1' : 'error';
