/**
 * AWS SDK clients, created once per cold start and shared by every adapter in the function.
 * Endpoints follow the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, which is how the local
 * cloud points the very same code at DynamoDB Local and its emulators.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from './telemetry';

let dynamoDbClient: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let sfnClient: SFNClient | undefined;
let snsClient: SNSClient | undefined;
let kmsClient: KMSClient | undefined;
let sesClient: SESv2Client | undefined;
let s3Client: S3Client | undefined;

/** Each client is traced: its calls appear as subsegments of the invocation's X-Ray trace. */
export const dynamoDbLowLevel = () => (dynamoDbClient ??= tracer.captureAWSv3Client(new DynamoDBClient({})));
export const dynamoDb = () => (documentClient ??= DynamoDBDocumentClient.from(dynamoDbLowLevel(), { marshallOptions: { removeUndefinedValues: true } }));
export const stepFunctions = () => (sfnClient ??= tracer.captureAWSv3Client(new SFNClient({})));
export const sns = () => (snsClient ??= tracer.captureAWSv3Client(new SNSClient({})));
export const kms = () => (kmsClient ??= tracer.captureAWSv3Client(new KMSClient({})));
export const ses = () => (sesClient ??= tracer.captureAWSv3Client(new SESv2Client({})));
export const s3 = () => (s3Client ??= tracer.captureAWSv3Client(new S3Client({})));
