/**
 * What a regulator does with an escalated case: hear it (online or in person) and decide it. A
 * decision closes the case: upheld (a remedy, an amount, and a date by which the merchant must
 * comply), dismissed, or referred to another agency, always with reasons. Both steps are timeline
 * entries whose structured facts the hash chain seals; the reasons and a hearing's note are free
 * text, kept as the entry's note (a salted commitment in the chain).
 */
import * as z from 'zod';
import { act, remedies, type Complaint, type ComplaintChange } from './complaint';
import { calendarDate, dhakaDate, nextDhakaMidnight } from './dates';
import { RefusedError } from './errors';
import { freeText, takaAmount } from './text';
import type { TimelineDetails } from './timeline';

const reasons = freeText({ max: 5000, minVisible: 20, what: 'give the reasons in at least 20 visible characters' });

export const hearingModes = ['ONLINE', 'IN_PERSON'] as const;

export const hearingRequest = z
  .strictObject({
    at: z.iso.datetime({
      offset: true,
      error: 'give the date and time as ISO 8601 with its offset, such as 2026-12-01T10:30:00+06:00',
    }),
    mode: z.enum(hearingModes, { error: `must be one of ${hearingModes.join(', ')}` }),
    /** Where the parties join an online hearing. */
    link: z
      .url({ protocol: /^https$/, error: 'must be an https:// link' })
      .max(500)
      .optional(),
    /** Where an in-person hearing is held. */
    place: freeText({ max: 300, minVisible: 5, what: 'say where the hearing is held' }).optional(),
    /** What the parties should bring or know. */
    note: freeText({ max: 2000 }).optional(),
  })
  .superRefine((hearing, context) => {
    if (hearing.mode === 'ONLINE' && !hearing.link)
      context.addIssue({
        code: 'custom',
        path: ['link'],
        message: 'an online hearing needs the link the parties join',
      });
    if (hearing.mode === 'IN_PERSON' && !hearing.place)
      context.addIssue({ code: 'custom', path: ['place'], message: 'a hearing in person needs its place' });
  });
export type HearingRequest = z.infer<typeof hearingRequest>;

export const decisionOutcomes = ['UPHELD', 'DISMISSED', 'REFERRED'] as const;

export const decisionRequest = z.discriminatedUnion(
  'outcome',
  [
    z.strictObject({
      outcome: z.literal('UPHELD'),
      remedy: z.enum(remedies, { error: `must be one of ${remedies.join(', ')}` }),
      /** Taka the merchant must pay or refund, when the remedy has an amount. */
      amount: takaAmount({ max: 100_000_000 }).optional(),
      /** The last day (in Dhaka) the merchant has to comply. */
      complianceDueDate: calendarDate,
      reasons,
    }),
    z.strictObject({ outcome: z.literal('DISMISSED'), reasons }),
    z.strictObject({
      outcome: z.literal('REFERRED'),
      /** The agency the case goes to. */
      referredTo: freeText({ max: 200, minVisible: 2, what: 'name the agency the case is referred to' }),
      reasons,
    }),
  ],
  { error: `outcome must be one of ${decisionOutcomes.join(', ')}` },
);
export type DecisionRequest = z.infer<typeof decisionRequest>;

/** Who acted for the regulators. */
export interface RegulatorActor {
  regulatorId: string;
  agency: string;
}

/** Only who acted: the principal may carry more than a record needs. */
export const regulatorActor = ({ regulatorId, agency }: RegulatorActor): RegulatorActor => ({ regulatorId, agency });

export interface Hearing {
  /** Its number among the case's hearings, from 1. */
  number: number;
  at: string;
  mode: (typeof hearingModes)[number];
  link?: string;
  place?: string;
  note?: string;
  scheduledAt: string;
  scheduledBy: RegulatorActor;
}

export interface Decision {
  outcome: (typeof decisionOutcomes)[number];
  remedy?: (typeof remedies)[number];
  amount?: number;
  complianceDueDate?: string;
  referredTo?: string;
  reasons: string;
  decidedAt: string;
  decidedBy: RegulatorActor;
}

/** A compliance date is a Dhaka calendar day: the merchant has until that day ends. */
export const complianceDeadline = (date: string): string =>
  nextDhakaMidnight(new Date(`${date}T12:00:00+06:00`))
    .toISOString()
    .replace('.000Z', 'Z');

