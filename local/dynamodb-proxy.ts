/**
 * A thin proxy in front of DynamoDB Local that is as strict as DynamoDB about transactions.
 * DynamoDB Local runs transactions one after the other and never refuses one; real DynamoDB
 * cancels a transaction that touches an item another transaction is writing (TransactionConflict)
 * and refuses a single-item write to such an item (TransactionConflictException). The proxy
 * tracks the items of the transactions in flight and answers exactly that, so a design that puts
 * an item shared by many complaints into concurrent transactions fails here as it would in AWS.
 *
 * It also meters what DynamoDB would bill: every request that can report its consumed capacity is
 * sent with ReturnConsumedCapacity TOTAL (callers that asked for more keep what they asked for), and
 * the read and write units are added up per operation. DynamoDB Local counts the table's units
 * (transactions at twice the rate, as DynamoDB does) but not those of the indexes. The last
 * requests are kept, so `npm run bench` can replay a use case's calls as its floor.
 */
import { createServer, request as forward, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tableDesign } from '../functions/adapters/table-design';
import type { Faults } from './faults';

type AttributeMap = Record<string, Record<string, unknown>>;
interface TransactItem {
  Put?: { TableName: string; Item: AttributeMap };
  Update?: { TableName: string; Key: AttributeMap };
  Delete?: { TableName: string; Key: AttributeMap };
  ConditionCheck?: { TableName: string; Key: AttributeMap };
}

const keyAttributes = [tableDesign.partitionKey, tableDesign.sortKey];
const itemId = (tableName: string, attributes: AttributeMap) =>
  `${tableName}|${keyAttributes.map((name) => JSON.stringify(attributes[name] ?? null)).join('|')}`;

const transactItemId = (item: TransactItem) => {
  if (item.Put) return itemId(item.Put.TableName, item.Put.Item);
  const keyed = item.Update ?? item.Delete ?? item.ConditionCheck;
  return keyed ? itemId(keyed.TableName, keyed.Key) : 'unknown';
};

const singleWriteId = (body: { TableName: string; Item?: AttributeMap; Key?: AttributeMap }) =>
  itemId(body.TableName, body.Item ?? body.Key ?? {});

/** What the requests so far consumed: units per operation, and the requests themselves (the latest ones). */
export interface DynamoDbUsage {
  operations: Record<string, { calls: number; readUnits: number; writeUnits: number }>;
  readUnits: number;
  writeUnits: number;
  /** The sequence number of the latest request. */
  requests: number;
}

export interface RecordedRequest {
  sequence: number;
  operation: string;
  /** The function that sent it (the `app/<id>` of its SDK's User-Agent), if it said. */
  caller?: string;
  body: string;
}

/** Operations that answer ConsumedCapacity when asked. */
const metered = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);
const reads = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const keptRequests = 2_000;

export interface DynamoDbProxy {
  endpoint: string;
  /** Transactions and writes refused because they overlapped a transaction in flight. */
  conflicts(): number;
  usage(): DynamoDbUsage;
  /** The requests after `sequence` (at most the latest 2,000). */
  requestsAfter(sequence: number): RecordedRequest[];
  close(): Promise<void>;
}

/** `faults` may throttle requests (`dynamodb.throttled`): those whose body holds the fault's target, from its caller. */
export const startDynamoDbProxy = async (target: string, faults?: Faults): Promise<DynamoDbProxy> => {
  const upstream = new URL(target);
  /** Items written by transactions in flight, with how many transactions hold each. */
  const inFlight = new Map<string, number>();
  let conflicts = 0;
  const usage: DynamoDbUsage = { operations: {}, readUnits: 0, writeUnits: 0, requests: 0 };
  const recorded: RecordedRequest[] = [];
  const meter = (operation: string, answer: string) => {
    let consumed: unknown;
    try {
      consumed = (JSON.parse(answer) as { ConsumedCapacity?: unknown }).ConsumedCapacity;
    } catch {
      return;
    }
    const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
      (sum: number, entry: { CapacityUnits?: number }) => sum + (entry.CapacityUnits ?? 0),
      0,
    );
    const counted = (usage.operations[operation] ??= { calls: 0, readUnits: 0, writeUnits: 0 });
    counted.calls++;
    if (reads.has(operation)) {
      counted.readUnits += units;
      usage.readUnits += units;
    } else {
      counted.writeUnits += units;
      usage.writeUnits += units;
    }
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body = Buffer.concat(chunks);
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const caller = /\bapp\/([A-Za-z0-9]+)/.exec(String(request.headers['user-agent'] ?? ''))?.[1];
      if (faults?.trip('dynamodb.throttled', body.toString('utf8'), caller)) {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        return response.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message:
              'The level of configured provisioned throughput for the table was exceeded (local fault dynamodb.throttled).',
          }),
        );
      }
      if (metered.has(operation)) {
        try {
          const parsed = JSON.parse(body.toString('utf8')) as { ReturnConsumedCapacity?: string };
          if (parsed.ReturnConsumedCapacity === undefined || parsed.ReturnConsumedCapacity === 'NONE') {
            body = Buffer.from(JSON.stringify({ ...parsed, ReturnConsumedCapacity: 'TOTAL' }));
          }
        } catch {
          // Not JSON: DynamoDB Local will say so.
        }
        recorded.push({
          sequence: ++usage.requests,
          operation,
          ...(caller && { caller }),
          body: body.toString('utf8'),
        });
        if (recorded.length > keptRequests) recorded.shift();
      }
      const refuse = (payload: object) => {
        conflicts++;
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(payload));
      };
      let held: string[] = [];
      try {
        if (operation === 'TransactWriteItems') {
          const ids = (JSON.parse(body.toString('utf8')) as { TransactItems: TransactItem[] }).TransactItems.map(
            transactItemId,
          );
          if (ids.some((id) => inFlight.has(id))) {
            const reasons = ids.map((id) =>
              inFlight.has(id)
                ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
                : { Code: 'None' },
            );
            return refuse({
              __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
              message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
              CancellationReasons: reasons,
            });
          }
          held = ids;
        } else if (operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem') {
          if (inFlight.has(singleWriteId(JSON.parse(body.toString('utf8'))))) {
            return refuse({
              __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException',
              message: 'Transaction is ongoing for the item',
            });
          }
        }
      } catch {
        // Not a body we understand: let DynamoDB Local answer it.
      }
      for (const id of held) inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
      const release = () => {
        for (const id of held) {
          const left = (inFlight.get(id) ?? 1) - 1;
          if (left === 0) inFlight.delete(id);
          else inFlight.set(id, left);
        }
        held = [];
      };
      const headers: IncomingHttpHeaders = {
        ...request.headers,
        host: upstream.host,
        'content-length': String(body.length),
      };
      const outgoing = forward(
        { hostname: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 500, answer.headers);
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => {
            parts.push(part);
            response.write(part);
          });
          answer.on('end', () => {
            release();
            if (metered.has(operation) && answer.statusCode === 200)
              meter(operation, Buffer.concat(parts).toString('utf8'));
            response.end();
          });
          answer.on('error', release);
        },
      );
      outgoing.on('error', (error) => {
        release();
        response.writeHead(502, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(
          JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: error.message }),
        );
      });
      outgoing.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    conflicts: () => conflicts,
    usage: () => structuredClone(usage),
    requestsAfter: (sequence) => recorded.filter((entry) => entry.sequence > sequence),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
