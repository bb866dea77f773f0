/**
 * Every CCMS Lambda function: Node.js 24 on arm64, bundled by the local esbuild (no Docker),
 * X-Ray tracing on, its own log group with a retention period, and bindings that set the
 * environment variables and the least-privilege grants together (functions/bindings.ts).
 */
import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import path from 'node:path';
import {
  baseEnvironment,
  bindingEffects,
  grantConditions,
  type Binding,
  type BindingResources,
} from '../../functions/bindings';
import type { FunctionSpec } from '../../functions/catalog';

const functionsDir = path.join(import.meta.dirname, '..', '..', 'functions');

/**
 * How every function is bundled, decided by measurement (`npm run bench`, README "Performance and
 * cost"). The AWS SDK is the runtime's: a tree-shaken SDK in the bundle imports about a quarter
 * faster, but the DynamoDB client alone is 330 KB minified, twice the 150 KB budget of a whole
 * bundle. Source maps are written beside the bundle, for reading stack traces, but not decoded at
 * run time (baseEnvironment has no --enable-source-maps).
 */
export const functionBundling = {
  format: OutputFormat.CJS,
  target: 'node24',
  minify: true,
  sourceMap: true,
  externalModules: ['@aws-sdk/*'],
} as const;

/** The national ID gateway: its https URL, and the Secrets Manager secret (name or ARN) holding its API key. */
export interface IdentityGateway {
  url: string;
  apiKeySecret: string;
}

export interface CcmsFunctionProps {
  spec: FunctionSpec;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
  timeout?: Duration;
}

/** The stack's X-Ray policy, made with its first function. */
const tracingPolicyOf = (stack: Stack): ManagedPolicy => {
  const existing = stack.node.tryFindChild('FunctionTracingPolicy');
  if (existing) return existing as ManagedPolicy;
  const policy = new ManagedPolicy(stack, 'FunctionTracingPolicy', {
    description: 'CCMS functions: X-Ray active tracing',
    statements: [
      new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    ],
  });
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions.',
  });
  return policy;
};

export class CcmsFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CcmsFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    // X-Ray in one managed policy per stack, attached to every function role: its one wildcard is
    // acknowledged there, and it costs the stack one resource, not one per function (CloudFormation's 500).
    role.addManagedPolicy(tracingPolicyOf(Stack.of(scope)));
    super(scope, id, {
      role,
      entry: path.join(functionsDir, `${props.spec.entry}.ts`),
      handler: 'handler',
      description: props.spec.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      environment: { ...baseEnvironment },
      bundling: {
        ...functionBundling,
        externalModules: [...functionBundling.externalModules],
        forceDockerBundling: false,
      },
    });
    // Active tracing without CDK's own grant (which would put the X-Ray wildcard among the function's grants).
    (this.node.defaultChild as CfnFunction).addPropertyOverride('TracingConfig', { Mode: Tracing.ACTIVE });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The platform runs on Node.js 24 (.node-version: the local cloud and the tests run the same major); runtime upgrades are a deliberate change.',
    });
  }

  /** Sets the environment and adds the grants that functions/bindings.ts gives these bindings. */
  bind(bindings: readonly Binding[], resources: BindingResources): void {
    const { environment, grants } = bindingEffects(bindings, resources);
    for (const [name, value] of Object.entries(environment)) this.addEnvironment(name, value);
    for (const grant of grants) {
      this.addToRolePolicy(
        new PolicyStatement({
          actions: [...grant.actions],
          ...(grant.resources && { resources: [...grant.resources] }),
          ...(grant.notResources && { notResources: [...grant.notResources] }),
          ...(grantConditions(grant) && { conditions: grantConditions(grant) }),
        }),
      );
    }
  }
}
