/**
 * The conversation on a complaint and the merchant's one request for information, over HTTP against
 * the local cloud: the parties write to each other, the public sees none of it, a regulator reads it
 * once the complaint is escalated; the request stops the merchant deadline, the consumer's answer or
 * three days start it again (a named Wait in the workflow), and a second request is refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { conversationLimits } from '../../functions/domain/lifecycle';
import { complaintTexts, expectConverged, fileComplaint, publicView, statusBecomes, storedCase } from './complaints';
import { advanceClock, endOfFile, eventually, freshPhone, outbox, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';

afterAll(endOfFile);

const notes = (timeline: { action: string; note?: string }[]) =>
  timeline.filter((step) => step.note).map((step) => [step.action, step.note]);

describe('the conversation on a complaint', () => {
  it('carries messages between the parties only: not to the public, not to another consumer or merchant', async () => {
    const complaint = await fileComplaint();
    const { trackingNumber, phone } = complaint;
    const fromConsumer = await complaint.consumer('message', { message: 'আমার বিকাশ নম্বর ০১৭১১০০০০০১।' });
    expect([fromConsumer.status, fromConsumer.body.status]).toEqual([200, 'AWAITING_MERCHANT']);
    expect((await complaint.merchant('message', { message: 'ধন্যবাদ, আজই টাকা পাঠাচ্ছি।' })).status).toBe(200);

    const own = await request(
      'GET',
      `/v1/consumer/complaints/${trackingNumber}`,
      undefined,
      await signInVerified(phone),
    );
    expect(notes(own.body.timeline)).toEqual([
      ['WRITE_TO_MERCHANT', 'আমার বিকাশ নম্বর ০১৭১১০০০০০১।'],
      ['WRITE_TO_CONSUMER', 'ধন্যবাদ, আজই টাকা পাঠাচ্ছি।'],
    ]);
    expect(own.body.actions).toContain('message');
    const merchants = seeds().merchants;
    const asMerchant = await signedCall(merchants['demo-bazaar']!, 'GET', `/v1/merchant/complaints/${trackingNumber}`);
    expect(notes(asMerchant.body.timeline)).toEqual(notes(own.body.timeline));
    expect(asMerchant.body.actions).toEqual(expect.arrayContaining(['message', 'request-information']));

    // The public's view has no step of the conversation; others get the same 404 as for no complaint.
    const seen = await publicView(trackingNumber);
    expect(seen.timeline.map((step: { action: string }) => step.action)).not.toContain('WRITE_TO_MERCHANT');
    expect(JSON.stringify(seen)).not.toContain('০১৭১১০০০০০১');
    const stranger = await request(
      'POST',
      `/v1/consumer/complaints/${trackingNumber}/message`,
      { message: 'Let me in' },
      await signInVerified(freshPhone()),
    );
    expect(stranger.status).toBe(404);
    const otherShop = await signedCall(
      merchants['padma-electronics']!,
      'POST',
      `/v1/merchant/complaints/${trackingNumber}/message`,
      { message: 'Hello from another shop' },
    );
    expect(otherShop.status).toBe(404);
    // The consumer hears that the merchant wrote (never what), in one part.
    const texts = await eventually(
      () => complaintTexts(phone, trackingNumber),
      (found) => found.some((m) => String(m.body).includes('বিক্রেতা আপনাকে বার্তা পাঠিয়েছে')),
      { what: "the SMS of the merchant's message" },
    );
    expect(JSON.stringify(texts)).not.toContain('আজই টাকা');
  });

  it(`takes ${conversationLimits.perPartyPerDay} messages a day from a party, then answers 429 until midnight in Dhaka`, async () => {
    const complaint = await fileComplaint();
    for (let n = 1; n <= conversationLimits.perPartyPerDay; n++)
      expect((await complaint.merchant('message', { message: `Update ${n}` })).status).toBe(200);
    const refused = await complaint.merchant('message', { message: 'One more' });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'MESSAGES_TODAY_USED']);
    expect(refused.body.error.message).toMatch(/after midnight \(Dhaka time\)/);
    // The consumer's room is their own.
    expect((await complaint.consumer('message', { message: 'Please stop writing.' })).status).toBe(200);
    const empty = await complaint.consumer('message', { message: '   ' });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('is read by the regulator once the complaint is escalated', async () => {
    const complaint = await fileComplaint();
    const { trackingNumber } = complaint;
    await complaint.consumer('message', { message: 'The box arrived crushed.' });
    await complaint.merchant('propose-resolution', { remedy: 'REFUND', message: 'We refunded half.' });
    await complaint.consumer('dispute', { reason: 'Half is not enough for a broken phone.' });
    await statusBecomes(trackingNumber, 'ESCALATED');
    const theCase = await signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`);
    expect(theCase.status).toBe(200);
    expect(notes(theCase.body.timeline)).toContainEqual(['WRITE_TO_MERCHANT', 'The box arrived crushed.']);
    expect(theCase.body.timelineVerification).toEqual({ valid: true });
    // The parties may still write while the regulator has it.
    expect((await complaint.merchant('message', { message: 'We will attend the hearing.' })).status).toBe(200);
  });
});

describe("the merchant's one request for information", () => {
  it('stops the deadline until the consumer answers and moves it on by the pause; a second request is refused', async () => {
    const complaint = await fileComplaint();
    const { trackingNumber, phone } = complaint;
    const before = (await storedCase(trackingNumber)).complaint.merchantDeadline!;
    const asked = await complaint.merchant('request-information', { message: 'Please send a photo of the invoice.' });
    expect(asked.status).toBe(200);
    const paused = await expectConverged(trackingNumber, 'AWAITING_MERCHANT');
    expect(paused.complaint.timer).toMatchObject({
      purpose: 'INFORMATION_DUE',
      dueAt: paused.complaint.informationRequest!.answerBy,
    });
    // An SMS the consumer cannot miss, even with news that can wait stopped.
    await eventually(
      () => complaintTexts(phone, trackingNumber),
      (found) => found.some((m) => String(m.body).includes('বিক্রেতা তথ্য চায়')),
      { what: "the SMS of the merchant's request" },
    );
    const again = await complaint.merchant('request-information', { message: 'And the warranty card too.' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/once per complaint/);

    await advanceClock('PT5H');
    const answered = await complaint.consumer('answer-information-request', {
      message: 'The invoice photo is uploaded with the complaint.',
    });
    expect(answered.status).toBe(200);
    const resumed = await expectConverged(trackingNumber, 'AWAITING_MERCHANT');
    const pause = resumed.complaint.informationRequest!;
    expect(pause.answeredAt).toBe(pause.resumedAt);
    const stoodStill = Date.parse(pause.resumedAt!) - Date.parse(pause.requestedAt);
    expect(Date.parse(resumed.complaint.merchantDeadline!) - Date.parse(before)).toBe(
      Math.ceil(stoodStill / 1000) * 1000,
    );
    expect(resumed.complaint.timer).toMatchObject({ purpose: 'MERCHANT_DEADLINE' });
    expect(resumed.timeline.slice(-2).map((entry) => entry.action)).toEqual([
      'REQUEST_INFORMATION',
      'ANSWER_INFORMATION_REQUEST',
    ]);
    // The merchant is told the answer came, with its new deadline, by email (its officer) and notice.
    await eventually(
      () => outbox({ channel: 'email', mentions: trackingNumber }),
      (found) => found.some((m) => /answering your request for information/.test(String(m.body))),
      { what: 'the merchant email of the answer' },
    );
  });

  it('runs the deadline again after three days without an answer (its named Wait fires)', async () => {
    const complaint = await fileComplaint();
    const { trackingNumber } = complaint;
    const before = (await storedCase(trackingNumber)).complaint.merchantDeadline!;
    expect((await complaint.merchant('acknowledge')).status).toBe(200);
    expect(
      (await complaint.merchant('request-information', { message: 'Which size did you order, please?' })).status,
    ).toBe(200);
    const paused = await expectConverged(trackingNumber, 'ACKNOWLEDGED');
    expect(paused.complaint.timer?.purpose).toBe('INFORMATION_DUE');
    await advanceClock('P3DT1M');
    const resumed = await eventually(
      () => storedCase(trackingNumber),
      (found) => found.complaint.lastAction === 'RESUME_DEADLINE',
      { what: 'the pause to end on its own' },
    );
    expect(resumed.timeline.at(-1)).toMatchObject({ actor: 'system', action: 'RESUME_DEADLINE' });
    expect(Date.parse(resumed.complaint.merchantDeadline!) - Date.parse(before)).toBe(3 * 86_400_000);
    await expectConverged(trackingNumber, 'ACKNOWLEDGED');
    // An answer that comes after the pause ended is not lost: it is a message.
    const late = await complaint.consumer('answer-information-request', { message: 'Size 42, sorry for the delay.' });
    expect(late.status).toBe(200);
    const after = await storedCase(trackingNumber);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'WRITE_TO_MERCHANT', note: 'Size 42, sorry for the delay.' });
    expect(after.complaint.merchantDeadline).toBe(resumed.complaint.merchantDeadline);
  });
});
