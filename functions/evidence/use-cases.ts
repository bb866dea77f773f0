/** Evidence: giving a party an upload slot, checking what arrives, and showing each viewer what it may see. */
import type { Clock } from '../domain/clock';
import type { Complaint } from '../domain/complaint';
import { RefusedError, NotFoundError } from '../domain/errors';
import {
  checkUpload,
  contentDisposition,
  evidenceKey,
  evidenceLimits,
  evidenceRefusal,
  isAbandoned,
  newAttachmentId,
  parseEvidenceKey,
  type Attachment,
  type EvidenceParty,
  type UploadRequest,
} from '../domain/evidence';
import {
  EvidenceLimitError,
  FileWithheldError,
  type ComplaintRepository,
  type EvidenceFiles,
  type EvidenceStore,
} from '../domain/ports';

export interface EvidenceDependencies {
  complaints: ComplaintRepository;
  evidence: EvidenceStore;
  files: EvidenceFiles;
  clock: Clock;
  randomBytes: (size: number) => Uint8Array;
}

/** Frees the party's slots whose upload forms expired unused; true if any was freed. */
const freeAbandonedSlots = async (
  deps: Pick<EvidenceDependencies, 'evidence' | 'clock'>,
  trackingNumber: string,
  party: EvidenceParty,
) => {
  const now = deps.clock.now();
  const abandoned = (await deps.evidence.list(trackingNumber)).filter(
    (attachment) => attachment.uploadedBy === party && isAbandoned(attachment, now),
  );
  // One at a time: each gives back a slot on the party's one slots item, and transactions on one
  // item that overlap cancel each other (DynamoDB's TransactionConflict), so ten at once mostly failed.
  let freedAny = false;
  for (const attachment of abandoned) freedAny = (await deps.evidence.expire(attachment, now)) || freedAny;
  return freedAny;
};

/**
 * A party asks to upload one file to a complaint it is a party to: it gets a slot and a presigned
 * form valid for a few minutes. Someone else's complaint answers like none at all.
 */
export const requestUploadUseCase =
  (deps: EvidenceDependencies) =>
  async (
    uploader: { party: EvidenceParty; owns: (complaint: Complaint) => boolean },
    trackingNumber: string,
    request: UploadRequest,
  ) => {
    const complaint = await deps.complaints.get(trackingNumber);
    if (!complaint || !uploader.owns(complaint))
      throw new NotFoundError(`You have no complaint with the tracking number ${trackingNumber}.`);
    const refusal = evidenceRefusal(complaint, uploader.party);
    if (refusal) throw new RefusedError(refusal.code, refusal.message);
    const now = deps.clock.now();
    const attachment: Attachment = {
      attachmentId: newAttachmentId(deps.randomBytes(12)),
      trackingNumber,
      uploadedBy: uploader.party,
      fileName: request.fileName,
      contentType: request.contentType,
      declaredSize: request.size,
      requestedAt: now.toISOString(),
      uploadExpiresAt: new Date(now.getTime() + evidenceLimits.uploadWindowSeconds * 1000).toISOString(),
      status: 'PENDING',
    };
    // A party at its limit may still hold slots whose forms expired unused: those are freed, once, before refusing.
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.evidence.reserve(attachment, {
          files: evidenceLimits.maxFilesPerParty,
          records: evidenceLimits.maxRecordsPerParty,
        });
        break;
      } catch (error) {
        if (!(error instanceof EvidenceLimitError)) throw error;
        if (error.limit === 'records') {
          throw new RefusedError(
            'ATTACHMENT_LIMIT_REACHED',
            `You have asked to attach ${evidenceLimits.maxRecordsPerParty} files to this complaint, counting those not accepted: no more can be added.`,
          );
        }
        if (attempt > 1 || !(await freeAbandonedSlots(deps, trackingNumber, uploader.party))) {
          throw new RefusedError(
            'ATTACHMENT_LIMIT_REACHED',
            `You have attached ${evidenceLimits.maxFilesPerParty} files to this complaint, the most allowed. A rejected file frees its place.`,
          );
        }
      }
    }
    const form = await deps.files.uploadForm(
      evidenceKey(trackingNumber, attachment.attachmentId),
      attachment.contentType,
      attachment.declaredSize,
      evidenceLimits.uploadWindowSeconds,
    );
    return {
      attachmentId: attachment.attachmentId,
      status: attachment.status,
      // A multipart/form-data POST of these fields, then the file as the field `file`, last.
      upload: { method: 'POST', url: form.url, fields: form.fields, expiresAt: attachment.uploadExpiresAt },
    };
  };

