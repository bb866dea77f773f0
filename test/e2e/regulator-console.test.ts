/**
 * The regulator console in Chromium: a disputed complaint escalates; the regulator finds it with
 * the filters, sees the timeline and evidence verified and the printable case record, schedules a
 * hearing, decides it, and exports the search as CSV with its progress and download link.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusNames } from '../../web/src/names';
import {
  complaintBody,
  escalatedComplaint,
  fileComplaint,
  filingsCounted,
  onboardMerchant,
  publicView,
  statusBecomes,
} from '../integration/complaints';
import { advanceClock, eventually, freshPhone, localDate, request, signInVerified } from '../integration/http';
import { seeds, signedCall } from '../integration/signed';
import { accessibilityProblems, launchBrowser, openPage, saveScreenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the regulator console', () => {
  it('finds an escalated case, checks it, hears and decides it, and exports the search', {
    timeout: 180_000,
  }, async () => {
    const { merchantId, merchantKey } = await onboardMerchant('ruling');
    const consumer = await signInVerified(freshPhone());
    const filed = await request(
      'POST',
      '/v1/complaints',
      { ...complaintBody, merchantId, description: 'The refund of 4,200 taka for the returned blender never arrived.' },
      consumer,
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const trackingNumber = filed.body.trackingNumber as string;
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT', 30_000)).toBe('AWAITING_MERCHANT');
    expect(
      (
        await signedCall(merchantKey, 'POST', `/v1/merchant/complaints/${trackingNumber}/propose-resolution`, {
          remedy: 'REFUND',
          amount: 1000,
          message: 'We refunded part of it.',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(
          'POST',
          `/v1/consumer/complaints/${trackingNumber}/dispute`,
          { reason: 'Only 1,000 of the 4,200 taka came back.' },
          consumer,
        )
      ).status,
    ).toBe(200);
    expect(await statusBecomes(trackingNumber, 'ESCALATED', 30_000)).toBe('ESCALATED');

    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto('/regulator');
    await page.getByLabel('অ্যাক্সেস কী আইডি').fill(seeds().regulator.accessKeyId);
    await page.getByLabel('গোপন কী').fill(seeds().regulator.secretAccessKey);
    await page.getByRole('button', { name: 'প্রবেশ করুন' }).click();

    // The filters: this merchant's escalated cases.
    await page.getByLabel('বিক্রেতার আইডি').fill(merchantId);
    await page.getByRole('button', { name: 'খুঁজুন' }).click();
    const row = page.locator('.cards li').filter({ hasText: trackingNumber });
    await row.filter({ hasText: 'ভোক্তা সমাধানে আপত্তি করেছেন' }).waitFor();
    // The case is also among every merchant's escalated cases, listed before the search: wait for the search's answer.
    await expect.poll(() => page.locator('.cards li').count(), { timeout: 30_000 }).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'regulator-cases-bn-phone');

    // The case: verified marks, the printable record issued at escalation.
    await row.locator('a').click();
    await page.getByText('✓ ধাপসমূহ যাচাই করা হয়েছে: কিছু বদলানো হয়নি').waitFor();
    await page.getByText('✓ প্রমাণ যাচাই করা হয়েছে: ফাইলগুলো অপরিবর্তিত').waitFor();
    // The record is issued by a workflow after the escalation: once it exists, the case is read again (in the app, keeping the key).
    await eventually(
      () => signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`),
      (read) => read.body.caseRecords?.length > 0,
      30_000,
    );
    await page.getByRole('link', { name: 'নিয়ন্ত্রকের কাছে আসা অভিযোগ' }).click();
    await page.getByRole('button', { name: 'খুঁজুন' }).waitFor();
    await page.goBack();
    await page.locator('#records').waitFor();
    const record = page.locator('#records + ul li').first();
    expect(await record.textContent()).toContain('নথি মামলার সাথে মেলে');
    const printable = await fetch((await record.getByRole('link', { name: 'ছাপার উপযোগী' }).getAttribute('href'))!);
    expect(printable.status).toBe(200);
    expect(await printable.text()).toContain(trackingNumber);

    // A hearing, then the decision; both parties are told, and the case closes.
    const hearing = page.locator('details.action').filter({ hasText: 'শুনানির সময় ঠিক করুন' });
    await hearing.locator('summary').click();
    await hearing.getByLabel('শুনানির ধরন').selectOption('ONLINE');
    await hearing.getByLabel('তারিখ ও সময়').fill(`${localDate(-2)}T10:30`);
    await hearing.getByLabel('যোগ দেওয়ার লিংক').fill('https://meet.example.gov.bd/ccms-ruling');
    await hearing.getByRole('button', { name: 'শুনানির সময় ঠিক করুন' }).click();
    await page.locator('#hearings + ul li').filter({ hasText: 'https://meet.example.gov.bd/ccms-ruling' }).waitFor();

    const decision = page.locator('details.action').filter({ hasText: 'সিদ্ধান্ত দিন' });
    await decision.getByLabel('সিদ্ধান্ত', { exact: true }).selectOption('UPHELD');
    await decision.getByLabel('কারণ').fill('খুব ছোট');
    await decision.getByRole('button', { name: 'সিদ্ধান্ত দিন' }).click();
    await decision.locator('.field-error').filter({ hasText: 'অন্তত ২০ অক্ষর লিখুন।' }).waitFor();
    await decision.getByLabel('সমাধান', { exact: true }).selectOption('REFUND');
    await decision.getByLabel('মূল্য (টাকা)').fill('৩২০০');
    await decision.getByLabel('সিদ্ধান্ত পালনের শেষ তারিখ').fill(localDate(-10));
    await decision.getByLabel('কারণ').fill('The merchant refunded 1,000 of 4,200 taka; the rest is owed.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'regulator-case-bn-phone');
    await decision.getByRole('button', { name: 'সিদ্ধান্ত দিন' }).click();
    await page.locator('.status').filter({ hasText: statusNames.CLOSED.bn }).waitFor();
    expect((await publicView(trackingNumber)).status).toBe('CLOSED');
    const decided = await signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`);
    expect(decided.body.complaint.decision).toMatchObject({
      outcome: 'UPHELD',
      remedy: 'REFUND',
      amount: 3200,
      complianceDueDate: localDate(-10),
    });

    // The export of this merchant's cases: progress, then the link.
    await page.getByRole('link', { name: 'নিয়ন্ত্রকের কাছে আসা অভিযোগ' }).click();
    await page.getByLabel('অবস্থা').selectOption('CLOSED');
    await page.getByLabel('বিক্রেতার আইডি').fill(merchantId);
    await page.getByRole('button', { name: 'খুঁজুন' }).click();
    await row.waitFor();
    await page.getByRole('button', { name: 'এই অনুসন্ধানের সিএসভি তৈরি করুন' }).click();
    const download = page.getByRole('link', { name: /সিএসভি নামান/ });
    await download.waitFor({ timeout: 60_000 });
    expect(await page.locator('.export p').first().textContent()).toMatch(/^তৈরি হয়েছে · ১০০% · ১ সারি$/);
    const csv = await fetch((await download.getAttribute('href'))!).then((response) => response.text());
    expect(csv).toContain(trackingNumber);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Escalated cases' }).waitFor();
    // The list is still this search's: the first search's answer, had it come late, must not replace it.
    expect(await page.locator('.cards li').allTextContents()).toEqual([expect.stringContaining(trackingNumber)]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'regulator-export-en-phone');
    expect(errors).toEqual([]);
  });

  it('lists the alerts raised on a merchant, with the figures behind them, in Bengali', {
    timeout: 120_000,
  }, async () => {
    const { merchantId, merchantKey } = await onboardMerchant('surging');
    const file = (n: number) =>
      fileComplaint(
        { merchantId, category: 'NOT_DELIVERED', paymentMethod: 'BKASH', orderRef: `SG-${n}` },
        merchantKey,
      );
    // One complaint, a quiet fortnight (a week of history to surge against), then three.
    await file(0);
    await filingsCounted(merchantId, 1);
    await advanceClock('P14D');
    for (let n = 1; n <= 3; n++) await file(n);
    await filingsCounted(merchantId, 4);
    expect((await request('POST', '/__local/schedules/evaluateAlerts', {})).status).toBe(200);

    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto('/regulator');
    await page.getByLabel('অ্যাক্সেস কী আইডি').fill(seeds().regulator.accessKeyId);
    await page.getByLabel('গোপন কী').fill(seeds().regulator.secretAccessKey);
    await page.getByRole('button', { name: 'প্রবেশ করুন' }).click();
    await page.getByRole('link', { name: 'সতর্কবার্তা' }).click();
    await page.getByRole('heading', { name: 'সতর্কবার্তা' }).waitFor();
    await page.getByLabel('বিক্রেতার আইডি').fill(merchantId);
    await page.getByRole('button', { name: 'খুঁজুন' }).click();
    const surge = page.locator('.alerts li').filter({ hasText: 'অভিযোগের আকস্মিক বৃদ্ধি' });
    await surge.waitFor();
    await expect.poll(() => page.locator('.alerts li').count(), { timeout: 30_000 }).toBe(2);
    // Three filed this week against a known week of none: the floor of 3 is the limit.
    expect(await surge.textContent()).toMatch(/৩ দাখিল হওয়া অভিযোগ \(সীমা ৩; আগের সপ্তাহগুলোর মধ্যমা ০\)/);
    const share = page.locator('.alerts li').filter({ hasText: 'অগ্রিম মূল্য পরিশোধের পর পণ্য পাওয়া যায়নি' });
    expect(await share.textContent()).toMatch(
      /৪ দাখিল হওয়া অভিযোগ, এর মধ্যে ৪ অগ্রিম পরিশোধ, পণ্য পাওয়া যায়নি \(১০০%; সীমা ৫০%\)/,
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'regulator-alerts-bn-phone');
    // From an alert to the merchant's cases: the search starts with the merchant.
    await surge.getByRole('link', { name: 'এই বিক্রেতার অভিযোগ' }).click();
    await page.getByRole('heading', { name: 'নিয়ন্ত্রকের কাছে আসা অভিযোগ' }).waitFor();
    expect(await page.getByLabel('বিক্রেতার আইডি').inputValue()).toBe(merchantId);
    expect(errors).toEqual([]);
  });

  it('opens a collective case, adds a merchant’s escalated cases, hears and decides them at once, in Bengali', {
    timeout: 120_000,
  }, async () => {
    const { merchantId, merchantKey } = await onboardMerchant('grouped');
    const members = [
      await escalatedComplaint({ merchantId, category: 'NOT_DELIVERED' }, merchantKey),
      await escalatedComplaint({ merchantId, category: 'NOT_DELIVERED' }, merchantKey),
    ];
    const outsider = await escalatedComplaint({ merchantId: 'demo-bazaar' });

    const { page, errors } = await openPage(browser, 'phone', 'bn');
    await page.goto('/regulator');
    await page.getByLabel('অ্যাক্সেস কী আইডি').fill(seeds().regulator.accessKeyId);
    await page.getByLabel('গোপন কী').fill(seeds().regulator.secretAccessKey);
    await page.getByRole('button', { name: 'প্রবেশ করুন' }).click();
    await page.getByRole('link', { name: 'সম্মিলিত মামলা' }).click();
    await page.getByRole('heading', { name: 'সম্মিলিত মামলা' }).waitFor();
    const open = page.locator('details.action').filter({ hasText: 'নতুন সম্মিলিত মামলা খুলুন' });
    await open.locator('summary').click();
    await open.getByLabel('বিক্রেতার আইডি').fill(merchantId);
    await open.getByLabel('শিরোনাম').fill('অগ্রিম মূল্য নিয়ে পণ্য দেয়নি');
    await open.getByRole('button', { name: 'নতুন সম্মিলিত মামলা খুলুন' }).click();
    await page.getByRole('heading', { name: 'অগ্রিম মূল্য নিয়ে পণ্য দেয়নি' }).waitFor();

    // Two of the merchant's cases join; another merchant's is refused, in Bengali.
    const add = page.locator('details.action').filter({ hasText: 'মামলা যোগ করুন' });
    await add.getByLabel('ট্র্যাকিং নম্বর').fill([...members, outsider].map((member) => member.trackingNumber).join('\n'));
    await add.getByRole('button', { name: 'মামলা যোগ করুন' }).click();
    await add.getByText('যোগ হয়েছে: ২').waitFor();
    expect(await add.locator('.refused li').textContent()).toContain('মামলাটি অন্য বিক্রেতার বিরুদ্ধে।');
    await expect.poll(() => page.locator('#members + ul li').count(), { timeout: 30_000 }).toBe(2);
    expect(await add.getByLabel('ট্র্যাকিং নম্বর').inputValue()).toBe('');
    expect(await accessibilityProblems(page)).toEqual([]);
    await saveScreenshot(page, 'regulator-collective-bn-phone');
    // The members' CSV: a signed read, handed over as a file.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'যুক্ত মামলার তালিকা (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^ccms-collective-CC-[0-9A-Z]{10}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('trackingNumber,category,district');
    for (const member of members) expect(csv).toContain(member.trackingNumber);
    expect(csv).not.toContain(outsider.trackingNumber);

    // One hearing for both.
    const hearing = page.locator('details.action').filter({ hasText: 'শুনানির সময় ঠিক করুন' });
    await hearing.locator('summary').click();
    await hearing.getByLabel('শুনানির ধরন').selectOption('IN_PERSON');
    await hearing.getByLabel('তারিখ ও সময়').fill(`${localDate(-3)}T11:00`);
    await hearing.getByLabel('স্থান').fill('ডিএনসিআরপি, কারওয়ান বাজার, ঢাকা');
    await hearing.getByRole('button', { name: 'শুনানির সময় ঠিক করুন' }).click();
    await page.locator('#collective-hearings + ul li').filter({ hasText: 'কারওয়ান বাজার' }).waitFor();

    // One decision for both: each member's case closes.
    const decision = page.locator('details.action').filter({ hasText: 'সিদ্ধান্ত দিন' });
    await decision.getByLabel('সিদ্ধান্ত', { exact: true }).selectOption('UPHELD');
    await decision.getByLabel('সমাধান', { exact: true }).selectOption('REFUND');
    await decision.getByLabel('মূল্য (টাকা)').fill('১৫০০');
    await decision.getByLabel('সিদ্ধান্ত পালনের শেষ তারিখ').fill(localDate(-20));
    await decision.getByLabel('কারণ').fill('বিক্রেতা অগ্রিম মূল্য নিয়ে কোনো ভোক্তাকেই পণ্য দেয়নি।');
    await decision.getByRole('button', { name: 'সিদ্ধান্ত দিন' }).click();
    await page.locator('.status').filter({ hasText: 'অভিযোগ গৃহীত' }).waitFor();
    for (const member of members) expect(await statusBecomes(member.trackingNumber, 'CLOSED')).toBe('CLOSED');
    // The record says how far the decision reached, once the run is done (read again in the app).
    await eventually(
      () => signedCall(seeds().regulator, 'GET', `/v1/regulator/collective-cases?merchantId=${merchantId}`),
      (read) => read.body.collectiveCases?.[0]?.status === 'DECIDED',
    );
    const caseId = new URL(page.url()).pathname.split('/').at(-1)!;
    await eventually(
      () => signedCall(seeds().regulator, 'GET', `/v1/regulator/collective-cases/${caseId}`),
      (read) => read.body.progress?.decided === 2,
    );
    await page.getByRole('link', { name: 'সম্মিলিত মামলা' }).click();
    await page.locator('.cards li').filter({ hasText: 'অগ্রিম মূল্য নিয়ে পণ্য দেয়নি' }).locator('a').click();
    await page.getByText('২ / ২ মামলায় সিদ্ধান্ত লেখা হয়েছে').waitFor();
    // A member's case opens from the list, closed by the decision.
    await page.locator('#members + ul li a').first().click();
    await page.locator('.status').filter({ hasText: statusNames.CLOSED.bn }).waitFor();
    expect(errors).toEqual([]);
  });
});
