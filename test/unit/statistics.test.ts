import { describe, expect, it } from 'vitest';
import { act, answerSurvey, fileComplaint, rate, type Complaint } from '../../functions/domain/complaint';
import { decide, decisionRequest } from '../../functions/domain/decisions';
import type { ActorRole, LifecycleAction } from '../../functions/domain/lifecycle';
import {
  bucketOf,
  countedChangeOf,
  histogramCounter,
  mergedDeltas,
  quantileHours,
  type CountedChange,
} from '../../functions/domain/statistics';
import { offeredCategories } from '../../functions/domain/categories';
import { scorecard } from '../../functions/domain/scorecard';
import { merchantStatsUseCase, monthsUpTo, publicStatsUseCase, scorecardsCsv } from '../../functions/public/use-cases';
import { filingRequest } from './fixtures';

const start = Date.parse('2026-05-25T08:00:00Z');
const day = (n: number) => new Date(start + n * 86_400_000);

/** Walks a complaint through steps, collecting the change each stored step counts. */
const walk = (
  trackingNumber: string,
  steps: [LifecycleAction | 'RATE' | 'DECIDE_UPHELD' | 'SURVEY_YES' | 'SURVEY_NO', ActorRole, number][],
  overrides = {},
) => {
  let complaint: Complaint = fileComplaint({
    request: filingRequest({ ...overrides }),
    consumerId: 'c',
    complainantNameSealed: 's',
    trackingNumber,
    at: day(0),
  }).complaint;
  const changes: CountedChange[] = [countedChangeOf(undefined, complaint)!];
  for (const [action, by, n] of steps) {
    const before = complaint;
    complaint =
      action === 'RATE'
        ? rate(complaint, day(n), 4).complaint
        : action === 'SURVEY_YES' || action === 'SURVEY_NO'
          ? answerSurvey(complaint, day(n), {
              resolved: action === 'SURVEY_YES',
              score: 3,
              reason: 'The refund was never made.',
            }).complaint
          : action === 'DECIDE_UPHELD'
            ? decide(
                complaint,
                decisionRequest.parse({
                  outcome: 'UPHELD',
                  remedy: 'REFUND',
                  complianceDueDate: day(n + 10)
                    .toISOString()
                    .slice(0, 10),
                  reasons: 'The merchant kept the money for nothing.',
                }),
                { regulatorId: 'r', agency: 'DNCRP' },
                day(n),
              ).complaint
            : act(complaint, action, by, day(n)).complaint;
    const counted = countedChangeOf(before, complaint);
    if (counted) changes.push(counted);
  }
  return { complaint, changes };
};

/** The counters of a scope and period after these changes. */
const counters = (changes: CountedChange[], scope = 'ALL', period = 'TOTAL') =>
  mergedDeltas(changes).get(`${scope}|${period}`)?.counts ?? {};

