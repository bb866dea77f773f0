/**
 * Collective cases: a regulator groups escalated complaints against one merchant, hears them at
 * once and decides them with one decision. The routes change the collective case; a run (a
 * state-machine task) then brings every member's own case in line, one timeline entry each, so the
 * stream tells each consumer and the merchant as for any hearing or decision.
 */
import type { Clock } from '../domain/clock';
import {
  collectiveCaseIdPattern,
  collectiveDecision,
  collectiveHearing,
  collectiveMember,
  collectiveStateRank,
  maxMembers,
  memberCsvColumns,
  memberCsvRow,
  memberRefusal,
  newCollectiveCase,
  newCollectiveCaseId,
  nextMemberStep,
  type CollectiveCase,
  type CreateCollectiveCaseRequest,
} from '../domain/collective-cases';
import {
  regulatorActor,
  type DecisionRequest,
  type Hearing,
  type HearingRequest,
  type RegulatorActor,
} from '../domain/decisions';
import { ConcurrentChangeError, NotFoundError, TransitionRefusedError } from '../domain/errors';
import { csvLine } from '../domain/exports';
import type {
  CollectiveCaseRunner,
  CollectiveCases,
  CollectiveProgress,
  ComplaintRepository,
  MerchantDirectory,
  PageRequest,
} from '../domain/ports';

const found = async (cases: CollectiveCases, caseId: string): Promise<CollectiveCase> => {
  const collective = collectiveCaseIdPattern.test(caseId) ? await cases.get(caseId) : undefined;
  if (!collective) throw new NotFoundError(`No collective case has the id ${caseId}.`);
  return collective;
};

export const createCollectiveCaseUseCase =
  (deps: {
    cases: CollectiveCases;
    merchants: MerchantDirectory;
    clock: Clock;
    randomBytes: (size: number) => Uint8Array;
  }) =>
  async (regulator: RegulatorActor, request: CreateCollectiveCaseRequest) => {
    if (!(await deps.merchants.get(request.merchantId)))
      throw new NotFoundError(`No merchant has the id ${request.merchantId}.`);
    const collective = newCollectiveCase(
      newCollectiveCaseId(deps.randomBytes(10)),
      request,
      regulatorActor(regulator),
      deps.clock.now(),
    );
    await deps.cases.create(collective);
    return collective;
  };

export const listCollectiveCasesUseCase =
  (deps: { cases: CollectiveCases }) => async (page: PageRequest, merchantId?: string) => {
    const { items, nextCursor } = await deps.cases.list(page, merchantId);
    return { collectiveCases: items, nextCursor };
  };

/** The case record: the collective case, a page of its members, and how far its last run reached them. */
export const collectiveCaseUseCase =
  (deps: { cases: CollectiveCases }) => async (caseId: string, page: PageRequest) => {
    const collective = await found(deps.cases, caseId);
    const [members, progress] = await Promise.all([deps.cases.members(caseId, page), deps.cases.progress(caseId)]);
    return {
      ...collective,
      memberList: members.items,
      nextCursor: members.nextCursor,
      ...(progress && { progress }),
    };
  };

/** Every member as CSV (UTF-8 with BOM), read 500 at a time; at most `maxMembers` rows. */
export const collectiveMembersCsvUseCase = (deps: { cases: CollectiveCases }) => async (caseId: string) => {
  await found(deps.cases, caseId);
  let csv = `\ufeff${csvLine(memberCsvColumns)}`;
  let cursor: string | undefined;
  do {
    const page = await deps.cases.members(caseId, { limit: 500, cursor });
    csv += page.items.map((member) => csvLine(memberCsvRow(member))).join('');
    cursor = page.nextCursor;
  } while (cursor);
  return csv;
};

/**
 * Adds escalated cases against the merchant, one at a time, until the decision; each is added or
 * refused with its reason. New members get the hearings still to come by the run that follows.
 */