/** What happened to an uploaded file; logged, never shown to anyone. */
export type CheckResult =
  | 'VERIFIED'
  | 'REJECTED'
  | 'REDELIVERED'
  | 'LATE_UPLOAD_REMOVED'
  | 'REPLACED_UPLOAD_REJECTED'
  | 'UNKNOWN_FILE_REMOVED'
  | 'QUARANTINED'
  | 'GONE';

/** Reads a file; one the storage withholds (a malware scan flagged it) quarantines its attachment instead. */
const withheldAsQuarantined = async <T>(
  deps: Pick<EvidenceDependencies, 'evidence' | 'clock'>,
  attachment: Attachment,
  read: () => Promise<T>,
): Promise<T | 'QUARANTINED'> => {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof FileWithheldError)) throw error;
    await deps.evidence.quarantine(attachment, deps.clock.now());
    return 'QUARANTINED';
  }
};

/**
 * A malware scan's verdict on an evidence file (GuardDuty's scan result through EventBridge):
 * a file with threats is quarantined, whether it was still being checked or already verified.
 * At least once: a repeated verdict changes nothing. Other files and verdicts are ignored.
 */
export const malwareScanUseCase =
  (deps: Pick<EvidenceDependencies, 'evidence' | 'clock'>) =>
  async (scan: { key: string; threatsFound: boolean }): Promise<'QUARANTINED' | 'IGNORED'> => {
    const named = parseEvidenceKey(scan.key);
    if (!scan.threatsFound || !named) return 'IGNORED';
    const attachment = await deps.evidence.get(named.trackingNumber, named.attachmentId);
    if (!attachment || !(await deps.evidence.quarantine(attachment, deps.clock.now()))) return 'IGNORED';
    return 'QUARANTINED';
  };

/**
 * Checks a file S3 reports as uploaded (at least once: a repeated report changes nothing). A file
 * nobody was given a slot for, or that arrives after its slot was checked or freed, is deleted.
 */
export const checkUploadUseCase =
  (deps: Pick<EvidenceDependencies, 'evidence' | 'files' | 'clock'>) =>
  async (object: { key: string; versionId?: string }): Promise<CheckResult> => {
    const named = parseEvidenceKey(object.key);
    const attachment = named && (await deps.evidence.get(named.trackingNumber, named.attachmentId));
    if (!attachment) {
      await deps.files.remove(object.key, object.versionId);
      return 'UNKNOWN_FILE_REMOVED';
    }
    if (attachment.status === 'PENDING') {
      const file = await withheldAsQuarantined(deps, attachment, () =>
        deps.files.inspect(object.key, object.versionId),
      );
      if (file === 'QUARANTINED') return 'QUARANTINED';
      if (!file) return 'GONE';
      const outcome = checkUpload(attachment, file);
      if (await deps.evidence.recordCheck(attachment, outcome, deps.clock.now())) {
        if (outcome.status === 'REJECTED') await deps.files.remove(object.key, file.versionId);
        return outcome.status;
      }
      // Another upload through the same form was checked first: this one is the later one.
    }
    const current = (await deps.evidence.get(attachment.trackingNumber, attachment.attachmentId))!;
    if (current.status === 'VERIFIED') {
      if (current.versionId !== undefined) {
        if (current.versionId === object.versionId) return 'REDELIVERED';
        // Versioned (AWS): the checked version stays, and only it is ever linked; the later one goes.
        await deps.files.remove(object.key, object.versionId);
        return 'LATE_UPLOAD_REMOVED';
      }
      // Unversioned (the local cloud): the same bytes mean a repeated report; other bytes replaced the checked file.
      const file = await withheldAsQuarantined(deps, current, () => deps.files.inspect(object.key));
      if (file === 'QUARANTINED') return 'QUARANTINED';
      if (file?.sha256 === current.sha256) return 'REDELIVERED';
      await deps.evidence.rejectReplaced(current, deps.clock.now());
      await deps.files.remove(object.key);
      return 'REPLACED_UPLOAD_REJECTED';
    }
    await deps.files.remove(object.key, object.versionId);
    return 'LATE_UPLOAD_REMOVED';
  };

export type EvidenceViewer = EvidenceParty | 'regulator';

/**
 * The attachments a viewer may see: a party sees all of its own (with why one was rejected or
 * quarantined) and the other party's verified ones; a regulator sees every file that was checked.
 * A verified file comes with a short-lived link to exactly the version that was checked; a
 * quarantined one never has a link.
 */