describe('statistics kept by the events', () => {
  it('count a confirmed settlement once, with the first response in time and both durations', () => {
    const { changes } = walk('A', [
      ['NOTIFY_MERCHANT', 'system', 0],
      ['ACKNOWLEDGE', 'merchant', 1],
      ['PROPOSE_RESOLUTION', 'merchant', 2],
      ['CONFIRM', 'consumer', 3],
      ['RATE', 'consumer', 3],
    ]);
    expect(counters(changes)).toEqual({
      filed: 1,
      status_SETTLED: 1,
      firstResponses: 1,
      firstResponsesInTime: 1,
      [histogramCounter('firstResponse', bucketOf(86_400_000))]: 1,
      settled: 1,
      settledConfirmed: 1,
      everSettled: 1,
      [histogramCounter('resolution', bucketOf(3 * 86_400_000))]: 1,
      ratingSum: 4,
      ratingCount: 1,
    });
  });

  it('are reopen-safe: settled automatically, reopened, then confirmed is one settlement, confirmed, in the month first settled', () => {
    const { changes } = walk('B', [
      ['NOTIFY_MERCHANT', 'system', 0],
      ['PROPOSE_RESOLUTION', 'merchant', 1],
      ['AUTO_SETTLE', 'system', 8.1],
      ['REOPEN', 'consumer', 10],
      ['NOTIFY_MERCHANT', 'system', 10],
      ['PROPOSE_RESOLUTION', 'merchant', 11],
      ['CONFIRM', 'consumer', 12],
    ]);
    const total = counters(changes);
    expect(total).toMatchObject({
      settled: 1,
      settledConfirmed: 1,
      reopens: 1,
      reopenedComplaints: 1,
      firstResponses: 1,
    });
    expect(total.settledAuto).toBeUndefined();
    // First settled on 2 June: the settlement belongs to June; filing to May.
    expect(counters(changes, 'ALL', 'MONTH#2026-06')).toMatchObject({ settled: 1, settledConfirmed: 1, reopens: 1 });
    expect(counters(changes, 'ALL', 'MONTH#2026-05')).toEqual({
      filed: 1,
      firstResponses: 1,
      firstResponsesInTime: 1,
      [histogramCounter('firstResponse', bucketOf(86_400_000))]: 1,
    });
    // One resolution time: the first settlement's.
    expect(Object.keys(total).filter((name) => name.startsWith('h_resolution_'))).toEqual([
      histogramCounter('resolution', bucketOf(8.1 * 86_400_000)),
    ]);
  });

  it('take a settlement back when the reopened complaint escalates, and count the silent merchant', () => {
    const { changes } = walk('C', [
      ['NOTIFY_MERCHANT', 'system', 0],
      ['PROPOSE_RESOLUTION', 'merchant', 1],
      ['CONFIRM', 'consumer', 2],
      ['REOPEN', 'consumer', 3],
      ['NOTIFY_MERCHANT', 'system', 3],
      ['ESCALATE', 'system', 11],
      ['DECIDE_UPHELD', 'regulator', 12],
    ]);
    const total = counters(changes);
    expect(total).toMatchObject({ escalated: 1, decidedUpheld: 1, status_CLOSED: 1, reopenedComplaints: 1 });
    expect(total.settled ?? 0).toBe(0);
    expect(total.settledConfirmed ?? 0).toBe(0);
    // It had responded (the first proposal), so it is not a silent merchant.
    expect(total.noResponseByDeadline).toBeUndefined();
    const silent = walk('D', [
      ['NOTIFY_MERCHANT', 'system', 0],
      ['REMIND_MERCHANT', 'system', 3.1],
      ['ESCALATE', 'system', 8],
    ]);
    expect(counters(silent.changes)).toMatchObject({ escalated: 1, noResponseByDeadline: 1, status_ESCALATED: 1 });
    expect(counters(silent.changes).firstResponses).toBeUndefined();
  });

  it('count a late first response as a response, not a timely one', () => {
    const { changes } = walk('E', [
      ['NOTIFY_MERCHANT', 'system', 0],
      ['ACKNOWLEDGE', 'merchant', 1],
    ]);
    expect(counters(changes).firstResponsesInTime).toBe(1);
    const late = walk('F', [['NOTIFY_MERCHANT', 'system', 0]]);
    const lateResponse = act(
      { ...late.complaint, merchantDeadline: day(0.5).toISOString() },
      'REPLY',
      'merchant',
      day(1),
    );
    const counted = countedChangeOf(late.complaint, lateResponse.complaint)!;
    expect(counted.deltas.total).toMatchObject({ firstResponses: 1 });
    expect(counted.deltas.total.firstResponsesInTime).toBeUndefined();
  });

  it('are counted in every scope of the complaint: overall, merchant, category, district and the merchant’s category', () => {
    const { changes } = walk('G', [], {
      merchantId: 'shop',
      category: 'REFUND_NOT_RECEIVED',
      deliveryDistrict: 'sylhet',
    });
    expect(changes[0]!.scopes).toEqual([
      'ALL',
      'MERCHANT#shop',
      'CATEGORY#REFUND_NOT_RECEIVED',
      'DISTRICT#sylhet',
      'MERCHANT#shop#CATEGORY#REFUND_NOT_RECEIVED',
    ]);
    for (const scope of changes[0]!.scopes) expect(counters(changes, scope)).toEqual({ filed: 1, status_SUBMITTED: 1 });
  });

  it('keep exactly one status per complaint, whatever path it took', () => {
    const paths = [
      walk('H', [
        ['NOTIFY_MERCHANT', 'system', 0],
        ['WITHDRAW', 'consumer', 1],
      ]),
      walk('I', [
        ['NOTIFY_MERCHANT', 'system', 0],
        ['PROPOSE_RESOLUTION', 'merchant', 1],
        ['DISPUTE', 'consumer', 2],
        ['ESCALATE', 'system', 2],
      ]),
      walk('J', [
        ['NOTIFY_MERCHANT', 'system', 0],
        ['PROPOSE_RESOLUTION', 'merchant', 1],
        ['CONFIRM', 'consumer', 2],
        ['CLOSE', 'system', 17.1],
      ]),
    ];
    const total = counters(paths.flatMap((path) => path.changes));
    const statuses = Object.fromEntries(
      Object.entries(total).filter(([name, n]) => name.startsWith('status_') && n !== 0),
    );
    expect(statuses).toEqual({ status_WITHDRAWN: 1, status_ESCALATED: 1, status_CLOSED: 1 });
    expect(total).toMatchObject({ filed: 3, withdrawn: 1, escalated: 1, settled: 1 });
  });
});

