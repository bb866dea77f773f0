/**
 * What a deployed function's bundle is made of: the resources its bindings name (placeholders in
 * the deployed form) and the AWS services its grants let it call. Shared by the bundle test and
 * `npm run bench`.
 */
import { bindingEffects, type BindingResources } from '../../functions/bindings';
import { functionCatalog, type FunctionId } from '../../functions/catalog';

/** Any names will do: only the variables' presence matters to a cold start. */
export const deployedResources: BindingResources = {
  tableName: 'ccms-table',
  tableArn: 'arn:aws:dynamodb:ap-south-1:123456789012:table/ccms-table',
  tableIndexArns: [],
  notificationsTopicArn: 'arn:aws:sns:ap-south-1:123456789012:notifications',
  escalationsTopicArn: 'arn:aws:sns:ap-south-1:123456789012:escalations',
  topicKeyArn: 'arn:aws:kms:ap-south-1:123456789012:key/t',
  anyTopicArn: 'arn:aws:sns:*:*:*',
  identityHashKeyArn: 'arn:aws:kms:ap-south-1:123456789012:key/h',
  credentialsKeyArn: 'arn:aws:kms:ap-south-1:123456789012:key/c',
  personalDataKeyArn: 'arn:aws:kms:ap-south-1:123456789012:key/p',
  evidenceBucketName: 'ccms-evidence',
  evidenceBucketArn: 'arn:aws:s3:::ccms-evidence',
  caseRecordBucketName: 'ccms-records',
  caseRecordBucketArn: 'arn:aws:s3:::ccms-records',
  openDataBucketName: 'ccms-open-data',
  openDataBucketArn: 'arn:aws:s3:::ccms-open-data',
  idempotencyTableName: 'ccms-idempotency',
  idempotencyTableArn: 'arn:aws:dynamodb:ap-south-1:123456789012:table/ccms-idempotency',
  lifecycleStateMachineArn: 'arn:aws:states:ap-south-1:123456789012:stateMachine:lifecycle',
  lifecycleExecutionsArn: 'arn:aws:states:ap-south-1:123456789012:execution:lifecycle:*',
  webhookStateMachineArn: 'arn:aws:states:ap-south-1:123456789012:stateMachine:webhooks',
  exportStateMachineArn: 'arn:aws:states:ap-south-1:123456789012:stateMachine:exports',
  caseRecordStateMachineArn: 'arn:aws:states:ap-south-1:123456789012:stateMachine:records',
  collectiveStateMachineArn: 'arn:aws:states:ap-south-1:123456789012:stateMachine:collective',
  identityVerifier: 'gateway',
  identityGatewayUrl: 'https://nid.example.gov.bd',
  identityGatewaySecretId: 'ccms/nid',
  identityGatewaySecretArn: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:ccms/nid-AbCdEf',
  email: {
    from: 'no-reply@ccms.example.gov.bd',
    configurationSetName: 'ccms',
    identityArn: 'arn:aws:ses:ap-south-1:123456789012:identity/ccms.example.gov.bd',
    configurationSetArn: 'arn:aws:ses:ap-south-1:123456789012:configuration-set/ccms',
  },
  siteUrl: 'https://ccms.example.gov.bd',
  allowLoopbackWebhooks: false,
  complaintRetentionDays: 30,
  // The aggregator first, then SNS: every SMS client a texting function may load.
  sms: {
    providers: ['gateway', 'sns'],
    gateway: {
      url: 'https://sms.example.com.bd/send',
      senderId: 'CCMS',
      secretId: 'ccms/sms-gateway-key',
      secretArn: 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:ccms/sms-gateway-key-AbCdEf',
    },
  },
  setAside: {
    queues: {
      onComplaintChange: {
        url: 'https://sqs.ap-south-1.amazonaws.com/123456789012/changes',
        arn: 'arn:aws:sqs:ap-south-1:123456789012:changes',
      },
    },
    consumerArns: ['arn:aws:lambda:ap-south-1:123456789012:function:changes'],
    streamArn: 'arn:aws:dynamodb:ap-south-1:123456789012:table/ccms/stream/2026-01-01T00:00:00.000',
  },
};

/** The AWS services whose actions the function's grants allow (`dynamodb`, `kms`, `s3`, `states`, ...). */
export const servicesOf = (functionId: FunctionId) => {
  const { grants } = bindingEffects(functionCatalog[functionId].bindings, deployedResources);
  return [...new Set(grants.flatMap((grant) => grant.actions.map((action) => action.split(':')[0]!)))].sort();
};

/** The service each AWS SDK package a bundle may require is for. */
export const serviceOfSdkPackage: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/util-dynamodb': 'dynamodb',
  '@aws-sdk/client-kms': 'kms',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/s3-request-presigner': 's3',
  '@aws-sdk/s3-presigned-post': 's3',
  '@aws-sdk/client-sfn': 'states',
  '@aws-sdk/client-sns': 'sns',
  '@aws-sdk/client-sesv2': 'ses',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-dynamodb-streams': 'dynamodb',
};
