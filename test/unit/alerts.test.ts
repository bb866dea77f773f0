import { describe, expect, it } from 'vitest';
import { act, fileComplaint, type Complaint } from '../../functions/domain/complaint';
import {
  alertsFor,
  defaultAlertRules,
  isoWeek,
  parseAlertRules,
  ruleHolds,
  type AlertRule,
  type MerchantHistory,
  type MerchantAlert,
} from '../../functions/domain/alerts';
import { fixedClock } from '../../functions/domain/clock';
import { addDays, dhakaDate } from '../../functions/domain/dates';
import { merchantAlertMessage } from '../../functions/domain/escalation';
import type { AlertLedger, KeptAlert, MessageAttributes } from '../../functions/domain/ports';
import { countedChangeOf, mergedDeltas } from '../../functions/domain/statistics';
import {
  AlertRunIncompleteError,
  evaluateAlertsUseCase,
  listAlertsUseCase,
} from '../../functions/regulator/alert-use-cases';
import { filingRequest } from './fixtures';

const rule = (id: string) => defaultAlertRules.find((candidate) => candidate.id === id)!;
const surge = rule('filing-surge');
const today = '2026-12-03';

/** Days with `perDay(daysAgo)` filings each, from `days - 1` days ago up to today. */
/** `days` days of counters up to `until`, kept since the first of them. */
const history = (
  days: number,
  perDay: (daysAgo: number) => Partial<Record<string, number>>,
  until = today,
): MerchantHistory => ({
  days: new Map(Array.from({ length: days }, (_, daysAgo) => [addDays(until, -daysAgo), perDay(daysAgo)])),
  since: addDays(until, -(days - 1)),
});

describe('the alert rules', () => {
  it('a surge fires: 30 filings this week against a median of 5 a week before', () => {
    const days = history(63, (daysAgo) => ({
      filed: daysAgo < 7 ? (daysAgo < 2 ? 15 : 0) : daysAgo % 7 === 0 ? 5 : 0,
    }));
    const figures = ruleHolds(surge, days, today);
    expect(figures).toMatchObject({ from: '2026-11-27', to: today, counter: 'filed', value: 30, baselineMedian: 5 });
    expect(figures!.baselineWeeks).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
    expect(figures!.threshold).toBe(20);
  });

  it('steady growth of 10% a week stays quiet, as does a big merchant with a steady 500 a week', () => {
    // 21 filings a week 8 weeks ago, growing 10% a week: 45 this week, 2.1 times its median.
    const weekly = (weeksAgo: number) => Math.round(21 * 1.1 ** (8 - weeksAgo));
    const growing = history(63, (daysAgo) => ({ filed: daysAgo % 7 === 0 ? weekly(Math.floor(daysAgo / 7)) : 0 }));
    expect(weekly(0)).toBeGreaterThan(surge.minCount);
    expect(ruleHolds(surge, growing, today)).toBeUndefined();
    const steady = history(63, () => ({ filed: 71 }));
    expect(ruleHolds(surge, steady, today)).toBeUndefined();
  });

  it("a small merchant's first complaints stay quiet: the floor, not the ratio to an empty history", () => {
    const quiet = history(63, (daysAgo) => ({ filed: daysAgo < 3 ? 3 : 0 }));
    expect(ruleHolds(surge, quiet, today)).toBeUndefined();
  });

  it('a surge needs a history: weeks before the counters were kept are unknown, not quiet', () => {
    // A busy merchant, 500 a week, whose daily counters began 10 days ago (a merchant new to CCMS, or every merchant after deployment).
    const busy = history(10, () => ({ filed: 71 }));
    expect(ruleHolds(surge, busy, today)).toBeUndefined();
    // Four known weeks of 5, then 30: half the baseline is known, and it is a surge against those four.
    const known = history(35, (daysAgo) => ({
      filed: daysAgo < 7 ? (daysAgo < 3 ? 10 : 0) : daysAgo % 7 === 0 ? 5 : 0,
    }));
    expect(ruleHolds(surge, known, today)).toMatchObject({ value: 30, baselineWeeks: [5, 5, 5, 5], baselineMedian: 5 });
    // Three known weeks are not enough.
    expect(ruleHolds(surge, { ...known, since: addDays(today, -27) }, today)).toBeUndefined();
  });

  it('the share of advance-paid non-delivery holds at half of at least 20 filings over 28 days', () => {
    const share = rule('advance-not-delivered');
    const days = (advance: number, filed: number) => ({
      days: new Map([[addDays(today, -27), { filed, filedAdvanceNotDelivered: advance }]]),
      since: addDays(today, -60),
    });
    expect(ruleHolds(share, days(12, 20), today)).toMatchObject({
      value: 12,
      of: 'filed',
      ofValue: 20,
      threshold: 0.5,
    });
    expect(ruleHolds(share, days(9, 20), today)).toBeUndefined();
    expect(ruleHolds(share, days(12, 15), today)).toBeUndefined();
    // A day outside the window is not counted.
    expect(
      ruleHolds(share, { days: new Map([[addDays(today, -28), { filed: 40, filedAdvanceNotDelivered: 40 }]]) }, today),
    ).toBeUndefined();
  });

  it('missed deadlines and escalations per week', () => {
    expect(
      ruleHolds(
        rule('missed-deadlines'),
        history(28, () => ({ deadlinesDue: 1, deadlinesMissed: 1 })),
        today,
      ),
    ).toMatchObject({ value: 28, ofValue: 28 });
    expect(
      ruleHolds(
        rule('escalations'),
        history(7, () => ({ escalated: 2 })),
        today,
      ),
    ).toMatchObject({ value: 14, threshold: 10 });
    expect(
      ruleHolds(
        rule('escalations'),
        history(7, (daysAgo) => ({ escalated: daysAgo < 4 ? 2 : 0 })),
        today,
      ),
    ).toBeUndefined();
  });

  it('a rules file is checked: unknown counters, repeated ids and wrong kinds are refused', () => {
    const valid = {
      id: 'x-rule',
      kind: 'count',
      label: { bn: 'ক', en: 'x' },
      counter: 'escalated',
      windowDays: 7,
      minCount: 1,
    };
    expect(parseAlertRules({ rules: [valid] })).toHaveLength(1);
    expect(() => parseAlertRules({ rules: [{ ...valid, counter: 'phone' }] })).toThrow(/counter/);
    expect(() => parseAlertRules({ rules: [valid, valid] })).toThrow(/unique/);
    expect(() => parseAlertRules({ rules: [{ ...valid, kind: 'surge' }] })).toThrow(/invalid/);
    expect(() => parseAlertRules({ rules: [{ ...valid, windowDays: 90 }] })).toThrow(/windowDays/);
    // A share of itself is always 1: refused.
    expect(() => parseAlertRules({ rules: [{ ...valid, kind: 'share', of: 'escalated', share: 0.5 }] })).toThrow(
      /counter and of differ/,
    );
  });

  it('weeks are ISO weeks of the Dhaka date', () => {
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    // 20:00 UTC on Sunday is already Monday in Dhaka: the next week.
    const [alert] = alertsFor(
      [rule('escalations')],
      'm',
      history(7, () => ({ escalated: 2 }), '2026-12-07'),
      new Date('2026-12-06T20:00:00Z'),
    );
    expect(alert!.week).toBe('2026-W50');
  });
});

