/**
 * Erasing a closed complaint's personal data and free text: at its consumer's request, or when
 * its retention after closure ends. What identifies a person goes (the sealed name and email,
 * every free text of either party or a regulator, the uploaders' file names and the files); the
 * phone the complaint was filed from is replaced by a pseudonym (a keyed hash: the same consumer's
 * complaints still share one, without saying whose they are). What the platform must keep stays
 * valid: the structured facts (merchant, category, amounts, dates, statuses) that the statistics
 * and the scorecard count, the timeline's hash chain (it holds commitments to notes, not notes),
 * and the write-once case records (commitments too; a kept text that is gone is reported as
 * erased, not as altered).
 */
import * as z from 'zod';
import type { Complaint } from './complaint';
import { FreshSignInRequiredError } from './errors';
import type { Attachment } from './evidence';
import { finalStatuses } from './lifecycle';
import { eraseNote, type TimelineEntry } from './timeline';

/** What erased text reads as, where a field cannot be absent: empty, never a placeholder a reader could take for the text. */
const erasedText = '';

/**
 * Closed for good: withdrawn, or closed with nothing left to happen (a decision's compliance date
 * still to come keeps its timer, and the complaint open to erasure's eyes).
 */
export const isClosedForGood = (complaint: Pick<Complaint, 'status' | 'timer'>) =>
  finalStatuses.includes(complaint.status) && complaint.timer === undefined;

/** A consumer's pseudonym once their data is erased: what their complaints keep instead of their phone. */
export const erasedConsumerId = (keyedHash: string) => `ERASED-${keyedHash.slice(0, 32)}`;

/** What the keyed hash of a pseudonym is computed over (never the phone alone, which other hashes use). */
export const pseudonymInput = (phone: string) => `ccms-erased-consumer:${phone}`;

/** The complaint without its personal data and free text; the structured facts and the chain's head stay. */
export const eraseComplaint = (complaint: Complaint, at: Date, pseudonym: string): Complaint => {
  const {
    complainantNameSealed: _name,
    consumerEmailSealed: _sealedEmail,
    consumerEmail: _email,
    priorContact,
    rating,
    resolution,
    hearings,
    decision,
    ...kept
  } = complaint;
  return {
    ...kept,
    consumerId: pseudonym,
    description: erasedText,
    ...(priorContact && {
      priorContact: { date: priorContact.date, channel: priorContact.channel, merchantAnswer: erasedText },
    }),
    ...(rating && { rating: { score: rating.score, ratedAt: rating.ratedAt } }),
    ...(resolution && {
      resolution: {
        ...resolution,
        message: erasedText,
        // The merchant's written references (a courier link, a refund's transaction id).
        evidence: [],
        ...(resolution.attachments && {
          attachments: resolution.attachments.map((file) => ({ ...file, fileName: erasedText })),
        }),
      },
    }),
    ...(hearings && {
      hearings: hearings.map(({ link: _link, place: _place, note: _note, ...hearing }) => hearing),
    }),
    ...(decision && { decision: { ...decision, reasons: erasedText } }),
    erasedAt: at.toISOString(),
  };
};

/**
 * The timeline entries whose case record must be issued before the complaint can be erased: a
 * record issued later would commit to the erased (empty) texts, and one being issued meanwhile
 * would keep the texts after the erasure.
 */
export const recordedVersions = (timeline: readonly TimelineEntry[]) =>
  timeline.filter((entry) => entry.action === 'ESCALATE' || entry.action === 'DECIDE').map((entry) => entry.seq);

/** The timeline entries whose note must go (an entry without one needs no write). */
export const erasedNotes = (timeline: readonly TimelineEntry[], at: Date): TimelineEntry[] =>
  timeline.filter((entry) => entry.note !== undefined || entry.noteSalt !== undefined).map((e) => eraseNote(e, at));

/** An evidence record without its file name: its hash and size stay, so the case records that name it still verify. */
export const erasedAttachment = (attachment: Attachment, at: Date): Attachment => ({
  ...attachment,
  fileName: erasedText,
  erasedAt: at.toISOString(),
});

/**
 * How long a complaint keeps its personal data and free text once closed for good, in days, unless
 * context `complaintRetentionDays` says otherwise: three years in production (the time for a
 * consumer's civil claim, and for a regulator to find a pattern), 30 days in other stages, whose
 * complaints are test data.
 */
export const complaintRetentionDays = { production: 1095, other: 30 } as const;

/** A retention a stage may set: whole days, from one to a hundred years. */
export const retentionDays = z.coerce.number().int().min(1).max(36_500);

/** The month partition of the closed complaints' index: the UTC month of when it closed. */
export const closedMonth = (closedAt: string) => new Date(closedAt).toISOString().slice(0, 7);

/** The months whose closed complaints may be due by `cutoff`, newest first: the cutoff's month and `months - 1` before it. */
export const monthsUpTo = (cutoff: Date, months: number) =>
  Array.from({ length: months }, (_, back) =>
    new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() - back, 1)).toISOString().slice(0, 7),
  );

/** How recently a consumer must have signed in (a new code) for what gathers or destroys all their data. */
export const freshSignInMs = 10 * 60_000;

/** Refuses a session opened more than freshSignInMs ago: a session left open on a shared phone is not enough. */
export const requireFreshSignIn = (session: { signedInAt?: string }, now: Date, toDo: string) => {
  const signedInAt = session.signedInAt ? Date.parse(session.signedInAt) : Number.NaN;
  if (!(now.getTime() - signedInAt <= freshSignInMs))
    throw new FreshSignInRequiredError(
      `To ${toDo}, sign in again with a new code: your sign-in must be less than 10 minutes old.`,
    );
};
