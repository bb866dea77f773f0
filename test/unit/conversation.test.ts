import { describe, expect, it } from 'vitest';
import {
  consumerActions,
  merchantActions,
  parseAction,
  performActionUseCase,
} from '../../functions/complaints/actions';
import {
  consumerComplaintUseCase,
  fileComplaintUseCase,
  getComplaintUseCase,
  merchantComplaintUseCase,
} from '../../functions/complaints/use-cases';
import { fixedClock } from '../../functions/domain/clock';
import { permits } from '../../functions/domain/complaint';
import { conversationLimits } from '../../functions/domain/lifecycle';
import { RateLimitedError, RefusedError, TransitionRefusedError } from '../../functions/domain/errors';
import { DAY_MS, HOUR_MS } from '../../functions/domain/lifecycle';
import { consumerMessage } from '../../functions/domain/messages';
import { eraseNote, verifyTimeline } from '../../functions/domain/timeline';
import { fireTimerUseCase } from '../../functions/workflow/use-cases';
import { filingRequest } from './fixtures';
import {
  InMemoryComplaints,
  InMemoryEvidence,
  InMemoryEvidenceFiles,
  InMemoryMerchants,
  verifiedProfiles,
  wrappingSealer,
} from './in-memory';

/** A complaint handed to the merchant at 10:00 Dhaka time on 1 May 2026, and the parties' routes to it. */
const setup = async () => {
  const clock = fixedClock('2026-05-01T04:00:00.000Z');
  const complaints = new InMemoryComplaints();
  const evidence = new InMemoryEvidence();
  const file = fileComplaintUseCase({
    complaints,
    merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
    profiles: verifiedProfiles(),
    personalData: wrappingSealer,
    clock,
    randomBytes: (size) => new Uint8Array(size).fill(5),
  });
  const { trackingNumber } = await file(filingRequest(), '+8801712345678');
  const fire = fireTimerUseCase({ complaints, clock });
  const current = () => complaints.complaints.get(trackingNumber)!;
  const fireCurrent = () => fire(trackingNumber, current().timer!.seq);
  await fireCurrent();
  const perform = performActionUseCase({ complaints, evidence, clock });
  const asMerchant = (name: string, body: unknown) =>
    perform({ trackingNumber, by: 'merchant', owns: () => true, ...parseAction(merchantActions, name, body) });
  const asConsumer = (name: string, body: unknown) =>
    perform({ trackingNumber, by: 'consumer', owns: () => true, ...parseAction(consumerActions, name, body) });
  const sources = { complaints, clock, evidence, files: new InMemoryEvidenceFiles(true) };
  return {
    clock,
    complaints,
    evidence,
    trackingNumber,
    current,
    fireCurrent,
    asMerchant,
    asConsumer,
    consumerView: () => consumerComplaintUseCase(sources)('+8801712345678', trackingNumber),
    merchantView: () =>
      merchantComplaintUseCase({ ...sources, personalData: wrappingSealer })('demo-bazaar', trackingNumber),
    publicView: () => getComplaintUseCase(complaints)(trackingNumber),
    timeline: () => complaints.timelines.get(trackingNumber)!,
  };
};

