/**
 * What each local function runs with: the resources its bindings name (functions/bindings.ts turns
 * them into its environment, as CDK does in the stack) and what Lambda's runtime adds, with the
 * SDK's standard AWS_ENDPOINT_URL_<SERVICE> variables pointing it at the local services.
 */
import type { SmsProvider } from '../functions/bindings';
import { localSmsGatewaySecret, localSmsGatewaySendUrl, localSmsSenderId } from './sms-gateway';
import { complaintRetentionDays } from '../functions/domain/erasure';
import { type BindingResources, baseEnvironment, bindingEffects } from '../functions/bindings';
import { envNames } from '../functions/commons/config';
import { type FunctionId, functionCatalog, quietHoursDecidedBy } from '../functions/catalog';
import { tableDesign } from '../functions/adapters/table-design';
import { localIdempotencyTableName, localTableName } from './dynamodb';
import type { StateMachineArns } from './task-bindings';

export const localAccount = '000000000000';
export const localBuckets = {
  evidence: 'ccms-local-evidence',
  caseRecords: 'ccms-local-case-records',
  openData: 'ccms-local-open-data',
};
export const localTopicArn = (region: string, name: 'notifications' | 'escalations') =>
  `arn:aws:sns:${region}:${localAccount}:ccms-local-${name}`;

export interface LocalResources {
  region: string;
  /** The site: the gateway, whose pages the messages link to. */
  siteUrl: string;
  stateMachines: StateMachineArns;
  keys: { identityHash: string; credentials: string; personalData: string };
  /** The SMS providers in order; `gateway` is the stand-in aggregator at endpoints.secretsManager. SNS alone when absent. */
  smsProviders?: readonly SmsProvider[];
  /** Merchant id prefixes whose complaints alone keep quiet hours; all when absent (local/cloud.ts). */
  quietHoursFor?: readonly string[];
  /** The alert rules as checked JSON; the platform's own when absent. */
  alertRules?: string;
  endpoints: {
    dynamoDb: string;
    /** The table's stream: DynamoDB Local itself. */
    dynamoDbStreams: string;
    sns: string;
    sfn: string;
    s3: string;
    kms: string;
    ses: string;
    /** The stand-in SMS aggregator, which answers Secrets Manager for its API key too (local/sms-gateway.ts). */
    secretsManager: string;
    /** SQS (the set-aside queues) and Lambda's Invoke: local/ops-services.ts. */
    sqs: string;
    lambda: string;
  };
  /** Each stream consumer's set-aside queue URL. */
  setAsideQueues: Record<string, string>;
}

/** The local counterparts of the stack's resources, named as the bindings expect them. */
export const localBindingResources = ({
  region,
  siteUrl,
  stateMachines,
  keys,
  setAsideQueues,
  smsProviders,
  alertRules,
  endpoints,
}: LocalResources): BindingResources => {
  const account = localAccount;
  const tableArn = `arn:aws:dynamodb:${region}:${account}:table/${localTableName}`;
  return {
    tableName: localTableName,
    tableArn,
    tableIndexArns: Object.keys(tableDesign.indexes).map((indexName) => `${tableArn}/index/${indexName}`),
    notificationsTopicArn: localTopicArn(region, 'notifications'),
    escalationsTopicArn: localTopicArn(region, 'escalations'),
    topicKeyArn: `arn:aws:kms:${region}:${account}:key/ccms-local-topics`,
    anyTopicArn: 'arn:aws:sns:*:*:*',
    identityHashKeyArn: keys.identityHash,
    credentialsKeyArn: keys.credentials,
    personalDataKeyArn: keys.personalData,
    evidenceBucketName: localBuckets.evidence,
    evidenceBucketArn: `arn:aws:s3:::${localBuckets.evidence}`,
    idempotencyTableName: localIdempotencyTableName,
    idempotencyTableArn: `arn:aws:dynamodb:${region}:${account}:table/${localIdempotencyTableName}`,
    lifecycleStateMachineArn: stateMachines.lifecycle,
    lifecycleExecutionsArn: `${stateMachines.lifecycle.replace(':stateMachine:', ':execution:')}:*`,
    webhookStateMachineArn: stateMachines.webhookDelivery,
    exportStateMachineArn: stateMachines.caseExport,
    caseRecordStateMachineArn: stateMachines.caseRecord,
    collectiveStateMachineArn: stateMachines.collectiveCase,
    caseRecordBucketName: localBuckets.caseRecords,
    caseRecordBucketArn: `arn:aws:s3:::${localBuckets.caseRecords}`,
    openDataBucketName: localBuckets.openData,
    openDataBucketArn: `arn:aws:s3:::${localBuckets.openData}`,
    // The test identities of README.md; the deployed stack never uses the fixture verifier.
    identityVerifier: 'fixture',
    email: {
      from: 'no-reply@ccms.local',
      configurationSetName: 'ccms-local',
      identityArn: `arn:aws:ses:${region}:${account}:identity/ccms.local`,
      configurationSetArn: `arn:aws:ses:${region}:${account}:configuration-set/ccms-local`,
    },
    siteUrl,
    // Webhook receivers on this machine (tests, a developer's listener) may use plain http.
    allowLoopbackWebhooks: true,
    // The retention of a stage other than production: the local cloud's complaints are test data.
    complaintRetentionDays: complaintRetentionDays.other,
    ...(alertRules && { alertRules }),
    // The stand-in aggregator is always there: its delivery reports are taken whichever providers send.
    sms: {
      providers: smsProviders ?? ['sns'],
      gateway: {
        url: localSmsGatewaySendUrl(endpoints.secretsManager),
        senderId: localSmsSenderId,
        secretId: localSmsGatewaySecret.name,
        secretArn: `arn:aws:secretsmanager:${region}:${account}:secret:${localSmsGatewaySecret.name}-AbCdEf`,
      },
    },
    setAside: {
      queues: Object.fromEntries(
        Object.entries(setAsideQueues).map(([consumer, url]) => [
          consumer,
          { url, arn: `arn:aws:sqs:${region}:${account}:${url.split('/').at(-1)}` },
        ]),
      ),
      consumerArns: Object.keys(setAsideQueues).map(
        (consumer) => `arn:aws:lambda:${region}:${account}:function:ccms-local-${consumer}`,
      ),
      streamArn: `${tableArn}/stream/*`,
    },
  };
};

/** A function's whole environment: Lambda's runtime variables, the base environment and its bindings'. */
export const localFunctionEnvironment = (resources: LocalResources, logLevel: string) => {
  const bindingResources = localBindingResources(resources);
  const { region, endpoints } = resources;
  return (functionId: FunctionId): Record<string, string> => ({
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: `ccms-local-${functionId}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    // The SDK adds `app/<id>` to its User-Agent: the DynamoDB proxy records which function made each request.
    AWS_SDK_UA_APP_ID: functionId,
    // The SDK warns in every sandbox when a Node.js it will stop supporting runs it (local/node.sh gives the tests Lambda's Node.js 24).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDb,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
    AWS_ENDPOINT_URL_SFN: endpoints.sfn,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_KMS: endpoints.kms,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamoDbStreams,
    ...baseEnvironment,
    ...(resources.quietHoursFor &&
      functionId === quietHoursDecidedBy && { [envNames.quietHoursFor]: resources.quietHoursFor.join(',') }),
    POWERTOOLS_LOG_LEVEL: logLevel,
    ...bindingEffects(functionCatalog[functionId].bindings, bindingResources).environment,
  });
};
