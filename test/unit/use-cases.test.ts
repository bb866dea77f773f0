import { describe, expect, it } from 'vitest';
import type { EmailSender, MessageAttributes, UndeliverableMessage } from '../../functions/domain/ports';
import {
  complaintFieldAudiences,
  complaintFor,
  fileComplaintUseCase,
  getComplaintUseCase,
  merchantComplaintView,
  regulatorCaseView,
} from '../../functions/complaints/use-cases';
import type { Complaint } from '../../functions/domain/complaint';
import { fixedClock } from '../../functions/domain/clock';
import { NotFoundError } from '../../functions/domain/errors';
import { confirmEmailUseCase } from '../../functions/email/use-cases';
import {
  consumerActions,
  merchantActions,
  parseAction,
  performActionUseCase,
} from '../../functions/complaints/actions';
import { oneTapCodeHash } from '../../functions/domain/one-tap';
import { DAY_MS } from '../../functions/domain/lifecycle';
import { verifyTimeline } from '../../functions/domain/timeline';
import {
  ChangeEffectsFailed,
  complaintChangedUseCase,
  fireTimerUseCase,
  messageAttempts,
  sendHeldSmsUseCase,
  sweepTimersUseCase,
} from '../../functions/workflow/use-cases';
import { escalationMessage } from '../../functions/domain/escalation';
import { filingRequest } from './fixtures';
import { IdentityRequiredError } from '../../functions/domain/errors';
import {
  InMemoryComplaints,
  InMemoryEvidence,
  InMemoryEmailConfirmations,
  InMemoryOneTapLinks,
  InMemoryMessagePreferences,
  InMemoryMerchants,
  InMemoryProfiles,
  InMemorySentMessages,
  RecordingPublisher,
  verifiedProfiles,
  CountingMetrics,
  wrappingSealer,
} from './in-memory';

const setup = () => {
  const clock = fixedClock('2026-05-01T08:00:00.000Z');
  const complaints = new InMemoryComplaints();
  let nextByte = 0;
  const file = fileComplaintUseCase({
    complaints,
    merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
    profiles: verifiedProfiles(),
    personalData: wrappingSealer,
    clock,
    randomBytes: (size) => new Uint8Array(size).fill(nextByte++ % 2),
  });
  const fire = fireTimerUseCase({ complaints, clock });
  /** Fires the complaint's current timer, as its workflow execution would when it wakes. */
  const fireCurrent = (trackingNumber: string) =>
    fire(trackingNumber, complaints.complaints.get(trackingNumber)!.timer!.seq);
  return { clock, complaints, file, fire, fireCurrent, get: getComplaintUseCase(complaints) };
};

describe('filing', () => {
  it('stores the complaint with its first timer: notify the merchant at once', async () => {
    const { file, complaints } = setup();
    const complaint = await file(filingRequest(), '+8801712345678');
    expect(complaints.complaints.get(complaint.trackingNumber)).toMatchObject({
      status: 'SUBMITTED',
      timer: { seq: 1, purpose: 'NOTIFY_MERCHANT', dueAt: '2026-05-01T08:00:00Z' },
    });
  });

  it('refuses a consumer who has not verified their identity, and stores nothing', async () => {
    const { complaints, clock } = setup();
    const file = fileComplaintUseCase({
      complaints,
      merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
      profiles: new InMemoryProfiles(),
      personalData: wrappingSealer,
      clock,
      randomBytes: (size) => new Uint8Array(size),
    });
    await expect(file(filingRequest(), 'c1')).rejects.toThrow(IdentityRequiredError);
    expect(complaints.complaints.size).toBe(0);
  });

  it('draws a new tracking number when the first one is taken', async () => {
    const { complaints, clock } = setup();
    const sameFirstThenDifferent = [0, 0, 1];
    const file = fileComplaintUseCase({
      complaints,
      merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
      profiles: verifiedProfiles(),
      personalData: wrappingSealer,
      clock,
      randomBytes: (size) => new Uint8Array(size).fill(sameFirstThenDifferent.shift()!),
    });
    const first = await file(filingRequest(), 'c1');
    const second = await file(filingRequest({ orderRef: 'DB-1002' }), 'c2');
    expect(second.trackingNumber).not.toBe(first.trackingNumber);
    expect(complaints.complaints.size).toBe(2);
  });
});

