/**
 * Open data by complaint: each month's file of one row per complaint filed in it (CSV and JSON,
 * with a data dictionary), as the Brazilian and US complaint systems publish theirs. A row holds
 * the structured facts only: the merchant, category, payment method, remedy sought, outcome, and
 * how long the first response and the resolution took, in whole days. No tracking number, no free
 * text, no name, phone or email, and no date finer than the month filed. The district is left
 * blank where fewer than 5 complaints of the month share the merchant, category and district: a
 * shop with one buyer in a district would otherwise point at that buyer.
 *
 * Each complaint item carries its row (`openDataRowOf`), and an index of its own holds the rows
 * only, by month filed, group by group: the file's builder reads nothing else of a complaint, once,
 * and holds at most 4 rows.
 */
import type { Complaint } from './complaint';
import { csvLine } from './exports';

export const outcomes = [
  'OPEN',
  'CONFIRMED',
  'AUTOMATIC',
  'ESCALATED',
  'UPHELD',
  'DISMISSED',
  'REFERRED',
  'WITHDRAWN',
  'CLOSED',
] as const;
export type Outcome = (typeof outcomes)[number];

/** A published row. `null` is a blank: not known yet, not given, or (the district) withheld. */
export interface OpenDataRow {
  monthFiled: string;
  merchantId: string;
  category: string;
  paymentMethod: string | null;
  remedySought: string;
  outcome: Outcome;
  timelyFirstResponse: boolean | null;
  daysToFirstResponse: number | null;
  daysToResolution: number | null;
  district: string | null;
}

export const openDataColumns = [
  'monthFiled',
  'merchantId',
  'category',
  'paymentMethod',
  'remedySought',
  'outcome',
  'timelyFirstResponse',
  'daysToFirstResponse',
  'daysToResolution',
  'district',
] as const satisfies readonly (keyof OpenDataRow)[];

/** Fewer complaints than this sharing merchant, category, month and district: the district is left blank. */
export const districtSuppressionBelow = 5;

/**
 * Each month's run (on the 2nd, UTC) builds the month that ended a month before and rebuilds the
 * two before it, whose outcomes still move: a month is first published once every merchant
 * deadline in it has passed, and files a month apart tell no date finer than the month.
 */
export const rebuiltMonths = 3;
export const firstPublishedMonthsAfter = 1;

/** Ids: months in `YYYY-MM`. */
export const openDataMonthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Where the files are: one path under the site, stable from month to month. */
export const openDataPaths = {
  prefix: 'open-data/complaints/',
  file: (month: string, format: 'csv' | 'json') => `open-data/complaints/${month}.${format}`,
  dictionary: 'open-data/complaints/dictionary.json',
  index: 'open-data/complaints/index.json',
} as const;

const dayMs = 86_400_000;
const wholeDays = (from: string, to: string | undefined) =>
  to === undefined ? null : Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / dayMs));

type RowSource = Pick<
  Complaint,
  | 'merchantId'
  | 'category'
  | 'paymentMethod'
  | 'remedySought'
  | 'deliveryDistrict'
  | 'status'
  | 'filedAt'
  | 'firstResponseAt'
  | 'firstResponseInTime'
  | 'settledKind'
  | 'firstSettledAt'
  | 'decision'
>;

/** Statuses in which a complaint stands settled (a reopened one is back with the merchant, whatever it was before). */
const settledStatuses = new Set(['SETTLED', 'AUTO_SETTLED', 'CLOSED']);

const outcomeOf = (complaint: RowSource): Outcome => {
  if (complaint.decision) return complaint.decision.outcome;
  if (complaint.status === 'WITHDRAWN') return 'WITHDRAWN';
  if (complaint.status === 'ESCALATED') return 'ESCALATED';
  if (!settledStatuses.has(complaint.status)) return 'OPEN';
  if (complaint.settledKind === 'CONFIRMED') return 'CONFIRMED';
  if (complaint.settledKind === 'AUTO') return 'AUTOMATIC';
  return 'CLOSED';
};

/**
 * Whether the first response came in time: yes or no once it came; no when the complaint reached
 * the regulator without one (its deadline passed); blank otherwise (none yet, or withdrawn before one).
 */
const timelinessOf = (complaint: RowSource): boolean | null => {
  if (complaint.firstResponseAt) return complaint.firstResponseInTime === true;
  return complaint.status === 'ESCALATED' || complaint.decision ? false : null;
};

/** A complaint's row, before the district rule (which needs the whole month). */
export const openDataRowOf = (complaint: RowSource): OpenDataRow => ({
  monthFiled: complaint.filedAt.slice(0, 7),
  merchantId: complaint.merchantId,
  category: complaint.category,
  paymentMethod: complaint.paymentMethod ?? null,
  remedySought: complaint.remedySought,
  outcome: outcomeOf(complaint),
  timelyFirstResponse: timelinessOf(complaint),
  daysToFirstResponse: wholeDays(complaint.filedAt, complaint.firstResponseAt),
  daysToResolution: wholeDays(complaint.filedAt, complaint.firstSettledAt ?? complaint.decision?.decidedAt),
  district: complaint.deliveryDistrict ?? null,
});

