/**
 * What the operators' tools work on: the table, the timer state machine, the set-aside queues of
 * the stream consumers, and the endpoints to reach them. In AWS they come from the stage's
 * CloudFormation outputs (the SDK's own credentials and region); locally from the local cloud's
 * GET /__local/resources.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { StreamConsumerId } from '../functions/catalog';

export interface OpsResources {
  region: string;
  tableName: string;
  lifecycleStateMachineArn: string;
  setAsideQueues: Record<StreamConsumerId, string>;
  /** Endpoints of a local cloud; none in AWS. */
  endpoints?: { dynamodb: string; dynamodbStreams: string; sfn: string; sqs: string; lambda: string };
}

/** An SDK client's configuration for one of the services. */
export const clientConfig = (resources: OpsResources, service: keyof NonNullable<OpsResources['endpoints']>) =>
  resources.endpoints
    ? {
        region: resources.region,
        endpoint: resources.endpoints[service],
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : { region: resources.region };

export const localResources = async (url: string): Promise<OpsResources> => {
  const response = await fetch(new URL('/__local/resources', url));
  if (!response.ok) throw new Error(`${url} answered ${response.status} for /__local/resources: is it a local cloud?`);
  return (await response.json()) as OpsResources;
};

/** The stage's resources from its stacks' outputs (Ccms-<stage>-Data and Ccms-<stage>-Functions). */
export const deployedResources = async (stage: string, region?: string): Promise<OpsResources> => {
  const cloudFormation = new CloudFormationClient(region ? { region } : {});
  const outputsOf = async (stackName: string) => {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
  };
  const [data, code] = await Promise.all([outputsOf(`Ccms-${stage}-Data`), outputsOf(`Ccms-${stage}-Functions`)]);
  const named = (outputs: Record<string, string | undefined>, key: string, stack: string) => {
    const value = outputs[key];
    if (!value) throw new Error(`Stack ${stack} has no output ${key}: deploy the current version first`);
    return value;
  };
  return {
    region: await cloudFormation.config.region(),
    tableName: named(data, 'TableName', `Ccms-${stage}-Data`),
    lifecycleStateMachineArn: named(code, 'LifecycleStateMachineArn', `Ccms-${stage}-Functions`),
    setAsideQueues: {
      onComplaintChange: named(code, 'ComplaintChangesSetAsideUrl', `Ccms-${stage}-Functions`),
      countComplaintChanges: named(code, 'ComplaintCountsSetAsideUrl', `Ccms-${stage}-Functions`),
    },
  };
};
