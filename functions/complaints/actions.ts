/**
 * What merchants and consumers do to a complaint after filing. Each action is one lifecycle
 * transition, written only if nobody changed the complaint since it was read; the loser of two
 * simultaneous actions gets 409 with the status the winner left.
 */
import * as z from 'zod';
import { act, answerSurvey, permits, rate, remedies, type Complaint, type SurveyAnswer } from '../domain/complaint';
import type { Clock } from '../domain/clock';
import {
  ConcurrentChangeError,
  RefusedError,
  InvalidRequestError,
  NotFoundError,
  TransitionRefusedError,
} from '../domain/errors';
import { conversationLimits, type ActorRole, type LifecycleAction } from '../domain/lifecycle';
import type { ComplaintRepository, EvidenceStore } from '../domain/ports';
import { freeText, takaAmount } from '../domain/text';
import { attachmentIdField, evidenceLimits, type EvidenceParty } from '../domain/evidence';
import { isMessageAction, messageActions, writeMessage, type MessageAction } from '../domain/conversation';

const message = (minVisible: number, what: string) => freeText({ max: 5000, minVisible, what });
const optionalText = () => freeText({ max: 2000 }).optional();

/** A message to the other party on the complaint, with files the writer uploaded to it and whose check passed. */
const conversationBody = (what: string) =>
  z.strictObject({
    message: freeText({ max: conversationLimits.maxLength, minVisible: 1, what }),
    attachments: z.array(attachmentIdField).max(evidenceLimits.maxFilesPerParty).default([]),
  });

export const merchantActions = {
  acknowledge: { action: 'ACKNOWLEDGE', body: z.strictObject({ message: optionalText() }) },
  reply: { action: 'REPLY', body: z.strictObject({ message: message(1, 'write the reply') }) },
  'propose-resolution': {
    action: 'PROPOSE_RESOLUTION',
    body: z.strictObject({
      remedy: z.enum(remedies, { error: `must be one of ${remedies.join(', ')}` }),
      amount: takaAmount({ min: 0, max: 100_000_000 }).optional(),
      message: message(1, 'say what was done'),
      /** References the merchant writes (a courier's tracking link, a refund transaction id). */
      evidence: z
        .array(freeText({ max: 500, minVisible: 1 }))
        .max(10)
        .default([]),
      /** Files the merchant uploaded to this complaint and that passed the check (POST .../attachments). */
      attachments: z.array(attachmentIdField).max(evidenceLimits.maxFilesPerParty).default([]),
    }),
  },
  /** A message to the consumer on the complaint (functions/domain/conversation.ts). */
  message: { action: 'WRITE_TO_CONSUMER', body: conversationBody('write the message') },
  /** Once per complaint: what the merchant needs from the consumer; its deadline stands still until they answer, at most 3 days. */
  'request-information': {
    action: 'REQUEST_INFORMATION',
    body: z.strictObject({
      message: freeText({
        max: conversationLimits.maxLength,
        minVisible: 10,
        what: 'say in at least 10 characters what you need from the consumer',
      }),
    }),
  },
  /** The merchant did what an upheld decision required of it. */
  'confirm-compliance': {
    action: 'CONFIRM_COMPLIANCE',
    body: z.strictObject({ message: message(5, 'say what was done to comply, in at least 5 characters') }),
  },
} as const;

export const consumerActions = {
  confirm: { action: 'CONFIRM', body: z.strictObject({ comment: optionalText() }) },
  dispute: {
    action: 'DISPUTE',
    body: z.strictObject({ reason: message(10, 'say in at least 10 characters why the resolution is not enough') }),
  },
  reopen: {
    action: 'REOPEN',
    body: z.strictObject({ reason: message(10, 'say in at least 10 characters why you reopen the complaint') }),
  },
  withdraw: { action: 'WITHDRAW', body: z.strictObject({ reason: optionalText() }) },
  /** After an automatic settlement: was it really resolved? "No" within the reopen window reopens it (with a reason). */
  'answer-survey': {
    action: 'ANSWER_SURVEY',
    body: z.strictObject({
      resolved: z.boolean({ error: 'say whether it was resolved: true or false' }),
      score: z.number({ error: 'give a score from 1 to 5' }).int('a whole number from 1 to 5').min(1).max(5).optional(),
      comment: optionalText(),
      reason: message(10, 'say in at least 10 characters what is still wrong').optional(),
    }),
  },
  /** The answer to the merchant's request for information: its deadline runs again. */
  'answer-information-request': {
    action: 'ANSWER_INFORMATION_REQUEST',
    body: conversationBody('write your answer'),
  },
  rate: {
    action: 'RATE',
    body: z.strictObject({
      score: z.number({ error: 'give a score from 1 to 5' }).int('a whole number from 1 to 5').min(1).max(5),
      comment: optionalText(),
    }),
  },
  /** A message to the merchant on the complaint (functions/domain/conversation.ts). */
  message: { action: 'WRITE_TO_MERCHANT', body: conversationBody('write the message') },
} as const;

export type ConsumerActionName = keyof typeof consumerActions;
export type MerchantActionName = keyof typeof merchantActions;

export type Resolution = NonNullable<Complaint['resolution']>;

type ActionTable = Record<string, { action: LifecycleAction; body: z.ZodType }>;

