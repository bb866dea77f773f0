/**
 * What holds data and must outlive any deploy of the code: the table, the evidence bucket, the
 * topics and the key that encrypts them. Deployed apart from the functions so a code change can
 * never replace them.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { idempotencyTableDesign, tableDesign } from '../functions/adapters/table-design';
import type { StageSettings } from './stage';

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
}

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly evidenceBucket: Bucket;
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
    for (const [indexName, index] of Object.entries(tableDesign.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
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
      reason: 'Idempotency records live a day and can be lost without harm: a lost record only lets a retry act again, which the lifecycle refuses or repeats harmlessly.',
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

    this.evidenceBucket = new Bucket(this, 'EvidenceBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      // Consumers' browsers upload evidence straight to S3 with presigned URLs.
      cors: [{ allowedMethods: [HttpMethods.PUT, HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3000 }],
      removalPolicy: settings.removalPolicy,
      autoDeleteObjects: !settings.isProduction,
    });

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

    // Email: a configuration set that reports bounces and complaints to a topic (the stateless stack
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
    const fromSes = { StringEquals: { 'aws:SourceAccount': this.account } };
    this.emailEventsTopic.addToResourcePolicy(
      new PolicyStatement({ principals: [new ServicePrincipal('ses.amazonaws.com')], actions: ['sns:Publish'], resources: [this.emailEventsTopic.topicArn], conditions: fromSes }),
    );
    topicKey.addToResourcePolicy(
      new PolicyStatement({ principals: [new ServicePrincipal('ses.amazonaws.com')], actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: ['*'], conditions: fromSes }),
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
      this.emailIdentity.dkimRecords.forEach((record, n) => new CfnOutput(this, `EmailDkimRecord${n + 1}`, { value: `${record.name} CNAME ${record.value}` }));
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

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidenceBucket.bucketName });
    new CfnOutput(this, 'EscalationsTopicArn', {
      value: this.escalationsTopic.topicArn,
      description: 'Regulators subscribe here, filtering on merchantId, category and reason',
    });
    new CfnOutput(this, 'NotificationsTopicArn', { value: this.notificationsTopic.topicArn });
  }
}