describe('the daily counters the rules read', () => {
  const filed = (overrides = {}) =>
    fileComplaint({
      request: filingRequest(overrides),
      consumerId: 'c',
      complainantNameSealed: 's',
      trackingNumber: 'ALERT-0001',
      // 19:00 UTC is the next day in Dhaka.
      at: new Date('2026-12-01T19:00:00Z'),
    }).complaint;
  const daily = (before: Complaint | undefined, after: Complaint) => mergedDeltas([countedChangeOf(before, after)!]);

  it('a filing counts in its Dhaka day, in the merchant scope alone; advance-paid non-delivery apart', () => {
    expect(
      daily(undefined, filed({ paymentMethod: 'OTHER' })).get('MERCHANT#demo-bazaar|DAY#2026-12-02')?.counts,
    ).toEqual({ filed: 1 });
    const merged = daily(undefined, filed());
    expect(merged.get('MERCHANT#demo-bazaar|DAY#2026-12-02')?.counts).toEqual({
      filed: 1,
      filedAdvanceNotDelivered: 1,
    });
    expect([...merged.keys()].filter((key) => key.includes('DAY#'))).toEqual(['MERCHANT#demo-bazaar|DAY#2026-12-02']);
    const cash = daily(undefined, filed({ paymentMethod: 'CASH_ON_DELIVERY' }));
    expect(cash.get('MERCHANT#demo-bazaar|DAY#2026-12-02')?.counts).toEqual({ filed: 1 });
  });

  it('a proposal settles the merchant deadline, in time or late; an escalation for a missed deadline is missed; an acknowledgement is neither', () => {
    const notified = act(filed(), 'NOTIFY_MERCHANT', 'system', new Date('2026-12-01T19:00:01Z')).complaint;
    const dayOf = (before: Complaint, after: Complaint, day: string) =>
      daily(before, after).get(`MERCHANT#demo-bazaar|DAY#${day}`)?.counts;
    const inTime = act(notified, 'PROPOSE_RESOLUTION', 'merchant', new Date('2026-12-03T10:00:00Z')).complaint;
    expect(dayOf(notified, inTime, '2026-12-03')).toEqual({ deadlinesDue: 1 });
    // Acknowledged in time, then nothing: the acknowledgement does not meet the deadline, the escalation misses it.
    const acknowledged = act(notified, 'ACKNOWLEDGE', 'merchant', new Date('2026-12-02T10:00:00Z')).complaint;
    expect(dayOf(notified, acknowledged, '2026-12-02')).toBeUndefined();
    const escalated = act(
      acknowledged,
      'ESCALATE',
      'system',
      new Date(Date.parse(acknowledged.merchantDeadline!) + 1000),
    ).complaint;
    const escalatedOn = dhakaDate(new Date(escalated.escalatedAt!));
    expect(dayOf(acknowledged, escalated, escalatedOn)).toEqual({ escalated: 1, deadlinesDue: 1, deadlinesMissed: 1 });
    // A proposal after the deadline (before the timer escalated it) is late.
    const late = act(
      notified,
      'PROPOSE_RESOLUTION',
      'merchant',
      new Date(Date.parse(notified.merchantDeadline!) + 60_000),
    ).complaint;
    expect(dayOf(notified, late, dhakaDate(new Date(late.lastActionAt!)))).toEqual({
      deadlinesDue: 1,
      deadlinesMissed: 1,
    });
    // A disputed resolution escalates with no deadline of the merchant's to miss.
    const disputed = act(inTime, 'DISPUTE', 'consumer', new Date('2026-12-04T10:00:00Z')).complaint;
    const toRegulator = act(disputed, 'ESCALATE', 'system', new Date('2026-12-04T10:00:01Z')).complaint;
    expect(dayOf(disputed, toRegulator, '2026-12-04')).toEqual({ escalated: 1 });
  });
});

