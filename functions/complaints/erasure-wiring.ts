/** The erasure's adapters (binding personal-data:erase), wired once: a consumer's request and the end of retention. */
import * as z from 'zod';
import { DynamoDbCaseRecordIndex } from '../adapters/case-records';
import { DynamoDbErasureRecords } from '../adapters/dynamodb-erasures';
import { KmsKeyedHasher } from '../adapters/kms-hasher';
import { DynamoDbUnlistedSellers } from '../adapters/dynamodb-unlisted-sellers';
import { eraseReportsUseCase } from '../unlisted/use-cases';
import { S3ErasableFiles } from '../adapters/s3-erasable-files';
import { dynamoDb } from '../commons/clients/dynamodb';
import { kms } from '../commons/clients/kms';
import { s3 } from '../commons/clients/s3';
import { envNames, loadConfig, tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import { consumerErasureUseCase, eraseExpiredComplaintsUseCase, type ErasureDependencies } from './erasure-use-cases';
import { complaintRepository, complaintRetentionDays, consumerProfiles, evidenceStore } from './wiring';

const erasureDependencies = (): ErasureDependencies => {
  const config = loadConfig({
    [envNames.evidenceBucket]: z.string().min(1),
    [envNames.identityHashKey]: z.string().min(1),
  });
  return {
    complaints: complaintRepository(),
    evidence: evidenceStore(),
    files: new S3ErasableFiles(s3(), config[envNames.evidenceBucket]),
    caseRecords: new DynamoDbCaseRecordIndex(dynamoDb(), tableName()),
    records: new DynamoDbErasureRecords(dynamoDb(), tableName(), complaintRetentionDays()),
    hasher: new KmsKeyedHasher(kms(), config[envNames.identityHashKey]),
    clock: systemClock,
  };
};

export const consumerErasure = () =>
  consumerErasureUseCase({
    ...erasureDependencies(),
    profiles: consumerProfiles(),
    eraseReports: eraseReportsUseCase({
      sellers: new DynamoDbUnlistedSellers(dynamoDb(), tableName()),
      clock: systemClock,
    }),
  });

/** The retention job. */
export const expiredComplaintsErasure = () =>
  eraseExpiredComplaintsUseCase({ ...erasureDependencies(), retentionDays: complaintRetentionDays() });
