/**
 * Every CCMS Lambda function: Node.js 22 on arm64, bundled by the local esbuild (no Docker),
 * X-Ray tracing on, its own log group with a retention period, and bindings that set the
 * environment variable and the least-privilege grant together.
 */
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import path from 'node:path';
import { envNames } from '../../functions/commons/config';
import type { Binding, FunctionSpec } from '../../functions/catalog';
import { tableKeyPrefixes } from '../../functions/adapters/table-design';

/**
 * Wildcards are acknowledged where the statement that needs one is made, each with its own reason,
 * never once for a whole role: a wildcard added to a role's grants later is still reported.
 */
export const topicKeyAcknowledgement = {
  id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
  reason: 'Publishing to an encrypted topic needs the GenerateDataKey family, granted on the one topic key only.',
};

/** Writes limited to the items whose partition key has `prefix` (IAM dynamodb:LeadingKeys). */
const writeItemsUnder = (table: ITable, prefix: string, action: 'dynamodb:PutItem' | 'dynamodb:UpdateItem') =>
  new PolicyStatement({
    actions: [action],
    resources: [table.tableArn],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}*`] } },
  });
const putItemsUnder = (table: ITable, prefix: string) => writeItemsUnder(table, prefix, 'dynamodb:PutItem');

const functionsDir = path.join(import.meta.dirname, '..', '..', 'functions');

/** The national ID gateway: its https URL, and the Secrets Manager secret (name or ARN) holding its API key. */
export interface IdentityGateway {
  url: string;
  apiKeySecret: string;
}

export interface BindingTargets {
  /** Imported by ARN, so table grants name the table alone; index grants are added per index. */
  table: ITable;
  tableIndexArns: string[];
  notificationsTopic: ITopic;
  escalationsTopic: ITopic;
  identityHashKey: IKey;
  credentialsKey: IKey;
  /** The national ID gateway; without it identity verification answers 503 "not configured". */
  identityGateway?: IdentityGateway;
  /** Absent while the state machines themselves are being built from their task functions. */
  lifecycle?: IStateMachine;
  webhookDelivery?: IStateMachine;
}

export interface CcmsFunctionProps {
  spec: FunctionSpec;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
  timeout?: Duration;
}

export class CcmsFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CcmsFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    // X-Ray in a policy of its own, so its one wildcard is acknowledged there and nowhere else.
    const tracingPolicy = new Policy(scope, `${id}TracingPolicy`, {
      roles: [role],
      statements: [new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
    });
    Validations.of(tracingPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions.',
    });
    super(scope, id, {
      role,
      entry: path.join(functionsDir, `${props.spec.entry}.ts`),
      handler: 'handler',
      description: props.spec.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'ccms',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.CJS,
        target: 'node22',
        minify: true,
        sourceMap: true,
        forceDockerBundling: false,
      },
    });
    // Active tracing without CDK's own grant (which would put the X-Ray wildcard among the function's grants).
    (this.node.defaultChild as CfnFunction).addPropertyOverride('TracingConfig', { Mode: Tracing.ACTIVE });
    this.node.addDependency(tracingPolicy);
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The platform runs on Node.js 22 (SPEC: fixed stack); runtime upgrades are a deliberate change.',
    });
  }

  bind(bindings: readonly Binding[], targets: BindingTargets): void {
    for (const binding of bindings) {
      switch (binding) {
        case 'table:read':
          this.addEnvironment(envNames.table, targets.table.tableName);
          targets.table.grantReadData(this);
          Grant.addToPrincipal({ grantee: this, actions: ['dynamodb:Query'], resourceArns: targets.tableIndexArns });
          break;
        case 'table:write':
          this.addEnvironment(envNames.table, targets.table.tableName);
          targets.table.grantWriteData(this);
          break;
        case 'workflow:start':
          if (!targets.lifecycle) throw new Error(`${this.node.id} starts the workflow but no state machine was given`);
          this.addEnvironment(envNames.stateMachine, targets.lifecycle.stateMachineArn);
          targets.lifecycle.grantStartExecution(this);
          break;
        case 'topic:notifications':
          this.addEnvironment(envNames.notificationsTopic, targets.notificationsTopic.topicArn);
          targets.notificationsTopic.grantPublish(this);
          Validations.of(this.role!).acknowledge(topicKeyAcknowledgement);
          break;
        case 'sms:send':
          // SMS to a phone number has no ARN to name; NotResource keeps every topic out of this statement.
          this.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`] }));
          break;
        case 'identity:verify':
          this.addEnvironment(envNames.identityHashKey, targets.identityHashKey.keyArn);
          targets.identityHashKey.grant(this, 'kms:GenerateMac');
          if (targets.identityGateway) {
            this.addEnvironment(envNames.identityVerifier, 'gateway');
            this.addEnvironment(envNames.identityGatewayUrl, targets.identityGateway.url);
            const { apiKeySecret } = targets.identityGateway;
            const secret = apiKeySecret.startsWith('arn:')
              ? Secret.fromSecretCompleteArn(this, 'IdentityGatewayApiKey', apiKeySecret)
              : Secret.fromSecretNameV2(this, 'IdentityGatewayApiKey', apiKeySecret);
            this.addEnvironment(envNames.identityGatewayApiKeySecret, secret.secretArn);
            secret.grantRead(this);
            if (!apiKeySecret.startsWith('arn:')) {
              Validations.of(this.role!).acknowledge({
                id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${apiKeySecret}-??????]`,
                reason: 'A secret named without its full ARN is granted with the six-character suffix Secrets Manager adds to every secret ARN.',
              });
            }
          } else {
            this.addEnvironment(envNames.identityVerifier, 'unconfigured');
          }
          break;
        case 'webhooks:dispatch':
          if (!targets.webhookDelivery) throw new Error(`${this.node.id} dispatches webhooks but no state machine was given`);
          this.addEnvironment(envNames.webhookStateMachine, targets.webhookDelivery.stateMachineArn);
          targets.webhookDelivery.grantStartExecution(this);
          break;
        case 'credentials:verify':
          this.addEnvironment(envNames.credentialsKey, targets.credentialsKey.keyArn);
          targets.credentialsKey.grantDecrypt(this);
          break;
        case 'replays:record':
          this.addEnvironment(envNames.table, targets.table.tableName);
          this.addToRolePolicy(putItemsUnder(targets.table, tableKeyPrefixes.replay));
          break;
        case 'statistics:record':
          this.addEnvironment(envNames.table, targets.table.tableName);
          this.addToRolePolicy(writeItemsUnder(targets.table, tableKeyPrefixes.statistics, 'dynamodb:UpdateItem'));
          this.addToRolePolicy(putItemsUnder(targets.table, tableKeyPrefixes.countedChange));
          break;
        case 'undeliverable:record':
          this.addEnvironment(envNames.table, targets.table.tableName);
          this.addToRolePolicy(putItemsUnder(targets.table, tableKeyPrefixes.undeliverable));
          break;
        case 'access-log:record':
          this.addEnvironment(envNames.table, targets.table.tableName);
          this.addToRolePolicy(putItemsUnder(targets.table, tableKeyPrefixes.accessLog));
          break;
        case 'credentials:issue':
          this.addEnvironment(envNames.credentialsKey, targets.credentialsKey.keyArn);
          targets.credentialsKey.grant(this, 'kms:Encrypt');
          break;
        case 'topic:escalations':
          this.addEnvironment(envNames.escalationsTopic, targets.escalationsTopic.topicArn);
          targets.escalationsTopic.grantPublish(this);
          Validations.of(this.role!).acknowledge(topicKeyAcknowledgement);
          break;
        default: {
          const unbound: never = binding;
          throw new Error(`No grant is defined for the binding ${String(unbound)}`);
        }
      }
    }
  }
}
