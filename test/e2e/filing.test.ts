/**
 * A consumer files in Bengali on a phone, from a merchant's widget link: phone and code, the
 * identity step, the form step by step (errors beside the fields and at the top), the pre-checks,
 * the confirmation with the tracking number, an evidence upload checked, and the tracking page.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusNames } from '../../web/src/names';
import { statusBecomes } from '../integration/complaints';
import { freshPhone, latestCode, localDate } from '../integration/http';
import { accessibilityProblems, launchBrowser, openPage, saveScreenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('filing in the browser', () => {
  it('takes a consumer from the widget link to a filed complaint with checked evidence, in Bengali on a phone', { timeout: 180_000 }, async () => {
    const receipt = path.join(tmpdir(), 'ccms-receipt.pdf');
    writeFileSync(receipt, '%PDF-1.4\n% a receipt\n');
    const phone = freshPhone();
    const { page, errors } = await openPage(browser, 'phone', 'en');
    // The widget's link: merchant and order preselected, the site's language (bn) taken and remembered.
    await page.goto(`/file?merchant=demo-bazaar&order=WEB-${Date.now()}&lang=bn`);
    await page.getByLabel('মোবাইল নম্বর').fill(phone);
    await page.getByRole('button', { name: 'কোড পাঠান' }).click();
    await expect.poll(() => latestCode(phone).catch(() => ''), { timeout: 10_000 }).toMatch(/^\d{6}$/);
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
    expect(errors).toEqual([]);
  });
});
