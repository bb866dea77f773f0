/**
 * `npm run bench` (web): each page's first load, everything it fetches (HTML, scripts, styles and
 * its API answers; no fonts are served), gzip -9 against the 150 KB budget, and its load time in
 * Chromium under emulated slow 4G (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up), from a cold
 * cache, until the page's heading is shown and nothing is loading.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileComplaint } from '../integration/complaints';
import { launchBrowser } from '../e2e/browser';
import { inject } from 'vitest';
import { addRows, smoke, type BenchRow } from './report';

const budgetKb = 150;
const slow4g = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6e6 / 8) * 0.9,
  uploadThroughput: (750e3 / 8) * 0.9,
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const measure = async (pagePath: string) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, baseURL: inject('localCloudUrl') });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', slow4g);
  const bodies: Promise<{ url: string; raw: number; gzip: number }>[] = [];
  page.on('response', (response) => {
    bodies.push(
      response.body().then(
        (body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length }),
        () => ({ url: response.url(), raw: 0, gzip: 0 }),
      ),
    );
  });
  const started = performance.now();
  await page.goto(pagePath);
  await page.locator('main h1').waitFor();
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { querySelector: (s: string) => unknown } }).document.querySelector(
        '.loading',
      ) === null,
  );
  const loadMs = performance.now() - started;
  await page.waitForLoadState('networkidle');
  const fetched = await Promise.all(bodies);
  await context.close();
  return {
    requests: fetched.length,
    rawKb: fetched.reduce((sum, file) => sum + file.raw, 0) / 1024,
    gzipKb: fetched.reduce((sum, file) => sum + file.gzip, 0) / 1024,
    loadMs,
  };
};

it('measures each page’s weight and its load under slow 4G', { timeout: 300_000 }, async () => {
  const { trackingNumber } = await fileComplaint();
  const pages: [string, string][] = [
    ['Public dashboard', '/'],
    ['Merchant record', '/merchants/demo-bazaar'],
    ['Tracking', `/track/${trackingNumber}`],
    ['Sign-in (before filing)', '/sign-in?next=/file'],
    ['Merchant panel (sign-in)', '/merchant'],
    ['Regulator console (sign-in)', '/regulator'],
  ];
  const rows: BenchRow[] = [];
  for (const [name, pagePath] of smoke ? pages.slice(0, 1) : pages) {
    // The median of three cold loads.
    const runs = (
      smoke ? [await measure(pagePath)] : [await measure(pagePath), await measure(pagePath), await measure(pagePath)]
    ).sort((a, b) => a.loadMs - b.loadMs);
    const median = runs[Math.floor((runs.length - 1) / 2)]!;
    expect(median.requests).toBeGreaterThan(0);
    rows.push({
      section: 'web',
      subject: `${name} (${pagePath.replace(trackingNumber, '{trackingNumber}')})`,
      measured: `${median.gzipKb.toFixed(1)} KB gzipped (${median.rawKb.toFixed(1)} KB raw, ${median.requests} requests); loaded in ${(median.loadMs / 1000).toFixed(1)} s`,
      floor: `${budgetKb} KB (budget)`,
      versus: `${((median.gzipKb / budgetKb) * 100).toFixed(0)}% of the budget`,
      how: 'Chromium at 360x800, cold cache, slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up); every response, gzip -9; until the heading shows and nothing loads; median of 3',
    });
  }
  addRows(rows);
});
