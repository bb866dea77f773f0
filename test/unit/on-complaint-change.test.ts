import { SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { complaintStreamRecord, filedComplaint, notifiedComplaint } from './fixtures';

const sfn = mockClient(SFNClient);
const sns = mockClient(SNSClient);
const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
// Suppressed addresses are found by an HMAC from KMS.
const kms = mockClient(KMSClient);
let onChanges: (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
const handler = (event: DynamoDBStreamEvent) => onChanges(event, { awsRequestId: 'r', functionName: 'f' } as Context);

const filed = filedComplaint;
const notified = notifiedComplaint;
const other = { ...filed, trackingNumber: 'KLMNP-QRST0', consumerId: 'c2' };
const record = complaintStreamRecord;

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'ccms-test');
  vi.stubEnv('LIFECYCLE_STATE_MACHINE_ARN', 'arn:aws:states:ap-south-1:111111111111:stateMachine:lifecycle');
  vi.stubEnv('WEBHOOK_STATE_MACHINE_ARN', 'arn:aws:states:ap-south-1:111111111111:stateMachine:webhooks');
  vi.stubEnv('CASE_RECORD_STATE_MACHINE_ARN', 'arn:aws:states:ap-south-1:111111111111:stateMachine:case-records');
  vi.stubEnv('NOTIFICATIONS_TOPIC_ARN', 'arn:aws:sns:ap-south-1:111111111111:notifications');
  vi.stubEnv('ESCALATIONS_TOPIC_ARN', 'arn:aws:sns:ap-south-1:111111111111:escalations');
  vi.stubEnv('AWS_REGION', 'ap-south-1');
  vi.stubEnv('EMAIL_FROM', 'no-reply@ccms.example');
  vi.stubEnv('EMAIL_CONFIGURATION_SET', 'ccms-test');
  vi.stubEnv('IDENTITY_HASH_KEY_ID', 'arn:aws:kms:ap-south-1:111111111111:key/hmac');
  vi.stubEnv('PERSONAL_DATA_KEY_ID', 'arn:aws:kms:ap-south-1:111111111111:key/personal-data');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler: onChanges } = await import('../../functions/workflow/on-complaint-change'));
});

