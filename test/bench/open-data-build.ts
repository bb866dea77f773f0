/**
 * One month's open-data build over generated rows, in a process of its own so that its peak memory
 * (maxRSS) is the build's alone: `node --import tsx/esm test/bench/open-data-build.ts <rows>`.
 * The rows stream from a generator (a month of a busy platform: 2,000 merchants, most complaints at
 * a few large ones, every category and district), group by group as the index gives them; the files
 * go through the real multipart sink (8 MB parts) to an S3 client that counts the bytes and keeps
 * none. Prints the figures as one JSON line.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { categoryIds } from '../../functions/domain/categories';
import { districtIds } from '../../functions/domain/districts';
import { outcomes, type OpenDataRow } from '../../functions/domain/open-data';
import { MultipartSink } from '../../functions/adapters/s3-export-files';
import { buildOpenDataUseCase } from '../../functions/public/open-data-use-cases';
import { fixedClock } from '../../functions/domain/clock';

const rows = Number(process.argv[2] ?? 1_000_000);
const month = '2026-10';
const payments = ['CASH_ON_DELIVERY', 'BKASH', 'NAGAD', 'ROCKET', 'CARD', 'BANK', null];
const remedies = ['REFUND', 'REPLACEMENT', 'REPAIR', 'DELIVERY', 'COMPENSATION', 'OTHER'];

/** Zipf-like weights over n: the first few take most. */
const weights = (n: number, exponent: number) => {
  const raw = Array.from({ length: n }, (_, at) => 1 / (at + 1) ** exponent);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((weight) => weight / sum);
};

/**
 * About `rows` rows from a seeded generator (mulberry32), in the index's order: merchant by
 * merchant, category by category, district by district, each group's size drawn around its
 * expected share (most complaints at a few shops, in a few districts; many small groups).
 */
async function* generated(): AsyncIterable<OpenDataRow> {
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const merchantShare = weights(2_000, 0.8);
  const categoryShare = weights(categoryIds.length, 1);
  const districtShare = weights(districtIds.length, 1.2);
  let emitted = 0;
  for (const [merchant, merchantWeight] of merchantShare.entries())
    for (const [category, categoryWeight] of categoryShare.entries())
      for (const [district, districtWeight] of districtShare.entries()) {
        const size = Math.floor(rows * 1.01 * merchantWeight * categoryWeight * districtWeight + random());
        for (let n = 0; n < size && emitted < rows; n++, emitted++) {
          const answered = random() < 0.8;
          yield {
            monthFiled: month,
            merchantId: `shop-${String(merchant).padStart(4, '0')}`,
            category: categoryIds[category]!,
            paymentMethod: pick(payments),
            remedySought: pick(remedies),
            outcome: pick(outcomes),
            timelyFirstResponse: answered ? random() < 0.7 : null,
            daysToFirstResponse: answered ? Math.floor(random() * 10) : null,
            daysToResolution: random() < 0.6 ? Math.floor(random() * 40) : null,
            district: districtIds[district]!,
          };
        }
      }
}

const uploaded = { bytes: 0, parts: 0 };
const countingS3 = {
  send: async (command: { input: { Body?: Buffer } }) => {
    if (command.input.Body) {
      uploaded.bytes += command.input.Body.length;
      uploaded.parts++;
    }
    return { UploadId: 'bench', ETag: `"${uploaded.parts}"` };
  },
} as unknown as S3Client;

const started = performance.now();
const build = buildOpenDataUseCase({
  rows: { rowsOf: () => generated() },
  files: {
    create: (key, contentType) => new MultipartSink(countingS3, 'bench', key, { ContentType: contentType }),
    readIndex: async () => undefined,
    writeJson: async () => {},
  },
  clock: fixedClock('2026-12-02T00:00:00.000Z'),
});
const { built } = await build(() => true, [month]);
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    rows: built[0]!.rows,
    districtsWithheld: built[0]!.districtsWithheld,
    csvBytes: built[0]!.csv.bytes,
    jsonBytes: built[0]!.json.bytes,
    uploadedBytes: uploaded.bytes,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
