/** The regulator context's use cases and its authentication, wired once. */
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { regulatorAuthentication } from '../access/wiring';
import { DynamoDbCaseRecordIndex, S3CaseRecordFiles } from '../adapters/case-records';
import { DynamoDbExportJobs } from '../adapters/dynamodb-export-jobs';
import { S3ExportFiles } from '../adapters/s3-export-files';
import { StepFunctionsExportRunner } from '../adapters/sfn-export-runner';
import { DynamoDbCaseIndex } from '../adapters/dynamodb-case-index';
import { DynamoDbCollectiveCases } from '../adapters/dynamodb-collective-cases';
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import { StepFunctionsCollectiveRunner } from '../adapters/sfn-collective-runner';
import { logger } from '../commons/logger';
import { DynamoDbAlerts, DynamoDbMerchantDays, DynamoDbMerchantIds } from '../adapters/dynamodb-alerts';
import { SnsPublisher } from '../adapters/sns-publisher';
import { sns } from '../commons/clients/sns';
import { dynamoDb } from '../commons/clients/dynamodb';
import { s3 } from '../commons/clients/s3';
import { stepFunctions } from '../commons/clients/sfn';
import { envNames, loadConfig, siteUrlConfig, tableName } from '../commons/config';
import { defaultAlertRules, parseAlertRules } from '../domain/alerts';
import { regulatorCaseUseCase } from '../complaints/use-cases';
import { caseAccessLog, complaintRepository, personalDataSealer, undeliverableMessages } from '../complaints/wiring';
import { systemClock } from '../domain/clock';
import { evidenceFiles, evidenceStore } from '../evidence/wiring';
import { issueCaseRecordUseCase } from './case-record-use-cases';
import { exportStatusUseCase, failExportUseCase, requestExportUseCase, runExportUseCase } from './export-use-cases';
import { evaluateAlertsUseCase, listAlertsUseCase } from './alert-use-cases';
import {
  addCollectiveMembersUseCase,
  applyCollectiveCaseUseCase,
  collectiveCaseUseCase,
  collectiveMembersCsvUseCase,
  createCollectiveCaseUseCase,
  decideCollectiveCaseUseCase,
  listCollectiveCasesUseCase,
  scheduleCollectiveHearingUseCase,
} from './collective-use-cases';
import { decideCaseUseCase, scheduleHearingUseCase, searchCasesUseCase } from './use-cases';

export { regulatorAuthentication };

/** The write-once bucket of case records, the erasable one of their renderings (bindings records:write, records:read) and their index. */
const caseRecordSources = () => {
  const buckets = loadConfig({
    [envNames.caseRecordBucket]: z.string().min(1),
    [envNames.evidenceBucket]: z.string().min(1),
  });
  return {
    files: new S3CaseRecordFiles(s3(), buckets[envNames.caseRecordBucket]),
    renderings: new S3CaseRecordFiles(s3(), buckets[envNames.evidenceBucket]),
    index: new DynamoDbCaseRecordIndex(dynamoDb(), tableName()),
  };
};

export const caseRecordIssue = () =>
  issueCaseRecordUseCase({
    ...caseRecordSources(),
    complaints: complaintRepository(),
    evidence: evidenceStore(),
    clock: systemClock,
  });

export const regulatorCase = () =>
  regulatorCaseUseCase({
    complaints: complaintRepository(),
    accessLog: caseAccessLog(),
    undeliverable: undeliverableMessages(),
    personalData: personalDataSealer(),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
    records: caseRecordSources(),
  });

export const caseIndex = () => new DynamoDbCaseIndex(dynamoDb(), tableName());

export const caseSearch = () => searchCasesUseCase({ cases: caseIndex(), clock: systemClock });

const collectiveCases = () => new DynamoDbCollectiveCases(dynamoDb(), tableName());

export const hearingScheduling = () =>
  scheduleHearingUseCase({ complaints: complaintRepository(), collectives: collectiveCases(), clock: systemClock });

