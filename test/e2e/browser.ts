/**
 * Debian's Chromium (never a downloaded browser) driven by playwright-core, at a phone's and a
 * desktop's size; axe-core checks each page, and each page's screenshot is saved for people to
 * look at in test/e2e/screenshots/ (ignored by git).
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const viewports = { phone: { width: 360, height: 800 }, desktop: { width: 1280, height: 900 } } as const;

const screenshots = path.join(import.meta.dirname, 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const launchBrowser = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

/** A new page at `viewport` in `language` (the remembered choice), with the page's own errors (and CSP violations) collected. */
export const openPage = async (browser: Browser, viewport: keyof typeof viewports, language: 'bn' | 'en') => {
  const context = await browser.newContext({ viewport: viewports[viewport], baseURL: inject('localCloudUrl') });
  // The language a visitor chose before; a switch made on the page is kept across reloads.
  await context.addInitScript((lang) => {
    const { localStorage } = globalThis as unknown as {
      localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
    };
    if (!localStorage.getItem('ccms.language')) localStorage.setItem('ccms.language', lang);
  }, language);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // The pages are served with the site's Content-Security-Policy: anything it blocks is a defect.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return { page, errors };
};

/** A page of a consumer already signed in (their session token from the API), as the site keeps it: in sessionStorage. */
export const consumerPage = async (browser: Browser, language: 'bn' | 'en', token: string, phone: string) => {
  const opened = await openPage(browser, 'phone', language);
  await opened.page.context().addInitScript(
    ({ token, phone }) => {
      const { sessionStorage } = globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } };
      const expiresAt = new Date(Date.now() + 30 * 60_000).toISOString();
      sessionStorage.setItem('ccms.session', JSON.stringify({ token, phone, expiresAt }));
    },
    { token, phone },
  );
  return opened;
};

/** axe-core's serious and critical findings on the page as it stands (WCAG 2.x A and AA rules). */
export const accessibilityProblems = async (page: Page) => {
  // Evaluated through DevTools, which the page's CSP (no inline scripts) rightly does not allow a <script> for.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: {
        run: (
          context: unknown,
          options: unknown,
        ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
      };
      document: unknown;
    };
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
};

const languageOf = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang,
  );

const switchLanguage = async (page: Page, to: string) => {
  await page.locator('button.language').click();
  await page.waitForFunction(
    (lang) =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang ===
      lang,
    to,
  );
};

/**
 * Saves the page as it stands (`name` says its language: `...-bn-...` or `...-en-...`), then the
 * same page in the other language (the header's switch re-renders it in place, keeping what is
 * typed and open), and switches back: every screenshot exists in Bengali and in English.
 */
export const saveScreenshot = async (page: Page, name: string) => {
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  const shown = await languageOf(page);
  const other = shown === 'bn' ? 'en' : 'bn';
  await switchLanguage(page, other);
  await page.screenshot({
    path: path.join(screenshots, `${name.replace(`-${shown}-`, `-${other}-`)}.png`),
    fullPage: true,
  });
  await switchLanguage(page, shown);
};