describe('complaint timers', () => {
  it('notify moves SUBMITTED to AWAITING_MERCHANT; the 72-hour reminder, then the deadline, follow', async () => {
    const { file, fireCurrent, complaints, clock } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    expect(await fireCurrent(trackingNumber)).toEqual({
      outcome: 'FIRED',
      trackingNumber,
      action: 'NOTIFY_MERCHANT',
      status: 'AWAITING_MERCHANT',
    });
    expect(complaints.complaints.get(trackingNumber)!.timer).toEqual({
      seq: 2,
      purpose: 'ACKNOWLEDGEMENT_REMINDER',
      dueAt: '2026-05-04T08:00:00Z',
    });
    clock.advance(3 * DAY_MS);
    expect(await fireCurrent(trackingNumber)).toMatchObject({ action: 'REMIND_MERCHANT', status: 'AWAITING_MERCHANT' });
    expect(complaints.complaints.get(trackingNumber)!.timer).toEqual({
      seq: 3,
      purpose: 'MERCHANT_DEADLINE',
      dueAt: '2026-05-08T08:00:00Z',
    });
  });

  it('a superseded timer does nothing when it wakes, however often', async () => {
    const { file, fire, fireCurrent, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await fireCurrent(trackingNumber);
    expect(await fire(trackingNumber, 1)).toEqual({ outcome: 'STALE', trackingNumber });
    expect(await fire(trackingNumber, 1)).toEqual({ outcome: 'STALE', trackingNumber });
    expect(complaints.timelines.get(trackingNumber)!.map((e) => e.action)).toEqual(['FILE', 'NOTIFY_MERCHANT']);
  });

  it('does not escalate before the deadline: a timer that wakes early is refused, for the workflow to retry', async () => {
    const { file, fireCurrent, clock, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await fireCurrent(trackingNumber);
    clock.advance(3 * DAY_MS);
    await fireCurrent(trackingNumber);
    clock.advance(4 * DAY_MS - 1);
    await expect(fireCurrent(trackingNumber)).rejects.toThrow(/has not passed yet/);
    expect(complaints.complaints.get(trackingNumber)?.status).toBe('AWAITING_MERCHANT');
  });

  it('escalates at the deadline, leaves no timer, and keeps the timeline verifiable', async () => {
    const { file, fireCurrent, clock, complaints, get } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await fireCurrent(trackingNumber);
    clock.advance(3 * DAY_MS);
    await fireCurrent(trackingNumber);
    clock.advance(4 * DAY_MS);
    expect(await fireCurrent(trackingNumber)).toMatchObject({
      outcome: 'FIRED',
      action: 'ESCALATE',
      status: 'ESCALATED',
    });
    const escalated = complaints.complaints.get(trackingNumber)!;
    expect(escalated).toMatchObject({
      escalationReason: 'MERCHANT_DEADLINE_MISSED',
      escalatedAt: '2026-05-08T08:00:00.000Z',
      lastTimerSeq: 3,
    });
    expect(escalated.timer).toBeUndefined();
    const view = await get(trackingNumber);
    expect(view.timeline.map((e) => e.action)).toEqual(['FILE', 'NOTIFY_MERCHANT', 'REMIND_MERCHANT', 'ESCALATE']);
    expect(verifyTimeline(trackingNumber, complaints.timelines.get(trackingNumber)!)).toEqual({ valid: true });
  });
});

/**
 * Acts on one complaint as its consumer or merchant would through the API, and answers the stored
 * complaint before and after: the change the stream would deliver.
 */
const stepsOn = (
  { complaints, clock }: Pick<ReturnType<typeof setup>, 'complaints' | 'clock'>,
  trackingNumber: string,
) => {
  const perform = performActionUseCase({ complaints, evidence: new InMemoryEvidence(), clock });
  return async (by: 'consumer' | 'merchant', name: string, body: unknown) => {
    const before = complaints.complaints.get(trackingNumber);
    const table = by === 'consumer' ? consumerActions : merchantActions;
    await perform({ trackingNumber, by, owns: () => true, ...parseAction(table, name, body) });
    return [before, complaints.complaints.get(trackingNumber)] as const;
  };
};

describe('what follows a stored change', () => {
  /** `outages`: how many of the first SMS sends and merchant notices fail as a service that is down for now. */
  const recorder = (
    outages: { sms?: number; notices?: number } = {},
    emailConfirmations = new InMemoryEmailConfirmations(),
    emailSender?: EmailSender,
    site: {
      siteUrl?: string;
      oneTapLinks?: InMemoryOneTapLinks;
      preferences?: InMemoryMessagePreferences;
      hasWebhook?: boolean;
      /** Whether quiet hours hold this complaint's news that can wait (as in AWS, unless said). */
      quietHours?: boolean;
    } = {},
  ) => {
    const messagePreferences = site.preferences ?? new InMemoryMessagePreferences();
    const oneTapLinks = site.oneTapLinks ?? new InMemoryOneTapLinks();
    const calls: string[] = [];
    let smsTries = 0;
    let noticeTries = 0;
    const notifications = new (class extends RecordingPublisher {
      override async publish(message: object, attributes: MessageAttributes) {
        if (++noticeTries <= (outages.notices ?? 0)) throw new Error('SNS: Service unavailable');
        await super.publish(message, attributes);
      }
    })();
    const escalations = new RecordingPublisher();
    const texts: { phone: string; text: string }[] = [];
    const emails: { to: string; subject: string; body: string; audience: string }[] = [];
    const undeliverable: UndeliverableMessage[] = [];
    const metrics = new CountingMetrics();
    const sentMessages = new InMemorySentMessages();
    const payloads: unknown[] = [];
    const changed = complaintChangedUseCase({
      workflow: {
        startTimer: async (tn, timer) => void calls.push(`start ${tn}-t${timer.seq}`),
        stopTimer: async (tn, timer) => void calls.push(`stop ${tn}-t${timer.seq}`),
        holdSms: async (tn, seq, sendAt, key) => void calls.push(`hold ${tn}-${key} (entry ${seq}) until ${sendAt}`),
      },
      quietHoursApply: () => site.quietHours ?? true,
      caseRecords: { issue: async (tn, version) => void calls.push(`record ${tn}-v${version}`) },
      undeliverable: { record: async (message) => void undeliverable.push(message), list: async () => undeliverable },
      sentMessages,
      emailConfirmations,
      oneTapLinks,
      messagePreferences,
      ...(site.siteUrl && { siteUrl: site.siteUrl }),
      personalData: wrappingSealer,
      notifications,
      escalations,
      sms: {
        send: async (phone, text) => {
          if (++smsTries <= (outages.sms ?? 0)) throw new Error('SNS: Service unavailable');
          texts.push({ phone, text });
        },
      },
      email: emailSender ?? { send: async (email) => void emails.push(email) },
      merchants: new InMemoryMerchants([
        {
          merchantId: 'demo-bazaar',
          tradeName: 'Demo Bazaar',
          active: true,
          grievanceOfficerEmail: 'go@demo-bazaar.example',
          ...(site.hasWebhook && { hasWebhook: true }),
        },
      ]),
      webhooks: {
        dispatch: async (delivery) => {
          calls.push(`webhook ${delivery.deliveryId} ${delivery.event}`);
          payloads.push(delivery.payload);
        },
      },
      metrics,
    });
    return {
      calls,
      payloads,
      notifications,
      escalations,
      texts,
      emails,
      changed,
      undeliverable,
      metrics,
      sentMessages,
      emailConfirmations,
    };
  };

  it('starts the first timer of a new complaint; the hand-over a second later texts the tracking number and the deadline in one SMS, in Bengali', async () => {
    const { file, fireCurrent, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    const { calls, changed, notifications, texts, emails, metrics } = recorder();
    const filed = complaints.complaints.get(trackingNumber);
    await changed(undefined, filed);
    expect(metrics.counted).toEqual(['ComplaintsFiled']);
    expect(calls).toEqual([`start ${trackingNumber}-t1`]);
    expect(notifications.published).toEqual([]);
    // The filing and the hand-over are one moment: one SMS, the hand-over's.
    expect(texts).toEqual([]);
    await fireCurrent(trackingNumber);
    await changed(filed, complaints.complaints.get(trackingNumber));
    expect(texts).toEqual([
      { phone: '+8801712345678', text: `CCMS ${trackingNumber}: অভিযোগ গৃহীত; সমাধানের শেষ দিন ৮/৫` },
    ]);
    // No address given: only the merchant's grievance officer is emailed.
    expect(emails.map((email) => email.audience)).toEqual(['merchant']);
  });

  it("texts a proposal with a one-tap link whose code only the SMS holds; a link that cannot be kept leaves the tracking page's", async () => {
    const { file, fireCurrent, complaints, clock } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    await fireCurrent(trackingNumber);
    const perform = performActionUseCase({ complaints, evidence: new InMemoryEvidence(), clock });
    const before = complaints.complaints.get(trackingNumber);
    await perform({
      trackingNumber,
      by: 'merchant',
      owns: () => true,
      ...parseAction(merchantActions, 'propose-resolution', { remedy: 'REFUND', message: 'Refunded.', evidence: [] }),
    });
    const proposed = complaints.complaints.get(trackingNumber)!;
    const oneTapLinks = new InMemoryOneTapLinks();
    const { changed, texts } = recorder({}, undefined, undefined, { siteUrl: 'https://ccms.gov.bd', oneTapLinks });
    await changed(before, proposed);
    const code = /ccms\.gov\.bd\/t#([0-9A-Za-z]{11})$/.exec(texts[0]!.text)?.[1];
    expect(code).toBeDefined();
    expect([...oneTapLinks.items.values()]).toEqual([
      {
        codeHash: oneTapCodeHash(code!),
        trackingNumber,
        purpose: 'ANSWER_PROPOSAL',
        answers: proposed.resolution!.proposedAt,
        expiresAt: proposed.autoSettleAt,
        issuedAt: proposed.lastActionAt,
      },
    ]);
    expect(JSON.stringify([...oneTapLinks.items])).not.toContain(code);

    const down = new InMemoryOneTapLinks();
    down.failing = true;
    const fallback = recorder({}, undefined, undefined, { siteUrl: 'https://ccms.gov.bd', oneTapLinks: down });
    await fallback.changed(before, proposed);
    expect(fallback.texts.map((t) => t.text)).toEqual([
      expect.stringMatching(new RegExp(`ccms\\.gov\\.bd/t/${trackingNumber}$`)),
    ]);
  });

  it('keeps news that can wait from a consumer who stopped it, and still texts what they must act on', async () => {
    const { file, fireCurrent, complaints, clock } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    await fireCurrent(trackingNumber);
    const perform = performActionUseCase({ complaints, evidence: new InMemoryEvidence(), clock });
    const asMerchant = async (name: string, body: unknown) => {
      const before = complaints.complaints.get(trackingNumber);
      await perform({ trackingNumber, by: 'merchant', owns: () => true, ...parseAction(merchantActions, name, body) });
      return [before, complaints.complaints.get(trackingNumber)] as const;
    };
    const preferences = new InMemoryMessagePreferences();
    await preferences.set('+8801712345678', true);
    const { changed, texts } = recorder({}, undefined, undefined, { preferences });
    const acknowledged = await asMerchant('acknowledge', {});
    await changed(...acknowledged);
    expect(texts).toEqual([]);
    await changed(
      ...(await asMerchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded.', evidence: [] })),
    );
    expect(texts.map((t) => t.text)).toEqual([expect.stringMatching(/প্রস্তাব এসেছে/)]);

    // A preference that cannot be read sends nothing that can wait and fails the change, so its retry reads it again.
    const unread = new InMemoryMessagePreferences();
    unread.failing = true;
    const retried = recorder({}, undefined, undefined, { preferences: unread });
    await expect(retried.changed(...acknowledged)).rejects.toThrow(ChangeEffectsFailed);
    expect(retried.texts).toEqual([]);
  });

  it('holds news that can wait through quiet hours until the next morning, where one task sends it once; what the consumer must act on goes at once', async () => {
    const { file, fireCurrent, complaints, clock } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    await fireCurrent(trackingNumber);
    const step = stepsOn({ complaints, clock }, trackingNumber);
    const site = { siteUrl: 'https://ccms.gov.bd' };
    // 22:00 in Dhaka (UTC+6).
    clock.advance(8 * 3_600_000);
    const night = recorder({}, undefined, undefined, site);
    const acknowledged = await step('merchant', 'acknowledge', {});
    await night.changed(...acknowledged);
    const seq = acknowledged[1]!.timelineSeq;
    expect(night.texts).toEqual([]);
    // Held until 09:00 the next day, at this complaint's own second of the hour after it.
    const held = night.calls.filter((call) => call.startsWith('hold'));
    expect(held).toEqual([
      expect.stringMatching(
        new RegExp(`^hold ${trackingNumber}-s${seq} \\(entry ${seq}\\) until 2026-05-02T03:[0-5]\\d:[0-5]\\dZ$`),
      ),
    ]);
    // A retried delivery of the change, later in the night, starts the very same execution (same name, same input).
    clock.advance(3_600_000);
    await night.changed(...acknowledged);
    expect(night.calls.filter((call) => call.startsWith('hold'))).toEqual([held[0], held[0]]);
    // Only the SMS waits: the merchant's notice went (an email would too).
    expect(night.notifications.published).toEqual([]);
    // The same change with quiet hours off for its complaint (the local cloud's scope) is texted at once.
    const unscoped = recorder({}, undefined, undefined, { ...site, quietHours: false });
    await unscoped.changed(...acknowledged);
    expect(unscoped.texts.map((t) => t.text)).toEqual([expect.stringMatching(/^বিক্রেতা আপনার অভিযোগ গ্রহণ করেছে /)]);
    const morningTexts: { phone: string; text: string }[] = [];
    const preferences = new InMemoryMessagePreferences();
    const oneTapLinks = new InMemoryOneTapLinks();
    const send = sendHeldSmsUseCase({
      complaints,
      sentMessages: night.sentMessages,
      undeliverable: { record: async () => undefined, list: async () => [] },
      metrics: night.metrics,
      sms: { send: async (phone, text) => void morningTexts.push({ phone, text }) },
      oneTapLinks,
      messagePreferences: preferences,
      clock,
      ...site,
    });
    clock.advance(11 * 3_600_000);
    expect(await send(trackingNumber, seq)).toEqual({ outcome: 'SENT' });
    expect(morningTexts).toEqual([
      { phone: '+8801712345678', text: `বিক্রেতা আপনার অভিযোগ গ্রহণ করেছে ccms.gov.bd/t/${trackingNumber}` },
    ]);
    // A retried task, or the change's own retry after the morning, sends nothing again.
    expect(await send(trackingNumber, seq)).toEqual({ outcome: 'ALREADY_SENT' });
    await night.changed(...acknowledged);
    expect(morningTexts).toHaveLength(1);
    expect(night.texts).toEqual([]);

    // 22:00 again: the proposal, which the consumer must answer by a date, goes at once.
    clock.advance(12 * 3_600_000);
    await night.changed(
      ...(await step('merchant', 'propose-resolution', { remedy: 'REFUND', message: 'Refunded.', evidence: [] })),
    );
    expect(night.texts.map((t) => t.text)).toEqual([expect.stringMatching(/^প্রস্তাব এসেছে/)]);
    // Seven days on, at 22:00, the automatic settlement (with its survey) is held until the next morning.
    clock.advance(7 * DAY_MS);
    const settled = complaints.complaints.get(trackingNumber);
    await fireCurrent(trackingNumber);
    const autoSettled = complaints.complaints.get(trackingNumber)!;
    expect(autoSettled.lastAction).toBe('AUTO_SETTLE');
    await night.changed(settled, autoSettled);
    expect(night.calls.filter((call) => call.startsWith('hold'))).toHaveLength(3);
    // Woken at night (a redrive), it sends nothing and says when to try again: the next morning's time.
    expect(await send(trackingNumber, autoSettled.timelineSeq)).toEqual({
      outcome: 'NOT_YET',
      sendAt: expect.stringMatching(/^2026-05-10T03:[0-5]\d:[0-5]\dZ$/),
    });
    clock.advance(12 * 3_600_000);
    expect(await send(trackingNumber, autoSettled.timelineSeq)).toEqual({ outcome: 'SENT' });
    // Its one-tap link is issued in the morning, for the survey, valid until the reopen window ends.
    expect(morningTexts.at(-1)!.text).toMatch(/^মীমাংসা গণ্য। সত্যিই সমাধান হলো\? জানান ccms\.gov\.bd\/t#[0-9A-Za-z]{11}$/);
    expect([...oneTapLinks.items.values()]).toEqual([
      expect.objectContaining({
        purpose: 'SURVEY',
        expiresAt: autoSettled.reopenWindowEndsAt,
        issuedAt: clock.now().toISOString(),
      }),
    ]);
  });

  it('drops a held SMS whose news the consumer has seen in the night or that they stopped, and texts a night of merchant messages once', async () => {
    /** A complaint at the merchant, the clock at 23:00 in Dhaka, and the morning task over its store. */
    const atNight = async () => {
      const { file, fireCurrent, complaints, clock } = setup();
      const { trackingNumber } = await file(filingRequest(), '+8801712345678');
      await fireCurrent(trackingNumber);
      const step = stepsOn({ complaints, clock }, trackingNumber);
      clock.advance(9 * 3_600_000);
      const night = recorder();
      const held = async (by: 'consumer' | 'merchant', name: string, body: unknown) => {
        const [before, after] = await step(by, name, body);
        await night.changed(before, after);
        return after!.timelineSeq;
      };
      const texts: string[] = [];
      const preferences = new InMemoryMessagePreferences();
      const send = sendHeldSmsUseCase({
        complaints,
        sentMessages: night.sentMessages,
        undeliverable: { record: async () => undefined, list: async () => [] },
        metrics: night.metrics,
        sms: { send: async (_phone, text) => void texts.push(text) },
        oneTapLinks: new InMemoryOneTapLinks(),
        messagePreferences: preferences,
        clock,
      });
      const morning = (trackingNumberSeq: number) => {
        clock.advance(11 * 3_600_000);
        return send(trackingNumber, trackingNumberSeq);
      };
      return { trackingNumber, clock, night, held, texts, preferences, send, morning };
    };

    // The consumer read the merchant's message (it was emailed) and answered before the morning.
    const read = await atNight();
    const wrote = await read.held('merchant', 'message', { message: 'Which colour?' });
    const acknowledged = await read.held('merchant', 'acknowledge', {});
    await read.held('consumer', 'message', { message: 'Blue, please.' });
    expect(read.night.calls.filter((call) => call.startsWith('hold'))).toHaveLength(2);
    expect(await read.morning(wrote)).toEqual({ outcome: 'SUPERSEDED' });
    expect(await read.send(read.trackingNumber, acknowledged)).toEqual({ outcome: 'SUPERSEDED' });
    expect(read.texts).toEqual([]);

    // The consumer stops news that can wait in the night.
    const stopped = await atNight();
    const stoppedAck = await stopped.held('merchant', 'acknowledge', {});
    await stopped.preferences.set('+8801712345678', true);
    expect(await stopped.morning(stoppedAck)).toEqual({ outcome: 'STOPPED' });
    expect(stopped.texts).toEqual([]);

    // A proposal texted at once in the night says more than the acknowledgement held before it.
    const proposed = await atNight();
    const proposedAck = await proposed.held('merchant', 'acknowledge', {});
    const proposal = await proposed.held('merchant', 'propose-resolution', {
      remedy: 'REFUND',
      message: 'Refunded.',
      evidence: [],
    });
    expect(proposed.night.texts.map((t) => t.text)).toEqual([expect.stringMatching(/^CCMS .*প্রস্তাব এসেছে/)]);
    expect(await proposed.morning(proposedAck)).toEqual({ outcome: 'SUPERSEDED' });
    // Nothing else is ever sent by this task: an entry whose SMS goes at once, or one that is gone.
    expect(await proposed.send(proposed.trackingNumber, proposal)).toEqual({ outcome: 'NOT_HELD' });
    expect(await proposed.send('CCMS-UNKNOWN', 3)).toEqual({ outcome: 'GONE' });
    expect(proposed.texts).toEqual([]);

    // Two messages in one night (the second after midnight, a new day) wait in the night's one
    // execution, which texts the night's last: the consumer answered the first in between.
    const chatty = await atNight();
    const first = await chatty.held('merchant', 'message', { message: 'Which size?' });
    chatty.clock.advance(1.5 * 3_600_000);
    await chatty.held('consumer', 'message', { message: 'Size 42.' });
    chatty.clock.advance(0.5 * 3_600_000);
    const last = await chatty.held('merchant', 'message', { message: 'And which colour?' });
    expect(last).toBe(first + 2);
    expect(chatty.night.calls.filter((call) => call.startsWith('hold'))).toEqual(
      [first, last].map((seq) =>
        expect.stringMatching(
          new RegExp(`^hold ${chatty.trackingNumber}-n20260502 \\(entry ${seq}\\) until 2026-05-02T03:`),
        ),
      ),
    );
    chatty.clock.advance(-2 * 3_600_000);
    expect(await chatty.morning(first)).toEqual({ outcome: 'SENT' });
    expect(chatty.texts).toEqual([expect.stringMatching(/^CCMS .*বিক্রেতা আপনাকে বার্তা পাঠিয়েছে$/)]);
    expect((await chatty.night.sentMessages.settled(chatty.trackingNumber, last)).size).toBe(1);
    expect((await chatty.night.sentMessages.settled(chatty.trackingNumber, first)).size).toBe(0);
    expect(await chatty.send(chatty.trackingNumber, first)).toEqual({ outcome: 'ALREADY_SENT' });
    expect(chatty.texts).toHaveLength(1);
  });

  it("tells the merchant of the consumer's message by notice, email and a complaint.message webhook without its words; the consumer hears of the merchant's request even with news stopped", async () => {
    const { file, fireCurrent, complaints, clock } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    await fireCurrent(trackingNumber);
    const step = stepsOn({ complaints, clock }, trackingNumber);
    const preferences = new InMemoryMessagePreferences();
    await preferences.set('+8801712345678', true);
    const { changed, texts, calls, payloads, emails, notifications } = recorder({}, undefined, undefined, {
      preferences,
      hasWebhook: true,
    });
    // The day's first message from the merchant is texted, the next ones are not (they are on the page and emailed).
    const open = recorder();
    await open.changed(...(await step('merchant', 'message', { message: 'Blue or red?' })));
    await open.changed(...(await step('merchant', 'message', { message: 'And which size?' })));
    expect(open.texts.map((t) => t.text)).toEqual([expect.stringMatching(/বিক্রেতা আপনাকে বার্তা পাঠিয়েছে/)]);
    // A consumer who stopped news that can wait is not texted of a message, but is of the request.
    await changed(...(await step('merchant', 'request-information', { message: 'Please send the invoice photo.' })));
    expect(texts.map((t) => t.text)).toEqual([expect.stringMatching(/^CCMS .*বিক্রেতা তথ্য চায়/)]);
    await changed(...(await step('consumer', 'answer-information-request', { message: 'My bKash is 01712345678' })));
    const seq = complaints.complaints.get(trackingNumber)!.timelineSeq;
    expect(calls).toContain(`webhook ${trackingNumber}-${seq} complaint.message`);
    expect(notifications.published.at(-1)).toMatchObject({ message: { type: 'complaint.message', seq } });
    expect(emails.at(-1)).toMatchObject({ audience: 'merchant', body: expect.stringMatching(/runs again until/) });
    expect(JSON.stringify([payloads, notifications.published, emails])).not.toContain('01712345678');
    // The next day's first message would be texted, but this consumer stopped news that can wait.
    clock.advance(DAY_MS);
    await changed(...(await step('merchant', 'message', { message: 'Any news on the invoice?' })));
    expect(complaints.complaints.get(trackingNumber)!.conversation?.merchant?.today).toBe(1);
    expect(texts).toHaveLength(1);
  });

  it('writes in English to a consumer who chose it, and emails them when they gave an address', async () => {
    const { file, complaints } = setup();
    const { trackingNumber } = await file(
      filingRequest({ language: 'en', email: 'rina@example.com' }),
      '+8801712345678',
    );
    // The address is stored sealed, like the name: never in the clear on the complaint (nor in its stream images).
    expect(JSON.stringify(complaints.complaints.get(trackingNumber))).not.toContain('rina@example.com');
    const { changed, texts, emails } = recorder();
    await changed(undefined, complaints.complaints.get(trackingNumber));
    expect(texts).toEqual([]);
    expect(emails).toEqual([
      {
        to: 'rina@example.com',
        subject: `CCMS complaint ${trackingNumber}: update`,
        // The first email asks the address's owner to confirm it (no site here: the API call to make).
        body: expect.stringMatching(
          new RegExp(
            `^Your complaint has been received\\. Tracking number ${trackingNumber}\\.\n\nTo get news of the complaint at this address, confirm it \\(within 7 days\\): POST /v1/email-confirmations \\{"token": "${trackingNumber}\\.[\\w-]{43}"\\}\nIf you did not file this complaint, ignore this email`,
          ),
        ),
        audience: 'consumer',
        // Tagged with its timeline entry, so a bounce SES reports later is kept with this complaint.
        about: { trackingNumber, seq: complaints.complaints.get(trackingNumber)!.timelineSeq },
      },
    ]);
  });

  it('emails a consumer no more until they confirm the address by the link in the first email; then every update', async () => {
    const { file, fireCurrent, complaints, clock } = setup();
    const { trackingNumber } = await file(filingRequest({ email: 'someone-else@example.com' }), 'c1');
    const filed = complaints.complaints.get(trackingNumber);
    const { changed, emails, texts, emailConfirmations } = recorder();
    await changed(undefined, filed);
    const token = /"token": "([^"]+)"/.exec(emails[0]!.body)![1]!;
    // The stored item holds the token's hash, never the token.
    expect(JSON.stringify([...emailConfirmations.items])).not.toContain(token.split('.')[1]);
    await fireCurrent(trackingNumber);
    const handedOver = complaints.complaints.get(trackingNumber);
    await changed(filed, handedOver);
    // Unconfirmed: the consumer hears by SMS; the address gets nothing more.
    expect([texts.length, emails.filter((e) => e.audience === 'consumer').length]).toEqual([1, 1]);

    const confirm = confirmEmailUseCase({ confirmations: emailConfirmations, clock });
    await expect(confirm({ token: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(confirm({ token: 'not a token' })).rejects.toBeInstanceOf(NotFoundError);
    const confirmed = await confirm({ token });
    expect(confirmed).toEqual({ trackingNumber, confirmed: true, confirmedAt: clock.now().toISOString() });
    // The same link again answers as the first time.
    expect(await confirm({ token })).toEqual(confirmed);

    clock.advance(3 * DAY_MS);
    await fireCurrent(trackingNumber);
    const reminded = complaints.complaints.get(trackingNumber);
    clock.advance(4 * DAY_MS);
    await fireCurrent(trackingNumber);
    await changed(reminded, complaints.complaints.get(trackingNumber));
    expect(emails.filter((e) => e.audience === 'consumer').map((e) => e.to)).toEqual([
      'someone-else@example.com',
      'someone-else@example.com',
    ]);
    expect(emails.at(-1)!.body).not.toContain('confirm');
  });

  it('keeps a link that went out working when a retry of the filing email sends another (SES accepted, then timed out)', async () => {
    const { file, complaints, clock } = setup();
    const { trackingNumber } = await file(filingRequest({ email: 'rina@example.com' }), 'c1');
    const filed = complaints.complaints.get(trackingNumber);
    const sent: string[] = [];
    let calls = 0;
    const { changed, emailConfirmations } = recorder({}, undefined, {
      send: async (email) => {
        sent.push(email.body);
        if (++calls === 1) throw new Error('SES: timed out');
      },
    });
    await expect(changed(undefined, filed)).rejects.toThrow(/timed out/);
    await changed(undefined, filed);
    const tokens = sent.map((body) => /"token": "([^"]+)"/.exec(body)![1]!);
    expect(new Set(tokens).size).toBe(2);
    // The first link, which did reach the inbox, confirms.
    expect(
      await confirmEmailUseCase({ confirmations: emailConfirmations, clock })({ token: tokens[0]! }),
    ).toMatchObject({
      confirmed: true,
    });
  });

  it('refuses a confirmation link past its week (422 CONFIRMATION_EXPIRED)', async () => {
    const { file, complaints, clock } = setup();
    const { trackingNumber } = await file(filingRequest({ email: 'rina@example.com' }), 'c1');
    const { changed, emails, emailConfirmations } = recorder();
    await changed(undefined, complaints.complaints.get(trackingNumber));
    const token = /"token": "([^"]+)"/.exec(emails[0]!.body)![1]!;
    clock.advance(7 * DAY_MS);
    await expect(confirmEmailUseCase({ confirmations: emailConfirmations, clock })({ token })).rejects.toMatchObject({
      code: 'CONFIRMATION_EXPIRED',
    });
  });

  it('starts the new timer before stopping the old, and tells the merchant when the complaint reaches them', async () => {
    const { file, fireCurrent, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    const before = complaints.complaints.get(trackingNumber);
    await fireCurrent(trackingNumber);
    const { calls, changed, notifications, emails, texts } = recorder();
    await changed(before, complaints.complaints.get(trackingNumber));
    expect(calls).toEqual([`start ${trackingNumber}-t2`, `stop ${trackingNumber}-t1`]);
    expect(emails.map((e) => [e.to, e.audience])).toEqual([['go@demo-bazaar.example', 'merchant']]);
    expect(texts[0]!.text).toMatch(/^CCMS .{11}: অভিযোগ গৃহীত; সমাধানের শেষ দিন/);
    expect(notifications.published).toEqual([
      {
        message: expect.objectContaining({
          type: 'complaint.awaiting-merchant',
          trackingNumber,
          merchantDeadline: '2026-05-08T08:00:00Z',
        }),
        attributes: { audience: 'merchant', merchantId: 'demo-bazaar', event: 'complaint.awaiting-merchant' },
      },
    ]);
  });

  it('reminds the merchant when the 72-hour reminder fires', async () => {
    const { file, fireCurrent, clock, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await fireCurrent(trackingNumber);
    const before = complaints.complaints.get(trackingNumber);
    clock.advance(3 * DAY_MS);
    await fireCurrent(trackingNumber);
    const { calls, changed, notifications } = recorder();
    await changed(before, complaints.complaints.get(trackingNumber));
    expect(calls).toEqual([`start ${trackingNumber}-t3`, `stop ${trackingNumber}-t2`]);
    expect(notifications.published.map((p) => p.attributes.event)).toEqual(['complaint.acknowledgement-reminder']);
  });

  it('publishes an escalation with the attributes regulators filter on, and stops the last timer', async () => {
    const { file, fireCurrent, clock, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await fireCurrent(trackingNumber);
    clock.advance(3 * DAY_MS);
    await fireCurrent(trackingNumber);
    const before = complaints.complaints.get(trackingNumber);
    clock.advance(4 * DAY_MS);
    await fireCurrent(trackingNumber);
    const { calls, changed, escalations, metrics } = recorder();
    await changed(before, complaints.complaints.get(trackingNumber));
    expect(metrics.counted).toEqual(['ComplaintsEscalated']);
    // The formal case record is issued too, for the version the escalation wrote.
    expect(calls).toEqual([
      `stop ${trackingNumber}-t3`,
      `record ${trackingNumber}-v${complaints.complaints.get(trackingNumber)!.timelineSeq}`,
    ]);
    expect(escalations.published).toEqual([
      {
        message: expect.objectContaining({
          type: 'complaint.escalated',
          trackingNumber,
          reason: 'MERCHANT_DEADLINE_MISSED',
        }),
        attributes: {
          merchantId: 'demo-bazaar',
          category: 'NOT_DELIVERED',
          reason: 'MERCHANT_DEADLINE_MISSED',
          district: 'dhaka',
        },
      },
    ]);
    // The documented schema, with its dates and the case's path; no site configured here, so no console link.
    const message = escalations.published[0]!.message as Record<string, unknown>;
    expect(escalationMessage.safeParse(message).success).toBe(true);
    expect(message).toMatchObject({
      schemaVersion: 1,
      amounts: { paid: expect.any(Number) },
      dates: { filed: expect.any(String), escalated: expect.any(String) },
      caseApiPath: `/v1/regulator/cases/${trackingNumber}`,
    });
    expect(message.caseUrl).toBeUndefined();
  });

  /** A complaint that has just escalated: the change as the stream delivers it. */
  const escalation = async () => {
    const { file, fireCurrent, clock, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await fireCurrent(trackingNumber);
    clock.advance(3 * DAY_MS);
    await fireCurrent(trackingNumber);
    const before = complaints.complaints.get(trackingNumber);
    clock.advance(4 * DAY_MS);
    await fireCurrent(trackingNumber);
    return { trackingNumber, before, after: complaints.complaints.get(trackingNumber)! };
  };

  it('an SMS outage holds nothing up: the record, the escalation and the merchant notice go at once, and the text is kept as undeliverable after its attempts', async () => {
    const { trackingNumber, before, after } = await escalation();
    const { calls, changed, escalations, notifications, texts, undeliverable, metrics } = recorder({ sms: Infinity });
    await expect(changed(before, after)).rejects.toThrow(ChangeEffectsFailed);
    // The regulators and the merchant were told on the first delivery, whatever the consumer's phone does.
    expect(calls).toContain(`record ${trackingNumber}-v${after.timelineSeq}`);
    expect(escalations.published).toHaveLength(1);
    expect(notifications.published.map((p) => p.attributes.event)).toEqual(['complaint.escalated']);
    // The stream delivers the change again; the text fails each time, until it is given up on.
    for (let delivery = 2; delivery < messageAttempts; delivery++)
      await expect(changed(before, after)).rejects.toThrow(/Service unavailable/);
    await changed(before, after);
    expect(undeliverable).toEqual([
      expect.objectContaining({
        trackingNumber,
        seq: after.timelineSeq,
        channel: 'sms',
        recipient: 'consumer',
        reason: `not delivered in ${messageAttempts} attempts: SNS: Service unavailable`,
      }),
    ]);
    expect(metrics.counted.filter((event) => event === 'MessagesUndeliverable')).toHaveLength(1);
    // Nothing was sent twice over those deliveries, and one more delivery sends and keeps nothing.
    await changed(before, after);
    expect([escalations.published.length, notifications.published.length, texts.length, undeliverable.length]).toEqual([
      1, 1, 0, 1,
    ]);
  });

  it('a change retried after a failed merchant notice sends the consumer nothing twice', async () => {
    const { file, fireCurrent, complaints } = setup();
    const { trackingNumber } = await file(filingRequest({ email: 'rina@example.com' }), 'c1');
    const before = complaints.complaints.get(trackingNumber);
    await fireCurrent(trackingNumber);
    const after = complaints.complaints.get(trackingNumber);
    const confirmed = new InMemoryEmailConfirmations();
    await confirmed.issue(trackingNumber, 'h', '2099-01-01T00:00:00.000Z');
    await confirmed.confirm(trackingNumber, 'h', '2026-05-01T00:00:00.000Z');
    const { changed, notifications, texts, emails, sentMessages } = recorder({ notices: 1 }, confirmed);
    await expect(changed(before, after)).rejects.toThrow(/SNS: Service unavailable/);
    // The consumer's messages did not wait for the merchant's notice.
    expect(texts).toHaveLength(1);
    await changed(before, after);
    expect(notifications.published).toHaveLength(1);
    expect(texts).toHaveLength(1);
    expect(emails.map((e) => e.audience).sort()).toEqual(['consumer', 'merchant']);
    expect([...(await sentMessages.settled(trackingNumber, after!.timelineSeq))].sort()).toEqual([
      'consumer#email',
      'consumer#sms',
      'merchant#email',
      'merchant#topic',
    ]);
  });

  it('a change retried after the record of a sent text failed (DynamoDB throttled) does not text again', async () => {
    const { file, fireCurrent, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    const { changed, texts, sentMessages, notifications, metrics } = recorder();
    const settle = sentMessages.settle.bind(sentMessages);
    let failures = 1;
    sentMessages.settle = async (...args: Parameters<typeof settle>) => {
      if (failures-- > 0) throw new Error('ProvisionedThroughputExceededException');
      return settle(...args);
    };
    const filed = complaints.complaints.get(trackingNumber);
    await fireCurrent(trackingNumber);
    const handed = complaints.complaints.get(trackingNumber);
    await expect(changed(filed, handed)).rejects.toThrow(/ProvisionedThroughputExceeded/);
    expect(texts).toHaveLength(1);
    // The stream delivers the change again: the text that went is not sent a second time.
    await changed(filed, handed);
    expect(texts).toHaveLength(1);
    expect(notifications.published.length).toBeLessThanOrEqual(1);
    // The text's fate is unknown to the ledger: counted, so the operator is told.
    expect(metrics.counted.filter((event) => event === 'MessagesInDoubt')).toHaveLength(1);
  });

  it('a send that fails and whose claim cannot be given back throws the send error and counts the message in doubt', async () => {
    const { file, fireCurrent, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    const { changed, texts, sentMessages, metrics } = recorder({ sms: 1 });
    sentMessages.release = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    const filed = complaints.complaints.get(trackingNumber);
    await fireCurrent(trackingNumber);
    const handed = complaints.complaints.get(trackingNumber);
    await expect(changed(filed, handed)).rejects.toThrow(/SNS: Service unavailable/);
    expect(metrics.counted.filter((event) => event === 'MessagesInDoubt')).toHaveLength(1);
    expect(texts).toHaveLength(0);
  });

  it('a text whose sending failed is sent by the retry (a claim is given back when the send fails)', async () => {
    const { file, fireCurrent, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    const { changed, texts } = recorder({ sms: 1 });
    const filed = complaints.complaints.get(trackingNumber);
    await fireCurrent(trackingNumber);
    const handed = complaints.complaints.get(trackingNumber);
    await expect(changed(filed, handed)).rejects.toThrow(/SNS: Service unavailable/);
    expect(texts).toHaveLength(0);
    await changed(filed, handed);
    expect(texts).toHaveLength(1);
  });

  it('does nothing for a change that moved neither status nor timer', async () => {
    const { file, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    const same = complaints.complaints.get(trackingNumber);
    const { calls, changed, notifications, escalations, metrics } = recorder();
    await changed(same, same);
    expect([calls, notifications.published, escalations.published, metrics.counted]).toEqual([[], [], [], []]);
  });
});

describe('public complaint view', () => {
  it('leaves out the consumer and the complaint text', async () => {
    const { file, get } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    const view = JSON.stringify(await get(trackingNumber));
    expect(view).not.toContain('+8801712345678');
    expect(view).not.toContain('parcel never arrived');
    expect(view).not.toContain('DB-1001');
  });

  it('says which tracking number was not found', async () => {
    const { get } = setup();
    await expect(get('ABCDE-FGHJ0')).rejects.toThrow(
      new NotFoundError('No complaint has the tracking number ABCDE-FGHJ0.'),
    );
  });
});

describe('what each audience sees of a complaint', () => {
  it('lists every field it shows: the store’s own fields go to nobody, the consumer’s contact to the consumer and the regulator only', async () => {
    const { file, complaints } = setup();
    const { trackingNumber } = await file(filingRequest({ email: 'rina@example.com' }), '+8801712345678');
    // A field the table does not list (as a new one would be) reaches no view.
    const stored = { ...complaints.complaints.get(trackingNumber)!, internalNote: 'never shown' } as Complaint;
    const keysOf = (view: object) => Object.keys(view).sort();
    for (const audience of ['consumer', 'merchant', 'regulator'] as const) {
      const view = complaintFor(audience, stored);
      expect(keysOf(view)).toEqual(
        keysOf(stored).filter((field) =>
          (complaintFieldAudiences as Record<string, readonly string[]>)[field]?.includes(audience),
        ),
      );
      for (const internal of ['internalNote', 'complainantNameSealed', 'timelineHead', 'timelineSeq', 'lastTimerSeq'])
        expect(view).not.toHaveProperty(internal);
    }
    const merchant = merchantComplaintView(stored, 'Rina Akter');
    expect(JSON.stringify(merchant)).not.toContain('rina@example.com');
    expect(JSON.stringify(merchant)).not.toContain('+8801712345678');
    expect(merchant.consumer).toEqual({ phone: expect.stringMatching(/\*/), name: 'Rina Akter' });
    // The sealed address goes to no view as it is stored; the regulator's view opens it (regulatorCaseView's email).
    for (const audience of ['consumer', 'merchant', 'regulator'] as const)
      expect(JSON.stringify(complaintFor(audience, stored))).not.toMatch(/rina@example\.com|sealed\(/);
  });

  it('gives the regulator the sealed timeline with its hashes but not the salts of the notes’ commitments', async () => {
    const { file, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    const timeline = complaints.timelines.get(trackingNumber)!;
    const noted = [...timeline.slice(0, -1), { ...timeline.at(-1)!, note: 'n', noteSalt: 'salt', noteHash: 'h' }];
    const view = regulatorCaseView(complaints.complaints.get(trackingNumber)!, noted);
    expect(view.timeline.at(-1)).toMatchObject({ note: 'n', noteHash: 'h', hash: expect.any(String) });
    expect(JSON.stringify(view)).not.toContain('"noteSalt"');
  });
});

describe('the sweeper of lost timers', () => {
  const sweeper = (overdue: { trackingNumber: string; dueAt: string }[], outcomes: Record<string, string>) => {
    const timers = new Map(overdue.map(({ trackingNumber, dueAt }) => [trackingNumber, dueAt]));
    const asked: { from: Date; to: Date }[] = [];
    const rearmed: string[] = [];
    const metrics = new CountingMetrics();
    const sweep = sweepTimersUseCase({
      overdue: {
        list: async (window, limit) => {
          asked.push(window);
          return overdue.slice(0, limit);
        },
      },
      complaints: {
        get: async (trackingNumber) =>
          timers.has(trackingNumber)
            ? ({
                trackingNumber,
                timer: { seq: 2, dueAt: timers.get(trackingNumber)!, purpose: 'REMIND_MERCHANT' },
              } as unknown as Complaint)
            : undefined,
      },
      rearm: async (trackingNumber) => {
        rearmed.push(trackingNumber);
        return { outcome: outcomes[trackingNumber] ?? 'REARMED' };
      },
      metrics,
      clock: fixedClock('2026-05-20T08:00:00.000Z'),
    });
    return { sweep, asked, rearmed, metrics };
  };

  it('rearms the overdue timers, leaves a running one alone, and counts what it rearmed', async () => {
    const { sweep, asked, rearmed, metrics } = sweeper(
      [
        { trackingNumber: 'AAAAA-AAAAA', dueAt: '2026-05-19T08:00:00.000Z' },
        { trackingNumber: 'BBBBB-BBBBB', dueAt: '2026-05-20T07:00:00.000Z' },
      ],
      { 'BBBBB-BBBBB': 'ALREADY_WAITING' },
    );
    expect(await sweep()).toEqual({ overdue: 2, rearmed: ['AAAAA-AAAAA'], waiting: ['BBBBB-BBBBB'] });
    expect(rearmed).toEqual(['AAAAA-AAAAA', 'BBBBB-BBBBB']);
    expect(metrics.counted).toEqual(['TimersRearmed']);
    // Due more than 15 minutes ago (a firing takes seconds), within the last 31 days.
    expect(asked).toEqual([{ from: new Date('2026-04-19T08:00:00.000Z'), to: new Date('2026-05-20T07:45:00.000Z') }]);
  });

  it('rearms at most 100 a run, and only the named complaints when a run names some', async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      trackingNumber: `T${String(i).padStart(4, '0')}-XXXXX`,
      dueAt: '2026-05-19T08:00:00.000Z',
    }));
    expect((await sweeper(many, {}).sweep()).rearmed).toHaveLength(100);
    const { sweep, rearmed } = sweeper(many, {});
    expect(await sweep({ trackingNumbers: ['T0120-XXXXX', 'NOT-THERE'] })).toMatchObject({
      overdue: 1,
      rearmed: ['T0120-XXXXX'],
    });
    expect(rearmed).toEqual(['T0120-XXXXX']);
  });
});
