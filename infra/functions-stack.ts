/**
 * The code: every Lambda function, the state machines, the table stream's consumers and the queues
 * they set work aside in, all built from functions/catalog.ts and statemachines/, the same sources
 * the local cloud runs. The API's functions are released gradually through their `live` aliases
 * (CodeDeploy, rolled back on their alarms); the REST API that calls them is infra/api-stack.ts.
 */
import { Arn, ArnFormat, Aws, CfnOutput, Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  LambdaApplication,
  LambdaDeploymentConfig,
  LambdaDeploymentGroup,
  type ILambdaDeploymentConfig,
} from 'aws-cdk-lib/aws-codedeploy';
import { Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  type CfnStateMachine,
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import path from 'node:path';
import { tableDesign } from '../functions/adapters/table-design';
import {
  authorizers,
  streamConsumers,
  type StreamConsumerId,
  type StreamFeed,
  emailEventConsumer,
  evidenceUploadConsumer,
  malwareScanConsumer,
  scheduledFunctions,
  functionCatalog,
  lifecycleTaskFunctions,
  routes,
  webhookDeliveryTaskFunctions,
  caseExportTaskFunctions,
  caseRecordTaskFunctions,
  collectiveCaseTaskFunctions,
  type FunctionId,
  timeoutSecondsOf,
} from '../functions/catalog';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaFunctionTarget, SqsQueue as SqsQueueTarget } from 'aws-cdk-lib/aws-events-targets';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Alias, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Grant, ManagedPolicy, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CcmsFunction, type IdentityGateway } from './constructs/ccms-function';
import {
  baseEnvironment,
  refusalsMetric,
  unexpectedErrorsMetric,
  type BindingResources,
  type SmsProvider,
} from '../functions/bindings';
import type { StageSettings } from './stage';
import { caseRecordBucketArnExport, evidenceBucketArnExport, openDataBucketArnExport } from './stateful-stack';
import { findingIn } from './nag-findings';
import { acknowledgeGuard } from './guard';
import { runbook } from './runbook';

/** The alias of every API function that API Gateway calls; a release moves it to the new version. */
export const liveAlias = 'live';
export const lifecycleAslPath = path.join(import.meta.dirname, '..', 'statemachines', 'complaint-lifecycle.asl.json');
export const webhookDeliveryAslPath = path.join(
  import.meta.dirname,
  '..',
  'statemachines',
  'webhook-delivery.asl.json',
);
export const caseExportAslPath = path.join(import.meta.dirname, '..', 'statemachines', 'case-export.asl.json');
export const caseRecordAslPath = path.join(import.meta.dirname, '..', 'statemachines', 'case-record.asl.json');
export const collectiveCaseAslPath = path.join(import.meta.dirname, '..', 'statemachines', 'collective-case.asl.json');

/**
 * The API's functions, in two stacks of their own beside the workflow's (each under CloudFormation's
 * 500 resources, with room to grow): the consumers' and the public's, and the organisations'
 * (merchants, operators, regulators). functionGroupOf says which function goes where.
 */
export interface ApiFunctionStacks {
  public: Stack;
  organisation: Stack;
}

/** The stack a function is made in: the workflow's, or the API stack of its callers. */
export const functionGroupOf = (functionId: FunctionId): 'workflow' | keyof ApiFunctionStacks => {
  if (functionId === authorizers.consumer) return 'public';
  const served = routes.filter((route) => route.function === functionId);
  if (served.length === 0) return 'workflow';
  return served.every((route) => route.access === 'public' || route.access === 'consumer') ? 'public' : 'organisation';
};

/** SMS providers, and the aggregator's settings: its HTTPS endpoint, sender id and API key secret (name or ARN). */
export interface SmsSettings {
  providers: readonly SmsProvider[];
  gateway?: { url: string; senderId: string; apiKeySecret: string };
}

