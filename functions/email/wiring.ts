/** The AWS adapters of the email context, built once per cold start. */
import * as z from 'zod';
import { DynamoDbEmailConfirmations } from '../adapters/dynamodb-email-confirmations';
import { DynamoDbEmailSuppressions } from '../adapters/dynamodb-email-suppressions';
import { KmsKeyedHasher } from '../adapters/kms-hasher';
import { kms } from '../commons/clients/kms';
import { DynamoDbUndeliverableMessages } from '../adapters/dynamodb-undeliverable';
import { SesEmailSender, UnconfiguredEmailSender } from '../adapters/ses-email';
import { dynamoDb } from '../commons/clients/dynamodb';
import { ses } from '../commons/clients/ses';
import { envNames, loadConfig, tableName } from '../commons/config';
import { powertoolsBusinessMetrics } from '../commons/telemetry';
import type { EmailSender } from '../domain/ports';
import { systemClock } from '../domain/clock';
import { confirmEmailUseCase, type EmailEventDependencies } from './use-cases';

/** Suppressed addresses, found by their keyed hash (binding email:address-keys). */
const emailSuppressions = () =>
  new DynamoDbEmailSuppressions(
    dynamoDb(),
    tableName(),
    new KmsKeyedHasher(kms(), loadConfig({ [envNames.identityHashKey]: z.string().min(1) })[envNames.identityHashKey]),
  );

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
  return new SesEmailSender(ses(), from, configurationSet, emailSuppressions());
};

export const emailEventDependencies = (): EmailEventDependencies => {
  return {
    suppressions: emailSuppressions(),
    undeliverable: new DynamoDbUndeliverableMessages(dynamoDb(), tableName()),
    metrics: powertoolsBusinessMetrics,
  };
};

/** Confirmations of consumers' addresses (binding email:confirmations). */
export const emailConfirmations = () => new DynamoDbEmailConfirmations(dynamoDb(), tableName());

export const confirmEmail = () => confirmEmailUseCase({ confirmations: emailConfirmations(), clock: systemClock });
