/** The AWS adapters of the email context, built once per cold start. */
import * as z from 'zod';
import { DynamoDbEmailSuppressions } from '../adapters/dynamodb-email-suppressions';
import { DynamoDbUndeliverableMessages } from '../adapters/dynamodb-undeliverable';
import { SesEmailSender, UnconfiguredEmailSender } from '../adapters/ses-email';
import { dynamoDb } from '../commons/clients/dynamodb';
import { ses } from '../commons/clients/ses';
import { envNames, loadConfig, tableName } from '../commons/config';
import { powertoolsBusinessMetrics } from '../commons/telemetry';
import type { EmailSender } from '../domain/ports';
import type { EmailEventDependencies } from './use-cases';

/** The sender the stage is configured with: SES with its domain and configuration set, or none (every email kept as undeliverable). */
export const emailSender = (): EmailSender => {
  const config = loadConfig({
    [envNames.emailFrom]: z.email().or(z.literal('unconfigured')),
    [envNames.emailConfigurationSet]: z.string().min(1).optional(),
  });
  const from = config[envNames.emailFrom];
  if (from === 'unconfigured') return new UnconfiguredEmailSender();
  const configurationSet = config[envNames.emailConfigurationSet];
  if (!configurationSet) throw new Error(`${envNames.emailFrom} needs ${envNames.emailConfigurationSet}`);
  return new SesEmailSender(ses(), from, configurationSet, new DynamoDbEmailSuppressions(dynamoDb(), tableName()));
};

export const emailEventDependencies = (): EmailEventDependencies => {
  return {
    suppressions: new DynamoDbEmailSuppressions(dynamoDb(), tableName()),
    undeliverable: new DynamoDbUndeliverableMessages(dynamoDb(), tableName()),
    metrics: powertoolsBusinessMetrics,
  };
};