export const addCollectiveMembersUseCase =
  (deps: { cases: CollectiveCases; complaints: ComplaintRepository; runner: CollectiveCaseRunner; clock: Clock }) =>
  async (regulator: RegulatorActor, caseId: string, trackingNumbers: string[]) => {
    const collective = await found(deps.cases, caseId);
    if (collective.status === 'DECIDED')
      throw new TransitionRefusedError(`Collective case ${caseId} was decided; it takes no more members.`, 'DECIDED');
    const added: string[] = [];
    const refused: { trackingNumber: string; code: string; message: string }[] = [];
    for (const trackingNumber of trackingNumbers) {
      const complaint = await deps.complaints.get(trackingNumber);
      const refusal = memberRefusal(collective, complaint);
      if (refusal) {
        refused.push({ trackingNumber, ...refusal });
        continue;
      }
      const outcome = await deps.cases.addMember(
        caseId,
        collectiveMember(complaint!, regulatorActor(regulator), deps.clock.now()),
        maxMembers,
      );
      if (outcome === 'ADDED') added.push(trackingNumber);
      else refused.push({ trackingNumber, code: outcome, message: addRefusals[outcome] });
    }
    const now = await found(deps.cases, caseId);
    // Also when none was added: a retry of a request that failed after adding some starts the run it did not.
    if (now.hearings.length > 0 || now.decision) await deps.runner.start(now);
    return { caseId, members: now.members, added, refused };
  };

const addRefusals = {
  ALREADY_MEMBER: 'The case is a member already.',
  IN_ANOTHER_CASE: 'The case is a member of another collective case.',
  DECIDED: 'The collective case was decided while these were added.',
  CASE_CHANGED: 'The case changed while it was added (decided or withdrawn): look at it again.',
  FULL: `A collective case holds at most ${maxMembers} cases.`,
} as const;

/** Schedules the collective case's hearing; a run puts it on every member's case, which tells both parties. */
export const scheduleCollectiveHearingUseCase =
  (deps: { cases: CollectiveCases; runner: CollectiveCaseRunner; clock: Clock }) =>
  async (regulator: RegulatorActor, caseId: string, request: HearingRequest) => {
    const collective = await found(deps.cases, caseId);
    // The same hearing again (a retry of a request that failed after it was kept): its run, not a second hearing.
    const same = collective.hearings.find((kept) => sameHearing(kept, request));
    if (same) {
      await deps.runner.start(collective);
      return { caseId, members: collective.members, hearing: same };
    }
    const hearing = collectiveHearing(collective, request, regulatorActor(regulator), deps.clock.now());
    await changed(deps.cases, caseId, () => deps.cases.addHearing(collective, hearing));
    const now = { ...collective, hearings: [...collective.hearings, hearing] };
    await deps.runner.start(now);
    return { caseId, members: now.members, hearing };
  };

/** Decides the collective case once; a run applies the decision to every member's case, closing each. */
export const decideCollectiveCaseUseCase =
  (deps: { cases: CollectiveCases; runner: CollectiveCaseRunner; clock: Clock }) =>
  async (regulator: RegulatorActor, caseId: string, request: DecisionRequest) => {
    const collective = await found(deps.cases, caseId);
    // Decided already: a retry of a request that failed after the decision was kept starts its run before it is refused.
    if (collective.decision) await deps.runner.start(collective);
    const decision = collectiveDecision(collective, request, regulatorActor(regulator), deps.clock.now());
    await changed(deps.cases, caseId, () => deps.cases.decide(collective, decision));
    const now = await found(deps.cases, caseId);
    await deps.runner.start(now);
    return { caseId, status: now.status, members: now.members, decision };
  };

const sameHearing = (kept: Hearing, request: HearingRequest) =>
  kept.at === new Date(request.at).toISOString() &&
  kept.mode === request.mode &&
  kept.link === request.link &&
  kept.place === request.place &&
  kept.note === request.note;

/** The loser of a race on the collective case gets 409, naming its status now. */
const changed = async (cases: CollectiveCases, caseId: string, change: () => Promise<void>) => {
  try {
    await change();
  } catch (error) {
    if (!(error instanceof ConcurrentChangeError)) throw error;
    const current = await cases.get(caseId);
    throw new TransitionRefusedError(
      `Another request changed collective case ${caseId} first; it is now ${current?.status}.`,
      current?.status ?? 'UNKNOWN',
    );
  }
};

