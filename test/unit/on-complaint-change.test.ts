import { SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fileComplaint } from '../../functions/domain/complaint';
import { filingRequest } from './fixtures';

const sfn = mockClient(SFNClient);
const sns = mockClient(SNSClient);
const dynamo = mockClient(DynamoDBDocumentClient);
let handler: (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const filed = fileComplaint({
  request: filingRequest(),
  consumerId: 'c1',
  merchant: { merchantId: 'demo-bazaar', tradeName: 'Demo', active: true },
  trackingNumber: 'ABCDE-FGHJ0',
  at: new Date('2026-05-01T08:00:00Z'),
}).complaint;
const notified = act(filed, 'NOTIFY_MERCHANT', 'system', new Date('2026-05-01T08:00:01Z')).complaint;
const item = (complaint: object) => marshall({ pk: 'COMPLAINT#ABCDE-FGHJ0', sk: 'COMPLAINT', ...complaint }, { removeUndefinedValues: true });
const record = (seq: string, oldImage: object | undefined, newImage: object, sk = 'COMPLAINT') => ({
  eventName: oldImage ? 'MODIFY' : 'INSERT',
  dynamodb: {
    SequenceNumber: seq,
    Keys: marshall({ pk: 'COMPLAINT#ABCDE-FGHJ0', sk }),
    ...(oldImage && { OldImage: item(oldImage) }),
    NewImage: item(newImage),
  },
});

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'ccms-test');
  vi.stubEnv('LIFECYCLE_STATE_MACHINE_ARN', 'arn:aws:states:ap-south-1:111111111111:stateMachine:lifecycle');
  vi.stubEnv('WEBHOOK_STATE_MACHINE_ARN', 'arn:aws:states:ap-south-1:111111111111:stateMachine:webhooks');
  vi.stubEnv('NOTIFICATIONS_TOPIC_ARN', 'arn:aws:sns:ap-south-1:111111111111:notifications');
  vi.stubEnv('ESCALATIONS_TOPIC_ARN', 'arn:aws:sns:ap-south-1:111111111111:escalations');
  vi.stubEnv('AWS_REGION', 'ap-south-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../functions/workflow/on-complaint-change'));
});

beforeEach(() => {
  sfn.reset();
  sns.reset();
  sfn.on(StartExecutionCommand).resolves({});
  sfn.on(StopExecutionCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
  dynamo.reset();
  dynamo.on(GetCommand).resolves({ Item: { merchantId: 'demo-bazaar', tradeName: 'Demo', active: true, grievanceOfficer: { email: 'go@demo.example' } } });
});

describe('complaint change consumer (DynamoDB stream)', () => {
  it('starts the new timer execution, stops the old one and tells the merchant; other items are skipped', async () => {
    const event = { Records: [record('1', { sk: 'TIMELINE#000001' }, { sk: 'TIMELINE#000002' }, 'TIMELINE#000002'), record('2', filed, notified)] };
    expect(await handler(event as unknown as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        stateMachineArn: 'arn:aws:states:ap-south-1:111111111111:stateMachine:lifecycle',
        name: 'ABCDE-FGHJ0-t2',
        input: JSON.stringify({ trackingNumber: 'ABCDE-FGHJ0', timerSeq: 2, dueAt: notified.timer!.dueAt, purpose: 'ACKNOWLEDGEMENT_REMINDER' }),
      },
    ]);
    expect(sfn.commandCalls(StopExecutionCommand)[0]!.args[0].input.executionArn).toBe(
      'arn:aws:states:ap-south-1:111111111111:execution:lifecycle:ABCDE-FGHJ0-t1',
    );
    // The consumer's SMS, the merchant notice, and the email to the grievance officer (through the topic).
    const published = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(published.map((p) => p.PhoneNumber ?? p.TopicArn)).toEqual([
      'c1',
      'arn:aws:sns:ap-south-1:111111111111:notifications',
      'arn:aws:sns:ap-south-1:111111111111:notifications',
    ]);
    expect(published[2]!.MessageAttributes).toMatchObject({ channel: { StringValue: 'email' }, audience: { StringValue: 'merchant' } });
  });

  it('reports the first failing record so the stream retries from it, and processes nothing after it', async () => {
    sfn.on(StartExecutionCommand).rejectsOnce(new Error('throttled'));
    const event = { Records: [record('7', undefined, filed), record('8', filed, notified)] };
    expect(await handler(event as unknown as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
