import { describe, expect, it } from 'vitest';
import {
  buildCaseRecord,
  caseRecordKeys,
  renderCaseRecordHtml,
  sealCaseRecord,
  sha256Hex,
  textCommitment,
  verifyCaseRecord,
} from '../../functions/domain/case-record';
import { act, fileComplaint, type Complaint } from '../../functions/domain/complaint';
import { fixedClock } from '../../functions/domain/clock';
import { decide, decisionRequest, hearingRequest, scheduleHearing } from '../../functions/domain/decisions';
import type { Attachment } from '../../functions/domain/evidence';
import type { TimelineEntry } from '../../functions/domain/timeline';
import { caseRecordsOf, issueCaseRecordUseCase } from '../../functions/regulator/case-record-use-cases';
import { filingRequest } from './fixtures';
import { InMemoryComplaints, InMemoryEvidence, InMemoryRecordFiles, InMemoryRecordIndex } from './in-memory';

const at = (day: number) => new Date(Date.parse('2026-05-01T08:00:00Z') + day * 86_400_000);

const escalatedCase = () => {
  const filed = fileComplaint({
    request: filingRequest({
      description: 'The parcel never came <script>alert(1)</script> — পার্সেল আসেনি।',
      complainantName: 'Rahima Begum',
    }),
    consumerId: '+8801712345678',
    complainantNameSealed: 'sealed',
    trackingNumber: 'ABCDE-FGHJ0',
    at: at(0),
  });
  const timeline: TimelineEntry[] = [filed.entry];
  let complaint: Complaint = filed.complaint;
  for (const [action, day, note] of [
    ['NOTIFY_MERCHANT', 0, undefined],
    ['ESCALATE', 8, 'Call me on 01712-345678.'],
  ] as const) {
    const change = act(complaint, action, 'system', at(day), note);
    timeline.push(change.entry);
    complaint = change.complaint;
  }
  return { complaint, timeline };
};

const verifiedFile: Attachment = {
  attachmentId: 'a'.repeat(24),
  trackingNumber: 'ABCDE-FGHJ0',
  uploadedBy: 'consumer',
  fileName: 'রসিদ.pdf',
  contentType: 'application/pdf',
  declaredSize: 100,
  size: 100,
  sha256: 'f'.repeat(64),
  requestedAt: at(1).toISOString(),
  uploadExpiresAt: at(1).toISOString(),
  checkedAt: at(1).toISOString(),
  status: 'VERIFIED',
};

