/** POST /v1/identity: a consumer verifies their identity once (NID, or birth registration under 18). */
import { z } from 'zod';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { FixtureIdentityVerifier, HttpIdentityVerifier, UnconfiguredIdentityVerifier } from '../adapters/identity-verifiers';
import { KmsKeyedHasher } from '../adapters/kms-hasher';
import { dynamoDb, kms } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { systemClock } from '../domain/clock';
import { identityRequest } from '../domain/identity';
import { verifyIdentityUseCase } from './use-cases';

const config = loadConfig({
  [envNames.table]: z.string().min(1),
  [envNames.identityHashKey]: z.string().min(1),
  [envNames.identityVerifier]: z.enum(['gateway', 'fixture', 'unconfigured']),
  [envNames.identityGatewayUrl]: z.url().optional(),
  [envNames.identityGatewayApiKey]: z.string().optional(),
});

const verifier = () => {
  switch (config[envNames.identityVerifier]) {
    case 'fixture':
      return new FixtureIdentityVerifier();
    case 'unconfigured':
      return new UnconfiguredIdentityVerifier();
    case 'gateway': {
      const url = config[envNames.identityGatewayUrl];
      const apiKey = config[envNames.identityGatewayApiKey];
      if (!url || !apiKey) throw new Error(`IDENTITY_VERIFIER=gateway needs ${envNames.identityGatewayUrl} and ${envNames.identityGatewayApiKey}`);
      return new HttpIdentityVerifier(url, apiKey);
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
