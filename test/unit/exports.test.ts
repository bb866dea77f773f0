import { describe, expect, it } from 'vitest';
import type { CaseSearch } from '../../functions/domain/case-search';
import { fixedClock } from '../../functions/domain/clock';
import type { Complaint } from '../../functions/domain/complaint';
import { csvField, csvHeader, csvRow, type ExportJob } from '../../functions/domain/exports';
import type { CaseIndex, ExportFiles, ExportJobs, FileSink } from '../../functions/domain/ports';
import {
  exportStatusUseCase,
  requestExportUseCase,
  runExportUseCase,
} from '../../functions/regulator/export-use-cases';

describe('CSV fields', () => {
  it('quote commas, quotes and line breaks, and defuse what a spreadsheet would run as a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const lead of ['+1', '-1', '@SUM(A1)', '\tx']) expect(csvField(lead).startsWith("'")).toBe(true);
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField(undefined)).toBe('');
    expect(csvField('ঢাকা')).toBe('ঢাকা');
  });

  it('start the file with a byte order mark and the header', () => {
    expect(csvHeader()).toMatch(/^\ufefftrackingNumber,status,merchantId,/);
  });
});

const escalated = (n: number): Complaint =>
  ({
    trackingNumber: `CASE-${String(n).padStart(5, '0')}`,
    status: 'ESCALATED',
    merchantId: 'm1',
    category: 'NOT_DELIVERED',
    deliveryDistrict: 'dhaka',
    escalationReason: 'RESOLUTION_DISPUTED',
    amount: 100 + n,
    remedySought: 'REFUND',
    filedAt: '2026-05-01T00:00:00Z',
    escalatedAt: '2026-05-09T00:00:00Z',
  }) as Complaint;

/** A case index over `total` cases, served `pageSize` at a time across two partitions. */
const fakeIndex = (total: number, failOnce = false): CaseIndex & { reads: number } => {
  let failed = !failOnce;
  const index = {
    reads: 0,
    async search(_search: CaseSearch, page: { limit: number; cursor?: string }) {
      index.reads += 1;
      const start = page.cursor ? Number(page.cursor) : 0;
      if (!failed && start > 0) {
        failed = true;
        throw new Error('throttled');
      }
      const end = Math.min(total, start + page.limit);
      const items = Array.from({ length: end - start }, (_, i) => escalated(start + i));
      return {
        items,
        ...(end < total && { nextCursor: String(end) }),
        partitionsDone: end >= total ? 2 : end >= total / 2 ? 1 : 0,
        partitionsTotal: 2,
      };
    },
  };
  return index;
};

class MemoryJobs implements ExportJobs {
  readonly jobs = new Map<string, ExportJob>();
  readonly progress: number[] = [];
  async create(job: ExportJob) {
    this.jobs.set(job.exportId, job);
  }
  async get(exportId: string) {
    return this.jobs.get(exportId);
  }
  async update(exportId: string, changes: Partial<ExportJob>) {
    this.jobs.set(exportId, { ...this.jobs.get(exportId)!, ...changes });
    if (changes.rowsWritten !== undefined) this.progress.push(changes.rowsWritten);
  }
}

class MemoryFiles implements ExportFiles {
  readonly written = new Map<string, string>();
  aborted = 0;
  create(key: string): FileSink {
    let text = '';
    return {
      write: async (chunk) => {
        text += chunk;
      },
      finish: async () => {
        this.written.set(key, text);
        return Buffer.byteLength(text);
      },
      abort: async () => {
        this.aborted += 1;
      },
    };
  }
  async downloadLink(key: string, fileName: string) {
    return `https://exports.example/${key}?name=${fileName}`;
  }
}

describe('an export job', () => {
  const regulator = { regulatorId: 'dncrp-1', agency: 'DNCRP' };
  const setup = (total: number, failOnce = false) => {
    const jobs = new MemoryJobs();
    const files = new MemoryFiles();
    const clock = fixedClock('2026-11-20T10:00:00Z');
    const cases = fakeIndex(total, failOnce);
    let started: string | undefined;
    const request = requestExportUseCase({
      jobs,
      runner: { start: async (id) => void (started = id) },
      clock,
      randomBytes: (n) => new Uint8Array(n).fill(7),
    });
    return {
      jobs,
      files,
      cases,
      request,
      started: () => started!,
      run: runExportUseCase({ jobs, cases, files, clock }),
      status: exportStatusUseCase({ jobs, files }),
    };
  };

  it('writes every row, page by page, records its progress, and links the file once written', async () => {
    const { jobs, files, request, started, run, status } = setup(12_345);
    const queued = await request(regulator, { merchantId: 'm1' });
    expect(queued).toMatchObject({
      status: 'QUEUED',
      search: { merchantId: 'm1', from: '2025-11-20', to: '2026-11-20' },
    });
    expect(started()).toBe(queued.exportId);
    expect(await run(queued.exportId)).toEqual({ exportId: queued.exportId, status: 'SUCCEEDED', rowsWritten: 12_345 });
    const csv = files.written.get(`exports/${queued.exportId}.csv`)!;
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(12_346);
    expect(lines[1]).toBe(csvRow(escalated(0)).trimEnd());
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(12_345);
    // Progress was recorded as it went, not only at the end.
    expect(jobs.progress.filter((rows) => rows > 0 && rows < 12_345).length).toBeGreaterThan(1);
    const done = await status(regulator, queued.exportId);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      progress: { rowsWritten: 12_345, percent: 100 },
      bytes: Buffer.byteLength(csv),
      download: { expiresInSeconds: 900 },
    });
    expect(done.download!.url).toContain(`exports/${queued.exportId}.csv`);
  });

  it('is retried from the top when a run fails, and answers no one but the regulator who asked', async () => {
    const { files, request, run, status } = setup(1_200, true);
    const queued = await request(regulator, {});
    await expect(run(queued.exportId)).rejects.toThrow('throttled');
    expect(files.aborted).toBe(1);
    expect((await status(regulator, queued.exportId)).status).toBe('RUNNING');
    await run(queued.exportId);
    expect(files.written.get(`exports/${queued.exportId}.csv`)!.split('\r\n').filter(Boolean)).toHaveLength(1_201);
    await expect(status({ regulatorId: 'ecab-1', agency: 'e-CAB' }, queued.exportId)).rejects.toThrow(
      'You have no export',
    );
    await expect(status(regulator, '../../etc/passwd')).rejects.toThrow('You have no export');
  });
});
