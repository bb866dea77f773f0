/** The formal case record: issued in the background when a case escalates and when it is decided; linked and verified on the regulator's case. */
import {
  buildCaseRecord,
  caseAsOf,
  caseRecordKeys,
  renderCaseRecordHtml,
  sealCaseRecord,
  sha256Hex,
  verifyCaseRecord,
} from '../domain/case-record';
import type { Clock } from '../domain/clock';
import type { Complaint } from '../domain/complaint';
import type { Attachment } from '../domain/evidence';
import { NotFoundError } from '../domain/errors';
import type { CaseRecordFiles, CaseRecordIndex, ComplaintRepository, EvidenceStore } from '../domain/ports';
import type { TimelineEntry } from '../domain/timeline';

/** How long a link to a record's file works. */
export const caseRecordLinkSeconds = 5 * 60;

export interface CaseRecordSources {
  /** The write-once bucket: the sealed JSON. */
  files: CaseRecordFiles;
  /** The erasable one: the printable HTML, which shows the free texts. */
  renderings: CaseRecordFiles;
  /** Each version, with its free texts kept apart (erasable). */
  index: CaseRecordIndex;
}

/**
 * Writes the record of the case as it stood at timeline entry `version` (JSON, and its HTML
 * rendering), then indexes it. Without a version (an execution started before versions were
 * passed), the case as it stands. A version already indexed is not issued again; a run repeated
 * before the index was written writes the files again (new S3 versions, new salts), and the index
 * names the files and texts of the run it recorded.
 */
export const issueCaseRecordUseCase =
  (deps: CaseRecordSources & { complaints: ComplaintRepository; evidence: EvidenceStore; clock: Clock }) =>
  async (trackingNumber: string, asked?: number) => {
    const found = await deps.complaints.getWithTimeline(trackingNumber);
    if (!found?.complaint.escalatedAt)
      throw new NotFoundError(`No escalated case has the tracking number ${trackingNumber}.`);
    const version = asked ?? found.complaint.timelineSeq;
    const then = caseAsOf(found.complaint, found.timeline, version);
    if (!then) throw new NotFoundError(`Case ${trackingNumber} has no timeline entry ${version}.`);
    if ((await deps.index.list(trackingNumber)).some((issued) => issued.version === version))
      return { trackingNumber, version, issued: false };
    const issuedAt = deps.clock.now().toISOString();
    const entry = then.timeline.at(-1)!;
    // Files verified by the time of the entry: a later one belongs to a later version.
    const attachments = (await deps.evidence.list(trackingNumber)).filter(
      (attachment) => attachment.checkedAt !== undefined && attachment.checkedAt <= entry.at,
    );
    const record = buildCaseRecord({
      complaint: then.complaint,
      timeline: then.timeline,
      attachments,
      issuedAt,
      reason: entry.action === 'DECIDE' ? 'DECIDED' : 'ESCALATED',
    });
    // Write-once: only commitments of the free texts. The texts go with the index, the rendering to the erasable bucket.
    const { sealed, texts } = sealCaseRecord(record);
    const json = Buffer.from(`${JSON.stringify(sealed, null, 2)}\n`, 'utf8');
    const jsonSha256 = sha256Hex(json);
    const html = Buffer.from(renderCaseRecordHtml(record, jsonSha256), 'utf8');
    const keys = caseRecordKeys(trackingNumber, version);
    const [storedJson, storedHtml] = await Promise.all([
      deps.files.put(keys.json, json, 'application/json'),
      deps.renderings.put(keys.html, html, 'text/html; charset=utf-8'),
    ]);
    await deps.index.add({
      trackingNumber,
      version,
      reason: record.reason,
      issuedAt,
      json: { key: keys.json, ...storedJson, sha256: jsonSha256 },
      html: { key: keys.html, ...storedHtml, sha256: sha256Hex(html) },
      texts,
    });
    return { trackingNumber, version, issued: true };
  };

/** Each issued version of the case's record, with links to its files and the result of checking it against the live case. */
export const caseRecordsOf = async (
  deps: CaseRecordSources,
  live: { complaint: Complaint; timeline: TimelineEntry[]; attachments: Attachment[] },
) => {
  const issued = await deps.index.list(live.complaint.trackingNumber);
  return Promise.all(
    issued.map(async (record) => {
      const link = (files: CaseRecordFiles, file: { key: string; versionId?: string }, contentType: string) =>
        files.link(file.key, { versionId: file.versionId, contentType, expiresInSeconds: caseRecordLinkSeconds });
      // Records issued before the renderings moved out of the write-once bucket keep theirs there.
      const renderings = record.html.key.startsWith('records/') ? deps.files : deps.renderings;
      const [json, html, bytes] = await Promise.all([
        link(deps.files, record.json, 'application/json'),
        // The rendering showed the free texts: it went with them.
        record.erasedAt ? undefined : link(renderings, record.html, 'text/html; charset=utf-8'),
        deps.files.get(record.json.key, record.json.versionId),
      ]);
      return {
        version: record.version,
        reason: record.reason,
        issuedAt: record.issuedAt,
        sha256: record.json.sha256,
        links: { json, ...(html && { html }), expiresInSeconds: caseRecordLinkSeconds },
        ...(record.erasedAt && { erasedAt: record.erasedAt }),
        verification: verifyCaseRecord({ bytes, sha256: record.json.sha256, texts: record.texts }, live),
      };
    }),
  );
};