describe('the formal case record', () => {
  it('holds the complaint, the sealed timeline without notes, and the evidence hashes; no name or phone', () => {
    const { complaint, timeline } = escalatedCase();
    const record = buildCaseRecord({
      complaint,
      timeline,
      attachments: [verifiedFile, { ...verifiedFile, attachmentId: 'b'.repeat(24), status: 'REJECTED' }],
      issuedAt: at(8).toISOString(),
      reason: 'ESCALATED',
    });
    expect(record).toMatchObject({
      schemaVersion: 1,
      trackingNumber: 'ABCDE-FGHJ0',
      version: 3,
      reason: 'ESCALATED',
      timelineHead: complaint.timelineHead,
    });
    expect(record.timeline.map((entry) => entry.hash)).toEqual(timeline.map((entry) => entry.hash));
    expect(record.evidence).toEqual([
      expect.objectContaining({ attachmentId: 'a'.repeat(24), sha256: 'f'.repeat(64) }),
    ]);
    const text = JSON.stringify(record);
    for (const personal of ['Rahima Begum', '+8801712345678', '01712-345678', 'sealed'])
      expect(text).not.toContain(personal);
    expect(record.timeline[2]!.noteHash).toBeDefined();
  });

  it('is stored with commitments of its free texts only; the texts kept apart verify against them, and erasing them leaves it valid', () => {
    const { complaint, timeline } = escalatedCase();
    const withHearing = scheduleHearing(
      complaint,
      hearingRequest.parse({ at: at(12).toISOString(), mode: 'IN_PERSON', place: 'Room 4, beside Rahima’s shop' }),
      { regulatorId: 'r', agency: 'DNCRP' },
      at(9),
    );
    const decided = decide(
      withHearing.complaint,
      decisionRequest.parse({ outcome: 'DISMISSED', reasons: 'Rahima Begum of Mirpur 10 received the parcel.' }),
      { regulatorId: 'r', agency: 'DNCRP' },
      at(10),
    );
    const live = {
      complaint: decided.complaint,
      timeline: [...timeline, withHearing.entry, decided.entry],
      attachments: [{ ...verifiedFile, fileName: 'NID scan Rahima Begum.jpg' }],
    };
    const record = buildCaseRecord({ ...live, issuedAt: at(10).toISOString(), reason: 'DECIDED' });
    const { sealed, texts } = sealCaseRecord(record);
    const stored = JSON.stringify(sealed);
    for (const text of ['পার্সেল আসেনি', 'Room 4', 'Mirpur 10', 'NID scan', 'Rahima']) expect(stored).not.toContain(text);
    expect(Object.keys(texts).sort()).toEqual([
      'complaint.decision.reasons',
      'complaint.description',
      'complaint.hearings.0.place',
      'evidence.0.fileName',
    ]);
    expect(sealed).toMatchObject({
      schemaVersion: 2,
      complaint: {
        decision: { outcome: 'DISMISSED', reasons: { commitment: expect.stringMatching(/^[0-9a-f]{64}$/) } },
      },
    });
    const bytes = Buffer.from(stored);
    const sha256 = sha256Hex(bytes);
    expect(verifyCaseRecord({ bytes, sha256, texts }, live)).toEqual({ valid: true, problems: [] });
    // A kept text changed afterwards no longer matches its commitment.
    const altered = {
      ...texts,
      'complaint.description': { ...texts['complaint.description']!, text: 'Another story.' },
    };
    expect(verifyCaseRecord({ bytes, sha256, texts: altered }, live).problems).toEqual([
      'the text kept for complaint.description is not the one the record committed to',
    ]);
    // Erased on request: the record still verifies, and says which texts are gone.
    const { 'complaint.description': _gone, ...rest } = texts;
    expect(verifyCaseRecord({ bytes, sha256, texts: rest }, live)).toEqual({
      valid: true,
      problems: [],
      erasedTexts: ['complaint.description'],
    });
    // The same salts give the same commitments; new salts, other ones.
    expect(textCommitment('x', 'salt')).toBe(sha256Hex('salt:x'));
    expect(JSON.stringify(sealCaseRecord(record).sealed)).not.toBe(stored);
  });

  it('renders printable HTML with the Bengali text as text and every value escaped', () => {
    const { complaint, timeline } = escalatedCase();
    const record = buildCaseRecord({
      complaint,
      timeline,
      attachments: [verifiedFile],
      issuedAt: at(8).toISOString(),
      reason: 'ESCALATED',
    });
    const html = renderCaseRecordHtml(record, 'c'.repeat(64));
    expect(html).toContain('<html lang="bn">');
    expect(html).toContain('পার্সেল আসেনি।');
    expect(html).toContain('রসিদ.pdf');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('c'.repeat(64));
    for (const entry of timeline) expect(html).toContain(entry.hash);
  });

  it('verifies against the live case, and says what no longer matches', () => {
    const { complaint, timeline } = escalatedCase();
    const record = buildCaseRecord({
      complaint,
      timeline,
      attachments: [verifiedFile],
      issuedAt: at(8).toISOString(),
      reason: 'ESCALATED',
    });
    const bytes = Buffer.from(JSON.stringify(record));
    const live = { complaint, timeline, attachments: [verifiedFile] };
    expect(verifyCaseRecord({ bytes, sha256: sha256Hex(bytes) }, live)).toEqual({ valid: true, problems: [] });
    // The live case moved on (a decision): the record is still the start of its chain.
    const decided = decide(
      complaint,
      decisionRequest.parse({ outcome: 'DISMISSED', reasons: 'The courier proves the delivery was made.' }),
      { regulatorId: 'r', agency: 'DNCRP' },
      at(9),
    );
    expect(
      verifyCaseRecord(
        { bytes, sha256: sha256Hex(bytes) },
        { ...live, complaint: decided.complaint, timeline: [...timeline, decided.entry] },
      ).valid,
    ).toBe(true);
    // Tampering anywhere shows.
    expect(
      verifyCaseRecord(
        { bytes: Buffer.from(JSON.stringify({ ...record, issuedAt: 'x' })), sha256: sha256Hex(bytes) },
        live,
      ).problems,
    ).toEqual(['the stored record is not the one issued (its SHA-256 differs)']);
    const rewritten = timeline.map((entry) => (entry.seq === 2 ? { ...entry, hash: '0'.repeat(64) } : entry));
    expect(verifyCaseRecord({ bytes, sha256: sha256Hex(bytes) }, { ...live, timeline: rewritten }).problems).toEqual([
      'timeline entry 2 differs from the live case',
    ]);
    expect(
      verifyCaseRecord(
        { bytes, sha256: sha256Hex(bytes) },
        { ...live, attachments: [{ ...verifiedFile, sha256: 'e'.repeat(64) }] },
      ).problems,
    ).toEqual([`evidence ${'a'.repeat(24)} has another SHA-256 than the record's`]);
    expect(verifyCaseRecord({ bytes: undefined, sha256: 'x' }, live)).toEqual({
      valid: false,
      problems: ['the record is missing from storage'],
    });
  });
});

