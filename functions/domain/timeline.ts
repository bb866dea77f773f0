/**
 * A complaint's timeline is a hash chain: each entry holds the hash of the one before it, and the
 * first is chained to the tracking number. Editing, removing or reordering any entry breaks
 * `verifyTimeline`, which is what lets a regulator trust the record.
 */
import { createHash } from 'node:crypto';
import type { ActorRole, ComplaintStatus, LifecycleAction } from './lifecycle';

export type TimelineAction = LifecycleAction | 'FILE';

export interface TimelineEntry {
  seq: number;
  at: string;
  actor: ActorRole;
  action: TimelineAction;
  fromStatus?: ComplaintStatus;
  toStatus: ComplaintStatus;
  note?: string;
  prevHash: string;
  hash: string;
}

export type TimelineFacts = Omit<TimelineEntry, 'seq' | 'prevHash' | 'hash'>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const genesisHash = (trackingNumber: string) => sha256(`CCMS timeline ${trackingNumber}`);

/** JSON with keys sorted, so the hash does not depend on property order. */
const canonical = (value: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(value)
      .sort()
      .reduce<Record<string, unknown>>((sorted, key) => {
        if (value[key] !== undefined) sorted[key] = value[key];
        return sorted;
      }, {}),
  );

const hashOf = (entry: Omit<TimelineEntry, 'hash'>) => sha256(canonical({ ...entry }));

export const chainEntry = (facts: TimelineFacts, previous: { seq: number; hash: string }): TimelineEntry => {
  const unsealed = { ...facts, seq: previous.seq + 1, prevHash: previous.hash };
  return { ...unsealed, hash: hashOf(unsealed) };
};

export type TimelineVerdict = { valid: true } | { valid: false; brokenAt: number; reason: string };

export const verifyTimeline = (trackingNumber: string, entries: readonly TimelineEntry[]): TimelineVerdict => {
  let previous = { seq: 0, hash: genesisHash(trackingNumber) };
  for (const entry of entries) {
    const { hash, ...unsealed } = entry;
    if (entry.seq !== previous.seq + 1) return { valid: false, brokenAt: entry.seq, reason: 'an entry is missing or out of order' };
    if (entry.prevHash !== previous.hash) return { valid: false, brokenAt: entry.seq, reason: 'the link to the previous entry is broken' };
    if (hashOf(unsealed) !== hash) return { valid: false, brokenAt: entry.seq, reason: 'the entry was altered' };
    previous = { seq: entry.seq, hash };
  }
  return { valid: true };
};
