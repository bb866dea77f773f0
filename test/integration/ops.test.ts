/**
 * The operators' tools (`npm run ops`, ops/), run as an operator runs them, against the local
 * cloud: its set-aside queues, stream, Lambda Invoke and Step Functions speak the AWS APIs the
 * tools use in AWS (local/ops-services.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tableKeyPrefixes } from '../../functions/adapters/table-design';
import { clientConfig, type OpsResources } from '../../ops/resources';
import { complaintBody, deadLetters, statusBecomes, timelineActions } from './complaints';
import { advanceClock, baseUrl, eventually, executions, freshPhone, request, signInVerified } from './http';

afterEach(async () => {
  await request('POST', '/__local/faults', { clear: true });
});

const root = path.join(import.meta.dirname, '..', '..');
/** `npm run ops -- <args> --local <this cloud>`, as an operator types it; answers its exit code and output. */
const ops = (...args: string[]) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'ops', '--', ...args, '--local', baseUrl()], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
const resources = async () => (await request('GET', '/__local/resources')).body as OpsResources;

/** A complaint just filed, with the merchant now, and its consumer's session. */
const awaitingMerchant = async () => {
  const session = await signInVerified(freshPhone());
  const filed = await request('POST', '/v1/complaints', complaintBody, session);
  const trackingNumber = filed.body.trackingNumber as string;
  expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
  return { session, trackingNumber };
};

describe('npm run ops -- rearm', () => {
  it('gives a complaint whose timer execution was stopped a fresh one, which fires when due; a second rearm finds it waiting', {
    timeout: 120_000,
  }, async () => {
    const { trackingNumber } = await awaitingMerchant();
    const [waiting] = await eventually(
      () => executions(`${trackingNumber}-`, 'RUNNING'),
      (running) => running.length === 1,
      { what: `the reminder timer of ${trackingNumber}` },
    );
    // Lost, as an execution stopped by hand or failed would be.
    const sfn = new SFNClient(clientConfig(await resources(), 'sfn'));
    await sfn.send(new StopExecutionCommand({ executionArn: waiting!.executionArn, cause: 'lost' }));
    await eventually(
      () => executions(`${trackingNumber}-`, 'RUNNING'),
      (running) => running.length === 0,
    );

    const rearmed = await ops('rearm', trackingNumber, 'NO-SUCH-COMPLAINT');
    expect(rearmed.output).toContain(`${trackingNumber}: re-armed as ${waiting!.name}-r1`);
    expect(rearmed.output).toContain('NO-SUCH-COMPLAINT: no such complaint');
    expect(rearmed.code).toBe(1);
    const again = await ops('rearm', trackingNumber);
    expect(again.output).toContain(`${trackingNumber}: already waiting in ${waiting!.name}-r1`);
    expect(again.code).toBe(0);

    await advanceClock('PT73H');
    const timeline = await eventually(
      () => timelineActions(trackingNumber),
      (actions) => actions.includes('REMIND_MERCHANT'),
      { what: `the re-armed reminder of ${trackingNumber} to fire` },
    );
    expect(timeline.filter((action) => action === 'REMIND_MERCHANT')).toHaveLength(1);
  });
});

describe('the sweeper (sweepTimers, every 15 minutes)', () => {
  it('finds a complaint whose timer execution was deleted once the timer is overdue, and rearms it; it fires once', {
    timeout: 120_000,
  }, async () => {
    const { trackingNumber } = await awaitingMerchant();
    const [waiting] = await eventually(
      () => executions(`${trackingNumber}-`, 'RUNNING'),
      (running) => running.length === 1,
      { what: `the reminder timer of ${trackingNumber}` },
    );
    const sfn = new SFNClient(clientConfig(await resources(), 'sfn'));
    await sfn.send(new StopExecutionCommand({ executionArn: waiting!.executionArn, cause: 'lost' }));
    const sweep = async () =>
      (await request('POST', '/__local/schedules/sweepTimers', { trackingNumbers: [trackingNumber] })).body as {
        overdue: number;
        rearmed: string[];
      };
    // Not yet due: nothing to sweep.
    expect(await sweep()).toMatchObject({ overdue: 0, rearmed: [] });
    // The reminder fell due 72 hours after filing; nothing fired it.
    await advanceClock('PT73H');
    expect(await timelineActions(trackingNumber)).not.toContain('REMIND_MERCHANT');
    expect(await sweep()).toMatchObject({ overdue: 1, rearmed: [trackingNumber] });
    const timeline = await eventually(
      () => timelineActions(trackingNumber),
      (actions) => actions.includes('REMIND_MERCHANT'),
      { what: `the rearmed reminder of ${trackingNumber} to fire` },
    );
    expect(timeline.filter((action) => action === 'REMIND_MERCHANT')).toHaveLength(1);
    // The reminder replaced the timer: nothing is overdue any more.
    expect(await sweep()).toMatchObject({ overdue: 0, rearmed: [] });
  });
});

