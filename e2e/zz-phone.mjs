import { chromium } from 'playwright-core';
import { ARGS, open } from './helpers.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const { page } = await open(browser, 'http://127.0.0.1:8099/district.html', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
await page.waitForTimeout(2500);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
console.log('height', h);
await page.screenshot({ path: '/tmp/lc/phone-full.png', fullPage: true });
await browser.close();
