/** The AWS adapters the identity functions share, built once per cold start. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DynamoDbOtpStore, DynamoDbSessionStore, DynamoDbSourceRateLimiter } from '../adapters/dynamodb-identity';
import { SnsSmsSender } from '../adapters/sns-sms';
import { dynamoDb, sns } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { systemClock } from '../domain/clock';
import type { PhoneVerificationDependencies } from './use-cases';

export const phoneVerificationDependencies = (): PhoneVerificationDependencies => {
  const tableName = loadConfig({ [envNames.table]: z.string().min(1) })[envNames.table];
  return {
    otps: new DynamoDbOtpStore(dynamoDb(), tableName),
    sources: new DynamoDbSourceRateLimiter(dynamoDb(), tableName),
    sessions: new DynamoDbSessionStore(dynamoDb(), tableName),
    sms: new SnsSmsSender(sns()),
    clock: systemClock,
    randomBytes,
  };
};
