/** Regulators' CSV exports: asked for, run in the background page by page, polled, and fetched by a short-lived link. */
import { settleSearch, type CaseSearchQuery } from '../domain/case-search';
import type { Clock } from '../domain/clock';
import type { RegulatorActor } from '../domain/decisions';
import { NotFoundError } from '../domain/errors';
import {
  csvHeader,
  csvRow,
  exportIdPattern,
  exportLimits,
  exportObjectKey,
  exportView,
  newExportId,
  type ExportJob,
} from '../domain/exports';
import type { CaseIndex, ExportFiles, ExportJobs, ExportRunner } from '../domain/ports';

/** Records the job and starts its run; answers at once with where to poll. */
export const requestExportUseCase =
  (deps: { jobs: ExportJobs; runner: ExportRunner; clock: Clock; randomBytes: (size: number) => Uint8Array }) =>
  async (regulator: RegulatorActor, query: CaseSearchQuery) => {
    const now = deps.clock.now();
    const search = settleSearch(query, now);
    const job: ExportJob = {
      exportId: newExportId(deps.randomBytes(16)),
      requestedBy: { regulatorId: regulator.regulatorId, agency: regulator.agency },
      search,
      status: 'QUEUED',
      requestedAt: now.toISOString(),
      rowsWritten: 0,
      partitionsDone: 0,
      partitionsTotal: 0,
    };
    await deps.jobs.create(job);
    await deps.runner.start(job.exportId);
    return exportView(job);
  };

/** A job of the regulator's own (another's answers like none), with its progress, and the link once written. */
export const exportStatusUseCase =
  (deps: { jobs: ExportJobs; files: ExportFiles }) => async (regulator: RegulatorActor, exportId: string) => {
    const job = exportIdPattern.test(exportId) ? await deps.jobs.get(exportId) : undefined;
    if (!job || job.requestedBy.regulatorId !== regulator.regulatorId)
      throw new NotFoundError(`You have no export ${exportId}.`);
    if (job.status !== 'SUCCEEDED' || !job.objectKey) return exportView(job);
    const url = await deps.files.downloadLink(
      job.objectKey,
      `ccms-cases-${job.search.from}-${job.search.to}.csv`,
      exportLimits.linkSeconds,
    );
    return exportView(job, { url, expiresInSeconds: exportLimits.linkSeconds });
  };

/**
 * Writes the file: the header, then every row of the search, page by page, recording progress as
 * it goes. A run that is repeated (the workflow retries it) starts the file again from the top.
 */
export const runExportUseCase =
  (deps: { jobs: ExportJobs; cases: CaseIndex; files: ExportFiles; clock: Clock }) => async (exportId: string) => {
    const job = await deps.jobs.get(exportId);
    if (!job) throw new NotFoundError(`Export ${exportId} does not exist.`);
    if (job.status === 'SUCCEEDED') return { exportId, status: job.status, rowsWritten: job.rowsWritten };
    await deps.jobs.update(exportId, {
      status: 'RUNNING',
      startedAt: deps.clock.now().toISOString(),
      rowsWritten: 0,
      partitionsDone: 0,
    });
    const key = exportObjectKey(exportId);
    const file = deps.files.create(key);
    try {
      await file.write(csvHeader());
      let rowsWritten = 0;
      let reported = { rows: 0, partitions: 0 };
      let cursor: string | undefined;
      do {
        const page = await deps.cases.search(job.search, { limit: exportLimits.rowsPerRead, cursor });
        if (page.items.length > 0) await file.write(page.items.map(csvRow).join(''));
        rowsWritten += page.items.length;
        cursor = page.nextCursor;
        if (
          rowsWritten - reported.rows >= exportLimits.progressEveryRows ||
          page.partitionsDone !== reported.partitions
        ) {
          await deps.jobs.update(exportId, {
            rowsWritten,
            partitionsDone: page.partitionsDone,
            partitionsTotal: page.partitionsTotal,
          });
          reported = { rows: rowsWritten, partitions: page.partitionsDone };
        }
      } while (cursor);
      const bytes = await file.finish();
      await deps.jobs.update(exportId, {
        status: 'SUCCEEDED',
        completedAt: deps.clock.now().toISOString(),
        rowsWritten,
        objectKey: key,
        bytes,
      });
      return { exportId, status: 'SUCCEEDED' as const, rowsWritten };
    } catch (error) {
      await file.abort();
      throw error;
    }
  };

/** What the workflow records when the run failed after its retries (the cause itself is in the function's log). */
export const failExportUseCase = (deps: { jobs: ExportJobs; clock: Clock }) => async (exportId: string) => {
  await deps.jobs.update(exportId, {
    status: 'FAILED',
    completedAt: deps.clock.now().toISOString(),
    failure: 'The export could not be written. Ask for it again; if it fails again, tell the operators.',
  });
  return { exportId, status: 'FAILED' as const };
};
