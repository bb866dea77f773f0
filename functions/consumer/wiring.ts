/** The consumer context's use cases, wired once. */
import { DynamoDbCaseAccessLog } from '../adapters/dynamodb-access-log';
import { DynamoDbConsumerProfiles } from '../adapters/dynamodb-consumers';
import { DynamoDbUndeliverableMessages } from '../adapters/dynamodb-undeliverable';
import { dynamoDb } from '../commons/clients/dynamodb';
import { tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import { complaintActionUseCase, complaintRepository, evidenceStore, personalDataSealer } from '../complaints/wiring';
import { consumerComplaintsUseCase, consumerComplaintUseCase, consumerDataUseCase } from '../complaints/use-cases';
import { evidenceFiles } from '../evidence/wiring';

export const consumerComplaints = () => consumerComplaintsUseCase(complaintRepository());
export const consumerComplaint = () =>
  consumerComplaintUseCase({
    complaints: complaintRepository(),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
  });
export const consumerAction = complaintActionUseCase;
export const consumerData = () =>
  consumerDataUseCase({
    complaints: complaintRepository(),
    profiles: new DynamoDbConsumerProfiles(dynamoDb(), tableName()),
    undeliverable: new DynamoDbUndeliverableMessages(dynamoDb(), tableName()),
    accessLog: new DynamoDbCaseAccessLog(dynamoDb(), tableName()),
    personalData: personalDataSealer(),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
  });
export { consumerErasure } from '../complaints/erasure-wiring';