/** Failed members a run names at most (the log has them all). */
const namedAtMost = 50;

export class CollectiveRunIncompleteError extends Error {
  constructor(
    readonly failed: string[],
    readonly unread = 0,
  ) {
    super(
      `${failed.length} members of the collective case could not be brought in line (${failed.slice(0, 10).join(', ')}); ${unread} counted but not listed`,
    );
    this.name = 'CollectiveRunIncompleteError';
  }
}

/**
 * The run: every member's case gets the collective case's hearings still to come and its decision,
 * one saved step at a time (a lost race re-reads the case and tries again). A member that fails does
 * not stop the others; the run records its progress and then fails, so the workflow runs it again.
 */
export const applyCollectiveCaseUseCase =
  (deps: {
    cases: CollectiveCases;
    complaints: ComplaintRepository;
    clock: Clock;
    log?: (message: string, detail: Record<string, unknown>) => void;
  }) =>
  async (caseId: string) => {
    const collective = await found(deps.cases, caseId);
    const progress: CollectiveProgress = {
      runAt: deps.clock.now().toISOString(),
      members: 0,
      hearingsScheduled: 0,
      decided: 0,
      decidedAlone: [],
      erased: [],
      closedOtherwise: [],
      failed: [],
    };
    let cursor: string | undefined;
    do {
      const page = await deps.cases.members(caseId, { limit: 100, cursor });
      for (const member of page.items) {
        progress.members++;
        try {
          await bringInLine(deps, collective, member.trackingNumber, progress);
        } catch (error) {
          deps.log?.('A member of a collective case could not be brought in line', {
            caseId,
            trackingNumber: member.trackingNumber,
            error: (error as Error).message,
          });
          progress.failed.push(member.trackingNumber);
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    const recorded = {
      ...progress,
      decidedAlone: progress.decidedAlone.slice(0, namedAtMost),
      erased: progress.erased.slice(0, namedAtMost),
      closedOtherwise: progress.closedOtherwise.slice(0, namedAtMost),
      failed: progress.failed.slice(0, namedAtMost),
    };
    await deps.cases.recordProgress(caseId, recorded, collectiveStateRank(collective));
    // A member counted but not listed (never expected: both are written at once, and read consistently) is not passed over.
    const unread = collective.members - progress.members;
    if (progress.failed.length > 0 || unread > 0) throw new CollectiveRunIncompleteError(progress.failed, unread);
    return { caseId, ...recorded };
  };

/** Steps one member's case may take in a run: every hearing (at most 20) and the decision, with room for lost races. */
const maxStepsPerMember = 30;

const bringInLine = async (
  deps: { complaints: ComplaintRepository; clock: Clock },
  collective: CollectiveCase,
  trackingNumber: string,
  progress: CollectiveProgress,
) => {
  for (let attempt = 0; attempt < maxStepsPerMember; attempt++) {
    const complaint = await deps.complaints.get(trackingNumber);
    if (!complaint) throw new NotFoundError(`Complaint ${trackingNumber} is gone.`);
    const step = nextMemberStep(collective, complaint, deps.clock.now());
    if (step.kind === 'DONE') {
      if (collective.decision) progress.decided++;
      return;
    }
    if (step.kind === 'DECIDED_ALONE') return void progress.decidedAlone.push(trackingNumber);
    if (step.kind === 'ERASED') return void progress.erased.push(trackingNumber);
    if (step.kind === 'CLOSED_OTHERWISE') return void progress.closedOtherwise.push(trackingNumber);
    try {
      await deps.complaints.save(complaint, step.change);
    } catch (error) {
      if (error instanceof ConcurrentChangeError) continue;
      throw error;
    }
    if (step.kind === 'HEARING') progress.hearingsScheduled++;
  }
  throw new Error(`Complaint ${trackingNumber} kept changing under the run.`);
};
