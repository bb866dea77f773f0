/**
 * Evidence rules and use cases on in-memory ports, including what the local cloud cannot show:
 * a versioned bucket (S3 in AWS), where a second upload through the same form becomes a new
 * version that must never be served.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock';
import type { Complaint } from '../../functions/domain/complaint';
import { RefusedError, NotFoundError } from '../../functions/domain/errors';
import {
  checkUpload,
  contentDisposition,
  evidenceKey,
  evidenceLimits,
  evidenceRefusal,
  parseEvidenceKey,
  sniffType,
  uploadRequest,
} from '../../functions/domain/evidence';
import { complaintStatuses } from '../../functions/domain/lifecycle';
import {
  attachmentsForViewer,
  verifyEvidence,
  malwareScanUseCase,
  checkUploadUseCase,
  requestUploadUseCase,
} from '../../functions/evidence/use-cases';
import { InMemoryComplaints, InMemoryEvidence, InMemoryEvidenceFiles } from './in-memory';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1]);
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('telling a file’s type by its first bytes', () => {
  it('recognises JPEG, PNG, WebP and PDF', () => {
    expect([jpeg, png, webp, pdf].map(sniffType)).toEqual(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
  });

  it('recognises nothing else: HTML, a RIFF that is not WebP, a truncated header, an empty file', () => {
    const wave = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WAVEfmt ')]);
    for (const bytes of [Buffer.from('<html><script>'), wave, png.subarray(0, 7), Buffer.alloc(0)])
      expect(sniffType(bytes)).toBeUndefined();
  });
});

describe('checking an upload against what was declared', () => {
  const declared = { contentType: 'image/png' as const, declaredSize: png.length };

  it('verifies a file of the declared type and size, keeping its hash and version', () => {
    expect(checkUpload(declared, { size: png.length, sha256: 'abc', head: png, versionId: 'v7' })).toEqual({
      status: 'VERIFIED',
      size: png.length,
      sha256: 'abc',
      versionId: 'v7',
    });
  });

  it('rejects a file whose content is another type, saying what it really is', () => {
    const outcome = checkUpload(declared, { size: png.length, sha256: 'abc', head: pdf });
    expect(outcome).toMatchObject({ status: 'REJECTED', code: 'TYPE_MISMATCH' });
    expect(outcome.status === 'REJECTED' && outcome.message).toContain('its content is a PDF file');
    expect(checkUpload(declared, { size: png.length, sha256: 'abc', head: Buffer.from('<svg onload=') })).toMatchObject(
      { code: 'TYPE_MISMATCH' },
    );
  });

  it('rejects a file of another size than declared', () => {
    expect(checkUpload(declared, { size: png.length + 1, sha256: 'abc', head: png })).toMatchObject({
      status: 'REJECTED',
      code: 'SIZE_MISMATCH',
    });
  });
});

describe('the upload request', () => {
  it('takes the four types, up to 10 MB, with a file name', () => {
    expect(
      uploadRequest.safeParse({ fileName: 'রসিদ.jpg', contentType: 'image/jpeg', size: evidenceLimits.maxBytes })
        .success,
    ).toBe(true);
    const refused = uploadRequest.safeParse({
      fileName: ' ',
      contentType: 'image/svg+xml',
      size: evidenceLimits.maxBytes + 1,
      extra: 1,
    });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.path.join('.') || i.code).sort()).toEqual([
      'contentType',
      'fileName',
      'size',
      'unrecognized_keys',
    ]);
  });
});

describe('who may add evidence when', () => {
  it('lets the consumer until the complaint is closed or withdrawn, and the merchant while it may propose a resolution', () => {
    const consumerMay = complaintStatuses.filter((status) => !evidenceRefusal({ status }, 'consumer'));
    const merchantMay = complaintStatuses.filter((status) => !evidenceRefusal({ status }, 'merchant'));
    expect(complaintStatuses.filter((status) => !consumerMay.includes(status))).toEqual(['CLOSED', 'WITHDRAWN']);
    expect(merchantMay).toEqual(['AWAITING_MERCHANT', 'ACKNOWLEDGED', 'MERCHANT_REPLIED']);
  });
});

describe('file names and keys', () => {
  it('offers the uploader’s name (Bengali too) with an ASCII fallback, with nothing that breaks the header', () => {
    const header = contentDisposition({
      attachmentId: 'a'.repeat(24),
      fileName: 'রসিদ "final"; x.pdf',
      contentType: 'application/pdf',
    });
    expect(header).toBe(
      `attachment; filename="evidence-${'a'.repeat(24)}.pdf"; filename*=UTF-8''${encodeURIComponent('রসিদ "final"; x.pdf')}`,
    );
    expect(header.split('"').length).toBe(3);
  });

  it('reads back only keys it made', () => {
    const key = evidenceKey('ABCDE-FGHJK', 'f'.repeat(24));
    expect(parseEvidenceKey(key)).toEqual({ trackingNumber: 'ABCDE-FGHJK', attachmentId: 'f'.repeat(24) });
    for (const other of ['complaints/ABCDE-FGHJK/short', `other/ABCDE-FGHJK/${'f'.repeat(24)}`, `${key}/x`])
      expect(parseEvidenceKey(other)).toBeUndefined();
  });
});

const complaint = (overrides: Partial<Complaint> = {}) =>
  ({
    trackingNumber: 'ABCDE-FGHJK',
    merchantId: 'demo-bazaar',
    consumerId: '+8801712345678',
    status: 'AWAITING_MERCHANT',
    ...overrides,
  }) as Complaint;

const setup = (options: { versioned: boolean; status?: Complaint['status'] }) => {
  const complaints = new InMemoryComplaints();
  complaints.complaints.set('ABCDE-FGHJK', complaint({ status: options.status ?? 'AWAITING_MERCHANT' }));
  const evidence = new InMemoryEvidence();
  const files = new InMemoryEvidenceFiles(options.versioned);
  let now = Date.parse('2026-05-01T08:00:00.000Z');
  let counter = 0;
  const clock = { now: () => new Date(now) };
  const deps = {
    complaints,
    evidence,
    files,
    clock,
    randomBytes: (size: number) => new Uint8Array(size).fill(++counter),
  };
  const consumer = { party: 'consumer' as const, owns: (c: Complaint) => c.consumerId === '+8801712345678' };
  return {
    evidence,
    files,
    advance: (ms: number) => (now += ms),
    ask: (contentType: 'image/png' | 'application/pdf', size: number) =>
      requestUploadUseCase(deps)(consumer, 'ABCDE-FGHJK', { fileName: 'file', contentType, size }),
    check: checkUploadUseCase(deps),
    key: (attachmentId: string) => evidenceKey('ABCDE-FGHJK', attachmentId),
  };
};

describe('checking uploads in a versioned bucket (as deployed)', () => {
  it('verifies the first upload and deletes a second one through the same form, so only the checked version is ever linked', async () => {
    const { ask, check, files, evidence, key } = setup({ versioned: true });
    const { attachmentId } = await ask('image/png', png.length);
    const first = files.upload(key(attachmentId), png);
    const second = files.upload(key(attachmentId), Buffer.concat([png.subarray(0, 8), Buffer.alloc(png.length - 8)]));
    expect(await check({ key: key(attachmentId), versionId: first })).toBe('VERIFIED');
    expect(await check({ key: key(attachmentId), versionId: second })).toBe('LATE_UPLOAD_REMOVED');
    expect(await check({ key: key(attachmentId), versionId: first })).toBe('REDELIVERED');
    expect(files.versions.get(key(attachmentId))!.map((v) => v.versionId)).toEqual([first]);
    const stored = (await evidence.get('ABCDE-FGHJK', attachmentId))!;
    expect(stored).toMatchObject({ status: 'VERIFIED', versionId: first, sha256: sha256(png) });
    const [shown] = await attachmentsForViewer(files, [stored], 'merchant');
    expect(shown!.download!.url).toContain(`versionId=${first}`);
  });

  it('deletes the rejected version for good and frees its slot', async () => {
    const { ask, check, files, evidence, key } = setup({ versioned: true });
    const { attachmentId } = await ask('image/png', pdf.length);
    const version = files.upload(key(attachmentId), pdf);
    expect(await check({ key: key(attachmentId), versionId: version })).toBe('REJECTED');
    expect(files.versions.has(key(attachmentId))).toBe(false);
    expect(evidence.slotsUsed.get('ABCDE-FGHJK/consumer')).toBe(0);
  });
});

describe('checking uploads in an unversioned bucket (the local cloud)', () => {
  it('rejects and deletes a verified file replaced by a second upload, and takes a repeated report as one', async () => {
    const { ask, check, files, evidence, key } = setup({ versioned: false });
    const { attachmentId } = await ask('image/png', png.length);
    files.upload(key(attachmentId), png);
    expect(await check({ key: key(attachmentId) })).toBe('VERIFIED');
    expect(await check({ key: key(attachmentId) })).toBe('REDELIVERED');
    files.upload(key(attachmentId), Buffer.concat([png.subarray(0, 8), Buffer.alloc(png.length - 8, 1)]));
    expect(await check({ key: key(attachmentId) })).toBe('REPLACED_UPLOAD_REJECTED');
    expect(await evidence.get('ABCDE-FGHJK', attachmentId)).toMatchObject({
      status: 'REJECTED',
      rejection: { code: 'UPLOAD_AFTER_CHECK' },
    });
    expect(files.versions.has(key(attachmentId))).toBe(false);
  });

  it('deletes a file nobody was given a slot for', async () => {
    const { check, files } = setup({ versioned: false });
    const stray = evidenceKey('ABCDE-FGHJK', 'e'.repeat(24));
    files.upload(stray, png);
    files.upload('complaints/elsewhere.html', Buffer.from('<html>'));
    expect(await check({ key: stray })).toBe('UNKNOWN_FILE_REMOVED');
    expect(await check({ key: 'complaints/elsewhere.html' })).toBe('UNKNOWN_FILE_REMOVED');
    expect(files.versions.size).toBe(0);
  });
});

describe('upload slots', () => {
  it('frees slots whose forms expired unused, once no upload through them can still land', async () => {
    const { ask, advance, check, files, key, evidence } = setup({ versioned: true });
    const slots = await Promise.all(
      Array.from({ length: evidenceLimits.maxFilesPerParty }, () => ask('image/png', png.length)),
    );
    await expect(ask('image/png', png.length)).rejects.toMatchObject({ code: 'ATTACHMENT_LIMIT_REACHED' });
    // The form expired, but an upload begun just before may still land: not yet.
    advance((evidenceLimits.uploadWindowSeconds + 60) * 1000);
    await expect(ask('image/png', png.length)).rejects.toBeInstanceOf(RefusedError);
    advance(evidenceLimits.unusedSlotGraceSeconds * 1000);
    const fresh = await ask('image/png', png.length);
    expect(fresh.status).toBe('PENDING');
    expect((await evidence.list('ABCDE-FGHJK')).filter((a) => a.status === 'EXPIRED')).toHaveLength(
      evidenceLimits.maxFilesPerParty,
    );
    // A file that lands in an expired slot after all is deleted, never checked.
    const late = files.upload(key(slots[0]!.attachmentId), png);
    expect(await check({ key: key(slots[0]!.attachmentId), versionId: late })).toBe('LATE_UPLOAD_REMOVED');
  });

  it('frees expired slots one at a time: each frees the one slots item, and DynamoDB cancels transactions on an item that overlap', async () => {
    const { ask, advance, evidence } = setup({ versioned: true });
    for (let i = 0; i < evidenceLimits.maxFilesPerParty; i++) await ask('image/png', png.length);
    // As DynamoDB (and the local proxy) does: a transaction on the slots item while another is in flight is cancelled.
    const expire = evidence.expire.bind(evidence);
    let inFlight = 0;
    evidence.expire = async (attachment, at) => {
      if (inFlight > 0)
        throw Object.assign(new Error('Transaction cancelled: conflict'), { name: 'TransactionCanceledException' });
      inFlight++;
      try {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return await expire(attachment, at);
      } finally {
        inFlight--;
      }
    };
    advance((evidenceLimits.uploadWindowSeconds + 60 + evidenceLimits.unusedSlotGraceSeconds) * 1000);
    expect((await ask('image/png', png.length)).status).toBe('PENDING');
  });

  it('keeps records of at most 30 files a party asked for: rejected ones count, so failed uploads cannot pile up', async () => {
    const { ask, check, files, evidence, key } = setup({ versioned: true });
    for (let i = 0; i < evidenceLimits.maxRecordsPerParty; i++) {
      const { attachmentId } = await ask('image/png', pdf.length);
      // Each upload is rejected (a PDF declared as PNG), which frees its slot again.
      expect(await check({ key: key(attachmentId), versionId: files.upload(key(attachmentId), pdf) })).toBe('REJECTED');
    }
    expect(evidence.slotsUsed.get('ABCDE-FGHJK/consumer')).toBe(0);
    await expect(ask('image/png', png.length)).rejects.toMatchObject({
      code: 'ATTACHMENT_LIMIT_REACHED',
      message: expect.stringContaining('counting those not accepted'),
    });
    expect(await evidence.list('ABCDE-FGHJK')).toHaveLength(evidenceLimits.maxRecordsPerParty);
  });

  it("answers another party's complaint like none, and refuses a closed one", async () => {
    const { ask } = setup({ versioned: true, status: 'CLOSED' });
    await expect(ask('image/png', 10)).rejects.toMatchObject({ code: 'EVIDENCE_CLOSED' });
    const { evidence, files } = setup({ versioned: true });
    const stranger = { party: 'consumer' as const, owns: () => false };
    const deps = {
      complaints: new InMemoryComplaints(),
      evidence,
      files,
      clock: fixedClock('2026-05-01T08:00:00Z'),
      randomBytes: (n: number) => new Uint8Array(n),
    };
    await expect(
      requestUploadUseCase(deps)(stranger, 'ABCDE-FGHJK', { fileName: 'x', contentType: 'image/png', size: 10 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('what each viewer sees', () => {
  it('shows a party its own files with the reasons, the other party’s verified files only, and the regulator every checked file', async () => {
    const files = new InMemoryEvidenceFiles(true);
    const base = {
      trackingNumber: 'ABCDE-FGHJK',
      fileName: 'f',
      contentType: 'image/png' as const,
      declaredSize: 1,
      requestedAt: '2026-05-01T08:00:00Z',
      uploadExpiresAt: '2026-05-01T08:15:00Z',
    };
    const attachments = [
      {
        ...base,
        attachmentId: 'c1'.padEnd(24, '0'),
        uploadedBy: 'consumer' as const,
        status: 'VERIFIED' as const,
        sha256: 'h1',
        versionId: 'v1',
      },
      {
        ...base,
        attachmentId: 'c2'.padEnd(24, '0'),
        uploadedBy: 'consumer' as const,
        status: 'REJECTED' as const,
        rejection: { code: 'TYPE_MISMATCH' as const, message: 'm' },
      },
      { ...base, attachmentId: 'c3'.padEnd(24, '0'), uploadedBy: 'consumer' as const, status: 'PENDING' as const },
      {
        ...base,
        attachmentId: 'm1'.padEnd(24, '0'),
        uploadedBy: 'merchant' as const,
        status: 'VERIFIED' as const,
        sha256: 'h2',
        versionId: 'v2',
      },
      { ...base, attachmentId: 'm2'.padEnd(24, '0'), uploadedBy: 'merchant' as const, status: 'EXPIRED' as const },
    ];
    const seen = async (viewer: 'consumer' | 'merchant' | 'regulator') =>
      (await attachmentsForViewer(files, attachments, viewer)).map(
        (a) => `${a.attachmentId.slice(0, 2)}:${a.download ? 'link' : '-'}`,
      );
    expect(await seen('consumer')).toEqual(['c1:link', 'c2:-', 'c3:-', 'm1:link']);
    expect(await seen('merchant')).toEqual(['c1:link', 'm1:link', 'm2:-']);
    expect(await seen('regulator')).toEqual(['c1:link', 'c2:-', 'm1:link']);
  });
});

describe('verifying a case’s evidence again', () => {
  it('matches the checked files, and tells an altered, a missing and a mis-cited file apart', async () => {
    const { ask, check, files, evidence, key } = setup({ versioned: false });
    const ids: string[] = [];
    for (const bytes of [png, pdf, png]) {
      const { attachmentId } = await ask(bytes === png ? 'image/png' : 'application/pdf', bytes.length);
      files.upload(key(attachmentId), bytes);
      expect(await check({ key: key(attachmentId) })).toBe('VERIFIED');
      ids.push(attachmentId);
    }
    const [kept, altered, removed] = ids as [string, string, string];
    const all = () => evidence.list('ABCDE-FGHJK');
    expect(await verifyEvidence(files, await all(), {})).toMatchObject({
      valid: true,
      files: ids.map((attachmentId) => ({ attachmentId, result: 'MATCH' })),
    });
    // Someone with bucket access rewrites one file (same size) and deletes another.
    files.versions.set(key(altered), [{ bytes: Buffer.concat([pdf.subarray(0, pdf.length - 1), Buffer.from('X')]) }]);
    await files.remove(key(removed));
    const resolution = {
      remedy: 'REFUND' as const,
      message: 'Refunded',
      evidence: [],
      proposedAt: '2026-05-02T00:00:00Z',
      attachments: [
        { attachmentId: kept, fileName: 'file', contentType: 'image/png', size: png.length, sha256: sha256(pdf) },
      ],
    };
    const verdict = await verifyEvidence(files, await all(), { resolution });
    expect(verdict.valid).toBe(false);
    expect(Object.fromEntries(verdict.files.map((file) => [file.attachmentId, file.result]))).toEqual({
      [kept]: 'MATCH',
      [altered]: 'ALTERED',
      [removed]: 'MISSING',
    });
    expect(verdict.proposalFiles).toEqual([{ attachmentId: kept, sha256: sha256(pdf), result: 'ALTERED' }]);
  });
});

describe('a file a malware scan flagged', () => {
  it('is quarantined when the bucket withholds it from the check: its slot is freed and nothing is served', async () => {
    const { ask, check, files, evidence, key } = setup({ versioned: true });
    const { attachmentId } = await ask('application/pdf', pdf.length);
    const version = files.upload(key(attachmentId), pdf);
    files.withheld.add(key(attachmentId));
    expect(await check({ key: key(attachmentId), versionId: version })).toBe('QUARANTINED');
    const stored = (await evidence.get('ABCDE-FGHJK', attachmentId))!;
    expect(stored).toMatchObject({ status: 'QUARANTINED', rejection: { code: 'THREATS_FOUND' } });
    expect(evidence.slotsUsed.get('ABCDE-FGHJK/consumer')).toBe(0);
    // Its uploader and the regulator see it quarantined, without a link; the other party not at all.
    expect((await attachmentsForViewer(files, [stored], 'consumer')).map((a) => [a.status, a.download])).toEqual([
      ['QUARANTINED', undefined],
    ]);
    expect((await attachmentsForViewer(files, [stored], 'regulator')).map((a) => a.status)).toEqual(['QUARANTINED']);
    expect(await attachmentsForViewer(files, [stored], 'merchant')).toEqual([]);
  });

  it('verified before the scan answered: the verdict quarantines it, and a re-verification reads around it instead of failing', async () => {
    const { ask, check, files, evidence, key } = setup({ versioned: false });
    const { attachmentId } = await ask('image/png', png.length);
    files.upload(key(attachmentId), png);
    expect(await check({ key: key(attachmentId) })).toBe('VERIFIED');
    // The bucket now denies the file; the regulator's read re-verifies before the scan's verdict is recorded.
    files.withheld.add(key(attachmentId));
    const before = await verifyEvidence(files, await evidence.list('ABCDE-FGHJK'), {});
    expect(before).toMatchObject({ valid: true, files: [{ attachmentId, result: 'QUARANTINED' }] });
    const scan = malwareScanUseCase({ evidence, clock: { now: () => new Date('2026-05-01T09:00:00Z') } });
    expect(await scan({ key: key(attachmentId), threatsFound: true })).toBe('QUARANTINED');
    expect(await scan({ key: key(attachmentId), threatsFound: true })).toBe('IGNORED');
    expect(await scan({ key: 'exports/x.csv', threatsFound: true })).toBe('IGNORED');
    const after = await evidence.list('ABCDE-FGHJK');
    expect(after.map((a) => a.status)).toEqual(['QUARANTINED']);
    expect(evidence.slotsUsed.get('ABCDE-FGHJK/consumer')).toBe(0);
    // A proposal that cited it says so.
    const resolution = {
      remedy: 'REFUND' as const,
      message: 'Refunded',
      evidence: [],
      proposedAt: '2026-05-02T00:00:00Z',
      attachments: [
        { attachmentId, fileName: 'file', contentType: 'image/png', size: png.length, sha256: sha256(png) },
      ],
    };
    expect(await verifyEvidence(files, after, { resolution })).toEqual({
      valid: true,
      files: [],
      proposalFiles: [{ attachmentId, sha256: sha256(png), result: 'QUARANTINED' }],
    });
  });
});