/** A complaint whose changes the counting consumer sets aside (its fault on for the consumer's phone), and how many of them are counted now. */
const setAsideByCounting = async () => {
  // What earlier files set aside and left (their causes are gone) is replayed first, so a sweep's
  // bounded run (20 a queue) reaches this test's changes.
  await ops('redrive', '--consumer', 'countComplaintChanges');
  const phone = freshPhone();
  const session = await signInVerified(phone);
  expect(
    // Until cleared: the stream's retries, bisected, trip it an unknown number of times (78 in one run), and the replays that follow must fail too.
    (await request('POST', '/__local/faults', { point: 'stream.countingFails', times: 'untilCleared', target: phone }))
      .status,
  ).toBe(200);
  const filed = await request('POST', '/v1/complaints', complaintBody, session);
  const trackingNumber = filed.body.trackingNumber as string;
  const setAside = await eventually(
    deadLetters,
    (letters) => letters.filter((letter) => letter.keys.pk.S === `COMPLAINT#${trackingNumber}`).length >= 2,
    {
      timeoutMs: 60_000,
      what: `the filing and the hand-over of ${trackingNumber} to be set aside by the counting consumer`,
    },
  );
  expect(setAside.length).toBeGreaterThanOrEqual(2);
  const counted = async () => {
    const local = await resources();
    const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(local, 'dynamodb')));
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: local.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${tableKeyPrefixes.countedChange}${trackingNumber}` },
      }),
    );
    return Items.length;
  };
  expect(await counted()).toBe(0);
  return { trackingNumber, counted };
};

/**
 * The outcomes of the counting consumer's replays of one complaint's changes, from what
 * `npm run ops -- redrive` prints (one line per message, with its changes' keys). The queue is the
 * run's: other files' set-aside changes may be in it too, and are not this test's to judge.
 */
const outcomesFor = (output: string, trackingNumber: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('countComplaintChanges: ') && line.includes(`"COMPLAINT#${trackingNumber}"`))
    .map((line) => /^countComplaintChanges: ([A-Z_]+)/.exec(line)![1]!);

describe('npm run ops -- redrive', () => {
  it('replays the changes a consumer set aside once the cause is gone, and leaves the queue empty', {
    timeout: 180_000,
  }, async () => {
    const { trackingNumber, counted } = await setAsideByCounting();

    // While the cause is still there, a replay fails again and the changes stay set aside: every one of them.
    const stillFailing = await ops('redrive', '--consumer', 'countComplaintChanges');
    const failed = outcomesFor(stillFailing.output, trackingNumber);
    expect(failed.length, stillFailing.output).toBeGreaterThanOrEqual(2);
    expect(new Set(failed), stillFailing.output).toEqual(new Set(['FAILED_AGAIN']));
    expect(stillFailing.code).toBe(1);
    expect(await counted()).toBe(0);

    await request('POST', '/__local/faults', { clear: true });
    // The failed messages are hidden for their visibility timeout (15 minutes), as in SQS.
    await advanceClock('PT16M');
    const replayed = await ops('redrive', '--consumer', 'countComplaintChanges');
    expect(outcomesFor(replayed.output, trackingNumber), replayed.output).toEqual(failed.map(() => 'REPLAYED'));
    expect(await counted()).toBeGreaterThanOrEqual(2);
    // Replayed once: nothing of it is left in the queue.
    const emptied = await ops('redrive', '--consumer', 'countComplaintChanges');
    expect(outcomesFor(emptied.output, trackingNumber), emptied.output).toEqual([]);
  });
});

describe('the sweeper replays what was set aside', () => {
  type Swept = { replays: { consumer: string; outcome: string; keys?: { pk: { S: string } }[] }[] };
  const scheduledSweep = async () => (await request('POST', '/__local/schedules/sweepTimers', {})).body as Swept;
  /** The sweep's replays of the counting consumer for one complaint (other files' set-aside changes may be there too). */
  const sweptFor = (swept: Swept, trackingNumber: string) =>
    swept.replays
      .filter(
        (replay) =>
          replay.consumer === 'countComplaintChanges' &&
          (replay.keys ?? []).some((key) => key.pk.S === `COMPLAINT#${trackingNumber}`),
      )
      .map((replay) => replay.outcome);

  it('on its schedule, with nobody running redrive: each change counted once, the queue left empty', {
    timeout: 180_000,
  }, async () => {
    const { trackingNumber, counted } = await setAsideByCounting();
    // While the cause is there, the sweep's replay fails again, for every one of the changes.
    const failing = sweptFor(await scheduledSweep(), trackingNumber);
    expect(failing.length).toBeGreaterThanOrEqual(2);
    expect(new Set(failing)).toEqual(new Set(['FAILED_AGAIN']));
    expect(await counted()).toBe(0);

    await request('POST', '/__local/faults', { clear: true });
    await advanceClock('PT16M');
    expect(sweptFor(await scheduledSweep(), trackingNumber)).toEqual(failing.map(() => 'REPLAYED'));
    expect(await counted()).toBeGreaterThanOrEqual(2);
    // Replayed once: the next sweep finds nothing of it left, nor does an operator.
    expect(sweptFor(await scheduledSweep(), trackingNumber)).toEqual([]);
    expect(outcomesFor((await ops('redrive', '--consumer', 'countComplaintChanges')).output, trackingNumber)).toEqual(
      [],
    );
  });
});