export const attachmentsForViewer = async (files: EvidenceFiles, attachments: Attachment[], viewer: EvidenceViewer) => {
  const visible = attachments.filter((attachment) =>
    viewer === 'regulator'
      ? attachment.status === 'VERIFIED' || attachment.status === 'REJECTED' || attachment.status === 'QUARANTINED'
      : attachment.uploadedBy === viewer || attachment.status === 'VERIFIED',
  );
  return Promise.all(
    visible.map(async (attachment) => {
      const {
        attachmentId,
        uploadedBy,
        fileName,
        contentType,
        status,
        size,
        sha256,
        requestedAt,
        checkedAt,
        rejection,
      } = attachment;
      const download =
        status === 'VERIFIED' && !attachment.erasedAt
          ? {
              url: await files.downloadLink(evidenceKey(attachment.trackingNumber, attachmentId), {
                versionId: attachment.versionId,
                contentType,
                contentDisposition: contentDisposition(attachment),
                expiresInSeconds: evidenceLimits.downloadLinkSeconds,
              }),
              expiresInSeconds: evidenceLimits.downloadLinkSeconds,
            }
          : undefined;
      return {
        attachmentId,
        uploadedBy,
        fileName,
        contentType,
        status,
        size,
        sha256,
        requestedAt,
        checkedAt,
        rejection,
        ...(attachment.erasedAt && { erasedAt: attachment.erasedAt }),
        download,
      };
    }),
  );
};

/** The consumer's view of their complaint's evidence: their own files with each check's result, and the merchant's verified files. */
export const consumerAttachmentsUseCase =
  (deps: Pick<EvidenceDependencies, 'complaints' | 'evidence' | 'files'>) =>
  async (consumerId: string, trackingNumber: string) => {
    const complaint = await deps.complaints.get(trackingNumber);
    if (!complaint || complaint.consumerId !== consumerId)
      throw new NotFoundError(`You have no complaint with the tracking number ${trackingNumber}.`);
    return {
      trackingNumber,
      attachments: await attachmentsForViewer(deps.files, await deps.evidence.list(trackingNumber), 'consumer'),
    };
  };

/**
 * QUARANTINED: the storage withholds the file (a malware scan flagged it); it is neither read nor
 * counted as altered. ERASED: the file went with its complaint's personal data; its hash stays.
 */
export type EvidenceCheckResult = 'MATCH' | 'ALTERED' | 'MISSING' | 'QUARANTINED' | 'ERASED';

/**
 * Reads every verified file of a case again, exactly the version that was checked, and compares
 * its SHA-256 and size with what the check recorded; a proposal's files must also carry the hash
 * their record holds. Reading costs the files' size (at most 20 files of 10 MB).
 */
export const verifyEvidence = async (
  files: EvidenceFiles,
  attachments: Attachment[],
  complaint: Pick<Complaint, 'resolution'>,
) => {
  const verified = attachments.filter((attachment) => attachment.status === 'VERIFIED');
  const quarantined = new Set(
    attachments.filter((attachment) => attachment.status === 'QUARANTINED').map((a) => a.attachmentId),
  );
  const checked = await Promise.all(
    verified.map(async (attachment) => {
      let result: EvidenceCheckResult;
      if (attachment.erasedAt)
        return { attachmentId: attachment.attachmentId, sha256: attachment.sha256!, result: 'ERASED' as const };
      try {
        const stored = await files.inspect(
          evidenceKey(attachment.trackingNumber, attachment.attachmentId),
          attachment.versionId,
        );
        result = !stored
          ? 'MISSING'
          : stored.sha256 === attachment.sha256 && stored.size === attachment.size
            ? 'MATCH'
            : 'ALTERED';
      } catch (error) {
        // Flagged by the scan before its verdict reached the record: withheld, not a failure of the read.
        if (!(error instanceof FileWithheldError)) throw error;
        result = 'QUARANTINED';
      }
      return { attachmentId: attachment.attachmentId, sha256: attachment.sha256!, result };
    }),
  );
  const recorded = new Map(verified.map((attachment) => [attachment.attachmentId, attachment.sha256]));
  const proposal = (complaint.resolution?.attachments ?? []).map(({ attachmentId, sha256 }) => ({
    attachmentId,
    sha256,
    result: (quarantined.has(attachmentId)
      ? 'QUARANTINED'
      : recorded.get(attachmentId) === sha256
        ? 'MATCH'
        : recorded.has(attachmentId)
          ? 'ALTERED'
          : 'MISSING') as EvidenceCheckResult,
  }));
  return {
    // A quarantined file is withheld, not tampered with: it does not make the evidence invalid.
    valid: [...checked, ...proposal].every((file) => file.result === 'MATCH' || file.result === 'QUARANTINED'),
    files: checked,
    proposalFiles: proposal,
  };
};
