/**
 * What each binding gives a function: the environment variables it reads and the IAM grants it
 * needs. The one table both sides read: infra/ turns the grants into the function's role policy and
 * the variables into its environment; local/ starts each function with exactly these variables
 * (plus what the Lambda runtime itself provides), so a missing binding fails locally as in AWS.
 */
import { envNames } from './commons/config';
import { tableKeyPrefixes } from './adapters/table-design';

/** The names and ARNs a binding refers to: CloudFormation references in infra/, local names in local/. */
export const smsProviders = ['sns', 'gateway'] as const;
export type SmsProvider = (typeof smsProviders)[number];

export interface BindingResources {
  tableName: string;
  tableArn: string;
  tableIndexArns: readonly string[];
  notificationsTopicArn: string;
  escalationsTopicArn: string;
  /** The key both topics are encrypted with: publishers need it to encrypt what they send. */
  topicKeyArn: string;
  /** Every SNS topic ARN (`arn:<partition>:sns:*:*:*`): SMS to phone numbers is granted on everything but topics. */
  anyTopicArn: string;
  identityHashKeyArn: string;
  credentialsKeyArn: string;
  /** Powertools idempotency's table. */
  idempotencyTableName: string;
  idempotencyTableArn: string;
  /** The key personal data (the complainant's name) is sealed with. */
  personalDataKeyArn: string;
  /** The bucket of evidence files (photos and PDFs, under `complaints/`). */
  evidenceBucketName: string;
  evidenceBucketArn: string;
  /** Absent while the state machines themselves are being built from their task functions. */
  lifecycleStateMachineArn?: string;
  /** Its executions (`arn:<partition>:states:<region>:<account>:execution:<machine name>:*`). */
  lifecycleExecutionsArn?: string;
  webhookStateMachineArn?: string;
  exportStateMachineArn?: string;
  caseRecordStateMachineArn?: string;
  collectiveStateMachineArn?: string;
  /** The bucket of open-data files (public by design; the site serves them under /open-data/). */
  openDataBucketName: string;
  openDataBucketArn: string;
  /** The write-once (Object Lock) bucket of formal case records. */
  caseRecordBucketName: string;
  caseRecordBucketArn: string;
  /** How identities are checked: the national gateway, the README's test identities (local only), or not at all (503). */
  identityVerifier: 'gateway' | 'fixture' | 'unconfigured';
  identityGatewayUrl?: string;
  /** The secret holding the gateway's API key, as the function asks for it (a name-based or full ARN). */
  identityGatewaySecretId?: string;
  /** The ARN its grant names: a secret named without its full ARN ends in Secrets Manager's `-??????` suffix. */
  identityGatewaySecretArn?: string;
  /** Amazon SES: the From address at the sending domain and the configuration set; absent when the stage has no domain. */
  email?: { from: string; configurationSetName: string; identityArn: string; configurationSetArn: string };
  /** The public site the messages link to (CDK context `siteUrl`); absent, messages carry no link. */
  siteUrl?: string;
  /** The stage's own alert rules, as checked JSON (CDK context `alertRulesFile`); the platform's own when absent. */
  alertRules?: string;
  /** Webhook URLs on this machine (http://127.0.0.1) are accepted: only the local cloud says yes. */
  allowLoopbackWebhooks: boolean;
  /** Days a complaint closed for good keeps its personal data (functions/domain/erasure.ts complaintRetentionDays). */
  complaintRetentionDays: number;
  /**
   * The SMS providers in the order they are tried, and the aggregator's settings when it is one
   * (its secret as the function asks for it, and the ARN its grant names); SNS alone when absent.
   */
  sms?: {
    providers: readonly SmsProvider[];
    gateway?: { url: string; senderId: string; secretId: string; secretArn: string };
  };
  /**
   * Each stream consumer's set-aside queue (its on-failure destination) and the consumer itself, for
   * the sweeper's replays; absent while the consumers are being built.
   */
  setAside?: {
    queues: Readonly<Record<string, { url: string; arn: string }>>;
    consumerArns: readonly string[];
    streamArn: string;
  };
}

