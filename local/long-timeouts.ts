/**
 * Node's timers (and @sinonjs/fake-timers, the virtual clock's) cannot wait longer than 2^31-1 ms,
 * about 24.8 days: a longer delay fires after 1 ms. A Step Functions Wait may last up to a year, and
 * aws-local-stepfunctions sleeps with the global setTimeout, so without this a compliance date
 * months ahead would come due at once. This wraps the global setTimeout/clearTimeout so a longer
 * delay is a chain of shorter ones, re-armed against Date.now() (the virtual clock's, when it runs).
 */
const maxDelayMs = 2 ** 31 - 1;
const wrapped = Symbol.for('ccms.long-timeouts');

interface Chain {
  current: ReturnType<typeof setTimeout>;
  ref(): Chain;
  unref(): Chain;
  hasRef(): boolean;
}

/** Installs the wrappers over whatever setTimeout/clearTimeout are global now (faked or real); idempotent. */
export const allowLongTimeouts = (): void => {
  const timers = globalThis as unknown as {
    setTimeout: typeof setTimeout & { [wrapped]?: true };
    clearTimeout: typeof clearTimeout;
  };
  if (timers.setTimeout[wrapped]) return;
  const set = timers.setTimeout;
  const clear = timers.clearTimeout;
  const chains = new WeakSet<object>();

  const setLong = (callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
    if (!(typeof delay === 'number' && delay > maxDelayMs)) return set(callback, delay, ...args);
    const dueAt = Date.now() + delay;
    let referenced = true;
    const chain: Chain = {
      current: undefined as unknown as ReturnType<typeof setTimeout>,
      ref: () => {
        referenced = true;
        chain.current.ref?.();
        return chain;
      },
      unref: () => {
        referenced = false;
        chain.current.unref?.();
        return chain;
      },
      hasRef: () => referenced,
    };
    const arm = () => {
      const left = dueAt - Date.now();
      chain.current = left > maxDelayMs ? set(arm, maxDelayMs) : set(() => callback(...args), Math.max(0, left));
      if (!referenced) chain.current.unref?.();
    };
    arm();
    chains.add(chain);
    return chain;
  };
  const clearLong = (handle?: unknown) =>
    handle !== null && typeof handle === 'object' && chains.has(handle)
      ? clear((handle as Chain).current)
      : clear(handle as Parameters<typeof clearTimeout>[0]);
  Object.assign(setLong, { [wrapped]: true });
  timers.setTimeout = setLong as unknown as typeof setTimeout;
  timers.clearTimeout = clearLong as typeof clearTimeout;
};
