/**
 * The formal case record: what a regulator's file on an escalated complaint holds, issued when it
 * escalates and again, as a new version, when it is decided. It is JSON (the record itself) and a
 * printable HTML rendering of it, and it can be checked against the live case at any time: its
 * timeline must be the start of the live chain, entry for entry and hash for hash, and its
 * evidence must carry the hashes the live records carry.
 *
 * The JSON is stored write-once (S3 Object Lock), which cannot honour an erasure request. So it
 * holds no name, phone, email or identity document, and no free text: of the description, the
 * merchant's message, the decision's reasons, hearing places and links and file names only a
 * commitment each (`{ commitment }`, SHA-256 of a random salt and the text), as the chain holds
 * its notes. The texts and their salts are kept apart, erasable, with the record's index; the
 * printable rendering, which shows them, is erasable too. Verification checks each kept text
 * against its commitment; an erased one is said to be erased, and the record still verifies.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Complaint } from './complaint';
import type { Attachment } from './evidence';
import type { TimelineEntry } from './timeline';

export const caseRecordReasons = ['ESCALATED', 'DECIDED'] as const;
export type CaseRecordReason = (typeof caseRecordReasons)[number];

/**
 * The case as it stood at timeline entry `version`: the entries up to it, and the complaint without
 * what later entries added (hearings, the decision, compliance), so the record of an escalation is
 * that escalation's however late it is issued. Undefined when the case has no such entry.
 */
export const caseAsOf = (
  complaint: Complaint,
  timeline: TimelineEntry[],
  version: number,
): { complaint: Complaint; timeline: TimelineEntry[] } | undefined => {
  const upTo = timeline.filter((entry) => entry.seq <= version).sort((a, b) => a.seq - b.seq);
  const entry = upTo.at(-1);
  if (entry?.seq !== version) return undefined;
  const after = (action: TimelineEntry['action']) => upTo.some((e) => e.action === action);
  const hearingsScheduled = upTo.filter((e) => e.action === 'SCHEDULE_HEARING').length;
  const { hearings, decision, compliance, ...rest } = complaint;
  const complianceThen = after('DECIDE') &&
    compliance && {
      dueAt: compliance.dueAt,
      ...(after('CONFIRM_COMPLIANCE') && compliance.confirmedAt && { confirmedAt: compliance.confirmedAt }),
      ...(after('FLAG_NONCOMPLIANCE') && compliance.overdueAt && { overdueAt: compliance.overdueAt }),
    };
  return {
    complaint: {
      ...rest,
      status: entry.toStatus,
      timelineSeq: version,
      timelineHead: entry.hash,
      ...(hearingsScheduled > 0 && hearings && { hearings: hearings.slice(0, hearingsScheduled) }),
      ...(after('DECIDE') && decision && { decision }),
      ...(complianceThen && { compliance: complianceThen }),
    },
    timeline: upTo,
  };
};

export const sha256Hex = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

export const buildCaseRecord = (input: {
  complaint: Complaint;
  timeline: TimelineEntry[];
  attachments: Attachment[];
  issuedAt: string;
  reason: CaseRecordReason;
}) => {
  const { complaint } = input;
  return {
    schemaVersion: 1 as const,
    type: 'ccms.case-record' as const,
    trackingNumber: complaint.trackingNumber,
    /** The timeline entry the record goes up to: its version. */
    version: complaint.timelineSeq,
    reason: input.reason,
    issuedAt: input.issuedAt,
    complaint: {
      status: complaint.status,
      merchantId: complaint.merchantId,
      category: complaint.category,
      ...(complaint.deliveryDistrict && { district: complaint.deliveryDistrict }),
      orderRef: complaint.orderRef,
      orderDate: complaint.orderDate,
      amount: complaint.amount,
      ...(complaint.paymentMethod && { paymentMethod: complaint.paymentMethod }),
      remedySought: complaint.remedySought,
      description: complaint.description,
      filedAt: complaint.filedAt,
      ...(complaint.escalatedAt && {
        escalatedAt: complaint.escalatedAt,
        escalationReason: complaint.escalationReason,
      }),
      ...(complaint.resolution && {
        resolution: {
          remedy: complaint.resolution.remedy,
          ...(complaint.resolution.amount !== undefined && { amount: complaint.resolution.amount }),
          message: complaint.resolution.message,
          proposedAt: complaint.resolution.proposedAt,
        },
      }),
      ...(complaint.hearings?.length && { hearings: complaint.hearings.map(({ note: _note, ...hearing }) => hearing) }),
      ...(complaint.decision && { decision: complaint.decision }),
      ...(complaint.compliance && { compliance: complaint.compliance }),
    },
    /** The sealed entries, without notes (their commitments stay). */
    timeline: input.timeline
      .filter((entry) => entry.seq <= complaint.timelineSeq)
      .map(({ note: _note, noteSalt: _salt, noteErasedAt: _erased, ...sealed }) => sealed),
    timelineHead: complaint.timelineHead,
    evidence: input.attachments
      .filter((attachment) => attachment.status === 'VERIFIED')
      .map(({ attachmentId, uploadedBy, fileName, contentType, size, sha256, checkedAt, versionId }) => ({
        attachmentId,
        uploadedBy,
        fileName,
        contentType,
        size: size!,
        sha256: sha256!,
        checkedAt: checkedAt!,
        ...(versionId && { versionId }),
      })),
  };
};
export type CaseRecord = ReturnType<typeof buildCaseRecord>;