export interface GrantSpec {
  actions: readonly string[];
  /** The ARNs the actions are granted on. */
  resources?: readonly string[];
  /** Granted on everything except these ARNs (for actions whose target has no ARN, such as SMS to a phone). */
  notResources?: readonly string[];
  /** Limits item writes to partition keys that start with one of these prefixes (dynamodb:LeadingKeys). */
  leadingKeyPrefixes?: readonly string[];
  /** Limits bucket listings to keys that start with one of these prefixes (s3:prefix). */
  listPrefixes?: readonly string[];
}

/** The IAM condition a grant's limits make, if any: what infra/ writes into the function's role policy. */
export const grantConditions = (grant: GrantSpec): Record<string, Record<string, string[]>> | undefined =>
  grant.leadingKeyPrefixes
    ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': grant.leadingKeyPrefixes.map((prefix) => `${prefix}*`) } }
    : grant.listPrefixes
      ? { StringLike: { 's3:prefix': grant.listPrefixes.map((prefix) => `${prefix}*`) } }
      : undefined;

export interface BindingEffect {
  environment: Readonly<Record<string, string>>;
  grants: readonly GrantSpec[];
}

const needed = (value: string | undefined, what: string): string => {
  if (value === undefined) throw new Error(`This binding needs ${what}, which was not given`);
  return value;
};

const itemReads = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const itemWrites = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const tableEnvironment = (r: BindingResources) => ({ [envNames.table]: r.tableName });
/** The stage's retention of closed complaints (context complaintRetentionDays): the retention job's period, and the logs' after an erasure. */
const retentionEnvironment = (r: BindingResources) => ({
  [envNames.complaintRetentionDays]: String(r.complaintRetentionDays),
});
const writesUnder = (r: BindingResources, action: string, ...prefixes: string[]): GrantSpec => ({
  actions: [action],
  resources: [r.tableArn],
  leadingKeyPrefixes: prefixes,
});
/** Starts executions of one state machine, named in the environment. */
const startsExecutions = (arn: string, environmentName: string): BindingEffect => ({
  environment: { [environmentName]: arn },
  grants: [{ actions: ['states:StartExecution'], resources: [arn] }],
});
/** PutItem and UpdateItem on items under one partition-key prefix: what a function that keeps its own records needs. */
const createsAndUpdatesUnder = (r: BindingResources, prefix: string): GrantSpec[] => [
  writesUnder(r, 'dynamodb:PutItem', prefix),
  writesUnder(r, 'dynamodb:UpdateItem', prefix),
];
/** A binding that uses one KMS key for one operation: the key's id in the environment, the operation granted on it alone. */
const keyUse = (environmentName: string, keyArn: string, action: string): BindingEffect => ({
  environment: { [environmentName]: keyArn },
  grants: [{ actions: [action], resources: [keyArn] }],
});
const publishTo = (topicArn: string, r: BindingResources): GrantSpec[] => [
  { actions: ['sns:Publish'], resources: [topicArn] },
  { actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [r.topicKeyArn] },
];

/** A complaint's evidence files: every evidence grant names this prefix of the bucket only. */
const evidenceFiles = (r: BindingResources, actions: string[]): BindingEffect => ({
  environment: { [envNames.evidenceBucket]: r.evidenceBucketName },
  grants: [{ actions, resources: [`${r.evidenceBucketArn}/complaints/*`] }],
});

