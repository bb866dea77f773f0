import { App, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindingEffects, grantConditions } from '../../functions/bindings';
import { envNames } from '../../functions/commons/config';
import {
  authorizers,
  streamConsumers,
  emailEventConsumer,
  evidenceUploadConsumer,
  malwareScanConsumer,
  functionCatalog,
  type FunctionId,
  maxRequestBodyBytes,
  payloadTooLargeResponse,
  routes,
  unauthenticatedResponse,
} from '../../functions/catalog';
import { buildCcms } from '../../infra/app';
import { alertRulesFromFile } from '../../infra/alert-rules';
import { originVerifyHeader } from '../../infra/constructs/web-site';
import { escalationSubscriptionsFromContext, parseEscalationSubscriptions } from '../../infra/escalation-subscriptions';
import { acknowledgeGuard, guardValidator } from '../../infra/guard';
import { lifecycleAslPath, webhookDeliveryAslPath, type FunctionsStack } from '../../infra/functions-stack';

const root = path.join(import.meta.dirname, '..', '..');
const cdkContext = JSON.parse(readFileSync(path.join(root, 'cdk.json'), 'utf8')).context as Record<string, unknown>;

/**
 * The functions of a stage, read as one template: the workflow's stack and the API's two. A
 * reference between them is an import there, not a Ref.
 */
const functionsOf = (stacks: ReturnType<typeof buildCcms>) => {
  const templates = [stacks.functions, stacks.publicFunctions, stacks.organisationFunctions].map(
    (stack) => Template.fromStack(stack).toJSON() as Record<string, Record<string, unknown> | undefined>,
  );
  const section = (name: string) => Object.assign({}, ...templates.map((template) => template[name] ?? {}));
  return Template.fromJSON({
    Resources: section('Resources'),
    Outputs: section('Outputs'),
    Parameters: section('Parameters'),
    Conditions: section('Conditions'),
  });
};

/** No stack's functions are bundled: template-only assertions need no code. */
const withoutBundling = { 'aws:cdk:bundling-stacks': [] };

/**
 * Synthesizes a stage with cdk-nag's checks. Only `dev` bundles its functions, as `cdk deploy` does
 * (the cold-start test below runs those bundles); every other stage is synthesized without.
 */
const synthesize = (
  stage: string,
  options: Omit<Parameters<typeof buildCcms>[1], 'stage'> = {},
  { bundle = false } = {},
) => {
  const app = new App({
    context: { ...cdkContext, stage, ...(!bundle && withoutBundling) },
    outdir: path.join(root, 'cdk.out', `test-${stage}`),
  });
  const stacks = buildCcms(app, { stage, ...options });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return {
    app,
    assembly,
    data: Template.fromStack(stacks.data),
    functions: functionsOf(stacks),
    api: Template.fromStack(stacks.api),
    ops: Template.fromStack(stacks.ops),
    stacks,
  };
};

const dev = synthesize('dev', {}, { bundle: true });
let prodStage: ReturnType<typeof synthesize> | undefined;
const prod = () => (prodStage ??= synthesize('prod'));
/** A stage with the optional parts on: GuardDuty on the evidence bucket and regulators' escalation subscriptions (synthesized once, when first needed). */
const subscriptionsContext = readFileSync(
  path.join(root, 'test', 'integration', 'escalation-subscriptions.json'),
  'utf8',
);
let optioned: ReturnType<typeof synthesize> | undefined;
const withOptions = () =>
  (optioned ??= synthesize('scan', {
    evidenceMalwareScan: true,
    escalationSubscriptions: parseEscalationSubscriptions(subscriptionsContext),
    alertRulesFile: path.join(root, 'test', 'integration', 'alert-rules.json'),
  }));

type Statement = {
  Action: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Effect: string;
  Condition?: Record<string, Record<string, unknown>>;
};
const statementsOf = (template: Template): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
  );
const actionsOf = (statement: Statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
const resourcesOf = (statement: Statement) =>
  statement.Resource === undefined ? [] : Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
/** Each role's (or policy's) statements, by logical id. */
const policies = (template: Template) =>
  Object.entries(template.findResources('AWS::IAM::Policy')).map(([logicalId, policy]) => ({
    logicalId,
    statements: policy.Properties.PolicyDocument.Statement as Statement[],
  }));
const functionEnvironment = (template: Template, description: string) =>
  Object.values(template.findResources('AWS::Lambda::Function')).find(
    (fn) => fn.Properties.Description === description,
  )!.Properties.Environment.Variables as Record<string, unknown>;
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** A bucket no policy or ACL can open to the public. */
const allPublicAccessBlocked = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

describe('stateful stack', () => {
  it('creates the single table with the documented keys and indexes, PITR and TTL', () => {
    dev.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'byMerchantStatus',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'byConsumer',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'escalatedByDate',
          KeySchema: [
            { AttributeName: 'gsi3pk', KeyType: 'HASH' },
            { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'escalatedByMerchant',
          KeySchema: [
            { AttributeName: 'gsi4pk', KeyType: 'HASH' },
            { AttributeName: 'gsi4sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'timersDue',
          KeySchema: [
            { AttributeName: 'gsi5pk', KeyType: 'HASH' },
            { AttributeName: 'gsi5sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'closedByMonth',
          KeySchema: [
            { AttributeName: 'gsi6pk', KeyType: 'HASH' },
            { AttributeName: 'gsi6sk', KeyType: 'RANGE' },
          ],
        }),
        // The open-data rows alone: nothing else of a complaint is in this index.
        {
          IndexName: 'openDataByMonth',
          KeySchema: [
            { AttributeName: 'gsi7pk', KeyType: 'HASH' },
            { AttributeName: 'gsi7sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['openData'] },
        },
        // Sellers not on CCMS, by how many consumers reported them: a Number sort key.
        Match.objectLike({
          IndexName: 'unlistedByReports',
          KeySchema: [
            { AttributeName: 'gsi8pk', KeyType: 'HASH' },
            { AttributeName: 'gsi8sk', KeyType: 'RANGE' },
          ],
        }),
      ],
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'gsi8sk', AttributeType: 'N' }]),
    });
    // Writes under UNLISTED# only: the report (consumers), the onboarding (regulators), the erasure.
    const unlistedWriters = policies(dev.functions)
      .filter(({ statements }) => statements.some((s) => JSON.stringify(s.Condition ?? {}).includes('UNLISTED#')))
      .map(({ logicalId }) => logicalId.replace(/FunctionRole.*$/, ''))
      .sort();
    expect(unlistedWriters).toEqual(['EraseConsumerData', 'RecordSellerOnboarding', 'ReportUnlistedSeller']);
  });

  it('protects the table from deletion in prod only, and keeps it on stack removal there', () => {
    dev.data.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    prod().data.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    prod().data.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    expect(prod().stacks.data.stackName).toBe('Ccms-prod-Data');
    expect(prod().stacks.data.terminationProtection).toBe(true);
  });

  it('keeps evidence private, encrypted, versioned and reachable over TLS only', () => {
    dev.data.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: allPublicAccessBlocked,
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'evidence/' }),
    });
    dev.data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('reports every evidence upload under complaints/ to a queue with a dead-letter queue, which the check function consumes', () => {
    const [queueId] = Object.keys(
      dev.data.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }),
    );
    dev.data.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'complaints/' }] } },
            QueueArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
          },
        ],
      },
    });
    const checkFunction = Object.entries(dev.functions.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('CheckEvidenceFunction'),
    )![0];
    dev.functions.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: checkFunction },
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('EvidenceUploads') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(
      Object.keys(dev.functions.findResources('AWS::CloudWatch::Alarm')).some((id) =>
        id.startsWith('EvidenceUploadsDeadLettersAlarm'),
      ),
    ).toBe(true);
  });

  it('grants evidence files under complaints/ only, exports under exports/ only and case records’ renderings under case-records/ only, each action only to the functions that need it', () => {
    const bucketPrefix = (prefix: string) => [
      { 'Fn::Join': ['', [{ 'Fn::ImportValue': 'Ccms-dev-EvidenceBucketArn' }, prefix]] },
    ];
    const bucketGrants = statementsOf(dev.functions).filter(
      (s) =>
        actionsOf(s).some((a) => a.startsWith('s3:')) &&
        !JSON.stringify(resourcesOf(s)).includes('CaseRecordBucketArn') &&
        !JSON.stringify(resourcesOf(s)).includes('OpenDataBucket'),
    );
    const exportActions = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:GetObject'];
    const renderingActions = ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion'];
    // The erasure lists the two prefixes it erases (a listing is granted on the bucket, limited by
    // s3:prefix) and deletes every version under both.
    const erasureListing = ['s3:ListBucketVersions'];
    const erasureDeletes = ['s3:DeleteObject', 's3:DeleteObjectVersion'];
    const erasing = (grant: Statement) =>
      actionsOf(grant).every((a) => erasureListing.includes(a)) ||
      (actionsOf(grant).every((a) => erasureDeletes.includes(a)) && resourcesOf(grant).length === 2);
    for (const grant of bucketGrants.filter(erasing)) {
      if (actionsOf(grant).every((a) => erasureListing.includes(a))) {
        expect(resourcesOf(grant)).toEqual([{ 'Fn::ImportValue': 'Ccms-dev-EvidenceBucketArn' }]);
        expect(grant.Condition).toEqual({ StringLike: { 's3:prefix': ['complaints/*', 'case-records/*'] } });
      } else expect(resourcesOf(grant)).toEqual([...bucketPrefix('/complaints/*'), ...bucketPrefix('/case-records/*')]);
    }
    for (const grant of bucketGrants.filter((g) => !erasing(g))) {
      const prefix = ['/exports/*', '/case-records/*'].find((p) => JSON.stringify(resourcesOf(grant)).includes(p));
      expect(resourcesOf(grant)).toEqual(bucketPrefix(prefix ?? '/complaints/*'));
      if (prefix === '/exports/*') for (const action of actionsOf(grant)) expect(exportActions).toContain(action);
      if (prefix === '/case-records/*')
        for (const action of actionsOf(grant)) expect(renderingActions).toContain(action);
    }
    const renderingGrantees = policies(dev.functions)
      .filter(({ statements }) => statements.some((s) => JSON.stringify(resourcesOf(s)).includes('/case-records/*')))
      .map(({ logicalId }) => logicalId.replace(/FunctionRole.*$/, ''))
      .sort();
    expect(renderingGrantees).toEqual([
      'EraseConsumerData',
      'EraseExpiredComplaints',
      'GetRegulatorCase',
      'IssueCaseRecord',
    ]);
    const exportGrantees = policies(dev.functions)
      .filter(({ statements }) => statements.some((s) => JSON.stringify(resourcesOf(s)).includes('/exports/*')))
      .map(({ logicalId }) => logicalId.replace(/FunctionRole.*$/, ''))
      .sort();
    expect(exportGrantees).toEqual(['GetExport', 'RunExport']);
    const functionsAllowed = (action: string) =>
      policies(dev.functions)
        .filter(({ statements }) => statements.some((s) => actionsOf(s).includes(action)))
        .map(({ logicalId }) => logicalId.replace(/FunctionRole.*$/, ''))
        .sort();
    expect(functionsAllowed('s3:PutObject')).toEqual([
      // Under open-data/ of the open-data bucket only (its own test below).
      'BuildOpenData',
      'IssueCaseRecord',
      'RequestEvidenceUpload',
      'RequestMerchantEvidenceUpload',
      'RunExport',
    ]);
    expect(functionsAllowed('s3:DeleteObjectVersion')).toEqual([
      'CheckEvidence',
      'EraseConsumerData',
      'EraseExpiredComplaints',
    ]);
    expect(functionsAllowed('s3:GetObjectVersion')).toEqual([
      'CheckEvidence',
      'GetConsumerComplaint',
      'GetConsumerData',
      'GetMerchantComplaint',
      'GetRegulatorCase',
      'ListEvidence',
    ]);
  });

  it('keeps open data in a bucket of its own that only this account’s CloudFront reads, written under open-data/ by the build alone', () => {
    const bucketId = Object.keys(dev.data.findResources('AWS::S3::Bucket')).find((id) =>
      id.startsWith('OpenDataBucket'),
    )!;
    dev.data.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: allPublicAccessBlocked,
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'open-data/' }),
    });
    const policy = Object.values(dev.data.findResources('AWS::S3::BucketPolicy')).find(
      (each) => JSON.stringify(each.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    )!;
    const reads = (policy.Properties.PolicyDocument.Statement as Statement[]).filter(
      (statement) => (statement as { Effect: string }).Effect === 'Allow',
    );
    const cloudFront = reads.find((statement) => JSON.stringify(statement).includes('cloudfront.amazonaws.com'))!;
    expect(actionsOf(cloudFront)).toEqual(['s3:GetObject']);
    expect(JSON.stringify(resourcesOf(cloudFront))).toContain('/open-data/*');
    expect(cloudFront.Condition).toMatchObject({
      StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'AWS:SourceArn': expect.anything() },
    });
    const grants = policies(dev.functions).flatMap(({ logicalId, statements }) =>
      statements
        .filter((statement) => JSON.stringify(resourcesOf(statement)).includes('OpenDataBucketArn'))
        .map((statement) => ({
          role: logicalId.replace(/FunctionRole.*$/, ''),
          actions: actionsOf(statement),
          resources: JSON.stringify(resourcesOf(statement)),
        })),
    );
    expect(grants.map(({ role, actions }) => `${role} ${actions.join(' ')}`).sort()).toEqual([
      'BuildOpenData s3:ListBucket',
      'BuildOpenData s3:PutObject s3:GetObject s3:AbortMultipartUpload',
    ]);
    expect(grants.find(({ actions }) => actions.includes('s3:PutObject'))!.resources).toContain('/open-data/*');
    // What it reads of the table: the rows index, nothing else.
    const tableGrants = policies(dev.functions)
      .filter(({ logicalId }) => logicalId.startsWith('BuildOpenData'))
      .flatMap(({ statements }) =>
        statements.filter((statement) => actionsOf(statement).some((a) => a.startsWith('dynamodb:'))),
      );
    expect(tableGrants.map((statement) => [actionsOf(statement), JSON.stringify(resourcesOf(statement))])).toEqual([
      [['dynamodb:Query'], expect.stringContaining('/index/openDataByMonth')],
    ]);
    dev.functions.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 20 1 * ? *)',
      Targets: [
        Match.objectLike({
          Arn: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^BuildOpenData'), 'Arn'] }),
        }),
      ],
    });
  });

  it('keeps formal case records write-once: Object Lock with the stage’s retention, never deleted with the stack, written and read under records/ only', () => {
    dev.data.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    dev.data.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ ObjectLockEnabled: true }),
      DeletionPolicy: 'Retain',
    });
    prod().data.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } },
      },
    });
    const recordGrants = policies(dev.functions).flatMap(({ logicalId, statements }) =>
      statements
        .filter((s) => JSON.stringify(resourcesOf(s)).includes('CaseRecordBucketArn'))
        .map((s) => ({
          role: logicalId.replace(/FunctionRole.*$/, ''),
          actions: actionsOf(s),
          resources: resourcesOf(s),
        })),
    );
    expect(recordGrants.map(({ role, actions }) => `${role} ${actions.join(' ')}`).sort()).toEqual([
      'GetRegulatorCase s3:GetObject s3:GetObjectVersion',
      'IssueCaseRecord s3:PutObject',
    ]);
    for (const { resources } of recordGrants)
      expect(resources).toEqual([
        { 'Fn::Join': ['', [{ 'Fn::ImportValue': 'Ccms-dev-CaseRecordBucketArn' }, '/records/*']] },
      ]);
  });

  it('scans evidence with GuardDuty only when asked (context evidenceMalwareScan), and then serves no file found to be malware', () => {
    expect(dev.data.findResources('AWS::GuardDuty::MalwareProtectionPlan')).toEqual({});
    const scanned = withOptions();
    scanned.data.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { ObjectPrefixes: ['complaints/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    scanned.data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Condition: { StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'THREATS_FOUND' } },
          }),
        ]),
      },
    });
    // AWS's documented role policy: GuardDuty proves it can write to the bucket with one object of a fixed name.
    const writes = statementsOf(scanned.data).filter((statement) => actionsOf(statement).includes('s3:PutObject'));
    expect(JSON.stringify(writes.flatMap(resourcesOf))).toContain('/malware-protection-resource-validation-object');
    // GuardDuty listens through EventBridge: the bucket's notification settings keep it on.
    scanned.data.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: Match.objectLike({ EventBridgeConfiguration: {} }),
    });
  });

  it('subscribes regulators to the escalations topic from context, each with its filter policy on the message attributes', () => {
    expect(dev.data.findResources('AWS::SNS::Subscription')).toEqual({});
    const subscriptions = Object.values(withOptions().data.findResources('AWS::SNS::Subscription')).map(
      (resource) => resource.Properties,
    );
    expect(subscriptions).toEqual([
      expect.objectContaining({
        Protocol: 'email',
        Endpoint: 'dncrp-dhaka@regulator.test',
        FilterPolicy: { district: ['dhaka'] },
        FilterPolicyScope: 'MessageAttributes',
      }),
      expect.objectContaining({
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:ap-south-1:111122223333:ecab-disputes',
        FilterPolicy: { reason: ['RESOLUTION_DISPUTED'], merchantId: ['demo-bazaar'] },
      }),
      expect.objectContaining({ Protocol: 'https', FilterPolicy: { category: [{ 'anything-but': ['DATA_MISUSE'] }] } }),
      expect.objectContaining({
        Protocol: 'email',
        Endpoint: 'market-watch@regulator.test',
        FilterPolicy: { reason: ['MERCHANT_ALERT'] },
      }),
    ]);
    for (const subscription of subscriptions)
      expect(subscription.TopicArn).toEqual({ Ref: expect.stringMatching(/^EscalationsTopic/) });
  });

  it('refuses subscriptions it could not honour: an attribute that is never sent, a bad endpoint, text that is not JSON', () => {
    expect(() =>
      parseEscalationSubscriptions('[{"protocol":"email","endpoint":"a@b.test","filterPolicy":{"merchant":["x"]}}]'),
    ).toThrow(/merchant/);
    expect(() => parseEscalationSubscriptions('[{"protocol":"sqs","endpoint":"https://sqs.example/q"}]')).toThrow(
      'is not a queue ARN',
    );
    expect(() => parseEscalationSubscriptions('[{"protocol":"https","endpoint":"http://plain.example"}]')).toThrow(
      'is not a https:// URL',
    );
    expect(() => parseEscalationSubscriptions('not json')).toThrow('JSON array');
    // What the CLI passes for `-c escalationSubscriptions='[` + newline + ...`: the error says how to pass a list.
    expect(() => parseEscalationSubscriptions('[')).toThrow(/one line.*escalationSubscriptionsFile/);
    expect(parseEscalationSubscriptions(undefined)).toEqual([]);
  });

  it('reads the subscriptions from a file named by escalationSubscriptionsFile, and refuses both at once or a missing file', () => {
    const file = path.join(root, 'test', 'integration', 'escalation-subscriptions.json');
    expect(escalationSubscriptionsFromContext(undefined, file)).toEqual(
      parseEscalationSubscriptions(subscriptionsContext),
    );
    expect(() => escalationSubscriptionsFromContext('[]', file)).toThrow('not both');
    expect(() => escalationSubscriptionsFromContext(undefined, path.join(root, 'no-such.json'))).toThrow(
      /no-such\.json cannot be read/,
    );
    expect(escalationSubscriptionsFromContext(undefined, undefined)).toEqual([]);
  });

  it('encrypts every topic (notifications, escalations, email events, alarms) with the rotating topic key', () => {
    const topics = Object.values(dev.data.findResources('AWS::SNS::Topic'));
    expect(topics).toHaveLength(4);
    for (const topic of topics)
      expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TopicKey/), 'Arn'] });
    dev.data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('hard-codes no physical names, so two stages can share an account', () => {
    expect(Object.values(dev.data.findResources('AWS::DynamoDB::Table'))[0]!.Properties.TableName).toBeUndefined();
    for (const bucket of Object.values(dev.data.findResources('AWS::S3::Bucket')))
      expect(bucket.Properties.BucketName).toBeUndefined();
    for (const topic of Object.values(dev.data.findResources('AWS::SNS::Topic')))
      expect(topic.Properties.TopicName).toBeUndefined();
    for (const fn of Object.values(dev.functions.findResources('AWS::Lambda::Function')))
      expect(fn.Properties.FunctionName).toBeUndefined();
    expect(dev.stacks.api.stackName).toBe('Ccms-dev-Api');
  });
});

