/**
 * The complaints context's adapters, wired once: every context that reads or changes complaints
 * (consumer, merchant, regulator, workflow) takes its repository and action use case from here.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import { dynamoDb } from '../commons/clients';
import { tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import { performActionUseCase } from './actions';
import { fileComplaintUseCase, getComplaintUseCase } from './use-cases';

export const complaintRepository = () => new DynamoDbComplaintRepository(dynamoDb(), tableName());

export const filingUseCase = () =>
  fileComplaintUseCase({
    complaints: complaintRepository(),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    profiles: new DynamoDbConsumerProfiles(dynamoDb(), tableName()),
    clock: systemClock,
    randomBytes,
  });

export const publicComplaintUseCase = () => getComplaintUseCase(complaintRepository());

/** A consumer's or merchant's action on a complaint they own. */
export const complaintActionUseCase = () => performActionUseCase({ complaints: complaintRepository(), clock: systemClock });
