import { describe, expect, it } from 'vitest';
import { act, fileComplaint, type Complaint } from '../../functions/domain/complaint';
import { DAY_MS } from '../../functions/domain/lifecycle';
import { eraseNote, verifyTimeline, type TimelineEntry } from '../../functions/domain/timeline';
import { filingRequest } from './fixtures';

const buildTimeline = () => {
  const start = new Date('2026-05-01T08:00:00Z');
  const filed = fileComplaint({
    request: filingRequest(),
    consumerId: '+8801712345678',
    complainantNameSealed: 'sealed-name',
    trackingNumber: 'ABCDE-FGHJ0',
    at: start,
  });
  const entries: TimelineEntry[] = [filed.entry];
  let complaint: Complaint = filed.complaint;
  for (const [action, by, day] of [
    ['NOTIFY_MERCHANT', 'system', 0],
    ['ACKNOWLEDGE', 'merchant', 1],
    ['PROPOSE_RESOLUTION', 'merchant', 2],
    ['CONFIRM', 'consumer', 3],
  ] as const) {
    const change = act(complaint, action, by, new Date(start.getTime() + day * DAY_MS));
    entries.push(change.entry);
    complaint = change.complaint;
  }
  return { complaint, entries };
};

describe('tamper-evident timeline', () => {
  it('verifies an untouched timeline, and the complaint head is its last hash', () => {
    const { complaint, entries } = buildTimeline();
    expect(verifyTimeline('ABCDE-FGHJ0', entries)).toEqual({ valid: true });
    expect(complaint.timelineHead).toBe(entries.at(-1)!.hash);
    expect(complaint.timelineSeq).toBe(5);
  });

  it.each(['at', 'actor', 'action', 'toStatus', 'note'] as const)('breaks when any entry’s %s is edited', (field) => {
    const { entries } = buildTimeline();
    for (let i = 0; i < entries.length; i++) {
      const edited = entries.map((entry) => ({ ...entry }));
      (edited[i] as Record<string, unknown>)[field] = field === 'at' ? '2020-01-01T00:00:00.000Z' : 'EDITED';
      expect(verifyTimeline('ABCDE-FGHJ0', edited)).toMatchObject({ valid: false, brokenAt: i + 1 });
    }
  });

  it('breaks when an entry is removed, reordered, or re-hashed without its successor', () => {
    const { entries } = buildTimeline();
    expect(verifyTimeline('ABCDE-FGHJ0', [entries[0]!, ...entries.slice(2)])).toMatchObject({
      valid: false,
      brokenAt: 3,
    });
    expect(verifyTimeline('ABCDE-FGHJ0', [entries[1]!, entries[0]!, ...entries.slice(2)])).toMatchObject({
      valid: false,
    });
    expect(verifyTimeline('ZZZZZ-ZZZZZ', entries)).toMatchObject({
      valid: false,
      brokenAt: 1,
      reason: 'the link to the previous entry is broken',
    });
  });
});

describe('notes in the chain', () => {
  const withNote = () => {
    const { complaint, entries } = buildTimeline();
    const reply = act(
      complaint,
      'REOPEN',
      'consumer',
      new Date('2026-05-05T08:00:00Z'),
      'Call me at 01712-345678, the refund never came.',
    );
    return [...entries, reply.entry];
  };

  it('chains a salted commitment to the note, not the note itself', () => {
    const entries = withNote();
    const last = entries.at(-1)!;
    expect(last.note).toBe('Call me at 01712-345678, the refund never came.');
    expect(last.noteHash).toMatch(/^[0-9a-f]{64}$/);
    expect(last.noteSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(verifyTimeline('ABCDE-FGHJ0', entries)).toEqual({ valid: true });
  });

  it('still verifies after a note is erased on request, and says when', () => {
    const entries = withNote();
    const erased = [...entries.slice(0, -1), eraseNote(entries.at(-1)!, new Date('2026-06-01T00:00:00Z'))];
    expect(erased.at(-1)).not.toHaveProperty('note');
    expect(erased.at(-1)).not.toHaveProperty('noteSalt');
    expect(erased.at(-1)!.noteErasedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(verifyTimeline('ABCDE-FGHJ0', erased)).toEqual({ valid: true });
  });

  it('breaks when a note is rewritten, or its commitment is', () => {
    const entries = withNote();
    const rewritten = [...entries.slice(0, -1), { ...entries.at(-1)!, note: 'Everything was fine.' }];
    expect(verifyTimeline('ABCDE-FGHJ0', rewritten)).toMatchObject({
      valid: false,
      brokenAt: 6,
      reason: 'the note was altered',
    });
    const recommitted = [...entries.slice(0, -1), { ...entries.at(-1)!, noteHash: '0'.repeat(64) }];
    expect(verifyTimeline('ABCDE-FGHJ0', recommitted)).toMatchObject({
      valid: false,
      brokenAt: 6,
      reason: 'the entry was altered',
    });
  });

  it('gives two equal notes different commitments, so an erased short note cannot be guessed from its hash', () => {
    const first = withNote().at(-1)!;
    const second = withNote().at(-1)!;
    expect(first.note).toBe(second.note);
    expect(first.noteHash).not.toBe(second.noteHash);
  });
});
