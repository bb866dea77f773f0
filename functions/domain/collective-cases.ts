/**
 * A collective case: escalated complaints against one merchant that a regulator hears and decides
 * together. Members join until the decision; its hearings and its decision reach every member's
 * own case (a timeline entry naming the collective case, so the stream tells each consumer and the
 * merchant as for a case of its own). A member's own hearing and decision routes refuse it, so one
 * decision stands for all. Nothing of a consumer is kept on it: tracking numbers, categories,
 * districts, and the regulator's own words.
 */
import * as z from 'zod';
import type { Complaint, ComplaintChange } from './complaint';
import {
  applyDecision,
  maxComplianceDays,
  maxHearings,
  newDecision,
  newHearing,
  scheduleHearing,
  type Decision,
  type DecisionRequest,
  type Hearing,
  type HearingRequest,
  type RegulatorActor,
} from './decisions';
import { dhakaDate } from './dates';
import { RefusedConflictError, RefusedError } from './errors';
import { merchantIdPattern } from './merchant';
import { freeText } from './text';
import { parseTrackingNumber } from './tracking-number';

/** The most members one collective case takes: its application runs in one task (15 minutes) and its CSV is one answer. */
export const maxMembers = 5000;

/** Tracking numbers one request adds. */
export const maxMembersPerRequest = 100;

const caseIdAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const collectiveCaseIdPattern = /^CC-[0-9A-HJKMNP-TV-Z]{10}$/;

/** A new collective case's id from at least 10 random bytes: `CC-` and 10 symbols (50 bits). */
export const newCollectiveCaseId = (randomBytes: Uint8Array): string => {
  if (randomBytes.length < 10) throw new Error('need 10 random bytes');
  let id = 'CC-';
  for (let i = 0; i < 10; i++) id += caseIdAlphabet[randomBytes[i]! % caseIdAlphabet.length];
  return id;
};

export const createCollectiveCaseRequest = z.strictObject({
  merchantId: z.string().regex(merchantIdPattern, 'lowercase letters, digits and dashes, 3 to 64 characters'),
  /** What binds the members, in the regulator's words (seen by regulators only). */
  title: freeText({ max: 200, minVisible: 5, what: 'say in at least 5 visible characters what binds the cases' }),
});
export type CreateCollectiveCaseRequest = z.infer<typeof createCollectiveCaseRequest>;

export const addMembersRequest = z.strictObject({
  trackingNumbers: z
    .array(z.string().max(40))
    .min(1, 'give at least one tracking number')
    .max(maxMembersPerRequest, `give at most ${maxMembersPerRequest} tracking numbers at a time`)
    .transform((typed, context) => {
      const parsed: string[] = [];
      typed.forEach((one, index) => {
        try {
          parsed.push(parseTrackingNumber(one));
        } catch (error) {
          context.addIssue({ code: 'custom', path: [index], message: (error as Error).message });
        }
      });
      return [...new Set(parsed)];
    }),
});

export const collectiveStatuses = ['OPEN', 'DECIDED'] as const;

export interface CollectiveCase {
  caseId: string;
  merchantId: string;
  title: string;
  status: (typeof collectiveStatuses)[number];
  createdAt: string;
  createdBy: RegulatorActor;
  /** How many complaints are members. */
  members: number;
  hearings: Hearing[];
  decision?: Decision;
}

/** A member as the collective case lists it: what the case index shows, nothing of the consumer. */
export interface CollectiveMember {
  trackingNumber: string;
  category: string;
  district?: string;
  amount: number;
  escalatedAt: string;
  addedAt: string;
  addedBy: RegulatorActor;
}

export const newCollectiveCase = (
  caseId: string,
  request: CreateCollectiveCaseRequest,
  by: RegulatorActor,
  at: Date,
): CollectiveCase => ({
  caseId,
  merchantId: request.merchantId,
  title: request.title,
  status: 'OPEN',
  createdAt: at.toISOString(),
  createdBy: by,
  members: 0,
  hearings: [],
});

/** Why a complaint cannot join the collective case, or undefined when it can. */
export const memberRefusal = (
  collective: CollectiveCase,
  complaint: Complaint | undefined,
): { code: string; message: string } | undefined => {
  if (!complaint?.escalatedAt) return { code: 'NOT_ESCALATED', message: 'No escalated case has this tracking number.' };
  if (complaint.merchantId !== collective.merchantId)
    return {
      code: 'OTHER_MERCHANT',
      message: `The case is against ${complaint.merchantId}, not ${collective.merchantId}.`,
    };
  if (complaint.decision) return { code: 'ALREADY_DECIDED', message: 'The case was already decided on its own.' };
  if (complaint.erasedAt) return { code: 'ERASED', message: 'The case was erased.' };
  if (complaint.status !== 'ESCALATED')
    return { code: 'NOT_ESCALATED', message: `The case is ${complaint.status}, no longer before the regulator.` };
  return undefined;
};

