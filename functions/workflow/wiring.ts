/** The workflow context's use cases: the change consumer, the timer task and the webhook task, wired once. */
import * as z from 'zod';
import { StepFunctionsCaseRecordIssuer } from '../adapters/case-record-issuer';
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import { DynamoDbOverdueTimers } from '../adapters/dynamodb-overdue-timers';
import { DynamoDbSentMessages } from '../adapters/dynamodb-sent-messages';
import { DynamoDbOneTapLinks } from '../adapters/dynamodb-one-tap-links';
import { DynamoDbMessagePreferences } from '../adapters/dynamodb-consumers';
import { DynamoDbStatistics } from '../adapters/dynamodb-statistics';
import { DynamoDbUndeliverableMessages } from '../adapters/dynamodb-undeliverable';
import { KmsSecretSealer } from '../adapters/kms-sealer';
import { StepFunctionsLifecycleWorkflow } from '../adapters/sfn-workflow';
import { SnsPublisher } from '../adapters/sns-publisher';
import { GuardedWebhookPoster } from '../adapters/webhook-poster';
import { DynamoDbWebhookStore, StepFunctionsWebhookDispatcher } from '../adapters/webhooks';
import { dynamoDb } from '../commons/clients/dynamodb';
import { smsSenderFrom } from '../commons/sms';
import { kms } from '../commons/clients/kms';
import { stepFunctions } from '../commons/clients/sfn';
import { sns } from '../commons/clients/sns';
import { envNames, loadConfig, quietHoursConfig, siteUrlConfig, tableName } from '../commons/config';
import { powertoolsBusinessMetrics } from '../commons/telemetry';
import { complaintRepository, personalDataSealer } from '../complaints/wiring';
import { systemClock } from '../domain/clock';
import { emailConfirmations, emailSender } from '../email/wiring';
import { allowLoopbackWebhooks } from '../merchant/wiring';
import { deliverWebhookUseCase } from '../merchant/webhook-use-cases';
import { dynamoDbStreams } from '../commons/clients/dynamodb-streams';
import { lambda } from '../commons/clients/lambda';
import { sqs } from '../commons/clients/sqs';
import { rearm } from './rearm';
import { redrive, type RedriveResult } from './redrive';
import { complaintChangedUseCase, fireTimerUseCase, sendHeldSmsUseCase, sweepTimersUseCase } from './use-cases';

const arn = z.string().min(1);

/** What a stored complaint change sets off: timers, messages, webhooks and escalations. */
export const complaintChanges = () => {
  const config = loadConfig({
    [envNames.stateMachine]: arn,
    [envNames.webhookStateMachine]: arn,
    [envNames.notificationsTopic]: arn,
    [envNames.escalationsTopic]: arn,
    [envNames.caseRecordStateMachine]: arn,
  });
  return complaintChangedUseCase({
    workflow: new StepFunctionsLifecycleWorkflow(stepFunctions(), config[envNames.stateMachine]),
    undeliverable: new DynamoDbUndeliverableMessages(dynamoDb(), tableName()),
    sentMessages: new DynamoDbSentMessages(dynamoDb(), tableName()),
    notifications: new SnsPublisher(sns(), config[envNames.notificationsTopic]),
    escalations: new SnsPublisher(sns(), config[envNames.escalationsTopic]),
    sms: smsSenderFrom(),
    email: emailSender(),
    emailConfirmations: emailConfirmations(),
    oneTapLinks: new DynamoDbOneTapLinks(dynamoDb(), tableName()),
    messagePreferences: new DynamoDbMessagePreferences(dynamoDb(), tableName()),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    webhooks: new StepFunctionsWebhookDispatcher(stepFunctions(), config[envNames.webhookStateMachine]),
    metrics: powertoolsBusinessMetrics,
    caseRecords: new StepFunctionsCaseRecordIssuer(stepFunctions(), config[envNames.caseRecordStateMachine]),
    personalData: personalDataSealer(),
    siteUrl: siteUrlConfig(),
    quietHoursApply: quietHoursConfig(),
  });
};