const sameGroup = (a: OpenDataRow, b: OpenDataRow) =>
  a.merchantId === b.merchantId && a.category === b.category && a.district === b.district;
const sameBlock = (a: OpenDataRow, b: OpenDataRow) => a.merchantId === b.merchantId && a.category === b.category;

/** At most this many rows wait at once: a group's first 4, and the withheld rows of one merchant and category's 64 districts. */
export const rowsHeldAtMost = (districtSuppressionBelow - 1) * 65;

/**
 * The rows as published, with the district rule applied, from rows that arrive group by group
 * (merchant, category and district together, in that order, as the index gives them). A group's
 * first 4 rows wait until the 5th shows the group is big enough, or its end shows it is not. The
 * rows withheld wait too, until their merchant and category end: written in their district's place
 * they would name it by the districts around them. So a withheld row says only that its group was small.
 */
export async function* publishedRows(
  rows: AsyncIterable<OpenDataRow>,
): AsyncIterable<{ row: OpenDataRow; withheld: boolean }> {
  let group: OpenDataRow | undefined;
  let read = 0;
  let waiting: OpenDataRow[] = [];
  let withheld: OpenDataRow[] = [];
  /** A group ended with fewer than 5: its rows join the block's withheld, their district blank. */
  const endGroup = () => {
    withheld.push(...waiting);
    waiting = [];
  };
  const releaseWithheld = function* () {
    for (const row of withheld)
      yield row.district === null ? { row, withheld: false } : { row: { ...row, district: null }, withheld: true };
    withheld = [];
  };
  for await (const row of rows) {
    if (!group || !sameGroup(group, row)) {
      endGroup();
      if (group && !sameBlock(group, row)) yield* releaseWithheld();
      group = row;
      read = 0;
    }
    read++;
    if (read < districtSuppressionBelow) waiting.push(row);
    else {
      // Big enough: what waited goes out as it is, and so does the rest of the group.
      for (const kept of waiting) yield { row: kept, withheld: false };
      waiting = [];
      yield { row, withheld: false };
    }
  }
  endGroup();
  yield* releaseWithheld();
}

export const csvHeaderRow = () => `\ufeff${csvLine(openDataColumns)}`;

export const csvRow = (row: OpenDataRow) =>
  csvLine(openDataColumns.map((column) => (row[column] === null ? undefined : String(row[column]))));

/** A JSON array, one row to a line: a reader may parse it whole or line by line. */
export const jsonRow = (row: OpenDataRow, first: boolean) => `${first ? '[\n' : ',\n'}${JSON.stringify(row)}`;
export const jsonEnd = (rows: number) => (rows === 0 ? '[]\n' : '\n]\n');

/** What the month's files hold, as the index lists them. */
export interface PublishedMonth {
  month: string;
  rows: number;
  districtsWithheld: number;
  builtAt: string;
  csv: { path: string; bytes: number };
  json: { path: string; bytes: number };
}

export interface OpenDataIndex {
  dictionary: string;
  months: PublishedMonth[];
}

/** The index with a month rebuilt: newest month first, each month once. */
export const withMonth = (index: OpenDataIndex | undefined, month: PublishedMonth): OpenDataIndex => ({
  dictionary: `/${openDataPaths.dictionary}`,
  months: [...(index?.months ?? []).filter((kept) => kept.month !== month.month), month].sort((a, b) =>
    b.month.localeCompare(a.month),
  ),
});

const monthBefore = (at: Date, back: number) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back, 1)).toISOString().slice(0, 7);

/** The months a run builds, newest first: `rebuiltMonths` of them, ending a month before the last ended one (UTC, as the counters count). */
export const monthsToRebuild = (at: Date): string[] =>
  Array.from({ length: rebuiltMonths }, (_, back) => monthBefore(at, 1 + firstPublishedMonthsAfter + back));

/** Whether a month may be published at `at`: not one whose merchant deadlines may still be running. */
export const isPublishable = (month: string, at: Date) => month <= monthBefore(at, 1 + firstPublishedMonthsAfter);

const describe = (bn: string, en: string) => ({ bn, en });