/** The longest a regulator may give a merchant to comply. */
export const maxComplianceDays = 365;

const withoutUndefined = (details: Record<string, string | number | undefined>): TimelineDetails =>
  Object.fromEntries(
    Object.entries(details).filter((entry): entry is [string, string | number] => entry[1] !== undefined),
  );

/** Hearings one case may have: each is kept on the complaint's item, which DynamoDB caps at 400 KB. */
export const maxHearings = 20;

/** The next hearing after `earlier`; a time in the past is refused, and so is a 21st hearing. */
export const newHearing = (
  earlier: readonly Hearing[],
  request: HearingRequest,
  by: RegulatorActor,
  at: Date,
): Hearing => {
  if (Date.parse(request.at) <= at.getTime())
    throw new RefusedError('HEARING_IN_PAST', 'A hearing must be scheduled for a time still to come.');
  if (earlier.length >= maxHearings)
    throw new RefusedError('HEARING_LIMIT_REACHED', `A case can have at most ${maxHearings} hearings.`);
  return {
    number: earlier.length + 1,
    at: new Date(request.at).toISOString(),
    mode: request.mode,
    ...(request.link && { link: request.link }),
    ...(request.place && { place: request.place }),
    ...(request.note && { note: request.note }),
    scheduledAt: at.toISOString(),
    scheduledBy: by,
  };
};

/** Schedules a hearing of an escalated case (of a collective case's, when `collective` says which); a time in the past is refused, and so is a 21st hearing. */
export const scheduleHearing = (
  complaint: Complaint,
  request: HearingRequest,
  by: RegulatorActor,
  at: Date,
  collective?: { caseId: string; scheduledAt: string },
): ComplaintChange => {
  const hearing = newHearing(complaint.hearings ?? [], request, by, at);
  if (collective) hearing.scheduledAt = collective.scheduledAt;
  const details = withoutUndefined({
    hearing: hearing.number,
    hearingAt: hearing.at,
    mode: request.mode,
    link: request.link,
    collectiveCaseId: collective?.caseId,
    agency: by.agency,
    regulatorId: by.regulatorId,
  });
  const change = act(complaint, 'SCHEDULE_HEARING', 'regulator', at, {
    note: request.place ? `${request.place}${request.note ? `\n${request.note}` : ''}` : request.note,
    details,
  });
  return { ...change, complaint: { ...change.complaint, hearings: [...(complaint.hearings ?? []), hearing] } };
};

/** A new decision: an upheld one's compliance date must be from today to a year ahead. */
export const newDecision = (request: DecisionRequest, by: RegulatorActor, at: Date): Decision => {
  const today = dhakaDate(at);
  if (request.outcome === 'UPHELD') {
    const days = (Date.parse(request.complianceDueDate) - Date.parse(today)) / 86_400_000;
    if (days < 0 || days > maxComplianceDays) {
      throw new RefusedError(
        'COMPLIANCE_DATE_INVALID',
        `The compliance date must be from today (${today}) to ${maxComplianceDays} days ahead.`,
        { complianceDueDate: request.complianceDueDate },
      );
    }
  }
  return { ...request, decidedAt: at.toISOString(), decidedBy: by };
};

/** Decides an escalated case, closing it; an upheld decision starts the merchant's compliance timer. */
export const decide = (complaint: Complaint, request: DecisionRequest, by: RegulatorActor, at: Date): ComplaintChange =>
  applyDecision(complaint, newDecision(request, by, at), at);

/** Applies a decision made (on the case, or on the collective case it belongs to) to the complaint, closing it. */
export const applyDecision = (
  complaint: Complaint,
  decision: Decision,
  at: Date,
  collectiveCaseId?: string,
): ComplaintChange => {
  const by = decision.decidedBy;
  const compliance =
    decision.outcome === 'UPHELD' && decision.complianceDueDate
      ? { dueAt: complianceDeadline(decision.complianceDueDate) }
      : undefined;
  const details = withoutUndefined({
    outcome: decision.outcome,
    remedy: decision.remedy,
    amount: decision.amount,
    complianceDueAt: compliance?.dueAt,
    referredTo: decision.referredTo,
    collectiveCaseId,
    agency: by.agency,
    regulatorId: by.regulatorId,
  });
  return act(complaint, 'DECIDE', 'regulator', at, {
    note: decision.reasons,
    details,
    with: { decision, ...(compliance && { compliance }) },
  });
};
