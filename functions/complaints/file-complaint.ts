/** POST /v1/complaints: a verified consumer files a complaint; 201 with the tracking number. */
import { randomBytes } from 'node:crypto';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { logger } from '../commons/logger';
import { z } from 'zod';
import { systemClock } from '../domain/clock';
import { fileComplaintRequest } from '../domain/complaint';
import { fileComplaintUseCase } from './use-cases';

const config = loadConfig({ [envNames.table]: z.string().min(1) });

const fileComplaint = fileComplaintUseCase({
  complaints: new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]),
  merchants: new DynamoDbMerchantDirectory(dynamoDb(), config[envNames.table]),
  profiles: new DynamoDbConsumerProfiles(dynamoDb(), config[envNames.table]),
  clock: systemClock,
  randomBytes,
});

export const handler = httpHandler(async (event) => {
  const consumerId = consumerOf(event);
  const complaint = await fileComplaint(parseJsonBody(event, fileComplaintRequest), consumerId);
  // From here on the new complaint is what this invocation is about.
  logger.setCorrelationId(complaint.trackingNumber);
  logger.info('Complaint filed', { merchantId: complaint.merchantId, category: complaint.category });
  return jsonResponse(
    201,
    {
      trackingNumber: complaint.trackingNumber,
      status: complaint.status,
      filedAt: complaint.filedAt,
      merchantDeadline: complaint.merchantDeadline,
    },
    { location: `/v1/complaints/${complaint.trackingNumber}` },
  );
});
