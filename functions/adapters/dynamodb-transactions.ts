/**
 * Transactions as real DynamoDB runs them: one that overlaps another transaction on an item is
 * cancelled (TransactionConflict). That is no fault of the caller, so it is retried with backoff
 * and jitter; if the item stays contended, the caller gets 503 with Retry-After, never a 500.
 * A cancellation for a failed condition is the caller's to interpret, and is passed on at once.
 */
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
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
