/**
 * The functions that AWS invokes from queues and streams, fed locally as their event sources would
 * feed them: SES's bounce and complaint events and S3's object-created notifications arrive as SQS
 * records (one message an event), the table's changes through the local stream.
 */
import { randomUUID } from 'node:crypto';
import type { FunctionId } from '../functions/catalog';
import { localAccount } from './function-environment';

export interface QueueParts {
  region: string;
  invoke: (functionId: FunctionId, event: unknown) => Promise<unknown>;
  track: <T>(work: () => Promise<T>) => Promise<T>;
  log: (line: string) => void;
}

/**
 * Delivers `body` to `functionId` as one SQS message of `queue`. A failure is logged: in AWS the
 * message would be retried, then kept in the queue's dead-letter queue.
 */
export const queueDelivery =
  ({ region, invoke, track, log }: QueueParts) =>
  (functionId: FunctionId, queue: string, body: unknown, what: string) => {
    const record = {
      messageId: randomUUID(),
      receiptHandle: 'local',
      body: JSON.stringify(body),
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${region}:${localAccount}:${queue}`,
      awsRegion: region,
    };
    void track(async () => {
      const response = (await invoke(functionId, { Records: [record] })) as { batchItemFailures?: unknown[] };
      if (response?.batchItemFailures?.length) {
        log(`${what} could not be handled (in AWS it would be retried, then kept in the dead-letter queue).`);
      }
    }).catch((error: Error) => log(`${what}: ${functionId} failed: ${error.message}`));
  };
