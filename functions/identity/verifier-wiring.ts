/**
 * The identity check's adapters: the national ID gateway, its API key in Secrets Manager, and the
 * keyed hash of document numbers. A module of its own, so only verifyIdentity carries the gateway's
 * adapter (the other identity functions never call it).
 */
import * as z from 'zod';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import {
  FixtureIdentityVerifier,
  HttpIdentityVerifier,
  UnconfiguredIdentityVerifier,
} from '../adapters/identity-verifiers';
import { KmsKeyedHasher } from '../adapters/kms-hasher';
import { dynamoDb } from '../commons/clients/dynamodb';
import { apiKeyFromSecret } from '../commons/secrets';
import { kms } from '../commons/clients/kms';
import { envNames, loadConfig, tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import { identityGatewayUrl } from '../domain/identity';
import { verifyIdentityUseCase } from './use-cases';

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
      return new HttpIdentityVerifier(url, apiKeyFromSecret(secretId));
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
