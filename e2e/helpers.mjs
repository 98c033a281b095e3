// Shared by the browser tests: Chromium flags and a page that records what must stay empty.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Opens a page that records console errors and warnings, page errors, CSP violations and the form's last assessment. */
export async function open(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    document.addEventListener('lifecircle-change', (e) => { if (e.target.id === 'lc-form') window.__last = e.detail; });
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  const ready = await page.getAttribute('body', 'data-ready');
  if (ready !== '1') assert.fail(`the page did not start: ${await page.locator('#status').textContent({ timeout: 1000 }).catch(() => ready)}`);
  return { context, page, errors, warnings };
}


const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations (open Shadow DOMs included). */
export async function axe(page) {
  await page.evaluate(axeSource); // evaluated through the DevTools protocol, not a page script: no CSP exception needed
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** A page of the demo's origin with no widget on it (the sample circle's JSON), recording errors. */
export async function bare(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 })); // a JSON page has no icon link
  await page.goto(base + '/data/longwan-sample.json');
  return { page, errors };
}
