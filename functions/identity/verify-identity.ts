/** POST /v1/identity: a consumer verifies their identity once (NID, or birth registration under 18). */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { z } from 'zod';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { FixtureIdentityVerifier, HttpIdentityVerifier, UnconfiguredIdentityVerifier } from '../adapters/identity-verifiers';
import { KmsKeyedHasher } from '../adapters/kms-hasher';
import { dynamoDb, kms } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { systemClock } from '../domain/clock';
import { identityGatewayUrl, identityRequest } from '../domain/identity';
import { verifyIdentityUseCase } from './use-cases';

const config = loadConfig({
  [envNames.table]: z.string().min(1),
  [envNames.identityHashKey]: z.string().min(1),
  [envNames.identityVerifier]: z.enum(['gateway', 'fixture', 'unconfigured']),
  [envNames.identityGatewayUrl]: identityGatewayUrl.optional(),
  [envNames.identityGatewayApiKeySecret]: z.string().min(1).optional(),
});

/** The gateway's API key, from Secrets Manager, cached by Powertools for 5 minutes (so a rotated key is picked up). */
const gatewayApiKey = (secretId: string) => async () => {
  const key = await getSecret(secretId, { maxAge: 300 });
  if (typeof key !== 'string' || key === '') throw new Error(`The secret ${secretId} holds no API key`);
  return key;
};

const verifier = () => {
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

const verifyIdentity = verifyIdentityUseCase({
  profiles: new DynamoDbConsumerProfiles(dynamoDb(), config[envNames.table]),
  verifier: verifier(),
  hasher: new KmsKeyedHasher(kms(), config[envNames.identityHashKey]),
  clock: systemClock,
});

export const handler = httpHandler(async (event) =>
  jsonResponse(200, await verifyIdentity(consumerOf(event), parseJsonBody(event, identityRequest))),
);
