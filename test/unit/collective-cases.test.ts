import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock';
import {
  addMembersRequest,
  newCollectiveCaseId,
  type CollectiveCase,
  type CollectiveMember,
} from '../../functions/domain/collective-cases';
import { act, fileComplaint, type Complaint } from '../../functions/domain/complaint';
import { decisionRequest, maxHearings, type Decision, type Hearing } from '../../functions/domain/decisions';
import { RefusedConflictError, ConcurrentChangeError, NotFoundError } from '../../functions/domain/errors';
import { DAY_MS } from '../../functions/domain/lifecycle';
import type {
  CollectiveCases,
  CollectiveCaseSummary,
  CollectiveProgress,
  MemberAdded,
  PageRequest,
} from '../../functions/domain/ports';
import { newTrackingNumber } from '../../functions/domain/tracking-number';
import { verifyTimeline, type TimelineEntry } from '../../functions/domain/timeline';
import {
  addCollectiveMembersUseCase,
  applyCollectiveCaseUseCase,
  collectiveMembersCsvUseCase,
  CollectiveRunIncompleteError,
  createCollectiveCaseUseCase,
  decideCollectiveCaseUseCase,
  scheduleCollectiveHearingUseCase,
} from '../../functions/regulator/collective-use-cases';
import { decideCaseUseCase, scheduleHearingUseCase } from '../../functions/regulator/use-cases';
import { filingRequest } from './fixtures';
import { InMemoryComplaints, InMemoryMerchants } from './in-memory';

/** Collective cases in memory, with the adapter's rules: one case a complaint, none after the decision, a cap. */
class InMemoryCollectiveCases implements CollectiveCases {
  readonly cases = new Map<string, CollectiveCase>();
  readonly memberships = new Map<string, string>();
  readonly memberLists = new Map<string, CollectiveMember[]>();
  readonly progressOf = new Map<string, CollectiveProgress>();
  readonly ranks = new Map<string, number>();
  async create(collective: CollectiveCase) {
    this.cases.set(collective.caseId, structuredClone(collective));
    this.memberLists.set(collective.caseId, []);
  }
  async get(caseId: string) {
    const found = this.cases.get(caseId);
    return found && structuredClone(found);
  }
  async membershipOf(trackingNumber: string) {
    return this.memberships.get(trackingNumber);
  }
  async addMember(caseId: string, member: CollectiveMember, cap: number): Promise<MemberAdded> {
    const collective = this.cases.get(caseId)!;
    const owner = this.memberships.get(member.trackingNumber);
    if (owner) return owner === caseId ? 'ALREADY_MEMBER' : 'IN_ANOTHER_CASE';
    if (collective.status === 'DECIDED') return 'DECIDED';
    if (collective.members >= cap) return 'FULL';
    collective.members++;
    this.memberships.set(member.trackingNumber, caseId);
    this.memberLists.get(caseId)!.push(member);
    return 'ADDED';
  }
  async addHearing(collective: CollectiveCase, hearing: Hearing) {
    const kept = this.cases.get(collective.caseId)!;
    if (kept.status !== 'OPEN' || kept.hearings.length !== collective.hearings.length)
      throw new ConcurrentChangeError(collective.caseId);
    kept.hearings.push(hearing);
  }
  async decide(collective: CollectiveCase, decision: Decision) {
    const kept = this.cases.get(collective.caseId)!;
    if (kept.status !== 'OPEN') throw new ConcurrentChangeError(collective.caseId);
    Object.assign(kept, { status: 'DECIDED', decision });
  }
  /** Two at a time, so the runs cross pages. */
  async members(caseId: string, page: PageRequest) {
    const all = [...(this.memberLists.get(caseId) ?? [])].sort((a, b) =>
      a.trackingNumber.localeCompare(b.trackingNumber),
    );
    const from = page.cursor ? Number(page.cursor) : 0;
    const size = Math.min(page.limit, 2);
    return {
      items: all.slice(from, from + size),
      ...(from + size < all.length && { nextCursor: String(from + size) }),
    };
  }
  async list(): Promise<{ items: CollectiveCaseSummary[] }> {
    return { items: [] };
  }
  async recordProgress(caseId: string, progress: CollectiveProgress, stateRank: number) {
    if ((this.ranks.get(caseId) ?? -1) > stateRank) return false;
    this.ranks.set(caseId, stateRank);
    this.progressOf.set(caseId, progress);
    return true;
  }
  async progress(caseId: string) {
    return this.progressOf.get(caseId);
  }
}
const regulator = { regulatorId: 'dncrp-1', agency: 'DNCRP' };
const filedAt = new Date('2026-05-01T08:00:00Z');
const day = (n: number) => new Date(filedAt.getTime() + n * DAY_MS);
const trackingNumbers = [1, 2, 3, 4, 5].map((n) => newTrackingNumber(Uint8Array.from({ length: 9 }, () => n)));
const [tn0, tn1, tn2, tn3, tn4] = trackingNumbers as [string, string, string, string, string];

