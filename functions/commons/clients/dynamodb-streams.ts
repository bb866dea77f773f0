/** The function's DynamoDB Streams client, created once per cold start (see dynamodb.ts). */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

let client: DynamoDBStreamsClient | undefined;

export const dynamoDbStreams = () => (client ??= new DynamoDBStreamsClient({}));
