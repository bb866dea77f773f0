/**
 * Fault injection for the local cloud (dev only): make the next N calls at a named point fail,
 * to prove that every crash between two steps heals.
 */
export const faultPoints = [
  /** Step Functions refuses StartExecution (the stream consumer must retry). */
  'sfn.StartExecution',
  /** Step Functions refuses StopExecution. */
  'sfn.StopExecution',
  /** SNS refuses a publish (topic or SMS). */
  'sns.Publish',
  /** A workflow task crashes after it ran (its database write is done), so Step Functions retries it. */
  'task.crashAfterRun',
  /** The stream consumer crashes after it ran, so the stream delivers the same changes again. */
  'stream.crashAfterRun',
] as const;
export type FaultPoint = (typeof faultPoints)[number];

export class Faults {
  private readonly pending = new Map<FaultPoint, number>();
  private readonly tripped = new Map<FaultPoint, number>();

  arm(point: FaultPoint, times: number) {
    this.pending.set(point, (this.pending.get(point) ?? 0) + times);
  }

  /** True (and one fewer pending) if this call must fail. */
  trip(point: FaultPoint): boolean {
    const left = this.pending.get(point) ?? 0;
    if (left === 0) return false;
    this.pending.set(point, left - 1);
    this.tripped.set(point, (this.tripped.get(point) ?? 0) + 1);
    return true;
  }

  /** Disarms every pending fault (tripped counts are kept). */
  clear() {
    this.pending.clear();
  }

  report() {
    return {
      pending: Object.fromEntries(this.pending),
      tripped: Object.fromEntries(this.tripped),
    };
  }
}

export class InjectedFault extends Error {
  constructor(point: FaultPoint) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}
