/**
 * Open data by complaint, end to end: complaints filed with distinctive names, phones, emails and
 * free text; the scheduled build; the month's CSV, JSON, dictionary and index read through the
 * site's /open-data/ path as a data user reads them; the district rule; and no personal data.
 */
import { describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localTableName } from '../../local/dynamodb';
import { openDataPartition, openDataShardOf, openDataSortKey } from '../../functions/adapters/table-design';
import { escalatedComplaint, fileComplaint, localTable, onboardMerchant } from './complaints';
import { advanceClock, request, syncClock } from './http';

const distinctive = {
  complainantName: 'Nilufar Filerow-Yasmin',
  email: 'nilufar.filerow@example.com',
  description: 'The fan marked QX-FILEROW-5519 never came and the seller blocked me.',
};

interface Row {
  monthFiled: string;
  merchantId: string;
  district: string | null;
  outcome: string;
  timelyFirstResponse: boolean | null;
  paymentMethod: string | null;
}

const csvRows = (text: string): Row[] => {
  const [header, ...lines] = text
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n');
  const columns = header!.split(',');
  return lines.map((line) => {
    const values = line.split(',');
    return Object.fromEntries(columns.map((column, at) => [column, values[at] === '' ? null : values[at]])) as never;
  });
};

describe('open data by complaint', () => {
  it('publishes the month’s complaints as CSV and JSON under /open-data/, with the district rule and no personal data', {
    timeout: 240_000,
  }, async () => {
    await syncClock();
    const { merchantId, merchantKey } = await onboardMerchant('odfiles');
    const filed = [];
    // Five in Dhaka (the district shows), one in Sylhet (fewer than 5: withheld), one of them escalated.
    for (let i = 0; i < 6; i++) {
      const overrides = {
        merchantId,
        ...distinctive,
        category: 'NOT_DELIVERED',
        deliveryDistrict: i === 5 ? 'sylhet' : 'dhaka',
      };
      filed.push(await (i === 0 ? escalatedComplaint : fileComplaint)(overrides, merchantKey));
    }
    const filedAt = new Date((await request('GET', '/__local/clock')).body.now as string);
    const month = filedAt.toISOString().slice(0, 7);
    // What the builder reads holds the row and the keys, nothing else of the complaint.
    const { trackingNumber } = filed[0]!;
    const indexed = await localTable().send(
      new QueryCommand({
        TableName: localTableName,
        IndexName: 'openDataByMonth',
        KeyConditionExpression: 'gsi7pk = :pk AND gsi7sk = :sk',
        ExpressionAttributeValues: {
          ':pk': openDataPartition(month, openDataShardOf(merchantId)),
          ':sk': openDataSortKey({ merchantId, category: 'NOT_DELIVERED', district: 'dhaka' }, trackingNumber),
        },
      }),
    );
    expect(Object.keys(indexed.Items![0]!).sort()).toEqual(['gsi7pk', 'gsi7sk', 'openData', 'pk', 'sk']);
    expect(indexed.Items![0]!.openData).toMatchObject({ merchantId, outcome: 'ESCALATED' });

    // Too early: the month's merchant deadlines may still be running, and outcomes would tell when in it each came.
    const early = await request('POST', '/__local/schedules/buildOpenData', { months: [month] });
    expect(early.status).toBe(502);
    expect(early.body.error.message).toMatch(`Too early to publish ${month}`);
    // The 2nd of the month after next: the month is publishable, and every deadline in it has passed.
    const publishable = Date.UTC(filedAt.getUTCFullYear(), filedAt.getUTCMonth() + 2, 2);
    await advanceClock(`PT${Math.ceil((publishable - filedAt.getTime()) / 3_600_000)}H`);
    const run = await request('POST', '/__local/schedules/buildOpenData', { months: [month] });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.left).toEqual([]);
    expect(run.body.built[0]).toMatchObject({ month, csv: { path: `/open-data/complaints/${month}.csv` } });

    const index = await request('GET', '/open-data/complaints/index.json');
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(index.body.dictionary).toBe('/open-data/complaints/dictionary.json');
    expect(index.body.months.find((each: { month: string }) => each.month === month)).toEqual(run.body.built[0]);

    const [csv, json, dictionary] = await Promise.all([
      request('GET', `/open-data/complaints/${month}.csv`),
      request('GET', `/open-data/complaints/${month}.json`),
      request('GET', '/open-data/complaints/dictionary.json'),
    ]);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(json.status).toBe(200);
    expect(dictionary.body.columns.map((column: { name: string }) => column.name)).toContain('timelyFirstResponse');
    expect(dictionary.body.title.bn).toBe('অভিযোগভিত্তিক উন্মুক্ত তথ্য');

    const fromCsv = csvRows(String(csv.body)).filter((row) => row.merchantId === merchantId);
    const fromJson = (json.body as Row[]).filter((row) => row.merchantId === merchantId);
    expect(fromJson).toHaveLength(6);
    expect(csvRows(String(csv.body))).toHaveLength((json.body as Row[]).length);
    expect(fromCsv.map((row) => [row.district, row.outcome])).toEqual(
      fromJson.map((row) => [row.district, row.outcome]),
    );
    expect(fromJson.filter((row) => row.district === 'dhaka')).toHaveLength(5);
    expect(fromJson.filter((row) => row.district === null)).toHaveLength(1);
    // One escalated at once after a timely proposal; the five the merchant never answered, when their deadline passed.
    expect(fromJson.every((row) => row.outcome === 'ESCALATED' && row.monthFiled === month)).toBe(true);
    expect(fromJson.filter((row) => row.timelyFirstResponse === true)).toEqual([
      expect.objectContaining({ paymentMethod: 'BKASH' }),
    ]);
    expect(fromJson.filter((row) => row.timelyFirstResponse === false)).toHaveLength(5);

    // Nothing personal, no tracking number and no date finer than the month, in either file.
    for (const text of [String(csv.body), JSON.stringify(json.body)]) {
      for (const personal of [
        distinctive.complainantName,
        distinctive.email,
        'QX-FILEROW',
        'Nilufar',
        ...filed.flatMap((complaint) => [complaint.phone, complaint.phone.slice(4), complaint.trackingNumber]),
      ])
        expect(text).not.toContain(personal);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }

    // A month never built is not there: S3 does not say which keys exist (CloudFront passes its 403 on).
    expect((await request('GET', '/open-data/complaints/1999-01.csv')).status).toBe(403);
    // Nothing outside the open-data files, however the path is spelled.
    const evidence = `/open-data/..%2F..%2Fccms-local-evidence%2Fcomplaints%2F${trackingNumber}`;
    for (const path of [evidence, '/open-data/complaints/..%2Findex.json', '/open-data/complaints/%2e%2e/x.csv'])
      expect((await request('GET', path)).status, path).toBe(403);
    // A month the operator names that is not a month: the build refuses it and builds nothing.
    const refused = await request('POST', '/__local/schedules/buildOpenData', { months: ['../evidence'] });
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toMatch(/YYYY-MM/);
    expect((await request('GET', '/open-data/complaints/index.json')).body).toEqual(index.body);
  });
});