/**
 * Where a record's versions are kept: one key per version, so a later version never replaces an
 * earlier one. The JSON in the write-once bucket; the HTML, which shows the free text, under
 * `case-records/` of the (erasable) evidence bucket.
 */
export const caseRecordKeys = (trackingNumber: string, version: number) => {
  const version6 = String(version).padStart(6, '0');
  return {
    json: `records/${trackingNumber}/${version6}.json`,
    html: `${caseRecordRenderingFolder(trackingNumber)}${version6}.html`,
  };
};

/** Where a complaint's records' printable renderings are kept in the (erasable) evidence bucket. */
export const caseRecordRenderingFolder = (trackingNumber: string) => `case-records/${trackingNumber}/`;

/** A free text of a record kept apart from it (erasable), with the salt of its commitment. */
export interface KeptText {
  text: string;
  salt: string;
}

/** The commitment a sealed record holds for a free text: SHA-256 of `<salt>:<text>`. */
export const textCommitment = (text: string, salt: string) => sha256Hex(`${salt}:${text}`);

/** The free texts of a record, by path (`complaint.hearings.0.place`): what a sealed record holds only commitments of. */
const freeTextPaths = (record: CaseRecord): string[] => [
  'complaint.description',
  'complaint.resolution.message',
  'complaint.decision.reasons',
  ...(record.complaint.hearings ?? []).flatMap((_, i) => [
    `complaint.hearings.${i}.place`,
    `complaint.hearings.${i}.link`,
  ]),
  ...record.evidence.map((_, i) => `evidence.${i}.fileName`),
];

type Tree = Record<string, unknown>;
const parentOf = (tree: Tree, path: string): [Tree | undefined, string] => {
  const parts = path.split('.');
  const last = parts.pop()!;
  let node: unknown = tree;
  for (const part of parts) node = node && typeof node === 'object' ? (node as Tree)[part] : undefined;
  return [node && typeof node === 'object' ? (node as Tree) : undefined, last];
};

/**
 * The record as stored write-once: each free text replaced by its commitment. The texts, with
 * their salts, are returned to be kept apart (erasable).
 */
export const sealCaseRecord = (
  record: CaseRecord,
  newSalt: () => string = () => randomBytes(16).toString('base64url'),
): { sealed: Tree; texts: Record<string, KeptText> } => {
  const sealed = structuredClone(record) as unknown as Tree;
  const texts: Record<string, KeptText> = {};
  for (const path of freeTextPaths(record)) {
    const [parent, key] = parentOf(sealed, path);
    const text = parent?.[key];
    if (typeof text !== 'string') continue;
    const salt = newSalt();
    texts[path] = { text, salt };
    parent![key] = { commitment: textCommitment(text, salt) };
  }
  return { sealed: { ...sealed, schemaVersion: 2 }, texts };
};

/** What checking a stored record against the live case found. */
export interface CaseRecordVerdict {
  valid: boolean;
  problems: string[];
  /** The free texts whose kept copy was erased: their commitments stay in the record. */
  erasedTexts?: string[];
}

/**
 * Checks a stored record: its bytes against the hash recorded when it was issued, its timeline
 * against the live chain (the same entries, in order, with the same hashes), its evidence against
 * the live evidence records, and the free texts kept apart against their commitments.
 */
export const verifyCaseRecord = (
  stored: { bytes: Buffer | undefined; sha256: string; texts?: Record<string, KeptText> },
  live: { complaint: Complaint; timeline: TimelineEntry[]; attachments: Attachment[] },
): CaseRecordVerdict => {
  if (!stored.bytes) return { valid: false, problems: ['the record is missing from storage'] };
  const problems: string[] = [];
  if (sha256Hex(stored.bytes) !== stored.sha256)
    problems.push('the stored record is not the one issued (its SHA-256 differs)');
  let record: CaseRecord;
  try {
    record = JSON.parse(stored.bytes.toString('utf8')) as CaseRecord;
  } catch {
    return { valid: false, problems: [...problems, 'the stored record is not JSON'] };
  }
  if (record.trackingNumber !== live.complaint.trackingNumber) problems.push('the record is of another case');
  const liveBySeq = new Map(live.timeline.map((entry) => [entry.seq, entry]));
  for (const entry of record.timeline ?? []) {
    const current = liveBySeq.get(entry.seq);
    if (!current) problems.push(`timeline entry ${entry.seq} is missing from the live case`);
    else if (current.hash !== entry.hash || current.prevHash !== entry.prevHash)
      problems.push(`timeline entry ${entry.seq} differs from the live case`);
  }
  const liveEvidence = new Map(live.attachments.map((attachment) => [attachment.attachmentId, attachment]));
  for (const file of record.evidence ?? []) {
    const current = liveEvidence.get(file.attachmentId);
    if (current?.status !== 'VERIFIED')
      problems.push(`evidence ${file.attachmentId} is no longer a verified file of the case`);
    else if (current.sha256 !== file.sha256)
      problems.push(`evidence ${file.attachmentId} has another SHA-256 than the record's`);
  }
  const erasedTexts: string[] = [];
  for (const path of freeTextPaths(record)) {
    const [parent, key] = parentOf(record as unknown as Tree, path);
    const committed = parent?.[key];
    if (!committed || typeof committed !== 'object') continue;
    const kept = stored.texts?.[path];
    if (!kept) erasedTexts.push(path);
    else if (textCommitment(kept.text, kept.salt) !== (committed as { commitment?: unknown }).commitment)
      problems.push(`the text kept for ${path} is not the one the record committed to`);
  }
  return { valid: problems.length === 0, problems, ...(erasedTexts.length > 0 && { erasedTexts }) };
};

