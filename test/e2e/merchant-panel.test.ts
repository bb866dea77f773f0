/**
 * The merchant panel in Chromium: a key signs in (the secret stays in the tab; requests are signed
 * with WebCrypto), the queue shows the complaint with its deadline, the case shows the consumer's
 * evidence, and the merchant registers a webhook and proposes a resolution with a file; the
 * delivery log and the scorecard follow.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusNames } from '../../web/src/names';
import { complaintBody, onboardMerchant, publicView, statusBecomes } from '../integration/complaints';
import { freshPhone, request, signInVerified } from '../integration/http';
import { signedCall } from '../integration/signed';
import type { SeedKey } from '../../local/seed';
import { accessibilityProblems, launchBrowser, openPage, saveScreenshot } from './browser';

let browser: Browser;
let receiver: Server;
let receiverUrl: string;
let merchantId: string;
let merchantKey: SeedKey;
const received: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ccms-events`;
  ({ merchantId, merchantKey } = await onboardMerchant('panel'));
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('the merchant panel', () => {
  it('signs in with a key, works the queue and proposes a resolution with a file, on a phone in Bengali', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto('/merchant');
    // A wrong secret is refused, said in Bengali; nothing is kept.
    await page.getByLabel('অ্যাক্সেস কী আইডি').fill(merchantKey.accessKeyId);
    await page.getByLabel('গোপন কী').fill(`${merchantKey.secretAccessKey}x`);
    await page.getByRole('button', { name: 'প্রবেশ করুন' }).click();
    await page.getByRole('alert').filter({ hasText: 'কী অথবা গোপন কী সঠিক নয়' }).waitFor();
    await page.getByLabel('গোপন কী').fill(merchantKey.secretAccessKey);
    await page.getByRole('button', { name: 'প্রবেশ করুন' }).click();

    // Webhook settings first: the secret is shown once; the complaint filed next is delivered to it.
    await page.getByRole('link', { name: 'ওয়েবহুক' }).click();
    await page.getByLabel('ওয়েবহুকের ঠিকানা (https)').fill(receiverUrl);
    await page.getByRole('button', { name: 'সংরক্ষণ করুন' }).click();
    expect(await page.locator('code.secret').textContent()).toMatch(/^[\w-]{43}$/);

    const consumer = await signInVerified(freshPhone());
    const filed = await request(
      'POST',
      '/v1/complaints',
      {
        ...complaintBody,
        merchantId,
        category: 'WRONG_PRODUCT',
        description: 'A different blender arrived, not the one I ordered and paid for.',
      },
      consumer,
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const trackingNumber = filed.body.trackingNumber as string;
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT', 30_000)).toBe('AWAITING_MERCHANT');

    await page.getByRole('link', { name: 'অভিযোগের তালিকা' }).click();
    // The queue: the complaint with its deadline.
    const row = page.locator('.cards li').filter({ hasText: trackingNumber });
    await row.waitFor();
    expect(await row.locator('.badge').textContent()).toMatch(/^শেষ সময় .+ \(.+দিনের মধ্যে\)$/);
    const stored = await page.evaluate(() => {
      const { localStorage, sessionStorage, document } = globalThis as unknown as {
        localStorage: object;
        sessionStorage: object;
        document: { cookie: string };
      };
      return JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie;
    });
    expect(stored).not.toContain(merchantKey.secretAccessKey);
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'merchant-queue-bn-phone');

    // The case: acknowledge, reply or propose; the proposal goes with a checked file.
    await row.locator('a').click();
    await page.getByText('A different blender arrived').waitFor();
    expect(await page.locator('details.action summary').allTextContents()).toEqual([
      'অভিযোগ গ্রহণ করুন',
      'জবাব দিন',
      'সমাধান প্রস্তাব করুন',
      'ভোক্তাকে লিখুন',
      'ভোক্তার কাছে তথ্য চান (একবারই)',
    ]);
    const propose = page.locator('details.action').nth(2);
    await propose.locator('summary').click();
    await propose.getByRole('button', { name: 'সমাধান প্রস্তাব করুন' }).click();
    await propose.locator('.field-error').first().waitFor();
    expect(await propose.locator('.field-error').allTextContents()).toEqual(['এটি দিতে হবে।', 'এটি দিতে হবে।']);
    await propose.getByLabel('সমাধান', { exact: true }).selectOption('REPLACEMENT');
    await propose.getByLabel('ভোক্তার জন্য বার্তা').fill('সঠিক ব্লেন্ডারটি আজ কুরিয়ারে পাঠানো হয়েছে।');
    await propose.getByLabel('রেফারেন্স (প্রতি লাইনে একটি)').fill('https://courier.example/track/RX-1');
    const receipt = path.join(tmpdir(), 'ccms-courier-receipt.pdf');
    writeFileSync(receipt, '%PDF-1.4\n% a courier receipt\n');
    await propose.locator('input[type=file]').setInputFiles(receipt);
    await propose.locator('.upload-VERIFIED').waitFor({ timeout: 30_000 });
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'merchant-case-bn-phone');
    await propose.getByRole('button', { name: 'সমাধান প্রস্তাব করুন' }).click();
    await page.getByRole('status').filter({ hasText: statusNames.RESOLUTION_PROPOSED.bn }).waitFor();
    expect((await publicView(trackingNumber)).status).toBe('RESOLUTION_PROPOSED');
    const mine = await request('GET', `/v1/consumer/complaints/${trackingNumber}`, undefined, consumer);
    expect(mine.body.resolution).toMatchObject({
      remedy: 'REPLACEMENT',
      evidence: ['https://courier.example/track/RX-1'],
      attachments: [{ fileName: 'ccms-courier-receipt.pdf' }],
    });

    // The delivery log shows the new complaint's event delivered to the receiver.
    await expect.poll(() => received.some((body) => body.includes(trackingNumber)), { timeout: 20_000 }).toBe(true);
    await page.getByRole('link', { name: 'ওয়েবহুক' }).click();
    await page.locator('.cards li .ok').first().waitFor();
    await saveScreenshot(page, 'merchant-webhook-bn-phone');

    // The scorecard is the public one.
    await page.getByRole('link', { name: 'আপনার রেকর্ড' }).click();
    await page.getByRole('heading', { name: 'panel Shop' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Your record' }).waitFor();
    await saveScreenshot(page, 'merchant-scorecard-en-phone');

    // Signing out forgets the key: the panel asks for it again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Secret access key').waitFor();
    expect(errors).toEqual([]);
  });

  it('reports a month’s orders and corrects them, and its record shows complaints per 10,000 orders, in Bengali', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto('/merchant');
    await page.getByLabel('অ্যাক্সেস কী আইডি').fill(merchantKey.accessKeyId);
    await page.getByLabel('গোপন কী').fill(merchantKey.secretAccessKey);
    await page.getByRole('button', { name: 'প্রবেশ করুন' }).click();
    // Without a count, its record says so.
    await page.getByRole('link', { name: 'আপনার রেকর্ড' }).click();
    await page.locator('.complaint-rate dd').filter({ hasText: 'জানানো হয়নি' }).waitFor();

    await page.getByRole('link', { name: 'মাসিক অর্ডারের সংখ্যা' }).click();
    await page.getByRole('heading', { name: 'মাসিক অর্ডারের সংখ্যা' }).waitFor();
    const month = page.getByLabel('মাস', { exact: true });
    const newest = await month.locator('option').nth(1).getAttribute('value');
    // A count that is not a whole number is refused in the page, in Bengali.
    await month.selectOption(newest!);
    await page.getByLabel('অর্ডারের সংখ্যা').fill('১২.৫');
    await page.getByRole('button', { name: 'জানান' }).click();
    await page.locator('.field-error').filter({ hasText: 'একটি পূর্ণ সংখ্যা লিখুন।' }).waitFor();
    await page.getByLabel('অর্ডারের সংখ্যা').fill('১২,৫০০');
    await page.getByRole('button', { name: 'জানান' }).click();
    await page.getByRole('status').filter({ hasText: 'সংরক্ষিত হয়েছে।' }).waitFor();
    await page.locator('.order-counts li').filter({ hasText: '১২,৫০০ অর্ডার' }).waitFor();
    // A correction keeps the earlier count in the history.
    await page.getByLabel('অর্ডারের সংখ্যা').fill('10000');
    await page.getByRole('button', { name: 'জানান' }).click();
    const corrected = page.locator('.order-counts li').filter({ hasText: '১০,০০০ অর্ডার' });
    await corrected.waitFor();
    expect(await corrected.textContent()).toContain('আগে জানানো: ১২,৫০০');
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'merchant-orders-bn-phone');
    const listed = await signedCall(merchantKey, 'GET', '/v1/merchant/order-counts');
    expect(listed.body.months[0]).toMatchObject({ month: newest, orders: 10_000, corrections: [{ orders: 12_500 }] });

    // Its record now has a rate: the complaints of that month per 10,000 of its orders.
    await page.getByRole('link', { name: 'আপনার রেকর্ড' }).click();
    const rate = page.locator('.complaint-rate dd');
    await rate.filter({ hasText: '১০,০০০ অর্ডার' }).waitFor();
    expect(await rate.textContent()).toMatch(/^[০-৯.]+[০-৯,]+ দাখিল/);
    expect(errors).toEqual([]);
  });
});
