// End-to-end checks of the npm package, run by `cargo xtask e2e` and `cargo xtask test` (which
// serve dist/npm/ and page/ and pass the native CLI's JSON): in real Chromium via
// playwright-core, and in Node.js as a developer installs and calls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const base = process.env.LIFECIRCLE_E2E_BASE;

test('the npm package scores the sample circle in Chromium exactly like the native CLI', { skip: !base && 'run it through `cargo xtask test`' }, async () => {
  const native = readFileSync(process.env.LIFECIRCLE_E2E_NATIVE_JSON, 'utf8').trimEnd();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/');
    await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
    assert.equal(await page.getAttribute('body', 'data-ready'), '1', await page.textContent('#error'));

    const total = Number(await page.textContent('#total'));
    assert.equal(total, JSON.parse(native).total, 'total shown in the page = native CLI total');
    assert.equal(await page.textContent('#json'), native, 'scoreJson in Chromium = native CLI JSON, byte for byte');
    assert.equal(await page.textContent('#error-code'), 'unknown_standard');
    assert.equal(await page.textContent('#text-code'), 'bad_argument', 'the scoring module refuses a standard text clearly');
    const full = await page.textContent('#full');
    for (const want of ['mine.toml:ok', 'mine.json:ok', 'mine.yaml:ok', 'loaded:mofcom-2021>zhejiang-2023>longwan-2024>mine', `packed-total:${JSON.parse(native).total}`]) {
      assert.ok(full.includes(want), `${want} in: ${full}`);
    }
    const bad = /bad\.json:unknown_parent@(\S+) expected@(\S+)/.exec(full);
    assert.ok(bad, full);
    assert.equal(bad[1], bad[2], 'the JSON problem names its own line');
    assert.ok((await page.textContent('#gaps')).length > 0);

    await page.screenshot({ path: process.env.LIFECIRCLE_E2E_SCREENSHOT });
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await browser.close();
  }
});

// ---------- the package as a Node.js developer installs and calls it ----------
// No server or browser: `dist/npm/` as `npm pack` would ship it (the files package.json lists),
// installed into a scratch project's node_modules, then imported by its name.

const dist = fileURLToPath(new URL('../dist/npm/', import.meta.url));
const noDist = !existsSync(join(dist, 'package.json')) && 'run `cargo xtask dist` first';

/** A scratch project with the package installed from its `files`; removed after the tests. */
function install() {
  const project = mkdtempSync(join(tmpdir(), 'lifecircle-npm-'));
  const pkg = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));
  const into = join(project, 'node_modules', 'lifecircle');
  mkdirSync(into, { recursive: true });
  for (const f of [...pkg.files, 'package.json']) cpSync(join(dist, f), join(into, f));
  writeFileSync(join(project, 'package.json'), '{ "type": "module", "private": true }\n');
  return project;
}