describe('duration histograms', () => {
  it('put a duration in the first bucket whose bound it does not pass', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(3_600_000)).toBe(0);
    expect(bucketOf(3_600_001)).toBe(1);
    expect(bucketOf(24 * 3_600_000)).toBe(5);
    expect(bucketOf(1000 * 24 * 3_600_000)).toBe(18);
  });

  it('give the median and 90th percentile as bucket bounds', () => {
    const counts = new Array(19).fill(0);
    counts[5] = 50; // up to 24 hours
    counts[7] = 40; // up to 72 hours
    counts[10] = 10; // up to 168 hours
    expect(quantileHours(counts, 0.5)).toBe(24);
    expect(quantileHours(counts, 0.9)).toBe(72);
    expect(quantileHours(counts, 0.91)).toBe(168);
    expect(quantileHours(new Array(19).fill(0), 0.5)).toBeUndefined();
    const overflow = new Array(19).fill(0);
    overflow[18] = 1;
    expect(quantileHours(overflow, 0.5)).toBe(Infinity);
  });
});

describe('a scorecard', () => {
  const resolvedPaths = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) =>
      walk(
        `${prefix}${i}`,
        i % 2 === 0
          ? [
              ['NOTIFY_MERCHANT', 'system', 0],
              ['ACKNOWLEDGE', 'merchant', 0.5],
              ['PROPOSE_RESOLUTION', 'merchant', 1],
              ['CONFIRM', 'consumer', 2],
            ]
          : [
              ['NOTIFY_MERCHANT', 'system', 0],
              ['PROPOSE_RESOLUTION', 'merchant', 1],
              ['AUTO_SETTLE', 'system', 8.1],
            ],
      ),
    ).flatMap((path) => path.changes);

  it('hides rates below 10 complaints with an outcome, and says so', () => {
    const card = scorecard(counters(resolvedPaths(9, 'S')));
    expect(card.rates).toBeNull();
    expect(card.ratesNote).toContain('there are 9');
    expect(card.complaints.settled).toEqual({ total: 9, byConsumerConfirmation: 5, automatically: 4 });
  });

  it('shows settlement apart by confirmation and automatic, timely response, reopen rate and typical times from 10 on', () => {
    const changes = [
      ...resolvedPaths(10, 'T'),
      ...walk('U', [
        ['NOTIFY_MERCHANT', 'system', 0],
        ['ESCALATE', 'system', 8],
      ]).changes,
    ];
    const card = scorecard(counters(changes));
    expect(card.rates).toEqual({
      settlement: 0.909,
      settlementByConfirmation: 0.455,
      settlementAutomatic: 0.455,
      automaticConfirmedByConsumer: 0,
      timelyFirstResponse: 0.909,
      reopen: 0,
    });
    expect(card.ratesNote).toBeUndefined();
    // The escalated one is still open: it waits for the regulator.
    expect(card.complaints).toMatchObject({ filed: 11, open: 1, escalated: 1, resolved: 11 });
    // Half answered within 12 hours, half within a day: the median is 12, the 90th percentile 24.
    expect(card.timesInHours.firstResponse).toEqual({ median: 12, p90: 24, of: 10 });
    expect(card.timesInHours.resolution.of).toBe(10);
    expect(card.rating).toBeNull();
  });
});

describe('"was it resolved?" after an automatic settlement', () => {
  const autoSettled = (
    trackingNumber: string,
    after: [LifecycleAction | 'SURVEY_YES' | 'SURVEY_NO', ActorRole, number][],
  ) =>
    walk(trackingNumber, [
      ['NOTIFY_MERCHANT', 'system', 0],
      ['PROPOSE_RESOLUTION', 'merchant', 1],
      ['AUTO_SETTLE', 'system', 8.1],
      ...after,
    ]).changes;

  it('counts the answers apart from the settlements, in the month of the settlement they answer; the rest are silent', () => {
    const changes = [
      ...autoSettled('Y', [['SURVEY_YES', 'consumer', 40]]),
      // After the reopen window: said, not reopened.
      ...autoSettled('N', [['SURVEY_NO', 'consumer', 40]]),
      ...autoSettled('S', []),
    ];
    const all = counters(changes);
    expect(all).toMatchObject({
      autoSettlements: 3,
      autoSettledConfirmed: 1,
      autoSettledNotResolved: 1,
      settledAuto: 3,
    });
    // Settled on day 8 (June), answered on day 40 (July): counted with June's settlements.
    expect(counters(changes, 'ALL', 'MONTH#2026-06')).toMatchObject({
      autoSettlements: 3,
      autoSettledConfirmed: 1,
      autoSettledNotResolved: 1,
    });
    expect(counters(changes, 'ALL', 'MONTH#2026-07')).not.toHaveProperty('autoSettledConfirmed');
    expect(scorecard(all).complaints.afterAutomaticSettlement).toEqual({
      settlements: 3,
      confirmedResolved: 1,
      saidNotResolved: 1,
      silent: 1,
    });
    // The score given with the answer counts as a rating.
    expect(all).toMatchObject({ ratingCount: 2, ratingSum: 6 });
  });

  it('reopens on "not resolved" within the window, and counts the answer', () => {
    const changes = autoSettled('R', [['SURVEY_NO', 'consumer', 10]]);
    // Reopened, it stays counted as settled until it is escalated or withdrawn (as any reopening).
    expect(counters(changes)).toMatchObject({
      autoSettlements: 1,
      autoSettledNotResolved: 1,
      reopens: 1,
      status_REOPENED: 1,
    });
  });
});

