/**
 * Sellers not on CCMS in the browser, in Bengali on a phone: a verified consumer reports one from
 * the filing page's link (a refused identifier explained, then sent); the regulator finds it ranked
 * in the console, reads the report (not who made it), and records that it was invited to CCMS.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPhone, signInVerified } from '../integration/http';
import { seeds } from '../integration/signed';
import { accessibilityProblems, consumerPage, launchBrowser, openPage, saveScreenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('reporting a seller not on CCMS', () => {
  it('takes a report from a consumer and shows it ranked to the regulator, with the onboarding action, in Bengali', {
    timeout: 150_000,
  }, async () => {
    const phone = freshPhone();
    const page = `bornoshop${Date.now().toString(36)}`;
    const token = (await signInVerified(phone)).authorization.replace('Bearer ', '');
    const consumer = await consumerPage(browser, 'bn', token, phone);
    await consumer.page.goto('/file');
    await consumer.page.getByRole('link', { name: 'বিক্রেতা CCMS-এ নেই? রিপোর্ট করুন' }).click();
    await consumer.page.getByRole('heading', { name: 'CCMS-এ নেই এমন বিক্রেতার বিরুদ্ধে রিপোর্ট' }).waitFor();
    // Nothing that finds the seller: explained before anything is sent.
    await consumer.page.getByLabel('বিক্রেতার নাম').fill('বর্ণ শপ');
    await consumer.page.getByLabel('ধরন').selectOption('NOT_DELIVERED');
    await consumer.page.getByLabel('কী হয়েছিল').fill('বিকাশে আগে টাকা দিয়েছি, পণ্য আসেনি, পেজ ব্লক করেছে।');
    await consumer.page.getByRole('button', { name: 'রিপোর্ট পাঠান' }).click();
    await consumer.page.getByText('ফেসবুক পেজ, ওয়েবসাইট, ফোন বা বিকাশ/নগদ নম্বরের অন্তত একটি দিন।').first().waitFor();
    await consumer.page.getByLabel('Facebook').fill(`https://www.facebook.com/${page}/`);
    await consumer.page.getByLabel('বিকাশ/নগদ মার্চেন্ট নম্বর').fill('০১৭১১-২২৩৩৪৪');
    await consumer.page.getByLabel('পরিশোধিত টাকা').fill('৩৫০০');
    expect(await accessibilityProblems(consumer.page)).toEqual([]);
    await consumer.page.getByRole('button', { name: 'রিপোর্ট পাঠান' }).click();
    await consumer.page.getByText('আপনার রিপোর্ট জমা হয়েছে।').waitFor();
    await saveScreenshot(consumer.page, 'report-seller-bn-phone');
    expect(consumer.errors).toEqual([]);

    const regulator = await openPage(browser, 'phone', 'bn');
    await regulator.page.goto('/regulator');
    await regulator.page.getByLabel('অ্যাক্সেস কী আইডি').fill(seeds().regulator.accessKeyId);
    await regulator.page.getByLabel('গোপন কী').fill(seeds().regulator.secretAccessKey);
    await regulator.page.getByRole('button', { name: 'প্রবেশ করুন' }).click();
    await regulator.page.getByRole('link', { name: 'CCMS-এর বাইরের বিক্রেতা' }).click();
    await regulator.page.getByRole('heading', { name: 'CCMS-এর বাইরের বিক্রেতা' }).waitFor();
    const listed = regulator.page.locator('ol.cards li').filter({ hasText: `facebook.com/${page}` });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('১ জন ভোক্তা রিপোর্ট করেছেন');
    expect(await accessibilityProblems(regulator.page)).toEqual([]);
    await listed.getByRole('link').click();
    await regulator.page.getByRole('heading', { name: 'রিপোর্টগুলো' }).waitFor();
    const body = (await regulator.page.locator('main').textContent()) ?? '';
    expect(body).toContain('পণ্য আসেনি');
    expect(body).toContain('বর্ণ শপ');
    expect(body).not.toContain(phone.slice(4));
    // The bKash number given with it (typed in Bengali digits): a link to that identifier.
    await regulator.page.getByRole('link', { name: /\+8801711223344/ }).waitFor();
    await regulator.page.getByLabel('অবস্থা').selectOption('INVITED');
    await regulator.page.getByLabel('নোট').fill('পেজের ঠিকানায় চিঠি পাঠানো হয়েছে।');
    await regulator.page.getByRole('button', { name: 'সংরক্ষণ করুন' }).click();
    await regulator.page
      .locator('section[aria-labelledby="onboarding"] ol li')
      .filter({ hasText: 'আমন্ত্রণ পাঠানো হয়েছে' })
      .waitFor();
    expect(await accessibilityProblems(regulator.page)).toEqual([]);
    // A long page address wraps: the phone's page does not scroll sideways.
    expect(
      await regulator.page.evaluate(() => {
        const { document, innerWidth } = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        return document.documentElement.scrollWidth <= innerWidth;
      }),
    ).toBe(true);
    await saveScreenshot(regulator.page, 'regulator-unlisted-seller-bn-phone');
    expect(regulator.errors).toEqual([]);
  });
});