const escapeHtml = (text: string | number | undefined) =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );

const row = (label: string, value: string | number | undefined) =>
  value === undefined ? '' : `<tr><th scope="row">${label}</th><td>${escapeHtml(value)}</td></tr>`;

/**
 * The printable rendering: plain HTML in UTF-8 with Bengali labels beside the English, so any
 * browser prints it with its own shaping of Bengali text (a PDF would need real text shaping).
 */
export const renderCaseRecordHtml = (record: CaseRecord, jsonSha256: string) => {
  const c = record.complaint;
  const timelineRows = record.timeline
    .map(
      (entry) =>
        `<tr><td>${entry.seq}</td><td>${escapeHtml(entry.at)}</td><td>${escapeHtml(entry.actor)}</td><td>${escapeHtml(entry.action)}</td><td>${escapeHtml(entry.toStatus)}</td><td class="hash">${escapeHtml(entry.hash)}</td></tr>`,
    )
    .join('\n');
  const evidenceRows = record.evidence
    .map(
      (file) =>
        `<tr><td>${escapeHtml(file.fileName)}</td><td>${escapeHtml(file.uploadedBy)}</td><td>${escapeHtml(file.contentType)}</td><td>${file.size}</td><td class="hash">${escapeHtml(file.sha256)}</td></tr>`,
    )
    .join('\n');
  const decision = c.decision
    ? `<h2>সিদ্ধান্ত · Decision</h2><table>${row('Outcome', c.decision.outcome)}${row('Remedy', c.decision.remedy)}${row('Amount (৳)', c.decision.amount)}${row('Comply by', c.decision.complianceDueDate)}${row('Referred to', c.decision.referredTo)}${row('Reasons', c.decision.reasons)}${row('Decided', `${c.decision.decidedAt} · ${c.decision.decidedBy.agency}`)}</table>`
    : '';
  return `<!doctype html>
<html lang="bn">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CCMS ${escapeHtml(record.trackingNumber)} · মামলার নথি · Case record v${record.version}</title>
<style>
body { font-family: system-ui, "Noto Sans Bengali", "Noto Sans", sans-serif; margin: 1.5rem; line-height: 1.5; color: #111; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.hash { font-family: ui-monospace, monospace; font-size: 0.75rem; word-break: break-all; }
@media print { body { margin: 0; } a { color: inherit; } }
</style>
</head>
<body>
<h1>মামলার নথি · Case record ${escapeHtml(record.trackingNumber)}</h1>
<p>Version ${record.version} (${escapeHtml(record.reason)}), issued ${escapeHtml(record.issuedAt)}. SHA-256 of the JSON record: <span class="hash">${escapeHtml(jsonSha256)}</span></p>
<h2>অভিযোগ · Complaint</h2>
<table>
${row('Status', c.status)}${row('Merchant', c.merchantId)}${row('Category', c.category)}${row('District', c.district)}${row('Order', `${c.orderRef} (${c.orderDate})`)}${row('Amount paid (৳)', c.amount)}${row('Payment', c.paymentMethod)}${row('Remedy sought', c.remedySought)}${row('Filed', c.filedAt)}${row('Escalated', c.escalatedAt && `${c.escalatedAt} (${c.escalationReason})`)}${row('Description', c.description)}
</table>
${c.resolution ? `<h2>বিক্রেতার প্রস্তাব · Merchant’s proposal</h2><table>${row('Remedy', c.resolution.remedy)}${row('Amount (৳)', c.resolution.amount)}${row('Message', c.resolution.message)}${row('Proposed', c.resolution.proposedAt)}</table>` : ''}
${decision}
<h2>সময়রেখা · Timeline (hash chain, head <span class="hash">${escapeHtml(record.timelineHead)}</span>)</h2>
<table>
<thead><tr><th>#</th><th>At</th><th>Actor</th><th>Step</th><th>Status</th><th>Hash</th></tr></thead>
<tbody>
${timelineRows}
</tbody>
</table>
<h2>প্রমাণ · Evidence</h2>
${record.evidence.length > 0 ? `<table><thead><tr><th>File</th><th>By</th><th>Type</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>\n${evidenceRows}\n</tbody></table>` : '<p>None.</p>'}
</body>
</html>
`;
};
