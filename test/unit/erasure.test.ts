import { describe, expect, it } from 'vitest';
import {
  consumerErasureUseCase,
  eraseComplaintUseCase,
  eraseExpiredComplaintsUseCase,
} from '../../functions/complaints/erasure-use-cases';
import { caseRecordKeys, verifyCaseRecord } from '../../functions/domain/case-record';
import { fixedClock } from '../../functions/domain/clock';
import { act, fileComplaint, rate, type Complaint, type ComplaintChange } from '../../functions/domain/complaint';
import { erasedConsumerId } from '../../functions/domain/erasure';
import { decide, decisionRequest, hearingRequest, scheduleHearing } from '../../functions/domain/decisions';
import {
  ConcurrentChangeError,
  FreshSignInRequiredError,
  OpenComplaintsError,
  TransitionRefusedError,
} from '../../functions/domain/errors';
import { evidenceKey, type Attachment } from '../../functions/domain/evidence';
import type { ErasureLogEntry, ErasureRecords } from '../../functions/domain/ports';
import { verifyTimeline } from '../../functions/domain/timeline';
import { attachmentsForViewer, verifyEvidence } from '../../functions/evidence/use-cases';
import { caseRecordsOf, issueCaseRecordUseCase } from '../../functions/regulator/case-record-use-cases';
import { filingRequest } from './fixtures';
import {
  InMemoryComplaints,
  InMemoryEvidence,
  InMemoryEvidenceFiles,
  InMemoryProfiles,
  InMemoryRecordFiles,
  InMemoryRecordIndex,
} from './in-memory';

const at = (day: number) => new Date(Date.parse('2026-05-01T08:00:00Z') + day * 86_400_000);
const phone = '+8801712345678';
const regulator = { regulatorId: 'r', agency: 'DNCRP' };
/** Every personal or free text the case below holds: none may survive its erasure. */
const planted = [
  'Rahima Begum',
  'rahima@example.com',
  'parcel never arrived, call 01712-345678',
  'They said it would come next week.',
  'T-88',
  'Refund sent to bKash 01712-345678',
  'Room 4, DNCRP Dhaka',
  'Bring the bKash statement.',
  'The courier proves the delivery was made to Mirpur 10.',
  'NID scan Rahima.jpg',
  'Still nothing, my address is House 5',
] as const;
/** A rating's comment, written after the erasure from a stale read. */
const lateComment = 'Slow, but they answered. Call 01712-345678.';

/** Records the deleted traces and the log in memory, as the DynamoDB adapter keeps them. */
class InMemoryErasureRecords implements ErasureRecords {
  readonly traces = new Set<string>();
  readonly logged: ErasureLogEntry[] = [];
  /** Each complaint whose reads in the access log were given their end, with the erasure's time. */
  readonly readsExpiring = new Map<string, string>();
  async deleteComplaintTraces(trackingNumber: string) {
    for (const trace of this.traces) if (trace.startsWith(`${trackingNumber}/`)) this.traces.delete(trace);
  }
  async expireReads(trackingNumber: string, erasedAt: string) {
    this.readsExpiring.set(trackingNumber, erasedAt);
  }
  async log(entry: ErasureLogEntry) {
    this.logged.push(entry);
  }
}

/**
 * A case decided (dismissed) after a hearing: every kind of free text, a verified file, two case
 * records. Given another case, it is kept in that case's complaints and record index too.
 */