export const bindingTable = {
  /** Reads items of the table and queries its indexes. */
  'table:read': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [
      { actions: itemReads, resources: [r.tableArn] },
      { actions: ['dynamodb:Query'], resources: r.tableIndexArns },
    ],
  }),
  /** Writes any item of the table (complaints, consumers, merchants, credentials). */
  'table:write': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [{ actions: itemWrites, resources: [r.tableArn] }],
  }),
  /** Starts complaint-timer executions of the lifecycle state machine, and stops those a newer timer replaces. */
  /** Rearms lost timers: looks up a timer's executions by name and starts the next round (never stops one). */
  'workflow:rearm': (r: BindingResources): BindingEffect => {
    const arn = needed(r.lifecycleStateMachineArn, 'the lifecycle state machine');
    return {
      environment: { [envNames.stateMachine]: arn },
      grants: [
        { actions: ['states:StartExecution'], resources: [arn] },
        {
          actions: ['states:DescribeExecution'],
          resources: [needed(r.lifecycleExecutionsArn, "the lifecycle state machine's executions")],
        },
      ],
    };
  },
  /**
   * Replays what the stream consumers set aside: receives and deletes their set-aside queues'
   * messages, reads those changes back from the table's stream and invokes the consumer with them.
   */
  'changes:redrive': (r: BindingResources): BindingEffect => {
    if (!r.setAside)
      throw new Error('This binding needs the stream consumers and their set-aside queues, which were not given');
    const { queues, consumerArns, streamArn } = r.setAside;
    return {
      environment: {
        [envNames.setAsideQueues]: JSON.stringify(
          Object.fromEntries(Object.entries(queues).map(([consumer, queue]) => [consumer, queue.url])),
        ),
      },
      grants: [
        {
          actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
          resources: Object.values(queues).map((queue) => queue.arn),
        },
        { actions: ['dynamodb:GetShardIterator', 'dynamodb:GetRecords'], resources: [streamArn] },
        { actions: ['lambda:InvokeFunction'], resources: consumerArns },
      ],
    };
  },
  'workflow:start': (r: BindingResources): BindingEffect => {
    const arn = needed(r.lifecycleStateMachineArn, 'the lifecycle state machine');
    return {
      environment: { [envNames.stateMachine]: arn },
      grants: [
        { actions: ['states:StartExecution'], resources: [arn] },
        {
          actions: ['states:StopExecution'],
          resources: [needed(r.lifecycleExecutionsArn, "the lifecycle state machine's executions")],
        },
      ],
    };
  },
  'topic:notifications': (r: BindingResources): BindingEffect => ({
    environment: { [envNames.notificationsTopic]: r.notificationsTopicArn },
    grants: publishTo(r.notificationsTopicArn, r),
  }),
  'topic:escalations': (r: BindingResources): BindingEffect => ({
    environment: { [envNames.escalationsTopic]: r.escalationsTopicArn },
    grants: publishTo(r.escalationsTopicArn, r),
  }),
  /** SMS through the stage's providers, in order: SNS direct publish to phone numbers, an aggregator's HTTPS API. */
  'sms:send': (r: BindingResources): BindingEffect => {
    const providers = r.sms?.providers ?? ['sns'];
    const gateway = providers.includes('gateway') ? r.sms?.gateway : undefined;
    if (providers.includes('gateway') && !gateway) throw new Error('SMS through the gateway needs its settings');
    return {
      environment: {
        [envNames.smsProviders]: providers.join(','),
        ...(gateway && {
          [envNames.smsGatewayUrl]: gateway.url,
          [envNames.smsSenderId]: gateway.senderId,
          [envNames.smsGatewayApiKeySecret]: gateway.secretId,
        }),
      },
      grants: [
        ...(providers.includes('sns') ? [{ actions: ['sns:Publish'], notResources: [r.anyTopicArn] }] : []),
        ...(gateway ? [{ actions: ['secretsmanager:GetSecretValue'], resources: [gateway.secretArn] }] : []),
      ],
    };
  },
  /** Checks an SMS aggregator's delivery reports: the secret of its API key, which signs them (none without an aggregator). */
  'sms:reports': (r: BindingResources): BindingEffect => {
    const gateway = r.sms?.gateway;
    return {
      environment: gateway ? { [envNames.smsGatewayApiKeySecret]: gateway.secretId } : {},
      grants: gateway ? [{ actions: ['secretsmanager:GetSecretValue'], resources: [gateway.secretArn] }] : [],
    };
  },
  /** The identity verifier's configuration and the KMS HMAC key for document numbers. */
  'identity:verify': (r: BindingResources): BindingEffect => {
    const gateway = r.identityVerifier === 'gateway';
    return {
      environment: {
        [envNames.identityHashKey]: r.identityHashKeyArn,
        [envNames.identityVerifier]: r.identityVerifier,
        ...(gateway && {
          [envNames.identityGatewayUrl]: needed(r.identityGatewayUrl, "the identity gateway's URL"),
          [envNames.identityGatewayApiKeySecret]: needed(
            r.identityGatewaySecretId,
            "the identity gateway's API key secret",
          ),
        }),
      },
      grants: [
        { actions: ['kms:GenerateMac'], resources: [r.identityHashKeyArn] },
        ...(gateway
          ? [
              {
                actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
                resources: [needed(r.identityGatewaySecretArn, "the identity gateway's API key secret")],
              },
            ]
          : []),
      ],
    };
  },
  /** Checks SigV4-signed requests: reads credentials (with table:read) and opens their sealed secrets. */
  'credentials:verify': (r: BindingResources): BindingEffect =>
    keyUse(envNames.credentialsKey, r.credentialsKeyArn, 'kms:Decrypt'),
  /** Issues and revokes API keys: seals new secrets. */
  'credentials:issue': (r: BindingResources): BindingEffect =>
    keyUse(envNames.credentialsKey, r.credentialsKeyArn, 'kms:Encrypt'),
  /** Honours Idempotency-Key: reads and writes the idempotency records (Powertools idempotency). */
  'idempotency:record': (r: BindingResources): BindingEffect => ({
    environment: { [envNames.idempotencyTable]: r.idempotencyTableName },
    grants: [
      {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [r.idempotencyTableArn],
      },
    ],
  }),
  /** Seals personal data (the complainant's name) as a complaint is filed. */
  'personal-data:seal': (r: BindingResources): BindingEffect =>
    keyUse(envNames.personalDataKey, r.personalDataKeyArn, 'kms:Encrypt'),
  /** Opens personal data for the parties entitled to it (the merchant's case view, the regulator's). */
  'personal-data:open': (r: BindingResources): BindingEffect =>
    keyUse(envNames.personalDataKey, r.personalDataKeyArn, 'kms:Decrypt'),
  /**
   * Erases closed complaints' personal data (functions/complaints/erasure-use-cases.ts): every
   * version of their files and their records' renderings (list and delete under complaints/ and
   * case-records/ of the evidence bucket only), the items that hold it (the complaint and its
   * timeline, evidence records, record texts, undeliverable messages, email confirmations, the
   * consumer's profile), the erasure log (ERASURE#), the expiry of the case's reads in the access
   * log (ACCESS#), and the pseudonym's keyed hash (GenerateMac); with the stage's retention, which
   * ends closed complaints' data and, after an erasure, the logs' entries about it.
   */
  'personal-data:erase': (r: BindingResources): BindingEffect => ({
    environment: {
      ...tableEnvironment(r),
      ...retentionEnvironment(r),
      [envNames.evidenceBucket]: r.evidenceBucketName,
      [envNames.identityHashKey]: r.identityHashKeyArn,
    },
    grants: [
      {
        actions: ['s3:ListBucketVersions'],
        resources: [r.evidenceBucketArn],
        listPrefixes: ['complaints/', 'case-records/'],
      },
      {
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [`${r.evidenceBucketArn}/complaints/*`, `${r.evidenceBucketArn}/case-records/*`],
      },
      // The complaint and its timeline entries (written whole), and the log.
      writesUnder(r, 'dynamodb:PutItem', 'COMPLAINT#', tableKeyPrefixes.erasure),
      // An evidence record's name and a pending upload's expiry; a case record's kept texts; the
      // expiry of the case's reads in the access log.
      writesUnder(
        r,
        'dynamodb:UpdateItem',
        tableKeyPrefixes.evidence,
        tableKeyPrefixes.caseRecord,
        tableKeyPrefixes.accessLog,
      ),
      writesUnder(
        r,
        'dynamodb:DeleteItem',
        tableKeyPrefixes.undeliverable,
        tableKeyPrefixes.sentMessage,
        tableKeyPrefixes.emailConfirmation,
        'CONSUMER#',
      ),
      { actions: ['kms:GenerateMac'], resources: [r.identityHashKeyArn] },
    ],
  }),
  /** Records the signatures of state-changing signed requests (replay protection): PutItem on REPLAY# items only. */
  'replays:record': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [writesUnder(r, 'dynamodb:PutItem', tableKeyPrefixes.replay)],
  }),
  /** Records regulators' reads of cases in the access log: PutItem on ACCESS# items only. */
  'access-log:record': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [writesUnder(r, 'dynamodb:PutItem', tableKeyPrefixes.accessLog)],
  }),
  /** Keeps the statistics counters: UpdateItem on STATS# items, PutItem on COUNTED# markers only. */
  'statistics:record': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [
      writesUnder(r, 'dynamodb:UpdateItem', tableKeyPrefixes.statistics),
      writesUnder(r, 'dynamodb:PutItem', tableKeyPrefixes.countedChange),
    ],
  }),
  /** Keeps messages that could not be delivered with their complaint: PutItem on UNDELIVERABLE# items only. */
  'undeliverable:record': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [writesUnder(r, 'dynamodb:PutItem', tableKeyPrefixes.undeliverable)],
  }),
  /** Records what became of each message about a complaint (sent, undeliverable, failed attempts): UpdateItem on SENT# items only. */
  'messages:settle': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [writesUnder(r, 'dynamodb:UpdateItem', tableKeyPrefixes.sentMessage)],
  }),
  /** Starts webhook-delivery executions. */
  'webhooks:dispatch': (r: BindingResources): BindingEffect => {
    const arn = needed(r.webhookStateMachineArn, 'the webhook-delivery state machine');
    return {
      environment: { [envNames.webhookStateMachine]: arn },
      grants: [{ actions: ['states:StartExecution'], resources: [arn] }],
    };
  },
  /** Starts the issue of a case's formal record. */
  'records:start': (r: BindingResources): BindingEffect =>
    startsExecutions(
      needed(r.caseRecordStateMachineArn, 'the case-record state machine'),
      envNames.caseRecordStateMachine,
    ),
  /**
   * Writes case records to the write-once bucket (new versions only: nothing can delete or shorten
   * a locked one), their printable renderings under case-records/ of the erasable evidence bucket,
   * and indexes them with their free texts (PutItem on RECORD# items).
   */
  'records:write': (r: BindingResources): BindingEffect => ({
    environment: {
      ...tableEnvironment(r),
      [envNames.caseRecordBucket]: r.caseRecordBucketName,
      [envNames.evidenceBucket]: r.evidenceBucketName,
    },
    grants: [
      { actions: ['s3:PutObject'], resources: [`${r.caseRecordBucketArn}/records/*`] },
      { actions: ['s3:PutObject'], resources: [`${r.evidenceBucketArn}/case-records/*`] },
      writesUnder(r, 'dynamodb:PutItem', tableKeyPrefixes.caseRecord),
    ],
  }),
  /** Reads case records (to verify them) and signs links to them and to their renderings. */
  'records:read': (r: BindingResources): BindingEffect => ({
    environment: {
      [envNames.caseRecordBucket]: r.caseRecordBucketName,
      [envNames.evidenceBucket]: r.evidenceBucketName,
    },
    grants: [
      { actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [`${r.caseRecordBucketArn}/records/*`] },
      { actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [`${r.evidenceBucketArn}/case-records/*`] },
    ],
  }),
  /** Keeps the regulators' alerts (PutItem and UpdateItem on ALERT# items only), with the stage's alert rules when it has its own. */
  'alerts:record': (r: BindingResources): BindingEffect => ({
    environment: { ...tableEnvironment(r), ...(r.alertRules && { [envNames.alertRules]: r.alertRules }) },
    grants: [...createsAndUpdatesUnder(r, tableKeyPrefixes.alert)],
  }),
  /** Keeps merchants' monthly order counts and their corrections: PutItem on ORDERS# items only. */
  'orders:record': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [writesUnder(r, 'dynamodb:PutItem', tableKeyPrefixes.orderCount)],
  }),
  /** Keeps collective cases, their members, the complaints' memberships and their runs' progress: COLLECTIVE# items only. */
  'collective:record': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [...createsAndUpdatesUnder(r, tableKeyPrefixes.collective)],
  }),
  /** Starts the runs that bring a collective case's members in line. */
  'collective:start': (r: BindingResources): BindingEffect =>
    startsExecutions(
      needed(r.collectiveStateMachineArn, 'the collective-case state machine'),
      envNames.collectiveStateMachine,
    ),
  /**
   * Records consumers' reports of sellers not on CCMS: PutItem and UpdateItem under UNLISTED# only
   * (the report, the consumer's claims, the seller's summary, the day's count), kept for the stage's retention.
   */
  'unlisted:record': (r: BindingResources): BindingEffect => ({
    environment: { ...tableEnvironment(r), ...retentionEnvironment(r) },
    grants: [...createsAndUpdatesUnder(r, tableKeyPrefixes.unlisted)],
  }),
  /** Records what regulators did to bring a reported seller onto CCMS: UpdateItem under UNLISTED# only. */
  'unlisted:onboard': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [writesUnder(r, 'dynamodb:UpdateItem', tableKeyPrefixes.unlisted)],
  }),
  /** Erases a consumer's reports of sellers: their text and claims (UpdateItem, DeleteItem under UNLISTED#). */
  'unlisted:erase': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [
      writesUnder(r, 'dynamodb:UpdateItem', tableKeyPrefixes.unlisted),
      writesUnder(r, 'dynamodb:DeleteItem', tableKeyPrefixes.unlisted),
    ],
  }),
  /** Reads the open-data rows: Query on the index that holds them alone, nothing else of the table. */
  'opendata:rows': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [{ actions: ['dynamodb:Query'], resources: [`${r.tableArn}/index/openDataByMonth`] }],
  }),
  /**
   * Publishes the open-data files under open-data/ of their bucket, and reads back its index. The
   * bucket's listing is granted so a missing index is NoSuchKey, not AccessDenied.
   */
  'opendata:publish': (r: BindingResources): BindingEffect => ({
    environment: { [envNames.openDataBucket]: r.openDataBucketName },
    grants: [
      {
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
        resources: [`${r.openDataBucketArn}/open-data/*`],
      },
      { actions: ['s3:ListBucket'], resources: [r.openDataBucketArn] },
    ],
  }),
  /** Records export jobs and their progress: PutItem and UpdateItem on EXPORT# items only. */
  'exports:record': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [...createsAndUpdatesUnder(r, tableKeyPrefixes.exportJob)],
  }),
  /** Starts case-export executions. */
  'exports:start': (r: BindingResources): BindingEffect =>
    startsExecutions(needed(r.exportStateMachineArn, 'the case-export state machine'), envNames.exportStateMachine),
  /** Writes export files (a multipart upload, or one PutObject) under exports/ of the evidence bucket. */
  'exports:write': (r: BindingResources): BindingEffect => ({
    environment: { [envNames.exportBucket]: r.evidenceBucketName },
    grants: [{ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [`${r.evidenceBucketArn}/exports/*`] }],
  }),
  /** Signs download links of export files. */
  'exports:link': (r: BindingResources): BindingEffect => ({
    environment: { [envNames.exportBucket]: r.evidenceBucketName },
    grants: [{ actions: ['s3:GetObject'], resources: [`${r.evidenceBucketArn}/exports/*`] }],
  }),
  /** Sends email through SES with the stage's identity and configuration set (and reads suppressions, with table:read). */
  'email:send': (r: BindingResources): BindingEffect =>
    r.email
      ? {
          environment: {
            [envNames.emailFrom]: r.email.from,
            [envNames.emailConfigurationSet]: r.email.configurationSetName,
          },
          grants: [{ actions: ['ses:SendEmail'], resources: [r.email.identityArn, r.email.configurationSetArn] }],
        }
      : { environment: { [envNames.emailFrom]: 'unconfigured' }, grants: [] },
  /** Finds suppressed addresses by their keyed hash: the KMS HMAC key (the identity hash key), GenerateMac only. */
  'email:address-keys': (r: BindingResources): BindingEffect =>
    keyUse(envNames.identityHashKey, r.identityHashKeyArn, 'kms:GenerateMac'),
  /** Suppresses addresses that bounced or complained: PutItem on SUPPRESSED# items only. */
  'email:suppress': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [writesUnder(r, 'dynamodb:PutItem', tableKeyPrefixes.suppressedEmail)],
  }),
  /** Email confirmations: GetItem and UpdateItem on EMAILCONFIRM# items only (a sent token's hash; a confirmation, conditional on it). */
  'email:confirmations': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [
      {
        actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [r.tableArn],
        leadingKeyPrefixes: [tableKeyPrefixes.emailConfirmation],
      },
    ],
  }),
  /** Issues one-tap links with the SMS that carry them: PutItem on ONETAP# items only. */
  'one-tap:issue': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [
      { actions: ['dynamodb:PutItem'], resources: [r.tableArn], leadingKeyPrefixes: [tableKeyPrefixes.oneTapLink] },
    ],
  }),
  /**
   * Acts with one-tap links (a public route: the code is its proof): reads and marks ONETAP# items,
   * reads and writes complaints and their timeline entries (COMPLAINT#), nothing else of the table.
   * Confirm, dispute, reopen and the survey's answer never free an order, so no DeleteItem.
   */
  'one-tap:use': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [
      {
        actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [r.tableArn],
        leadingKeyPrefixes: [tableKeyPrefixes.oneTapLink],
      },
      {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [r.tableArn],
        leadingKeyPrefixes: ['COMPLAINT#'],
      },
    ],
  }),
  /** Reads and sets a consumer's message preference: GetItem and PutItem on CONSUMER# items only. */
  'consumer:message-preferences': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [
      { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [r.tableArn], leadingKeyPrefixes: ['CONSUMER#'] },
    ],
  }),
  /** Keeps evidence records: PutItem and UpdateItem on EVIDENCE# items only (a file's record, a party's slot count). */
  'evidence:record': (r: BindingResources): BindingEffect => ({
    environment: tableEnvironment(r),
    grants: [...createsAndUpdatesUnder(r, tableKeyPrefixes.evidence)],
  }),
  /** Signs upload forms: S3 accepts a presigned POST only if its signer may put the object. */
  'evidence:upload': (r: BindingResources): BindingEffect => evidenceFiles(r, ['s3:PutObject']),
  /** Reads an uploaded file to check it, and deletes it (that version, for good) if it fails. */
  'evidence:check': (r: BindingResources): BindingEffect =>
    evidenceFiles(r, ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject', 's3:DeleteObjectVersion']),
  /** Signs short-lived download links to checked files (a link works only if its signer may read the version). */
  'evidence:link': (r: BindingResources): BindingEffect => evidenceFiles(r, ['s3:GetObject', 's3:GetObjectVersion']),
  /** Links messages to the public site's pages (the tracking page). */
  'site:links': (r: BindingResources): BindingEffect => ({
    environment: r.siteUrl ? { [envNames.siteUrl]: r.siteUrl } : {},
    grants: [],
  }),
  /** Checks and calls merchants' webhook URLs: whether this stage accepts loopback addresses. */
  'webhooks:post': (r: BindingResources): BindingEffect => ({
    environment: { [envNames.allowLoopbackWebhooks]: String(r.allowLoopbackWebhooks) },
    grants: [],
  }),
} as const;

