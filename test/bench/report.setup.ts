/** Global setup of `npm run bench`: starts an empty report, and prints the one table at the end. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { clearReport, reportedCounts, reportedRows, smoke, tableOf } from './report';

export const measuredFile = path.join(import.meta.dirname, 'measured.json');

/** What `npm run cost` reads: a run of some bench files only (one file, a filter) must not replace it. */
const costInputs = ['functions', 'http', 'signIn', 'trackingRead', 'statisticsRead'];
export const missingCostInputs = (counts: Record<string, unknown>) => [
  ...costInputs.filter((key) => !(key in counts)),
  ...(Object.keys(counts).some((key) => key.startsWith('path:')) ? [] : ['path:*']),
];

export default function setup() {
  clearReport();
  return () => {
    const rows = reportedRows();
    console.log(
      `\nnpm run bench${smoke ? ' (smoke: small numbers, figures not meaningful)' : ''}: ${rows.length} figures\n\n${tableOf(rows)}\n`,
    );
    if (smoke) return;
    const missing = missingCostInputs(reportedCounts());
    if (missing.length > 0) {
      console.log(
        `${path.relative(process.cwd(), measuredFile)} is kept as it was: this run did not measure ${missing.join(', ')}.`,
      );
      return;
    }
    const commit = (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
      } catch {
        return 'unknown';
      }
    })();
    writeFileSync(
      measuredFile,
      `${JSON.stringify({ measuredAt: new Date().toISOString().slice(0, 10), commit, machine: 'local cloud on this machine', counts: reportedCounts(), rows }, null, 2)}\n`,
    );
    console.log(`The counts for npm run cost are in ${path.relative(process.cwd(), measuredFile)}.`);
  };
}