/** The names in `table` of the actions `by` may take on `complaint` at `at` (what a page offers). */
export const allowedActions = <T extends ActionTable>(table: T, complaint: Complaint, by: ActorRole, at: Date) =>
  (Object.keys(table) as (keyof T & string)[]).filter((name) => permits(complaint, table[name]!.action, by, at));

export const parseAction = <T extends ActionTable>(table: T, name: string, body: unknown) => {
  // Own properties only: "constructor" or "__proto__" are no actions.
  const entry = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!entry) throw new NotFoundError(`There is no action "${name}"; use one of ${Object.keys(table).join(', ')}.`);
  const parsed = entry.body.safeParse(body ?? {});
  if (!parsed.success) {
    throw new InvalidRequestError(
      'Some fields are missing or invalid.',
      Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '(body)', i.message])),
    );
  }
  return { action: entry.action, details: parsed.data as Record<string, unknown> };
};

const noteOf = (details: Record<string, unknown>) =>
  [details.message, details.reason, details.comment].find(
    (text): text is string => typeof text === 'string' && text.length > 0,
  );

/** The party's verified files a proposal or a message names, with the hashes the check recorded; refused if any is not one. */
const verifiedAttachments = async (
  evidence: EvidenceStore,
  trackingNumber: string,
  attachmentIds: string[],
  party: EvidenceParty,
) =>
  Promise.all(
    [...new Set(attachmentIds)].map(async (attachmentId) => {
      const attachment = await evidence.get(trackingNumber, attachmentId);
      if (attachment?.uploadedBy !== party || attachment.status !== 'VERIFIED') {
        throw new RefusedError(
          'EVIDENCE_NOT_VERIFIED',
          `Attachment ${attachmentId} is not a verified file of yours on this complaint${attachment?.uploadedBy === party ? ` (it is ${attachment.status})` : ''}. Attach files whose check has passed.`,
        );
      }
      const { fileName, contentType, size, sha256 } = attachment;
      return { attachmentId, fileName, contentType, size: size!, sha256: sha256! };
    }),
  );

export const performActionUseCase =
  (deps: { complaints: ComplaintRepository; evidence: EvidenceStore; clock: Clock }) =>
  async (input: {
    trackingNumber: string;
    by: ActorRole;
    owns: (complaint: Complaint) => boolean;
    action: LifecycleAction;
    details: Record<string, unknown>;
  }) => {
    const read = async () => {
      const complaint = await deps.complaints.get(input.trackingNumber);
      // Someone else's complaint answers exactly like no complaint at all.
      if (!complaint || !input.owns(complaint))
        throw new NotFoundError(`You have no complaint with the tracking number ${input.trackingNumber}.`);
      return complaint;
    };
    const now = deps.clock.now();
    const message = isMessageAction(input.action)
      ? {
          text: input.details.message as string,
          attachmentIds: (
            await verifiedAttachments(
              deps.evidence,
              input.trackingNumber,
              (input.details.attachments as string[] | undefined) ?? [],
              messageActions[input.action],
            )
          ).map(({ attachmentId }) => attachmentId),
        }
      : undefined;
    const changeOf = async (complaint: Complaint) => {
      if (message) return writeMessage(complaint, input.action as MessageAction, now, message);
      const change =
        input.action === 'RATE'
          ? rate(complaint, now, input.details.score as number, input.details.comment as string | undefined)
          : input.action === 'ANSWER_SURVEY'
            ? answerSurvey(complaint, now, input.details as unknown as SurveyAnswer)
            : act(complaint, input.action, input.by, now, noteOf(input.details));
      if (input.action === 'PROPOSE_RESOLUTION') {
        const attachments = await verifiedAttachments(
          deps.evidence,
          input.trackingNumber,
          input.details.attachments as string[],
          'merchant',
        );
        const resolution: Resolution = {
          remedy: input.details.remedy as Resolution['remedy'],
          ...(input.details.amount !== undefined && { amount: input.details.amount as number }),
          message: input.details.message as string,
          evidence: input.details.evidence as string[],
          ...(attachments.length > 0 && { attachments }),
          proposedAt: now.toISOString(),
        };
        change.complaint = { ...change.complaint, resolution };
      }
      return change;
    };
    // A message moves nothing, so one that lost a race is written again on the complaint as it now
    // stands (once): two parties writing at the same moment both get through. Other actions are
    // refused, saying what the complaint now is.
    let complaint = await read();
    let change = await changeOf(complaint);
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.complaints.save(complaint, change);
        break;
      } catch (error) {
        if (!(error instanceof ConcurrentChangeError)) throw error;
        if (message && attempt < 2) {
          complaint = await read();
          change = await changeOf(complaint);
          continue;
        }
        const current = await deps.complaints.get(input.trackingNumber);
        throw new TransitionRefusedError(
          `Another request changed this complaint first; it is now ${current?.status}.`,
          current?.status ?? 'UNKNOWN',
        );
      }
    }
    const { status, merchantDeadline, autoSettleAt, reopenWindowEndsAt, timer } = change.complaint;
    return {
      trackingNumber: input.trackingNumber,
      status,
      deadlines: {
        merchantResponse: merchantDeadline,
        autoSettlement: autoSettleAt,
        reopenWindowEnds: reopenWindowEndsAt,
      },
      nextStepAt: timer?.dueAt,
    };
  };
