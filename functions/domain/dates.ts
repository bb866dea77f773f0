import * as z from 'zod';

/** A calendar date as YYYY-MM-DD that really exists (no 2026-02-30). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use the form YYYY-MM-DD')
  .refine((value) => {
    const parsed = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(value);
  }, 'not a real calendar date');

/** Bangladesh keeps one time zone, UTC+6, with no daylight saving. */
const DHAKA_OFFSET_MS = 6 * 3_600_000;

/** The calendar date in Dhaka (Asia/Dhaka) at `at`: what "today" means to a Bangladeshi consumer. */
export const dhakaDate = (at: Date): string => new Date(at.getTime() + DHAKA_OFFSET_MS).toISOString().slice(0, 10);

/** The instant the Dhaka calendar day after `at` begins. */
export const nextDhakaMidnight = (at: Date): Date =>
  new Date(Date.parse(`${dhakaDate(at)}T00:00:00Z`) - DHAKA_OFFSET_MS + 86_400_000);

/** The calendar date `days` after `date` (both YYYY-MM-DD). */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
