import { describe, expect, it } from 'vitest';
import {
  monthsToRebuild,
  openDataColumns,
  openDataDictionary,
  openDataPaths,
  openDataRowOf,
  publishedRows,
  type OpenDataIndex,
  type OpenDataRow,
} from '../../functions/domain/open-data';
import { buildOpenDataUseCase } from '../../functions/public/open-data-use-cases';
import { fixedClock } from '../../functions/domain/clock';
import type { FileSink, OpenDataFiles } from '../../functions/domain/ports';
import { openDataSortKey } from '../../functions/adapters/table-design';

type Source = Parameters<typeof openDataRowOf>[0];

const filed: Source = {
  merchantId: 'demo-bazaar',
  category: 'NOT_DELIVERED',
  paymentMethod: 'BKASH',
  remedySought: 'REFUND',
  deliveryDistrict: 'dhaka',
  status: 'AWAITING_MERCHANT',
  filedAt: '2026-10-30T20:00:00.000Z',
};

const decision = (outcome: 'UPHELD' | 'DISMISSED' | 'REFERRED') => ({
  outcome,
  reasons: 'Reasons the regulator wrote',
  decidedAt: '2026-11-20T10:00:00.000Z',
  decidedBy: { regulatorId: 'r1', agency: 'DNCRP' },
});

describe('a complaint’s open-data row', () => {
  it('holds the published columns and nothing else', () => {
    const row = openDataRowOf({
      ...filed,
      description: 'Rahim Uddin 01711111111',
      consumerId: '+8801711111111',
    } as Source);
    expect(Object.keys(row).sort()).toEqual([...openDataColumns].sort());
    expect(openDataDictionary.columns.map((column) => column.name)).toEqual([...openDataColumns]);
    expect(row).toEqual({
      monthFiled: '2026-10',
      merchantId: 'demo-bazaar',
      category: 'NOT_DELIVERED',
      paymentMethod: 'BKASH',
      remedySought: 'REFUND',
      outcome: 'OPEN',
      timelyFirstResponse: null,
      daysToFirstResponse: null,
      daysToResolution: null,
      district: 'dhaka',
    });
  });

  it('names each outcome as the complaint stands', () => {
    const outcomeOf = (change: Partial<Source>) => openDataRowOf({ ...filed, ...change }).outcome;
    expect(outcomeOf({ status: 'SETTLED', settledKind: 'CONFIRMED' })).toBe('CONFIRMED');
    expect(outcomeOf({ status: 'CLOSED', settledKind: 'AUTO' })).toBe('AUTOMATIC');
    expect(outcomeOf({ status: 'ESCALATED' })).toBe('ESCALATED');
    expect(outcomeOf({ status: 'CLOSED', decision: decision('UPHELD') })).toBe('UPHELD');
    expect(outcomeOf({ status: 'CLOSED', decision: decision('DISMISSED') })).toBe('DISMISSED');
    expect(outcomeOf({ status: 'CLOSED', decision: decision('REFERRED') })).toBe('REFERRED');
    expect(outcomeOf({ status: 'WITHDRAWN' })).toBe('WITHDRAWN');
    // Reopened, it is back with the merchant, however it was settled before.
    expect(outcomeOf({ status: 'REOPENED', settledKind: 'CONFIRMED' })).toBe('OPEN');
    expect(outcomeOf({ status: 'RESOLUTION_PROPOSED', settledKind: 'AUTO' })).toBe('OPEN');
    expect(outcomeOf({ status: 'CLOSED' })).toBe('CLOSED');
  });

  it('counts whole days to the first response and the resolution, and says whether the response was timely', () => {
    const answered = openDataRowOf({
      ...filed,
      status: 'SETTLED',
      settledKind: 'CONFIRMED',
      firstResponseAt: '2026-11-01T19:59:59.000Z',
      firstResponseInTime: true,
      firstSettledAt: '2026-11-06T20:00:00.000Z',
    });
    expect(answered).toMatchObject({ timelyFirstResponse: true, daysToFirstResponse: 1, daysToResolution: 7 });
    const late = openDataRowOf({ ...filed, firstResponseAt: '2026-11-09T00:00:00.000Z', firstResponseInTime: false });
    expect(late.timelyFirstResponse).toBe(false);
    // Reached the regulator with no response: its deadline passed.
    expect(openDataRowOf({ ...filed, status: 'ESCALATED' }).timelyFirstResponse).toBe(false);
    const decided = openDataRowOf({ ...filed, status: 'CLOSED', decision: decision('UPHELD') });
    expect(decided).toMatchObject({ timelyFirstResponse: false, daysToFirstResponse: null, daysToResolution: 20 });
  });

  it('leaves a payment method or district not given blank', () => {
    const { paymentMethod: _p, deliveryDistrict: _d, ...bare } = filed;
    expect(openDataRowOf(bare)).toMatchObject({ paymentMethod: null, district: null });
  });
});