const decidedCase = async (
  trackingNumber = 'ABCDE-FGHJ0',
  consumerId = phone,
  alongside?: { complaints: InMemoryComplaints; index: InMemoryRecordIndex },
) => {
  const complaints = alongside?.complaints ?? new InMemoryComplaints();
  const filed = fileComplaint({
    request: filingRequest({ description: planted[2], complainantName: planted[0] }),
    consumerId,
    complainantNameSealed: `sealed:${planted[0]}`,
    trackingNumber,
    at: at(0),
  });
  await complaints.create({
    ...filed,
    complaint: { ...filed.complaint, consumerEmailSealed: `sealed:${planted[1]}` },
  });
  const step = async (change: (complaint: Complaint) => ComplaintChange) => {
    const before = (await complaints.get(trackingNumber))!;
    await complaints.save(before, change(before));
  };
  await step((c) => act(c, 'NOTIFY_MERCHANT', 'system', at(0)));
  await step((c) =>
    act(c, 'PROPOSE_RESOLUTION', 'merchant', at(1), {
      note: planted[5],
      with: { resolution: { remedy: 'REFUND', message: planted[5], evidence: [], proposedAt: at(1).toISOString() } },
    }),
  );
  await step((c) => act(c, 'DISPUTE', 'consumer', at(2), planted[10]));
  await step((c) => act(c, 'ESCALATE', 'system', at(2)));
  await step((c) =>
    scheduleHearing(
      c,
      hearingRequest.parse({ at: at(12).toISOString(), mode: 'IN_PERSON', place: planted[6], note: planted[7] }),
      regulator,
      at(3),
    ),
  );
  await step((c) => decide(c, decisionRequest.parse({ outcome: 'DISMISSED', reasons: planted[8] }), regulator, at(13)));
  const evidence = new InMemoryEvidence();
  const files = new InMemoryEvidenceFiles(true);
  const key = evidenceKey(trackingNumber, 'a'.repeat(24));
  files.upload(key, Buffer.from('first upload'));
  const versionId = files.upload(key, Buffer.from('%PDF the receipt'));
  const file: Attachment = {
    attachmentId: 'a'.repeat(24),
    trackingNumber,
    uploadedBy: 'consumer',
    fileName: planted[9],
    contentType: 'application/pdf',
    declaredSize: 16,
    size: 16,
    sha256: (await files.inspect(key, versionId))!.sha256,
    versionId,
    requestedAt: at(1).toISOString(),
    uploadExpiresAt: at(1).toISOString(),
    checkedAt: at(1).toISOString(),
    status: 'VERIFIED',
  };
  evidence.attachments.set(file.attachmentId, file);
  const records = new InMemoryRecordFiles();
  const renderings = new InMemoryRecordFiles();
  const index = alongside?.index ?? new InMemoryRecordIndex();
  const issue = issueCaseRecordUseCase({
    complaints,
    evidence,
    files: records,
    renderings,
    index,
    clock: fixedClock(at(14).toISOString()),
  });
  await issue(trackingNumber, 5);
  await issue(trackingNumber, 7);
  const traces = new InMemoryErasureRecords();
  traces.traces.add(`${trackingNumber}/UNDELIVERABLE#000002#sms`).add(`${trackingNumber}/EMAILCONFIRM`);
  const deps = {
    complaints,
    evidence,
    // The evidence bucket holds the files and the records' printable renderings.
    files: { eraseAll: async (prefix: string) => (await files.eraseAll(prefix)) + (await renderings.eraseAll(prefix)) },
    caseRecords: index,
    records: traces,
    hasher: { hash: async (value: string) => `hmac(${value})`.padEnd(40, '0') },
    clock: fixedClock(at(400).toISOString()),
  };
  return { deps, complaints, evidence, files, records, renderings, index, traces, trackingNumber, file };
};

const everythingKept = async (c: Awaited<ReturnType<typeof decidedCase>>) =>
  JSON.stringify({
    live: await c.complaints.getWithTimeline(c.trackingNumber),
    evidence: await c.evidence.list(c.trackingNumber),
    records: c.index.records,
    files: [...c.files.versions.values()].flat().map((v) => v.bytes.toString()),
    renderings: [...c.renderings.objects.values()].map((b) => b.toString()),
    sealed: [...c.records.objects.values()].map((b) => b.toString()),
    log: c.traces.logged,
  });

