/** What regulators do with escalated cases: find them, hear them and decide them. Written against the ports only. */
import { complaintFor } from '../complaints/use-cases';
import { caseSummary, settleSearch, type CaseSearchQuery } from '../domain/case-search';
import type { Clock } from '../domain/clock';
import type { Complaint, ComplaintChange } from '../domain/complaint';
import {
  decide,
  regulatorActor,
  scheduleHearing,
  type DecisionRequest,
  type HearingRequest,
  type RegulatorActor,
} from '../domain/decisions';
import { RefusedConflictError, ConcurrentChangeError, NotFoundError, TransitionRefusedError } from '../domain/errors';
import type { CaseIndex, CollectiveCases, ComplaintRepository, PageRequest } from '../domain/ports';

/** A page of the escalated cases a search matches, newest escalation first, with the range it covered. */
export const searchCasesUseCase =
  (deps: { cases: CaseIndex; clock: Clock }) => async (query: CaseSearchQuery, page: PageRequest) => {
    const search = settleSearch(query, deps.clock.now());
    const found = await deps.cases.search(search, page);
    return {
      range: { from: search.from, to: search.to },
      cases: found.items.map(caseSummary),
      nextCursor: found.nextCursor,
    };
  };

type StepDeps = {
  complaints: ComplaintRepository;
  collectives: Pick<CollectiveCases, 'membershipOf'>;
  clock: Clock;
};

/**
 * One regulator step on an escalated case; a complaint never escalated answers like none at all,
 * a member of a collective case is heard and decided with it (409 naming it), and the loser of a
 * race gets 409.
 */
const regulatorStep =
  (deps: StepDeps, step: (complaint: Complaint, at: Date) => ComplaintChange) => async (trackingNumber: string) => {
    const complaint = await deps.complaints.get(trackingNumber);
    if (!complaint?.escalatedAt)
      throw new NotFoundError(`No escalated case has the tracking number ${trackingNumber}.`);
    const collectiveCaseId = await deps.collectives.membershipOf(trackingNumber);
    if (collectiveCaseId)
      throw new RefusedConflictError(
        'IN_COLLECTIVE_CASE',
        `Case ${trackingNumber} is a member of collective case ${collectiveCaseId}: it is heard and decided with it.`,
        { collectiveCaseId },
      );
    const change = step(complaint, deps.clock.now());
    try {
      await deps.complaints.save(complaint, change);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
      const current = await deps.complaints.get(trackingNumber);
      throw new TransitionRefusedError(
        `Another request changed this case first; it is now ${current?.status}.`,
        current?.status ?? 'UNKNOWN',
      );
    }
    return complaintFor('regulator', change.complaint);
  };

/** Schedules a hearing; the stream of changes tells both parties. */
export const scheduleHearingUseCase =
  (deps: StepDeps) => async (regulator: RegulatorActor, trackingNumber: string, request: HearingRequest) => {
    const complaint = await regulatorStep(deps, (current, at) =>
      scheduleHearing(current, request, regulatorActor(regulator), at),
    )(trackingNumber);
    return { trackingNumber, status: complaint.status, hearing: complaint.hearings!.at(-1)! };
  };

/** Decides a case, which closes it; the stream of changes tells both parties, and an upheld decision's compliance date is timed. */
export const decideCaseUseCase =
  (deps: StepDeps) => async (regulator: RegulatorActor, trackingNumber: string, request: DecisionRequest) => {
    const complaint = await regulatorStep(deps, (current, at) =>
      decide(current, request, regulatorActor(regulator), at),
    )(trackingNumber);
    return {
      trackingNumber,
      status: complaint.status,
      decision: complaint.decision!,
      ...(complaint.compliance && { compliance: complaint.compliance }),
    };
  };