/** Runs `code` as an ES module in `project`; returns its stdout, failing with its stderr. */
function node(project, code) {
  const file = join(project, `run-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
  assert.equal(r.status, 0, `node exited with ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

test('package.json: `types` first in every conditional export, every export and `main` shipped', { skip: noDist }, () => {
  const pkg = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));
  for (const [key, target] of Object.entries(pkg.exports)) {
    const targets = typeof target === 'string' ? [target] : Object.values(target);
    if (typeof target === 'object') {
      // TypeScript and bundlers take the first condition that matches: `default` before
      // `types` hides the types.
      assert.equal(Object.keys(target)[0], 'types', `exports["${key}"]: ${JSON.stringify(target)}`);
      assert.equal(Object.keys(target).at(-1), 'default', `exports["${key}"]: ${JSON.stringify(target)}`);
    }
    // npm always ships package.json.
    for (const t of targets) assert.ok([...pkg.files, 'package.json'].includes(t.replace(/^\.\//, '')), `${t} of exports["${key}"] is not in files`);
  }
  for (const f of [pkg.main, pkg.module, pkg.types]) assert.ok(pkg.files.includes(f), f);
});

test('in Node, the README\'s first example runs as written (`await init()` finds the .wasm)', { skip: noDist }, () => {
  const project = install();
  try {
    const readme = readFileSync(join(dist, 'README.md'), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)[1];
    // The README imports by the package's name.
    assert.match(example, /from 'lifecircle'/);
    const out = node(project, `${example}\nconsole.log(JSON.stringify({ total: a.total }));\n`);
    const { total } = JSON.parse(out.trim().split('\n').at(-1));
    const native = process.env.LIFECIRCLE_E2E_NATIVE_JSON;
    if (native) assert.equal(total, JSON.parse(readFileSync(native, 'utf8')).total, 'Node total = native CLI total');
    assert.equal(typeof total, 'number');
    // The full module too, and both give the CLI's bytes.
    const json = node(project, `
      import init, { scoreJson, exampleCircle } from 'lifecircle';
      import initFull, * as full from 'lifecircle/full';
      await init();
      await init(); // a second call is harmless
      await initFull();
      const c = exampleCircle('longwan-2024');
      const a = scoreJson('longwan-2024', c, '2025-06-30');
      if (a !== full.scoreJson('longwan-2024', JSON.stringify(c), '2025-06-30')) throw new Error('modules differ');
      process.stdout.write(a);`);
    if (native) assert.equal(json, readFileSync(native, 'utf8').trimEnd(), 'scoreJson in Node = native CLI JSON, byte for byte');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

/** The error `f` throws (failing when it returns). */
function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail(`returned instead of throwing: ${f}`);
}

/** A `bad_argument` Error naming `argument`, its message zh-CN first, then English. */
function badArgument(e, argument, label) {
  assert.ok(e instanceof Error, `${label}: not an Error: ${e}`);
  assert.equal(e.code, 'bad_argument', `${label}: ${e.constructor.name}: ${e.message}`);
  assert.equal(e.argument, argument, `${label}: ${e.message}`);
  assert.ok(e.message.startsWith(`${argument}: `), `${label}: ${e.message}`);
  bilingual(e.message, label);
}

/** zh-CN first: Chinese before the `/ ` that starts the English. */
function bilingual(message, label) {
  const cut = message.indexOf('/ ');
  assert.ok(cut > 0 && /[\u4e00-\u9fff]/.test(message.slice(0, cut)), `${label}: not zh-CN first: ${message}`);
}

const TINY_OSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="27.9700" lon="120.7500"/><node id="2" lat="27.9700" lon="120.7550"/>
  <node id="3" lat="27.9750" lon="120.7550"/><node id="4" lat="27.9750" lon="120.7500"/>
  <node id="10" lat="27.9701" lon="120.7551"><tag k="shop" v="supermarket"/><tag k="name" v="小超市"/></node>
  <node id="11" lat="27.9751" lon="120.7501"><tag k="amenity" v="pharmacy"/><tag k="name" v="药店"/></node>
  <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="highway" v="residential"/></way>
</osm>
`;

test('arguments of the wrong type are `bad_argument` errors naming the argument, never a crash', { skip: noDist }, async () => {
  const small = await import(join(dist, 'lifecircle.js'));
  const full = await import(join(dist, 'lifecircle_full.js'));
  small.initSync({ module: readFileSync(join(dist, 'lifecircle_bg.wasm')) });
  full.initSync({ module: readFileSync(join(dist, 'lifecircle_full_bg.wasm')) });
  const c = small.exampleCircle('longwan-2024');
  const want = small.scoreJson('longwan-2024', c, '2025-06-30');
  const S = 'longwan-2024';
  const osm = new TextEncoder().encode(TINY_OSM);
  const net = full.WalkNetwork.fromBytes(osm, 'osm');
  const pois = full.importFacilities(osm, 'osm', S).facilities;
  const homes = [{ id: 'h1', point: [120.752, 27.9702], population: 100 }];
  const cases = [
    // a Date or a number for a string crashed the glue (`RuntimeError: memory access out of bounds`),
    // `undefined` threw a TypeError without a code
    ['asOf', 'score, Date', () => small.score(S, c, new Date())],
    ['asOf', 'score, number', () => small.score(S, c, 20250630)],
    ['asOf', 'scoreJson, undefined', () => small.scoreJson(S, c)],
    ['asOf', 'report, null', () => small.report(S, c, null)],
    ['asOf', 'score, no such day', () => small.score(S, c, '2025-02-30')],
    ['lang', 'report, number', () => small.report(S, c, '2025-06-30', 1)],
    ['lang', 'report, fr', () => small.report(S, c, '2025-06-30', 'fr')],
    ['format', 'report, object', () => small.report(S, c, '2025-06-30', 'en', {})],
    ['which', 'schema, undefined', () => small.schema()],
    ['which', 'schema, number', () => small.schema(1)],
    ['standardId', 'exampleCircle, undefined', () => small.exampleCircle()],
    ['circle', 'score, number', () => small.score(S, 5, '2025-06-30')],
    ['text', 'loadStandard, number', () => full.loadStandard(5)],
    ['text', 'validateStandard, undefined', () => full.validateStandard()],
    ['name', 'packStandard, number name', () => full.packStandard('[standard]\n', 5)],
    // one circle not in an array was read as a district of none; -1 communities as 4294967295
    ['circles', 'district, one circle', () => full.district(S, c, '2025-06-30')],
    ['circles', 'districtJson, undefined', () => full.districtJson(S, undefined, '2025-06-30')],
    ['communities', 'district, -1', () => full.district(S, [c], '2025-06-30', -1)],
    ['communities', 'district, 1.5', () => full.district(S, [c], '2025-06-30', 1.5)],
    ['communities', 'districtReport, NaN', () => full.districtReport(S, [c], '2025-06-30', NaN)],
    ['asOf', 'district, Date', () => full.district(S, [c], new Date())],
    // a string for bytes was read as no bytes ("no osm data found")
    ['bytes', 'fromBytes, string', () => full.WalkNetwork.fromBytes(TINY_OSM, 'osm')],
    ['bytes', 'importOrigins, object', () => full.importOrigins({}, 'csv')],
    ['format', 'fromBytes, no format', () => full.WalkNetwork.fromBytes(osm)],
    ['crs', 'importFacilities, number crs', () => full.importFacilities(osm, 'osm', S, 4326)],
    ['minutes', 'reachedStreets, one number', () => net.reachedStreets(S, [120.752, 27.9702], 5)],
    ['profile', 'isochrone, number profile', () => net.isochrone(S, [120.752, 27.9702], 5, 25, 7)],
    ['k', 'suggestSites, k -1', () => net.suggestSites(S, pois, homes, 10, 'pharmacy', -1, null)],
    ['category', 'suggestSites, no category', () => net.suggestSites(S, pois, homes, 10, undefined, 2, null)],
    ['removeId', 'whatIf, number id', () => net.whatIf(S, pois, homes, 10, null, 5)],
    ['to', 'convertCoords, no datum', () => full.convertCoords([[120.75, 27.97]], 'wgs84')],
    ['from', 'distance, not a point', () => net.distance('x', [120.755, 27.975])],
  ];
  const wrong = [];
  for (const [argument, label, f] of cases) {
    try {
      badArgument(thrown(f), argument, label);
    } catch (e) {
      wrong.push(e.message.split('\n')[0]);
    }
  }
  assert.deepEqual(wrong, []);
  // The instances still work, with the same bytes.
  assert.equal(small.scoreJson(S, c, '2025-06-30'), want);
  assert.equal(full.scoreJson(S, c, '2025-06-30'), want);
  net.free();
});

test('bytes as fetch() and File give them, and packed standards, work in the walking-reach exports', { skip: noDist }, async () => {
  const full = await import(join(dist, 'lifecircle_full.js'));
  full.initSync({ module: readFileSync(join(dist, 'lifecircle_full_bg.wasm')) });
  const S = 'longwan-2024';
  const osm = new TextEncoder().encode(TINY_OSM);
  const buffer = osm.buffer.slice(osm.byteOffset, osm.byteOffset + osm.byteLength);
  const a = full.WalkNetwork.fromBytes(osm, 'osm');
  const b = full.WalkNetwork.fromBytes(buffer, 'osm'); // an ArrayBuffer: was read as empty
  assert.deepEqual(b.stats(), a.stats());
  assert.ok(a.stats().network.edges > 0);
  assert.deepEqual(full.importFacilities(buffer, 'osm', S), full.importFacilities(osm, 'osm', S));
  assert.deepEqual(full.importFacilities(new DataView(buffer), 'osm', S), full.importFacilities(osm, 'osm', S));
  const csv = new TextEncoder().encode('id,lon,lat,population\nh1,120.7520,27.9702,100\n');
  assert.deepEqual(full.importOrigins(csv.buffer, 'csv'), full.importOrigins(csv, 'csv'));
  assert.equal(full.importOrigins(csv.buffer, 'csv').length, 1);
  // A packed standard, as `score` takes it, in the walking exports too.
  const packed = full.packStandard(readFileSync(fileURLToPath(new URL('../standards/longwan-2024.toml', import.meta.url)), 'utf8'), 'longwan-2024.toml');
  const pois = full.importFacilities(osm, 'osm', S).facilities;
  const from = [120.752, 27.9702];
  assert.deepEqual(a.nearest(packed, pois, from), a.nearest(S, pois, from));
  assert.deepEqual(a.reachedStreets(packed, from, [5, 10]), a.reachedStreets(S, from, new Float64Array([5, 10])));
  assert.deepEqual(full.importFacilities(osm, 'osm', packed), full.importFacilities(osm, 'osm', S));
  a.free();
  b.free();
});

test('an unknown standard id and a missing sample say so, zh-CN first, naming the id', { skip: noDist }, async () => {
  const small = await import(join(dist, 'lifecircle.js'));
  small.initSync({ module: readFileSync(join(dist, 'lifecircle_bg.wasm')) });
  const c = small.exampleCircle('longwan-2024');
  const e = thrown(() => small.score('longwan-2042', c, '2025-06-30'));
  assert.equal(e.code, 'unknown_standard');
  assert.match(e.message, /longwan-2042/);
  assert.match(e.message, /longwan-2024/, 'lists the built-in ids');
  assert.doesNotMatch(e.message, /extends/, `a typed id is not a standard file's parent: ${e.message}`);
  bilingual(e.message, 'unknown standard');
  assert.equal(e.diagnostics[0].code, 'unknown_parent');
  const n = thrown(() => small.exampleCircle('mofcom-2021'));
  assert.equal(n.code, 'no_example');
  assert.equal(n.standard, 'mofcom-2021');
  assert.match(n.message, /mofcom-2021/);
  bilingual(n.message, 'no example');
});
