/** AWS adapters for the operator functions. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DynamoDbCredentialStore } from '../adapters/dynamodb-credentials';
import { DynamoDbMerchantDirectory, DynamoDbRegulatorRegistry } from '../adapters/dynamodb-merchants';
import { KmsSecretSealer } from '../adapters/kms-sealer';
import { dynamoDb, kms } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { UnauthenticatedError } from '../domain/errors';
import type { HttpEvent } from '../commons/http';
import { systemClock } from '../domain/clock';

export const adminDependencies = () => {
  const config = loadConfig({ [envNames.table]: z.string().min(1), [envNames.credentialsKey]: z.string().min(1) });
  const tableName = config[envNames.table];
  return {
    credentials: new DynamoDbCredentialStore(dynamoDb(), tableName),
    sealer: new KmsSecretSealer(kms(), config[envNames.credentialsKey]),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName),
    regulators: new DynamoDbRegulatorRegistry(dynamoDb(), tableName),
    clock: systemClock,
    randomBytes,
  };
};

/**
 * The operator: admin routes use IAM authorization, so API Gateway has already checked the
 * caller's AWS signature and names them here (the local gateway does the same with a seeded key).
 */
export const operatorOf = (event: HttpEvent): string => {
  const caller = event.requestContext?.identity?.userArn;
  if (!caller) throw new UnauthenticatedError('Admin routes need an IAM-signed request.');
  return caller;
};