/** What a function may touch; each binding is environment variables plus least-privilege grants. */
export type Binding = keyof typeof bindingTable;

/**
 * What every function runs with, whatever its bindings: the service name and log level of the
 * logger, and the namespace of its business metrics. Source maps are deployed beside each bundle
 * but not decoded at run time: `--enable-source-maps` added about 14 ms to every cold start
 * (`npm run bench`). Set NODE_OPTIONS=--enable-source-maps on one function to read its stack traces.
 */
export const baseEnvironment = {
  POWERTOOLS_SERVICE_NAME: 'ccms',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_METRICS_NAMESPACE: 'CCMS',
} as const;

/**
 * The metric of requests an API function failed for an error it did not expect (500) or for running
 * out of time (503), not for AWS being busy (dimensions service and FunctionName): with the alias's
 * own Errors, what rolls a release of it back.
 */
export const unexpectedErrorsMetric = 'UnexpectedErrors';
/**
 * The metric of invocations that fail on purpose (the consumer authorizer refuses a session by
 * throwing, as API Gateway requires): taken off the alias's Errors before its release alarm counts them.
 */
export const refusalsMetric = 'Refusals';

/** The environment and grants of a function with these bindings: variables merged, grants in binding order. */
export const bindingEffects = (bindings: readonly Binding[], resources: BindingResources): BindingEffect => {
  const environment: Record<string, string> = {};
  const grants: GrantSpec[] = [];
  for (const binding of bindings) {
    const effect = bindingTable[binding](resources);
    Object.assign(environment, effect.environment);
    grants.push(...effect.grants);
  }
  return { environment, grants };
};
