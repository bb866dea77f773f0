/** The AWS adapters the identity functions share, built once per cold start (the identity check's are in verifier-wiring.ts). */
import { randomBytes } from 'node:crypto';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { DynamoDbOtpStore, DynamoDbSessionStore, DynamoDbSourceRateLimiter } from '../adapters/dynamodb-identity';
import { dynamoDb } from '../commons/clients/dynamodb';
import { smsSenderFrom } from '../commons/sms';
import { tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import {
  authenticateConsumerUseCase,
  identityStatusUseCase,
  type CodeCheckDependencies,
  type PhoneVerificationDependencies,
} from './use-cases';

/** What checking a code needs: the codes and the sessions a code opens. */
export const codeCheckDependencies = (): CodeCheckDependencies => {
  const table = tableName();
  return {
    otps: new DynamoDbOtpStore(dynamoDb(), table),
    sessions: new DynamoDbSessionStore(dynamoDb(), table),
    clock: systemClock,
    randomBytes,
  };
};

/** What sending a code needs besides: the per-network limits and the SMS sender. */
export const phoneVerificationDependencies = (): PhoneVerificationDependencies => ({
  ...codeCheckDependencies(),
  sources: new DynamoDbSourceRateLimiter(dynamoDb(), tableName()),
  sms: smsSenderFrom(),
});

/** The consumer authorizer's check of a session token. */
export const consumerAuthentication = () =>
  authenticateConsumerUseCase({ sessions: new DynamoDbSessionStore(dynamoDb(), tableName()), clock: systemClock });

export const identityStatus = () => identityStatusUseCase(new DynamoDbConsumerProfiles(dynamoDb(), tableName()));
