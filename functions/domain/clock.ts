/** Where "now" comes from. Handlers get the system clock; tests and the local cloud control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (iso: string): Clock & { advance(ms: number): void } => {
  let current = new Date(iso).getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
};

/**
 * Real elapsed time even where Date is virtual (the local cloud moves business time forward).
 * Signature freshness and replay windows are about the caller's real clock, so they use this;
 * in AWS it is the same as the system clock.
 */
export const wallClock: Clock = { now: () => new Date(performance.timeOrigin + performance.now()) };