describe('open data from the counters', () => {
  /** A reader over counters merged from changes, counting the items each answer reads. */
  const readerOf = (changes: CountedChange[]) => {
    const merged = mergedDeltas(changes);
    const reader = {
      itemsRead: 0,
      read: async (items: readonly { scope: string; period: string }[]) => {
        reader.itemsRead += items.length;
        return new Map(
          items.map(({ scope, period }) => [`${scope}|${period}`, merged.get(`${scope}|${period}`)?.counts ?? {}]),
        );
      },
    };
    return reader;
  };
  const clock = { now: () => day(20) };
  const merchants = {
    get: async (id: string) =>
      id === 'demo-bazaar'
        ? {
            merchantId: id,
            tradeName: 'Demo Bazaar',
            active: true,
            grievanceOfficer: { name: 'Ayesha', phone: '01711000020', email: 'go@demo.example' },
          }
        : undefined,
  };

  const noOrderCounts = { get: async () => undefined, put: async () => {}, list: async () => [] };

  it('read the same number of items for 1 complaint as for 40', async () => {
    const few = readerOf(walk('V0', [['NOTIFY_MERCHANT', 'system', 0]]).changes);
    const many = readerOf(
      Array.from({ length: 40 }, (_, i) => walk(`W${i}`, [['NOTIFY_MERCHANT', 'system', 0]]).changes).flat(),
    );
    await publicStatsUseCase({ statistics: few, clock })();
    const answer = await publicStatsUseCase({ statistics: many, clock })();
    expect(many.itemsRead).toBe(few.itemsRead);
    expect(answer.overall.complaints.filed).toBe(40);
    expect(answer.monthly.map((row) => row.month)).toEqual(monthsUpTo(day(20), 12));
    expect(answer.monthly.at(-2)).toMatchObject({ month: '2026-05', filed: 40 });
    expect(answer.byDistrict.find((row) => row.district === 'dhaka')!.complaints.filed).toBe(40);
    await merchantStatsUseCase({ statistics: few, merchants, orderCounts: noOrderCounts, clock })('demo-bazaar');
    const before = few.itemsRead;
    await merchantStatsUseCase({ statistics: few, merchants, orderCounts: noOrderCounts, clock })('demo-bazaar');
    expect(few.itemsRead - before).toBe(1 + 12 + offeredCategories.length);
  });

  it('give one merchant’s record with its grievance officer, by category, and as CSV with hidden rates left empty', async () => {
    const statistics = readerOf(walk('X', [['NOTIFY_MERCHANT', 'system', 0]], { merchantId: 'demo-bazaar' }).changes);
    const answer = await merchantStatsUseCase({ statistics, merchants, orderCounts: noOrderCounts, clock })(
      'demo-bazaar',
    );
    expect(answer.merchant).toEqual({
      merchantId: 'demo-bazaar',
      tradeName: 'Demo Bazaar',
      grievanceOfficer: { name: 'Ayesha', phone: '01711000020', email: 'go@demo.example' },
    });
    expect(answer.byCategory).toEqual([
      expect.objectContaining({ category: 'NOT_DELIVERED', complaints: expect.objectContaining({ filed: 1 }) }),
    ]);
    const csv = scorecardsCsv([{ scope: 'merchant', key: 'demo-bazaar', card: answer.scorecard }]);
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header!.split(',').slice(0, 4)).toEqual(['scope', 'key', 'filed', 'open']);
    expect(row!.split(',').slice(0, 4)).toEqual(['merchant', 'demo-bazaar', '1', '1']);
    expect(row!.split(',')[header!.split(',').indexOf('settlementRate')]).toBe('');
    await expect(
      merchantStatsUseCase({ statistics, merchants, orderCounts: noOrderCounts, clock })('nobody'),
    ).rejects.toThrow('No merchant has the id nobody.');
  });
});