const row = (change: Partial<OpenDataRow> = {}): OpenDataRow => ({ ...openDataRowOf(filed), ...change });

async function* streamOf(rows: readonly OpenDataRow[]) {
  yield* rows;
}

const published = async (rows: readonly OpenDataRow[]) => {
  const out: { row: OpenDataRow; withheld: boolean }[] = [];
  for await (const each of publishedRows(streamOf(rows))) out.push(each);
  return out;
};

/** The rows in the index's order: by merchant, category and district (the sort key), whatever order they were filed in. */
const inIndexOrder = (rows: readonly OpenDataRow[]) =>
  rows
    .map((row, n) => ({ row, key: openDataSortKey(row, `T${String(n).padStart(6, '0')}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);

describe('the district rule', () => {
  it('withholds a district fewer than 5 complaints of the month share with the merchant and category', async () => {
    const filedInAnyOrder = [
      row({ district: 'sylhet', merchantId: 'other-shop' }),
      ...Array.from({ length: 3 }, () => row({ district: 'dhaka' })),
      ...Array.from({ length: 4 }, () => row({ district: 'sylhet' })),
      // The same district under another category is a group of its own.
      row({ district: 'dhaka', category: 'DAMAGED' }),
      ...Array.from({ length: 2 }, () => row({ district: 'dhaka' })),
      // Another merchant's complaints in the same district do not make the group bigger.
      ...Array.from({ length: 2 }, () => row({ district: 'sylhet', merchantId: 'other-shop' })),
      row({ district: null }),
    ];
    const out = await published(inIndexOrder(filedInAnyOrder));
    expect(out).toHaveLength(filedInAnyOrder.length);
    const shown = (merchantId: string, category: string, district: string | null) =>
      out
        .filter(({ row: each }) => each.merchantId === merchantId && each.category === category)
        .filter(({ row: each }) => each.district === district).length;
    expect(shown('demo-bazaar', 'NOT_DELIVERED', 'dhaka')).toBe(5);
    expect(shown('demo-bazaar', 'NOT_DELIVERED', 'sylhet')).toBe(0);
    expect(shown('demo-bazaar', 'DAMAGED', 'dhaka')).toBe(0);
    expect(shown('other-shop', 'NOT_DELIVERED', 'sylhet')).toBe(0);
    // Withheld: the 4 in Sylhet, the 1 damaged in Dhaka, the other shop's 3; a district never given is not counted as withheld.
    expect(out.filter(({ withheld }) => withheld)).toHaveLength(8);
    expect(out.filter(({ row: each }) => each.district === null)).toHaveLength(9);
    // A withheld row is not written in its district's place (between the districts around it, it
    // would name it): it comes after every shown row of its merchant and category.
    const block = out
      .filter(({ row: each }) => each.merchantId === 'demo-bazaar' && each.category === 'NOT_DELIVERED')
      .map(({ row: each, withheld }) => (withheld ? 'withheld' : each.district));
    expect(block).toEqual([...Array(5).fill('dhaka'), null, ...Array(4).fill('withheld')]);
  });

  it('keeps a withheld row out of its district’s place between two shown districts', async () => {
    const rows = inIndexOrder([
      ...Array.from({ length: 5 }, () => row({ district: 'dhaka' })),
      row({ district: 'dinajpur' }),
      ...Array.from({ length: 5 }, () => row({ district: 'faridpur' })),
      row({ district: 'dhaka', category: 'DAMAGED' }),
    ]);
    const out = (await published(rows)).map(({ row: each }) => `${each.category}:${each.district ?? ''}`);
    expect(out).toEqual(
      [
        ...Array(5).fill('NOT_DELIVERED:dhaka'),
        ...Array(5).fill('NOT_DELIVERED:faridpur'),
        'NOT_DELIVERED:',
        'DAMAGED:',
      ].sort((a, b) => (a.startsWith('DAMAGED') ? -1 : b.startsWith('DAMAGED') ? 1 : 0)),
    );
  });

  it('holds few rows: a big group flows out from its 5th row, small groups at the end of their merchant and category', async () => {
    let pulled = 0;
    async function* counted(rows: readonly OpenDataRow[]) {
      for (const each of rows) {
        pulled++;
        yield each;
      }
    }
    const big = [...Array.from({ length: 1000 }, () => row({ district: 'dhaka' })), row({ district: 'khulna' })];
    const outBig = publishedRows(counted(big))[Symbol.asyncIterator]();
    await outBig.next();
    expect(pulled).toBe(5);
    for (let n = 1; n < 600; n++) await outBig.next();
    expect(pulled).toBe(600);

    pulled = 0;
    const small = [...Array.from({ length: 4 }, () => row({ district: 'sylhet' })), row({ district: 'khulna' })];
    const outSmall = publishedRows(counted(small))[Symbol.asyncIterator]();
    expect((await outSmall.next()).value).toEqual({ row: { ...small[0], district: null }, withheld: true });
    expect(pulled).toBe(5);
  });
});

describe('the months a run rebuilds', () => {
  it('are three, newest first, from the month that ended a month before (its deadlines all passed), across a year', () => {
    expect(monthsToRebuild(new Date('2026-01-15T00:00:00Z'))).toEqual(['2025-11', '2025-10', '2025-09']);
    expect(monthsToRebuild(new Date('2026-12-02T00:00:00Z'))).toEqual(['2026-10', '2026-09', '2026-08']);
  });
});

/** Files kept in memory, as S3 would keep them once finished; a sink aborted keeps nothing. */
const memoryFiles = () => {
  const stored = new Map<string, { body: string; contentType: string }>();
  const aborted: string[] = [];
  const files: OpenDataFiles = {
    create(key, contentType): FileSink {
      let body = '';
      return {
        write: async (text) => {
          body += text;
        },
        finish: async () => {
          stored.set(key, { body, contentType });
          return Buffer.byteLength(body);
        },
        abort: async () => {
          aborted.push(key);
        },
      };
    },
    readIndex: async (key) => (stored.has(key) ? (JSON.parse(stored.get(key)!.body) as OpenDataIndex) : undefined),
    writeJson: async (key, value) => {
      stored.set(key, { body: JSON.stringify(value), contentType: 'application/json' });
    },
  };
  return { files, stored, aborted };
};

const monthRows: Record<string, OpenDataRow[]> = {
  '2026-10': [
    ...Array.from({ length: 5 }, () => row({ district: 'dhaka' })),
    row({ district: 'khulna', outcome: 'UPHELD', daysToResolution: 20, paymentMethod: null }),
  ],
  '2026-09': [row({ monthFiled: '2026-09', district: 'dhaka' })],
  '2026-08': [],
};

describe('building the open-data files', () => {
  const rows = { rowsOf: (month: string) => streamOf(monthRows[month] ?? []) };

  it('writes each month’s CSV and JSON with the same rows, the districts withheld, and lists it in the index', async () => {
    const { files, stored } = memoryFiles();
    const build = buildOpenDataUseCase({ rows, files, clock: fixedClock('2026-12-02T00:00:00.000Z') });
    const result = await build(() => true);
    expect(result.built.map(({ month, rows: count, districtsWithheld }) => [month, count, districtsWithheld])).toEqual([
      ['2026-10', 6, 1],
      ['2026-09', 1, 1],
      ['2026-08', 0, 0],
    ]);
    const csv = stored.get(openDataPaths.file('2026-10', 'csv'))!;
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(openDataColumns.join(','));
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe('2026-10,demo-bazaar,NOT_DELIVERED,BKASH,REFUND,OPEN,,,,dhaka');
    expect(lines[6]).toBe('2026-10,demo-bazaar,NOT_DELIVERED,,REFUND,UPHELD,,,20,');
    const json = JSON.parse(stored.get(openDataPaths.file('2026-10', 'json'))!.body) as OpenDataRow[];
    expect(json).toHaveLength(6);
    expect(json[5]).toEqual({ ...monthRows['2026-10']![5], district: null });
    expect(JSON.parse(stored.get(openDataPaths.file('2026-08', 'json'))!.body)).toEqual([]);
    const index = JSON.parse(stored.get(openDataPaths.index)!.body) as OpenDataIndex;
    expect(index.months.map((month) => month.month)).toEqual(['2026-10', '2026-09', '2026-08']);
    expect(index.months[0]).toMatchObject({
      rows: 6,
      builtAt: '2026-12-02T00:00:00.000Z',
      csv: { path: '/open-data/complaints/2026-10.csv', bytes: Buffer.byteLength(csv.body) },
    });
    expect(JSON.parse(stored.get(openDataPaths.dictionary)!.body)).toEqual(
      JSON.parse(JSON.stringify(openDataDictionary)),
    );
  });

  it('replaces a rebuilt month in the index and keeps the older ones', async () => {
    const { files, stored } = memoryFiles();
    await buildOpenDataUseCase({ rows, files, clock: fixedClock('2026-12-02T00:00:00.000Z') })(() => true);
    monthRows['2026-10']!.splice(5, 0, row());
    try {
      await buildOpenDataUseCase({ rows, files, clock: fixedClock('2027-01-02T00:00:00.000Z') })(() => true);
    } finally {
      monthRows['2026-10']!.splice(5, 1);
    }
    const index = JSON.parse(stored.get(openDataPaths.index)!.body) as OpenDataIndex;
    expect(index.months.map((month) => [month.month, month.rows])).toEqual([
      ['2026-11', 0],
      ['2026-10', 7],
      ['2026-09', 1],
      ['2026-08', 0],
    ]);
  });

  it('leaves the months it has no time for to the next run, and names them', async () => {
    const { files, stored } = memoryFiles();
    let budget = 1;
    const result = await buildOpenDataUseCase({ rows, files, clock: fixedClock('2026-12-02T00:00:00.000Z') })(
      () => budget-- > 0,
      ['2026-10', '2026-09'],
    );
    expect(result.built.map((month) => month.month)).toEqual(['2026-10']);
    expect(result.left).toEqual(['2026-09']);
    expect(stored.has(openDataPaths.file('2026-09', 'csv'))).toBe(false);
  });

  it('refuses a month whose deadlines may still be running, and builds nothing', async () => {
    const { files, stored } = memoryFiles();
    const build = buildOpenDataUseCase({ rows, files, clock: fixedClock('2026-12-02T00:00:00.000Z') });
    await expect(build(() => true, ['2026-10', '2026-11'])).rejects.toThrow('Too early to publish 2026-11');
    await expect(build(() => true, ['2027-03'])).rejects.toThrow(/Too early/);
    expect(stored.size).toBe(0);
  });

  it('aborts both files of a month whose rows fail to read, and publishes nothing of it', async () => {
    const { files, stored, aborted } = memoryFiles();
    const failing = {
      async *rowsOf() {
        yield* Array.from({ length: 6 }, () => row());
        throw new Error('ProvisionedThroughputExceededException');
      },
    };
    const build = buildOpenDataUseCase({ rows: failing, files, clock: fixedClock('2026-12-02T00:00:00.000Z') });
    await expect(build(() => true, ['2026-10'])).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(aborted.sort()).toEqual([openDataPaths.file('2026-10', 'csv'), openDataPaths.file('2026-10', 'json')]);
    expect(stored.size).toBe(0);
  });
});
