/**
 * The local Step Functions' executions, kept on disk as an append-only journal (one JSON line per
 * event: an execution started, entered a state, had a task fail, finished, or was run again after a
 * restart), as the outbox keeps its messages. An event costs one short append however many
 * executions there are; the journal is compacted, one line per execution, when it is opened. A
 * line cut short by a crash (`kill -9` mid-write) is the last one, and is left out.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Names of the states entered, in order: Standard workflows bill per state transition. */
  statesEntered: string[];
  /** Task failures, retried or not, newest last. */
  taskFailures?: string[];
}

export type ExecutionOutcome = Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause'>;

export type JournalEntry =
  | { started: ExecutionRecord }
  | { arn: string; entered: string }
  | { arn: string; taskFailed: string }
  | { arn: string; finished: ExecutionOutcome }
  /** Run again from the start after a restart: the states it entered before are forgotten. */
  | { arn: string; rerun: true };

/** Applies one journal entry to the executions it describes. */
const apply = (executions: Map<string, ExecutionRecord>, entry: JournalEntry) => {
  if ('started' in entry) {
    executions.set(entry.started.executionArn, structuredClone(entry.started));
    return;
  }
  const execution = executions.get(entry.arn);
  if (!execution) return;
  if ('entered' in entry) execution.statesEntered.push(entry.entered);
  else if ('taskFailed' in entry) (execution.taskFailures ??= []).push(entry.taskFailed);
  else if ('finished' in entry) Object.assign(execution, entry.finished);
  else execution.statesEntered = [];
};

export class ExecutionJournal {
  /** The executions as the journal left them when it was opened. */
  readonly loaded: ReadonlyMap<string, ExecutionRecord>;

  /**
   * Opens the journal at `file` and compacts it. `legacyFile`: the whole-file form of earlier
   * versions (a JSON array of executions), read once if there is no journal yet, then removed.
   */
  constructor(
    private readonly file: string,
    legacyFile?: string,
  ) {
    const executions = new Map<string, ExecutionRecord>();
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          // Only the last line can be cut short by a crash; what it was writing had not happened yet.
          continue;
        }
        apply(executions, entry);
      }
    } else if (legacyFile && existsSync(legacyFile)) {
      for (const record of JSON.parse(readFileSync(legacyFile, 'utf8')) as ExecutionRecord[]) {
        executions.set(record.executionArn, record);
      }
    }
    this.loaded = executions;
    const compacted = [...executions.values()].map((started) => `${JSON.stringify({ started })}\n`).join('');
    writeFileSync(`${file}.compacting`, compacted);
    renameSync(`${file}.compacting`, file);
    if (legacyFile) rmSync(legacyFile, { force: true });
  }

  append(entry: JournalEntry) {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}
