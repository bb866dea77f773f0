/**
 * The conversation on a complaint in Chromium, on phones in Bengali: the merchant asks the consumer
 * for information in its panel (its deadline shows as paused), the consumer sees the question on the
 * complaint's page and answers it, and the merchant reads the answer with its deadline running again;
 * then they write to each other.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintTexts, fileComplaint, onboardMerchant, storedCase } from '../integration/complaints';
import { eventually, signIn } from '../integration/http';
import { accessibilityProblems, consumerPage, launchBrowser, openPage, saveScreenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the conversation on a complaint', () => {
  it('the merchant asks for information in its panel and the consumer answers on the complaint page, in Bengali on phones', {
    timeout: 180_000,
  }, async () => {
    const { merchantId, merchantKey } = await onboardMerchant('talk');
    const complaint = await fileComplaint({ merchantId });
    const { trackingNumber, phone } = complaint;

    // The merchant, in its panel: the case offers writing and the one request.
    const merchant = await openPage(browser, 'phone', 'bn');
    await merchant.page.goto(`/merchant/complaints/${trackingNumber}`);
    await merchant.page.getByLabel('অ্যাক্সেস কী আইডি').fill(merchantKey.accessKeyId);
    await merchant.page.getByLabel('গোপন কী').fill(merchantKey.secretAccessKey);
    await merchant.page.getByRole('button', { name: 'প্রবেশ করুন' }).click();
    const ask = merchant.page.locator('details.action', {
      has: merchant.page.locator('summary', { hasText: 'ভোক্তার কাছে তথ্য চান (একবারই)' }),
    });
    await ask.locator('summary').click();
    await ask.getByRole('textbox').fill('ছবি');
    await ask.getByRole('button').click();
    // Too short for a question: said beside the field, before anything is sent.
    await ask.locator('.field-error').filter({ hasText: 'অন্তত ১০ অক্ষর লিখুন।' }).waitFor();
    await ask.getByRole('textbox').fill('ভাঙা বাক্সের একটি ছবি পাঠান, দয়া করে।');
    await ask.getByRole('button').click();
    await merchant.page.locator(`#deadline-paused-${trackingNumber}`).waitFor();
    expect(await merchant.page.locator(`#deadline-paused-${trackingNumber}`).textContent()).toMatch(/^সময়সীমা থেমে আছে/);
    expect(await merchant.page.locator('details.action summary').allTextContents()).not.toContain(
      'ভোক্তার কাছে তথ্য চান (একবারই)',
    );
    expect(await accessibilityProblems(merchant.page)).toEqual([]);
    await saveScreenshot(merchant.page, 'merchant-information-request-bn-phone');

    // The consumer's SMS says what is asked of them, in one part; the page shows the question.
    await eventually(
      () => complaintTexts(phone, trackingNumber),
      (texts) => texts.some((m) => String(m.body).includes('বিক্রেতা তথ্য চায়')),
      { what: "the SMS of the merchant's request" },
    );
    const token = (await signIn(phone)).authorization.replace('Bearer ', '');
    const consumer = await consumerPage(browser, 'bn', token, phone);
    await consumer.page.goto(`/track/${trackingNumber}`);
    await consumer.page.locator('#information-requested').waitFor();
    // The public part says the merchant's deadline is paused, not a date that may pass meanwhile.
    expect(await consumer.page.locator('section[aria-labelledby="deadlines"]').textContent()).toContain(
      'বিক্রেতার সময়সীমা থেমে আছে',
    );
    expect(await consumer.page.locator('section[aria-labelledby="messages"]').textContent()).toContain(
      'ভাঙা বাক্সের একটি ছবি পাঠান, দয়া করে।',
    );
    // The answer's form is open at once; an empty answer is stopped beside the field.
    const answer = consumer.page.locator('details.action[open]', {
      has: consumer.page.locator('summary', { hasText: 'বিক্রেতার প্রশ্নের উত্তর দিন' }),
    });
    await answer.getByRole('button', { name: 'বিক্রেতার প্রশ্নের উত্তর দিন' }).click();
    await answer.locator('.field-error').filter({ hasText: 'এটি দিতে হবে।' }).waitFor();
    expect(await accessibilityProblems(consumer.page)).toEqual([]);
    await saveScreenshot(consumer.page, 'track-information-request-bn-phone');
    await answer.getByRole('textbox').fill('ছবিটি প্রমাণ হিসেবে যোগ করেছি; বাক্সের এক কোণ ভাঙা।');
    // The file goes with the answer, checked first like any evidence.
    const photo = path.join(tmpdir(), 'ccms-broken-box.pdf');
    writeFileSync(photo, '%PDF-1.4\n% a photo of the broken box\n');
    await answer.locator('input[type=file]').setInputFiles(photo);
    await answer.locator('.upload-VERIFIED').waitFor({ timeout: 30_000 });
    await answer.getByRole('button', { name: 'বিক্রেতার প্রশ্নের উত্তর দিন' }).click();
    await consumer.page.getByRole('status').filter({ hasText: 'হয়ে গেছে' }).waitFor();
    await expect.poll(() => consumer.page.locator('#information-requested').count(), { timeout: 15_000 }).toBe(0);

    // The deadline runs again, moved on by the pause; the merchant reads the answer and writes back.
    const { complaint: resumed } = await eventually(
      () => storedCase(trackingNumber),
      (found) => found.complaint.informationRequest?.answeredAt !== undefined,
      { what: 'the answer to be stored' },
    );
    await merchant.page.reload();
    await merchant.page.getByLabel('অ্যাক্সেস কী আইডি').fill(merchantKey.accessKeyId);
    await merchant.page.getByLabel('গোপন কী').fill(merchantKey.secretAccessKey);
    await merchant.page.getByRole('button', { name: 'প্রবেশ করুন' }).click();
    await merchant.page.getByText('ছবিটি প্রমাণ হিসেবে যোগ করেছি; বাক্সের এক কোণ ভাঙা।').waitFor();
    expect(await merchant.page.locator(`#deadline-paused-${trackingNumber}`).count()).toBe(0);
    expect(resumed.merchantDeadline).toBeDefined();
    const answered = (await storedCase(trackingNumber)).timeline.find(
      (entry) => entry.action === 'ANSWER_INFORMATION_REQUEST',
    )!;
    expect(answered.details?.attachments).toMatch(/^[0-9a-f]{24}$/);
    await merchant.page.locator('section[aria-labelledby="files"]').getByText('ccms-broken-box.pdf').waitFor();
    const write = merchant.page.locator('details.action', {
      has: merchant.page.locator('summary', { hasText: 'ভোক্তাকে লিখুন' }),
    });
    await write.locator('summary').click();
    await write.getByRole('textbox').fill('ধন্যবাদ, আজই নতুন পণ্য পাঠাচ্ছি।');
    await write.getByRole('button', { name: 'ভোক্তাকে লিখুন' }).click();
    await merchant.page.locator('.timeline').getByText('ধন্যবাদ, আজই নতুন পণ্য পাঠাচ্ছি।').waitFor();
    expect(await accessibilityProblems(merchant.page)).toEqual([]);
    await saveScreenshot(merchant.page, 'merchant-conversation-bn-phone');

    await consumer.page.reload();
    await consumer.page.getByText('ধন্যবাদ, আজই নতুন পণ্য পাঠাচ্ছি।').waitFor();
    const reply = consumer.page.locator('details.action', {
      has: consumer.page.locator('summary', { hasText: 'বিক্রেতাকে লিখুন' }),
    });
    await reply.locator('summary').click();
    await reply.getByRole('textbox').fill('ঠিক আছে, অপেক্ষা করছি।');
    await reply.getByRole('button', { name: 'বিক্রেতাকে লিখুন' }).click();
    await consumer.page.locator('section[aria-labelledby="messages"]').getByText('ঠিক আছে, অপেক্ষা করছি।').waitFor();
    const stored = await storedCase(trackingNumber);
    expect(stored.timeline.slice(-2).map((entry) => [entry.actor, entry.action])).toEqual([
      ['merchant', 'WRITE_TO_CONSUMER'],
      ['consumer', 'WRITE_TO_MERCHANT'],
    ]);
    expect(stored.timelineVerification).toEqual({ valid: true });
    expect([...merchant.errors, ...consumer.errors]).toEqual([]);
  });
});
