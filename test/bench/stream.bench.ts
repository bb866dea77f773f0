/**
 * `npm run bench` (stream): how fast the local table stream hands complaint changes to the change
 * consumer, on a backlog: 100 complaints filed by 100 concurrent clients while the stream is
 * paused (POST /__local/stream), then timed from the resume until the last change has been handed
 * off, those the consumer's own work makes (each complaint's first timer fires at once and hands it
 * to the merchant) included. Budget: at least 100 changes a second on this machine. Every item the
 * table writes is a change of the stream; the consumer acts on the complaints' own.
 */
import { expect, it } from 'vitest';
import { complaintBody, statusBecomes } from '../integration/complaints';
import { eventually, freshPhone, request, signInVerified } from '../integration/http';
import { addRows, smoke } from './report';

const filings = smoke ? 20 : 100;
const budgetPerSecond = 100;

/** Changes handed to the change consumer so far (the counting consumer reads the same stream on its own). */
const delivered = async () =>
  ((await request('GET', '/__local/usage')).body as { stream: { onComplaintChange: { changesDelivered: number } } })
    .stream.onComplaintChange.changesDelivered;
const transactionConflicts = async () =>
  ((await request('GET', '/__local/dynamodb')).body as { transactionConflicts: number }).transactionConflicts;
const pause = async (paused: boolean) =>
  expect((await request('POST', '/__local/stream', { paused })).status).toBe(200);

it(`hands off the changes of ${filings} concurrent filings at least ${budgetPerSecond} a second`, async () => {
  const sessions = await Promise.all(Array.from({ length: 20 }, () => signInVerified(freshPhone())));
  await pause(true);
  const before = await delivered();
  let trackingNumbers: string[];
  try {
    const filed = await Promise.all(
      Array.from({ length: filings }, (_, n) =>
        request(
          'POST',
          '/v1/complaints',
          { ...complaintBody, orderRef: `STREAM-${Date.now()}-${n}` },
          sessions[n % 20],
        ),
      ),
    );
    expect(filed.filter((answer) => answer.status !== 201).map((answer) => answer.body)).toEqual([]);
    trackingNumbers = filed.map((answer) => answer.body.trackingNumber as string);
    expect(await delivered()).toBe(before);
  } finally {
    await pause(false);
  }
  const conflictsBefore = await transactionConflicts();
  const resumed = performance.now();

  // The time of the last hand-off: the count is sampled every 20 ms until every complaint has reached its merchant and it stops moving.
  let last = { count: before, at: resumed };
  let sampling = true;
  const sample = async () => {
    const count = await delivered();
    if (count !== last.count) last = { count, at: performance.now() };
    return count;
  };
  const sampler = eventually(sample, () => !sampling, { everyMs: 20, timeoutMs: 300_000, what: 'the sampling to end' });
  for (const trackingNumber of trackingNumbers) {
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT', 120_000)).toBe('AWAITING_MERCHANT');
  }
  await eventually(sample, () => performance.now() - last.at > 1_000, { everyMs: 20, what: 'the stream to go quiet' });
  sampling = false;
  await sampler;

  const changes = last.count - before;
  const conflicts = (await transactionConflicts()) - conflictsBefore;
  const perSecond = changes / ((last.at - resumed) / 1000);
  addRows([
    {
      section: 'stream',
      subject: `changes handed to the change consumer a second: a backlog of ${filings} filings`,
      measured: `${perSecond.toFixed(0)}/s (${changes} changes; ${conflicts} transactions cancelled for a conflict)`,
      floor: `${budgetPerSecond}/s (budget)`,
      versus: perSecond >= budgetPerSecond ? 'within budget' : 'missed',
      how: 'the stream paused while 100 clients file at once, then timed from the resume to its last hand-off (GET /__local/usage: stream.changesDelivered)',
    },
  ]);
  // Every filing's change and its merchant hand-off: at least two changes a complaint.
  expect(changes).toBeGreaterThanOrEqual(2 * filings);
});
