/**
 * The CDK's AwsCustomResource runs its SDK calls in one function per stack, maintained by AWS: its
 * role (AWSLambdaBasicExecutionRole) and runtime are the CDK's choice. cdk-nag is told so there,
 * with what the calls are for.
 */
import { type Stack, Validations } from 'aws-cdk-lib';

const sdkCallFunctionId = 'AWS679f53fac002430cb0da5b7982bd2287';

export const acknowledgeSdkCallFunction = (stack: Stack, purpose: string) => {
  const fn = stack.node.tryFindChild(sdkCallFunctionId);
  if (!fn) throw new Error(`${stack.stackName} has no AwsCustomResource function to acknowledge`);
  Validations.of(fn).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `The CDK's AwsCustomResource function (maintained by AWS). ${purpose}`,
    },
    { id: 'AwsSolutions-L1', reason: `The CDK's AwsCustomResource function chooses its runtime. ${purpose}` },
  );
};
