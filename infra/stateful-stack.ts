/**
 * What holds data and must outlive any deploy of the code: the table, the evidence bucket, the
 * topics and the key that encrypts them. Deployed apart from the functions so a code change can
 * never replace them.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  EventType,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { AnyPrincipal, Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import type { EscalationSubscription } from './escalation-subscriptions';
import type { Construct } from 'constructs';
import { exportLimits } from '../functions/domain/exports';
import { idempotencyTableDesign, indexDesigns, tableDesign } from '../functions/adapters/table-design';
import type { StageSettings } from './stage';
import { findingIn } from './nag-findings';
import { acknowledgeGuard } from './guard';

/** The export the functions stack imports the evidence bucket's ARN by. */
export const evidenceBucketArnExport = (stage: string) => `Ccms-${stage}-EvidenceBucketArn`;
export const caseRecordBucketArnExport = (stage: string) => `Ccms-${stage}-CaseRecordBucketArn`;
export const openDataBucketArnExport = (stage: string) => `Ccms-${stage}-OpenDataBucketArn`;

/** How long each version of a case record is locked, and how (context `caseRecordRetentionDays`, `caseRecordRetentionMode`). */
export interface CaseRecordRetention {
  days: number;
  /** COMPLIANCE: no one, not even the account's root, can delete or shorten it; GOVERNANCE: a principal granted s3:BypassGovernanceRetention can. */
  mode: 'COMPLIANCE' | 'GOVERNANCE';
}

/** Email through Amazon SES: the sending domain (context `emailDomain`) and, optionally, the From address and configuration set name. */
export interface EmailSettings {
  domain: string;
  /** Defaults to no-reply@<domain>. */
  from?: string;
  /** Defaults to a name CloudFormation makes. */
  configurationSetName?: string;
}

