/**
 * A thin proxy in front of DynamoDB Local that is as strict as DynamoDB about transactions.
 * DynamoDB Local runs transactions one after the other and never refuses one; real DynamoDB
 * cancels a transaction that touches an item another transaction is writing (TransactionConflict)
 * and refuses a single-item write to such an item (TransactionConflictException). The proxy
 * tracks the items of the transactions in flight and answers exactly that, so a design that puts
 * an item shared by many complaints into concurrent transactions fails here as it would in AWS.
 */
import { createServer, request as forward, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tableDesign } from '../functions/adapters/table-design';

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

const singleWriteId = (body: { TableName: string; Item?: AttributeMap; Key?: AttributeMap }) => itemId(body.TableName, body.Item ?? body.Key ?? {});

export interface DynamoDbProxy {
  endpoint: string;
  /** Transactions and writes refused because they overlapped a transaction in flight. */
  conflicts(): number;
  close(): Promise<void>;
}

export const startDynamoDbProxy = async (target: string): Promise<DynamoDbProxy> => {
  const upstream = new URL(target);
  /** Items written by transactions in flight, with how many transactions hold each. */
  const inFlight = new Map<string, number>();
  let conflicts = 0;

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const refuse = (payload: object) => {
        conflicts++;
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(payload));
      };
      let held: string[] = [];
      try {
        if (operation === 'TransactWriteItems') {
          const ids = (JSON.parse(body.toString('utf8')) as { TransactItems: TransactItem[] }).TransactItems.map(transactItemId);
          if (ids.some((id) => inFlight.has(id))) {
            const reasons = ids.map((id) => (inFlight.has(id) ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' }));
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
      const headers: IncomingHttpHeaders = { ...request.headers, host: upstream.host };
      const outgoing = forward(
        { hostname: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(response);
          answer.on('end', release);
          answer.on('error', release);
        },
      );
      outgoing.on('error', (error) => {
        release();
        response.writeHead(502, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: error.message }));
      });
      outgoing.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    conflicts: () => conflicts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