beforeEach(() => {
  sfn.reset();
  sns.reset();
  sfn.on(StartExecutionCommand).resolves({});
  sfn.on(StopExecutionCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
  dynamo.reset();
  dynamo.on(GetCommand).resolves({
    Item: {
      merchantId: 'demo-bazaar',
      tradeName: 'Demo',
      active: true,
      grievanceOfficer: { email: 'go@demo.example' },
    },
  });
  // No message of these changes was settled yet; each failed attempt is the first.
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(UpdateCommand).resolves({ Attributes: { attempts: 1 } });
  // No address is suppressed.
  dynamo.on(GetCommand, { Key: { sk: 'SUPPRESSED' } }).resolves({});
  ses.reset();
  kms.reset();
  kms.on(GenerateMacCommand).resolves({ Mac: new Uint8Array([1, 2, 3]) });
  ses.on(SendEmailCommand).resolves({ MessageId: 'e' });
});

describe('complaint change consumer (DynamoDB stream)', () => {
  it('starts the new timer execution, stops the old one and tells the merchant; other items are skipped', async () => {
    const event = {
      Records: [
        record('1', { sk: 'TIMELINE#000001' }, { sk: 'TIMELINE#000002' } as object, 'TIMELINE#000002'),
        record('2', filed, notified),
      ],
    };
    expect(await handler(event as unknown as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        stateMachineArn: 'arn:aws:states:ap-south-1:111111111111:stateMachine:lifecycle',
        name: 'ABCDE-FGHJ0-t2-ACKNOWLEDGEMENT_REMINDER',
        input: JSON.stringify({
          trackingNumber: 'ABCDE-FGHJ0',
          timerSeq: 2,
          dueAt: notified.timer!.dueAt,
          purpose: 'ACKNOWLEDGEMENT_REMINDER',
          // Due within 300 days: the execution wakes when it is due.
          wakeAt: notified.timer!.dueAt,
          round: 0,
          attempts: 0,
        }),
      },
    ]);
    expect(sfn.commandCalls(StopExecutionCommand)[0]!.args[0].input.executionArn).toBe(
      'arn:aws:states:ap-south-1:111111111111:execution:lifecycle:ABCDE-FGHJ0-t1-NOTIFY_MERCHANT',
    );
    // The merchant notice (with its merchantId, for the merchant's subscription), then the consumer's SMS...
    const published = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(published.map((p) => p.PhoneNumber ?? p.TopicArn)).toEqual([
      'arn:aws:sns:ap-south-1:111111111111:notifications',
      'c1',
    ]);
    expect(published[0]!.MessageAttributes).toMatchObject({
      audience: { StringValue: 'merchant' },
      merchantId: { StringValue: 'demo-bazaar' },
    });
    // ...and the email to the grievance officer through SES, tagged with the complaint.
    const emails = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      FromEmailAddress: 'no-reply@ccms.example',
      Destination: { ToAddresses: ['go@demo.example'] },
      ConfigurationSetName: 'ccms-test',
      Content: { Simple: { Subject: { Charset: 'UTF-8' }, Body: { Text: { Charset: 'UTF-8' } } } },
      EmailTags: [
        { Name: 'audience', Value: 'merchant' },
        { Name: 'trackingNumber', Value: 'ABCDE-FGHJ0' },
        { Name: 'seq', Value: String(notified.timelineSeq) },
      ],
    });
  });

  it('reports a failing change and the later changes of the same complaint, and goes on with other complaints', async () => {
    sfn.on(StartExecutionCommand, { name: 'ABCDE-FGHJ0-t1-NOTIFY_MERCHANT' }).rejects(new Error('throttled'));
    const otherNotified = { ...notified, trackingNumber: other.trackingNumber, consumerId: 'c2' };
    const event = {
      Records: [
        record('7', undefined, filed),
        record('8', filed, notified),
        record('9', undefined, other),
        record('10', other, otherNotified),
      ],
    };
    expect(await handler(event as unknown as DynamoDBStreamEvent)).toEqual({
      batchItemFailures: [{ itemIdentifier: '7' }, { itemIdentifier: '8' }],
    });
    // The failed filing's timer holds up the other complaint in nothing (its hand-over is texted); its own next change waits for it.
    const texted = sns.commandCalls(PublishCommand).flatMap((c) => c.args[0].input.PhoneNumber ?? []);
    expect(texted).toEqual(['c2']);
    const notices = sns
      .commandCalls(PublishCommand)
      .filter((c) => c.args[0].input.TopicArn?.endsWith(':notifications'))
      .map((c) => JSON.parse(String(c.args[0].input.Message)).trackingNumber);
    expect(notices).toEqual([other.trackingNumber]);
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name)).toContain(
      'KLMNP-QRST0-t1-NOTIFY_MERCHANT',
    );
  });

  it('keeps an SMS that SNS refuses for good with the complaint, and still starts the timer and tells the merchant', async () => {
    sns.on(PublishCommand, { PhoneNumber: 'c1' }).rejects(
      Object.assign(new Error('Invalid parameter: PhoneNumber'), {
        name: 'InvalidParameterException',
        $fault: 'client',
        $metadata: {},
      }),
    );
    const event = { Records: [record('10', filed, notified)] };
    expect(await handler(event as unknown as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
    const kept = dynamo
      .commandCalls(PutCommand)
      .map((c) => c.args[0].input.Item)
      .filter((i) => String(i?.pk).startsWith('UNDELIVERABLE#'));
    expect(kept).toEqual([
      expect.objectContaining({
        pk: 'UNDELIVERABLE#ABCDE-FGHJ0',
        message: expect.objectContaining({ channel: 'sms', seq: notified.timelineSeq }),
      }),
    ]);
    expect(sns.commandCalls(PublishCommand).some((c) => c.args[0].input.TopicArn?.endsWith(':notifications'))).toBe(
      true,
    );
  });

  it('fails a change whose SMS could not be sent for now, so the stream retries it (a batch that failed whole is an error, which bisects it)', async () => {
    sns.on(PublishCommand, { PhoneNumber: 'c1' }).rejects(
      Object.assign(new Error('Service unavailable'), {
        name: 'InternalErrorException',
        $fault: 'server',
        $metadata: {},
      }),
    );
    await expect(
      handler({ Records: [record('11', filed, notified)] } as unknown as DynamoDBStreamEvent),
    ).rejects.toThrow(/All records failed/);
    const mixed = { Records: [record('12', filed, notified), record('13', undefined, other)] };
    expect(await handler(mixed as unknown as DynamoDBStreamEvent)).toEqual({
      batchItemFailures: [{ itemIdentifier: '12' }],
    });
  });
});