describe('erasing a closed complaint', () => {
  it('leaves none of its personal data or free text, while its chain, records and evidence hashes still verify', async () => {
    const c = await decidedCase();
    expect((await c.complaints.get(c.trackingNumber))!.status).toBe('CLOSED');
    const before = await everythingKept(c);
    for (const text of planted) expect(before).toContain(text);

    expect(await eraseComplaintUseCase(c.deps)(c.trackingNumber, 'CONSUMER_REQUEST')).toBe('ERASED');

    const after = await everythingKept(c);
    for (const text of planted) expect(after).not.toContain(text);
    expect(after).not.toContain(phone);
    const { complaint, timeline } = (await c.complaints.getWithTimeline(c.trackingNumber))!;
    // What the statistics and the scorecard count stays.
    expect(complaint).toMatchObject({
      status: 'CLOSED',
      merchantId: 'demo-bazaar',
      category: 'NOT_DELIVERED',
      amount: 2450.5,
      deliveryDistrict: 'dhaka',
      escalationReason: 'RESOLUTION_DISPUTED',
      decision: { outcome: 'DISMISSED', reasons: '' },
      erasedAt: at(400).toISOString(),
    });
    expect(complaint.consumerId).toMatch(/^ERASED-[0-9a-z()+:-]{32}$/);
    expect(complaint.complainantNameSealed).toBeUndefined();
    expect(complaint.consumerEmailSealed).toBeUndefined();
    expect(verifyTimeline(c.trackingNumber, timeline)).toEqual({ valid: true });
    expect(timeline.filter((entry) => entry.noteErasedAt).map((entry) => entry.action)).toEqual([
      'PROPOSE_RESOLUTION',
      'DISPUTE',
      'SCHEDULE_HEARING',
      'DECIDE',
    ]);
    // Every version of the file is gone; its record keeps the hash the case records name.
    expect(c.files.versions.size).toBe(0);
    const attachments = await c.evidence.list(c.trackingNumber);
    expect(attachments[0]).toMatchObject({ fileName: '', sha256: c.file.sha256, erasedAt: at(400).toISOString() });
    expect(await verifyEvidence(c.files, attachments, complaint)).toMatchObject({
      files: [{ result: 'ERASED' }],
    });
    const [shown] = await attachmentsForViewer(c.files, attachments, 'regulator');
    expect(shown!.download).toBeUndefined();
    // The write-once records still verify; their kept texts are reported erased, not altered.
    const live = { complaint, timeline, attachments };
    const records = await caseRecordsOf({ files: c.records, renderings: c.renderings, index: c.index }, live);
    expect(records.map((record) => [record.version, record.verification.valid, record.links.html])).toEqual([
      [5, true, undefined],
      [7, true, undefined],
    ]);
    expect(records[1]!.verification.erasedTexts).toEqual(
      expect.arrayContaining(['complaint.description', 'complaint.decision.reasons', 'evidence.0.fileName']),
    );
    expect(c.renderings.objects.has(caseRecordKeys(c.trackingNumber, 7).html)).toBe(false);
    expect(
      verifyCaseRecord(
        {
          bytes: c.records.objects.get(caseRecordKeys(c.trackingNumber, 7).json),
          sha256: c.index.records[1]!.json.sha256,
        },
        live,
      ).valid,
    ).toBe(true);
    // Its undeliverable messages and email confirmation are gone, its reads in the access log end
    // the retention after the erasure; the erasure is logged, naming no one.
    expect(c.traces.traces.size).toBe(0);
    expect(c.traces.readsExpiring).toEqual(new Map([[c.trackingNumber, at(400).toISOString()]]));
    expect(c.traces.logged).toEqual([
      {
        kind: 'COMPLAINT',
        trackingNumber: c.trackingNumber,
        at: at(400).toISOString(),
        reason: 'CONSUMER_REQUEST',
        consumer: complaint.consumerId,
      },
    ]);
    expect(await eraseComplaintUseCase(c.deps)(c.trackingNumber, 'CONSUMER_REQUEST')).toBe('ALREADY_ERASED');
  });

  it('gives every complaint of one consumer the same pseudonym, and another consumer another', async () => {
    const mine = await decidedCase('ABCDE-FGHJ0', phone);
    const theirs = await decidedCase('ABCDE-FGHJ1', '+8801812345678');
    await eraseComplaintUseCase(mine.deps)(mine.trackingNumber, 'RETENTION');
    await eraseComplaintUseCase(theirs.deps)(theirs.trackingNumber, 'RETENTION');
    const a = (await mine.complaints.get(mine.trackingNumber))!.consumerId;
    const b = (await theirs.complaints.get(theirs.trackingNumber))!.consumerId;
    expect(a).not.toBe(b);
    const again = await decidedCase('ABCDE-FGHJ2', phone);
    await eraseComplaintUseCase(again.deps)(again.trackingNumber, 'RETENTION');
    expect((await again.complaints.get(again.trackingNumber))!.consumerId).toBe(a);
  });

  it('leaves an open complaint, and one still waiting on a compliance date, as they are', async () => {
    const c = await decidedCase();
    const open = fileComplaint({
      request: filingRequest({ orderRef: 'DB-2002' }),
      consumerId: phone,
      complainantNameSealed: 'sealed',
      trackingNumber: 'ABCDE-FGHJ3',
      at: at(0),
    });
    await c.complaints.create(open);
    expect(await eraseComplaintUseCase(c.deps)('ABCDE-FGHJ3', 'CONSUMER_REQUEST')).toBe('OPEN');
    const waiting = {
      ...(await c.complaints.get(c.trackingNumber))!,
      timer: { seq: 9, dueAt: at(500).toISOString(), purpose: 'COMPLIANCE_DUE' as const },
    };
    c.complaints.complaints.set(c.trackingNumber, waiting);
    expect(await eraseComplaintUseCase(c.deps)(c.trackingNumber, 'CONSUMER_REQUEST')).toBe('OPEN');
    expect(await eraseComplaintUseCase(c.deps)('NOPE0-00000', 'CONSUMER_REQUEST')).toBe('MISSING');
    expect(await everythingKept(c)).toContain(planted[0]);
  });

  it('refuses any later action on an erased complaint, such as a merchant confirming compliance late', async () => {
    const c = await decidedCase();
    await eraseComplaintUseCase(c.deps)(c.trackingNumber, 'CONSUMER_REQUEST');
    const erased = (await c.complaints.get(c.trackingNumber))!;
    expect(() => act(erased, 'CONFIRM_COMPLIANCE', 'merchant', at(401), 'Paid at last, to 01712-345678.')).toThrow(
      TransitionRefusedError,
    );
  });

  it('expires an upload still pending, so a file that lands after the erasure is deleted on arrival', async () => {
    const c = await decidedCase();
    c.evidence.attachments.set('b'.repeat(24), {
      ...c.file,
      attachmentId: 'b'.repeat(24),
      fileName: 'late upload of my NID.jpg',
      status: 'PENDING',
      checkedAt: undefined,
      sha256: undefined,
      size: undefined,
      versionId: undefined,
    });
    await eraseComplaintUseCase(c.deps)(c.trackingNumber, 'CONSUMER_REQUEST');
    expect((await c.evidence.get(c.trackingNumber, 'b'.repeat(24)))!).toMatchObject({
      status: 'EXPIRED',
      fileName: '',
    });
  });

  it('waits while a case record of it is still being issued: a record issued after would commit to erased texts', async () => {
    const c = await decidedCase();
    c.index.records.splice(1); // the decision's record is not indexed yet
    expect(await eraseComplaintUseCase(c.deps)(c.trackingNumber, 'CONSUMER_REQUEST')).toBe('WAITING');
    expect(await everythingKept(c)).toContain(planted[0]);
  });

  it('ends two erasures at once with the complaint erased and logged once', async () => {
    const c = await decidedCase();
    const both = await Promise.all([
      eraseComplaintUseCase(c.deps)(c.trackingNumber, 'CONSUMER_REQUEST'),
      eraseComplaintUseCase(c.deps)(c.trackingNumber, 'RETENTION'),
    ]);
    expect(both.sort()).toEqual(['ALREADY_ERASED', 'ERASED']);
    expect(c.traces.logged).toHaveLength(1);
  });

  it('does not let a change read before the erasure write the erased data back', async () => {
    const c = await decidedCase();
    const read = (await c.complaints.get(c.trackingNumber))!;
    await eraseComplaintUseCase(c.deps)(c.trackingNumber, 'CONSUMER_REQUEST');
    // A rating read before the erasure, stored after it: refused, and retried on the erased complaint.
    await expect(c.complaints.save(read, rate(read, at(401), 4, lateComment))).rejects.toBeInstanceOf(
      ConcurrentChangeError,
    );
    expect(await everythingKept(c)).not.toContain(planted[0]);
    expect(await everythingKept(c)).not.toContain(lateComment);
  });
});

