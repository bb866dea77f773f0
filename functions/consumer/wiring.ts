/** The consumer context's use cases, wired once. */
import { systemClock } from '../domain/clock';
import {
  caseAccessLog,
  complaintActionUseCase,
  complaintRepository,
  consumerProfiles,
  evidenceStore,
  personalDataSealer,
  undeliverableMessages,
} from '../complaints/wiring';
import { consumerComplaintsUseCase, consumerComplaintUseCase, consumerDataUseCase } from '../complaints/use-cases';
import { evidenceFiles } from '../evidence/wiring';
import { DynamoDbOneTapLinks } from '../adapters/dynamodb-one-tap-links';
import { DynamoDbMessagePreferences } from '../adapters/dynamodb-consumers';
import { DynamoDbUnlistedSellers } from '../adapters/dynamodb-unlisted-sellers';
import { dynamoDb } from '../commons/clients/dynamodb';
import { tableName } from '../commons/config';
import { actOneTapUseCase, openOneTapUseCase, type OneTapDependencies } from '../complaints/one-tap-use-cases';

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
    profiles: consumerProfiles(),
    undeliverable: undeliverableMessages(),
    accessLog: caseAccessLog(),
    personalData: personalDataSealer(),
    messagePreferences: new DynamoDbMessagePreferences(dynamoDb(), tableName()),
    sellerReports: new DynamoDbUnlistedSellers(dynamoDb(), tableName()),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
  });
export { consumerErasure } from '../complaints/erasure-wiring';

/** The one-tap page's calls: open a link, act with it. */
export const oneTap = () => {
  const deps: OneTapDependencies = {
    links: new DynamoDbOneTapLinks(dynamoDb(), tableName()),
    complaints: complaintRepository(),
    perform: complaintActionUseCase(),
    clock: systemClock,
  };
  return { open: openOneTapUseCase(deps), act: actOneTapUseCase(deps) };
};

/** What the consumer chose to hear (binding consumer:message-preferences). */
export const messagePreferences = () => new DynamoDbMessagePreferences(dynamoDb(), tableName());
