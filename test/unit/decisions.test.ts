import { describe, expect, it } from 'vitest';
import { act, fileComplaint, type Complaint } from '../../functions/domain/complaint';
import { fixedClock } from '../../functions/domain/clock';
import {
  complianceDeadline,
  decide,
  decisionRequest,
  hearingRequest,
  scheduleHearing,
  type DecisionRequest,
} from '../../functions/domain/decisions';
import { RefusedError, NotFoundError, TransitionRefusedError } from '../../functions/domain/errors';
import { DAY_MS } from '../../functions/domain/lifecycle';
import { consumerMessage, merchantEmail } from '../../functions/domain/messages';
import { verifyTimeline, type TimelineEntry } from '../../functions/domain/timeline';
import { fireTimerUseCase } from '../../functions/workflow/use-cases';
import { wakeAtFor } from '../../functions/domain/timers';
import { decideCaseUseCase, scheduleHearingUseCase } from '../../functions/regulator/use-cases';
import { filingRequest } from './fixtures';
import { InMemoryComplaints } from './in-memory';

const regulator = { regulatorId: 'dncrp-1', agency: 'DNCRP' };
const noCollectives = { membershipOf: async () => undefined };
const filedAt = new Date('2026-05-01T08:00:00Z');
const day = (n: number) => new Date(filedAt.getTime() + n * DAY_MS);

/** A complaint the merchant ignored until it escalated, with its timeline. */
const escalatedCase = () => {
  const filed = fileComplaint({
    request: filingRequest(),
    consumerId: '+8801712345678',
    complainantNameSealed: 'sealed',
    trackingNumber: 'ABCDE-FGHJ0',
    at: filedAt,
  });
  const timeline: TimelineEntry[] = [filed.entry];
  let complaint: Complaint = filed.complaint;
  for (const [action, at] of [
    ['NOTIFY_MERCHANT', day(0)],
    ['ESCALATE', day(8)],
  ] as const) {
    const change = act(complaint, action, 'system', at);
    timeline.push(change.entry);
    complaint = change.complaint;
  }
  return { complaint, timeline };
};

const upheld = decisionRequest.parse({
  outcome: 'UPHELD',
  remedy: 'REFUND',
  amount: 2450.5,
  complianceDueDate: '2026-05-20',
  reasons: 'The parcel was never delivered and the merchant kept the money.',
}) as Extract<DecisionRequest, { outcome: 'UPHELD' }>;

describe('hearing requests', () => {
  it('need the link of an online hearing and the place of one in person', () => {
    expect(
      hearingRequest.safeParse({ at: '2026-05-12T10:00:00+06:00', mode: 'ONLINE' }).error?.issues[0],
    ).toMatchObject({ path: ['link'] });
    expect(
      hearingRequest.safeParse({ at: '2026-05-12T10:00:00+06:00', mode: 'IN_PERSON' }).error?.issues[0],
    ).toMatchObject({ path: ['place'] });
    expect(
      hearingRequest.safeParse({ at: '2026-05-12T10:00:00+06:00', mode: 'ONLINE', link: 'http://meet.example/1' })
        .success,
    ).toBe(false);
    expect(
      hearingRequest.safeParse({ at: 'next tuesday', mode: 'ONLINE', link: 'https://meet.example/1' }).success,
    ).toBe(false);
  });
});

describe('scheduling a hearing', () => {
  it('records it on the case and seals its time, mode and link in the chain', () => {
    const { complaint, timeline } = escalatedCase();
    const change = scheduleHearing(
      complaint,
      hearingRequest.parse({ at: '2026-05-12T10:00:00+06:00', mode: 'ONLINE', link: 'https://meet.example/1' }),
      regulator,
      day(9),
    );
    expect(change.complaint.status).toBe('ESCALATED');
    expect(change.complaint.hearings).toEqual([
      {
        number: 1,
        at: '2026-05-12T04:00:00.000Z',
        mode: 'ONLINE',
        link: 'https://meet.example/1',
        scheduledAt: day(9).toISOString(),
        scheduledBy: regulator,
      },
    ]);
    expect(change.entry).toMatchObject({
      action: 'SCHEDULE_HEARING',
      actor: 'regulator',
      details: { hearing: 1, hearingAt: '2026-05-12T04:00:00.000Z', mode: 'ONLINE', agency: 'DNCRP' },
    });
    const chain = [...timeline, change.entry];
    expect(verifyTimeline(complaint.trackingNumber, chain)).toEqual({ valid: true });
    // Moving the hearing in the stored entry breaks the chain.
    const moved = { ...change.entry, details: { ...change.entry.details, hearingAt: '2026-05-13T04:00:00.000Z' } };
    expect(verifyTimeline(complaint.trackingNumber, [...timeline, moved])).toMatchObject({
      valid: false,
      brokenAt: change.entry.seq,
      reason: 'the entry was altered',
    });
  });

  it('refuses a hearing past the 20th', () => {
    let { complaint } = escalatedCase();
    const request = hearingRequest.parse({
      at: '2026-06-01T10:00:00+06:00',
      mode: 'ONLINE',
      link: 'https://meet.example/1',
    });
    for (let n = 1; n <= 20; n++) complaint = scheduleHearing(complaint, request, regulator, day(9)).complaint;
    expect(complaint.hearings).toHaveLength(20);
    expect(() => scheduleHearing(complaint, request, regulator, day(9))).toThrow(
      expect.objectContaining({ code: 'HEARING_LIMIT_REACHED' }),
    );
  });

  it('refuses a time already past, and a case no longer escalated', () => {
    const { complaint } = escalatedCase();
    const request = hearingRequest.parse({
      at: '2026-05-09T10:00:00+06:00',
      mode: 'IN_PERSON',
      place: 'DNCRP, Karwan Bazar, Dhaka',
    });
    expect(() => scheduleHearing(complaint, request, regulator, day(9))).toThrow(RefusedError);
    const closed = decide(complaint, upheld, regulator, day(9)).complaint;
    expect(() => scheduleHearing(closed, { ...request, at: '2026-06-01T10:00:00+06:00' }, regulator, day(9))).toThrow(
      TransitionRefusedError,
    );
  });
});

