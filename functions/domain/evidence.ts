/**
 * Evidence: photos and PDFs the consumer and the merchant attach to a complaint. A file goes
 * straight from the browser to S3 through a presigned POST whose policy pins its type and exact
 * size; after upload, a check reads the file's first bytes (the real type must be the declared
 * one), records its SHA-256 and size, and verifies it or rejects it with a reason. Pure: the
 * rules, the limits and the type sniffing; no I/O.
 */
import * as z from 'zod';
import type { Complaint } from './complaint';
import { finalStatuses, isAllowed } from './lifecycle';
import { freeText } from './text';

/** The types evidence may have, each with the first bytes every file of the type begins with. */
export const evidenceTypes = {
  'image/jpeg': { extension: 'jpg', signature: [{ at: 0, bytes: [0xff, 0xd8, 0xff] }] },
  'image/png': { extension: 'png', signature: [{ at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }] },
  // RIFF....WEBP
  'image/webp': {
    extension: 'webp',
    signature: [
      { at: 0, bytes: [0x52, 0x49, 0x46, 0x46] },
      { at: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
    ],
  },
  // %PDF-
  'application/pdf': { extension: 'pdf', signature: [{ at: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }] },
} as const;
export type EvidenceType = keyof typeof evidenceTypes;
export const evidenceTypeNames = Object.keys(evidenceTypes) as [EvidenceType, ...EvidenceType[]];

export const evidenceLimits = {
  maxBytes: 10 * 1024 * 1024,
  /** Per party: the consumer's files cannot use up the merchant's room, nor the other way round. */
  maxFilesPerParty: 10,
  /**
   * Per party: every file asked for counts here, rejected, expired and quarantined ones too, so a
   * complaint's records stay bounded (every view that lists them, the regulator's included, stays
   * small) however often uploads fail.
   */
  maxRecordsPerParty: 30,
  /** How long a presigned upload form is valid. */
  uploadWindowSeconds: 15 * 60,
  /** After the form expired, how long an unused slot waits before it is freed (an upload that began just before expiry can still land). */
  unusedSlotGraceSeconds: 15 * 60,
  /** How long a download link works. */
  downloadLinkSeconds: 5 * 60,
  /** How many first bytes the check needs to tell the type. */
  headBytes: 16,
} as const;

export type EvidenceParty = 'consumer' | 'merchant';

export const uploadRequest = z.strictObject({
  fileName: freeText({ max: 200, minVisible: 1, what: 'give the file name' }),
  contentType: z.enum(evidenceTypeNames, { error: `must be one of ${evidenceTypeNames.join(', ')}` }),
  size: z
    .number({ error: 'give the file size in bytes' })
    .int('give the file size in whole bytes')
    .min(1, 'the file is empty')
    .max(evidenceLimits.maxBytes, `files may be at most ${evidenceLimits.maxBytes / (1024 * 1024)} MB`),
});
export type UploadRequest = z.infer<typeof uploadRequest>;

/** Attachment ids are 24 lowercase hex characters (96 random bits): part of the S3 key, never guessable. */
export const attachmentIdField = z.string().regex(/^[0-9a-f]{24}$/, 'is not an attachment id');

export const newAttachmentId = (random: Uint8Array) => {
  if (random.length < 12) throw new Error('An attachment id needs 12 random bytes');
  return Buffer.from(random.subarray(0, 12)).toString('hex');
};

/** Where a complaint's files are kept in the evidence bucket: every version of each, and nothing else. */
export const evidenceFolder = (trackingNumber: string) => `complaints/${trackingNumber}/`;
/** Where a complaint's evidence file lives in the bucket (the S3 event names it back). */
export const evidenceKey = (trackingNumber: string, attachmentId: string) =>
  `${evidenceFolder(trackingNumber)}${attachmentId}`;

export const parseEvidenceKey = (key: string): { trackingNumber: string; attachmentId: string } | undefined => {
  const match = /^complaints\/([A-Z0-9-]{1,40})\/([0-9a-f]{24})$/.exec(key);
  return match ? { trackingNumber: match[1]!, attachmentId: match[2]! } : undefined;
};

export type RejectionCode = 'TYPE_MISMATCH' | 'SIZE_MISMATCH' | 'UPLOAD_AFTER_CHECK' | 'THREATS_FOUND';

export interface Attachment {
  attachmentId: string;
  trackingNumber: string;
  uploadedBy: EvidenceParty;
  fileName: string;
  contentType: EvidenceType;
  declaredSize: number;
  requestedAt: string;
  /** The upload form stops working then; a slot still unused a while after is freed. */
  uploadExpiresAt: string;
  /** QUARANTINED: a malware scan found a threat; the file is kept apart, shown as such, never served. */
  status: 'PENDING' | 'VERIFIED' | 'REJECTED' | 'EXPIRED' | 'QUARANTINED';
  size?: number;
  sha256?: string;
  /** The S3 object version that was checked: download links name it, so a later upload to the same key is never served. */
  versionId?: string;
  checkedAt?: string;
  rejection?: { code: RejectionCode; message: string };
  /** When its file (every version) and its name were erased with its complaint's personal data: never served again. */
  erasedAt?: string;
}

/** The type the first bytes say the file is, if it is one evidence may be. */
export const sniffType = (head: Uint8Array): EvidenceType | undefined =>
  evidenceTypeNames.find((type) =>
    evidenceTypes[type].signature.every(({ at, bytes }) => bytes.every((byte, i) => head[at + i] === byte)),
  );

export interface UploadedFile {
  size: number;
  sha256: string;
  /** At least the first `evidenceLimits.headBytes` bytes (fewer only if the file is shorter). */
  head: Uint8Array;
  versionId?: string;
}

export type CheckOutcome =
  | { status: 'VERIFIED'; size: number; sha256: string; versionId?: string }
  | { status: 'REJECTED'; code: RejectionCode; message: string };

/** The check of an uploaded file against what was declared when its slot was given. */
export const checkUpload = (
  attachment: Pick<Attachment, 'contentType' | 'declaredSize'>,
  file: UploadedFile,
): CheckOutcome => {
  const actual = sniffType(file.head);
  if (actual !== attachment.contentType) {
    const what = actual
      ? `a ${evidenceTypes[actual].extension.toUpperCase()} file`
      : 'not a JPEG, PNG, WebP or PDF file';
    return {
      status: 'REJECTED',
      code: 'TYPE_MISMATCH',
      message: `The file was declared ${attachment.contentType}, but its content is ${what}. Upload the original photo or PDF again, declaring its real type.`,
    };
  }
  if (file.size !== attachment.declaredSize) {
    return {
      status: 'REJECTED',
      code: 'SIZE_MISMATCH',
      message: `The file was declared ${attachment.declaredSize} bytes, but ${file.size} bytes arrived. Upload it again.`,
    };
  }
  return {
    status: 'VERIFIED',
    size: file.size,
    sha256: file.sha256,
    ...(file.versionId !== undefined && { versionId: file.versionId }),
  };
};

/** A second upload through the same form, after the first was checked: never served, and deleted. */
/** Why a quarantined file is not served: the scan's verdict, as its uploader and the regulator see it. */
export const threatsFound = {
  code: 'THREATS_FOUND',
  message:
    'A malware scan found a threat in this file. It is kept apart and never served; upload a clean copy if you still need it on the complaint.',
} as const satisfies { code: RejectionCode; message: string };

export const uploadAfterCheck = {
  code: 'UPLOAD_AFTER_CHECK',
  message:
    'A file was uploaded again to an attachment that had already been checked; only the first file counts. Ask for a new upload to add another file.',
} as const satisfies { code: RejectionCode; message: string };

/**
 * Why a party may not add evidence to the complaint now, or undefined if it may. The consumer may
 * until the complaint is closed or withdrawn; the merchant while it can still answer or propose a
 * resolution (its evidence goes with the proposal).
 */
export const evidenceRefusal = (
  complaint: Pick<Complaint, 'status'>,
  party: EvidenceParty,
): { code: string; message: string } | undefined => {
  if (party === 'consumer') {
    return finalStatuses.includes(complaint.status)
      ? {
          code: 'EVIDENCE_CLOSED',
          message: `The complaint is ${complaint.status}; evidence can no longer be added to it.`,
        }
      : undefined;
  }
  return isAllowed(complaint.status, 'PROPOSE_RESOLUTION', 'merchant')
    ? undefined
    : {
        code: 'EVIDENCE_CLOSED',
        message: `The complaint is ${complaint.status}; a merchant adds evidence while it can still propose a resolution.`,
      };
};

/** A slot's upload form expired long enough ago that no upload through it can still land. */
export const isAbandoned = (attachment: Pick<Attachment, 'status' | 'uploadExpiresAt'>, now: Date) =>
  attachment.status === 'PENDING' &&
  Date.parse(attachment.uploadExpiresAt) + evidenceLimits.unusedSlotGraceSeconds * 1000 < now.getTime();

/**
 * The file name a download offers: the uploader's own name as UTF-8 (RFC 6266/5987, so Bengali
 * names survive), with an ASCII fallback for old clients.
 */
export const contentDisposition = (attachment: Pick<Attachment, 'attachmentId' | 'fileName' | 'contentType'>) => {
  const extension = evidenceTypes[attachment.contentType].extension;
  const fallback = `evidence-${attachment.attachmentId}.${extension}`;
  const encoded = encodeURIComponent(attachment.fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};
