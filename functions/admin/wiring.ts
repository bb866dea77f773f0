/** AWS adapters for the operator functions. */
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { DynamoDbCredentialStore } from '../adapters/dynamodb-credentials';
import { DynamoDbMerchantDirectory, DynamoDbRegulatorRegistry } from '../adapters/dynamodb-merchants';
import { KmsSecretSealer } from '../adapters/kms-sealer';
import { dynamoDb } from '../commons/clients/dynamodb';
import { kms } from '../commons/clients/kms';
import { envNames, loadConfig, tableName } from '../commons/config';
import { DynamoDbCaseAccessLog } from '../adapters/dynamodb-access-log';
import { caseReadsUseCase } from './use-cases';
import { UnauthenticatedError } from '../domain/errors';
import type { HttpEvent } from '../commons/http';
import { systemClock } from '../domain/clock';

/** What every operator function needs: the key records and the clock. */
export const adminDependencies = () => {
  const table = tableName();
  return {
    credentials: new DynamoDbCredentialStore(dynamoDb(), table),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), table),
    regulators: new DynamoDbRegulatorRegistry(dynamoDb(), table),
    clock: systemClock,
    randomBytes,
  };
};

/** Functions that issue keys also seal their secrets (binding credentials:issue). */
export const keyIssuingDependencies = () => {
  const config = loadConfig({ [envNames.credentialsKey]: z.string().min(1) });
  return { ...adminDependencies(), sealer: new KmsSecretSealer(kms(), config[envNames.credentialsKey]) };
};

export const caseReads = () => caseReadsUseCase(new DynamoDbCaseAccessLog(dynamoDb(), tableName()));

/**
 * The operator: admin routes use IAM authorization, so API Gateway has already checked the
 * caller's AWS signature and names them here (the local gateway does the same with a seeded key).
 */
export const operatorOf = (event: HttpEvent): string => {
  const caller = event.requestContext?.identity?.userArn;
  if (!caller) throw new UnauthenticatedError('Admin routes need an IAM-signed request.');
  return caller;
};
