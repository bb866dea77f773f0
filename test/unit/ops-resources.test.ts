/** The operators' tools find a deployed stage's resources in its stacks' outputs (CloudFormation mocked). */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { deployedResources } from '../../ops/resources';

const cloudFormation = mockClient(CloudFormationClient);
afterEach(() => cloudFormation.reset());

const outputs = (values: Record<string, string>) => ({
  Stacks: [
    {
      StackName: 'stack',
      CreationTime: new Date(0),
      StackStatus: 'UPDATE_COMPLETE' as const,
      Outputs: Object.entries(values).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
    },
  ],
});

describe('a deployed stage’s resources', () => {
  it('reads the table from the data stack, and the timer machine and set-aside queues from the functions stack', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: 'Ccms-prod-Data' })
      .resolves(outputs({ TableName: 'ccms-table' }))
      .on(DescribeStacksCommand, { StackName: 'Ccms-prod-Functions' })
      .resolves(
        outputs({
          LifecycleStateMachineArn: 'arn:aws:states:ap-south-1:111122223333:stateMachine:lifecycle',
          ComplaintChangesSetAsideUrl: 'https://sqs.ap-south-1.amazonaws.com/111122223333/changes',
          ComplaintCountsSetAsideUrl: 'https://sqs.ap-south-1.amazonaws.com/111122223333/counts',
        }),
      );
    expect(await deployedResources('prod', 'ap-south-1')).toEqual({
      region: 'ap-south-1',
      tableName: 'ccms-table',
      lifecycleStateMachineArn: 'arn:aws:states:ap-south-1:111122223333:stateMachine:lifecycle',
      setAsideQueues: {
        onComplaintChange: 'https://sqs.ap-south-1.amazonaws.com/111122223333/changes',
        countComplaintChanges: 'https://sqs.ap-south-1.amazonaws.com/111122223333/counts',
      },
    });
  });

  it('names the stack and output it misses, as after a deployment of an older version', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: 'Ccms-prod-Data' })
      .resolves(outputs({ TableName: 'ccms-table' }))
      .on(DescribeStacksCommand, { StackName: 'Ccms-prod-Functions' })
      .resolves(outputs({}));
    await expect(deployedResources('prod', 'ap-south-1')).rejects.toThrow(
      'Stack Ccms-prod-Functions has no output LifecycleStateMachineArn',
    );
  });
});
