/**
 * The identity check's adapters: the national ID gateway, its API key in Secrets Manager, and the
 * keyed hash of document numbers. A module of its own, so only verifyIdentity loads the Secrets
 * Manager client at its cold start (the other identity functions never call it).
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from 'zod';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import {
  FixtureIdentityVerifier,
  HttpIdentityVerifier,
  UnconfiguredIdentityVerifier,
} from '../adapters/identity-verifiers';
import { KmsKeyedHasher } from '../adapters/kms-hasher';
import { dynamoDb } from '../commons/clients/dynamodb';
import { kms } from '../commons/clients/kms';
import { envNames, loadConfig, tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import { identityGatewayUrl } from '../domain/identity';
import { verifyIdentityUseCase } from './use-cases';

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
      if (!url || !secretId)
        throw new Error(
          `IDENTITY_VERIFIER=gateway needs ${envNames.identityGatewayUrl} and ${envNames.identityGatewayApiKeySecret}`,
        );
      return new HttpIdentityVerifier(url, gatewayApiKey(secretId));
    }
  }
};

export const identityVerification = () =>
  verifyIdentityUseCase({
    profiles: new DynamoDbConsumerProfiles(dynamoDb(), tableName()),
    verifier: identityVerifier(),
    hasher: new KmsKeyedHasher(
      kms(),
      loadConfig({ [envNames.identityHashKey]: z.string().min(1) })[envNames.identityHashKey],
    ),
    clock: systemClock,
  });