export const collectiveMember = (complaint: Complaint, by: RegulatorActor, at: Date): CollectiveMember => ({
  trackingNumber: complaint.trackingNumber,
  category: complaint.category,
  ...(complaint.deliveryDistrict && { district: complaint.deliveryDistrict }),
  amount: complaint.amount,
  escalatedAt: complaint.escalatedAt!,
  addedAt: at.toISOString(),
  addedBy: by,
});

const refuseDecided = (collective: CollectiveCase) => {
  if (collective.status === 'DECIDED')
    throw new RefusedConflictError(
      'COLLECTIVE_CASE_DECIDED',
      `Collective case ${collective.caseId} was decided already.`,
    );
};

/** The collective case's next hearing; every member is told by its own case's timeline. */
export const collectiveHearing = (
  collective: CollectiveCase,
  request: HearingRequest,
  by: RegulatorActor,
  at: Date,
): Hearing => {
  refuseDecided(collective);
  return newHearing(collective.hearings, request, by, at);
};

/** The collective case's decision: it needs members, and is made once. */
export const collectiveDecision = (
  collective: CollectiveCase,
  request: DecisionRequest,
  by: RegulatorActor,
  at: Date,
): Decision => {
  refuseDecided(collective);
  if (collective.members === 0)
    throw new RefusedError('COLLECTIVE_CASE_EMPTY', 'Add the escalated cases it decides before deciding it.');
  // Its run reaches thousands of cases, maybe after midnight: a date of today could pass before the merchant hears of it.
  if (request.outcome === 'UPHELD' && request.complianceDueDate <= dhakaDate(at))
    throw new RefusedError(
      'COMPLIANCE_DATE_INVALID',
      `A collective case's compliance date must be from tomorrow to ${maxComplianceDays} days ahead.`,
      { complianceDueDate: request.complianceDueDate },
    );
  return newDecision(request, by, at);
};

const hearingRequestOf = (hearing: Hearing): HearingRequest => ({
  at: hearing.at,
  mode: hearing.mode,
  ...(hearing.link && { link: hearing.link }),
  ...(hearing.place && { place: hearing.place }),
  ...(hearing.note && { note: hearing.note }),
});

/** What a member's own case still lacks of the collective case. */
export type MemberStep =
  | { kind: 'HEARING'; change: ComplaintChange }
  | { kind: 'DECISION'; change: ComplaintChange }
  /** Decided on its own before it joined (a race with its own decision route): left as it is. */
  | { kind: 'DECIDED_ALONE' }
  | { kind: 'ERASED' }
  /** No longer before the regulator (its consumer withdrew it): nothing reaches it. */
  | { kind: 'CLOSED_OTHERWISE' }
  | { kind: 'DONE' };

/**
 * The next step that brings a member's case in line with the collective case: each hearing still
 * to come that it lacks (matched by when it was scheduled), then the decision. Applying the steps
 * one at a time, again and again, is safe: a step already taken is not found again.
 */
export const nextMemberStep = (collective: CollectiveCase, complaint: Complaint, at: Date): MemberStep => {
  // A run that read the case before its decision cannot tell that decision from another: it leaves the count to the decision's own run.
  if (complaint.decision)
    return !collective.decision || complaint.decision.decidedAt === collective.decision.decidedAt
      ? { kind: 'DONE' }
      : { kind: 'DECIDED_ALONE' };
  if (complaint.erasedAt) return { kind: 'ERASED' };
  if (complaint.status !== 'ESCALATED') return { kind: 'CLOSED_OTHERWISE' };
  // A case of its own full of hearings (20) takes no more: it still takes the decision.
  const room = (complaint.hearings?.length ?? 0) < maxHearings;
  const missing = collective.hearings.find(
    (hearing) =>
      room &&
      Date.parse(hearing.at) > at.getTime() &&
      !(complaint.hearings ?? []).some((own) => own.scheduledAt === hearing.scheduledAt && own.at === hearing.at),
  );
  if (missing && !collective.decision)
    return {
      kind: 'HEARING',
      change: scheduleHearing(complaint, hearingRequestOf(missing), missing.scheduledBy, at, {
        caseId: collective.caseId,
        scheduledAt: missing.scheduledAt,
      }),
    };
  if (collective.decision)
    return { kind: 'DECISION', change: applyDecision(complaint, collective.decision, at, collective.caseId) };
  return { kind: 'DONE' };
};

/**
 * Where a state of the collective case stands in its life: members and hearings only grow, and the
 * decision comes once, so a later state ranks higher. A run keeps its progress only over an
 * earlier state's, so a slow run of an old state cannot hide what a newer run found.
 */
export const collectiveStateRank = (collective: CollectiveCase) =>
  (collective.decision ? 1 : 0) * 100_000_000 + collective.hearings.length * 100_000 + collective.members;

/** The members' CSV: one row each, no personal data. */
export const memberCsvColumns = [
  'trackingNumber',
  'category',
  'district',
  'amount',
  'escalatedAt',
  'addedAt',
  'addedByAgency',
] as const;

export const memberCsvRow = (member: CollectiveMember): string[] => [
  member.trackingNumber,
  member.category,
  member.district ?? '',
  String(member.amount),
  member.escalatedAt,
  member.addedAt,
  member.addedBy.agency,
];
