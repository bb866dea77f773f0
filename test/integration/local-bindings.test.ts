/** The local cloud starts each function with the environment its bindings give it, and nothing else. */
import { describe, expect, it } from 'vitest';
import { baseEnvironment, bindingEffects, type BindingResources } from '../../functions/bindings';
import { functionCatalog, type FunctionId, quietHoursDecidedBy } from '../../functions/catalog';
import { envNames } from '../../functions/commons/config';
import { request } from './http';

/** Any resources will do: only the variables' names are compared. */
const placeholders: BindingResources = {
  tableName: 't',
  tableArn: 'arn:t',
  tableIndexArns: [],
  notificationsTopicArn: 'arn:n',
  escalationsTopicArn: 'arn:e',
  topicKeyArn: 'arn:k',
  anyTopicArn: 'arn:*',
  identityHashKeyArn: 'arn:h',
  credentialsKeyArn: 'arn:c',
  personalDataKeyArn: 'arn:p',
  evidenceBucketName: 'evidence',
  evidenceBucketArn: 'arn:s3',
  caseRecordBucketName: 'records',
  caseRecordBucketArn: 'arn:s3:r',
  openDataBucketName: 'open-data',
  openDataBucketArn: 'arn:s3:o',
  idempotencyTableName: 'idem',
  idempotencyTableArn: 'arn:i',
  lifecycleStateMachineArn: 'arn:l',
  lifecycleExecutionsArn: 'arn:l:*',
  webhookStateMachineArn: 'arn:w',
  exportStateMachineArn: 'arn:x',
  caseRecordStateMachineArn: 'arn:r',
  collectiveStateMachineArn: 'arn:c',
  identityVerifier: 'fixture',
  email: { from: 'a@b.c', configurationSetName: 'c', identityArn: 'arn:i', configurationSetArn: 'arn:c' },
  siteUrl: 'http://localhost:3000',
  allowLoopbackWebhooks: true,
  complaintRetentionDays: 30,
  // As the tests' cloud runs: with alert rules of its own (test/integration/alert-rules.json).
  alertRules: '{"rules":[]}',
  // As the local cloud runs: SMS through SNS, the stand-in aggregator there for its delivery reports.
  sms: { providers: ['sns'], gateway: { url: 'http://g', senderId: 'CCMS', secretId: 's', secretArn: 'arn:s' } },
  setAside: {
    queues: { onComplaintChange: { url: 'http://localhost:1/q', arn: 'arn:q' } },
    consumerArns: ['arn:f'],
    streamArn: 'arn:s',
  },
};
/** What Lambda itself gives every function (and, locally, where the AWS services are). */
const runtime =
  /^(AWS_(REGION|DEFAULT_REGION|ACCESS_KEY_ID|SECRET_ACCESS_KEY|LAMBDA_FUNCTION_NAME|LAMBDA_FUNCTION_MEMORY_SIZE|SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED|SDK_UA_APP_ID)|AWS_ENDPOINT_URL_[A-Z0-9_]+)$/;

describe('each local function’s environment', () => {
  it('is the runtime’s variables, the common ones and exactly its bindings’', async () => {
    const { status, body } = await request('GET', '/__local/functions');
    expect(status).toBe(200);
    const environments = body as Record<FunctionId, string[]>;
    expect(Object.keys(environments).sort()).toEqual(Object.keys(functionCatalog).sort());
    for (const [functionId, names] of Object.entries(environments) as [FunctionId, string[]][]) {
      const own = names.filter((name) => !runtime.test(name));
      const expected = [
        ...Object.keys(baseEnvironment),
        ...Object.keys(bindingEffects(functionCatalog[functionId].bindings, placeholders).environment),
        // The tests' cloud scopes quiet hours to some merchants, for the one function that decides them.
        ...(functionId === quietHoursDecidedBy ? [envNames.quietHoursFor] : []),
      ];
      expect({ functionId, own: own.sort() }).toEqual({ functionId, own: [...new Set(expected)].sort() });
    }
  });

  it('holds no other function’s variables: a reader of complaints cannot see the topics, keys or state machines', async () => {
    const environments = (await request('GET', '/__local/functions')).body as Record<FunctionId, string[]>;
    expect(environments.getComplaint).not.toContain('NOTIFICATIONS_TOPIC_ARN');
    expect(environments.getComplaint).not.toContain('CREDENTIALS_KEY_ID');
    expect(environments.getComplaint).not.toContain('LIFECYCLE_STATE_MACHINE_ARN');
    expect(environments.onComplaintChange).toContain('LIFECYCLE_STATE_MACHINE_ARN');
  });
});
