/**
 * The one table `npm run bench` prints. Each bench file adds its rows (a figure, its floor in the
 * same run, and how it was measured) and the counts the cost model needs; report.setup.ts prints
 * the table when every file has run and, on a full run, writes the counts to measured.json.
 */
import { appendFileSync, mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface BenchRow {
  section: string;
  subject: string;
  measured: string;
  floor: string;
  /** The measured figure against its floor or budget: a ratio, or "within budget". */
  versus: string;
  how: string;
}

/** `npm run bench:smoke` (CI): every measurement once, with small numbers, so the bench cannot rot. */
export const smoke = process.env.CCMS_BENCH_SMOKE === '1';

const dir = path.join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'ccms-bench');
const rowsFile = path.join(dir, 'rows.jsonl');
const countsFile = path.join(dir, 'counts.jsonl');

export const clearReport = () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
};

export const addRows = (rows: readonly BenchRow[]) =>
  appendFileSync(rowsFile, rows.map((row) => `${JSON.stringify(row)}\n`).join(''));

/** Counts for the cost model, under one key each (a lifecycle path, the statistics read, ...). */
export const addCounts = (key: string, counts: unknown) =>
  appendFileSync(countsFile, `${JSON.stringify({ key, counts })}\n`);

const lines = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as T)
    : [];

export const reportedRows = () => lines<BenchRow>(rowsFile);
export const reportedCounts = () =>
  Object.fromEntries(lines<{ key: string; counts: unknown }>(countsFile).map(({ key, counts }) => [key, counts]));

/** A Markdown table, so it reads in a terminal and pastes into the README. */
export const tableOf = (rows: readonly BenchRow[]) => {
  const header = ['section', 'what', 'measured', 'floor (same run)', 'vs floor / budget', 'how it was measured'];
  const body = rows.map((row) => [row.section, row.subject, row.measured, row.floor, row.versus, row.how]);
  return [header, header.map(() => '---'), ...body]
    .map((cells) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`)
    .join('\n');
};

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** The value below which `share` of the values fall (nearest rank). */
export const percentile = (values: readonly number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
};

export const ratio = (measured: number, floor: number) => (floor > 0 ? `${(measured / floor).toFixed(2)}x` : 'n/a');
