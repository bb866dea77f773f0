/**
 * A complaint's timeline is a hash chain: each entry holds the hash of the one before it, and the
 * first is chained to the tracking number. Editing, removing or reordering any entry breaks
 * `verifyTimeline`, which is what lets a regulator trust the record.
 *
 * Free text (a note) can carry personal data, so the chain holds a salted commitment to it
 * (`noteHash`), never the text: the note and its salt can be erased on request and the chain still
 * verifies, while a note that is present must match its commitment. The salt keeps a short note
 * from being guessed from its hash once erased.
 */
import { createHash, randomBytes as systemRandomBytes } from 'node:crypto';
import type { ActorRole, ComplaintStatus, LifecycleAction } from './lifecycle';

export type TimelineAction = LifecycleAction | 'FILE';

export interface TimelineEntry {
  seq: number;
  at: string;
  actor: ActorRole;
  action: TimelineAction;
  fromStatus?: ComplaintStatus;
  toStatus: ComplaintStatus;
  /**
   * Structured facts of the step, sealed by the chain (a hearing's time and place, a decision's
   * outcome, remedy, amount and compliance date). Never personal data: free text goes in the note.
   */
  details?: TimelineDetails;
  /** Free text; absent when there was none or it was erased. */
  note?: string;
  noteSalt?: string;
  /** The commitment the chain holds: sha256(noteSalt:note). */
  noteHash?: string;
  /** When the note was erased on request. */
  noteErasedAt?: string;
  prevHash: string;
  hash: string;
}

export type TimelineDetails = Record<string, string | number>;

export type TimelineFacts = Pick<
  TimelineEntry,
  'at' | 'actor' | 'action' | 'fromStatus' | 'toStatus' | 'details' | 'note'
>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const genesisHash = (trackingNumber: string) => sha256(`CCMS timeline ${trackingNumber}`);

/** Keys sorted at every level and undefined values left out, so the hash does not depend on property order. */
const sortedKeys = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.keys(value)
        .sort()
        .reduce<Record<string, unknown>>((sorted, key) => {
          const field = (value as Record<string, unknown>)[key];
          if (field !== undefined) sorted[key] = sortedKeys(field);
          return sorted;
        }, {})
    : value;

const canonical = (value: Record<string, unknown>) => JSON.stringify(sortedKeys(value));

const noteCommitment = (salt: string, note: string) => sha256(`${salt}:${note}`);

/** The sealed fields: everything but the note itself, its salt and the erasure mark. */
const hashOf = ({
  seq,
  at,
  actor,
  action,
  fromStatus,
  toStatus,
  details,
  noteHash,
  prevHash,
}: Omit<TimelineEntry, 'hash'>) =>
  sha256(canonical({ seq, at, actor, action, fromStatus, toStatus, details, noteHash, prevHash }));

export const chainEntry = (
  facts: TimelineFacts,
  previous: { seq: number; hash: string },
  randomBytes: (size: number) => Uint8Array = systemRandomBytes,
): TimelineEntry => {
  const { note, ...rest } = facts;
  const noteSalt = note ? Buffer.from(randomBytes(16)).toString('hex') : undefined;
  const unsealed = {
    ...rest,
    ...(note && noteSalt && { note, noteSalt, noteHash: noteCommitment(noteSalt, note) }),
    seq: previous.seq + 1,
    prevHash: previous.hash,
  };
  return { ...unsealed, hash: hashOf(unsealed) };
};

/** Erases an entry's free text (an erasure request); its commitment stays, so the chain still verifies. */
export const eraseNote = (entry: TimelineEntry, at: Date): TimelineEntry => {
  const { note: _note, noteSalt: _salt, ...kept } = entry;
  return entry.noteHash ? { ...kept, noteErasedAt: at.toISOString() } : entry;
};

export type TimelineVerdict = { valid: true } | { valid: false; brokenAt: number; reason: string };

export const verifyTimeline = (trackingNumber: string, entries: readonly TimelineEntry[]): TimelineVerdict => {
  let previous = { seq: 0, hash: genesisHash(trackingNumber) };
  for (const entry of entries) {
    const { hash, ...unsealed } = entry;
    if (entry.seq !== previous.seq + 1)
      return { valid: false, brokenAt: entry.seq, reason: 'an entry is missing or out of order' };
    if (entry.prevHash !== previous.hash)
      return { valid: false, brokenAt: entry.seq, reason: 'the link to the previous entry is broken' };
    if (hashOf(unsealed) !== hash) return { valid: false, brokenAt: entry.seq, reason: 'the entry was altered' };
    if (
      entry.note !== undefined &&
      (!entry.noteSalt || !entry.noteHash || noteCommitment(entry.noteSalt, entry.note) !== entry.noteHash)
    ) {
      return { valid: false, brokenAt: entry.seq, reason: 'the note was altered' };
    }
    previous = { seq: entry.seq, hash };
  }
  return { valid: true };
};
