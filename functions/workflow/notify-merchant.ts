/** Workflow task: mark the complaint AWAITING_MERCHANT and notify the merchant. */
import { z } from 'zod';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { SnsPublisher } from '../adapters/sns-publisher';
import { dynamoDb, sns } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { taskHandler } from '../commons/task';
import { systemClock } from '../domain/clock';
import { notifyMerchantUseCase } from './use-cases';

const config = loadConfig({ [envNames.table]: z.string().min(1), [envNames.notificationsTopic]: z.string().min(1) });

const notifyMerchant = notifyMerchantUseCase({
  complaints: new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]),
  notifications: new SnsPublisher(sns(), config[envNames.notificationsTopic]),
  clock: systemClock,
});

export const handler = taskHandler(({ trackingNumber }) => notifyMerchant(trackingNumber));