/** An alert ledger in memory, as DynamoDbAlerts keeps it. */
const memoryLedger = (): AlertLedger & { kept: Map<string, KeptAlert>; failMark?: boolean } => {
  const kept = new Map<string, KeptAlert>();
  const ledger = {
    kept,
    failMark: false,
    async raise(alert: MerchantAlert) {
      if (kept.has(alert.alertId)) return false;
      kept.set(alert.alertId, { ...alert, published: false });
      return true;
    },
    async get(week: string, ruleId: string, merchantId: string) {
      return [...kept.values()].find((a) => a.week === week && a.ruleId === ruleId && a.merchantId === merchantId);
    },
    async unpublished(weeks: readonly string[], before: string) {
      return [...kept.values()].filter((a) => !a.published && weeks.includes(a.week) && a.raisedAt < before);
    },
    async markPublished(alert: MerchantAlert) {
      if (ledger.failMark) throw new Error('DynamoDB is unavailable');
      kept.get(alert.alertId)!.published = true;
    },
    async list(_page: unknown, merchantId?: string) {
      return { items: [...kept.values()].filter((a) => !merchantId || a.merchantId === merchantId).reverse() };
    },
  };
  return ledger;
};

describe('evaluating the alerts', () => {
  const setUp = (rules: readonly AlertRule[] = defaultAlertRules, now = '2026-12-03T06:00:00Z') => {
    const clock = fixedClock(now);
    const alerts = memoryLedger();
    const published: { message: Record<string, unknown>; attributes: MessageAttributes }[] = [];
    const reads: string[] = [];
    const evaluate = evaluateAlertsUseCase({
      merchants: {
        async *pages() {
          yield ['surging-shop', 'quiet-shop'];
          yield ['new-shop'];
        },
      },
      days: {
        async read(merchantId, from, to) {
          reads.push(`${merchantId} ${from}..${to}`);
          // The surging shop has 10 filings every day of the last week (none before), whatever the day; the quiet one one a day for 63 days.
          if (merchantId === 'surging-shop') return history(63, (daysAgo) => ({ filed: daysAgo < 7 ? 10 : 0 }), to);
          return merchantId === 'quiet-shop' ? history(63, () => ({ filed: 1 }), to) : { days: new Map() };
        },
      },
      alerts,
      escalations: {
        async publish(message, attributes) {
          published.push({ message: message as Record<string, unknown>, attributes });
        },
      },
      rules,
      clock,
      siteUrl: 'https://ccms.example.gov.bd',
    });
    return { clock, alerts, published, reads, evaluate };
  };

  it('raises once per merchant, rule and week, reading each merchant once for 63 days', async () => {
    const { clock, published, reads, evaluate } = setUp();
    const first = await evaluate();
    expect(first).toEqual({ merchants: 3, raised: ['2026-W49.filing-surge.surging-shop'], republished: [] });
    expect(reads).toEqual([
      'surging-shop 2026-10-02..2026-12-03',
      'quiet-shop 2026-10-02..2026-12-03',
      'new-shop 2026-10-02..2026-12-03',
    ]);
    expect(published).toHaveLength(1);
    const [{ message, attributes }] = published as [(typeof published)[0]];
    expect(merchantAlertMessage.parse(message)).toMatchObject({
      type: 'merchant.alert',
      merchantId: 'surging-shop',
      reason: 'MERCHANT_ALERT',
      rule: { id: 'filing-surge', kind: 'surge' },
      week: '2026-W49',
      figures: { value: 70, baselineMedian: 0 },
      alertsApiPath: '/v1/regulator/alerts?merchantId=surging-shop',
      alertsUrl: 'https://ccms.example.gov.bd/regulator/alerts?merchantId=surging-shop',
    });
    expect(attributes).toEqual({ merchantId: 'surging-shop', reason: 'MERCHANT_ALERT' });
    // Later the same week: nothing new; the next week, the surge still holding raises a new one.
    clock.advance(2 * 86_400_000);
    expect((await evaluate()).raised).toEqual([]);
    clock.advance(5 * 86_400_000);
    expect((await evaluate()).raised).toEqual(['2026-W50.filing-surge.surging-shop']);
    expect(published).toHaveLength(2);
  });

  it('does not raise the same surge again across the boundary of a week, within 7 days of the last', async () => {
    // 18:00 on Sunday in Dhaka, then 02:00 on Monday: a new ISO week, the same surge.
    const { clock, published, evaluate } = setUp(defaultAlertRules, '2026-12-06T12:00:00Z');
    expect((await evaluate()).raised).toEqual(['2026-W49.filing-surge.surging-shop']);
    clock.advance(8 * 3_600_000);
    expect((await evaluate()).raised).toEqual([]);
    clock.advance(7 * 86_400_000 - 8 * 3_600_000);
    expect((await evaluate()).raised).toEqual(['2026-W50.filing-surge.surging-shop']);
    expect(published).toHaveLength(2);
  });

  it('an alert kept but not marked published (the run stopped between) is published again by a later run: at least once', async () => {
    const { clock, alerts, published, evaluate } = setUp();
    alerts.failMark = true;
    await expect(evaluate()).rejects.toThrow(/could not be evaluated for 1 merchant\(s\): surging-shop/);
    expect(published).toHaveLength(1);
    alerts.failMark = false;
    // Within the time a running evaluation may still take, the next run leaves it alone.
    clock.advance(5 * 60_000);
    expect(await evaluate()).toMatchObject({ raised: [], republished: [] });
    clock.advance(2 * 60_000);
    expect(await evaluate()).toMatchObject({ raised: [], republished: ['2026-W49.filing-surge.surging-shop'] });
    expect(await evaluate()).toMatchObject({ raised: [], republished: [] });
    expect(published).toHaveLength(2);
    expect(alerts.kept.get('2026-W49.filing-surge.surging-shop')?.published).toBe(true);
  });

  it('goes on past a merchant it cannot read, and fails at the end naming it, so the run is retried', async () => {
    const { published } = setUp();
    const failing = evaluateAlertsUseCase({
      merchants: {
        async *pages() {
          yield ['broken-shop', 'surging-shop'];
        },
      },
      days: {
        async read(merchantId, _from, to) {
          if (merchantId === 'broken-shop') throw new Error('throttled');
          return history(63, (daysAgo) => ({ filed: daysAgo < 7 ? 10 : 0 }), to);
        },
      },
      alerts: memoryLedger(),
      escalations: {
        async publish(message, attributes) {
          published.push({ message: message as Record<string, unknown>, attributes });
        },
      },
      rules: defaultAlertRules,
      clock: fixedClock('2026-12-03T06:00:00Z'),
    });
    const error = await failing().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlertRunIncompleteError);
    expect((error as AlertRunIncompleteError).merchantIds).toEqual(['broken-shop']);
    expect((error as AlertRunIncompleteError).run.raised).toEqual(['2026-W49.filing-surge.surging-shop']);
    expect(published).toHaveLength(1);
  });

  it('lists alerts with their figures, without the publishing flag', async () => {
    const { alerts, evaluate } = setUp();
    await evaluate();
    const listed = await listAlertsUseCase({ alerts })({ limit: 10 }, 'surging-shop');
    expect(listed.alerts).toHaveLength(1);
    expect(listed.alerts[0]).not.toHaveProperty('published');
    expect(listed.alerts[0]).toMatchObject({ merchantId: 'surging-shop', label: { en: 'A surge in complaints' } });
    expect((await listAlertsUseCase({ alerts })({ limit: 10 }, 'quiet-shop')).alerts).toEqual([]);
  });
});
