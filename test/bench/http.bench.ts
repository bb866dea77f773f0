/**
 * `npm run bench` (HTTP): latency (p50, p99) and throughput of filing a complaint, reading one and a
 * merchant's action (a reply), at 1, 10 and 50 concurrent clients, through the local cloud's
 * gateway. Beside each, the floor in the same run: the same DynamoDB requests the function made
 * (recorded by the local DynamoDB proxy, by the function's SDK User-Agent) sent directly by this
 * script, over HTTP with keep-alive, at the same concurrency. Reads are replayed as recorded; writes
 * go to fresh items, so clients do not contend where the real calls do not. A write whose condition
 * needs the existing item (a version check) is refused there instead: DynamoDB does the same work
 * to refuse, so the floor is, if anything, a little low. None of the three calls Step Functions
 * (the workflow starts from the table's stream, after the answer).
 */
import { expect, it } from 'vitest';
import { complaintBody, statusBecomes } from '../integration/complaints';
import { baseUrl, freshPhone, localDate, request, signInVerified } from '../integration/http';
import { seeds, signRequest } from '../integration/signed';
import { addCounts, addRows, median, percentile, smoke } from './report';
import { settledUsage } from './usage';

const levels = smoke ? [1, 10] : [1, 10, 50];
const requestsAt = (concurrency: number) =>
  smoke ? concurrency * 2 : concurrency === 1 ? 40 : concurrency === 10 ? 200 : 300;
const filingBudget = 1.5;

interface Recorded {
  sequence: number;
  operation: string;
  caller?: string;
  body: string;
}

interface Load {
  p50: number;
  p99: number;
  perSecond: number;
  failures: number;
  statuses: Record<string, number>;
}

/** `total` calls of `call` from `concurrency` clients, each waiting for its answer before the next. */
const load = async (
  concurrency: number,
  total: number,
  call: (client: number, index: number) => Promise<number>,
): Promise<Load> => {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (next < total) {
        const index = next++;
        const begun = performance.now();
        const status = await call(client, index);
        times.push(performance.now() - begun);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Failures are figures too: they show in the row with their statuses.
  const failures = Object.entries(statuses)
    .filter(([status]) => !/^2\d\d$/.test(status))
    .reduce((sum, [, count]) => sum + count, 0);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), perSecond: total / seconds, failures, statuses };
};

const dynamoDb = async () =>
  (await request('GET', '/__local/dynamodb')).body as { endpoint: string; usage: { requests: number } };
const recordedAfter = async (after: number) =>
  (await request('POST', '/__local/dynamodb/requests', { after })).body as Recorded[];

type Attributes = Record<string, { S?: string }>;

/**
 * The recorded request with the items it writes moved to fresh partition keys (`<pk>#floor<n>`):
 * replayed as recorded, every client would write the same items, and contend where the real
 * requests never do. Reads are sent as recorded.
 */
const onFreshItems = (recorded: Recorded, replayNumber: number): Recorded => {
  const body = JSON.parse(recorded.body) as Record<string, unknown>;
  const fresh = (attributes: Attributes | undefined) => {
    if (attributes?.pk?.S !== undefined) attributes.pk = { S: `${attributes.pk.S}#floor${replayNumber}` };
  };
  const writes = body as {
    Item?: Attributes;
    Key?: Attributes;
    TransactItems?: Record<string, { Item?: Attributes; Key?: Attributes }>[];
  };
  if (recorded.operation === 'PutItem') fresh(writes.Item);
  if (recorded.operation === 'UpdateItem' || recorded.operation === 'DeleteItem') fresh(writes.Key);
  for (const item of writes.TransactItems ?? [])
    for (const action of Object.values(item)) fresh(action.Item ?? action.Key);
  // The SDK's idempotency token of the transaction: the same token with other items is refused.
  delete body.ClientRequestToken;
  return { ...recorded, body: JSON.stringify(body) };
};

