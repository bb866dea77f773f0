/** GET /v1/consumer/complaints (consumer session): the consumer's own complaints, newest first. */
import { z } from 'zod';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { consumerOf, httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { consumerComplaintsUseCase } from '../complaints/use-cases';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const consumerComplaints = consumerComplaintsUseCase(new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]));

export const handler = httpHandler(async (event) => jsonResponse(200, await consumerComplaints(consumerOf(event), pageRequestOf(event))));