describe('deciding a case', () => {
  it('upheld: closes the case, seals the outcome, and times compliance to the end of the Dhaka day', () => {
    const { complaint, timeline } = escalatedCase();
    const change = decide(complaint, upheld, regulator, day(9));
    expect(change.complaint).toMatchObject({
      status: 'CLOSED',
      closedAt: day(9).toISOString(),
      decision: { outcome: 'UPHELD', remedy: 'REFUND', amount: 2450.5, decidedBy: regulator },
    });
    expect(complianceDeadline('2026-05-20')).toBe('2026-05-20T18:00:00Z');
    expect(change.complaint.compliance).toEqual({ dueAt: '2026-05-20T18:00:00Z' });
    expect(change.complaint.timer).toMatchObject({ purpose: 'COMPLIANCE_DUE', dueAt: '2026-05-20T18:00:00Z' });
    expect(change.entry).toMatchObject({
      action: 'DECIDE',
      toStatus: 'CLOSED',
      note: upheld.reasons,
      details: { outcome: 'UPHELD', remedy: 'REFUND', amount: 2450.5, complianceDueAt: '2026-05-20T18:00:00Z' },
    });
    expect(verifyTimeline(complaint.trackingNumber, [...timeline, change.entry])).toEqual({ valid: true });
  });

  it('dismissed or referred: closes the case with nothing left to time', () => {
    const { complaint } = escalatedCase();
    const dismissed = decide(
      complaint,
      decisionRequest.parse({
        outcome: 'DISMISSED',
        reasons: 'The consumer received the parcel, as the courier proves.',
      }),
      regulator,
      day(9),
    );
    expect(dismissed.complaint).toMatchObject({ status: 'CLOSED', decision: { outcome: 'DISMISSED' } });
    expect(dismissed.complaint.timer).toBeUndefined();
    expect(dismissed.complaint.compliance).toBeUndefined();
    const referred = decide(
      complaint,
      decisionRequest.parse({
        outcome: 'REFERRED',
        referredTo: 'Bangladesh Bank',
        reasons: 'A card chargeback dispute belongs to the central bank.',
      }),
      regulator,
      day(9),
    );
    expect(referred.entry.details).toMatchObject({ outcome: 'REFERRED', referredTo: 'Bangladesh Bank' });
  });

  it('refuses a compliance date before today or more than a year ahead, and a decision without reasons', () => {
    const { complaint } = escalatedCase();
    expect(() => decide(complaint, { ...upheld, complianceDueDate: '2026-05-09' }, regulator, day(9))).toThrow(
      RefusedError,
    );
    expect(() => decide(complaint, { ...upheld, complianceDueDate: '2027-06-01' }, regulator, day(9))).toThrow(
      RefusedError,
    );
    expect(decisionRequest.safeParse({ outcome: 'DISMISSED', reasons: 'no' }).success).toBe(false);
    expect(
      decisionRequest.safeParse({ outcome: 'UPHELD', remedy: 'REFUND', reasons: upheld.reasons }).error?.issues[0]
        ?.path,
    ).toEqual(['complianceDueDate']);
    expect(decisionRequest.safeParse({ outcome: 'MAYBE', reasons: upheld.reasons }).success).toBe(false);
  });

  it('tells the consumer the outcome in their language, and the merchant how to confirm compliance', () => {
    const { complaint } = escalatedCase();
    const decided = decide(complaint, upheld, regulator, day(9)).complaint;
    expect(consumerMessage('DECIDE', decided)?.sms).toContain('আপনার পক্ষে');
    expect(consumerMessage('DECIDE', decided)?.body).toContain('গ্রহণযোগ্য');
    expect(consumerMessage('DECIDE', { ...decided, language: 'en' })?.sms).toContain('upheld, in your favour');
    expect(merchantEmail('complaint.decided', decided)?.body).toContain(
      `/v1/merchant/complaints/${complaint.trackingNumber}/confirm-compliance`,
    );
  });
});

