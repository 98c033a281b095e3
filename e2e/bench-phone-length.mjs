// Measure: how long the demo portal's pages are on a phone (360×740, touch), in CSS pixels of
// scrolling, with the built-in samples. Not a test (a page's length follows its text): run it by
// hand against a served demo and record the numbers with the command.
//   cargo xtask demo --port 8099 &   # then:
//   node e2e/bench-phone-length.mjs http://127.0.0.1:8099/
// Prints each page's scroll height once its widgets are drawn.
import { chromium } from 'playwright-core';
import { ARGS, open } from './helpers.mjs';

const base = (process.argv[2] || 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  for (const [page, ready] of [['', '#lc-form'], ['district.html', '#lc-district']]) {
    const { page: p } = await open(browser, base + page, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    // Drawn: the widget's shadow root holds its first heading.
    await p.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('h2, h3'), ready);
    await p.waitForTimeout(500);
    const h = await p.evaluate(() => document.documentElement.scrollHeight);
    console.log(`${page || 'index.html'}\t${h} px`);
    await p.close();
  }
} finally {
  await browser.close();
}
