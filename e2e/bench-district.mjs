// Benchmark: the demo portal's district page (全区进度) with many circles: the sample's circles
// copied under new ids. Not a test: run it by hand against a served demo and record the numbers
// with the command.
//   cargo xtask demo --port 8099 &   # then:
//   node e2e/bench-district.mjs http://127.0.0.1:8099/ 3000
// Prints the time until the board shows N circles, then of a circle removed (its remove
// button), a file of one circle added, the date changed (every circle scored again) and a
// value typed into the board and the number of communities (none scored again), each until the
// board is drawn.
import { chromium } from 'playwright-core';
import { ARGS, open } from './helpers.mjs';

const base = (process.argv[2] || 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const n = Number(process.argv[3] || 3000);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  const { page } = await open(browser, base + 'district.html');
  await page.evaluate(() => localStorage.clear());
  const out = await page.evaluate(async (n) => {
    const el = document.getElementById('lc-district');
    const sample = await (await fetch('./data/district.json')).json();
    const list = Array.from({ length: n }, (_, i) => ({ ...sample.circles[i % sample.circles.length], id: `bench-${i}`, name: `圈 ${i}` }));
    const rows = () => el.shadowRoot.querySelectorAll('tbody tr').length;
    const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const until = async (f) => { while (!f()) await new Promise((r) => setTimeout(r, 2)); await painted(); };
    const timed = async (act, done) => { const t = performance.now(); await act(); await until(done); return Math.round(performance.now() - t); };
    const r = {};
    r.load = await timed(() => { el.data = list; }, () => rows() === n);
    r.remove = await timed(() => el.shadowRoot.querySelector('[data-remove="0"]').click(), () => rows() === n - 1);
    const file = new File([JSON.stringify({ ...sample.circles[0], id: 'bench-added', name: '新圈' })], 'one.json', { type: 'application/json' });
    const input = el.shadowRoot.querySelector('.lcx-add-circles');
    const dt = new DataTransfer();
    dt.items.add(file);
    r.add = await timed(() => { input.files = dt.files; input.dispatchEvent(new Event('change')); }, () => rows() === n);
    const stamp = () => el.shadowRoot.querySelector('.lc-stamp')?.textContent || '';
    r.date = await timed(() => el.setAttribute('as-of', '2026-06-30'), () => stamp().includes('2026-06-30'));
    const box = el.shadowRoot.querySelector('[data-report="provincial_pilot"]');
    r.typed = await timed(() => { box.value = '1'; box.dispatchEvent(new Event('change', { bubbles: true })); },
      () => /区里填报：1/.test(el.shadowRoot.querySelector('.lc-targets').textContent));
    const communities = el.shadowRoot.querySelector('[data-communities]');
    r.communities = await timed(() => { communities.value = '4321'; communities.dispatchEvent(new Event('change', { bubbles: true })); },
      () => stamp().includes('4321'));
    return r;
  }, n);
  console.log(`${n} circles, ms until drawn: ${JSON.stringify(out)}`);
} finally {
  await browser.close();
}
