/**
 * Early warning for regulators: rules, kept as data (alert-rules.json, or a stage's own file),
 * evaluated on a schedule against each merchant's daily counters, never against complaints, so a
 * run costs the same whatever the number of complaints. A rule that holds raises one alert per
 * merchant, rule and week (ISO week of the Dhaka date), which is listed in the regulator console
 * and published on the escalations topic. An alert names the merchant and the figures behind it,
 * and nothing of any consumer.
 *
 * Rules:
 * - `surge`: a counter over the last 7 days against the median of the weeks before it
 *   (`baselineWeeks` of 7 days each); it holds when the 7 days reach `minCount` and `ratio` times
 *   that median (a median of 0 counts as 1, so a small merchant's first complaints stay below the
 *   floor). Only weeks since the merchant's daily counters were first kept count, and it needs
 *   half of them: a merchant new to CCMS (or every merchant, the first weeks after this was
 *   deployed) has no history to surge against;
 * - `share`: one counter's share of another over `windowDays` (for example advance-paid
 *   non-delivery among filings); it holds when the share reaches `share` over at least `minCount`;
 * - `count`: a counter over `windowDays` reaching `minCount` (for example escalations in a week).
 */
import * as z from 'zod';
import defaults from './alert-rules.json';
import { addDays, dhakaDate } from './dates';

/**
 * The counters kept per merchant per Dhaka day (period `DAY#YYYY-MM-DD`, in the merchant's
 * statistics partition), moved by the change's own time:
 * - `filed`; `filedAdvanceNotDelivered`: filed as not delivered, paid before delivery;
 * - `escalated`;
 * - `deadlinesDue`: a merchant deadline decided, by a first response or by an escalation with
 *   none; `deadlinesMissed`: those decided by a first response after it, or by no response at all.
 */
export const dailyCounters = [
  'filed',
  'filedAdvanceNotDelivered',
  'escalated',
  'deadlinesDue',
  'deadlinesMissed',
] as const;
export type DailyCounter = (typeof dailyCounters)[number];

/** Days a daily counter item is kept: the longest look-back a rule may take, and a margin. */
export const dailyCounterDays = 70;
/** The longest a rule looks back: the 7 days and 8 baseline weeks of a surge. */
export const lookBackDays = 63;

const bilingual = z.strictObject({ bn: z.string().min(1).max(200), en: z.string().min(1).max(200) });
const ruleId = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lowercase letters, digits and dashes');
const counter = z.enum(dailyCounters);
const minCount = z.number().int().min(1).max(1_000_000);

export const alertRule = z.discriminatedUnion('kind', [
  z.strictObject({
    id: ruleId,
    kind: z.literal('surge'),
    label: bilingual,
    counter,
    baselineWeeks: z.number().int().min(2).max(8),
    ratio: z.number().min(1.1).max(100),
    minCount,
  }),
  z.strictObject({
    id: ruleId,
    kind: z.literal('share'),
    label: bilingual,
    counter,
    of: counter,
    windowDays: z.number().int().min(1).max(56),
    share: z.number().gt(0).max(1),
    minCount,
  }),
  z.strictObject({
    id: ruleId,
    kind: z.literal('count'),
    label: bilingual,
    counter,
    windowDays: z.number().int().min(1).max(56),
    minCount,
  }),
]);
export type AlertRule = z.infer<typeof alertRule>;

export const alertRuleFile = z.strictObject({
  rules: z
    .array(
      alertRule.refine(
        (rule) => rule.kind !== 'share' || rule.counter !== rule.of,
        'a share is of another counter (counter and of differ)',
      ),
    )
    .min(1)
    .max(20)
    .refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, 'rule ids must be unique'),
});
export type AlertRuleFile = z.infer<typeof alertRuleFile>;