/** The morning's task: a consumer SMS held through quiet hours. */
export const heldSmsTask = () =>
  sendHeldSmsUseCase({
    complaints: complaintRepository(),
    sentMessages: new DynamoDbSentMessages(dynamoDb(), tableName()),
    undeliverable: new DynamoDbUndeliverableMessages(dynamoDb(), tableName()),
    sms: smsSenderFrom(),
    oneTapLinks: new DynamoDbOneTapLinks(dynamoDb(), tableName()),
    messagePreferences: new DynamoDbMessagePreferences(dynamoDb(), tableName()),
    metrics: powertoolsBusinessMetrics,
    clock: systemClock,
    siteUrl: siteUrlConfig(),
  });

export const statistics = () => new DynamoDbStatistics(dynamoDb(), tableName());

/** The sweeper: overdue timers from the index, rearmed on the lifecycle state machine. */
export const timerSweep = () => {
  const stateMachineArn = loadConfig({ [envNames.stateMachine]: arn })[envNames.stateMachine];
  const complaints = complaintRepository();
  return sweepTimersUseCase({
    overdue: new DynamoDbOverdueTimers(dynamoDb(), tableName()),
    complaints,
    rearm: (trackingNumber) =>
      rearm({ complaints, sfn: stepFunctions(), stateMachineArn, now: () => systemClock.now() }, trackingNumber),
    metrics: powertoolsBusinessMetrics,
    clock: systemClock,
  });
};

export const timerTask = () => fireTimerUseCase({ complaints: complaintRepository(), clock: systemClock });

export const webhookTask = () =>
  deliverWebhookUseCase({
    webhooks: new DynamoDbWebhookStore(dynamoDb(), tableName()),
    sealer: new KmsSecretSealer(
      kms(),
      loadConfig({ [envNames.credentialsKey]: z.string().min(1) })[envNames.credentialsKey],
    ),
    poster: new GuardedWebhookPoster(allowLoopbackWebhooks()),
    clock: systemClock,
  });

/** The most set-aside messages one sweep replays per consumer: the rest are the next run's. */
export const redriveLimit = 20;

/**
 * Replays what each stream consumer set aside (binding changes:redrive), at most `redriveLimit`
 * messages each, while `timeLeft` says there is time for one more: the consumers' effects are
 * idempotent (timers by name, messages once, counts once per change), so a replay repeats nothing
 * that was done. What fails again stays in its queue, invisible for 15 minutes, and the queue's
 * alarm keeps saying so; what no retry can replay (past the stream's 24 hours, unreadable) is hidden
 * for 12 hours so it does not take the next runs' places, and stays for an operator.
 */
export const setAsideRedrive = () => {
  const queues = loadConfig({
    [envNames.setAsideQueues]: z
      .string()
      .transform((text) => JSON.parse(text) as unknown)
      .pipe(z.record(z.string(), z.url())),
  })[envNames.setAsideQueues];
  const deps = { sqs: sqs(), streams: dynamoDbStreams(), lambda: lambda() };
  return async (timeLeft: () => boolean) => {
    // The changes' table keys (a complaint's tracking number, never personal data) say what was tried.
    const results: { consumer: string; outcome: RedriveResult['outcome']; reason?: string; keys?: unknown[] }[] = [];
    for (const [consumer, queueUrl] of Object.entries(queues)) {
      const report = (result: RedriveResult) => {
        if (result.outcome === 'REPLAYED') powertoolsBusinessMetrics.count('ChangesReplayed');
        results.push({
          consumer,
          outcome: result.outcome,
          ...('reason' in result && { reason: result.reason }),
          ...('keys' in result && { keys: result.keys }),
        });
      };
      try {
        await redrive(deps, queueUrl, report, { limit: redriveLimit, timeLeft, park: true });
      } catch (error) {
        // The queue itself could not be read (throttled, refused): the other consumer's is still tried.
        report({ outcome: 'FAILED_AGAIN', reason: `${(error as Error).name}: the queue could not be read`, keys: [] });
      }
    }
    return results;
  };
};
