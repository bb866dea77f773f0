/**
 * Transactions as real DynamoDB runs them: one that overlaps another transaction on an item is
 * cancelled (TransactionConflict). That is no fault of the caller, so it is retried with backoff
 * and jitter; if the item stays contended, the caller gets 503 with Retry-After, never a 500.
 * A cancellation for a failed condition is the caller's to interpret, and is passed on at once.
 * Batch writes likewise: the items DynamoDB leaves unprocessed (throttling) are written again.
 */
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../domain/errors';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const transactionRetry = { attempts: 5, baseDelayMs: 25, maxDelayMs: 400 } as const;

/** True if the transaction was cancelled by a failed condition (on item `index`, if given). */
export const isConditionFailure = (error: unknown, index?: number) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some(
    (reason, i) => reason.Code === 'ConditionalCheckFailed' && (index === undefined || i === index),
  );

/** Cancelled only because another transaction held one of its items (nothing about the request itself). */
export const isTransactionConflict = (error: unknown) =>
  error instanceof TransactionConflictException ||
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict') &&
    (error.CancellationReasons ?? []).every(
      (reason) => reason.Code === 'TransactionConflict' || reason.Code === 'None',
    ));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full jitter: a random wait up to the exponential bound, so contenders spread out. */
const backoff = (attempt: number, random: () => number) =>
  Math.round(random() * Math.min(transactionRetry.maxDelayMs, transactionRetry.baseDelayMs * 2 ** attempt));

export const writeTransaction = async (
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  options: { random?: () => number; wait?: (ms: number) => Promise<void> } = {},
): Promise<void> => {
  const random = options.random ?? Math.random;
  const wait = options.wait ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= transactionRetry.attempts) {
        throw new ServiceUnavailableError('Many changes are arriving at once. Please try again in a moment.', 1);
      }
      await wait(backoff(attempt, random));
    }
  }
};

/**
 * Puts up to 25 items in one batch; the items DynamoDB answers as unprocessed (the table was busy)
 * are put again with backoff, and a batch still unfinished after that is a 503 with Retry-After.
 */
export const writeBatch = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
  options: { random?: () => number; wait?: (ms: number) => Promise<void> } = {},
): Promise<void> => {
  const random = options.random ?? Math.random;
  const wait = options.wait ?? sleep;
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  if (items.length > 25) throw new Error(`A batch holds at most 25 items; got ${items.length}`);
  for (let attempt = 1; requests.length > 0; attempt++) {
    if (attempt > transactionRetry.attempts)
      throw new ServiceUnavailableError('The service is busy. Please try again in a moment.', 1);
    if (attempt > 1) await wait(backoff(attempt - 1, random));
    const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
    requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
  }
};
