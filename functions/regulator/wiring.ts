/** The regulator context's use cases and its authentication, wired once. */
import { regulatorAuthentication } from '../access/wiring';
import { DynamoDbCaseAccessLog } from '../adapters/dynamodb-access-log';
import { DynamoDbCaseIndex } from '../adapters/dynamodb-case-index';
import { DynamoDbUndeliverableMessages } from '../adapters/dynamodb-undeliverable';
import { dynamoDb } from '../commons/clients';
import { tableName } from '../commons/config';
import { regulatorCaseUseCase } from '../complaints/use-cases';
import { complaintRepository, personalDataSealer } from '../complaints/wiring';
import { systemClock } from '../domain/clock';
import { evidenceFiles, evidenceStore } from '../evidence/wiring';
import { decideCaseUseCase, scheduleHearingUseCase, searchCasesUseCase } from './use-cases';

export { regulatorAuthentication };

export const regulatorCase = () =>
  regulatorCaseUseCase({
    complaints: complaintRepository(),
    accessLog: new DynamoDbCaseAccessLog(dynamoDb(), tableName()),
    undeliverable: new DynamoDbUndeliverableMessages(dynamoDb(), tableName()),
    personalData: personalDataSealer(),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
  });

export const caseIndex = () => new DynamoDbCaseIndex(dynamoDb(), tableName());

export const caseSearch = () => searchCasesUseCase({ cases: caseIndex(), clock: systemClock });

export const hearingScheduling = () => scheduleHearingUseCase({ complaints: complaintRepository(), clock: systemClock });

export const caseDecision = () => decideCaseUseCase({ complaints: complaintRepository(), clock: systemClock });
