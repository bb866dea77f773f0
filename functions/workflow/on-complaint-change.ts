/**
 * DynamoDB stream consumer: count the batch's changes in the statistics (together, once each),
 * then for every stored change of a complaint start its new timer, stop the old one and send what
 * the change means (consumer SMS and email through SES,
 * merchant notice and email, escalation). Powertools' batch processor reports the records that failed, so
 * the stream retries those and what follows them; changes of different complaints run in
 * parallel, while the changes of one complaint run in order, and one whose earlier change failed
 * fails too (it is retried after it). A message that can never be delivered does not fail a record:
 * it is kept with the complaint. A record that keeps failing is set aside to the stream's
 * on-failure queue after a bounded number of retries (infra/stateless-stack.ts), so it cannot stall
 * the complaints behind it.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { keys } from '../adapters/table-design';
import { logger } from '../commons/logger';
import { observed } from '../commons/telemetry';
import type { Complaint } from '../domain/complaint';
import { countedChangeOf } from '../domain/statistics';
import { complaintChanges, statistics as statisticsOf } from './wiring';

const statistics = statisticsOf();
const complaintChanged = complaintChanges();

const complaintOf = (image: Record<string, unknown> | undefined) =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as Complaint & { pk: string; sk: string }) : undefined;

class EarlierChangeFailed extends Error {
  constructor(trackingNumber: string) {
    super(`an earlier change of complaint ${trackingNumber} in this batch failed; this one waits for it`);
  }
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const complaintChangesOf = (event: DynamoDBStreamEvent) =>
  event.Records.flatMap((record) => {
    const key = complaintOf(record.dynamodb?.Keys as Record<string, unknown> | undefined);
    return key?.sk === keys.complaint('').sk ? [record] : [];
  });

const processChanges = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  // The batch's statistics first, in one transaction per ten changes (each change counted once, however often delivered).
  await statistics.record(
    complaintChangesOf(event).flatMap((record) => {
      const counted = countedChangeOf(
        complaintOf(record.dynamodb?.OldImage as Record<string, unknown>),
        complaintOf(record.dynamodb?.NewImage as Record<string, unknown>),
      );
      return counted ? [counted] : [];
    }),
  );
  /** The last change of each complaint in this batch: the next one of the same complaint starts after it. */
  const lastOf = new Map<string, Promise<void>>();
  const onRecord = (record: DynamoDBRecord): Promise<void> => {
    const key = complaintOf(record.dynamodb?.Keys as Record<string, unknown> | undefined);
    if (key?.sk !== keys.complaint('').sk) return Promise.resolve();
    const trackingNumber = key.pk.slice('COMPLAINT#'.length);
    const change = (lastOf.get(trackingNumber) ?? Promise.resolve()).then(
      () =>
        complaintChanged(
          complaintOf(record.dynamodb?.OldImage as Record<string, unknown>),
          complaintOf(record.dynamodb?.NewImage as Record<string, unknown>),
        ),
      () => {
        throw new EarlierChangeFailed(trackingNumber);
      },
    );
    lastOf.set(trackingNumber, change);
    return change.catch((error: unknown) => {
      logger.error('Complaint change not processed; the stream will retry it', {
        error: error as Error,
        sequence: record.dynamodb?.SequenceNumber,
        trackingNumber,
      });
      throw error;
    });
  };
  return processPartialResponse(event, onRecord, processor, { context, processInParallel: true });
};

export const handler = observed(processChanges);
