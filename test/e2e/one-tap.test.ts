/**
 * One tap from an SMS in a real browser, on a phone in Bengali: the proposal's SMS link opens the
 * proposal with confirm and dispute, a tap disputes it without signing in, and the same link opened
 * again says it was used and leads to the complaint's page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remedyNames, statusNames } from '../../web/src/names';
import { complaintTexts, fileComplaint, statusBecomes, storedCase } from '../integration/complaints';
import { advanceClock, eventually } from '../integration/http';
import { accessibilityProblems, launchBrowser, openPage, saveScreenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('one tap from an SMS', () => {
  it('disputes a proposal from the SMS link without signing in, in Bengali on a phone; the link then says it was used', {
    timeout: 120_000,
  }, async () => {
    const complaint = await fileComplaint();
    const { trackingNumber, phone } = complaint;
    const proposed = await complaint.merchant('propose-resolution', {
      remedy: 'REFUND',
      amount: 2450,
      message: 'বিকাশে টাকা ফেরত পাঠানো হয়েছে।',
      evidence: [],
    });
    expect(proposed.status).toBe(200);
    const [text] = await eventually(
      async () => (await complaintTexts(phone, trackingNumber)).filter((m) => String(m.body).includes('/t#')),
      (found) => found.length > 0,
    );
    // As the SMS carries it, without a scheme: the phone adds one when it makes a link of it.
    const link = /(\S+\/t#\S+)$/.exec(String(text!.body))![1]!;
    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto(`http://${link}`);
    await page.getByRole('heading', { name: 'বিক্রেতার প্রস্তাব' }).waitFor();
    // The code left the address bar (and the history) before anything was shown.
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('section[aria-labelledby="proposal"]').textContent()).toContain(remedyNames.REFUND.bn);
    expect(await page.locator('section[aria-labelledby="proposal"]').textContent()).toContain('২,৪৫০');
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'one-tap-bn-phone');

    await page.locator('summary', { hasText: 'সমাধান হয়নি, আপত্তি জানান' }).click();
    const dispute = page.locator('details[open] form', {
      has: page.getByRole('button', { name: 'সমাধান হয়নি, আপত্তি জানান' }),
    });
    await dispute.getByRole('textbox').fill('টাকা এখনও বিকাশে আসেনি।');
    await dispute.getByRole('button', { name: 'সমাধান হয়নি, আপত্তি জানান' }).click();
    await page.getByRole('status').filter({ hasText: statusNames.DISPUTED.bn }).waitFor();
    expect(await page.getByRole('link', { name: new RegExp(trackingNumber) }).getAttribute('href')).toBe(
      `/track/${trackingNumber}`,
    );

    // The same link again: used, said in Bengali, with the way to the complaint's page.
    const again = await openPage(browser, 'phone', 'bn');
    await again.page.goto(`http://${link}`);
    await again.page.getByRole('alert').filter({ hasText: 'এই লিংকটি একবার ব্যবহার করা হয়েছে' }).waitFor();
    expect(await again.page.getByRole('link', { name: new RegExp(trackingNumber) }).getAttribute('href')).toBe(
      `/track/${trackingNumber}`,
    );
    expect(await accessibilityProblems(again.page)).toEqual([]);

    // A link that is not one is explained, not an empty page.
    const forged = await openPage(browser, 'phone', 'bn');
    await forged.page.goto('/t#AAAAAAAAAAA');
    await forged.page.getByRole('alert').filter({ hasText: 'লিংকটি সঠিক নয়' }).waitFor();
    expect([...errors, ...again.errors, ...forged.errors]).toEqual([]);
  });

  it('asks after an automatic settlement whether it was resolved; "no" with what is still wrong reopens it, in Bengali on a phone', {
    timeout: 120_000,
  }, async () => {
    const complaint = await fileComplaint();
    const { trackingNumber, phone } = complaint;
    expect(
      (await complaint.merchant('propose-resolution', { remedy: 'REPLACEMENT', message: 'নতুন পণ্য পাঠানো হয়েছে।' }))
        .status,
    ).toBe(200);
    await advanceClock('P7DT1H');
    expect(await statusBecomes(trackingNumber, 'AUTO_SETTLED')).toBe('AUTO_SETTLED');
    const texts = await eventually(
      async () => (await complaintTexts(phone, trackingNumber)).filter((m) => String(m.body).includes('/t#')),
      (found) => found.length >= 2,
    );
    const sms = String(texts.at(-1)!.body);
    expect(sms).toMatch(/^মীমাংসা গণ্য। সত্যিই সমাধান হলো\? জানান /);
    const link = /(\S+\/t#\S+)$/.exec(sms)![1]!;
    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto(`http://${link}`);
    await page.getByRole('group', { name: 'সত্যিই সমাধান হয়েছে?' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'survey-bn-phone');
    await page.getByLabel('না, সমাধান হয়নি').check();
    await page.getByLabel('৪').check();
    // "No" reopens it: what is still wrong is needed, and said so before anything is sent.
    await page.getByRole('button', { name: 'উত্তর পাঠান' }).click();
    await page.getByRole('alert').first().waitFor();
    await page.getByLabel('কী এখনও ঠিক হয়নি').fill('নতুন পণ্যটিও ভাঙা এসেছে।');
    await page.getByRole('button', { name: 'উত্তর পাঠান' }).click();
    await page.getByRole('status').filter({ hasText: statusNames.REOPENED.bn }).waitFor();
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    expect((await storedCase(trackingNumber)).complaint).toMatchObject({
      survey: { resolved: false },
      rating: { score: 4 },
    });
    expect(errors).toEqual([]);
  });
});