describe("a consumer's erasure request", () => {
  const session = (signedInAt: Date) => ({ consumerId: phone, signedInAt: signedInAt.toISOString() });
  const setup = async () => {
    const c = await decidedCase();
    await decidedCase('ABCDE-FGHJ4', phone, c);
    const profiles = new InMemoryProfiles();
    await profiles.storeIdentity(phone, {
      document: 'NID',
      numberHash: 'keyed',
      lastDigits: '456',
      dateOfBirth: '1990-01-15',
      verifiedAt: at(0).toISOString(),
    });
    await profiles.reserveIdentityCheck(phone, '2026-05-01', 5);
    // The consumer's reports of sellers (functions/unlisted): who asked, and how many there were.
    const reports = { asked: [] as string[], held: 0 };
    const eraseReports = async (consumerId: string, keepGoing: () => boolean) => {
      reports.asked.push(consumerId);
      let erased = 0;
      while (reports.held > 0 && keepGoing()) {
        reports.held -= 1;
        erased += 1;
      }
      return { erased, remaining: reports.held > 0 };
    };
    return {
      ...c,
      profiles,
      reports,
      eraseReports,
      erase: consumerErasureUseCase({ ...c.deps, profiles, eraseReports }),
    };
  };

  it('needs a sign-in under 10 minutes old', async () => {
    const s = await setup();
    await expect(s.erase(session(new Date(at(400).getTime() - 11 * 60_000)), () => true)).rejects.toBeInstanceOf(
      FreshSignInRequiredError,
    );
    await expect(s.erase({ consumerId: phone }, () => true)).rejects.toBeInstanceOf(FreshSignInRequiredError);
    expect(await everythingKept(s)).toContain(planted[0]);
  });

  it('is refused while a complaint is open, naming it, and erases nothing', async () => {
    const s = await setup();
    const open = fileComplaint({
      request: filingRequest({ orderRef: 'DB-2002' }),
      consumerId: phone,
      complainantNameSealed: 'sealed',
      trackingNumber: 'ABCDE-FGHJ3',
      at: at(0),
    });
    await s.complaints.create(open);
    const refusal = await s.erase(session(at(400)), () => true).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OpenComplaintsError);
    expect((refusal as OpenComplaintsError).details).toEqual({
      complaints: [{ trackingNumber: 'ABCDE-FGHJ3', status: 'SUBMITTED' }],
    });
    expect(await everythingKept(s)).toContain(planted[0]);
    expect(await s.profiles.get(phone)).toBeDefined();
  });

  it('goes on across requests while time runs out, then erases the identity and says DONE', async () => {
    const s = await setup();
    s.reports.held = 2;
    let budget = 1;
    const first = await s.erase(session(at(400)), () => budget-- > 0);
    expect(first).toEqual({ status: 'IN_PROGRESS', erasedComplaints: 1, erasedSellerReports: 0 });
    expect(await s.profiles.get(phone)).toBeDefined();
    // Their reports of sellers go with the last of their complaints, with the identity.
    expect(s.reports.asked).toEqual([]);
    const second = await s.erase(session(at(400)), () => true);
    expect(second).toEqual({ status: 'DONE', erasedComplaints: 1, erasedSellerReports: 2 });
    expect(s.reports.asked).toEqual([phone]);
    expect(await s.profiles.get(phone)).toBeUndefined();
    // The day's identity-check count stays (its TTL ends it): an erasure gives no more checks of the register.
    expect(s.profiles.checks.get(`${phone}/2026-05-01`)).toBe(1);
    for (const tn of ['ABCDE-FGHJ0', 'ABCDE-FGHJ4'])
      expect((await s.complaints.get(tn))!.erasedAt).toBe(at(400).toISOString());
    expect((await s.complaints.listByConsumer(phone)).items).toEqual([]);
    // Logged per request under the pseudonym, with how many each erased.
    const requests = s.traces.logged.filter((entry) => entry.kind === 'CONSUMER');
    expect(requests.map((entry) => entry.kind === 'CONSUMER' && entry.complaints)).toEqual([1, 1]);
    expect(JSON.stringify(s.traces.logged)).not.toContain(phone);
    // Asking again finds nothing left, and adds nothing to the log.
    expect(await s.erase(session(at(400)), () => true)).toEqual({
      status: 'DONE',
      erasedComplaints: 0,
      erasedSellerReports: 0,
    });
    expect(s.traces.logged.filter((entry) => entry.kind === 'CONSUMER')).toHaveLength(2);
  });
  it('erases no identity when the pseudonym cannot be made (KMS down), so the retry erases and logs it', async () => {
    const s = await setup();
    // Both complaints erased already (their retention ended): the request has only the identity left.
    for (const tn of ['ABCDE-FGHJ0', 'ABCDE-FGHJ4']) await eraseComplaintUseCase(s.deps)(tn, 'RETENTION');
    const down = { hash: async () => Promise.reject(new Error('KMS unavailable')) };
    const request = consumerErasureUseCase({
      ...s.deps,
      hasher: down,
      profiles: s.profiles,
      eraseReports: s.eraseReports,
    });
    await expect(request(session(at(400)), () => true)).rejects.toThrow('KMS unavailable');
    expect(await s.profiles.get(phone)).toBeDefined();
    expect(await s.erase(session(at(400)), () => true)).toEqual({
      status: 'DONE',
      erasedComplaints: 0,
      erasedSellerReports: 0,
    });
    expect(await s.profiles.get(phone)).toBeUndefined();
    expect(s.traces.logged.filter((entry) => entry.kind === 'CONSUMER')).toEqual([
      expect.objectContaining({ complaints: 0, consumer: expect.stringMatching(/^ERASED-/) }),
    ]);
  });

  it('goes on with the reports of sellers across requests too, and erases the identity only once they are done', async () => {
    const s = await setup();
    s.reports.held = 3;
    // Time for the two complaints and one report.
    let budget = 3;
    const first = await s.erase(session(at(400)), () => budget-- > 0);
    expect(first).toEqual({ status: 'IN_PROGRESS', erasedComplaints: 2, erasedSellerReports: 1 });
    expect(await s.profiles.get(phone)).toBeDefined();
    const second = await s.erase(session(at(400)), () => true);
    expect(second).toEqual({ status: 'DONE', erasedComplaints: 0, erasedSellerReports: 2 });
    expect(await s.profiles.get(phone)).toBeUndefined();
  });

  it('asks KMS for the pseudonym once per request, however many complaints it erases', async () => {
    const s = await setup();
    const hashed: string[] = [];
    const hasher = {
      hash: async (value: string) => {
        hashed.push(value);
        return s.deps.hasher.hash(value);
      },
    };
    const erase = consumerErasureUseCase({ ...s.deps, hasher, profiles: s.profiles, eraseReports: s.eraseReports });
    expect(await erase(session(at(400)), () => true)).toEqual({
      status: 'DONE',
      erasedComplaints: 2,
      erasedSellerReports: 0,
    });
    expect(hashed).toHaveLength(1);
    const pseudonyms = new Set(
      await Promise.all(['ABCDE-FGHJ0', 'ABCDE-FGHJ4'].map(async (tn) => (await s.complaints.get(tn))!.consumerId)),
    );
    expect(pseudonyms).toEqual(new Set([erasedConsumerId(await s.deps.hasher.hash(hashed[0]!))]));
  });
});