/** Sends one recorded request straight to DynamoDB (Local, through the same proxy the functions use); answers the HTTP status. */
const replay = async (endpoint: string, recorded: Recorded) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${recorded.operation}`,
      // DynamoDB Local reads the key id and region (its namespace) from the header; it checks no signature.
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/ap-south-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: recorded.body,
  });
  await response.arrayBuffer();
  return response.status;
};

/** The DynamoDB requests the route's functions (its authorizer's too) made while `call` ran once. */
const recordCalls = async (functionIds: readonly string[], call: () => Promise<number>) => {
  const before = (await dynamoDb()).usage.requests;
  expect(await call()).toBeLessThan(300);
  return (await recordedAfter(before)).filter(
    (entry) => entry.caller !== undefined && functionIds.includes(entry.caller),
  );
};

const fmt = (result: Load) =>
  `p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, ${result.perSecond.toFixed(0)}/s${result.failures > 0 ? `, ${result.failures} failed (${JSON.stringify(result.statuses)})` : ''}`;

it('measures filing, reading and a merchant action at 1, 10 and 50 concurrent clients, beside the DynamoDB floor', {
  timeout: 1_800_000,
}, async () => {
  localDate(0);
  const url = baseUrl();
  const { endpoint } = await dynamoDb();
  const maxClients = Math.max(...levels);
  const sessions = await Promise.all(Array.from({ length: maxClients }, () => signInVerified(freshPhone())));
  const merchantKey = seeds().merchants['demo-bazaar']!;

  const file = async (client: number) => {
    const response = await fetch(`${url}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sessions[client] },
      body: JSON.stringify({ ...complaintBody }),
    });
    const body = (await response.json()) as { trackingNumber?: string };
    if (body.trackingNumber) filed.push(body.trackingNumber);
    return response.status;
  };
  const filed: string[] = [];
  const read = async (_client: number, index: number) => {
    const response = await fetch(`${url}/v1/complaints/${filed[index % filed.length]}`);
    await response.arrayBuffer();
    return response.status;
  };
  // Each request of a load replies on a complaint of its own (a reply may follow the replies of
  // earlier loads): requests do not contend, and no complaint reaches the merchant's 10 messages
  // and replies a Dhaka day (functions/domain/lifecycle.ts conversationLimits), whose 429 is no figure.
  const own: string[] = [];
  const reply = async (_client: number, index: number) => {
    const signed = await signRequest(merchantKey, 'POST', `/v1/merchant/complaints/${own[index % own.length]}/reply`, {
      message: 'We have asked the courier and will answer within two days.',
    });
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(signed.url, { method: 'POST', headers, body: signed.body });
    await response.arrayBuffer();
    return response.status;
  };

  const operations: {
    name: string;
    functionId: string;
    authorizer?: string;
    call: (client: number, index: number) => Promise<number>;
  }[] = [
    {
      name: 'file a complaint (POST /v1/complaints)',
      functionId: 'fileComplaint',
      authorizer: 'authorizeConsumer',
      call: file,
    },
    { name: 'read a complaint (GET /v1/complaints/{trackingNumber})', functionId: 'getComplaint', call: read },
    {
      name: 'merchant reply (signed POST /v1/merchant/complaints/{trackingNumber}/reply)',
      functionId: 'merchantAction',
      call: reply,
    },
  ];
  const counts: Record<string, unknown> = {};
  for (const operation of operations) {
    if (operation.functionId === 'merchantAction') {
      // One complaint per request of the largest load to reply on, filed (and waiting for the merchant) before the clock starts.
      for (let i = 0; i < Math.max(...levels.map(requestsAt)); i++) {
        expect(await file(i % maxClients)).toBe(201);
        own.push(filed.at(-1)!);
      }
      for (const trackingNumber of own) await statusBecomes(trackingNumber, 'AWAITING_MERCHANT', 30_000);
    }
    const calls = await recordCalls(
      [operation.functionId, ...(operation.authorizer ? [operation.authorizer] : [])],
      () => operation.call(0, 0),
    );
    expect(calls.length).toBeGreaterThan(0);
    const callNames = calls.map((entry) => entry.operation).join(', ');
    const replayAll = async (index: number, statuses: Record<string, number>) => {
      let status = 200;
      for (const entry of calls) {
        const answered = await replay(endpoint, onFreshItems(entry, index));
        statuses[answered] = (statuses[answered] ?? 0) + 1;
        if (answered >= 500) status = answered;
      }
      return status;
    };
    // One client, each request on a quiet cloud: what our code adds, without the local cloud's
    // background work (the stream, the workflows, the messages of earlier requests) on the same CPU.
    const quietTimes: number[] = [];
    const quietFloor: number[] = [];
    for (let index = 0; index < (smoke ? 2 : 10); index++) {
      await settledUsage();
      let started = performance.now();
      expect(await operation.call(0, index)).toBeLessThan(300);
      quietTimes.push(performance.now() - started);
      started = performance.now();
      await replayAll(900_000 + index, {});
      quietFloor.push(performance.now() - started);
    }
    addRows([
      {
        section: 'http',
        subject: `${operation.name}, 1 client, each request on a quiet cloud`,
        measured: `median ${median(quietTimes).toFixed(0)} ms`,
        floor: `median ${median(quietFloor).toFixed(0)} ms`,
        versus: `${(median(quietTimes) / median(quietFloor)).toFixed(1)}x`,
        how: `${quietTimes.length} requests, each after the cloud went quiet (the first may be a cold start)`,
      },
    ]);
    for (const concurrency of levels) {
      const total = requestsAt(concurrency);
      // Each load starts on a quiet cloud: the stream and the workflows of earlier filings would slow it down.
      await settledUsage();
      const measured = await load(concurrency, total, operation.call);
      await settledUsage();
      const floorStatuses: Record<string, number> = {};
      const floor = await load(concurrency, total, (_client, index) =>
        replayAll(concurrency * 100_000 + index, floorStatuses),
      );
      counts[`${operation.functionId}@${concurrency}`] = {
        measured,
        floor,
        dynamoDbCalls: calls.map((entry) => entry.operation),
      };
      const isFilingBudget = operation.functionId === 'fileComplaint' && concurrency === 10;
      const p99Ratio = measured.p99 / floor.p99;
      addRows([
        {
          section: 'http',
          subject: `${operation.name}, ${concurrency} concurrent, ${total} requests`,
          measured: fmt(measured),
          floor: `${fmt(floor)} (${calls.length} DynamoDB calls: ${callNames})`,
          versus: `p50 ${(measured.p50 / floor.p50).toFixed(1)}x, p99 ${p99Ratio.toFixed(1)}x${isFilingBudget ? ` (budget ${filingBudget}x${p99Ratio <= filingBudget ? '' : ', missed'})` : ''}`,
          how: `local gateway, function sandboxes, DynamoDB Local; floor answers ${Object.entries(floorStatuses)
            .map(([status, count]) => `${count}x${status}`)
            .join(', ')} (400s are conditions refused)`,
        },
      ]);
    }
  }
  addCounts('http', counts);
  // The next file measures on a quiet cloud, not behind these requests' workflows and messages.
  await settledUsage();
});