/** Escalated complaints (the merchant let the deadline pass), one per tracking number. */
const world = (options: { otherMerchant?: string[]; notEscalated?: string[] } = {}) => {
  const complaints = new InMemoryComplaints();
  for (const trackingNumber of trackingNumbers) {
    const filed = fileComplaint({
      request: filingRequest({
        merchantId: options.otherMerchant?.includes(trackingNumber) ? 'meghna-fashion' : 'demo-bazaar',
      }),
      consumerId: '+8801712345678',
      complainantNameSealed: 'sealed',
      trackingNumber,
      at: filedAt,
    });
    const timeline: TimelineEntry[] = [filed.entry];
    let complaint: Complaint = filed.complaint;
    const steps = options.notEscalated?.includes(trackingNumber)
      ? ([['NOTIFY_MERCHANT', day(0)]] as const)
      : ([
          ['NOTIFY_MERCHANT', day(0)],
          ['ESCALATE', day(8)],
        ] as const);
    for (const [action, at] of steps) {
      const change = act(complaint, action, 'system', at);
      timeline.push(change.entry);
      complaint = change.complaint;
    }
    complaints.complaints.set(trackingNumber, complaint);
    complaints.timelines.set(trackingNumber, timeline);
  }
  const cases = new InMemoryCollectiveCases();
  const clock = fixedClock(day(9).toISOString());
  const runs: CollectiveCase[] = [];
  const runner = { start: async (collective: CollectiveCase) => void runs.push(collective) };
  let seed = 0;
  const randomBytes = (size: number) => Uint8Array.from({ length: size }, () => seed++);
  const merchants = new InMemoryMerchants([
    { merchantId: 'demo-bazaar', name: 'Demo Bazaar' },
    { merchantId: 'meghna-fashion', name: 'Meghna Fashion' },
  ] as never);
  return {
    complaints,
    cases,
    clock,
    runs,
    create: createCollectiveCaseUseCase({ cases, merchants, clock, randomBytes }),
    add: addCollectiveMembersUseCase({ cases, complaints, runner, clock }),
    hear: scheduleCollectiveHearingUseCase({ cases, runner, clock }),
    decide: decideCollectiveCaseUseCase({ cases, runner, clock }),
    run: applyCollectiveCaseUseCase({ cases, complaints, clock }),
    csv: collectiveMembersCsvUseCase({ cases }),
    decideAlone: decideCaseUseCase({ complaints, collectives: cases, clock }),
    hearAlone: scheduleHearingUseCase({ complaints, collectives: cases, clock }),
  };
};

const hearing = { at: '2026-05-20T11:00:00+06:00', mode: 'IN_PERSON', place: 'DNCRP, Karwan Bazar, Dhaka' } as const;
const upheld = decisionRequest.parse({
  outcome: 'UPHELD',
  remedy: 'REFUND',
  amount: 1200,
  complianceDueDate: '2026-06-10',
  reasons: 'The merchant took advance payments and delivered nothing to any of these consumers.',
});
const title = 'Advance payments, nothing delivered (May 2026)';