export interface StatefulStackProps extends StackProps {
  settings: StageSettings;
  email?: EmailSettings;
  /** Amazon GuardDuty Malware Protection for S3 on the evidence bucket (context `evidenceMalwareScan=true`). */
  evidenceMalwareScan?: boolean;
  /** The lock on case records; by default 10 years COMPLIANCE in prod, 1 day GOVERNANCE elsewhere. */
  caseRecordRetention?: CaseRecordRetention;
  /** Regulators' subscriptions to the escalations topic (context `escalationSubscriptions`). */
  escalationSubscriptions?: EscalationSubscription[];
  /** The site's origin (`https://host`), the only one whose pages may upload evidence; any CloudFront site when not known. */
  siteOrigin?: string;
  /** Who is told when an alarm fires: email addresses and https endpoints (context `alarmSubscriptions`). */
  alarmSubscriptions?: readonly string[];
}

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly evidenceBucket: Bucket;
  /** Formal case records, write-once (S3 Object Lock). */
  readonly caseRecordBucket: Bucket;
  /** Open-data files by complaint, public by design: the site's CloudFront serves them under /open-data/. */
  readonly openDataBucket: Bucket;
  /** S3 reports every evidence upload here; the functions stack's check function consumes it. */
  readonly evidenceUploads: Queue;
  /** Upload reports the check failed on every retry. */
  readonly evidenceUploadsDeadLetters: Queue;
  readonly notificationsTopic: Topic;
  readonly escalationsTopic: Topic;
  readonly topicKey: Key;
  readonly identityHashKey: Key;
  readonly credentialsKey: Key;
  readonly personalDataKey: Key;
  readonly idempotencyTable: Table;
  readonly emailConfigurationSet: ConfigurationSet;
  /** Where SES reports bounces and complaints of the configuration set. */
  readonly emailEventsTopic: Topic;
  readonly emailIdentity?: EmailIdentity;
  /** Every alarm of the stage notifies this topic, when it fires and when it clears (docs/runbook.md). */
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { settings } = props;

    this.table = new Table(this, 'CcmsTable', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: settings.isProduction,
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      // The outbox: every complaint change reaches the stream consumer, which starts timers and notifies.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: settings.removalPolicy,
    });
    for (const [indexName, index] of indexDesigns) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: {
          name: index.sortKey,
          type: index.sortKeyType === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
        },
        ...(index.projection
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }
          : { projectionType: ProjectionType.ALL }),
      });
    }

    // Idempotency-Key records (Powertools idempotency): a day's worth, spread over partitions by key hash.
    this.idempotencyTable = new Table(this, 'IdempotencyTable', {
      partitionKey: { name: idempotencyTableDesign.partitionKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: idempotencyTableDesign.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.idempotencyTable).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Idempotency records live a day and can be lost without harm: a lost record only lets a retry act again, which the lifecycle refuses or repeats harmlessly.',
    });
    acknowledgeGuard(this.idempotencyTable, {
      'CT.DYNAMODB.PR.1':
        'Idempotency records live a day and can be lost without harm (see AwsSolutions-DDB3 here): nothing to restore.',
    });

    const accessLogs = new Bucket(this, 'EvidenceAccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: settings.removalPolicy,
      autoDeleteObjects: !settings.isProduction,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the evidence bucket access logs; logging it into itself would loop.',
    });
    acknowledgeGuard(accessLogs, {
      'CT.S3.PR.2': 'This bucket receives the evidence bucket access logs; logging it into itself would loop.',
      'CT.S3.PR.4': 'Access logs are read by people investigating, not processed on arrival.',
      // S3 server access logging writes with the bucket ACL (log delivery group); CloudFront logs would too.
      'CT.S3.PR.5':
        'S3 server access log delivery needs the bucket owner to own the objects it writes (BUCKET_OWNER_PREFERRED).',
      'CT.S3.PR.9': 'Access logs expire after a year (lifecycle); a lock would keep them past that.',
      'CT.S3.PR.10': 'S3 server access logging can only deliver to a bucket encrypted with S3-managed keys (SSE-S3).',
      'CT.S3.PR.11': 'Log files are written once and never replaced: versions would keep nothing more.',
    });

    this.evidenceBucket = new Bucket(this, 'EvidenceBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      // Consumers' browsers upload evidence straight to S3 with presigned POST forms.
      // Only the site's pages may read the answer (the distribution's own name is unknown before the web stack exists).
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: [props.siteOrigin ?? 'https://*.cloudfront.net'],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      // Old versions of files (a second upload through the same form) are kept a while, then go.
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Regulators' CSV exports are kept a week, as their jobs are.
        {
          prefix: 'exports/',
          expiration: Duration.days(exportLimits.keepDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      // GuardDuty's malware scan listens through EventBridge; enabled here so the notification settings below keep it.
      eventBridgeEnabled: props.evidenceMalwareScan === true,
      removalPolicy: settings.removalPolicy,
      autoDeleteObjects: !settings.isProduction,
    });

    acknowledgeGuard(this.evidenceBucket, {
      'CT.S3.PR.4':
        'Every upload under complaints/ is reported to the EvidenceUploads queue: CDK configures the notification by a custom resource, which the rule does not see.',
      'CT.S3.PR.9':
        'Evidence is personal data that must stay erasable (a complaint withdrawn, a retention period ending): an Object Lock would forbid that.',
      'CT.S3.PR.10':
        'Encrypted at rest with S3-managed keys. Browsers upload with presigned POST forms and read by presigned links, and GuardDuty scans each file: SSE-KMS would need key grants for each of them, for no reader that S3’s own access checks do not already stop.',
    });

    // Formal case records: every version locked for the retention period from the moment it is
    // written. The bucket is never deleted with the stack, in any stage: locked objects cannot be.
    const retention =
      props.caseRecordRetention ??
      (settings.isProduction ? { days: 3650, mode: 'COMPLIANCE' } : { days: 1, mode: 'GOVERNANCE' });
    this.caseRecordBucket = new Bucket(this, 'CaseRecordBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention:
        retention.mode === 'COMPLIANCE'
          ? ObjectLockRetention.compliance(Duration.days(retention.days))
          : ObjectLockRetention.governance(Duration.days(retention.days)),
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'case-records/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeGuard(this.caseRecordBucket, {
      'CT.S3.PR.3':
        'Case records are kept for their whole retention under Object Lock; a lifecycle rule could only expire what the lock already guards.',
      'CT.S3.PR.4': 'Case records are written by the case record state machine, which records each write itself.',
      'CT.S3.PR.6':
        'Case records are kept for their whole retention under Object Lock; a lifecycle rule could only expire what the lock already guards.',
      'CT.S3.PR.10':
        'Case records are written once under Object Lock and read by the functions that verify them; SSE-S3 protects them at rest without a key that could be scheduled for deletion, which would make a locked record unreadable.',
    });

    // Open data by complaint: rebuilt from the table every day, so nothing here needs keeping.
    // Only CloudFront reads it (origin access control); a distribution of this account, as the
    // web stack's is made after this stack and its ARN cannot be named here without a cycle.
    this.openDataBucket = new Bucket(this, 'OpenDataBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'open-data/',
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: settings.removalPolicy,
      autoDeleteObjects: !settings.isProduction,
    });
    this.openDataBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontReadsOpenData',
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.openDataBucket.arnForObjects('open-data/*')],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': this.account },
          ArnLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` },
        },
      }),
    );
    const publicFiles = 'The bucket holds open data by complaint (no personal data), rebuilt from the table every day';
    acknowledgeGuard(this.openDataBucket, {
      'CT.S3.PR.4': `${publicFiles}: nothing reacts to its files.`,
      'CT.S3.PR.9': `${publicFiles}: a lock would keep files that each build replaces.`,
      'CT.S3.PR.10': `${publicFiles}: SSE-S3 at rest; CloudFront reads it through origin access control.`,
      'CT.S3.PR.11': `${publicFiles}: an old version is the build before, which the table can rebuild.`,
    });

    // Every upload under complaints/ is reported to a queue; the check function reads each file,
    // and a report it cannot process after 5 tries waits in the dead-letter queue.
    this.evidenceUploadsDeadLetters = new Queue(this, 'EvidenceUploadsDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.evidenceUploadsDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the evidence uploads queue.',
    });
    acknowledgeGuard(this.evidenceUploadsDeadLetters, {
      'CT.SQS.PR.1': 'This queue is itself the dead-letter queue of the evidence uploads queue.',
    });
    this.evidenceUploads = new Queue(this, 'EvidenceUploads', {
      // S3 cannot write to a queue encrypted with the AWS managed SQS KMS key; SQS-managed encryption it can.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: this.evidenceUploadsDeadLetters, maxReceiveCount: 5 },
    });
    this.evidenceBucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.evidenceUploads), {
      prefix: 'complaints/',
    });
    acknowledgeBucketNotificationsHandler(this);
    if (props.evidenceMalwareScan) this.scanEvidenceForMalware(settings);

    // A customer managed key, so that other AWS services (e.g. alarms, EventBridge) can publish too.
    const topicKey = (this.topicKey = new Key(this, 'TopicKey', {
      description: `CCMS ${settings.stage}: encrypts notification and escalation topics`,
      enableKeyRotation: true,
      removalPolicy: settings.removalPolicy,
    }));
    this.notificationsTopic = new Topic(this, 'NotificationsTopic', {
      displayName: `CCMS ${settings.stage} notifications`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.escalationsTopic = new Topic(this, 'EscalationsTopic', {
      displayName: `CCMS ${settings.stage} escalations to regulators`,
      masterKey: topicKey,
      enforceSSL: true,
    });

    // Regulators subscribe by email, HTTPS or an SQS queue of theirs, each with its filter policy on the message attributes.
    (props.escalationSubscriptions ?? []).forEach((subscription, n) => {
      new CfnSubscription(this, `EscalationSubscription${n + 1}`, {
        topicArn: this.escalationsTopic.topicArn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
        ...(subscription.filterPolicy && {
          filterPolicy: subscription.filterPolicy,
          filterPolicyScope: 'MessageAttributes',
        }),
      });
    });

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `CCMS ${settings.stage} alarms`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    // CloudWatch publishes alarm changes to the encrypted topic with the key.
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    (props.alarmSubscriptions ?? []).forEach((endpoint, n) => {
      new CfnSubscription(this, `AlarmSubscription${n + 1}`, {
        topicArn: this.alarmTopic.topicArn,
        protocol: endpoint.startsWith('https://') ? 'https' : 'email',
        endpoint,
      });
    });

    // The topics carry the regulators' and operators' subscriptions: in prod they outlive the stack, as the table does.
    for (const topic of [this.notificationsTopic, this.escalationsTopic, this.alarmTopic])
      topic.applyRemovalPolicy(settings.removalPolicy);
    for (const subscription of this.node.children.filter((child) => child instanceof CfnSubscription))
      subscription.applyRemovalPolicy(settings.removalPolicy);

    // Email: a configuration set that reports bounces and complaints to a topic (the functions stack
    // turns them into suppressions), and SES's own account-level suppression for the same reasons.
    this.emailConfigurationSet = new ConfigurationSet(this, 'EmailConfigurationSet', {
      configurationSetName: props.email?.configurationSetName,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.emailEventsTopic = new Topic(this, 'EmailEventsTopic', {
      displayName: `CCMS ${settings.stage} email bounces and complaints`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.emailEventsTopic.applyRemovalPolicy(settings.removalPolicy);
    const fromSes = { StringEquals: { 'aws:SourceAccount': this.account } };
    this.emailEventsTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.emailEventsTopic.topicArn],
        conditions: fromSes,
      }),
    );
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromSes,
      }),
    );
    this.emailConfigurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.emailEventsTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    if (props.email) {
      this.emailIdentity = new EmailIdentity(this, 'EmailIdentity', {
        identity: Identity.domain(props.email.domain),
        configurationSet: this.emailConfigurationSet,
      });
      // Easy DKIM: the three CNAME records the domain's DNS must publish before SES sends for it.
      for (const [n, record] of this.emailIdentity.dkimRecords.entries()) {
        new CfnOutput(this, `EmailDkimRecord${n + 1}`, { value: `${record.name} CNAME ${record.value}` });
      }
    }

    // HMAC key for national ID and birth registration numbers: only their keyed hash is stored.
    this.identityHashKey = new Key(this, 'IdentityHashKey', {
      description: `CCMS ${settings.stage}: keyed hash of identity document numbers`,
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: settings.removalPolicy,
    });
    Validations.of(this.identityHashKey).acknowledge({
      id: 'AwsSolutions-KMS5',
      reason: 'KMS cannot rotate HMAC keys, and rotating would change every stored hash of a document number.',
    });

    // Seals merchants' and regulators' API secrets: SigV4 needs the secret itself, so it is
    // stored encrypted (bound to its access key id), never in clear.
    this.credentialsKey = new Key(this, 'CredentialsKey', {
      description: `CCMS ${settings.stage}: seals API key secrets`,
      enableKeyRotation: true,
      removalPolicy: settings.removalPolicy,
    });

    // Seals complainants' names: shown to the merchant and the regulator (who are granted
    // Decrypt), never public, never in clear at rest or in a table export.
    this.personalDataKey = new Key(this, 'PersonalDataKey', {
      description: `CCMS ${settings.stage}: seals complainants' personal data`,
      enableKeyRotation: true,
      removalPolicy: settings.removalPolicy,
    });

    // Grants on the keys only for AWS resources, made by AWS services (Control Tower's CT.KMS.PR.3).
    for (const key of [topicKey, this.identityHashKey, this.credentialsKey, this.personalDataKey])
      key.addToResourcePolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          conditions: {
            BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      );

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidenceBucket.bucketName });
    // Exported by a name of our own: the functions' grants name `<this export>/complaints/*`, which cdk-nag is told about by that name.
    new CfnOutput(this, 'EvidenceBucketArn', {
      value: this.evidenceBucket.bucketArn,
      exportName: evidenceBucketArnExport(settings.stage),
    });
    new CfnOutput(this, 'CaseRecordBucketArn', {
      value: this.caseRecordBucket.bucketArn,
      exportName: caseRecordBucketArnExport(settings.stage),
    });
    new CfnOutput(this, 'OpenDataBucketArn', {
      value: this.openDataBucket.bucketArn,
      exportName: openDataBucketArnExport(settings.stage),
    });
    new CfnOutput(this, 'EscalationsTopicArn', {
      value: this.escalationsTopic.topicArn,
      description: 'Regulators subscribe here, filtering on merchantId, category and reason',
    });
    new CfnOutput(this, 'NotificationsTopicArn', { value: this.notificationsTopic.topicArn });
  }

  /**
   * Amazon GuardDuty Malware Protection for S3: every new evidence file is scanned and tagged
   * GuardDutyMalwareScanStatus; the bucket refuses to serve a file tagged THREATS_FOUND to anyone,
   * download links included.
   */
  private scanEvidenceForMalware(settings: StageSettings) {
    const bucket = this.evidenceBucket;
    const role = new Role(this, 'EvidenceMalwareScanRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
    });
    const managedRule = this.formatArn({
      service: 'events',
      resource: 'rule',
      resourceName: 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
    });
    const byGuardDuty = { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } };
    const policy = new Policy(this, 'EvidenceMalwareScanPolicy', {
      roles: [role],
      statements: [
        new PolicyStatement({
          actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
          resources: [managedRule],
          conditions: byGuardDuty,
        }),
        new PolicyStatement({ actions: ['events:DescribeRule', 'events:ListTargetsByRule'], resources: [managedRule] }),
        new PolicyStatement({
          actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'],
          resources: [bucket.bucketArn],
        }),
        // GuardDuty writes this one object when the plan is created, to prove it can reach the bucket.
        new PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects('malware-protection-resource-validation-object')],
        }),
        new PolicyStatement({
          actions: [
            's3:GetObject',
            's3:GetObjectVersion',
            's3:GetObjectTagging',
            's3:GetObjectVersionTagging',
            's3:PutObjectTagging',
            's3:PutObjectVersionTagging',
          ],
          resources: [bucket.arnForObjects('complaints/*')],
        }),
      ],
    });
    Validations.of(policy).acknowledge(
      {
        id: findingIn(
          this,
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
        ),
        reason:
          'GuardDuty names its managed EventBridge rule with a generated suffix; only GuardDuty-managed rules of that name are granted.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${this.resolve(this.getLogicalId(bucket.node.defaultChild as CfnBucket))}.Arn>/complaints/*]`,
        reason: 'GuardDuty scans and tags every evidence file under complaints/.',
      },
    );
    const plan = new CfnMalwareProtectionPlan(this, 'EvidenceMalwareProtectionPlan', {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: bucket.bucketName, objectPrefixes: ['complaints/'] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    // GuardDuty checks the role as the plan is created: the policy must exist by then.
    plan.node.addDependency(policy);
    bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [bucket.arnForObjects('complaints/*')],
        conditions: { StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'THREATS_FOUND' } },
      }),
    );
    new CfnOutput(this, 'EvidenceMalwareProtectionPlanArn', {
      value: plan.attrArn,
      description: `CCMS ${settings.stage}: GuardDuty scans evidence uploads`,
    });
  }
}

/**
 * S3 notifications are set by CDK's own custom resource (a small Lambda function AWS CDK
 * maintains): its role and runtime are CDK's choice, acknowledged here for exactly that function.
 */
const acknowledgeBucketNotificationsHandler = (stack: Stack) => {
  for (const child of stack.node.findAll()) {
    if (child.node.id !== 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834') continue;
    Validations.of(child).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's bucket notifications handler; AWS CDK owns its role.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'PutBucketNotification on the buckets of this stack, as CDK grants its notifications handler.',
      },
    );
  }
};
