// The portal's own packed standard (here a built-in's bytes, served as the portal's file), set
// in the form's `config` as docs/embedding.md shows.
const form = document.getElementById('fp-form');
form.config = { ...form.config, standardPacked: await (await fetch('/widgets/standards/zhejiang-2023.bin')).arrayBuffer() };
form.data = { id: 'follower-packed', name: '跟随测试' };
const els = [...document.querySelectorAll('main > *')];
await customElements.whenDefined('lifecircle-scorecard');
await Promise.all(els.map((el) => el.ready));
document.body.dataset.ready = els.every((el) => el.handle) ? '1' : 'error';
