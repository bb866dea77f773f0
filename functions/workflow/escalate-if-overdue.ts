/** Workflow task: after the merchant deadline, escalate the complaint if the merchant has not resolved it. */
import { z } from 'zod';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { taskHandler } from '../commons/task';
import { systemClock } from '../domain/clock';
import { escalateIfOverdueUseCase } from './use-cases';

const config = loadConfig({ [envNames.table]: z.string().min(1) });

const escalateIfOverdue = escalateIfOverdueUseCase({
  complaints: new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]),
  clock: systemClock,
});

export const handler = taskHandler(({ trackingNumber }) => escalateIfOverdue(trackingNumber));
