/** The evidence context's adapters, wired once per cold start. */
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { S3EvidenceFiles } from '../adapters/s3-evidence';
import { s3 } from '../commons/clients/s3';
import { envNames, loadConfig } from '../commons/config';
import { complaintRepository, evidenceStore } from '../complaints/wiring';
import { systemClock } from '../domain/clock';
import { checkUploadUseCase, consumerAttachmentsUseCase, malwareScanUseCase, requestUploadUseCase } from './use-cases';

export { evidenceStore };

/** The evidence bucket (bindings evidence:upload, evidence:check, evidence:link). */
export const evidenceFiles = () =>
  new S3EvidenceFiles(s3(), loadConfig({ [envNames.evidenceBucket]: z.string().min(1) })[envNames.evidenceBucket]);

export const evidenceUpload = () =>
  requestUploadUseCase({
    complaints: complaintRepository(),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
    randomBytes,
  });

export const evidenceCheck = () =>
  checkUploadUseCase({ evidence: evidenceStore(), files: evidenceFiles(), clock: systemClock });

export const malwareScan = () => malwareScanUseCase({ evidence: evidenceStore(), clock: systemClock });

export const consumerAttachments = () =>
  consumerAttachmentsUseCase({ complaints: complaintRepository(), evidence: evidenceStore(), files: evidenceFiles() });