describe('issuing case records', () => {
  it('issues a version once, a new one after the decision, and each verifies against the live case', async () => {
    const complaints = new InMemoryComplaints();
    const { complaint, timeline } = escalatedCase();
    complaints.complaints.set(complaint.trackingNumber, complaint);
    complaints.timelines.set(complaint.trackingNumber, timeline);
    const evidence = new InMemoryEvidence();
    const files = new InMemoryRecordFiles();
    const index = new InMemoryRecordIndex();
    const clock = fixedClock(at(8).toISOString());
    const renderings = new InMemoryRecordFiles();
    const issue = issueCaseRecordUseCase({ complaints, evidence, files, renderings, index, clock });
    expect(await issue(complaint.trackingNumber)).toEqual({
      trackingNumber: complaint.trackingNumber,
      version: 3,
      issued: true,
    });
    expect(await issue(complaint.trackingNumber)).toMatchObject({ issued: false });
    const decided = decide(
      complaint,
      decisionRequest.parse({ outcome: 'DISMISSED', reasons: 'The courier proves the delivery was made.' }),
      { regulatorId: 'r', agency: 'DNCRP' },
      at(9),
    );
    await complaints.save(complaint, decided);
    expect(await issue(complaint.trackingNumber)).toMatchObject({ version: 4, issued: true });
    // The sealed JSON write-once; the printable HTML, which shows the texts, erasable.
    expect([...files.objects.keys()].sort()).toEqual([
      caseRecordKeys(complaint.trackingNumber, 3).json,
      caseRecordKeys(complaint.trackingNumber, 4).json,
    ]);
    expect([...renderings.objects.keys()].sort()).toEqual([
      caseRecordKeys(complaint.trackingNumber, 3).html,
      caseRecordKeys(complaint.trackingNumber, 4).html,
    ]);
    expect(renderings.objects.get(caseRecordKeys(complaint.trackingNumber, 4).html)!.toString()).toContain(
      'The courier proves the delivery was made.',
    );
    expect(index.records[1]!.texts!['complaint.decision.reasons']!.text).toBe(
      'The courier proves the delivery was made.',
    );
    const live = { ...(await complaints.getWithTimeline(complaint.trackingNumber))!, attachments: [] };
    const shown = await caseRecordsOf({ files, renderings, index }, live);
    expect(shown.map((r) => [r.version, r.reason, r.verification.valid])).toEqual([
      [3, 'ESCALATED', true],
      [4, 'DECIDED', true],
    ]);
    const stored = JSON.parse(files.objects.get(caseRecordKeys(complaint.trackingNumber, 4).json)!.toString());
    expect(stored.complaint.decision).toMatchObject({ outcome: 'DISMISSED' });
  });

  it('records the escalation as it was, however late it is issued: no hearing or file from after it', async () => {
    const complaints = new InMemoryComplaints();
    const { complaint, timeline } = escalatedCase();
    complaints.complaints.set(complaint.trackingNumber, complaint);
    complaints.timelines.set(complaint.trackingNumber, timeline);
    const escalation = timeline.at(-1)!;
    // Before the escalation's record is written, a hearing is scheduled and a file is verified.
    const regulator = { regulatorId: 'r', agency: 'DNCRP' };
    const hearing = scheduleHearing(
      complaint,
      hearingRequest.parse({ at: at(12).toISOString(), mode: 'IN_PERSON', place: 'Room 4, DNCRP Dhaka' }),
      regulator,
      at(9),
    );
    await complaints.save(complaint, hearing);
    const evidence = new InMemoryEvidence();
    evidence.attachments.set(verifiedFile.attachmentId, { ...verifiedFile, checkedAt: at(10).toISOString() });
    const files = new InMemoryRecordFiles();
    const renderings = new InMemoryRecordFiles();
    const index = new InMemoryRecordIndex();
    const issue = issueCaseRecordUseCase({
      complaints,
      evidence,
      files,
      renderings,
      index,
      clock: fixedClock(at(10).toISOString()),
    });
    expect(await issue(complaint.trackingNumber, complaint.timelineSeq)).toMatchObject({ version: 3, issued: true });
    const stored = JSON.parse(files.objects.get(caseRecordKeys(complaint.trackingNumber, 3).json)!.toString());
    expect(stored).toMatchObject({ version: 3, reason: 'ESCALATED', timelineHead: escalation.hash });
    expect(stored.timeline.map((e: TimelineEntry) => e.action)).toEqual(['FILE', 'NOTIFY_MERCHANT', 'ESCALATE']);
    expect(stored.complaint.status).toBe('ESCALATED');
    expect(stored.complaint.hearings).toBeUndefined();
    expect(stored.evidence).toEqual([]);
    // It still verifies against the live case, which has moved on.
    const live = { ...(await complaints.getWithTimeline(complaint.trackingNumber))!, attachments: [verifiedFile] };
    expect((await caseRecordsOf({ files, renderings, index }, live)).map((r) => r.verification)).toEqual([
      { valid: true, problems: [] },
    ]);
    expect(await issue(complaint.trackingNumber, 99).catch((error: Error) => error.message)).toBe(
      `Case ${complaint.trackingNumber} has no timeline entry 99.`,
    );
  });
});
