/** GET /v1/identity: whether this consumer has verified their identity (so the form can skip the step). */
import { z } from 'zod';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { consumerOf, httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { identityStatusUseCase } from './use-cases';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const identityStatus = identityStatusUseCase(new DynamoDbConsumerProfiles(dynamoDb(), config[envNames.table]));

export const handler = httpHandler(async (event) => jsonResponse(200, await identityStatus(consumerOf(event))));
