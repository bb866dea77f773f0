/**
 * Functions the CDK makes for itself (S3 bucket notifications, the web build's deployment, emptying
 * a bucket on delete) log to `/aws/lambda/<name>`, a group Lambda creates on first write with no
 * expiry. Each gets a log group of the stage's retention instead, named in its LoggingConfig.
 * Their roles are the CDK's (AWSLambdaBasicExecutionRole), which may write to any group.
 */
import { CfnResource, type Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { StageSettings } from './stage';

export const boundProvidedFunctionLogs = (stack: Stack, settings: StageSettings) => {
  const functions = stack.node
    .findAll()
    .filter(
      (child): child is CfnResource =>
        CfnResource.isCfnResource(child) && child.cfnResourceType === 'AWS::Lambda::Function',
    );
  for (const fn of functions) {
    // Ours (CcmsFunction) name their own group; only the CDK's are left without.
    if (fn instanceof CfnFunction && fn.loggingConfig !== undefined) continue;
    const logGroup = new LogGroup(fn.node.scope!, `${fn.node.id}Logs`, {
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    fn.addPropertyOverride('LoggingConfig.LogGroup', logGroup.logGroupName);
    fn.addResourceDependency(logGroup.node.defaultChild as CfnResource);
  }
};
