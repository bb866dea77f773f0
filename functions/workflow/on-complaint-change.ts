/**
 * DynamoDB stream consumer: for every stored change of a complaint start its new timer, stop the
 * old one and send what the change means (consumer SMS and email through SES, merchant notice and
 * email, escalation). The statistics are counted by a consumer of their own
 * (count-complaint-changes.ts), whose failures never hold these up. Powertools' batch processor reports the records that failed, so
 * the stream retries those and what follows them; changes of different complaints run in
 * parallel, while the changes of one complaint run in order, and one whose earlier change failed
 * fails too (it is retried after it). A message that can never be delivered does not fail a record:
 * it is kept with the complaint. A record that keeps failing is set aside to the stream's
 * on-failure queue after a bounded number of retries (infra/functions-stack.ts), so it cannot stall
 * the complaints behind it.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../commons/logger';
import { observed } from '../commons/telemetry';
import { changedComplaint, imagesOf } from './stream-records';
import { complaintChanges } from './wiring';

const complaintChanged = complaintChanges();

class EarlierChangeFailed extends Error {
  constructor(trackingNumber: string) {
    super(`an earlier change of complaint ${trackingNumber} in this batch failed; this one waits for it`);
  }
}

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const processChanges = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  /** The last change of each complaint in this batch: the next one of the same complaint starts after it. */
  const lastOf = new Map<string, Promise<void>>();
  const onRecord = (record: DynamoDBRecord): Promise<void> => {
    const trackingNumber = changedComplaint(record);
    if (trackingNumber === undefined) return Promise.resolve();
    const change = (lastOf.get(trackingNumber) ?? Promise.resolve()).then(
      () => {
        const { before, after } = imagesOf(record);
        return complaintChanged(before, after);
      },
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
