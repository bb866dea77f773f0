/**
 * S3 reports each uploaded evidence file (an object-created notification, through an SQS queue).
 * Each file is checked on its own: one that cannot be read fails alone and is retried, then kept
 * in the queue's dead-letter queue.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../commons/logger';
import { observed } from '../commons/telemetry';
import { evidenceCheck } from './wiring';

const check = evidenceCheck();
const processor = new BatchProcessor(EventType.SQS);

const onRecord = async (record: SQSRecord) => {
  const notification = JSON.parse(record.body) as Partial<S3Event> & { Event?: string };
  // S3 sends one s3:TestEvent when the notification is set up: nothing to check.
  if (notification.Event === 's3:TestEvent') return;
  for (const { eventName, s3 } of notification.Records ?? []) {
    if (!eventName.startsWith('ObjectCreated:')) continue;
    // Keys arrive URL-encoded, spaces as '+'.
    const key = decodeURIComponent(s3.object.key.replace(/\+/g, ' '));
    const result = await check({ key, ...(s3.object.versionId && { versionId: s3.object.versionId }) });
    logger.info('Evidence file checked', { key, result });
  }
};

export const handler = observed(
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, onRecord, processor, { context }),
);
