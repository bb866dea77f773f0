/**
 * CSV exports of a case search. An export can hold far more rows than an API response may carry
 * (API Gateway answers at most 10 MB, Lambda 6 MB), so it is a job: asked for, run by a workflow
 * that writes the file to S3 page by page, polled for its progress, and fetched by a short-lived
 * link once written. The rows are the search's rows: no name, phone, email or free text.
 */
import { caseSummary, type CaseSearch } from './case-search';
import type { Complaint } from './complaint';
import type { RegulatorActor } from './decisions';

export const exportStatuses = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type ExportStatus = (typeof exportStatuses)[number];

export const exportLimits = {
  /** Rows read per index query while exporting (each at most DynamoDB's 1 MB page). */
  rowsPerRead: 500,
  /** The job's progress is written at least this often, in rows. */
  progressEveryRows: 5_000,
  /** How long a download link works. */
  linkSeconds: 15 * 60,
  /** How long a job and its file are kept. */
  keepDays: 7,
} as const;

export interface ExportJob {
  exportId: string;
  requestedBy: RegulatorActor;
  search: CaseSearch;
  status: ExportStatus;
  requestedAt: string;
  startedAt?: string;
  completedAt?: string;
  rowsWritten: number;
  /** Index partitions read of those the search spans: with the rows, the progress a caller sees. */
  partitionsDone: number;
  partitionsTotal: number;
  /** Where the file is, once written. */
  objectKey?: string;
  bytes?: number;
  failure?: string;
}

export const exportObjectKey = (exportId: string) => `exports/${exportId}.csv`;

/** 16 random bytes, as 32 hex digits: not guessable, and the job answers only the regulator who asked anyway. */
export const newExportId = (randomBytes: Uint8Array) => Buffer.from(randomBytes).toString('hex');

export const exportIdPattern = /^[0-9a-f]{32}$/;

export const exportColumns = [
  'trackingNumber',
  'status',
  'merchantId',
  'category',
  'district',
  'reason',
  'amount',
  'remedySought',
  'filedAt',
  'escalatedAt',
  'latestHearingAt',
  'decision',
  'decidedAt',
  'complianceDueAt',
  'complianceConfirmedAt',
  'complianceOverdueAt',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field that a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is prefixed with an
 * apostrophe. Numbers are written as they are.
 */
export const csvField = (value: string | number | undefined): string => {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const csvLine = (values: readonly (string | number | undefined)[]) => `${values.map(csvField).join(',')}\r\n`;

/** The file's first bytes: a UTF-8 byte order mark (so spreadsheets read Bengali right) and the header. */
export const csvHeader = () => `\ufeff${csvLine(exportColumns)}`;

export const csvRow = (complaint: Complaint) => {
  const row = caseSummary(complaint);
  const values: Record<(typeof exportColumns)[number], string | number | undefined> = {
    trackingNumber: row.trackingNumber,
    status: row.status,
    merchantId: row.merchantId,
    category: row.category,
    district: row.district,
    reason: row.reason,
    amount: row.amount,
    remedySought: row.remedySought,
    filedAt: row.filedAt,
    escalatedAt: row.escalatedAt,
    latestHearingAt: row.latestHearingAt,
    decision: row.decision?.outcome,
    decidedAt: row.decision?.decidedAt,
    complianceDueAt: row.compliance?.dueAt,
    complianceConfirmedAt: row.compliance?.confirmedAt,
    complianceOverdueAt: row.compliance?.overdueAt,
  };
  return csvLine(exportColumns.map((column) => values[column]));
};

/** What the caller sees of a job: its state and progress, without who asked or where the file is kept. */
export const exportView = (job: ExportJob, download?: { url: string; expiresInSeconds: number }) => ({
  exportId: job.exportId,
  status: job.status,
  search: job.search,
  requestedAt: job.requestedAt,
  ...(job.startedAt && { startedAt: job.startedAt }),
  ...(job.completedAt && { completedAt: job.completedAt }),
  progress: {
    rowsWritten: job.rowsWritten,
    partitionsDone: job.partitionsDone,
    partitionsTotal: job.partitionsTotal,
    percent:
      job.status === 'SUCCEEDED' ? 100 : Math.floor((100 * job.partitionsDone) / Math.max(1, job.partitionsTotal)),
  },
  ...(job.bytes !== undefined && { bytes: job.bytes }),
  ...(job.failure && { failure: job.failure }),
  ...(download && { download }),
});
