/** The AWS adapters the identity functions share, built once per cold start. */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { DynamoDbOtpStore, DynamoDbSessionStore, DynamoDbSourceRateLimiter } from '../adapters/dynamodb-identity';
import { FixtureIdentityVerifier, HttpIdentityVerifier, UnconfiguredIdentityVerifier } from '../adapters/identity-verifiers';
import { KmsKeyedHasher } from '../adapters/kms-hasher';
import { SnsSmsSender } from '../adapters/sns-sms';
import { dynamoDb, kms, sns } from '../commons/clients';
import { envNames, loadConfig, tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import { identityGatewayUrl } from '../domain/identity';
import { authenticateConsumerUseCase, identityStatusUseCase, verifyIdentityUseCase, type PhoneVerificationDependencies } from './use-cases';

export const phoneVerificationDependencies = (): PhoneVerificationDependencies => {
  const table = tableName();
  return {
    otps: new DynamoDbOtpStore(dynamoDb(), table),
    sources: new DynamoDbSourceRateLimiter(dynamoDb(), table),
    sessions: new DynamoDbSessionStore(dynamoDb(), table),
    sms: new SnsSmsSender(sns()),
    clock: systemClock,
    randomBytes,
  };
};

/** The consumer authorizer's check of a session token. */
export const consumerAuthentication = () => authenticateConsumerUseCase({ sessions: new DynamoDbSessionStore(dynamoDb(), tableName()), clock: systemClock });

export const identityStatus = () => identityStatusUseCase(new DynamoDbConsumerProfiles(dynamoDb(), tableName()));

/** The gateway's API key, from Secrets Manager, cached by Powertools for 5 minutes (so a rotated key is picked up). */
const gatewayApiKey = (secretId: string) => async () => {
  const key = await getSecret(secretId, { maxAge: 300 });
  if (typeof key !== 'string' || key === '') throw new Error(`The secret ${secretId} holds no API key`);
  return key;
};

/** The identity verifier the stage is configured with (binding identity:verify). */
const identityVerifier = () => {
  const config = loadConfig({
    [envNames.identityVerifier]: z.enum(['gateway', 'fixture', 'unconfigured']),
    [envNames.identityGatewayUrl]: identityGatewayUrl.optional(),
    [envNames.identityGatewayApiKeySecret]: z.string().min(1).optional(),
  });
  switch (config[envNames.identityVerifier]) {
    case 'fixture':
      return new FixtureIdentityVerifier();
    case 'unconfigured':
      return new UnconfiguredIdentityVerifier();
    case 'gateway': {
      const url = config[envNames.identityGatewayUrl];
      const secretId = config[envNames.identityGatewayApiKeySecret];
      if (!url || !secretId) throw new Error(`IDENTITY_VERIFIER=gateway needs ${envNames.identityGatewayUrl} and ${envNames.identityGatewayApiKeySecret}`);
      return new HttpIdentityVerifier(url, gatewayApiKey(secretId));
    }
  }
};

export const identityVerification = () =>
  verifyIdentityUseCase({
    profiles: new DynamoDbConsumerProfiles(dynamoDb(), tableName()),
    verifier: identityVerifier(),
    hasher: new KmsKeyedHasher(kms(), loadConfig({ [envNames.identityHashKey]: z.string().min(1) })[envNames.identityHashKey]),
    clock: systemClock,
  });