describe('the conversation on a complaint', () => {
  it('keeps each message in the sealed timeline as a commitment the parties read and the public never sees', async () => {
    const { asConsumer, asMerchant, consumerView, merchantView, publicView, timeline, trackingNumber } = await setup();
    await asConsumer('message', { message: 'My bKash number for the refund is 01712345678.' });
    await asMerchant('message', { message: 'Thank you, we will send it today.' });
    const entries = timeline();
    const [fromConsumer, fromMerchant] = entries.slice(-2);
    expect(fromConsumer).toMatchObject({
      actor: 'consumer',
      action: 'WRITE_TO_MERCHANT',
      toStatus: 'AWAITING_MERCHANT',
    });
    expect(fromMerchant).toMatchObject({ actor: 'merchant', action: 'WRITE_TO_CONSUMER' });
    expect(fromConsumer!.noteHash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyTimeline(trackingNumber, entries)).toEqual({ valid: true });
    // Erased like a note: the words go, the chain still holds.
    const erased = entries.map((entry) => eraseNote(entry, new Date('2026-06-01T00:00:00Z')));
    expect(JSON.stringify(erased)).not.toContain('01712345678');
    expect(verifyTimeline(trackingNumber, erased)).toEqual({ valid: true });

    for (const view of [await consumerView(), await merchantView()])
      expect(view.timeline.slice(-2).map((step) => step.note)).toEqual([
        'My bKash number for the refund is 01712345678.',
        'Thank you, we will send it today.',
      ]);
    const seen = await publicView();
    expect(seen.timeline.map((step) => step.action)).not.toContain('WRITE_TO_MERCHANT');
    expect(seen.timeline.map((step) => step.action)).not.toContain('WRITE_TO_CONSUMER');
    expect(JSON.stringify(seen)).not.toContain('bKash');
  });

  it('names only files the writer uploaded and whose check passed, sealed with the message', async () => {
    const { asConsumer, evidence, trackingNumber, clock, timeline, consumerView } = await setup();
    const file = (attachmentId: string, uploadedBy: 'consumer' | 'merchant', status: 'VERIFIED' | 'PENDING') =>
      evidence.attachments.set(attachmentId, {
        attachmentId,
        trackingNumber,
        uploadedBy,
        fileName: 'receipt.jpg',
        contentType: 'image/jpeg',
        declaredSize: 100,
        requestedAt: clock.now().toISOString(),
        uploadExpiresAt: clock.now().toISOString(),
        status,
        ...(status === 'VERIFIED' && { size: 100, sha256: 'a'.repeat(64) }),
      });
    file('a'.repeat(24), 'consumer', 'VERIFIED');
    file('b'.repeat(24), 'merchant', 'VERIFIED');
    file('c'.repeat(24), 'consumer', 'PENDING');
    for (const notMine of ['b'.repeat(24), 'c'.repeat(24)])
      await expect(asConsumer('message', { message: 'Here it is.', attachments: [notMine] })).rejects.toMatchObject({
        code: 'EVIDENCE_NOT_VERIFIED',
      });
    await asConsumer('message', { message: 'Here is the receipt.', attachments: ['a'.repeat(24), 'a'.repeat(24)] });
    expect(timeline().at(-1)!.details).toEqual({ attachments: 'a'.repeat(24) });
    expect((await consumerView()).timeline.at(-1)).toMatchObject({ attachments: ['a'.repeat(24)] });
  });

  it('takes at most 10 messages from each party a Dhaka day, then again from midnight, and 100 in all', async () => {
    const { asConsumer, asMerchant, clock, current } = await setup();
    for (let n = 0; n < conversationLimits.perPartyPerDay; n++) await asConsumer('message', { message: `Note ${n}` });
    const refused = await asConsumer('message', { message: 'One more' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    // 10:00 in Dhaka: midnight is 14 hours away.
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(14 * 3600);
    // The other party's room is its own.
    await asMerchant('message', { message: 'We are looking into it.' });
    clock.advance(14 * HOUR_MS);
    await asConsumer('message', { message: 'A new day' });
    expect(current().conversation?.consumer).toEqual({ day: '2026-05-02', today: 1, total: 11 });
    // The total: a complaint holds at most 100 messages from a party.
    current().conversation!.consumer!.total = conversationLimits.perPartyTotal;
    await expect(asConsumer('message', { message: 'Too many' })).rejects.toMatchObject({ code: 'MESSAGE_LIMIT' });
    await expect(asConsumer('message', { message: 'Too many' })).rejects.toBeInstanceOf(RefusedError);
  });

  it('is closed once the complaint is closed or withdrawn', async () => {
    const { asConsumer, asMerchant } = await setup();
    await asConsumer('withdraw', {});
    await expect(asConsumer('message', { message: 'Hello?' })).rejects.toBeInstanceOf(TransitionRefusedError);
    await expect(asMerchant('message', { message: 'Hello?' })).rejects.toBeInstanceOf(TransitionRefusedError);
  });

  it("texts the consumer of the merchant's message as news that can wait, without its words", () => {
    // The SMS and the email say that the merchant wrote, never what: the words stay behind the sign-in.
    const message = consumerMessage(
      'WRITE_TO_CONSUMER',
      { trackingNumber: '7K3M9-Q2TXB', language: 'bn' } as never,
      'https://ccms.gov.bd',
    )!;
    expect(message.sms).toBe('বিক্রেতা আপনাকে বার্তা পাঠিয়েছে ccms.gov.bd/t/7K3M9-Q2TXB');
  });
});

describe("the merchant's one request for information", () => {
  it('stops the merchant deadline until the consumer answers, and moves it on by exactly the pause', async () => {
    const { asMerchant, asConsumer, clock, current, timeline, publicView } = await setup();
    const deadline = current().merchantDeadline!;
    // Asking for nothing yet: an answer is refused.
    await expect(asConsumer('answer-information-request', { message: 'Here.' })).rejects.toThrow(
      /not waiting for an answer/,
    );
    await asMerchant('request-information', { message: 'Please send a photo of the damaged box.' });
    expect(current()).toMatchObject({
      status: 'AWAITING_MERCHANT',
      merchantDeadline: deadline,
      informationRequest: { requestedAt: '2026-05-01T04:00:00.000Z', answerBy: '2026-05-04T04:00:00Z' },
      timer: { purpose: 'INFORMATION_DUE', dueAt: '2026-05-04T04:00:00Z' },
    });
    expect(current().firstResponseInTime).toBe(true);
    // The public sees the deadline paused, not an old date that may pass meanwhile.
    expect((await publicView()).deadlines).toMatchObject({
      merchantResponse: deadline,
      merchantResponsePausedUntil: '2026-05-04T04:00:00Z',
    });
    expect(timeline().at(-1)).toMatchObject({ actor: 'merchant', action: 'REQUEST_INFORMATION' });
    const message = consumerMessage('REQUEST_INFORMATION', current(), 'https://ccms.gov.bd')!;
    expect(message.sms).toBe(`বিক্রেতা তথ্য চায়, ৪/৫-এর মধ্যে দিন ccms.gov.bd/t/${current().trackingNumber}`);

    await expect(asMerchant('request-information', { message: 'And the invoice, please.' })).rejects.toThrow(
      /once per complaint/,
    );

    clock.advance(26 * HOUR_MS);
    await asConsumer('answer-information-request', { message: 'The photo is attached to the complaint.' });
    const resumed = current();
    expect(Date.parse(resumed.merchantDeadline!) - Date.parse(deadline)).toBe(26 * HOUR_MS);
    expect(resumed.informationRequest).toMatchObject({
      resumedAt: '2026-05-02T06:00:00.000Z',
      answeredAt: '2026-05-02T06:00:00.000Z',
    });
    expect(resumed.timer).toMatchObject({ purpose: 'MERCHANT_DEADLINE', dueAt: resumed.merchantDeadline });
    expect((await publicView()).deadlines.merchantResponsePausedUntil).toBeUndefined();
    expect(timeline().at(-1)).toMatchObject({
      actor: 'consumer',
      action: 'ANSWER_INFORMATION_REQUEST',
      note: 'The photo is attached to the complaint.',
    });
    // Answered once; a second answer (a page still showing the form) is a message like any other.
    await asConsumer('answer-information-request', { message: 'And the box photo too.' });
    expect(timeline().at(-1)).toMatchObject({ action: 'WRITE_TO_MERCHANT', note: 'And the box photo too.' });
    expect(current().merchantDeadline).toBe(resumed.merchantDeadline);
    // Still once per complaint, answered or not.
    await expect(asMerchant('request-information', { message: 'One more thing, please.' })).rejects.toThrow(
      /once per complaint/,
    );
  });

  it('runs the deadline again after 3 days without an answer, and never escalates while it stands still', async () => {
    const { asMerchant, clock, current, fireCurrent, timeline } = await setup();
    const deadline = current().merchantDeadline!;
    clock.advance(6 * DAY_MS);
    await asMerchant('request-information', { message: 'Which colour did you order, please?' });
    // The old deadline passes during the pause: only the pause's end is waited for, and nothing may escalate.
    clock.advance(2 * DAY_MS);
    expect(Date.parse(deadline)).toBeLessThan(clock.now().getTime());
    expect(current().timer).toMatchObject({ purpose: 'INFORMATION_DUE' });
    expect(permits(current(), 'ESCALATE', 'system', clock.now())).toBe(false);
    clock.advance(1 * DAY_MS);
    await fireCurrent();
    expect(timeline().at(-1)).toMatchObject({ actor: 'system', action: 'RESUME_DEADLINE' });
    expect(Date.parse(current().merchantDeadline!) - Date.parse(deadline)).toBe(3 * DAY_MS);
    expect(current().timer).toMatchObject({ purpose: 'MERCHANT_DEADLINE' });
    clock.advance(1 * DAY_MS);
    await fireCurrent();
    expect(current().status).toBe('ESCALATED');
  });

  it("takes the consumer's message while the merchant waits as the answer, even past the day's limit", async () => {
    const { asMerchant, asConsumer, current, timeline, clock } = await setup();
    for (let n = 0; n < conversationLimits.perPartyPerDay; n++) await asConsumer('message', { message: `Note ${n}` });
    await asMerchant('request-information', { message: 'Which colour did you order, please?' });
    // The day's messages are used up, but the answer is the one that gives the merchant its deadline back.
    await expect(asConsumer('message', { message: 'Blue.' })).resolves.toMatchObject({ status: 'AWAITING_MERCHANT' });
    expect(timeline().at(-1)).toMatchObject({ action: 'ANSWER_INFORMATION_REQUEST', note: 'Blue.' });
    expect(current().informationRequest?.answeredAt).toBe(clock.now().toISOString());
    expect(current().conversation?.consumer?.today).toBe(conversationLimits.perPartyPerDay + 1);
    // Nothing asked of them before: an answer is refused, not turned into a message.
    const other = await setup();
    await expect(other.asConsumer('answer-information-request', { message: 'Blue.' })).rejects.toThrow(
      /not waiting for an answer/,
    );
  });

  it("counts the merchant's replies in its limits and texts only the day's first", async () => {
    const { asMerchant, current } = await setup();
    for (let n = 0; n < conversationLimits.perPartyPerDay; n++) await asMerchant('reply', { message: `Reply ${n}` });
    expect(current().conversation?.merchant?.today).toBe(conversationLimits.perPartyPerDay);
    await expect(asMerchant('message', { message: 'One more' })).rejects.toBeInstanceOf(RateLimitedError);
    await expect(asMerchant('reply', { message: 'One more' })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('ends the pause when the consumer withdraws', async () => {
    const { asMerchant, asConsumer, current } = await setup();
    await asMerchant('request-information', { message: 'Which colour did you order, please?' });
    await asConsumer('withdraw', {});
    expect(current().informationRequest?.resumedAt).toBeDefined();
    expect(current().status).toBe('WITHDRAWN');
  });

  it('ends the pause when the merchant proposes a resolution instead', async () => {
    const { asMerchant, asConsumer, current, timeline } = await setup();
    await asMerchant('request-information', { message: 'Which colour did you order, please?' });
    await asMerchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded in full.' });
    expect(current().informationRequest?.resumedAt).toBeDefined();
    expect(current().timer).toMatchObject({ purpose: 'AUTO_SETTLEMENT' });
    // The answer the consumer was writing is not lost: it arrives as a message.
    await asConsumer('answer-information-request', { message: 'Blue' });
    expect(timeline().at(-1)).toMatchObject({ action: 'WRITE_TO_MERCHANT', note: 'Blue' });
    expect(current().status).toBe('RESOLUTION_PROPOSED');
  });

  it('writes a message that lost a race again on the complaint as it now stands; an action that moves it is refused', async () => {
    const { complaints, evidence, clock, trackingNumber, current, timeline, asMerchant } = await setup();
    const stale = structuredClone(current());
    await asMerchant('acknowledge', {});
    let reads = 0;
    const racing = Object.assign(Object.create(complaints) as InMemoryComplaints, {
      get: async (tn: string) => (reads++ === 0 ? structuredClone(stale) : complaints.get(tn)),
    });
    const perform = performActionUseCase({ complaints: racing, evidence, clock });
    const consumer = (name: string, body: unknown) =>
      perform({ trackingNumber, by: 'consumer', owns: () => true, ...parseAction(consumerActions, name, body) });
    await consumer('message', { message: 'Hello, anyone there?' });
    expect(reads).toBe(2);
    expect(
      timeline()
        .slice(-2)
        .map((entry) => entry.action),
    ).toEqual(['ACKNOWLEDGE', 'WRITE_TO_MERCHANT']);
    reads = 0;
    await expect(consumer('withdraw', {})).rejects.toThrow(/Another request changed this complaint first/);
    expect(current().status).toBe('ACKNOWLEDGED');
  });
});
