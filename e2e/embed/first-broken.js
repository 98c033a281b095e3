// The bundle that defines the elements could not load its wasm (first-broken.html,
// first-broken-late.html): the elements whose widget another, working bundle on the page has
// mount with it; the others show that failure.
const district = document.getElementById('fb-district');
const form = document.getElementById('fb-form');
const card = document.getElementById('fb-card');
const circles = (await (await fetch('/data/district.json')).json()).circles;
district.data = circles;
form.data = circles[0];
await Promise.all(['lifecircle-district', 'lifecircle-assessment', 'lifecircle-scorecard'].map((t) => customElements.whenDefined(t)));
if (location.pathname.endsWith('first-broken-late.html')) {
  // Only the failing bundle on the page so far: what the form says then, before the four
  // widgets' bundle is added (a route's dynamic `import()`).
  await form.ready;
  document.body.dataset.before = form.handle ? 'mounted' : `${form.error?.code}: ${form.shadowRoot.querySelector('.lcx-notice').textContent}`;
  await import('/widgets/lifecircle-widgets.js');
}
// Settled: the form and the card mounted (or, still failing, given up on after a while), the
// district dashboard showing why it cannot.
const deadline = Date.now() + 20_000;
const settled = () => form.handle && card.handle && district.error;
while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
document.body.dataset.ready = settled() ? '1' : 'error';
