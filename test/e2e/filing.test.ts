/**
 * A consumer files in Bengali on a phone, from a merchant's widget link: phone and code, the
 * identity step, the form step by step (errors beside the fields and at the top), the pre-checks,
 * the confirmation with the tracking number, an evidence upload checked, and the tracking page.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusNames } from '../../web/src/names';
import { statusBecomes } from '../integration/complaints';
import { freshPhone, latestCode, localDate } from '../integration/http';
import { seeds, signedCall } from '../integration/signed';
import { accessibilityProblems, launchBrowser, openPage, saveScreenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('filing in the browser', () => {
  it('takes a consumer from the widget link to a filed complaint with checked evidence, in Bengali on a phone', {
    timeout: 180_000,
  }, async () => {
    const receipt = path.join(tmpdir(), 'ccms-receipt.pdf');
    writeFileSync(receipt, '%PDF-1.4\n% a receipt\n');
    const phone = freshPhone();
    const { page, errors } = await openPage(browser, 'phone', 'en');
    // The widget's link: merchant and order preselected, the site's language (bn) taken and remembered.
    await page.goto(`/file?merchant=demo-bazaar&order=WEB-${Date.now()}&lang=bn`);
    await page.getByLabel('মোবাইল নম্বর').fill(phone);
    // The firewall challenges the code request: the page loads the challenge integration, solves it and sends again.
    const answers: [number, string | null][] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/v1/otp'))
        answers.push([response.status(), response.headers()['x-amzn-waf-action'] ?? null]);
    });
    await page.getByRole('button', { name: 'কোড পাঠান' }).click();
    await expect.poll(() => latestCode(phone).catch(() => ''), { timeout: 10_000 }).toMatch(/^\d{6}$/);
    // The code is sent before the browser reports the answer that says so: wait for the answer too.
    await expect
      .poll(() => answers, { timeout: 10_000 })
      .toEqual([
        [202, 'challenge'],
        [202, null],
      ]);
    expect(await page.evaluate(() => typeof (globalThis as { AwsWafIntegration?: unknown }).AwsWafIntegration)).toBe(
      'object',
    );
    await page.getByLabel('৬ অঙ্কের কোড').fill(await latestCode(phone));
    await page.getByRole('button', { name: 'যাচাই করুন' }).click();
    await page.getByLabel('জাতীয় পরিচয়পত্র নম্বর').fill('১৯৯০১২৩৪৫৬'); // Bengali digits are the same number
    await page.getByLabel('জন্ম তারিখ').fill('1990-01-15');
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'identity-bn-phone');
    await page.getByRole('button', { name: 'এগিয়ে যান' }).click();

    // The order step: going on with nothing filled names each problem beside its field and at the top.
    await page.getByLabel('অর্ডারের তারিখ').waitFor();
    await page.getByRole('button', { name: 'পরের ধাপ' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').locator('li').allTextContents()).toContain('অর্ডারের তারিখ: এটি দিতে হবে।');
    expect(await page.locator('#orderDate').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'file-errors-bn-phone');
    await page.getByLabel('অর্ডারের তারিখ').fill(localDate(12));
    await page.getByLabel('মূল্য (টাকা)').fill('২৪৫০');
    await page.getByLabel('কীভাবে মূল্য দিয়েছেন').selectOption('BKASH');
    await page.getByLabel('যে জেলায় পণ্য পৌঁছানোর কথা').selectOption('dhaka');
    await page.getByRole('button', { name: 'পরের ধাপ' }).click();
    await page.getByLabel('ধরন').selectOption('NOT_DELIVERED');
    await page.getByLabel('কী হয়েছে লিখুন').fill('অগ্রিম টাকা দিয়েছি, কিন্তু পার্সেল এখনও আসেনি। বারবার যোগাযোগ করেও উত্তর পাইনি।');
    await page.getByRole('button', { name: 'পরের ধাপ' }).click();
    await page.getByLabel('হ্যাঁ').check();
    await page.getByLabel('যোগাযোগের তারিখ').fill(localDate(2));
    await page.getByLabel('কীভাবে যোগাযোগ করেছেন').selectOption('PHONE');
    await page.getByLabel('বিক্রেতা কী উত্তর দিয়েছে').fill('বলেছে আগামী সপ্তাহে পাঠাবে।');
    await page.getByRole('button', { name: 'পরের ধাপ' }).click();
    await page.getByLabel('আপনি কী সমাধান চান').selectOption('REFUND');
    await page.getByLabel('আপনার নাম (পরিচয়পত্র অনুযায়ী)').fill('রিনা আক্তার');
    await page.getByRole('button', { name: 'পরের ধাপ' }).click();

    // The pre-checks, explained before submitting.
    await page.getByText('সব শর্ত পূরণ হয়েছে। জমা দিতে পারেন।').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'file-review-bn-phone');
    await page.getByLabel(/আমি সম্মত/).check();
    await page.getByRole('button', { name: 'অভিযোগ জমা দিন' }).click();

    await page.getByRole('heading', { name: 'অভিযোগ জমা হয়েছে' }).waitFor();
    const trackingNumber = (await page.locator('.tracking-number').textContent())!;
    expect(trackingNumber).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    await page.setInputFiles('#files', receipt);
    await page.locator('.upload-VERIFIED').waitFor({ timeout: 30_000 });
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'filed-bn-phone');

    await page.getByRole('link', { name: 'অবস্থা দেখুন' }).click();
    await page.locator('.status strong').filter({ hasText: statusNames.AWAITING_MERCHANT.bn }).waitFor();
    // Signed in, the consumer's own part offers what the rules allow: waiting for the merchant, only withdrawing.
    await page.getByRole('heading', { name: 'আপনার অভিযোগ' }).waitFor();
    await expect.poll(() => actionTitles(page), { timeout: 15_000 }).toEqual(['অভিযোগ প্রত্যাহার করুন', 'বিক্রেতাকে লিখুন']);

    // The merchant proposes a refund (through the API here; its panel has its own test).
    const proposal = { remedy: 'REFUND', amount: 2450, message: 'বিকাশে ২৪৫০ টাকা ফেরত পাঠানো হয়েছে।' };
    expect(
      (
        await signedCall(
          seeds().merchants['demo-bazaar']!,
          'POST',
          `/v1/merchant/complaints/${trackingNumber}/propose-resolution`,
          proposal,
        )
      ).status,
    ).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'বিক্রেতার প্রস্তাব' }).waitFor();
    expect(await page.locator('#proposal + p').textContent()).toContain('টাকা ফেরত · ২,৪৫০ টাকা');
    await expect
      .poll(() => actionTitles(page), { timeout: 15_000 })
      .toEqual(['সমাধান হয়েছে, নিশ্চিত করুন', 'সমাধান হয়নি, আপত্তি জানান', 'অভিযোগ প্রত্যাহার করুন', 'বিক্রেতাকে লিখুন']);
    // A dispute without a reason is stopped beside the field, in Bengali, before anything is sent.
    const dispute = page.locator('details.action').nth(1);
    await dispute.locator('summary').click();
    await dispute.getByRole('button').click();
    await dispute.locator('.field-error').filter({ hasText: 'এটি দিতে হবে।' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'track-proposal-bn-phone');

    // The consumer confirms; the page says so, and now offers reopening (with its window) and rating.
    await page.locator('details.action').first().getByRole('button').click();
    await page.getByRole('status').filter({ hasText: statusNames.SETTLED.bn }).waitFor();
    await page.locator('.status strong').filter({ hasText: statusNames.SETTLED.bn }).waitFor();
    await expect
      .poll(() => actionTitles(page), { timeout: 15_000 })
      .toEqual(['অভিযোগটি আবার খুলুন', 'সেবার মান রেটিং দিন', 'বিক্রেতাকে লিখুন']);
    expect(await page.locator('#reopen-reason-hint').textContent()).toMatch(/আবার খোলা যাবে .+ \(.+দিনের মধ্যে\)/);
    const rating = page.locator('details.action').nth(1);
    await rating.locator('summary').click();
    await rating.getByLabel('৫').check();
    await rating.getByRole('button').click();
    await expect.poll(() => actionTitles(page), { timeout: 15_000 }).toEqual(['অভিযোগটি আবার খুলুন', 'বিক্রেতাকে লিখুন']);
    await page.getByText('আপনার রেটিং: ৫ / ৫').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'track-own-bn-phone');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Your complaint' }).waitFor();
    await saveScreenshot(page, 'track-own-en-phone');

    // "My complaints" lists it with its status.
    await page.getByRole('link', { name: 'My complaints' }).click();
    const row = page.locator('.cards li').filter({ hasText: trackingNumber });
    await row.filter({ hasText: statusNames.SETTLED.en }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'my-complaints-en-phone');

    // News that asks nothing of the consumer can be stopped here, and the choice is kept; the page
    // says that its texts wait for the morning.
    expect(await page.locator('#quiet-hours').textContent()).toBe(
      'Texts of such news, and the "was it resolved?" question after an automatic settlement, that come between 9 pm and 9 am are sent after 9 am; urgent news goes at once.',
    );
    const stop = page.getByLabel('Do not send news that asks nothing of me');
    await stop.check();
    await page.getByRole('status').filter({ hasText: 'That news will no longer be sent.' }).waitFor();
    await page.reload();
    await expect.poll(() => stop.isChecked(), { timeout: 15_000 }).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);

    // The consumer downloads everything kept about them, as one file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ccms-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const downloaded = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(downloaded.complaints.map((c: { trackingNumber: string }) => c.trackingNumber)).toContain(trackingNumber);
    expect(downloaded.complaints[0].complainant.name).toEqual(expect.any(String));
    expect(downloaded).not.toHaveProperty('nextCursor');
    await page.getByRole('status').filter({ hasText: 'The file was downloaded. Complaints:' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // Erasing needs a confirmation, and waits while a complaint is open (settled, it can still be reopened): the page names it.
    await page.getByRole('button', { name: 'Erase my data' }).click();
    await page.getByRole('button', { name: 'Yes, erase everything' }).click();
    await page.getByText('Some of your complaints are still open.').waitFor();
    await page.locator('p', { hasText: 'Still open:' }).getByRole('link', { name: trackingNumber }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'my-data-erasure-refused-en-phone');
    expect(errors).toEqual([]);
  });
});

const actionTitles = (page: Page) => page.locator('details.action summary').allTextContents();