describe('CloudFormation limits', () => {
  it('keeps every stack, with every optional part on, under the 500 resources CloudFormation allows', () => {
    const counts = Object.fromEntries(
      [dev, withOptions()].flatMap(({ stacks }) =>
        [
          stacks.data,
          stacks.functions,
          stacks.publicFunctions,
          stacks.organisationFunctions,
          stacks.api,
          stacks.web,
          stacks.edge,
          stacks.ops,
        ].map((stack) => [stack.stackName, Object.keys(Template.fromStack(stack).toJSON().Resources).length]),
      ),
    );
    for (const [stackName, count] of Object.entries(counts)) expect(count, stackName).toBeLessThan(500);
    // A route with a new function costs its functions stack 8 resources (function, role, policy, log
    // group, version, alias, release, its alarm) and the API stack about 3 (resource, method,
    // permission): room for at least 10 more in each.
    for (const stack of ['Functions', 'PublicFunctions', 'OrganisationFunctions'])
      expect(counts[`Ccms-dev-${stack}`], stack).toBeLessThanOrEqual(500 - 10 * 8);
    expect(counts['Ccms-dev-Api']).toBeLessThanOrEqual(500 - 10 * 3);
  });
});

/**
 * The function an API integration calls, by its logical id in the functions stack: the URI names
 * the function's `live` alias (an export of that stack), and the alias names its function.
 */
const calledFunctionOf = (uri: unknown): string | undefined => {
  const aliasId = /ExportsOutputRef([A-Za-z]+FunctionLive[0-9A-F]{8})[0-9A-F]{8}"/.exec(JSON.stringify(uri))?.[1];
  const alias = aliasId && dev.functions.findResources('AWS::Lambda::Alias')[aliasId];
  return alias ? (alias.Properties.FunctionName as { Ref: string }).Ref : undefined;
};