describe('npm run ops -- index-closed', () => {
  it('indexes a complaint closed before the retention index existed, so the retention job reaches it', {
    timeout: 180_000,
  }, async () => {
    const { session, trackingNumber } = await awaitingMerchant();
    const withdrawn = await request(
      'POST',
      `/v1/consumer/complaints/${trackingNumber}/withdraw`,
      { reason: 'Sorted out.' },
      session,
    );
    expect(withdrawn.status).toBe(200);
    // As a complaint closed before the index existed was stored: without its closedByMonth entry.
    const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(await resources(), 'dynamodb')));
    await client.send(
      new UpdateCommand({
        TableName: (await resources()).tableName,
        Key: { pk: `COMPLAINT#${trackingNumber}`, sk: 'COMPLAINT' },
        UpdateExpression: 'REMOVE gsi6pk, gsi6sk',
      }),
    );
    await advanceClock('P30DT1H');
    const retention = () =>
      request('POST', '/__local/schedules/eraseExpiredComplaints', { trackingNumbers: [trackingNumber] });
    expect((await retention()).body.erased).toEqual([]);
    const indexed = await ops('index-closed');
    expect(indexed.code, indexed.output).toBe(0);
    expect(indexed.output).toMatch(/[1-9]\d* closed complaints indexed for retention/);
    expect((await retention()).body.erased).toEqual([trackingNumber]);
  });
});

describe('npm run ops -- index-open-data', () => {
  it('gives a complaint stored before open data by complaint its row, so the month’s file has it', {
    timeout: 180_000,
  }, async () => {
    const { trackingNumber } = await awaitingMerchant();
    // As a complaint stored before the index existed: without its row and its index keys.
    const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(await resources(), 'dynamodb')));
    const key = { pk: `COMPLAINT#${trackingNumber}`, sk: 'COMPLAINT' };
    await client.send(
      new UpdateCommand({
        TableName: (await resources()).tableName,
        Key: key,
        UpdateExpression: 'REMOVE gsi7pk, gsi7sk, openData',
      }),
    );
    const indexed = await ops('index-open-data');
    expect(indexed.code, indexed.output).toBe(0);
    expect(indexed.output).toMatch(/[1-9]\d* complaints given their open-data row/);
    const { Item } = await client.send(new GetCommand({ TableName: (await resources()).tableName, Key: key }));
    expect(Item).toMatchObject({
      gsi7pk: expect.stringMatching(/^FILED#\d{4}-\d{2}#\d$/),
      openData: { outcome: 'OPEN' },
    });
    // Run again, there is nothing left to give.
    expect((await ops('index-open-data')).output).toMatch(/^0 complaints given/m);
  });
});