export interface FunctionsStackProps extends StackProps {
  settings: StageSettings;
  apiFunctionStacks: ApiFunctionStacks;
  /** Releases go ahead whatever their alarms say (context `releaseIgnoringAlarms=true`): to roll a fix forward past a failing version. */
  releaseIgnoringAlarms?: boolean;
  table: ITable;
  idempotencyTable: ITable;
  notificationsTopic: ITopic;
  escalationsTopic: ITopic;
  identityHashKey: IKey;
  credentialsKey: IKey;
  personalDataKey: IKey;
  /** The write-once bucket of formal case records. */
  caseRecordBucket: IBucket;
  /** The open-data files by complaint (public by design). */
  openDataBucket: IBucket;
  evidence: {
    bucket: IBucket;
    /** S3's reports of evidence uploads, and where those the check keeps failing on wait. */
    uploads: IQueue;
    uploadsDeadLetters: IQueue;
  };
  identityGateway?: IdentityGateway;
  /** The SMS providers in the order they are tried (context `smsProviders`); SNS alone when absent. */
  sms?: SmsSettings;
  topicKey: IKey;
  siteUrl?: string;
  /** Days a complaint closed for good keeps its personal data (context complaintRetentionDays). */
  complaintRetentionDays: number;
  /** The stage's own alert rules as checked JSON (context alertRulesFile); the platform's own when absent. */
  alertRules?: string;
  email: {
    configurationSet: IConfigurationSet;
    eventsTopic: ITopic;
    /** The verified sending domain and From address; absent when the stage sends no email. */
    sender?: { domain: string; from: string };
  };
}

/** The bucket prefixes whose objects functions name at run time, and the bindings that grant them. */
const namedAtRunTime = [
  {
    granted: (binding: string) => binding === 'records:write' || binding === 'records:read',
    bucketExport: caseRecordBucketArnExport,
    path: 'records/*',
    reason:
      'Case records are named at run time (records/<tracking number>/<version>); the grant covers that prefix of the write-once bucket only.',
  },
  {
    granted: (binding: string) =>
      binding === 'records:write' || binding === 'records:read' || binding === 'personal-data:erase',
    bucketExport: evidenceBucketArnExport,
    path: 'case-records/*',
    reason:
      'Printable case records are named at run time (case-records/<tracking number>/<version>.html); the grant covers that prefix of the erasable evidence bucket only.',
  },
  {
    granted: (binding: string) => binding === 'exports:write' || binding === 'exports:link',
    bucketExport: evidenceBucketArnExport,
    path: 'exports/*',
    reason:
      'Export files are named at run time (exports/<export id>.csv); the grant covers that prefix of the bucket only.',
  },
  {
    granted: (binding: string) => binding === 'opendata:publish',
    bucketExport: openDataBucketArnExport,
    path: 'open-data/*',
    reason:
      'Open-data files are named by month at run time (open-data/complaints/<YYYY-MM>.csv and .json); the grant covers that prefix of the public open-data bucket only.',
  },
  {
    granted: (binding: string) =>
      (binding.startsWith('evidence:') && binding !== 'evidence:record') || binding === 'personal-data:erase',
    bucketExport: evidenceBucketArnExport,
    path: 'complaints/*',
    reason:
      'Evidence files are named at run time (complaints/<tracking number>/<attachment id>); the grant covers that prefix of the evidence bucket only.',
  },
] as const;

/**
 * How a new version of an API function takes traffic: in production 10% for 5 minutes, then all
 * (rolled back if its alarm fires meanwhile); elsewhere at once, so that a test stage deploys fast.
 */
export const releaseConfigOf = (settings: StageSettings): ILambdaDeploymentConfig =>
  settings.isProduction ? LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES : LambdaDeploymentConfig.ALL_AT_ONCE;

/**
 * The CodeDeploy application and role that release the API functions of one stack (made with its
 * first): in CloudFormation an alias's update policy names its application, which must be the
 * stack's own. The application is `ccms-<stage>-<group>-releases`.
 */
const releasesIn = (stack: Stack, applicationName: string) => {
  const existing = stack.node.tryFindChild('ApiReleases') as LambdaApplication | undefined;
  if (existing) return { application: existing, role: stack.node.findChild('ApiReleaseRole') as Role };
  const application = new LambdaApplication(stack, 'ApiReleases', { applicationName });
  const role = new Role(stack, 'ApiReleaseRole', {
    assumedBy: new ServicePrincipal('codedeploy.amazonaws.com'),
    managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSCodeDeployRoleForLambdaLimited')],
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
    reason:
      'What CodeDeploy needs to move a Lambda alias between versions and read its alarms; AWS maintains this policy for exactly that.',
  });
  return { application, role };
};

