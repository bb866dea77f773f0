/** The SMS context's adapters: what receiving an aggregator's delivery reports needs, built once per cold start. */
import * as z from 'zod';
import { DynamoDbSentMessages } from '../adapters/dynamodb-sent-messages';
import { DynamoDbUndeliverableMessages } from '../adapters/dynamodb-undeliverable';
import { dynamoDb } from '../commons/clients/dynamodb';
import { envNames, loadConfig, tableName } from '../commons/config';
import { apiKeyFromSecret } from '../commons/secrets';
import { powertoolsBusinessMetrics } from '../commons/telemetry';
import { systemClock } from '../domain/clock';
import { smsReportUseCase } from './report-use-case';

export const smsReports = () => {
  const secretId = loadConfig({ [envNames.smsGatewayApiKeySecret]: z.string().min(1).optional() })[
    envNames.smsGatewayApiKeySecret
  ];
  return smsReportUseCase({
    apiKey: secretId === undefined ? undefined : apiKeyFromSecret(secretId),
    sentMessages: new DynamoDbSentMessages(dynamoDb(), tableName()),
    undeliverable: new DynamoDbUndeliverableMessages(dynamoDb(), tableName()),
    metrics: powertoolsBusinessMetrics,
    clock: systemClock,
  });
};