/** The data dictionary, published beside the files. */
export const openDataDictionary = {
  title: describe('অভিযোগভিত্তিক উন্মুক্ত তথ্য', 'Open data by complaint'),
  description: describe(
    'প্রতি মাসে দায়ের হওয়া প্রতিটি অভিযোগের এক সারি। কোনো নাম, ফোন, ইমেইল, ট্র্যাকিং নম্বর বা লেখা নেই; মাসের চেয়ে সূক্ষ্ম কোনো তারিখ নেই। একই মাসে একই ব্যবসা, ধরন ও জেলার অভিযোগ ৫টির কম হলে জেলা ফাঁকা থাকে, এবং সেই সারিগুলো ব্যবসা ও ধরনের শেষে থাকে। মাস শেষ হওয়ার এক মাস পরে ফাইল প্রকাশিত হয়, এবং ফলাফল বদলায় বলে পরের দুই মাস প্রতি মাসে নতুন করে তৈরি হয়।',
    'One row per complaint filed in the month. No name, phone, email, tracking number or free text, and no date finer than the month. The district is blank where fewer than 5 complaints of the month share the merchant, category and district, and those rows come last among their merchant and category’s. A month is published a month after it ends, and rebuilt each month for two more, as outcomes still change.',
  ),
  formats: describe(
    'CSV (UTF-8, প্রথম সারিতে কলামের নাম) এবং JSON (সারির একটি অ্যারে, প্রতি লাইনে একটি)। ফাঁকা মান JSON-এ null।',
    'CSV (UTF-8, column names in the first row) and JSON (an array of rows, one to a line). A blank is null in JSON.',
  ),
  columns: [
    {
      name: 'monthFiled',
      type: 'string (YYYY-MM)',
      description: describe('যে মাসে অভিযোগ দায়ের হয়েছে (UTC)', 'The month the complaint was filed (UTC)'),
    },
    {
      name: 'merchantId',
      type: 'string',
      description: describe(
        'ব্যবসার আইডি; /v1/public/merchants/{merchantId}/stats এ তার বিবরণ',
        'The merchant’s id; its record is at /v1/public/merchants/{merchantId}/stats',
      ),
    },
    {
      name: 'category',
      type: 'string',
      description: describe('অভিযোগের ধরন; /v1/categories এ তালিকা', 'The kind of complaint; listed at /v1/categories'),
    },
    {
      name: 'paymentMethod',
      type: 'string or blank',
      values: ['CASH_ON_DELIVERY', 'BKASH', 'NAGAD', 'ROCKET', 'CARD', 'BANK', 'OTHER'],
      description: describe('কীভাবে মূল্য পরিশোধ করা হয়েছিল; না জানালে ফাঁকা', 'How the order was paid; blank if not given'),
    },
    {
      name: 'remedySought',
      type: 'string',
      values: ['REFUND', 'REPLACEMENT', 'REPAIR', 'DELIVERY', 'COMPENSATION', 'OTHER'],
      description: describe('ভোক্তা যা চেয়েছেন', 'What the consumer asked for'),
    },
    {
      name: 'outcome',
      type: 'string',
      values: [...outcomes],
      description: describe(
        'ফাইল তৈরির সময়ের অবস্থা: OPEN ব্যবসার কাছে চলমান; CONFIRMED ভোক্তা নিষ্পত্তি নিশ্চিত করেছেন; AUTOMATIC ভোক্তা সাড়া না দেওয়ায় স্বয়ংক্রিয় নিষ্পত্তি; ESCALATED নিয়ন্ত্রকের কাছে, সিদ্ধান্তের অপেক্ষায়; UPHELD, DISMISSED, REFERRED নিয়ন্ত্রকের সিদ্ধান্ত (অভিযোগ গৃহীত, খারিজ, অন্য সংস্থায় পাঠানো); WITHDRAWN ভোক্তা প্রত্যাহার করেছেন; CLOSED অন্যভাবে বন্ধ',
        'As it stood when the file was built: OPEN still with the merchant; CONFIRMED settled, as the consumer confirmed; AUTOMATIC settled automatically when the consumer did not answer; ESCALATED with the regulator, awaiting a decision; UPHELD, DISMISSED, REFERRED the regulator’s decision; WITHDRAWN withdrawn by the consumer; CLOSED closed otherwise',
      ),
    },
    {
      name: 'timelyFirstResponse',
      type: 'boolean or blank',
      description: describe(
        'ব্যবসার প্রথম সাড়া (স্বীকৃতি, উত্তর বা প্রস্তাব) সময়সীমার মধ্যে এসেছে কি না; সাড়া ছাড়াই নিয়ন্ত্রকের কাছে গেলে false; অন্যভাবে সাড়া না এলে (তার আগে প্রত্যাহার, বা এখনও নয়) ফাঁকা',
        'Whether the merchant’s first response (an acknowledgement, reply or proposal) came before its deadline; false if the complaint reached the regulator without one; blank if none came otherwise (withdrawn before one, or not yet)',
      ),
    },
    {
      name: 'daysToFirstResponse',
      type: 'whole number or blank',
      description: describe(
        'দায়ের থেকে প্রথম সাড়া পর্যন্ত পূর্ণ দিন; সাড়া না এলে ফাঁকা',
        'Whole days from filing to the first response; blank if none came',
      ),
    },
    {
      name: 'daysToResolution',
      type: 'whole number or blank',
      description: describe(
        'দায়ের থেকে প্রথম নিষ্পত্তি বা নিয়ন্ত্রকের সিদ্ধান্ত পর্যন্ত পূর্ণ দিন; না হলে ফাঁকা',
        'Whole days from filing to the first settlement or the regulator’s decision; blank if neither came',
      ),
    },
    {
      name: 'district',
      type: 'string or blank',
      description: describe(
        'ডেলিভারির জেলা; না জানালে, অথবা একই মাসে একই ব্যবসা, ধরন ও জেলার অভিযোগ ৫টির কম হলে ফাঁকা',
        'The delivery district; blank if not given, or where fewer than 5 complaints of the month share the merchant, category and district',
      ),
    },
  ],
} as const;