/** One of the counts a release alarm reads, of one function (functions/commons/telemetry.ts counts them). */
const releaseMetricOf = (metricName: string, functionName: string, period: Duration) =>
  new Metric({
    namespace: baseEnvironment.POWERTOOLS_METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: baseEnvironment.POWERTOOLS_SERVICE_NAME, FunctionName: functionName },
    period,
    statistic: 'Sum',
  });

export class FunctionsStack extends Stack {
  readonly functions = new Map<FunctionId, CcmsFunction>();
  readonly lifecycle: StateMachine;
  readonly webhookDelivery: StateMachine;
  readonly caseExport: StateMachine;
  readonly caseRecord: StateMachine;
  readonly collectiveCase: StateMachine;
  /** Each API function's `live` alias, which the API calls and each release moves. */
  readonly releases = new Map<FunctionId, Alias>();
  /** What the functions' bindings were resolved against (functions/bindings.ts). */
  readonly bindingResources: BindingResources;

  constructor(scope: Construct, id: string, props: FunctionsStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const table = Table.fromTableAttributes(this, 'Table', {
      tableArn: props.table.tableArn,
      tableStreamArn: props.table.tableStreamArn,
    });
    const gatewaySecret = props.identityGateway && this.secretOf(props.identityGateway.apiKeySecret);
    const smsGatewaySecret = props.sms?.gateway && this.secretOf(props.sms.gateway.apiKeySecret);
    const resources: BindingResources = (this.bindingResources = {
      tableName: table.tableName,
      tableArn: table.tableArn,
      tableIndexArns: Object.keys(tableDesign.indexes).map((indexName) => `${table.tableArn}/index/${indexName}`),
      notificationsTopicArn: props.notificationsTopic.topicArn,
      escalationsTopicArn: props.escalationsTopic.topicArn,
      topicKeyArn: props.topicKey.keyArn,
      anyTopicArn: `arn:${Aws.PARTITION}:sns:*:*:*`,
      identityHashKeyArn: props.identityHashKey.keyArn,
      credentialsKeyArn: props.credentialsKey.keyArn,
      personalDataKeyArn: props.personalDataKey.keyArn,
      evidenceBucketName: props.evidence.bucket.bucketName,
      evidenceBucketArn: Fn.importValue(evidenceBucketArnExport(settings.stage)),
      caseRecordBucketName: props.caseRecordBucket.bucketName,
      caseRecordBucketArn: Fn.importValue(caseRecordBucketArnExport(settings.stage)),
      openDataBucketName: props.openDataBucket.bucketName,
      openDataBucketArn: Fn.importValue(openDataBucketArnExport(settings.stage)),
      idempotencyTableName: props.idempotencyTable.tableName,
      idempotencyTableArn: props.idempotencyTable.tableArn,
      identityVerifier: props.identityGateway ? 'gateway' : 'unconfigured',
      identityGatewayUrl: props.identityGateway?.url,
      identityGatewaySecretId: gatewaySecret?.id,
      identityGatewaySecretArn: gatewaySecret?.grantArn,
      email: props.email.sender && {
        from: props.email.sender.from,
        configurationSetName: props.email.configurationSet.configurationSetName,
        identityArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.email.sender.domain }),
        configurationSetArn: this.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: props.email.configurationSet.configurationSetName,
        }),
      },
      siteUrl: props.siteUrl,
      allowLoopbackWebhooks: false,
      complaintRetentionDays: props.complaintRetentionDays,
      ...(props.alertRules && { alertRules: props.alertRules }),
      sms: props.sms && {
        providers: props.sms.providers,
        gateway: props.sms.gateway &&
          smsGatewaySecret && {
            url: props.sms.gateway.url,
            senderId: props.sms.gateway.senderId,
            secretId: smsGatewaySecret.id,
            secretArn: smsGatewaySecret.grantArn,
          },
      },
    });
    const makeFunction = (functionId: FunctionId) => {
      const group = functionGroupOf(functionId);
      const scope = group === 'workflow' ? this : props.apiFunctionStacks[group];
      const fn = new CcmsFunction(scope, `${functionId[0]!.toUpperCase()}${functionId.slice(1)}Function`, {
        spec: functionCatalog[functionId],
        logRetention: settings.logRetention,
        removalPolicy: settings.removalPolicy,
        timeout: Duration.seconds(timeoutSecondsOf(functionId)),
      });
      const { bindings } = functionCatalog[functionId];
      fn.bind(bindings, resources);
      // Objects named at run time under one prefix: each grant's wildcard acknowledged where it is made.
      for (const prefix of namedAtRunTime) {
        if ((bindings as readonly string[]).some(prefix.granted))
          Validations.of(fn.role!).acknowledge({
            id: `AwsSolutions-IAM5[Resource::${prefix.bucketExport(settings.stage)}/${prefix.path}]`,
            reason: prefix.reason,
          });
      }
      if (gatewaySecret?.acknowledgement && (bindings as readonly string[]).includes('identity:verify')) {
        Validations.of(fn.role!).acknowledge(gatewaySecret.acknowledgement);
      }
      if (
        smsGatewaySecret?.acknowledgement &&
        (bindings as readonly string[]).some((binding) => binding === 'sms:send' || binding === 'sms:reports')
      ) {
        Validations.of(fn.role!).acknowledge(smsGatewaySecret.acknowledgement);
      }
      this.functions.set(functionId, fn);
      return fn;
    };

    // A state machine's task functions come first: it needs their ARNs, and the functions that
    // start it need its ARN. Each function is bound once, when it is made.
    const makeStateMachine = (id: string, aslPath: string, tasks: Record<string, FunctionId>) => {
      const substitutions: Record<string, string> = {};
      const taskFunctions = Object.entries(tasks).map(([substitution, functionId]) => {
        const fn = makeFunction(functionId);
        substitutions[substitution] = fn.functionArn;
        return fn;
      });
      const machine = new StateMachine(this, id, {
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromFile(aslPath),
        definitionSubstitutions: substitutions,
        tracingEnabled: true,
        logs: {
          destination: new LogGroup(this, `${id}Logs`, {
            retention: settings.logRetention,
            removalPolicy: settings.removalPolicy,
          }),
          level: LogLevel.ALL,
          includeExecutionData: false,
        },
      });
      // The unqualified function ARNs only (grantInvoke would add `<arn>:*` for every version).
      Grant.addToPrincipal({
        grantee: machine,
        actions: ['lambda:InvokeFunction'],
        resourceArns: taskFunctions.map((fn) => fn.functionArn),
      });
      Validations.of(machine).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing and CloudWatch Logs delivery of the state machine, which have no resource-level permissions.',
      });
      return machine;
    };
    this.lifecycle = makeStateMachine('ComplaintLifecycle', lifecycleAslPath, lifecycleTaskFunctions);
    // A timer hands over to a fresh execution of its own state machine (a wait past a year, or a history
    // near 25,000 events): a policy of its own, which the state machine does not wait for (its default
    // policy, which it does wait for, cannot name it).
    new Policy(this, 'ComplaintLifecycleHandOverPolicy', {
      roles: [this.lifecycle.role],
      statements: [
        new PolicyStatement({ actions: ['states:StartExecution'], resources: [this.lifecycle.stateMachineArn] }),
      ],
    });
    this.webhookDelivery = makeStateMachine('WebhookDelivery', webhookDeliveryAslPath, webhookDeliveryTaskFunctions);
    // A timer never gives up (it waits 10 minutes and fires again), so a task that keeps failing must be seen.
    new Alarm(this, 'ComplaintTimerFailingAlarm', {
      alarmDescription: `A complaint timer task keeps failing: the complaint waits, retried every 10 minutes, until the cause is fixed. ${runbook('timer-failing')}`,
      metric: this.functions
        .get(lifecycleTaskFunctions.FireTimerFunctionArn)!
        .metricErrors({ period: Duration.minutes(10), statistic: 'Sum' }),
      threshold: 5,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    resources.lifecycleStateMachineArn = this.lifecycle.stateMachineArn;
    resources.lifecycleExecutionsArn = this.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${Arn.split(this.lifecycle.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    resources.webhookStateMachineArn = this.webhookDelivery.stateMachineArn;
    this.caseExport = makeStateMachine('CaseExport', caseExportAslPath, caseExportTaskFunctions);
    resources.exportStateMachineArn = this.caseExport.stateMachineArn;
    this.caseRecord = makeStateMachine('CaseRecord', caseRecordAslPath, caseRecordTaskFunctions);
    this.collectiveCase = makeStateMachine('CollectiveCase', collectiveCaseAslPath, collectiveCaseTaskFunctions);
    resources.collectiveStateMachineArn = this.collectiveCase.stateMachineArn;
    new Alarm(this, 'CollectiveCaseFailedAlarm', {
      alarmDescription: `A collective case's hearing or decision could not reach every member's case after half an hour of retries: redrive the execution once the cause is fixed. ${runbook('collective-case-failed')}`,
      metric: this.collectiveCase.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    resources.caseRecordStateMachineArn = this.caseRecord.stateMachineArn;
    new Alarm(this, 'CaseRecordFailedAlarm', {
      alarmDescription: `A case's formal record could not be written after an hour of retries: start the execution again once the cause is fixed. ${runbook('case-record-failed')}`,
      metric: this.caseRecord.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const changes = this.feedFromStream(table, makeFunction, 'onComplaintChange', {
      queueId: 'ComplaintChangesSetAside',
      setAside:
        'A complaint change failed every retry and was set aside: its timer or messages may be missing until it is replayed.',
      late: 'Complaint changes wait more than 5 minutes in the stream: timers and messages are late.',
    });
    this.feedFromStream(table, makeFunction, 'countComplaintChanges', {
      queueId: 'ComplaintCountsSetAside',
      setAside:
        'A complaint change could not be counted after every retry and was set aside: the public statistics miss it until it is replayed.',
      late: 'Complaint changes wait more than 5 minutes to be counted: the public statistics are behind.',
    });
    // Executions are named at run time, so the grant must end in a wildcard: acknowledge exactly that one.
    const machineId = this.resolve(this.getLogicalId(this.lifecycle.node.defaultChild as CfnStateMachine)) as string;
    Validations.of(changes.role!).acknowledge({
      id: findingIn(
        this,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
      ),
      reason: 'Stops superseded timer executions of this one state machine; their names are made at run time.',
    });

    // SES bounces and complaints: the configuration set's topic delivers them raw to a queue, whose
    // consumer suppresses the address; an event that keeps failing waits in a dead-letter queue.
    const emailEventsDeadLetters = new Queue(this, 'EmailEventsDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(emailEventsDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the email events queue.',
    });
    acknowledgeGuard(emailEventsDeadLetters, {
      'CT.SQS.PR.1': 'This queue is itself the dead-letter queue of the email events queue.',
    });
    const emailEvents = new Queue(this, 'EmailEvents', {
      // SNS cannot write to a queue encrypted with the AWS managed SQS KMS key; SQS-managed encryption it can.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: emailEventsDeadLetters, maxReceiveCount: 5 },
    });
    props.email.eventsTopic.addSubscription(new SqsSubscription(emailEvents, { rawMessageDelivery: true }));
    makeFunction(emailEventConsumer).addEventSource(
      new SqsEventSource(emailEvents, { batchSize: 10, reportBatchItemFailures: true }),
    );
    this.alarmOnAnyMessage(
      'EmailEventsDeadLettersAlarm',
      emailEventsDeadLetters,
      `An SES bounce or complaint could not be applied: the address is not suppressed until it is replayed. ${runbook('queue-set-aside')}`,
    );

    // Evidence uploads: S3 reports each new file to a queue (stateful stack); each is checked here.
    makeFunction(evidenceUploadConsumer).addEventSource(
      new SqsEventSource(props.evidence.uploads, { batchSize: 5, reportBatchItemFailures: true }),
    );
    this.alarmOnAnyMessage(
      'EvidenceUploadsDeadLettersAlarm',
      props.evidence.uploadsDeadLetters,
      `An evidence upload could not be checked: it stays PENDING, never shown, until the report is replayed. ${runbook('queue-set-aside')}`,
    );

    // GuardDuty's malware scan results (context evidenceMalwareScan): those with threats, for the
    // evidence bucket, go from the default event bus to a queue whose consumer quarantines the file.
    // Without the scan no such event comes; the rule stays, so turning the scan on needs nothing more here.
    const malwareScanDeadLetters = new Queue(this, 'MalwareScanResultsDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(malwareScanDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the malware scan results queue.',
    });
    acknowledgeGuard(malwareScanDeadLetters, {
      'CT.SQS.PR.1': 'This queue is itself the dead-letter queue of the malware scan results queue.',
    });
    const malwareScanResults = new Queue(this, 'MalwareScanResults', {
      // EventBridge cannot write to a queue encrypted with the AWS managed SQS KMS key; SQS-managed encryption it can.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: malwareScanDeadLetters, maxReceiveCount: 5 },
    });
    new Rule(this, 'MalwareScanResultsRule', {
      description: `CCMS ${settings.stage}: GuardDuty found threats in an evidence file`,
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: {
          s3ObjectDetails: { bucketName: [props.evidence.bucket.bucketName] },
          scanResultDetails: { scanResultStatus: ['THREATS_FOUND'] },
        },
      },
      targets: [new SqsQueueTarget(malwareScanResults)],
    });
    makeFunction(malwareScanConsumer).addEventSource(
      new SqsEventSource(malwareScanResults, { batchSize: 10, reportBatchItemFailures: true }),
    );
    this.alarmOnAnyMessage(
      'MalwareScanResultsDeadLettersAlarm',
      malwareScanDeadLetters,
      `A file GuardDuty found threats in could not be quarantined: the bucket still refuses to serve it, but the case shows it as verified until the result is replayed. ${runbook('queue-set-aside')}`,
    );

    // Functions run on a schedule: the sweeper of lost timers.
    for (const [functionId, { rate }] of Object.entries(scheduledFunctions) as [FunctionId, { rate: string }][]) {
      const scheduled = makeFunction(functionId);
      new Rule(this, `${functionId[0]!.toUpperCase()}${functionId.slice(1)}Schedule`, {
        description: `CCMS ${settings.stage}: runs ${functionId} ${rate}`,
        schedule: Schedule.expression(rate),
        targets: [new LambdaFunctionTarget(scheduled, { retryAttempts: 2 })],
      });
      if ((functionCatalog[functionId].bindings as readonly string[]).includes('workflow:rearm'))
        Validations.of(scheduled.role!).acknowledge({
          id: findingIn(
            this,
            `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
          ),
          reason:
            'Looks up and restarts lost timer executions of this one state machine; their names are made at run time.',
        });
    }

    // The API's functions: each released gradually through its alias, rolled back on its own alarm.
    const apiFunctionIds = [...new Set<FunctionId>([authorizers.consumer, ...routes.map((route) => route.function)])];
    const deploymentConfig = releaseConfigOf(settings);
    for (const functionId of apiFunctionIds) {
      const fn = makeFunction(functionId);
      // A release's alias, alarm and deployment group live beside the function: an alias in another
      // stack would import the function's version, an export that changes with every release.
      const scope = Stack.of(fn);
      const alias = new Alias(scope, `${fn.node.id}Live`, { aliasName: liveAlias, version: fn.currentVersion });
      // Any failure in a minute rolls a release back. The authorizer's refusals are errors to Lambda,
      // counted apart and taken off; the two counts can fall in different minutes, so its alarm
      // looks at 5 minutes and wants 5 failures (a broken authorizer fails every sign-in).
      const refuses = functionId === authorizers.consumer;
      const period = Duration.minutes(refuses ? 5 : 1);
      const failing = new Alarm(scope, `${fn.node.id}ReleaseAlarm`, {
        alarmDescription: `${functionId} failed requests (it crashed, ran out of time or answered 500): a release of it in progress is rolled back. ${runbook('function-release')}`,
        metric: new MathExpression({
          // A period without one of them is a zero, not a gap that hides the others.
          expression: 'FILL(errors, 0) - FILL(refused, 0) + FILL(unexpected, 0)',
          usingMetrics: {
            errors: alias.metricErrors({ period, statistic: 'Sum' }),
            refused: releaseMetricOf(refusalsMetric, fn.functionName, period),
            unexpected: releaseMetricOf(unexpectedErrorsMetric, fn.functionName, period),
          },
          period,
          label: `${functionId}: failed requests`,
        }),
        threshold: refuses ? 5 : 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      const { application, role } = releasesIn(scope, `ccms-${settings.stage}-${functionGroupOf(functionId)}-releases`);
      new LambdaDeploymentGroup(scope, `${fn.node.id}Release`, {
        application,
        deploymentGroupName: functionId,
        alias,
        role,
        deploymentConfig,
        alarms: [failing],
        // A fix rolled forward while the old version keeps its alarm firing (docs/runbook.md#function-release).
        ignoreAlarmConfiguration: props.releaseIgnoringAlarms === true,
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      });
      this.releases.set(functionId, alias);
    }

    new CfnOutput(this, 'LifecycleStateMachineArn', { value: this.lifecycle.stateMachineArn });
  }

  /** An alarm as soon as a queue of things set aside holds one: someone must look and replay it. */
  /**
   * Feeds one of the table stream's consumers (functions/catalog.ts streamConsumers) as its policy
   * says: a queue for what is set aside, an alarm on it, and one on the stream falling behind.
   */
  private feedFromStream(
    table: ITable,
    makeFunction: (functionId: FunctionId) => CcmsFunction,
    functionId: StreamConsumerId,
    alarms: { queueId: string; setAside: string; late: string },
  ) {
    const consumer = makeFunction(functionId);
    const feed: StreamFeed = streamConsumers[functionId];
    // Where a change that keeps failing is set aside: the queue holds where it is in the stream
    // (shard and sequence numbers), for an operator to look at and replay within the stream's 24 hours.
    const setAside = new Queue(this, alarms.queueId, {
      encryption: QueueEncryption.KMS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(setAside).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination of a consumer of the table stream; it needs no queue of its own.',
    });
    acknowledgeGuard(setAside, {
      'CT.SQS.PR.1':
        'This queue is itself the on-failure destination of a consumer of the table stream; an operator replays it (npm run ops -- redrive), nothing consumes it.',
    });
    consumer.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: feed.batchSize,
        parallelizationFactor: feed.parallelizationFactor,
        bisectBatchOnError: feed.bisectBatchOnError,
        reportBatchItemFailures: true,
        retryAttempts: feed.retryAttempts,
        maxRecordAge: Duration.seconds(feed.maxRecordAgeSeconds),
        onFailure: new SqsDlq(setAside),
      }),
    );
    // The sweeper replays what is set aside (binding changes:redrive): the queue, the consumer, the stream.
    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error('The table has no stream to feed its consumers from');
    const known = this.bindingResources.setAside;
    this.bindingResources.setAside = {
      queues: { ...known?.queues, [functionId]: { url: setAside.queueUrl, arn: setAside.queueArn } },
      consumerArns: [...(known?.consumerArns ?? []), consumer.functionArn],
      streamArn,
    };
    // Someone must look at a change that was set aside, and at a stream that falls behind; `npm run ops -- redrive` finds the queue here.
    new CfnOutput(this, `${alarms.queueId}Url`, { value: setAside.queueUrl });
    this.alarmOnAnyMessage(`${alarms.queueId}Alarm`, setAside, `${alarms.setAside} ${runbook('changes-set-aside')}`);
    new Alarm(this, `${consumer.node.id}IteratorAgeAlarm`, {
      alarmDescription: `${alarms.late} ${runbook('stream-late')}`,
      metric: new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'IteratorAge',
        dimensionsMap: { FunctionName: consumer.functionName },
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 5 * 60_000,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    Validations.of(consumer.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, which the stream event source needs, has no resource-level permissions.',
    });
    return consumer;
  }

  private alarmOnAnyMessage(id: string, queue: IQueue, description: string) {
    return new Alarm(this, id, {
      alarmDescription: description,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * A gateway's API key secret, named or by full ARN. A named secret's ARN ends in a random
   * six-character suffix, so its grant names `<name>-??????`, and cdk-nag is told why.
   */
  private secretOf(nameOrArn: string) {
    if (nameOrArn.startsWith('arn:')) return { id: nameOrArn, grantArn: nameOrArn, acknowledgement: undefined };
    const arnOf = (resourceName: string) =>
      this.formatArn({
        service: 'secretsmanager',
        resource: 'secret',
        resourceName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    return {
      id: arnOf(nameOrArn),
      grantArn: arnOf(`${nameOrArn}-??????`),
      acknowledgement: {
        id: findingIn(
          this,
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${nameOrArn}-??????]`,
        ),
        reason:
          'A secret named without its full ARN is granted with the six-character suffix Secrets Manager adds to every secret ARN.',
      },
    };
  }
}
