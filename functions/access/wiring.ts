/** AWS adapters for signed-request authentication, built once per cold start. */
import * as z from 'zod';
import { DynamoDbCredentialStore, DynamoDbReplayGuard } from '../adapters/dynamodb-credentials';
import { KmsSecretSealer } from '../adapters/kms-sealer';
import { dynamoDb } from '../commons/clients/dynamodb';
import { kms } from '../commons/clients/kms';
import { envNames, loadConfig } from '../commons/config';
import type { HttpEvent } from '../commons/http';
import { wallClock } from '../domain/clock';
import type { Principal, Role } from '../domain/credentials';
import { authenticateSignedUseCase, signedRequestsOf } from './signed-requests';

export const signedRequestAuthentication = () => {
  const config = loadConfig({
    [envNames.table]: z.string().min(1),
    [envNames.credentialsKey]: z.string().min(1),
    AWS_REGION: z.string().min(1),
  });
  const tableName = config[envNames.table];
  const authenticate = authenticateSignedUseCase({
    credentials: new DynamoDbCredentialStore(dynamoDb(), tableName),
    sealer: new KmsSecretSealer(kms(), config[envNames.credentialsKey]),
    replays: new DynamoDbReplayGuard(dynamoDb(), tableName),
    clock: wallClock,
    region: config.AWS_REGION,
  });
  return (event: HttpEvent, allowed: readonly Role[]) => authenticate(signedRequestsOf(event), allowed);
};

/** A signed merchant request: the merchant it speaks for (any other role is refused with 403). */
export const merchantAuthentication = () => {
  const authenticate = signedRequestAuthentication();
  return async (event: HttpEvent): Promise<string> => {
    const principal = await authenticate(event, ['merchant']);
    if (principal.role !== 'merchant') throw new Error('authenticate returned a principal of another role');
    return principal.merchantId;
  };
};

/** A signed regulator request: the regulator and agency it speaks for. */
export const regulatorAuthentication = () => {
  const authenticate = signedRequestAuthentication();
  return async (event: HttpEvent): Promise<Extract<Principal, { role: 'regulator' }>> => {
    const principal = await authenticate(event, ['regulator']);
    if (principal.role !== 'regulator') throw new Error('authenticate returned a principal of another role');
    return principal;
  };
};
