// A bundle added after the elements have mounted (a route's dynamic `import()`): the element
// whose widget the first bundle lacks says so, then mounts when the bundle that has it loads.
const district = document.getElementById('late-district');
district.data = (await (await fetch('/data/district.json')).json()).circles;
await customElements.whenDefined('lifecircle-district');
// `?race`: the district bundle is imported while the element's first mount is still fetching
// its standard (the test delays it), so that bundle has loaded before the mount finds its
// widget missing.
const race = new URLSearchParams(location.search).has('race');
let before = 'not looked at';
if (race) {
  await new Promise((r) => setTimeout(r, 300));
} else {
  await district.ready;
  before = district.handle ? 'mounted' : district.shadowRoot.querySelector('.lcx-notice').textContent;
}
await import('/widgets/district/lifecircle-widgets.js');
// Mounted, or (the district bundle's own wasm failed to load: e2e/embed.test.mjs) showing why.
const deadline = Date.now() + 30_000;
while (!district.handle && district.error?.code !== 'wasm' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
document.body.dataset.before = before;
document.body.dataset.ready = district.handle ? '1' : 'error';