describe('the end of retention', () => {
  it('erases complaints closed for good longer ago than the retention, and leaves the rest', async () => {
    const c = await decidedCase(); // closed on day 13; the clock stands at day 400
    const recent = fileComplaint({
      request: filingRequest({ orderRef: 'DB-2002' }),
      consumerId: phone,
      complainantNameSealed: 'sealed-recent',
      trackingNumber: 'ABCDE-FGHJ5',
      at: at(380),
    });
    await c.complaints.create(recent);
    await c.complaints.save(recent.complaint, act(recent.complaint, 'WITHDRAW', 'consumer', at(390)));
    const open = fileComplaint({
      request: filingRequest({ orderRef: 'DB-3003' }),
      consumerId: phone,
      complainantNameSealed: 'sealed-open',
      trackingNumber: 'ABCDE-FGHJ6',
      at: at(1),
    });
    await c.complaints.create(open);
    const expire = eraseExpiredComplaintsUseCase({ ...c.deps, retentionDays: 365 });
    // An operator's run limited to other complaints erases nothing.
    expect(await expire(() => true, ['ABCDE-FGHJ5'])).toEqual({ erased: [], left: false, failed: [] });
    expect(await expire(() => true)).toEqual({ erased: [c.trackingNumber], left: false, failed: [] });
    expect((await c.complaints.get(c.trackingNumber))!.erasedAt).toBe(at(400).toISOString());
    expect(c.traces.logged).toEqual([expect.objectContaining({ kind: 'COMPLAINT', reason: 'RETENTION' })]);
    expect((await c.complaints.get('ABCDE-FGHJ5'))!.complainantNameSealed).toBe('sealed-recent');
    expect((await c.complaints.get('ABCDE-FGHJ6'))!.complainantNameSealed).toBe('sealed-open');
    // Once erased, it is no longer due.
    expect(await expire(() => true)).toEqual({ erased: [], left: false, failed: [] });
  });

  it('goes on past a complaint it cannot erase now, and says which', async () => {
    const c = await decidedCase();
    await decidedCase('ABCDE-FGHJ7', phone, c);
    const failing = {
      ...c.deps,
      files: {
        eraseAll: async (prefix: string) => {
          if (prefix.includes(c.trackingNumber)) throw new Error('SlowDown');
          return c.deps.files.eraseAll(prefix);
        },
      },
    };
    const result = await eraseExpiredComplaintsUseCase({ ...failing, retentionDays: 30 })(() => true);
    expect(result).toEqual({
      erased: ['ABCDE-FGHJ7'],
      left: true,
      failed: [{ trackingNumber: c.trackingNumber, error: 'Error' }],
    });
  });

  it('stops when time runs out, saying some are left for the next run', async () => {
    const c = await decidedCase();
    const expire = eraseExpiredComplaintsUseCase({ ...c.deps, retentionDays: 30 });
    expect(await expire(() => false)).toEqual({ erased: [], left: true, failed: [] });
    expect((await c.complaints.get(c.trackingNumber))!.erasedAt).toBeUndefined();
  });
});