describe('collective cases', () => {
  it('have ids of 10 symbols after CC-, and tracking numbers are read as typed, once each', () => {
    expect(newCollectiveCaseId(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 31]))).toBe('CC-012345678Z');
    expect(addMembersRequest.parse({ trackingNumbers: [tn0.toLowerCase().replace('-', ' '), tn0] })).toEqual({
      trackingNumbers: [tn0],
    });
    expect(
      addMembersRequest.safeParse({ trackingNumbers: [tn1, `${tn0.slice(0, -1)}Z`] }).error?.issues[0]?.path,
    ).toEqual(['trackingNumbers', 1]);
    expect(addMembersRequest.safeParse({ trackingNumbers: [] }).success).toBe(false);
  });

  it('are opened against a merchant that exists', async () => {
    const { create } = world();
    await expect(create(regulator, { merchantId: 'no-such-shop', title })).rejects.toThrow(NotFoundError);
    expect(await create(regulator, { merchantId: 'demo-bazaar', title })).toMatchObject({
      status: 'OPEN',
      members: 0,
      hearings: [],
      createdBy: regulator,
    });
  });

  it('take escalated cases against their merchant, one collective case each, and say why they refuse the others', async () => {
    const { create, add } = world({ otherMerchant: [tn2], notEscalated: [tn3] });
    const first = await create(regulator, { merchantId: 'demo-bazaar', title });
    const second = await create(regulator, { merchantId: 'demo-bazaar', title: 'Another grouping' });
    const answer = await add(regulator, first.caseId, trackingNumbers.slice(0, 4));
    expect(answer.added).toEqual([tn0, tn1]);
    expect(answer.refused.map(({ trackingNumber, code }) => [trackingNumber, code])).toEqual([
      [tn2, 'OTHER_MERCHANT'],
      [tn3, 'NOT_ESCALATED'],
    ]);
    expect(answer.members).toBe(2);
    expect((await add(regulator, first.caseId, [tn0])).refused[0]?.code).toBe('ALREADY_MEMBER');
    expect((await add(regulator, second.caseId, [tn1])).refused[0]?.code).toBe('IN_ANOTHER_CASE');
    await expect(add(regulator, 'CC-0000000000', [tn4])).rejects.toThrow(NotFoundError);
  });

  it("stand in the way of a member's own hearing and decision (409 naming the collective case)", async () => {
    const { create, add, decideAlone, hearAlone } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, [tn0]);
    const refusal = await decideAlone(regulator, tn0, upheld).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RefusedConflictError);
    expect(refusal).toMatchObject({ code: 'IN_COLLECTIVE_CASE', details: { collectiveCaseId: collective.caseId } });
    await expect(hearAlone(regulator, tn0, hearing)).rejects.toThrow(RefusedConflictError);
    // A case outside it is decided on its own as before.
    await expect(decideAlone(regulator, tn1, upheld)).resolves.toMatchObject({ status: 'CLOSED' });
  });

  it("hold one hearing: every member's case gets it once, and a member who joins later gets it too", async () => {
    const { create, add, hear, run, runs, complaints } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, trackingNumbers.slice(0, 3));
    expect(runs).toEqual([]);
    await hear(regulator, collective.caseId, hearing);
    expect(runs.at(-1)?.hearings).toHaveLength(1);
    expect(await run(collective.caseId)).toMatchObject({ members: 3, hearingsScheduled: 3, decided: 0 });
    expect(await run(collective.caseId)).toMatchObject({ members: 3, hearingsScheduled: 0 });
    await add(regulator, collective.caseId, [tn3]);
    expect(runs.at(-1)?.members).toBe(4);
    expect(await run(collective.caseId)).toMatchObject({ members: 4, hearingsScheduled: 1 });
    for (const trackingNumber of trackingNumbers.slice(0, 4)) {
      const complaint = (await complaints.get(trackingNumber))!;
      expect(complaint.hearings).toHaveLength(1);
      const entry = complaints.timelines.get(trackingNumber)!.at(-1)!;
      expect(entry).toMatchObject({
        action: 'SCHEDULE_HEARING',
        details: { collectiveCaseId: collective.caseId, hearingAt: '2026-05-20T05:00:00.000Z' },
      });
    }
  });

  it('decide once for every member, each closed with a timeline entry naming the collective case; then take no more members', async () => {
    const { create, add, decide, run, complaints, runs } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await expect(decide(regulator, collective.caseId, upheld)).rejects.toMatchObject({ code: 'COLLECTIVE_CASE_EMPTY' });
    await add(regulator, collective.caseId, trackingNumbers.slice(0, 3));
    const decided = await decide(regulator, collective.caseId, upheld);
    expect(decided).toMatchObject({ status: 'DECIDED', members: 3, decision: { outcome: 'UPHELD' } });
    expect(runs.at(-1)?.decision?.outcome).toBe('UPHELD');
    expect(await run(collective.caseId)).toMatchObject({ members: 3, decided: 3, failed: [] });
    for (const trackingNumber of trackingNumbers.slice(0, 3)) {
      const complaint = (await complaints.get(trackingNumber))!;
      expect(complaint).toMatchObject({
        status: 'CLOSED',
        decision: { outcome: 'UPHELD', amount: 1200, decidedAt: decided.decision.decidedAt },
        compliance: { dueAt: '2026-06-10T18:00:00Z' },
      });
      const timeline = complaints.timelines.get(trackingNumber)!;
      expect(timeline.at(-1)).toMatchObject({ action: 'DECIDE', details: { collectiveCaseId: collective.caseId } });
      expect(verifyTimeline(trackingNumber, timeline)).toEqual({ valid: true });
    }
    // Run again (a retry): nothing is decided twice.
    const seqs = trackingNumbers.slice(0, 3).map((tn) => complaints.complaints.get(tn)!.timelineSeq);
    expect(await run(collective.caseId)).toMatchObject({ decided: 3 });
    expect(trackingNumbers.slice(0, 3).map((tn) => complaints.complaints.get(tn)!.timelineSeq)).toEqual(seqs);
    await expect(decide(regulator, collective.caseId, upheld)).rejects.toMatchObject({
      code: 'COLLECTIVE_CASE_DECIDED',
    });
    await expect(add(regulator, collective.caseId, [tn4])).rejects.toMatchObject({ currentStatus: 'DECIDED' });
    await expect(
      world()
        .hear(regulator, collective.caseId, hearing)
        .catch((error: unknown) => error),
    ).resolves.toBeInstanceOf(NotFoundError);
  });

  it('check the compliance date when deciding, against the day it is decided', async () => {
    const { create, add, decide } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, [tn0]);
    await expect(
      decide(regulator, collective.caseId, { ...upheld, complianceDueDate: '2026-05-01' } as typeof upheld),
    ).rejects.toMatchObject({ code: 'COMPLIANCE_DATE_INVALID' });
  });

  it('leave a member decided on its own as it was, and go past a member that cannot be reached, failing at the end', async () => {
    const { create, add, decide, run, complaints, cases } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, trackingNumbers.slice(0, 4));
    await decide(regulator, collective.caseId, upheld);
    // A race the routes cannot close: the member's own decision landed just before it joined.
    const alone = complaints.complaints.get(tn1)!;
    complaints.complaints.set(tn1, {
      ...alone,
      decision: {
        outcome: 'DISMISSED',
        reasons: 'x'.repeat(20),
        decidedAt: day(8).toISOString(),
        decidedBy: regulator,
      },
    });
    complaints.complaints.delete(tn2);
    const failure = await run(collective.caseId).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CollectiveRunIncompleteError);
    expect(cases.progressOf.get(collective.caseId)).toMatchObject({
      members: 4,
      decided: 2,
      decidedAlone: [tn1],
      failed: [tn2],
    });
    expect(complaints.complaints.get(tn3)?.status).toBe('CLOSED');
  });

  it("list members as CSV with nothing of the consumer's", async () => {
    const { create, add, csv, complaints } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, trackingNumbers.slice(0, 3));
    const file = await csv(collective.caseId);
    const lines = file.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\ufefftrackingNumber,category,district,amount,escalatedAt,addedAt,addedByAgency');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(trackingNumbers.slice(0, 3));
    const complaint = complaints.complaints.get(tn0)!;
    for (const personal of [complaint.consumerId, complaint.description, complaint.orderRef, 'sealed'])
      expect(file).not.toContain(personal);
  });

  it('refuse a withdrawn case, and pass over a member withdrawn after it joined, without failing the run', async () => {
    const { create, add, decide, run, complaints, cases } = world();
    const withdraw = (trackingNumber: string) => {
      const change = act(complaints.complaints.get(trackingNumber)!, 'WITHDRAW', 'consumer', day(9));
      complaints.complaints.set(trackingNumber, change.complaint);
      complaints.timelines.get(trackingNumber)!.push(change.entry);
    };
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    withdraw(tn0);
    expect((await add(regulator, collective.caseId, [tn0])).refused[0]?.code).toBe('NOT_ESCALATED');
    await add(regulator, collective.caseId, [tn1, tn2]);
    withdraw(tn1);
    await decide(regulator, collective.caseId, upheld);
    expect(await run(collective.caseId)).toMatchObject({ members: 2, decided: 1, closedOtherwise: [tn1], failed: [] });
    expect(complaints.complaints.get(tn1)?.status).toBe('WITHDRAWN');
    expect(cases.progressOf.get(collective.caseId)?.closedOtherwise).toEqual([tn1]);
  });

  it('still decide a member whose own case has all the hearings it can hold', async () => {
    const { create, add, hear, decide, run, complaints } = world();
    const full = complaints.complaints.get(tn0)!;
    complaints.complaints.set(tn0, {
      ...full,
      hearings: Array.from({ length: maxHearings }, (_, i) => ({
        number: i + 1,
        at: day(10).toISOString(),
        mode: 'ONLINE' as const,
        link: 'https://meet.example.gov.bd/own',
        scheduledAt: day(8).toISOString(),
        scheduledBy: regulator,
      })),
    });
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, [tn0, tn1]);
    await hear(regulator, collective.caseId, hearing);
    expect(await run(collective.caseId)).toMatchObject({ hearingsScheduled: 1, failed: [] });
    await decide(regulator, collective.caseId, upheld);
    expect(await run(collective.caseId)).toMatchObject({ decided: 2, failed: [] });
    expect(complaints.complaints.get(tn0)?.hearings).toHaveLength(maxHearings);
  });

  it('give a compliance date from tomorrow: the run may reach its members after midnight', async () => {
    const { create, add, decide, clock } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, [tn0]);
    const today = new Date(clock.now().getTime() + 6 * 3_600_000).toISOString().slice(0, 10);
    await expect(
      decide(regulator, collective.caseId, { ...upheld, complianceDueDate: today } as typeof upheld),
    ).rejects.toMatchObject({ code: 'COMPLIANCE_DATE_INVALID' });
  });

  it('answer a retried hearing or decision with its run, not a second one', async () => {
    const { create, add, hear, decide, runs } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, [tn0]);
    const first = await hear(regulator, collective.caseId, hearing);
    const again = await hear(regulator, collective.caseId, hearing);
    expect(again.hearing).toEqual(first.hearing);
    expect(runs.map((started) => started.hearings.length)).toEqual([1, 1]);
    // A retried addition that adds nothing still starts the run the first one may not have.
    expect((await add(regulator, collective.caseId, [tn0])).added).toEqual([]);
    expect(runs).toHaveLength(3);
    await decide(regulator, collective.caseId, upheld);
    await expect(decide(regulator, collective.caseId, upheld)).rejects.toMatchObject({
      code: 'COLLECTIVE_CASE_DECIDED',
    });
    expect(runs.slice(-2).map((started) => started.status)).toEqual(['DECIDED', 'DECIDED']);
  });

  it('leave the count and the progress to the decision’s own run when an earlier run finishes after it', async () => {
    const { create, add, hear, decide, run, cases } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, [tn0]);
    await hear(regulator, collective.caseId, hearing);
    const beforeDecision = (await cases.get(collective.caseId))!;
    await decide(regulator, collective.caseId, upheld);
    await run(collective.caseId);
    // The hearing's run, late, reads the case as it was before the decision.
    const decided = cases.cases.get(collective.caseId)!;
    cases.cases.set(collective.caseId, beforeDecision);
    expect(await run(collective.caseId)).toMatchObject({ decidedAlone: [], decided: 0, failed: [] });
    // Its progress does not hide the decision run's.
    expect(cases.progressOf.get(collective.caseId)).toMatchObject({ decided: 1 });
    cases.cases.set(collective.caseId, decided);
  });

  it('fail a run that lists fewer members than the case counts, so it is retried', async () => {
    const { create, add, run, cases } = world();
    const collective = await create(regulator, { merchantId: 'demo-bazaar', title });
    await add(regulator, collective.caseId, [tn0]);
    cases.cases.get(collective.caseId)!.members = 2;
    await expect(run(collective.caseId)).rejects.toMatchObject({ unread: 1 });
  });
});
