/**
 * The complaints context's adapters, wired once: every context that reads or changes complaints
 * (consumer, merchant, regulator, workflow) takes its repository and action use case from here.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { DynamoDbCaseAccessLog } from '../adapters/dynamodb-access-log';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { DynamoDbUndeliverableMessages } from '../adapters/dynamodb-undeliverable';
import { DynamoDbEvidenceStore } from '../adapters/dynamodb-evidence';
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import * as z from 'zod';
import { retentionDays } from '../domain/erasure';
import { KmsSecretSealer } from '../adapters/kms-sealer';
import { dynamoDb } from '../commons/clients/dynamodb';
import { kms } from '../commons/clients/kms';
import { envNames, loadConfig, tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import { performActionUseCase } from './actions';
import { fileComplaintUseCase, getComplaintUseCase, precheckUseCase } from './use-cases';

export const complaintRepository = () => new DynamoDbComplaintRepository(dynamoDb(), tableName());
/** Consumers' verified identities and their daily checks. */
export const consumerProfiles = () => new DynamoDbConsumerProfiles(dynamoDb(), tableName());
/** The messages kept with their complaint as undeliverable. */
export const undeliverableMessages = () => new DynamoDbUndeliverableMessages(dynamoDb(), tableName());
/** The stage's retention of closed complaints (context complaintRetentionDays): the retention job's period, and the logs' after an erasure. */
export const complaintRetentionDays = () =>
  loadConfig({ [envNames.complaintRetentionDays]: retentionDays })[envNames.complaintRetentionDays];
/** Regulators' reads of cases. */
export const caseAccessLog = () => new DynamoDbCaseAccessLog(dynamoDb(), tableName());

/** Seals and opens personal data (the complainant's name) with its own key, the tracking number bound in (bindings personal-data:*). */
export const personalDataSealer = () =>
  new KmsSecretSealer(
    kms(),
    loadConfig({ [envNames.personalDataKey]: z.string().min(1) })[envNames.personalDataKey],
    'trackingNumber',
  );

export const filingUseCase = () =>
  fileComplaintUseCase({
    complaints: complaintRepository(),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    profiles: consumerProfiles(),
    personalData: personalDataSealer(),
    clock: systemClock,
    randomBytes,
  });

export const filingPrecheck = () =>
  precheckUseCase({
    complaints: complaintRepository(),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    clock: systemClock,
  });

export const publicComplaintUseCase = () => getComplaintUseCase(complaintRepository());

/** A consumer's or merchant's action on a complaint they own. */
/** A complaint's evidence records (the merchant's proposal names its verified files). */
export const evidenceStore = () => new DynamoDbEvidenceStore(dynamoDb(), tableName());

export const complaintActionUseCase = () =>
  performActionUseCase({ complaints: complaintRepository(), evidence: evidenceStore(), clock: systemClock });