describe('compliance with an upheld decision', () => {
  it('is flagged by its timer when the date passes unconfirmed, and the timer then stops', async () => {
    const complaints = new InMemoryComplaints();
    const clock = fixedClock(day(8).toISOString());
    const { complaint, timeline } = escalatedCase();
    complaints.complaints.set(complaint.trackingNumber, complaint);
    complaints.timelines.set(complaint.trackingNumber, timeline);
    await decideCaseUseCase({ complaints, collectives: noCollectives, clock })(
      regulator,
      complaint.trackingNumber,
      upheld,
    );
    const decided = (await complaints.get(complaint.trackingNumber))!;
    clock.advance(Date.parse(decided.compliance!.dueAt) - clock.now().getTime());
    const fired = await fireTimerUseCase({ complaints, clock })(complaint.trackingNumber, decided.timer!.seq);
    expect(fired).toMatchObject({ outcome: 'FIRED', action: 'FLAG_NONCOMPLIANCE', status: 'CLOSED' });
    const flagged = (await complaints.get(complaint.trackingNumber))!;
    expect(flagged.compliance).toEqual({ dueAt: decided.compliance!.dueAt, overdueAt: clock.now().toISOString() });
    expect(flagged.timer).toBeUndefined();
    expect(verifyTimeline(complaint.trackingNumber, complaints.timelines.get(complaint.trackingNumber)!)).toEqual({
      valid: true,
    });
  });

  it('reaches a compliance date a year ahead through a second execution: the first, woken at 300 days, hands over without acting', async () => {
    const complaints = new InMemoryComplaints();
    const clock = fixedClock(day(8).toISOString());
    const { complaint, timeline } = escalatedCase();
    complaints.complaints.set(complaint.trackingNumber, complaint);
    complaints.timelines.set(complaint.trackingNumber, timeline);
    const yearAhead = {
      ...upheld,
      complianceDueDate: new Date(day(8).getTime() + 364 * DAY_MS).toISOString().slice(0, 10),
    };
    await decideCaseUseCase({ complaints, collectives: noCollectives, clock })(
      regulator,
      complaint.trackingNumber,
      yearAhead,
    );
    const decided = (await complaints.get(complaint.trackingNumber))!;
    const { dueAt, seq } = decided.timer!;
    const firstWake = wakeAtFor(dueAt, clock.now());
    expect(Date.parse(firstWake) - clock.now().getTime()).toBe(300 * DAY_MS);
    clock.advance(300 * DAY_MS);
    const fire = fireTimerUseCase({ complaints, clock });
    const handedOver = await fire(complaint.trackingNumber, seq, { wakeAt: firstWake, round: 0 });
    expect(handedOver).toEqual({
      outcome: 'NOT_YET',
      trackingNumber: complaint.trackingNumber,
      next: {
        trackingNumber: complaint.trackingNumber,
        timerSeq: seq,
        dueAt,
        purpose: 'COMPLIANCE_DUE',
        wakeAt: dueAt,
        round: 1,
        attempts: 0,
      },
    });
    expect(await complaints.get(complaint.trackingNumber)).toEqual(decided);
    clock.advance(Date.parse(dueAt) - clock.now().getTime());
    expect(await fire(complaint.trackingNumber, seq, { wakeAt: dueAt, round: 1 })).toMatchObject({
      outcome: 'FIRED',
      action: 'FLAG_NONCOMPLIANCE',
    });
  });

  it('confirmed by the merchant in time: the timer is gone and never flags', () => {
    const { complaint } = escalatedCase();
    const decided = decide(complaint, upheld, regulator, day(9)).complaint;
    const confirmed = act(
      decided,
      'CONFIRM_COMPLIANCE',
      'merchant',
      day(12),
      'Refunded to the bKash account on 12 May.',
    ).complaint;
    expect(confirmed.timer).toBeUndefined();
    expect(confirmed.compliance?.confirmedAt).toBe(day(12).toISOString());
  });
});

describe('regulator steps', () => {
  it('answer a complaint never escalated like none at all', async () => {
    const complaints = new InMemoryComplaints();
    const filed = fileComplaint({
      request: filingRequest(),
      consumerId: '+8801712345678',
      complainantNameSealed: 'sealed',
      trackingNumber: 'ABCDE-FGHJ0',
      at: filedAt,
    });
    await complaints.create(filed);
    const clock = fixedClock(day(1).toISOString());
    await expect(
      decideCaseUseCase({ complaints, collectives: noCollectives, clock })(regulator, 'ABCDE-FGHJ0', upheld),
    ).rejects.toThrow(NotFoundError);
    const hearing = hearingRequest.parse({
      at: '2026-06-01T10:00:00+06:00',
      mode: 'ONLINE',
      link: 'https://meet.example/1',
    });
    await expect(
      scheduleHearingUseCase({ complaints, collectives: noCollectives, clock })(regulator, 'ABCDE-FGHJ0', hearing),
    ).rejects.toThrow(NotFoundError);
  });
});
