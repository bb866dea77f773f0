/**
 * DynamoDB stream consumer: for every stored change of a complaint, start its new timer, stop the
 * old one and publish what the change means (merchant notice, escalation). A failing record is
 * reported so the stream retries from it, in order: nothing that was stored is lost.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import { StepFunctionsLifecycleWorkflow } from '../adapters/sfn-workflow';
import { StepFunctionsWebhookDispatcher } from '../adapters/webhooks';
import { TopicEmailSender } from '../adapters/sns-email';
import { SnsPublisher } from '../adapters/sns-publisher';
import { SnsSmsSender } from '../adapters/sns-sms';
import { keys } from '../adapters/table-design';
import { dynamoDb, sns, stepFunctions } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { logger } from '../commons/logger';
import type { Complaint } from '../domain/complaint';
import { complaintChangedUseCase } from './use-cases';

const config = loadConfig({
  [envNames.table]: z.string().min(1),
  [envNames.stateMachine]: z.string().min(1),
  [envNames.webhookStateMachine]: z.string().min(1),
  [envNames.notificationsTopic]: z.string().min(1),
  [envNames.escalationsTopic]: z.string().min(1),
});

const notifications = new SnsPublisher(sns(), config[envNames.notificationsTopic]);
const complaintChanged = complaintChangedUseCase({
  workflow: new StepFunctionsLifecycleWorkflow(stepFunctions(), config[envNames.stateMachine]),
  notifications,
  escalations: new SnsPublisher(sns(), config[envNames.escalationsTopic]),
  sms: new SnsSmsSender(sns()),
  email: new TopicEmailSender(notifications),
  merchants: new DynamoDbMerchantDirectory(dynamoDb(), config[envNames.table]),
  webhooks: new StepFunctionsWebhookDispatcher(stepFunctions(), config[envNames.webhookStateMachine]),
});

const complaintOf = (image: Record<string, unknown> | undefined) =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as Complaint & { sk: string }) : undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const keysOf = complaintOf(record.dynamodb?.Keys as Record<string, unknown> | undefined);
    if (keysOf?.sk !== keys.complaint('').sk) continue;
    try {
      await complaintChanged(complaintOf(record.dynamodb?.OldImage as Record<string, unknown>), complaintOf(record.dynamodb?.NewImage as Record<string, unknown>));
    } catch (error) {
      logger.error('Complaint change not processed; the stream will retry it', { error: error as Error, sequence: record.dynamodb?.SequenceNumber });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
    }
  }
  return { batchItemFailures: [] };
};
