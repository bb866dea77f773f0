/**
 * Quiet hours: an SMS that can wait is not sent between 21:00 and 09:00 Dhaka time; it goes the
 * next morning, spread over the hour after 09:00 so a night's messages do not reach the SMS
 * provider (and the phones) in one burst. Essential messages (sign-in codes, deadlines, proposals,
 * escalation, hearings, decisions) always go at once. Email is never held: it does not ring.
 */
import type { TimelineEntry } from './timeline';
import { canWait } from './messages';

export const quietHours = {
  /** Dhaka's hour (0-23) from which messages that can wait are held. */
  fromHour: 21,
  /** Dhaka's hour at which held messages start to go. */
  untilHour: 9,
  /** Held messages go within this many minutes after `untilHour`, each at its complaint's own second. */
  spreadMinutes: 60,
} as const;

/**
 * The consumer SMS that wait for the morning: the news a consumer may stop (canWait) and the
 * automatic settlement's message, which carries the "was it resolved?" survey and a reopen window
 * of days, not hours.
 */
export const waitsForDaytime: readonly TimelineEntry['action'][] = [...canWait, 'AUTO_SETTLE'];

/** Bangladesh keeps Dhaka time all year (UTC+6, no daylight saving). */
const dhakaOffsetMs = 6 * 3_600_000;
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** A stable spread within the hour for one complaint (FNV-1a of its tracking number): retries compute the same minute. */
const spreadMsOf = (trackingNumber: string) => {
  let hash = 0x811c9dc5;
  for (const char of trackingNumber) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % (quietHours.spreadMinutes * 60)) * 1000;
};

/**
 * When an SMS that can wait, for a change made at `at`, may go: undefined when `at` is daytime in
 * Dhaka (send it now), otherwise the next 09:00 Dhaka plus the complaint's spread (whole seconds).
 */
export const heldUntil = (at: string, trackingNumber: string): string | undefined => {
  const dhaka = Date.parse(at) + dhakaOffsetMs;
  const hour = Math.floor((dhaka % dayMs) / hourMs);
  if (hour >= quietHours.untilHour && hour < quietHours.fromHour) return undefined;
  const dayStart = dhaka - (dhaka % dayMs);
  const morning = dayStart + quietHours.untilHour * hourMs + (hour >= quietHours.fromHour ? dayMs : 0);
  return new Date(morning - dhakaOffsetMs + spreadMsOf(trackingNumber)).toISOString().replace('.000Z', 'Z');
};
