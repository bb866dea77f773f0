/**
 * AWS SDK clients, created once per cold start and shared by every adapter in the function.
 * Endpoints follow the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, which is how the local
 * cloud points the very same code at DynamoDB Local and its emulators.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let documentClient: DynamoDBDocumentClient | undefined;
let sfnClient: SFNClient | undefined;
let snsClient: SNSClient | undefined;
let kmsClient: KMSClient | undefined;

export const dynamoDb = () =>
  (documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  }));
export const stepFunctions = () => (sfnClient ??= new SFNClient({}));
export const sns = () => (snsClient ??= new SNSClient({}));
export const kms = () => (kmsClient ??= new KMSClient({}));
