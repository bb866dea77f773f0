/**
 * One tap from an SMS. The SMS that says the merchant proposed a resolution links to a page where
 * the consumer confirms or disputes it, and the SMS that says the complaint is settled links to one
 * where they reopen it, without signing in: the link is the proof. Bangladesh's operators carry no
 * answer by SMS, so the link is the way back.
 *
 * A link carries a code of 11 random letters and digits (65 bits: no online guessing reaches one,
 * and no more fits one SMS part). It travels in the link's fragment (`<site>/t#<code>`), which
 * browsers never send to a server, and the page posts it in a request's body: no access log, CDN
 * log or API log holds it. Only its SHA-256 is stored, beside the complaint it opens, what it may
 * do there, the moment it answers (the proposal, or the settlement) and when its window ends.
 *
 * The phone it is bound to is the complaint's (a complaint's consumer is its verified phone and never
 * changes), so the stored item keeps nothing of the person. A code works once: it is refused after
 * it was used, after its window ended, and once the moment it answers has passed (a newer proposal,
 * a new settlement). Opening the page does nothing; only a tap acts (link scanners open links).
 */
import { createHash, randomBytes as systemRandomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Complaint } from './complaint';
import type { TimelineEntry } from './timeline';

/** What a link may do: answer a proposal (confirm or dispute it), reopen a settled complaint, or answer the survey of an automatic settlement. */
export const oneTapPurposes = {
  ANSWER_PROPOSAL: ['confirm', 'dispute'],
  REOPEN: ['reopen'],
  /** After an automatic settlement: was it really resolved (a "no" within the window reopens), and a rating. */
  SURVEY: ['answer-survey'],
} as const;

export type OneTapPurpose = keyof typeof oneTapPurposes;
export type OneTapAction = (typeof oneTapPurposes)[OneTapPurpose][number];
export const oneTapActions = [
  'confirm',
  'dispute',
  'reopen',
  'answer-survey',
] as const satisfies readonly OneTapAction[];

/** A link as stored: the code's hash and what it opens, nothing of the person. */
export interface OneTapLink {
  codeHash: string;
  trackingNumber: string;
  purpose: OneTapPurpose;
  /** The moment the link answers: the proposal's time, or the settlement's. */
  answers: string;
  /** The end of the window its action is open in (the auto-settlement, the reopen window). */
  expiresAt: string;
  issuedAt: string;
  /** When a tap took it, and for what; absent while unused. */
  usedAt?: string;
  usedFor?: OneTapAction;
  /** When that tap's action was done: from then on the link is used for good. */
  actedAt?: string;
}

/**
 * How long a tap's hold on a link lasts without its action being done: longer than the function may
 * run (30 s), so a tap still running is never overtaken; after it, a tap cut short (a timeout) has
 * left the link to be taken again.
 */
export const oneTapClaimMs = 60 * 1000;

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const oneTapCodeLength = 11;
const codePattern = new RegExp(`^[0-9A-Za-z]{${oneTapCodeLength}}$`);

export const oneTapCodeHash = (code: string) => createHash('sha256').update(code).digest('base64url');

/**
 * A new code and its hash. Each symbol comes from one random byte below 248 (the largest multiple
 * of 62 under 256), so every symbol is equally likely; bytes above are drawn again.
 */
export const newOneTapCode = (random: (size: number) => Uint8Array = systemRandomBytes) => {
  let code = '';
  while (code.length < oneTapCodeLength) {
    for (const byte of random(oneTapCodeLength * 2)) {
      if (byte < 248 && code.length < oneTapCodeLength) code += alphabet[byte % alphabet.length];
    }
  }
  return { code, codeHash: oneTapCodeHash(code) };
};

/** The hash of a code as typed or carried, or undefined for a string that cannot be one. */
export const parseOneTapCode = (code: string) => (codePattern.test(code) ? oneTapCodeHash(code) : undefined);

export const oneTapRequest = z.strictObject({ code: z.string({ error: 'give the code from the link' }).max(100) });

/**
 * The link a consumer's SMS about `action` offers, or undefined if it offers none: the proposal
 * (until it settles on its own), the confirmed settlement to reopen and the automatic one to say
 * whether it was resolved (both until the reopen window ends).
 */
export const oneTapOffer = (
  action: TimelineEntry['action'],
  complaint: Complaint,
): Pick<OneTapLink, 'trackingNumber' | 'purpose' | 'answers' | 'expiresAt'> | undefined => {
  const { trackingNumber } = complaint;
  if (action === 'PROPOSE_RESOLUTION' && complaint.resolution && complaint.autoSettleAt)
    return {
      trackingNumber,
      purpose: 'ANSWER_PROPOSAL',
      answers: complaint.resolution.proposedAt,
      expiresAt: complaint.autoSettleAt,
    };
  if ((action === 'CONFIRM' || action === 'AUTO_SETTLE') && complaint.settledAt && complaint.reopenWindowEndsAt)
    return {
      trackingNumber,
      purpose: action === 'CONFIRM' ? 'REOPEN' : 'SURVEY',
      answers: complaint.settledAt,
      expiresAt: complaint.reopenWindowEndsAt,
    };
  return undefined;
};

/** Whether the moment the link answers is still the complaint's: no newer proposal, no new settlement. */
export const stillAnswers = (link: Pick<OneTapLink, 'purpose' | 'answers'>, complaint: Complaint) =>
  (link.purpose === 'ANSWER_PROPOSAL' ? complaint.resolution?.proposedAt : complaint.settledAt) === link.answers;

/** How long a used or ended link is kept (to answer "already used" rather than "unknown") before the table's TTL takes it. */
export const oneTapKeptAfterMs = 7 * 24 * 3600 * 1000;
