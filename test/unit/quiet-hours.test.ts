import { describe, expect, it } from 'vitest';
import { canWait } from '../../functions/domain/messages';
import { heldUntil, quietHours, waitsForDaytime } from '../../functions/domain/quiet-hours';

/** A Dhaka wall-clock time (UTC+6) as an instant. */
const dhaka = (local: string) => new Date(`${local}+06:00`).toISOString();

describe('quiet hours (21:00 to 09:00 Dhaka time)', () => {
  it('sends by day and holds from 21:00 until the next 09:00, within the hour after it', () => {
    expect(heldUntil(dhaka('2026-12-04T09:00:00'), 'CCMS-1')).toBeUndefined();
    expect(heldUntil(dhaka('2026-12-04T20:59:59'), 'CCMS-1')).toBeUndefined();
    for (const [at, morning] of [
      ['2026-12-04T21:00:00', '2026-12-05T09:00:00'],
      ['2026-12-04T23:59:59', '2026-12-05T09:00:00'],
      ['2026-12-05T00:00:00', '2026-12-05T09:00:00'],
      ['2026-12-05T08:59:59', '2026-12-05T09:00:00'],
      // The year's last night ends in the next year.
      ['2026-12-31T22:30:00', '2027-01-01T09:00:00'],
    ] as const) {
      const sendAt = Date.parse(heldUntil(dhaka(at), 'CCMS-1')!);
      expect(sendAt, at).toBeGreaterThanOrEqual(Date.parse(dhaka(morning)));
      expect(sendAt, at).toBeLessThan(Date.parse(dhaka(morning)) + quietHours.spreadMinutes * 60_000);
    }
  });

  it("gives each complaint its own second of the hour, the same on every retry, so a night's messages do not go in one burst", () => {
    const night = dhaka('2026-12-04T23:00:00');
    expect(heldUntil(night, 'CCMS-20261204-AB12')).toBe(heldUntil(night, 'CCMS-20261204-AB12'));
    expect(heldUntil(night, 'CCMS-20261204-AB12')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const seconds = new Set(
      Array.from({ length: 200 }, (_, i) => heldUntil(night, `CCMS-20261204-${i.toString(36).padStart(4, '0')}`)),
    );
    expect(seconds.size).toBeGreaterThan(180);
  });

  it('holds the news a consumer may stop and the automatic settlement with its survey, never what has a date to act by', () => {
    expect(waitsForDaytime).toEqual([...canWait, 'AUTO_SETTLE']);
    for (const essential of [
      'PROPOSE_RESOLUTION',
      'NOTIFY_MERCHANT',
      'ESCALATE',
      'REQUEST_INFORMATION',
      'SCHEDULE_HEARING',
      'DECIDE',
      'CONFIRM',
    ] as const)
      expect(waitsForDaytime, essential).not.toContain(essential);
  });
});