export const caseDecision = () =>
  decideCaseUseCase({ complaints: complaintRepository(), collectives: collectiveCases(), clock: systemClock });

/** The runs of collective cases (binding collective:start). */
const collectiveRunner = () =>
  new StepFunctionsCollectiveRunner(
    stepFunctions(),
    loadConfig({ [envNames.collectiveStateMachine]: z.string().min(1) })[envNames.collectiveStateMachine],
  );

export const collectiveCaseCreation = () =>
  createCollectiveCaseUseCase({
    cases: collectiveCases(),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    clock: systemClock,
    randomBytes,
  });

export const collectiveCaseList = () => listCollectiveCasesUseCase({ cases: collectiveCases() });

export const collectiveCaseRecord = () => collectiveCaseUseCase({ cases: collectiveCases() });

export const collectiveMembersCsv = () => collectiveMembersCsvUseCase({ cases: collectiveCases() });

export const collectiveMembersAddition = () =>
  addCollectiveMembersUseCase({
    cases: collectiveCases(),
    complaints: complaintRepository(),
    runner: collectiveRunner(),
    clock: systemClock,
  });

export const collectiveHearingScheduling = () =>
  scheduleCollectiveHearingUseCase({ cases: collectiveCases(), runner: collectiveRunner(), clock: systemClock });

export const collectiveCaseDecision = () =>
  decideCollectiveCaseUseCase({ cases: collectiveCases(), runner: collectiveRunner(), clock: systemClock });

export const collectiveCaseRun = () =>
  applyCollectiveCaseUseCase({
    cases: collectiveCases(),
    complaints: complaintRepository(),
    clock: systemClock,
    log: (message, detail) => logger.warn(message, detail),
  });

const exportJobs = () => new DynamoDbExportJobs(dynamoDb(), tableName());
/** The export files (bindings exports:write, exports:link). */
const exportFiles = () =>
  new S3ExportFiles(s3(), loadConfig({ [envNames.exportBucket]: z.string().min(1) })[envNames.exportBucket]);

export const exportRequest = () =>
  requestExportUseCase({
    jobs: exportJobs(),
    runner: new StepFunctionsExportRunner(
      stepFunctions(),
      loadConfig({ [envNames.exportStateMachine]: z.string().min(1) })[envNames.exportStateMachine],
    ),
    clock: systemClock,
    randomBytes,
  });

export const exportStatus = () => exportStatusUseCase({ jobs: exportJobs(), files: exportFiles() });

export const exportRun = () =>
  runExportUseCase({ jobs: exportJobs(), cases: caseIndex(), files: exportFiles(), clock: systemClock });

export const exportFailure = () => failExportUseCase({ jobs: exportJobs(), clock: systemClock });

/** The alert rules the evaluation applies: the stage's (binding alerts:record), or the platform's own. Loaded by this function alone. */
export const alertRulesConfig = (env: NodeJS.ProcessEnv = process.env) => {
  const json = env[envNames.alertRules];
  return json ? parseAlertRules(JSON.parse(json)) : defaultAlertRules;
};

/** The scheduled evaluation of the alert rules (bindings table:read, alerts:record, topic:escalations, site:links). */
export const alertEvaluation = () =>
  evaluateAlertsUseCase({
    merchants: new DynamoDbMerchantIds(dynamoDb(), tableName()),
    days: new DynamoDbMerchantDays(dynamoDb(), tableName()),
    alerts: new DynamoDbAlerts(dynamoDb(), tableName()),
    escalations: new SnsPublisher(
      sns(),
      loadConfig({ [envNames.escalationsTopic]: z.string().min(1) })[envNames.escalationsTopic],
    ),
    rules: alertRulesConfig(),
    clock: systemClock,
    siteUrl: siteUrlConfig(),
  });

export const alertList = () => listAlertsUseCase({ alerts: new DynamoDbAlerts(dynamoDb(), tableName()) });
