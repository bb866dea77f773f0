/**
 * The local cloud's virtual clock. Date and the global timers of this process are faked, running
 * at real speed from a persisted offset; `advance` moves time forward by firing every due timer at
 * its own due time, in order, letting the work it starts (workflow steps, database calls) finish
 * before moving to the next. So a Wait state due on day 7 fires with the clock reading day 7, and
 * what it schedules for day 9 fires after it.
 */
import * as FakeTimers from '@sinonjs/fake-timers';
type InstalledClock = ReturnType<typeof FakeTimers.install>;

const realSetTimeout = globalThis.setTimeout;
export const realSleep = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

/** fake-timers keeps its timers in a heap; it has no public way to ask when the next one is due. */
interface TimerHeapHolder {
  timerHeap?: { peek(): { callAt: number } | undefined };
}

export class VirtualClock {
  private readonly clock: InstalledClock;
  private busy = 0;
  private readonly drainers: (() => Promise<void>)[] = [];

  /** `offsetMs`: how far virtual time runs ahead of real time (persisted between runs). */
  constructor(offsetMs: number) {
    this.clock = FakeTimers.install({
      now: Date.now() + offsetMs,
      shouldAdvanceTime: true,
      advanceTimeDelta: 10,
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
      shouldClearNativeTimers: true,
    });
  }

  now(): Date {
    return new Date(this.clock.now);
  }

  /** How far virtual time is ahead of the real clock. */
  offsetMs(): number {
    return this.clock.now - performance.timeOrigin - performance.now();
  }

  /** Work that must be caught up with before the clock moves on (e.g. the table's stream). */
  addDrainer(drain: () => Promise<void>) {
    this.drainers.push(drain);
  }

  /** Wraps work the clock must wait for before it fires the next timer. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
    }
  }

  async advance(ms: number): Promise<Date> {
    const target = this.clock.now + ms;
    for (;;) {
      await this.settle();
      const due = this.nextTimerAt();
      if (due === undefined || due > target) break;
      await this.clock.tickAsync(Math.max(0, due - this.clock.now));
    }
    if (target > this.clock.now) await this.clock.tickAsync(target - this.clock.now);
    await this.settle();
    return this.now();
  }

  uninstall() {
    this.clock.uninstall();
  }

  private nextTimerAt(): number | undefined {
    const heap = (this.clock as unknown as TimerHeapHolder).timerHeap;
    if (!heap)
      throw new Error(
        'This version of @sinonjs/fake-timers keeps its timers elsewhere; update VirtualClock.nextTimerAt',
      );
    return heap.peek()?.callAt;
  }

  /** Waits until no tracked work has run for a few real milliseconds and every drainer is caught up. */
  async settle() {
    let quietRounds = 0;
    while (quietRounds < 3) {
      await realSleep(5);
      const idle = this.busy === 0;
      if (idle) for (const drain of this.drainers) await drain();
      quietRounds = idle && this.busy === 0 ? quietRounds + 1 : 0;
    }
  }
}

/** Parses ISO-8601 durations such as P7D, PT72H, P1W, P2DT3H30M; years and months are refused (their length varies). */
export const parseIsoDuration = (text: string): number => {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    throw new Error(
      `"${text}" is not an ISO-8601 duration like P7D, PT72H or P1DT12H (years and months are not accepted)`,
    );
  }
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return ((((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60 + seconds!) * 1000;
};
