/**
 * The pages anyone can open, in a real browser: the tracking page and the public dashboard with a
 * merchant's record, in Bengali (the default) and English, on a phone and a desktop; no serious or
 * critical accessibility finding on any of them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusNames } from '../../web/src/names';
import { fileComplaint, onboardMerchant } from '../integration/complaints';
import { eventually, outbox, request } from '../integration/http';
import { formatMonth, formatNumber } from '../../web/src/format';
import { monthsToRebuild } from '../../functions/domain/open-data';
import { signedCall } from '../integration/signed';
import { accessibilityProblems, launchBrowser, openPage, saveScreenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const bengaliDigits = /[০-৯]/;

describe('the tracking page', () => {
  it('shows the status, steps and deadlines in Bengali digits and dates, switches to English and remembers it', {
    timeout: 120_000,
  }, async () => {
    const { trackingNumber } = await fileComplaint();
    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto(`/track/${trackingNumber}`);
    const status = page.locator('.status strong');
    await status.filter({ hasText: statusNames.AWAITING_MERCHANT.bn }).waitFor();
    const deadline = page.locator('section[aria-labelledby="deadlines"] li').first();
    expect(await deadline.textContent()).toMatch(bengaliDigits);
    expect(await deadline.textContent()).not.toMatch(/[0-9]/);
    // Every step of the timeline, by name: filed, then handed to the merchant.
    expect(await page.locator('.timeline li strong').allTextContents()).toEqual([
      statusNames.SUBMITTED.bn,
      statusNames.AWAITING_MERCHANT.bn,
    ]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'track-bn-phone');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await status.filter({ hasText: statusNames.AWAITING_MERCHANT.en }).waitFor();
    await page.reload();
    await status.filter({ hasText: statusNames.AWAITING_MERCHANT.en }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'track-en-phone');

    // A mistyped number is explained, not sent on as a search that finds nothing.
    const mistyped = `${trackingNumber.slice(0, -1)}${trackingNumber.endsWith('A') ? 'B' : 'A'}`;
    await page.getByLabel('Tracking number').fill(mistyped);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/typing mistake/);
    expect(errors).toEqual([]);
  });
});

describe('the short link in an SMS', () => {
  it('opens the complaint’s tracking page on a phone in Bengali, from the link as the SMS carries it', {
    timeout: 120_000,
  }, async () => {
    const { trackingNumber, phone } = await fileComplaint();
    const [text] = await eventually(
      () => outbox({ channel: 'sms', to: phone, mentions: `/t/${trackingNumber}` }),
      (found) => found.length > 0,
    );
    // The link has no scheme (one part has no room for it): the phone adds it when it makes a link of it.
    const link = /(\S+\/t\/\S+)$/.exec(String(text!.body))![1]!;
    expect(link).not.toMatch(/^https?:/);
    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto(`http://${link}`);
    await page.locator('.status strong').filter({ hasText: statusNames.AWAITING_MERCHANT.bn }).waitFor();
    expect(await page.locator('.tracking-number').textContent()).toBe(trackingNumber);
    expect(errors).toEqual([]);
  });

  it('says in Bengali that there is no such page for a link whose escape was cut short (it threw, and the page stayed blank)', {
    timeout: 60_000,
  }, async () => {
    const { page, errors } = await openPage(browser, 'phone', 'bn');
    for (const path of ['/t/%E0%A4', '/track/%E0', '/regulator/unlisted/%A4%']) {
      await page.goto(path);
      await page.getByText('এই পাতাটি নেই।').waitFor();
    }
    expect(errors).toEqual([]);
  });
});

describe('confirming an email address', () => {
  it('confirms from the emailed link by a tap (never on opening) on a phone in Bengali, takes the token out of the address bar, and explains a broken link', {
    timeout: 120_000,
  }, async () => {
    const address = `e2e.${Date.now().toString(36)}@example.com`;
    const { trackingNumber } = await fileComplaint({ email: address });
    const [first] = await eventually(
      () => outbox({ channel: 'email', to: address }),
      (found) => found.length >= 1,
    );
    const link = new URL(/(\S+\/email\/confirm#\S+)/.exec(String(first!.body))![1]!);
    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto(`${link.pathname}${link.hash}`);
    // Nothing is confirmed on opening (mail scanners open links): the token leaves the address bar, a tap confirms.
    const button = page.getByRole('button', { name: 'ঠিকানাটি নিশ্চিত করুন' });
    await button.waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await accessibilityProblems(page)).toEqual([]);
    await button.click();
    await page.getByRole('status').filter({ hasText: 'ঠিকানাটি নিশ্চিত হয়েছে' }).waitFor();
    expect(await page.getByRole('link', { name: new RegExp(trackingNumber) }).getAttribute('href')).toBe(
      `/track/${trackingNumber}`,
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'confirm-email-bn-phone');

    // Each case a page of its own: a new fragment alone would not load the page again.
    const forged = await openPage(browser, 'phone', 'en');
    await forged.page.goto(`${link.pathname}#${trackingNumber}.${'A'.repeat(43)}`);
    await forged.page.getByRole('button', { name: 'Confirm this address' }).click();
    await expect(forged.page.getByRole('alert').textContent()).resolves.toMatch(/This link is not valid/);
    const broken = await openPage(browser, 'phone', 'en');
    await broken.page.goto(`${link.pathname}#%E0%A6`);
    await expect(broken.page.getByRole('alert').textContent()).resolves.toMatch(/The link is incomplete/);
    const cut = await openPage(browser, 'phone', 'en');
    await cut.page.goto(link.pathname);
    await expect(cut.page.getByRole('alert').textContent()).resolves.toMatch(/The link is incomplete/);
    expect([...errors, ...forged.errors, ...broken.errors, ...cut.errors]).toEqual([]);
  });
});

describe('the public dashboard', () => {
  it('finds a merchant by name and shows its record, in Bengali and English, on a phone and a desktop', {
    timeout: 120_000,
  }, async () => {
    const { merchantId } = await onboardMerchant('webshop');
    await fileComplaint({ merchantId, category: 'REFUND_NOT_RECEIVED' });
    // A shop that reports its orders: last month's, with no complaint in it (a rate of 0).
    const rated = await onboardMerchant('rated');
    const lastMonth = (await signedCall(rated.merchantKey, 'GET', '/v1/merchant/order-counts')).body.months[0].month;
    const reported = await signedCall(rated.merchantKey, 'PUT', `/v1/merchant/order-counts/${lastMonth}`, {
      orders: 2000,
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    for (const [viewport, language] of [
      ['phone', 'bn'],
      ['desktop', 'en'],
    ] as const) {
      const { page, errors } = await openPage(browser, viewport, language);
      await page.goto('/');
      await page.locator('h1').waitFor();
      await page.locator('.scorecard').first().waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, `dashboard-${language}-${viewport}`);

      // The trend is drawn by the charting library, with a text alternative, and the table follows it.
      await page.locator('.chart canvas').first().waitFor();
      expect(await page.locator('.chart [role=img]').first().getAttribute('aria-label')).toMatch(
        language === 'bn'
          ? /^মাসভিত্তিক অভিযোগের রেখাচিত্র, .+দাখিল: মোট [০-৯,]+/
          : /^Complaints per month, .+Filed: total [0-9,]+/,
      );
      expect(await page.locator('.chart + .table-scroll caption').first().textContent()).toBe(
        language === 'bn' ? 'মাসভিত্তিক প্রবণতা' : 'Monthly trend',
      );

      await page.getByLabel(language === 'bn' ? 'বিক্রেতার নাম' : 'Merchant name').fill('webshop');
      await page.getByRole('button', { name: language === 'bn' ? 'খুঁজুন' : 'Search' }).click();
      // Two merchants side by side: this one and one that reports its orders.
      await page
        .getByRole('button', { name: `${language === 'bn' ? 'তুলনায় যোগ করুন' : 'Add to the comparison'}: webshop Shop` })
        .click();
      await page.getByLabel(language === 'bn' ? 'বিক্রেতার নাম' : 'Merchant name').fill('rated');
      await page.getByRole('button', { name: language === 'bn' ? 'খুঁজুন' : 'Search' }).click();
      await page
        .getByRole('button', {
          name: `${language === 'bn' ? 'তুলনায় যোগ করুন' : 'Add to the comparison'}: rated Shop`,
        })
        .click();
      // Ranked by complaint rate among those that report it: the shop added second, which reports, comes first.
      const comparison = page.locator('#compare ~ .table-scroll table');
      const notReported = language === 'bn' ? 'জানানো হয়নি' : 'Not reported';
      await expect
        .poll(() => comparison.locator('tbody tr').first().locator('td').allTextContents(), { timeout: 10_000 })
        .toEqual([language === 'bn' ? '০' : '0', notReported]);
      expect((await comparison.locator('thead th').allTextContents()).slice(1)).toEqual(['rated Shop', 'webshop Shop']);
      expect(await comparison.locator('tbody tr').nth(1).locator('td').first().textContent()).toMatch(
        language === 'bn' ? /^[০-৯]+$/ : /^[0-9]+$/,
      );
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, `dashboard-compare-${language}-${viewport}`);
      await page.getByLabel(language === 'bn' ? 'বিক্রেতার নাম' : 'Merchant name').fill('webshop');
      await page.getByRole('button', { name: language === 'bn' ? 'খুঁজুন' : 'Search' }).click();
      await page.getByRole('link', { name: 'webshop Shop' }).click();
      await page.getByRole('heading', { level: 1, name: 'webshop Shop' }).waitFor();
      await page.locator('.chart canvas').waitFor();
      // The counters come from the stream of changes: the filing shows once it is counted.
      const filed = page.locator('.scorecard').first().locator('dd').first();
      const shown = async () => {
        await page.reload();
        await filed.waitFor();
        return filed.textContent();
      };
      await expect.poll(shown, { timeout: 30_000 }).toBe(language === 'bn' ? '১' : '1');
      expect(await page.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe(
        `/v1/public/merchants/${merchantId}/stats.csv`,
      );
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, `merchant-${language}-${viewport}`);
      expect(errors).toEqual([]);
    }
  });
});

describe('open data by complaint on the dashboard', () => {
  it('lists each month’s files in Bengali on a phone, and their links download them; before the first build it says so', {
    timeout: 120_000,
  }, async () => {
    // The first month the schedule would publish now (a month after it ended): what the dashboard lists.
    const [month] = monthsToRebuild(new Date((await request('GET', '/__local/clock')).body.now as string));
    const run = await request('POST', '/__local/schedules/buildOpenData', { months: [month] });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const { rows } = run.body.built[0] as { rows: number };

    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto('/');
    const section = page.locator('section[aria-labelledby="complaint-files"]');
    await section.getByRole('heading', { name: 'অভিযোগভিত্তিক উন্মুক্ত তথ্য' }).waitFor();
    const listed = section.locator('li').filter({ hasText: formatMonth(month!, 'bn') });
    await listed.waitFor();
    // The count in Bengali digits, as the index has it.
    expect(await listed.textContent()).toContain(`${formatNumber(rows, 'bn')}টি অভিযোগ`);
    const csvHref = await listed.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(csvHref).toBe(`/open-data/complaints/${month!}.csv`);
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(rows + 1);
    const dictionary = await page.request.get(
      (await section.getByRole('link', { name: /তথ্য অভিধান/ }).getAttribute('href'))!,
    );
    expect((await dictionary.json()).columns).toHaveLength(10);
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'dashboard-complaint-files-bn-phone');
    expect(errors).toEqual([]);

    // Before the first build the bucket answers 403 (it does not say what is missing): the page says none is published.
    const fresh = await openPage(browser, 'phone', 'bn');
    await fresh.page.route('**/open-data/complaints/index.json', (route) =>
      route.fulfill({ status: 403, contentType: 'application/xml', body: '<Error><Code>AccessDenied</Code></Error>' }),
    );
    await fresh.page.goto('/');
    await fresh.page.getByText('এখনও কোনো ফাইল প্রকাশিত হয়নি।').waitFor();
    expect(fresh.errors).toEqual([]);
  });
});