describe('functions and API stacks', () => {
  it('runs every function on Node.js 24, arm64, with X-Ray tracing, metrics in namespace CCMS and its own log group with a retention', () => {
    const functions = Object.entries(dev.functions.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThanOrEqual(4);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'ccms',
        POWERTOOLS_METRICS_NAMESPACE: 'CCMS',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
    }
    for (const logGroup of Object.values(dev.functions.findResources('AWS::Logs::LogGroup'))) {
      expect(logGroup.Properties.RetentionInDays).toBe(30);
    }
  });

  it('gives the CDK’s own functions (bucket notifications, the web deployment, emptying buckets) log groups that expire, in every stack', () => {
    for (const stage of [dev, prod()]) {
      const templates = [stage.data, stage.functions, Template.fromStack(stage.stacks.web)];
      let provided = 0;
      for (const template of templates) {
        const groups = template.findResources('AWS::Logs::LogGroup');
        for (const [logicalId, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
          const group = (fn.Properties.LoggingConfig?.LogGroup as { Ref?: string } | undefined)?.Ref;
          expect(group, `${logicalId} logs to a group of the stack`).toBeDefined();
          expect(groups[group!]!.Properties.RetentionInDays, logicalId).toBe(stage === dev ? 30 : 365);
          expect(groups[group!]!.DeletionPolicy, logicalId).toBe(stage === dev ? 'Delete' : 'Retain');
          if (!/Function[0-9A-F]{8}$/.test(logicalId) || logicalId.startsWith('Custom')) provided++;
        }
      }
      expect(provided).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps the topics and the regulators’ subscriptions when the prod stack is deleted, and only there', () => {
    const options = { escalationSubscriptions: parseEscalationSubscriptions(subscriptionsContext) };
    const retained = synthesize('prod', options).data;
    const topics = Object.values(retained.findResources('AWS::SNS::Topic'));
    expect(topics).toHaveLength(4);
    for (const topic of topics) expect(topic.DeletionPolicy).toBe('Retain');
    const subscriptions = Object.values(retained.findResources('AWS::SNS::Subscription'));
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const subscription of subscriptions) expect(subscription.DeletionPolicy).toBe('Retain');
    for (const topic of Object.values(dev.data.findResources('AWS::SNS::Topic')))
      expect(topic.DeletionPolicy).toBe('Delete');
  });

  it('loads each state machine definition from its ASL file, with substitutions for its task functions', () => {
    const machines = Object.entries(dev.functions.findResources('AWS::StepFunctions::StateMachine'));
    const byName = (prefix: string) => machines.find(([logicalId]) => logicalId.startsWith(prefix))![1];
    for (const [prefix, file, substitutions] of [
      ['ComplaintLifecycle', lifecycleAslPath, ['FireTimerFunctionArn', 'SendHeldSmsFunctionArn']],
      ['WebhookDelivery', webhookDeliveryAslPath, ['DeliverWebhookFunctionArn']],
    ] as const) {
      const machine = byName(prefix);
      // DefinitionBody.fromFile ships the file as an asset; the asset is the file, byte for byte.
      const assetFile = path.join(dev.app.outdir, `asset.${machine.Properties.DefinitionS3Location.Key}`);
      expect(readFileSync(assetFile, 'utf8')).toBe(readFileSync(file, 'utf8'));
      expect(Object.keys(machine.Properties.DefinitionSubstitutions)).toEqual(substitutions);
      expect(machine.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
      });
    }
  });

  it('attaches X-Ray, whose actions take no resource, to every function role from one managed policy of the stack', () => {
    const managed = Object.entries(dev.functions.findResources('AWS::IAM::ManagedPolicy'));
    expect(managed.map(([logicalId]) => logicalId)).toEqual([expect.stringMatching(/^FunctionTracingPolicy/)]);
    const [tracingId, tracing] = managed[0]!;
    expect(tracing.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ]);
    const functionRoles = Object.values(dev.functions.findResources('AWS::Lambda::Function'))
      .map((fn) => (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt']?.[0])
      .filter(
        (roleId): roleId is string => roleId !== undefined && /Function[0-9A-F]{0,8}Role|FunctionRole/.test(roleId),
      );
    expect(functionRoles.length).toBeGreaterThan(40);
    const roles = dev.functions.findResources('AWS::IAM::Role');
    for (const roleId of functionRoles)
      expect(roles[roleId]!.Properties.ManagedPolicyArns, roleId).toEqual([{ Ref: tracingId }]);
  });

  it('grants no wildcard resource except for X-Ray, log delivery and stream listing', () => {
    const wildcards = Object.entries(dev.functions.findResources('AWS::IAM::Policy')).flatMap(([logicalId, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Statement[])
        .filter((statement) => resourcesOf(statement).includes('*'))
        .flatMap((statement) => actionsOf(statement).map((action) => ({ logicalId, action }))),
    );
    expect(wildcards.length).toBeGreaterThan(0);
    for (const { logicalId, action } of wildcards) {
      if (action === 'dynamodb:ListStreams')
        expect(logicalId).toMatch(/^(OnComplaintChange|CountComplaintChanges)FunctionRole/);
      else
        expect(action).toMatch(
          /^(xray:|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))/,
        );
    }
  });

  it("never gives a deployed function the local cloud's quiet-hours scope: quiet hours hold every complaint in AWS", () => {
    for (const template of [dev.functions, prod().functions, dev.api, prod().api]) {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      for (const fn of functions)
        expect(Object.keys(fn.Properties.Environment?.Variables ?? {})).not.toContain(envNames.quietHoursFor);
    }
    // The change consumer, which decides quiet hours, is deployed (with its peers) in the functions stack.
    expect(functionEnvironment(dev.functions, functionCatalog.onComplaintChange.description)).not.toHaveProperty(
      envNames.quietHoursFor,
    );
  });

  it('lets the texting functions publish SMS but no topic: NotResource names every topic ARN', () => {
    const sms = policies(dev.functions).flatMap(({ logicalId, statements }) =>
      statements
        .filter((s) => actionsOf(s).includes('sns:Publish') && s.NotResource !== undefined)
        .map((s) => ({ logicalId, s })),
    );
    expect(sms.map(({ logicalId }) => logicalId.replace(/FunctionRole.*$/, '')).sort()).toEqual([
      'OnComplaintChange',
      'RequestOtp',
      'SendHeldSms',
    ]);
    for (const { s } of sms) {
      expect(s.Effect).toBe('Allow');
      expect(JSON.stringify(s.NotResource)).toMatch(/:sns:\*:\*:\*/);
    }
    const requestOtp = policies(dev.functions).filter(({ logicalId }) =>
      logicalId.startsWith('RequestOtpFunctionRole'),
    );
    const topicPublish = requestOtp
      .flatMap(({ statements }) => statements)
      .filter((s) => actionsOf(s).includes('sns:Publish') && s.Resource !== undefined);
    expect(topicPublish).toEqual([]);
  });

  it('sends SMS through the providers context smsProviders names, in order: the aggregator with its key secret granted, SNS only where named', () => {
    const gateway = {
      url: 'https://sms.example.com.bd/api/send',
      senderId: 'CCMS',
      apiKeySecret: 'ccms/sms-gateway-key',
    };
    // With cdk-nag: every grant of the named secret (its `-??????` suffix) is acknowledged where it is made.
    const both = synthesize('sms', { sms: { providers: ['gateway', 'sns'], gateway } }).functions;
    for (const description of [
      functionCatalog.onComplaintChange.description,
      functionCatalog.requestOtp.description,
      functionCatalog.sendHeldSms.description,
    ])
      expect(functionEnvironment(both, description)).toMatchObject({
        SMS_PROVIDERS: 'gateway,sns',
        SMS_GATEWAY_URL: gateway.url,
        SMS_SENDER_ID: 'CCMS',
      });
    const grantsOf = (template: Template, action: string) =>
      policies(template)
        .filter(({ statements }) => statements.some((s) => actionsOf(s).includes(action)))
        .map(({ logicalId }) => logicalId.replace(/FunctionRole.*$/, ''))
        .sort();
    const secretReads = statementsOf(both).filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
    // The texting functions read the key to send; the delivery reports' function to check their signatures.
    expect(grantsOf(both, 'secretsmanager:GetSecretValue')).toEqual([
      'OnComplaintChange',
      'ReceiveSmsReport',
      'RequestOtp',
      'SendHeldSms',
    ]);
    for (const statement of secretReads)
      expect(JSON.stringify(statement.Resource)).toContain('secret:ccms/sms-gateway-key-??????');
    expect(grantsOf(both, 'sns:Publish')).toContain('RequestOtp');
    // The aggregator alone: no SMS through SNS, so no sns:Publish on phone numbers.
    const only = functionsOf(
      buildCcms(new App({ context: { ...cdkContext, stage: 'sms1', ...withoutBundling } }), {
        stage: 'sms1',
        sms: { providers: ['gateway'], gateway },
      }),
    );
    expect(grantsOf(only, 'sns:Publish')).not.toContain('RequestOtp');
    expect(functionEnvironment(dev.functions, functionCatalog.requestOtp.description).SMS_PROVIDERS).toBe('sns');
    // What cannot work is refused at synth.
    const refused = (sms: Parameters<typeof buildCcms>[1]['sms']) =>
      buildCcms(new App({ context: { ...cdkContext, stage: 'smsbad', ...withoutBundling } }), { stage: 'smsbad', sms });
    expect(() => refused({ providers: ['gateway'] })).toThrow(/smsGatewayUrl/);
    expect(() => refused({ providers: ['sns', 'sns'] })).toThrow(/each once/);
    expect(() => refused({ providers: ['pigeon' as 'sns'] })).toThrow(/smsProviders/);
    for (const url of ['http://sms.example', 'https://user:secret@sms.example/send', 'not a url'])
      expect(() => refused({ providers: ['gateway'], gateway: { ...gateway, url } })).toThrow(/https/);
    expect(() => refused({ providers: ['gateway'], gateway: { ...gateway, senderId: '   ' } })).toThrow(/smsSenderId/);
    expect(() =>
      refused({ providers: ['gateway'], gateway: { ...gateway, senderId: 'A sender id too long' } }),
    ).toThrow(/smsSenderId/);
  });

  it('gives table writes only where a function writes: signed GET routes write nothing, replay records only under REPLAY#', () => {
    const writesOf = (functionId: string) =>
      policies(dev.functions)
        .filter(({ logicalId }) => logicalId.startsWith(`${functionId}FunctionRole`))
        .flatMap(({ statements }) => statements)
        .filter((s) => actionsOf(s).some((action) => writeActions.includes(action)));
    for (const readOnly of [
      'ListMerchantComplaints',
      'GetMerchantComplaint',
      'ListWebhookDeliveries',
      'GetComplaint',
      'ListCaseReads',
    ]) {
      expect(writesOf(readOnly), readOnly).toEqual([]);
    }
    const leadingKeys = (s: Statement) => s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
    expect(writesOf('GetRegulatorCase').map((s) => [actionsOf(s), leadingKeys(s)])).toEqual([
      [['dynamodb:PutItem'], ['ACCESS#*']],
    ]);
    expect(
      writesOf('MerchantAction')
        .filter((s) => leadingKeys(s) !== undefined)
        .map((s) => [actionsOf(s), leadingKeys(s)]),
    ).toEqual([[['dynamodb:PutItem'], ['REPLAY#*']]]);
    // The change consumer writes undeliverable messages, message outcomes, email confirmations' tokens and one-tap links; the counting one statistics and their markers; nothing else.
    expect(writesOf('OnComplaintChange').map((s) => [actionsOf(s), leadingKeys(s)])).toEqual([
      [['dynamodb:PutItem'], ['UNDELIVERABLE#*']],
      [['dynamodb:UpdateItem'], ['SENT#*']],
      [['dynamodb:GetItem', 'dynamodb:UpdateItem'], ['EMAILCONFIRM#*']],
      [['dynamodb:PutItem'], ['ONETAP#*']],
    ]);
    // Confirming an address (a public route, the token its proof) reads and writes its confirmation and nothing else of the table.
    const confirmEmail = policies(dev.functions)
      .filter(({ logicalId }) => logicalId.startsWith('ConfirmEmailFunctionRole'))
      .flatMap(({ statements }) => statements)
      .filter((s) => actionsOf(s).some((action) => action.startsWith('dynamodb:')));
    expect(confirmEmail.map((s) => [actionsOf(s), leadingKeys(s)])).toEqual([
      [['dynamodb:GetItem', 'dynamodb:UpdateItem'], ['EMAILCONFIRM#*']],
    ]);
    // Acting with a one-tap link (a public route, the code its proof): its links and the complaints they open, nothing else.
    expect(writesOf('OneTap').map((s) => [actionsOf(s), leadingKeys(s)])).toEqual([
      [['dynamodb:GetItem', 'dynamodb:UpdateItem'], ['ONETAP#*']],
      [['dynamodb:GetItem', 'dynamodb:PutItem'], ['COMPLAINT#*']],
    ]);
    // A consumer's message preference: their own CONSUMER# items, nothing else.
    expect(writesOf('ConsumerMessagePreferences').map((s) => [actionsOf(s), leadingKeys(s)])).toEqual([
      [['dynamodb:GetItem', 'dynamodb:PutItem'], ['CONSUMER#*']],
    ]);
    expect(writesOf('CountComplaintChanges').map((s) => [actionsOf(s), leadingKeys(s)])).toEqual([
      [['dynamodb:UpdateItem'], ['STATS#*']],
      [['dynamodb:PutItem'], ['COUNTED#*']],
    ]);
    // The alert evaluation keeps its alerts and writes nothing else; listing them writes nothing.
    expect(writesOf('EvaluateAlerts').map((s) => [actionsOf(s), leadingKeys(s)])).toEqual([
      [['dynamodb:PutItem'], ['ALERT#*']],
      [['dynamodb:UpdateItem'], ['ALERT#*']],
    ]);
    expect(writesOf('ListAlerts')).toEqual([]);
  });

  it('authorizes each route by its access kind: consumer authorizer, IAM for operators, SigV4 in the function otherwise', () => {
    const methods = Object.values(dev.api.findResources('AWS::ApiGateway::Method'));
    const count = (...access: string[]) => routes.filter((r) => access.includes(r.access)).length;
    expect(methods.filter((m) => m.Properties.AuthorizationType === 'CUSTOM')).toHaveLength(count('consumer'));
    expect(methods.filter((m) => m.Properties.AuthorizationType === 'AWS_IAM')).toHaveLength(count('operator'));
    expect(methods.filter((m) => m.Properties.AuthorizationType === 'NONE')).toHaveLength(
      count('public', 'merchant', 'regulator'),
    );
    dev.api.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 0,
    });
    dev.api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseTemplates: { 'application/json': JSON.stringify(unauthenticatedResponse.body) },
    });
  });

  it('answers in the API’s error format whatever API Gateway answers itself: throttling, unknown routes, timeouts, blocks', () => {
    const responses = Object.values(dev.api.findResources('AWS::ApiGateway::GatewayResponse'));
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      const response = responses.find((each) => each.Properties.ResponseType === type)!;
      const template = response.Properties.ResponseTemplates['application/json'] as string;
      // As API Gateway fills it in for a throttled request ($context.error.messageString comes quoted).
      const answer = JSON.parse(
        template
          .replace('$context.error.responseType', 'THROTTLED')
          .replace('$context.error.messageString', JSON.stringify('Too Many Requests')),
      );
      expect(answer, type).toEqual({ error: { code: 'THROTTLED', message: 'Too Many Requests' } });
    }
  });

  it('lets each state machine invoke exactly its task function, and the sweeper the stream consumers; only the change consumer starts timers and webhooks, only the export request exports', () => {
    const invoke = statementsOf(dev.functions).filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    expect(invoke.map(resourcesOf)).toEqual([
      [
        { 'Fn::GetAtt': [expect.stringMatching(/^FireTimerFunction/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/^SendHeldSmsFunction/), 'Arn'] },
      ],
      [{ 'Fn::GetAtt': [expect.stringMatching(/^DeliverWebhookFunction/), 'Arn'] }],
      [{ 'Fn::GetAtt': [expect.stringMatching(/^RunExportFunction/), 'Arn'] }],
      [{ 'Fn::GetAtt': [expect.stringMatching(/^IssueCaseRecordFunction/), 'Arn'] }],
      [{ 'Fn::GetAtt': [expect.stringMatching(/^ApplyCollectiveCaseFunction/), 'Arn'] }],
      // The sweeper replays set-aside changes through the two stream consumers.
      [
        { 'Fn::GetAtt': [expect.stringMatching(/^OnComplaintChangeFunction/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/^CountComplaintChangesFunction/), 'Arn'] },
      ],
    ]);
    const policiesWith = (action: string) =>
      Object.entries(dev.functions.findResources('AWS::IAM::Policy'))
        .filter(([, p]) =>
          (p.Properties.PolicyDocument.Statement as Statement[]).some((s) => actionsOf(s).includes(action)),
        )
        .map(([logicalId]) => logicalId);
    expect(
      policiesWith('states:StartExecution')
        .map((logicalId) => logicalId.replace(/FunctionRole.*$/, ''))
        .sort(),
    ).toEqual(
      [
        'AddCollectiveMembers',
        'ComplaintLifecycleHandOverPolicy',
        'DecideCollectiveCase',
        'OnComplaintChange',
        'RequestExport',
        'ScheduleCollectiveHearing',
        'SweepTimers',
      ].map((prefix) => expect.stringMatching(prefix)),
    );
    const startsBy = (role: RegExp) =>
      policies(dev.functions)
        .filter(({ logicalId }) => role.test(logicalId))
        .flatMap(({ statements }) =>
          statements.filter((s) => actionsOf(s).includes('states:StartExecution')).flatMap(resourcesOf),
        );
    expect(startsBy(/^OnComplaintChangeFunctionRole/)).toEqual([
      { Ref: expect.stringMatching(/^ComplaintLifecycle/) },
      { Ref: expect.stringMatching(/^WebhookDelivery/) },
      { Ref: expect.stringMatching(/^CaseRecord/) },
    ]);
    // The export request is an API function: the state machine is imported from the workflow's stack.
    expect(startsBy(/^RequestExportFunctionRole/)).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/^Ccms-dev-Functions:ExportsOutputRefCaseExport/) },
    ]);
    // The collective case's routes start its runs, and nothing else.
    for (const role of [
      /^AddCollectiveMembersFunctionRole/,
      /^ScheduleCollectiveHearingFunctionRole/,
      /^DecideCollectiveCaseFunctionRole/,
    ])
      expect(startsBy(role)).toEqual([
        { 'Fn::ImportValue': expect.stringMatching(/^Ccms-dev-Functions:ExportsOutputRefCollectiveCase/) },
      ]);
    // The sweeper restarts lost timers of the lifecycle alone.
    expect(startsBy(/^SweepTimersFunctionRole/)).toEqual([{ Ref: expect.stringMatching(/^ComplaintLifecycle/) }]);
    expect(policiesWith('states:StopExecution')).toEqual([expect.stringMatching(/^OnComplaintChangeFunctionRole/)]);
  });

  it('lets the sweeper replay set-aside changes and nothing more: the two set-aside queues, the table stream, the two consumers', () => {
    const sweeperGrants = (action: string) =>
      policies(dev.functions)
        .filter(({ logicalId }) => /^SweepTimersFunctionRole/.test(logicalId))
        .flatMap(({ statements }) => statements.filter((s) => actionsOf(s).includes(action)).flatMap(resourcesOf))
        .map((resource) => JSON.stringify(resource));
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage'])
      expect(sweeperGrants(action), action).toEqual([
        expect.stringMatching(/ComplaintChangesSetAside.*Arn/),
        expect.stringMatching(/ComplaintCountsSetAside.*Arn/),
      ]);
    expect(sweeperGrants('dynamodb:GetRecords')).toEqual([expect.stringMatching(/StreamArn/)]);
    expect(sweeperGrants('lambda:InvokeFunction')).toEqual([
      expect.stringMatching(/OnComplaintChangeFunction.*Arn/),
      expect.stringMatching(/CountComplaintChangesFunction.*Arn/),
    ]);
    // No other function may receive from a set-aside queue: what is there is the sweeper's and the operator's.
    const elsewhere = policies(dev.functions)
      .filter(({ logicalId }) => !/^SweepTimersFunctionRole/.test(logicalId))
      .flatMap(({ statements }) =>
        statements
          .filter((s) => actionsOf(s).some((a) => a === 'sqs:ReceiveMessage' || a === 'sqs:DeleteMessage'))
          .flatMap(resourcesOf),
      )
      .map((resource) => JSON.stringify(resource));
    expect(elsewhere.filter((resource) => /SetAside/.test(resource))).toEqual([]);
  });

  it('feeds every complaint change to its two consumers, each from its own position with its own failure path: the change consumer ten batches at once, the counting one a batch at a time', () => {
    dev.data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    const mappings = Object.values(dev.functions.findResources('AWS::Lambda::EventSourceMapping')).filter((mapping) =>
      JSON.stringify(mapping.Properties.EventSourceArn).includes('StreamArn'),
    );
    expect(mappings).toHaveLength(2);
    const queues: string[] = [];
    for (const [functionId, queue, lanes] of [
      ['onComplaintChange', 'ComplaintChangesSetAside', 10],
      ['countComplaintChanges', 'ComplaintCountsSetAside', 1],
    ] as const) {
      const feed = streamConsumers[functionId];
      expect(feed.parallelizationFactor).toBe(lanes);
      dev.functions.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: Match.stringLikeRegexp(`^${functionId[0]!.toUpperCase()}${functionId.slice(1)}Function`) },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: feed.batchSize,
        ParallelizationFactor: lanes,
        MaximumRetryAttempts: feed.retryAttempts,
        MaximumRecordAgeInSeconds: feed.maxRecordAgeSeconds,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${queue}`), 'Arn'] } },
        },
      });
      queues.push(queue);
    }
    // Each set-aside queue is encrypted and has an alarm.
    for (const queue of queues) {
      const [queueId] = Object.keys(dev.functions.findResources('AWS::SQS::Queue')).filter((id) =>
        id.startsWith(queue),
      );
      dev.functions.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: 'alias/aws/sqs' });
      expect(queueId).toBeDefined();
      expect(JSON.stringify(dev.functions.findResources('AWS::CloudWatch::Alarm'))).toContain(queueId!);
    }
  });

  it('alarms when a complaint timer task keeps failing (the timer itself never gives up)', () => {
    dev.functions.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^FireTimerFunction') } }],
      Threshold: 5,
      EvaluationPeriods: 2,
    });
  });

  it('alarms when a change is set aside and when the stream falls behind', () => {
    dev.functions.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    dev.functions.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^OnComplaintChangeFunction') } }],
      Threshold: 300_000,
    });
  });

  it('keeps closed complaints’ data, and after an erasure the access log’s and the erasure log’s entries about it, for the stage’s retention: three years in prod, 30 days elsewhere, or context complaintRetentionDays', () => {
    const keeping = (Object.keys(functionCatalog) as FunctionId[]).filter((id) =>
      functionCatalog[id].bindings.some((b) => b === 'personal-data:erase'),
    );
    expect(keeping.sort()).toEqual(['eraseConsumerData', 'eraseExpiredComplaints']);
    for (const id of keeping) {
      expect(functionEnvironment(prod().functions, functionCatalog[id].description).COMPLAINT_RETENTION_DAYS).toBe(
        '1095',
      );
      expect(functionEnvironment(dev.functions, functionCatalog[id].description).COMPLAINT_RETENTION_DAYS).toBe('30');
    }
    const app = new App({ context: { ...cdkContext, stage: 'kept', ...withoutBundling } });
    const kept = buildCcms(app, { stage: 'kept', complaintRetentionDays: 400 });
    expect(
      functionEnvironment(functionsOf(kept), functionCatalog.eraseConsumerData.description).COMPLAINT_RETENTION_DAYS,
    ).toBe('400');
    for (const days of [0, 1.5, 36_501])
      expect(() =>
        buildCcms(new App({ context: { ...cdkContext, stage: 'kept', ...withoutBundling } }), {
          stage: 'kept',
          complaintRetentionDays: days,
        }),
      ).toThrow(/complaintRetentionDays must be a whole number of days from 1 to 36500/);
  });

  it('grants table index access by index name, never index/*', () => {
    const tableResources = statementsOf(dev.functions)
      .flatMap(resourcesOf)
      .map((resource) => JSON.stringify(resource));
    expect(tableResources.some((r) => r.includes('/index/byMerchantStatus'))).toBe(true);
    expect(tableResources.some((r) => r.includes('/index/*'))).toBe(false);
  });

  it('sends each route of the route table to its own function: method, path and function', () => {
    const resources = dev.api.findResources('AWS::ApiGateway::Resource');
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string }).Ref;
      if (!id || !resources[id]) return '';
      const resource = resources[id]!.Properties as { ParentId: unknown; PathPart: string };
      return `${pathOf(resource.ParentId)}/${resource.PathPart}`;
    };
    const deployed = Object.values(dev.api.findResources('AWS::ApiGateway::Method')).map((method) => {
      const functionId =
        calledFunctionOf(method.Properties.Integration.Uri)?.replace(/Function[0-9A-F]{8}$/, '') ?? 'unknown';
      return `${method.Properties.HttpMethod} ${pathOf(method.Properties.ResourceId)} ${functionId[0]!.toLowerCase()}${functionId.slice(1)}`;
    });
    expect(deployed.sort()).toEqual(routes.map((r) => `${r.method} ${r.path} ${r.function}`).sort());
  });

  it('gives every function behind the API (routes and authorizer) a timeout inside API Gateway’s 29-second wait', () => {
    const functions = dev.functions.findResources('AWS::Lambda::Function');
    const integrated = [
      ...Object.values(dev.api.findResources('AWS::ApiGateway::Method')).map((method) => {
        expect(method.Properties.Integration.TimeoutInMillis ?? 29_000).toBeLessThanOrEqual(29_000);
        return method.Properties.Integration.Uri;
      }),
      ...Object.values(dev.api.findResources('AWS::ApiGateway::Authorizer')).map(
        (authorizer) => authorizer.Properties.AuthorizerUri,
      ),
    ].map(calledFunctionOf);
    expect(integrated.length).toBeGreaterThan(routes.length);
    for (const logicalId of new Set(integrated)) {
      expect(functions[logicalId!], logicalId).toBeDefined();
      expect(functions[logicalId!]!.Properties.Timeout, logicalId).toBeLessThanOrEqual(25);
    }
    // A workflow's task keeps its longer time.
    const exportTask = Object.entries(functions).find(([id]) => id.startsWith('RunExportFunction'));
    expect(exportTask?.[1].Properties.Timeout).toBe(900);
  });

  it('caches open data only, for five minutes, keyed by path, query and Accept; no answer that depends on the caller is ever cached', () => {
    const [stage] = Object.values(dev.api.findResources('AWS::ApiGateway::Stage'));
    expect(stage!.Properties.CacheClusterEnabled).toBe(true);
    const settings = stage!.Properties.MethodSettings as {
      ResourcePath: string;
      HttpMethod: string;
      CachingEnabled?: boolean;
      CacheTtlInSeconds?: number;
      CacheDataEncrypted?: boolean;
    }[];
    expect(settings.find((setting) => setting.ResourcePath === '/*' && setting.HttpMethod === '*')).toMatchObject({
      CachingEnabled: false,
    });
    const cached = settings.filter((setting) => setting.CachingEnabled);
    // A resource path is written with each / as ~1 after a leading / ("/~1v1~1public~1stats").
    expect(
      cached.map((setting) => `${setting.HttpMethod} ${setting.ResourcePath.slice(1).replaceAll('~1', '/')}`).sort(),
    ).toEqual(
      routes
        .filter((route) => route.path.startsWith('/v1/public/'))
        .map((route) => `${route.method} ${route.path}`)
        .sort(),
    );
    for (const setting of cached) expect(setting).toMatchObject({ CacheTtlInSeconds: 300, CacheDataEncrypted: true });
    const keysOf = (method: { Properties: { Integration: { CacheKeyParameters?: string[] } } }) =>
      [...(method.Properties.Integration.CacheKeyParameters ?? [])].sort();
    const methods = Object.values(dev.api.findResources('AWS::ApiGateway::Method'));
    const keyed = methods.filter((method) => keysOf(method as never).length > 0);
    expect(keyed).toHaveLength(cached.length);
    expect(keyed.map((method) => keysOf(method as never))).toContainEqual([
      'method.request.header.Accept',
      'method.request.path.merchantId',
    ]);
    expect(keyed.map((method) => keysOf(method as never))).toContainEqual([
      'method.request.header.Accept',
      'method.request.querystring.cursor',
      'method.request.querystring.limit',
      'method.request.querystring.q',
    ]);
  });

  it('releases every API function gradually through its live alias, rolled back on its own alarm: 10% for 5 minutes in prod', () => {
    const apiFunctions = new Set([authorizers.consumer, ...routes.map((route) => route.function)]);
    for (const [stage, config] of [
      [dev, 'CodeDeployDefault.LambdaAllAtOnce'],
      [prod(), 'CodeDeployDefault.LambdaCanary10Percent5Minutes'],
    ] as const) {
      const { Resources: resources } = stage.functions.toJSON();
      const aliases = Object.entries(stage.functions.findResources('AWS::Lambda::Alias'));
      expect(aliases.map(([, alias]) => alias.Properties.Name)).toEqual([...apiFunctions].map(() => 'live'));
      for (const [aliasId, alias] of aliases) {
        // A published version of its own function, moved by CodeDeploy.
        const [versionId] = alias.Properties.FunctionVersion['Fn::GetAtt'];
        expect(resources[versionId].Type, aliasId).toBe('AWS::Lambda::Version');
        expect(resources[versionId].Properties.FunctionName).toEqual(alias.Properties.FunctionName);
        const group = resources[alias.UpdatePolicy.CodeDeployLambdaAliasUpdate.DeploymentGroupName.Ref];
        expect(group.Properties.DeploymentConfigName, aliasId).toBe(config);
        expect(group.Properties.AutoRollbackConfiguration).toEqual({
          Enabled: true,
          Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
        });
        expect(group.Properties.AlarmConfiguration.Enabled).toBe(true);
        const functionId = [...apiFunctions].find(
          (id) => `${id[0]!.toUpperCase()}${id.slice(1)}Function` === aliasId.replace(/Live[0-9A-F]{8}$/, ''),
        )!;
        expect(group.Properties.DeploymentGroupName, aliasId).toBe(functionId);
        expect(resources[group.Properties.ApplicationName.Ref].Properties.ApplicationName).toMatch(
          /^ccms-(dev|prod)-(public|organisation)-releases$/,
        );
        // Its alarm: the alias's errors, less the authorizer's refusals, plus the 500s the function answered.
        const [{ Name: alarmRef }] = group.Properties.AlarmConfiguration.Alarms;
        const metrics = resources[alarmRef.Ref].Properties.Metrics as {
          Id: string;
          Expression?: string;
          MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: unknown }[] } };
        }[];
        expect(metrics.find((metric) => metric.Expression)?.Expression).toBe(
          'FILL(errors, 0) - FILL(refused, 0) + FILL(unexpected, 0)',
        );
        // Any failure in a minute; the authorizer, whose refusals are counted apart, 5 in 5 minutes.
        const alarm = resources[alarmRef.Ref].Properties;
        const refuses = functionId === authorizers.consumer;
        expect([alarm.Threshold, alarm.EvaluationPeriods], functionId).toEqual([refuses ? 5 : 1, 1]);
        for (const metric of metrics.filter((each) => each.MetricStat))
          expect((metric.MetricStat as unknown as { Period: number }).Period).toBe(refuses ? 300 : 60);
        const dimensionsOf = (id: string) =>
          Object.fromEntries(
            metrics.find((metric) => metric.Id === id)!.MetricStat!.Metric.Dimensions.map((d) => [d.Name, d.Value]),
          );
        expect(dimensionsOf('errors').Resource).toEqual({
          'Fn::Join': ['', [alias.Properties.FunctionName, ':live']],
        });
        expect(dimensionsOf('unexpected').FunctionName).toEqual(alias.Properties.FunctionName);
        expect(dimensionsOf('refused').FunctionName).toEqual(alias.Properties.FunctionName);
      }
    }
    // A fix can be rolled forward past a failing version: context releaseIgnoringAlarms.
    const app = new App({ context: { ...cdkContext, stage: 'fix', ...withoutBundling } });
    const fix = buildCcms(app, { stage: 'fix', releaseIgnoringAlarms: true });
    for (const group of Object.values(functionsOf(fix).findResources('AWS::CodeDeploy::DeploymentGroup')))
      expect(group.Properties.AlarmConfiguration.Enabled).toBe(false);
    // API Gateway calls the aliases, never a function's unpublished code.
    const uris = [
      ...Object.values(dev.api.findResources('AWS::ApiGateway::Method')).map((m) => m.Properties.Integration.Uri),
      ...Object.values(dev.api.findResources('AWS::ApiGateway::Authorizer')).map((a) => a.Properties.AuthorizerUri),
    ];
    expect(uris.filter((uri) => !/FunctionLive[0-9A-F]{8}/.test(JSON.stringify(uri)))).toEqual([]);
    for (const permission of Object.values(dev.api.findResources('AWS::Lambda::Permission')))
      expect(JSON.stringify(permission.Properties.FunctionName)).toMatch(/FunctionLive[0-9A-F]{8}/);
  });

  it('exposes exactly the routes of the route table', () => {
    const methods = Object.values(dev.api.findResources('AWS::ApiGateway::Method')).map((m) => m.Properties.HttpMethod);
    expect(methods.sort()).toEqual(routes.map((r) => r.method).sort());
    dev.api.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });
});

describe('operations: alarms that tell someone, and a dashboard', () => {
  const alarmsOf = (stage: ReturnType<typeof synthesize>) =>
    [stage.data, stage.functions, stage.ops].flatMap((template) =>
      Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([logicalId, alarm]) => ({
        logicalId,
        properties: alarm.Properties as {
          AlarmActions?: unknown[];
          OKActions?: unknown[];
          MetricName?: string;
          Namespace?: string;
          Metrics?: { MetricStat?: { Metric: { MetricName: string; Namespace: string } }; Expression?: string }[];
          AlarmDescription: string;
        },
      })),
    );
  const metricNamesOf = (alarm: ReturnType<typeof alarmsOf>[number]) => [
    ...(alarm.properties.MetricName ? [`${alarm.properties.Namespace}/${alarm.properties.MetricName}`] : []),
    ...(alarm.properties.Metrics ?? []).flatMap((m) =>
      m.MetricStat ? [`${m.MetricStat.Metric.Namespace}/${m.MetricStat.Metric.MetricName}`] : [],
    ),
  ];

  it('notifies the alarm topic from every alarm of the stage, when it fires and when it clears', () => {
    const alarms = alarmsOf(dev);
    expect(alarms.length).toBeGreaterThan(30);
    const topicId = Object.keys(dev.data.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('AlarmTopic'))!;
    for (const alarm of alarms) {
      for (const actions of [alarm.properties.AlarmActions, alarm.properties.OKActions]) {
        expect(actions, alarm.logicalId).toHaveLength(1);
        // The topic itself in its own stack; elsewhere its export.
        expect(JSON.stringify(actions), alarm.logicalId).toMatch(new RegExp(`${topicId}|AlarmTopic`));
      }
    }
  });

  it('subscribes the operators from context alarmSubscriptions, and refuses what is neither an email address nor https', () => {
    const subscribed = synthesize('alarms', {
      alarmSubscriptions: ['ops@ccms.example.gov.bd', 'https://pager.example/hook'],
    });
    const subscriptions = Object.values(subscribed.data.findResources('AWS::SNS::Subscription')).map((subscription) => [
      subscription.Properties.Protocol,
      subscription.Properties.Endpoint,
    ]);
    expect(subscriptions).toEqual([
      ['email', 'ops@ccms.example.gov.bd'],
      ['https', 'https://pager.example/hook'],
    ]);
    expect(() => synthesize('badalarms', { alarmSubscriptions: ['http://pager.example'] })).toThrow(
      /alarmSubscriptions/,
    );
  });

  it('alarms on failed and timed-out executions of every state machine, and on stopped ones but for the timers', () => {
    const machines = Object.keys(dev.functions.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(5);
    const stepFunctionAlarms = alarmsOf(dev).filter((alarm) => alarm.properties.Namespace === 'AWS/States');
    // An alarm names its machine by Ref in the API stack and by the API stack's export elsewhere: either holds the logical id.
    const watched = (metricName: string) =>
      stepFunctionAlarms
        .filter((alarm) => alarm.properties.MetricName === metricName)
        .map((alarm) => machines.find((machine) => JSON.stringify(alarm.properties).includes(machine)));
    expect(new Set(watched('ExecutionsFailed'))).toEqual(new Set(machines));
    expect(new Set(watched('ExecutionsTimedOut'))).toEqual(new Set(machines));
    expect(watched('ExecutionsAborted').sort()).toEqual(
      machines.filter((machine) => !machine.startsWith('ComplaintLifecycle')).sort(),
    );
  });

  it('alarms on API errors and latency, function errors and throttles, table throttles, email reputation, SMS spend, undeliverable messages and firewall blocks', () => {
    const watched = new Set(alarmsOf(dev).flatMap(metricNamesOf));
    for (const metric of [
      'AWS/ApiGateway/5XXError',
      'AWS/ApiGateway/Count',
      'AWS/ApiGateway/Latency',
      'AWS/Lambda/Errors',
      'AWS/Lambda/Throttles',
      'AWS/DynamoDB/ThrottledRequests',
      'AWS/SES/Reputation.BounceRate',
      'AWS/SES/Reputation.ComplaintRate',
      'AWS/SNS/SMSMonthToDateSpentUSD',
      'CCMS/MessagesUndeliverable',
      'AWS/WAFV2/BlockedRequests',
    ])
      expect(watched, metric).toContain(metric);
    // Every function is in one errors alarm and one throttles alarm.
    const functionIds = Object.keys(dev.functions.findResources('AWS::Lambda::Function'));
    const errorAlarms = alarmsOf(dev).filter((alarm) => alarm.logicalId.startsWith('FunctionErrorsAlarm'));
    const covered = JSON.stringify(errorAlarms);
    for (const id of functionIds.filter((logicalId) => /Function[0-9A-F]{8}$/.test(logicalId)))
      expect(covered, id).toContain(id);
    // Each alarm says where the runbook explains it.
    for (const alarm of alarmsOf(dev).filter((a) => a.logicalId.match(/Alarm/)))
      if (dev.ops.findResources('AWS::CloudWatch::Alarm')[alarm.logicalId])
        expect(alarm.properties.AlarmDescription).toMatch(/docs\/runbook\.md#[a-z-]+/);
  });

  it('draws one dashboard of filings, settlements, escalations, errors, latency, throttles, queues, messages and alarm states', () => {
    const dashboards = Object.values(dev.ops.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const title of [
      'Filings, settlements, escalations',
      'API requests and 5xx',
      'API latency',
      'Function errors',
      'Function throttles',
      'DynamoDB throttled requests',
      'Executions failed',
      'Set aside and late',
      'SMS and email',
      'Alarms',
    ])
      expect(body).toContain(title);
    for (const metric of [
      'ComplaintsFiled',
      'ComplaintsEscalated',
      'ComplaintsSettledByConsumer',
      'ApproximateNumberOfMessagesVisible',
      'IteratorAge',
    ])
      expect(body).toContain(metric);
  });

  it('points every alarm of every stack at a section of docs/runbook.md that exists', () => {
    const runbookText = readFileSync(path.join(root, 'docs', 'runbook.md'), 'utf8');
    const anchors = new Set([...runbookText.matchAll(/<a id="([a-z-]+)"><\/a>/g)].map((match) => match[1]));
    const alarms = alarmsOf(dev);
    for (const alarm of alarms) {
      const anchor = /docs\/runbook\.md#([a-z-]+)/.exec(alarm.properties.AlarmDescription)?.[1];
      expect(anchor, `${alarm.logicalId}: ${alarm.properties.AlarmDescription}`).toBeDefined();
      expect(anchors, alarm.logicalId).toContain(anchor);
    }
  });

  it('names in the README and the runbook only npm scripts that exist', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
    for (const file of ['README.md', path.join('docs', 'runbook.md')]) {
      const named = [...readFileSync(path.join(root, file), 'utf8').matchAll(/npm run ([a-z][\w:-]*)/g)].map(
        (match) => match[1]!,
      );
      expect(named.length, file).toBeGreaterThan(0);
      for (const script of named) expect(scripts, `${file} names npm run ${script}`).toContain(script);
    }
  });

  it('lets the timer state machine start a fresh execution of itself, and nothing else', () => {
    const lifecycleRole = Object.entries(dev.functions.findResources('AWS::IAM::Role')).find(([id]) =>
      id.startsWith('ComplaintLifecycleRole'),
    )![0];
    const handOver = Object.entries(dev.functions.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('ComplaintLifecycleHandOverPolicy'),
    )![1];
    expect(handOver.Properties.Roles).toEqual([{ Ref: lifecycleRole }]);
    expect(handOver.Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'states:StartExecution',
        Resource: { Ref: expect.stringMatching(/^ComplaintLifecycle[0-9A-F]{8}$/) },
      },
    ]);
  });
});

describe('the API firewall', () => {
  // CloudFormation spells the WebACL's properties in PascalCase.
  const webAcl = () =>
    Object.values(dev.api.findResources('AWS::WAFv2::WebACL'))[0]!.Properties as {
      // biome-ignore lint/suspicious/noExplicitAny: a rule's statement is deep, untyped JSON that the tests read by path.
      Rules: { Name: string; Action?: Record<string, unknown>; Statement: Record<string, any> }[];
      AssociationConfig: unknown;
      CustomResponseBodies: Record<string, { Content: string }>;
    };
  const rule = (name: string) => webAcl().Rules.find((r) => r.Name === name)!;

  it('only counts the managed 8 KB body rule, which refuses long Bengali complaints', () => {
    expect(rule('AwsCommonRules').Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
  });

  it('blocks bodies over the API limit itself, with 413 in the API error format, inspecting that far', () => {
    expect(rule('BodySizeLimit').Statement.SizeConstraintStatement).toEqual({
      FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
      ComparisonOperator: 'GT',
      Size: maxRequestBodyBytes,
      TextTransformations: [{ Priority: 0, Type: 'NONE' }],
    });
    expect(rule('BodySizeLimit').Action).toEqual({
      Block: { CustomResponse: { ResponseCode: 413, CustomResponseBodyKey: 'payloadTooLarge' } },
    });
    expect(JSON.parse(webAcl().CustomResponseBodies.payloadTooLarge!.Content)).toEqual(payloadTooLargeResponse.body);
    expect(webAcl().AssociationConfig).toEqual({
      RequestBody: { API_GATEWAY: { DefaultSizeInspectionLimit: 'KB_64' } },
    });
  });

  it('refuses every request that did not come through CloudFront (its secret origin header), but the operators’ signed admin calls', () => {
    const only = rule('RequireCloudFront');
    expect(only.Action).toEqual({ Block: {} });
    const [header, admin] = only.Statement.AndStatement.Statements.map(
      (s: { NotStatement: { Statement: { ByteMatchStatement: Record<string, unknown> } } }) =>
        s.NotStatement.Statement.ByteMatchStatement,
    );
    expect(header).toMatchObject({
      FieldToMatch: { SingleHeader: { Name: originVerifyHeader } },
      PositionalConstraint: 'EXACTLY',
      // Only a reference: CloudFormation resolves the secret at deploy, the template never holds it.
      SearchString: '{{resolve:secretsmanager:ccms/dev/origin-verify:SecretString}}',
    });
    expect(admin).toMatchObject({
      FieldToMatch: { UriPath: {} },
      SearchString: '/live/v1/admin/',
      // A path that climbs out of /v1/admin/ (../, or encoded) is judged where it lands.
      TextTransformations: [
        { Priority: 0, Type: 'URL_DECODE' },
        { Priority: 1, Type: 'NORMALIZE_PATH' },
      ],
    });
    dev.api.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'ccms/dev/origin-verify',
      GenerateSecretString: Match.objectLike({ PasswordLength: 40 }),
    });
    // CloudFront sends that header to the API, from the same secret.
    const distribution = Object.values(
      Template.fromStack(dev.stacks.web).findResources('AWS::CloudFront::Distribution'),
    )[0]!;
    const apiOrigin = (
      distribution.Properties.DistributionConfig.Origins as { OriginCustomHeaders?: unknown[] }[]
    ).find((origin) => origin.OriginCustomHeaders);
    expect(apiOrigin?.OriginCustomHeaders).toEqual([
      { HeaderName: originVerifyHeader, HeaderValue: '{{resolve:secretsmanager:ccms/dev/origin-verify:SecretString}}' },
    ]);
    // The viewer limits are at the edge now: none here would count CloudFront's addresses.
    expect(webAcl().Rules.map((r) => r.Name)).toEqual(['RequireCloudFront', 'AwsCommonRules', 'BodySizeLimit']);
  });
});

describe('the site’s firewall at CloudFront (edge stack, us-east-1)', () => {
  const edge = () => Template.fromStack(dev.stacks.edge);
  const edgeAcl = () =>
    Object.values(edge().findResources('AWS::WAFv2::WebACL'))[0]!.Properties as {
      Scope: string;
      TokenDomains?: string[];
      // biome-ignore lint/suspicious/noExplicitAny: a rule's statement is deep, untyped JSON that the tests read by path.
      Rules: { Name: string; Action?: Record<string, unknown>; Statement: Record<string, any> }[];
    };

  it('is a CLOUDFRONT web ACL in us-east-1, attached to the distribution, with a rate limit per viewer (its own for SMS delivery reports) and the challenge on POST /v1/otp', () => {
    expect(dev.stacks.edge.region).toBe('us-east-1');
    expect(edgeAcl().Scope).toBe('CLOUDFRONT');
    const [rate, otp, reports] = edgeAcl().Rules;
    expect(rate).toMatchObject({ Name: 'RateLimitPerViewer', Action: { Block: {} } });
    // An SMS aggregator's delivery reports, many from one address, have a limit of their own.
    const reportsOnly = {
      AndStatement: {
        Statements: [
          expect.objectContaining({ ByteMatchStatement: expect.objectContaining({ SearchString: 'POST' }) }),
          expect.objectContaining({
            ByteMatchStatement: expect.objectContaining({ SearchString: '/v1/sms/delivery-reports' }),
          }),
        ],
      },
    };
    expect(rate!.Statement.RateBasedStatement).toEqual({
      Limit: 1000,
      AggregateKeyType: 'IP',
      ScopeDownStatement: { NotStatement: { Statement: reportsOnly } },
    });
    expect(reports).toMatchObject({ Name: 'RateLimitSmsReports', Action: { Block: {} } });
    expect(reports!.Statement.RateBasedStatement).toEqual({
      Limit: 20_000,
      AggregateKeyType: 'IP',
      ScopeDownStatement: reportsOnly,
    });
    expect(otp).toMatchObject({ Name: 'ChallengeOtpRequests', Action: { Challenge: {} } });
    expect(
      otp!.Statement.AndStatement.Statements.map(
        (s: { ByteMatchStatement: { SearchString: string } }) => s.ByteMatchStatement.SearchString,
      ),
    ).toEqual(['POST', '/v1/otp']);
    // The web stack finds the ACL (and the challenge script) by SSM parameters in us-east-1, and waits for the edge stack.
    edge().hasResourceProperties('AWS::SSM::Parameter', { Name: '/ccms/dev/edge/web-acl-arn' });
    edge().hasResourceProperties('AWS::SSM::Parameter', { Name: '/ccms/dev/edge/waf-integration-url' });
    expect(dev.stacks.web.dependencies).toContain(dev.stacks.edge);
    const web = Template.fromStack(dev.stacks.web);
    const distribution = Object.values(web.findResources('AWS::CloudFront::Distribution'))[0]!;
    expect(JSON.stringify(distribution.Properties.DistributionConfig.WebACLId)).toMatch(/EdgeWebAclArn/);
    const reads = Object.values(web.findResources('Custom::AWS')).map((read) => JSON.stringify(read.Properties.Update));
    expect(reads.some((read) => read.includes('/ccms/dev/edge/web-acl-arn') && read.includes('us-east-1'))).toBe(true);
  });

  it('lets the page load the challenge script (CSP) and names it in config.json; tokens are good on the site’s own name', () => {
    const web = JSON.stringify(Template.fromStack(dev.stacks.web).toJSON());
    expect(web).toMatch(/script-src 'self' https:\/\/"/);
    expect(web).toMatch(/EdgeWafIntegrationUrl/);
    const named = synthesize('named', {
      siteUrl: 'https://ccms.example.gov.bd',
      siteCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    });
    const acl = Object.values(Template.fromStack(named.stacks.edge).findResources('AWS::WAFv2::WebACL'))[0]!;
    expect(acl.Properties.TokenDomains).toEqual(['ccms.example.gov.bd']);
    expect(edgeAcl().TokenDomains).toBeUndefined();
  });
});

describe('email through Amazon SES', () => {
  const withDomain = (() => {
    const app = new App({ context: { ...cdkContext, stage: 'mail', ...withoutBundling } });
    const stacks = buildCcms(app, { stage: 'mail', email: { domain: 'ccms.example.gov.bd' } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    app.synth();
    return { data: Template.fromStack(stacks.data), functions: functionsOf(stacks) };
  })();
  const sesGrants = (template: Template) =>
    statementsOf(template).filter((statement) => actionsOf(statement).some((action) => action.startsWith('ses:')));

  it('sends from the domain given in context, with the configuration set, granted to the change consumer only', () => {
    withDomain.data.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'ccms.example.gov.bd',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    const environment = functionEnvironment(withDomain.functions, functionCatalog.onComplaintChange.description);
    expect(environment.EMAIL_FROM).toBe('no-reply@ccms.example.gov.bd');
    expect(environment.EMAIL_CONFIGURATION_SET).toBeDefined();
    const grants = sesGrants(withDomain.functions);
    expect(grants).toHaveLength(1);
    expect(actionsOf(grants[0]!)).toEqual(['ses:SendEmail']);
    expect(JSON.stringify(grants[0]!.Resource)).toMatch(/identity\/ccms\.example\.gov\.bd.*configuration-set\//);
  });

  it('without a domain, sends nothing and says so on every email (EMAIL_FROM=unconfigured), with no SES grant', () => {
    dev.data.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(functionEnvironment(dev.functions, functionCatalog.onComplaintChange.description).EMAIL_FROM).toBe(
      'unconfigured',
    );
    expect(sesGrants(dev.functions)).toEqual([]);
  });

  it('reports bounces and complaints to a topic SES may publish to, delivered raw to a queue the event consumer reads', () => {
    dev.data.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    dev.data.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^EmailEventsTopic') } },
        Enabled: true,
      },
    });
    dev.data.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
    dev.functions.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', RawMessageDelivery: true });
    dev.functions.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
      SqsManagedSseEnabled: true,
    });
    dev.functions.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EmailEvents'), 'Arn'] },
    });
    dev.functions.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('SES bounce or complaint could not be applied'),
    });
  });

  it('refuses an email domain that is not a domain name', () => {
    const app = new App({ context: { ...cdkContext, stage: 'badmail', ...withoutBundling } });
    expect(() => buildCcms(app, { stage: 'badmail', email: { domain: 'https://ccms.gov.bd' } })).toThrow(
      /emailDomain must be a domain name/,
    );
  });
});

describe('links to the public site', () => {
  const certificateArn = 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  it('gives the change consumer SITE_URL from context siteUrl, and none without it', () => {
    const app = new App({ context: { ...cdkContext, stage: 'site', ...withoutBundling } });
    const site = buildCcms(app, {
      stage: 'site',
      siteUrl: 'https://ccms.example.gov.bd',
      siteCertificateArn: certificateArn,
    });
    const changeConsumer = functionCatalog.onComplaintChange.description;
    expect(functionEnvironment(functionsOf(site), changeConsumer).SITE_URL).toBe('https://ccms.example.gov.bd');
    expect(functionEnvironment(dev.functions, changeConsumer).SITE_URL).toBeUndefined();
    // The distribution serves that name with its certificate, and only its pages may upload evidence.
    Template.fromStack(site.web).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['ccms.example.gov.bd'],
        ViewerCertificate: {
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    const corsOf = (template: Template) =>
      Object.values(template.findResources('AWS::S3::Bucket')).flatMap(
        (bucket) => bucket.Properties.CorsConfiguration?.CorsRules ?? [],
      ) as { AllowedOrigins: string[] }[];
    expect(corsOf(Template.fromStack(site.data)).map((rule) => rule.AllowedOrigins)).toEqual([
      ['https://ccms.example.gov.bd'],
    ]);
    expect(corsOf(dev.data).map((rule) => rule.AllowedOrigins)).toEqual([['https://*.cloudfront.net']]);
  });

  it('refuses a site name the distribution would not serve: another host without a certificate, a certificate outside us-east-1', () => {
    const build = (stage: string, options: Partial<Parameters<typeof buildCcms>[1]>) => () =>
      buildCcms(new App({ context: { ...cdkContext, stage, ...withoutBundling } }), { stage, ...options });
    expect(build('nocert', { siteUrl: 'https://ccms.example.gov.bd' })).toThrow(/give siteCertificateArn/);
    expect(
      build('wrongregion', {
        siteUrl: 'https://ccms.example.gov.bd',
        siteCertificateArn: certificateArn.replace('us-east-1', 'ap-south-1'),
      }),
    ).toThrow(/us-east-1/);
    expect(build('nosite', { siteCertificateArn: certificateArn })).toThrow(/needs siteUrl/);
    expect(build('ownname', { siteUrl: 'https://d111111abcdef8.cloudfront.net' })).not.toThrow();
  });

  it('warns that SMS carry the tracking number, not the short link, when the site is too long for one part', () => {
    const warnings = (stage: string, siteUrl: string) => {
      const app = new App({ context: { ...cdkContext, stage, ...withoutBundling } });
      const { functions } = buildCcms(app, { stage, siteUrl });
      return Annotations.fromStack(functions)
        .findWarning('*', Match.stringLikeRegexp('short link'))
        .map((warning) => String(warning.entry.data));
    };
    expect(warnings('longsite', 'https://d111111abcdef8.cloudfront.net')).toEqual([
      expect.stringContaining('SMS will carry the tracking number'),
    ]);
    expect(warnings('shortsite', 'https://x.cloudfront.net')).toEqual([]);
  });

  it('refuses a site that is not https', () => {
    const app = new App({ context: { ...cdkContext, stage: 'badsite', ...withoutBundling } });
    expect(() => buildCcms(app, { stage: 'badsite', siteUrl: 'http://ccms.example.gov.bd' })).toThrow(
      /siteUrl must be an https/,
    );
  });
});

describe('identity verification in the deployed stack', () => {
  it('never uses the local fixture verifier: unconfigured without a gateway, the gateway when given', () => {
    const verifierSettings = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function'))
        .map((fn) => fn.Properties.Environment?.Variables?.IDENTITY_VERIFIER)
        .filter(Boolean);
    expect(verifierSettings(dev.functions)).toEqual(['unconfigured']);
    const app = new App({ context: { ...cdkContext, ...withoutBundling } });
    const stacks = buildCcms(app, {
      stage: 'gw',
      identityGateway: { url: 'https://nid-gateway.example/verify', apiKeySecret: 'ccms/nid-gateway-key' },
    });
    const api = functionsOf(stacks);
    expect(verifierSettings(api)).toEqual(['gateway']);
    // The key is read from Secrets Manager at run time: the template names the secret, never a key.
    const env = Object.values(api.findResources('AWS::Lambda::Function')).find(
      (fn) => fn.Properties.Environment?.Variables?.IDENTITY_VERIFIER,
    )!.Properties.Environment.Variables;
    expect(Object.keys(env)).not.toContain('IDENTITY_GATEWAY_API_KEY');
    expect(JSON.stringify(env.IDENTITY_GATEWAY_API_KEY_SECRET)).toContain('secret:ccms/nid-gateway-key');
    const reads = statementsOf(api).filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
    expect(reads.map((s) => JSON.stringify(s.Resource))).toEqual([
      expect.stringContaining('secret:ccms/nid-gateway-key-??????'),
    ]);
  });

  it('refuses to build with a gateway that is not https', () => {
    const app = new App({ context: { ...cdkContext, ...withoutBundling } });
    expect(() =>
      buildCcms(app, {
        stage: 'gwh',
        identityGateway: { url: 'http://nid-gateway.example/verify', apiKeySecret: 's' },
      }),
    ).toThrow(/https/);
  });

  it('lets only the key-issuing functions seal secrets and only the signed-request functions open them', () => {
    const rolesWith = (action: string) =>
      Object.entries(dev.functions.findResources('AWS::IAM::Policy'))
        .filter(([, policy]) =>
          (policy.Properties.PolicyDocument.Statement as Statement[]).some(
            (s) => actionsOf(s).includes(action) && JSON.stringify(s.Resource).includes('CredentialsKey'),
          ),
        )
        .map(([logicalId]) => logicalId.replace(/FunctionRole.*$/, ''))
        .sort();
    expect(rolesWith('kms:Encrypt')).toEqual([
      'IssueMerchantKey',
      'MerchantRegistry',
      'RegisterRegulator',
      'RegisterWebhook',
    ]);
    expect(rolesWith('kms:Decrypt')).toEqual([
      'AddCollectiveMembers',
      'CreateCollectiveCase',
      'DecideCase',
      'DecideCollectiveCase',
      'DeliverWebhook',
      'GetCollectiveCase',
      'GetExport',
      'GetMerchantComplaint',
      'GetMerchantScorecard',
      'GetRegulatorCase',
      'GetUnlistedSeller',
      'ListAlerts',
      'ListCollectiveCases',
      'ListMerchantComplaints',
      'ListOrderCounts',
      'ListUnlistedSellers',
      'ListWebhookDeliveries',
      'MerchantAction',
      'RecordSellerOnboarding',
      'RegisterWebhook',
      'ReportOrderCount',
      'RequestExport',
      'RequestMerchantEvidenceUpload',
      'ScheduleCollectiveHearing',
      'ScheduleHearing',
      'SearchCases',
    ]);
  });

  it('lets only the functions that key document numbers or email addresses make MACs with the HMAC key', () => {
    dev.data.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const macGrants = Object.entries(dev.functions.findResources('AWS::IAM::Policy')).filter(([, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).some((s) => actionsOf(s).includes('kms:GenerateMac')),
    );
    expect(macGrants.map(([logicalId]) => logicalId.replace(/FunctionRole.*$/, '')).sort()).toEqual([
      // Erasure: the pseudonym that replaces an erased consumer's phone is a keyed hash of it.
      'EraseConsumerData',
      'EraseExpiredComplaints',
      // Email: finding and recording suppressed addresses by their keyed hash.
      'OnComplaintChange',
      'OnEmailEvent',
      'VerifyIdentity',
    ]);
  });
});

describe('the web site', () => {
  const web = Template.fromStack(dev.stacks.web);
  const behaviors = () =>
    Object.values(web.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig as {
      CacheBehaviors: {
        PathPattern: string;
        CachePolicyId: unknown;
        OriginRequestPolicyId: string;
        AllowedMethods: string[];
        TargetOriginId: string;
        FunctionAssociations?: unknown[];
      }[];
      DefaultCacheBehavior: { TargetOriginId: string; FunctionAssociations: unknown[]; ViewerProtocolPolicy: string };
    };

  it('keeps the pages in a private bucket that only the distribution reads (origin access control)', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: allPublicAccessBlocked,
    });
    // One for the pages, one for the open-data files (whose bucket's policy is the data stack's).
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    const statements = Object.values(web.findResources('AWS::S3::BucketPolicy')).flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as {
          Effect: string;
          Principal?: { Service?: string };
          Condition?: Record<string, Record<string, unknown>>;
        }[],
    );
    const allowed = statements.filter((statement) => statement.Effect === 'Allow');
    // Nobody at large; CloudFront reads (for this distribution only), and the stack's auto-delete handler empties it on teardown.
    for (const statement of allowed) expect(JSON.stringify(statement.Principal)).not.toMatch(/"\*"/);
    const reads = allowed.filter((statement) => statement.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
  });

  it('sends /v1/* to the API uncached with every header but Host, and open data cached as the API says', () => {
    const { CacheBehaviors, DefaultCacheBehavior } = behaviors();
    const api = CacheBehaviors.find((behavior) => behavior.PathPattern === '/v1/*')!;
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']));
    expect(api.FunctionAssociations).toHaveLength(1);
    const openData = CacheBehaviors.find((behavior) => behavior.PathPattern === '/v1/public/*')!;
    expect(openData.TargetOriginId).toBe(api.TargetOriginId);
    expect(CacheBehaviors.map((behavior) => behavior.PathPattern)).toEqual(['/open-data/*', '/v1/public/*', '/v1/*']);
    web.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        MaxTTL: 300,
        ParametersInCacheKeyAndForwardedToOrigin: {
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Accept'] },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
        },
      },
    });
    expect(DefaultCacheBehavior.TargetOriginId).not.toBe(api.TargetOriginId);
    expect(DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('serves open data by complaint under /open-data/ from its own bucket, cached as each file says, with the site’s headers', () => {
    const { CacheBehaviors, DefaultCacheBehavior } = behaviors();
    const files = CacheBehaviors.find(
      (behavior) => behavior.PathPattern === '/open-data/*',
    )! as (typeof CacheBehaviors)[number] & {
      ResponseHeadersPolicyId: unknown;
      ViewerProtocolPolicy: string;
    };
    expect(files.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6'); // CachingOptimized: the origin's Cache-Control
    expect(files.AllowedMethods ?? ['GET', 'HEAD']).toEqual(['GET', 'HEAD']);
    expect(files.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(files.FunctionAssociations).toBeUndefined();
    expect(files.TargetOriginId).not.toBe(DefaultCacheBehavior.TargetOriginId);
    const origins = (
      Object.values(web.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig as {
        Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[];
      }
    ).Origins;
    const origin = origins.find((each) => each.Id === files.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain('OpenDataBucket');
    expect(origin.OriginAccessControlId).toBeDefined();
  });

  it('answers page paths with index.html in a CloudFront Function, never the API’s paths or files', () => {
    const code = Object.values(web.findResources('AWS::CloudFront::Function'))
      .map((fn) => fn.Properties.FunctionCode as string)
      .find((source) => source.includes('/index.html'))!;
    const route = (uri: string) =>
      new Function(`${code}; return handler({ request: { uri: ${JSON.stringify(uri)} } }).uri;`)() as string;
    expect(route('/track/7K3M9-Q2TXB')).toBe('/index.html');
    expect(route('/merchant/complaints/7K3M9-Q2TXB')).toBe('/index.html');
    expect(route('/assets/main-ABC123.js')).toBe('/assets/main-ABC123.js');
    expect(route('/config.json')).toBe('/config.json');
  });

  it('tells the API the viewer’s host and address in a CloudFront Function, overwriting what a viewer sent', () => {
    const code = Object.values(web.findResources('AWS::CloudFront::Function'))
      .map((fn) => fn.Properties.FunctionCode as string)
      .find((source) => source.includes('x-ccms-viewer-host'))!;
    const request = {
      headers: { host: { value: 'ccms.example.gov.bd' }, 'x-ccms-viewer-address': { value: '10.0.0.1' } },
    };
    const sent = new Function(
      `${code}; return handler(${JSON.stringify({ request, viewer: { ip: '103.4.145.2' } })});`,
    )() as { headers: Record<string, { value: string }> };
    expect(sent.headers['x-ccms-viewer-address']).toEqual({ value: '103.4.145.2' });
    expect(sent.headers['x-ccms-viewer-host']).toEqual({ value: 'ccms.example.gov.bd' });
    // On every behaviour that reaches the API, the cached open data included.
    const [functionId] = Object.entries(web.findResources('AWS::CloudFront::Function')).find(([, fn]) =>
      String(fn.Properties.FunctionCode).includes('x-ccms-viewer-host'),
    )!;
    const apiOrigin = behaviors().CacheBehaviors.find((behavior) => behavior.PathPattern === '/v1/*')!.TargetOriginId;
    const toApi = behaviors().CacheBehaviors.filter((behavior) => behavior.TargetOriginId === apiOrigin);
    expect(toApi.map((behavior) => behavior.PathPattern)).toEqual(['/v1/public/*', '/v1/*']);
    for (const behavior of toApi)
      expect(JSON.stringify(behavior.FunctionAssociations), behavior.PathPattern).toContain(functionId);
  });

  it('sends a strict Content-Security-Policy and HSTS with every answer', () => {
    const policy = Object.values(web.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties
      .ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(policy.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain('connect-src'); // uploads go to the evidence bucket
    expect(policy.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 730 * 86_400,
      IncludeSubdomains: true,
      Preload: true,
      Override: true,
    });
    expect(policy.FrameOptions.FrameOption).toBe('DENY');
  });

  it('builds the web app during synth, offline, and deploys it with the region the panels sign for', () => {
    const deployment = Object.values(web.findResources('Custom::CDKBucketDeployment'))[0]!;
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain('AWS::Region');
    const assets = JSON.parse(
      readFileSync(path.join(root, 'cdk.out', 'test-dev', `${dev.stacks.web.artifactId}.assets.json`), 'utf8'),
    ) as { files: Record<string, { source: { path: string } }> };
    const built = Object.values(assets.files)
      .map((file) => path.join(root, 'cdk.out', 'test-dev', file.source.path))
      .find((dir) => existsSync(path.join(dir, 'index.html')));
    expect(built, 'an asset with the built index.html').toBeDefined();
    expect(readFileSync(path.join(built!, 'index.html'), 'utf8')).toMatch(/\/assets\/main-[A-Z0-9]+\.js/);
  });
});

describe('AWS Control Tower’s proactive controls (CloudFormation Guard)', () => {
  // The whole stage passes them through the real CLI (test/infra/cli-synth.test.ts); here, what they refuse.
  const guarded = (build: (stack: Stack) => void) => {
    const app = new App({ outdir: path.join(root, 'cdk.out', 'test-guard') });
    Validations.of(app).addPlugins(guardValidator());
    build(new Stack(app, 'Guarded'));
    return () => app.synth();
  };

  it('stops synthesis on a violation no one acknowledged, naming the control', () => {
    expect(
      guarded((stack) => new Queue(stack, 'Plain', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED })),
    ).toThrow(/sqs_dlq_check/);
  });

  it('lets an acknowledged exception pass, at its own resource only', () => {
    expect(
      guarded((stack) => {
        const queue = new Queue(stack, 'SetAside', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED });
        acknowledgeGuard(queue, { 'CT.SQS.PR.1': 'This queue is itself where failures are set aside.' });
      }),
    ).not.toThrow();
    const synth = guarded((stack) => {
      const queue = new Queue(stack, 'SetAside', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED });
      acknowledgeGuard(queue, { 'CT.SQS.PR.1': 'This queue is itself where failures are set aside.' });
      new Queue(stack, 'Plain', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED });
    });
    expect(synth).toThrow(/Guarded\/Plain\/Resource[\s\S]*sqs_dlq_check/);
    expect(synth).not.toThrow(/Guarded\/SetAside/);
  });

  it('refuses log groups kept under a year in prod only, and acknowledges each test stage’s', () => {
    const ids = (stage: ReturnType<typeof synthesize>) =>
      stage.app.node
        .findAll()
        .filter((construct) => construct instanceof CfnLogGroup)
        .map((logGroup) =>
          logGroup.node.metadata
            .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
            .flatMap((entry) => Object.keys(entry.data as Record<string, string>)),
        );
    expect(ids(dev).length).toBeGreaterThan(40);
    for (const acknowledged of ids(dev))
      expect(acknowledged).toContain('cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check');
    for (const acknowledged of ids(prod()))
      expect(acknowledged).not.toContain('cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check');
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes with every acknowledgement carrying a reason', () => {
    const reasons = dev.app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY),
      )
      .flatMap((entry) => Object.values(entry.data as Record<string, string>));
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(30);
  });

  it('acknowledges wildcards where they are made, never for a function role as a whole', () => {
    const acknowledged = dev.app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) =>
            Object.keys(entry.data as Record<string, string>).map((id) => ({ path: construct.node.path, id })),
          ),
      )
      .filter(({ id }) => id === 'AwsSolutions-IAM5[Resource::*]')
      .map(({ path }) => path.split('/').slice(1).join('/'));
    // ...and the CDK's own BucketDeployment handler, which copies the web build and invalidates the distribution.
    for (const path of acknowledged)
      expect(path).toMatch(
        /(TracingPolicy$|^ComplaintLifecycle$|^WebhookDelivery$|^(OnComplaintChange|CountComplaintChanges)FunctionRole$|^Custom::CDKBucketDeployment[0-9A-F]+$)/,
      );
  });

  it('reports a wildcard added to a function role later', () => {
    const app = new App({ context: { ...cdkContext, ...withoutBundling } });
    const { functions } = buildCcms(app, { stage: 'wild' });
    functions.functions
      .get('getComplaint')!
      .addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }));
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });

  it('stops synthesis on an unacknowledged finding', () => {
    const app = new App({ outdir: path.join(root, 'cdk.out', 'test-nag') });
    const stack = new Stack(app, 'Careless');
    new Bucket(stack, 'PlainBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});

describe('each function with only its own bindings', () => {
  /** Every (action, resource, condition) a statement allows, one string each, with references resolved. */
  const permissionsOf = (statements: Statement[]) =>
    statements.flatMap((statement) => {
      const condition = JSON.stringify(statement.Condition ?? null);
      const notResources = statement.NotResource === undefined ? undefined : [statement.NotResource].flat();
      const targets = notResources
        ? notResources.map((arn) => ({ not: arn }))
        : resourcesOf(statement).map((arn) => ({ on: arn }));
      return actionsOf(statement).flatMap((action) =>
        targets.map((target) => JSON.stringify([statement.Effect, action, target, condition])),
      );
    });
  /** What a function's role may do, but for writing its own log group and X-Ray (every function has those). */
  const granted = (stack: FunctionsStack, template: Template, functionId: FunctionId) => {
    const fn = stack.functions.get(functionId)!;
    const roleId = stack.resolve((fn.role!.node.defaultChild as CfnResource).logicalId) as string;
    const logGroupId = stack.resolve((fn.logGroup.node.defaultChild as CfnResource).logicalId) as string;
    const resources = template.toJSON().Resources as Record<string, { Properties: { Roles?: unknown } }>;
    const statements = policies(template)
      .filter(({ logicalId }) => JSON.stringify(resources[logicalId]!.Properties.Roles).includes(`"${roleId}"`))
      .flatMap(({ statements }) => statements)
      .filter(
        (statement) => JSON.stringify(statement.Resource) !== JSON.stringify({ 'Fn::GetAtt': [logGroupId, 'Arn'] }),
      )
      .filter((statement) => !actionsOf(statement).every((action) => action.startsWith('xray:')));
    return permissionsOf(statements);
  };
  const expected = (stack: FunctionsStack, functionId: FunctionId) =>
    permissionsOf(
      bindingEffects(functionCatalog[functionId].bindings, stack.bindingResources).grants.map(
        (grant): Statement =>
          Stack.of(stack.functions.get(functionId)!).resolve({
            Effect: 'Allow',
            Action: [...grant.actions],
            ...(grant.resources && { Resource: [...grant.resources] }),
            ...(grant.notResources && { NotResource: [...grant.notResources] }),
            ...(grantConditions(grant) && { Condition: grantConditions(grant) }),
          }),
      ),
    );
  /** Per function, what its role may do that its bindings do not give, and what they give that it may not do. */
  const audit = (stack: FunctionsStack, template: Template) => {
    const surplus: Record<string, string[]> = {};
    const missing: Record<string, string[]> = {};
    for (const functionId of Object.keys(functionCatalog) as FunctionId[]) {
      const want = new Set(expected(stack, functionId));
      let have = granted(stack, template, functionId);
      // The event sources' own grants: reading the table's stream or the email events, evidence uploads or malware scan results queue, and setting failures aside.
      if (
        functionId in streamConsumers ||
        functionId === emailEventConsumer ||
        functionId === evidenceUploadConsumer ||
        functionId === malwareScanConsumer
      )
        have = have.filter(
          (permission) => !/"dynamodb:(ListStreams|DescribeStream|GetRecords|GetShardIterator)"|"sqs:/.test(permission),
        );
      const extra = have.filter((permission) => !want.has(permission));
      const absent = [...want].filter((permission) => !have.includes(permission));
      if (extra.length) surplus[functionId] = extra;
      if (absent.length) missing[functionId] = absent;
    }
    return { surplus, missing };
  };

  it("holds exactly its bindings' grants: nothing more, besides its own logs, X-Ray and the stream it is fed by", () => {
    expect(audit(dev.stacks.functions, dev.functions)).toEqual({ surplus: {}, missing: {} });
  });

  it('reads the table without Scan, stream reads or DescribeTable', () => {
    const actions = granted(dev.stacks.functions, dev.functions, 'getComplaint').map(
      (permission) => JSON.parse(permission)[1] as string,
    );
    expect(new Set(actions)).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem']),
    );
  });

  it('finds a grant that no binding gives', () => {
    const app = new App({ context: { ...cdkContext, stage: 'extra', ...withoutBundling } });
    const extra = buildCcms(app, { stage: 'extra' });
    const { functions } = extra;
    functions.functions
      .get('getComplaint')!
      .addToRolePolicy(
        new PolicyStatement({ actions: ['dynamodb:DeleteItem'], resources: [functions.bindingResources.tableArn] }),
      );
    const { surplus } = audit(functions, functionsOf(extra));
    expect(Object.keys(surplus)).toEqual(['getComplaint']);
    expect(surplus.getComplaint!.join()).toContain('dynamodb:DeleteItem');
  });
});

describe('each function with only its own environment, as Lambda will start it', () => {
  /**
   * Each function as deployed: the bundle CDK built for it (its asset, named by the zip's hash) and
   * the environment CDK gives it, with CloudFormation references stood in for by plausible values.
   */
  const deployedFunctions = () =>
    Object.values(dev.functions.findResources('AWS::Lambda::Function'))
      .map(
        (fn) =>
          fn.Properties as {
            Description?: string;
            Code: { S3Key: string };
            Environment?: { Variables?: Record<string, unknown> };
          },
      )
      .flatMap((properties) => {
        const spec = Object.values(functionCatalog).find(
          (candidate) => candidate.description === properties.Description,
        );
        if (!spec) return [];
        const queues = new Set(Object.keys(dev.functions.findResources('AWS::SQS::Queue')));
        /** A reference's plausible value: a queue's URL (its Ref), any other an ARN; a join of them joined. */
        const standIn = (name: string, value: unknown): string => {
          if (typeof value === 'string') return value;
          const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
          if (join) return join[1].map((part) => standIn(name, part)).join(join[0]);
          const ref = (value as { Ref?: string }).Ref;
          if (ref && queues.has(ref)) return `https://sqs.ap-south-1.amazonaws.com/111111111111/${ref.toLowerCase()}`;
          return `arn:aws:cloudformation:ap-south-1:111111111111:${name.toLowerCase()}`;
        };
        const environment = Object.fromEntries(
          Object.entries(properties.Environment?.Variables ?? {}).map(([name, value]) => [name, standIn(name, value)]),
        );
        const bundle = path.join(
          dev.assembly.directory,
          `asset.${properties.Code.S3Key.replace(/\.zip$/, '')}`,
          'index.js',
        );
        return [{ entry: spec.entry, bundle, environment }];
      });

  /** Loads the function's bundle in a fresh process with exactly this environment (and what the Lambda runtime adds). */
  const coldStart = ({
    entry,
    bundle,
    environment,
  }: {
    entry: string;
    bundle: string;
    environment: Record<string, string>;
  }) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(bundle)});`], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'ap-south-1',
          AWS_LAMBDA_FUNCTION_NAME: entry.replace('/', '-'),
          POWERTOOLS_LOG_LEVEL: 'SILENT',
          ...environment,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => resolve({ code, output }));
    });

  it('starts every function of the catalog with the environment its bindings give it in the template', async () => {
    const functions = deployedFunctions();
    expect(functions.map((fn) => fn.entry).sort()).toEqual(
      Object.values(functionCatalog)
        .map((spec) => spec.entry)
        .sort(),
    );
    const failures: string[] = [];
    // Two at a time: the machine has two cores.
    for (let i = 0; i < functions.length; i += 2) {
      const started = await Promise.all(
        functions.slice(i, i + 2).map(async (fn) => ({ fn, ...(await coldStart(fn)) })),
      );
      for (const { fn, code, output } of started) {
        if (code !== 0)
          failures.push(
            `${fn.entry}: ${
              output
                .split('\n')
                .filter((line) => /✖|→|Error:/.test(line))
                .join(' ') || output
            }`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('fails at cold start, loudly, when a binding is missing', async () => {
    const getComplaint = deployedFunctions().find((fn) => fn.entry === 'complaints/get-complaint')!;
    const { TABLE_NAME: _table, ...withoutTable } = getComplaint.environment;
    const started = await coldStart({ ...getComplaint, environment: withoutTable });
    expect(started.code).not.toBe(0);
    expect(started.output).toMatch(/Function configuration is invalid[\s\S]*TABLE_NAME/);
  }, 60_000);
});

describe("the regulators' alert rules in the deployed stack", () => {
  const functionsWith = (template: Template, name: string) =>
    Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([, fn]) => fn.Properties.Environment?.Variables?.[name] !== undefined)
      .map(([logicalId, fn]) => ({ logicalId, value: fn.Properties.Environment.Variables[name] as string }));

  it('runs the evaluation every 6 hours, publishing on the escalations topic', () => {
    const rule = Object.values(dev.functions.findResources('AWS::Events::Rule')).find((r) =>
      JSON.stringify(r.Properties.Targets).includes('EvaluateAlerts'),
    );
    expect(rule?.Properties.ScheduleExpression).toBe('rate(6 hours)');
    const publishes = policies(dev.functions)
      .filter(({ logicalId }) => logicalId.startsWith('EvaluateAlertsFunctionRole'))
      .flatMap(({ statements }) => statements)
      .filter((s) => actionsOf(s).includes('sns:Publish'));
    expect(JSON.stringify(publishes.map(resourcesOf))).toMatch(/EscalationsTopic/);
  });

  it("gives a stage's own rules (alertRulesFile), checked, to the evaluation alone; the platform's own otherwise", () => {
    expect(functionsWith(dev.functions, 'ALERT_RULES')).toEqual([]);
    const given = functionsWith(withOptions().functions, 'ALERT_RULES');
    expect(given.map(({ logicalId }) => logicalId.replace(/Function[0-9A-F]+$/, ''))).toEqual(['EvaluateAlerts']);
    const file = JSON.parse(readFileSync(path.join(root, 'test', 'integration', 'alert-rules.json'), 'utf8'));
    expect(JSON.parse(given[0]!.value)).toEqual(file);
    const bad = path.join(root, 'cdk.out', 'bad-alert-rules.json');
    writeFileSync(bad, JSON.stringify({ rules: [{ id: 'x', kind: 'count', counter: 'phone' }] }));
    expect(() => alertRulesFromFile(bad)).toThrow(/alert rules are invalid/);
    expect(() => alertRulesFromFile(path.join(root, 'no-such-file.json'))).toThrow(/cannot be read/);
  });
});
