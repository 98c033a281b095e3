// Both bundles on one page: whichever loads first defines the elements, and each element
// mounts with a bundle that has its widget.
const district = document.getElementById('both-district');
const form = document.getElementById('both-form');
const circles = (await (await fetch('/data/district.json')).json()).circles;
district.data = circles;
form.data = circles[0];
await Promise.all(['lifecircle-district', 'lifecircle-assessment', 'lifecircle-scorecard'].map((t) => customElements.whenDefined(t)));
const els = [...document.querySelectorAll('main > *')];
await Promise.all(els.map((el) => el.ready));
document.body.dataset.ready = els.every((el) => el.handle) ? '1' : 'error';
