/**
 * The local cloud's virtual clock fires each due timer with the clock reading its due time, lets the
 * work it starts finish before it moves on, and fires the timers due at the same instant together,
 * so their work (different complaints' timers) runs at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { realSleep, VirtualClock } from '../../local/virtual-clock';

const hour = 3_600_000;
const day = 24 * hour;

let clock: VirtualClock | undefined;
afterEach(() => {
  clock?.uninstall();
  clock = undefined;
});

describe('the virtual clock', () => {
  it('fires the timers due at one instant together, and the next one after their work has ended', async () => {
    const installed = new VirtualClock(0);
    clock = installed;
    const start = installed.now().getTime();
    let inFlight = 0;
    let mostInFlight = 0;
    const firedAt: number[] = [];
    /** What a fired timer starts: tracked work that takes 50 real milliseconds. */
    const work = () =>
      installed.track(async () => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        firedAt.push(installed.now().getTime() - start);
        await realSleep(50);
        inFlight--;
      });
    for (let n = 0; n < 3; n++) setTimeout(() => void work(), hour);
    let inFlightWhenLaterFired = -1;
    setTimeout(() => {
      inFlightWhenLaterFired = inFlight;
      void work();
    }, day);

    await installed.advance(2 * day);

    expect(mostInFlight).toBe(3);
    expect(inFlightWhenLaterFired).toBe(0);
    expect(firedAt).toHaveLength(4);
    // Each fired with the clock at its due time (within the real time its work took), never early.
    for (const at of firedAt.slice(0, 3)) expect(at - hour).toBeGreaterThanOrEqual(0);
    for (const at of firedAt.slice(0, 3)) expect(at - hour).toBeLessThan(1_000);
    expect(firedAt[3]! - day).toBeGreaterThanOrEqual(0);
    expect(firedAt[3]! - day).toBeLessThan(1_000);
    expect(installed.now().getTime() - start).toBeGreaterThanOrEqual(2 * day);
  });

  it('leaves a timer due after the move waiting', async () => {
    const installed = new VirtualClock(0);
    clock = installed;
    let fired = false;
    setTimeout(() => {
      fired = true;
    }, 3 * day);
    await installed.advance(2 * day);
    expect(fired).toBe(false);
    await installed.advance(day);
    expect(fired).toBe(true);
  });
});