/** A rules file checked, or an error naming what is wrong in it. */
export const parseAlertRules = (json: unknown): AlertRule[] => {
  const parsed = alertRuleFile.safeParse(json);
  if (!parsed.success) throw new Error(`The alert rules are invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data.rules;
};

/** The platform's own rules (functions/domain/alert-rules.json). */
export const defaultAlertRules = parseAlertRules(defaults);

/** The ISO week (YYYY-Www, weeks from Monday) of a calendar date. */
export const isoWeek = (date: string): string => {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  // The week's Thursday decides its year.
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/** The week an alert raised at `at` belongs to: once per merchant, rule and week. */
export const alertWeek = (at: Date) => isoWeek(dhakaDate(at));

/** A merchant's daily counters: Dhaka date (YYYY-MM-DD) to counts. */
export type DailyCounts = ReadonlyMap<string, Partial<Record<DailyCounter, number>>>;

/** What the rules read of a merchant: its days, and the first day they were kept (none: no history). */
export interface MerchantHistory {
  days: DailyCounts;
  since?: string;
}

/** The category a counter counts in, where it counts one: its alerts carry it, for subscriptions' filters. */
export const counterCategory: Partial<Record<DailyCounter, string>> = { filedAdvanceNotDelivered: 'NOT_DELIVERED' };

/** What a rule found: the figures behind an alert (dates are Dhaka dates, counted inclusive). */
export const alertFigures = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  counter: z.enum(dailyCounters),
  value: z.number().int().nonnegative(),
  /** share: the counter it is a share of, and that count. */
  of: z.enum(dailyCounters).optional(),
  ofValue: z.number().int().nonnegative().optional(),
  /** surge: each known baseline week's count, most recent first, and their median. */
  baselineWeeks: z.array(z.number().int().nonnegative()).optional(),
  baselineMedian: z.number().nonnegative().optional(),
  /** What the value had to reach: a count, or for `share` a share (0 to 1). */
  threshold: z.number().nonnegative(),
});
export type AlertFigures = z.infer<typeof alertFigures>;

const sumOver = (days: DailyCounts, name: DailyCounter, from: string, to: string) => {
  let sum = 0;
  for (let date = from; date <= to; date = addDays(date, 1)) sum += days.get(date)?.[name] ?? 0;
  return sum;
};

const medianOf = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The figures of a rule on a merchant's days up to `today` (inclusive), if it holds. */
export const ruleHolds = (rule: AlertRule, history: MerchantHistory, today: string): AlertFigures | undefined => {
  const { days } = history;
  switch (rule.kind) {
    case 'surge': {
      const from = addDays(today, -6);
      const value = sumOver(days, rule.counter, from, today);
      // Weeks before the first day counted are unknown, not quiet: they are left out.
      const baselineWeeks = Array.from({ length: rule.baselineWeeks }, (_, week) => ({
        from: addDays(from, -7 * (week + 1)),
        to: addDays(today, -7 * (week + 1)),
      }))
        .filter((week) => history.since !== undefined && week.from >= history.since)
        .map((week) => sumOver(days, rule.counter, week.from, week.to));
      if (baselineWeeks.length < Math.ceil(rule.baselineWeeks / 2)) return undefined;
      const baselineMedian = medianOf(baselineWeeks);
      const threshold = Math.max(rule.minCount, rule.ratio * Math.max(baselineMedian, 1));
      if (value < threshold) return undefined;
      return { from, to: today, counter: rule.counter, value, baselineWeeks, baselineMedian, threshold };
    }
    case 'share': {
      const from = addDays(today, -(rule.windowDays - 1));
      const value = sumOver(days, rule.counter, from, today);
      const ofValue = sumOver(days, rule.of, from, today);
      if (ofValue < rule.minCount || value / ofValue < rule.share) return undefined;
      return { from, to: today, counter: rule.counter, value, of: rule.of, ofValue, threshold: rule.share };
    }
    case 'count': {
      const from = addDays(today, -(rule.windowDays - 1));
      const value = sumOver(days, rule.counter, from, today);
      if (value < rule.minCount) return undefined;
      return { from, to: today, counter: rule.counter, value, threshold: rule.minCount };
    }
  }
};

/** An alert as kept and listed: a merchant, a rule, a week, and the figures when it was raised. */
export interface MerchantAlert {
  alertId: string;
  merchantId: string;
  /** The category the rule counts in, if one (advance-paid non-delivery: NOT_DELIVERED). */
  category?: string;
  ruleId: string;
  kind: AlertRule['kind'];
  label: AlertRule['label'];
  week: string;
  raisedAt: string;
  figures: AlertFigures;
}

/** The alert's id: its week, rule and merchant (what makes it once per week). */
export const alertIdOf = (week: string, ruleId: string, merchantId: string) => `${week}.${ruleId}.${merchantId}`;

/** The alerts a merchant's days raise at `at`, one per rule that holds. */
export const alertsFor = (
  rules: readonly AlertRule[],
  merchantId: string,
  history: MerchantHistory,
  at: Date,
): MerchantAlert[] => {
  const today = dhakaDate(at);
  const week = isoWeek(today);
  return rules.flatMap((rule) => {
    const figures = ruleHolds(rule, history, today);
    if (!figures) return [];
    const category = counterCategory[rule.counter];
    return [
      {
        alertId: alertIdOf(week, rule.id, merchantId),
        merchantId,
        ...(category && { category }),
        ruleId: rule.id,
        kind: rule.kind,
        label: rule.label,
        week,
        raisedAt: at.toISOString(),
        figures,
      },
    ];
  });
};

/** The first day a run at `at` reads. */
export const firstDayRead = (at: Date) => addDays(dhakaDate(at), -(lookBackDays - 1));
