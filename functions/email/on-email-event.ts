/**
 * SES bounce and complaint events, from the configuration set's event destination (SNS topic,
 * delivered raw to an SQS queue). Each record is one event; a record that cannot be read or
 * applied fails alone and is retried, then kept in the queue's dead-letter queue.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../commons/logger';
import { observed } from '../commons/telemetry';
import { emailEventUseCase, sesEvent } from './use-cases';
import { emailEventDependencies } from './wiring';

const applyEvent = emailEventUseCase(emailEventDependencies());
const processor = new BatchProcessor(EventType.SQS);

const onRecord = async (record: SQSRecord) => {
  const parsed = sesEvent.safeParse(JSON.parse(record.body));
  // The body holds addresses: log only where it failed, never the event.
  if (!parsed.success)
    throw new Error(`Not an SES event record: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  const outcome = await applyEvent(parsed.data);
  logger.info('Email event applied', {
    eventType: parsed.data.eventType,
    outcome,
    trackingNumber: parsed.data.mail.tags?.trackingNumber?.[0],
  });
};

export const handler = observed(
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, onRecord, processor, { context }),
);
