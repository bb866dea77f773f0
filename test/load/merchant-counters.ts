/**
 * A merchant's statistics counters as `count` complaints would leave them, without filing them: the
 * complaints are walked through the real lifecycle in memory (filed over a year; settled by
 * confirmation, automatically, or escalated), their changes counted and merged as the stream
 * consumer does, and the counter items written straight to DynamoDB Local. Shared by the O(1) load
 * test and `npm run bench`.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/table-design';
import { act, fileComplaint, type Complaint } from '../../functions/domain/complaint';
import { countedChangeOf, mergedDeltas, type CountedChange } from '../../functions/domain/statistics';
import { localTableName } from '../../local/dynamodb';
import { filingRequest } from '../unit/fixtures';

const DAY = 86_400_000;
const yearStart = Date.parse('2025-12-01T06:00:00Z');

/** The counted changes of `count` complaints at one merchant, walked through the lifecycle. */
export const countedChanges = (merchantId: string, count: number): CountedChange[] => {
  const changes: CountedChange[] = [];
  for (let i = 0; i < count; i++) {
    const at = (days: number) => new Date(yearStart + ((i * 7919) % 330) * DAY + days * DAY);
    let complaint: Complaint = fileComplaint({
      request: filingRequest({
        merchantId,
        category: i % 4 === 0 ? 'NOT_DELIVERED' : 'REFUND_NOT_RECEIVED',
        deliveryDistrict: i % 2 ? 'dhaka' : 'sylhet',
      }),
      consumerId: 'c',
      complainantNameSealed: 's',
      trackingNumber: `${merchantId}-${i}`,
      at: at(0),
    }).complaint;
    changes.push(countedChangeOf(undefined, complaint)!);
    const steps: [Parameters<typeof act>[1], Parameters<typeof act>[2], number][] =
      i % 3 === 0
        ? [
            ['NOTIFY_MERCHANT', 'system', 0],
            ['ACKNOWLEDGE', 'merchant', (i % 5) * 0.3],
            ['PROPOSE_RESOLUTION', 'merchant', 2],
            ['CONFIRM', 'consumer', 3],
          ]
        : i % 3 === 1
          ? [
              ['NOTIFY_MERCHANT', 'system', 0],
              ['PROPOSE_RESOLUTION', 'merchant', 1 + (i % 4)],
              ['AUTO_SETTLE', 'system', 8.5 + (i % 4)],
            ]
          : [
              ['NOTIFY_MERCHANT', 'system', 0],
              ['ESCALATE', 'system', 8],
            ];
    for (const [action, by, days] of steps) {
      const before = complaint;
      complaint = act(complaint, action, by, at(days)).complaint;
      changes.push(countedChangeOf(before, complaint)!);
    }
  }
  return changes;
};

/** Writes the merchant's counter items (its own scopes only: the load cloud's overall counters are left alone). */
export const writeCounters = async (client: DynamoDBDocumentClient, merchantId: string, changes: CountedChange[]) => {
  const items = [
    ...mergedDeltas(
      changes.map((change) => ({
        ...change,
        scopes: change.scopes.filter((scope) => scope.startsWith(`MERCHANT#${merchantId}`)),
      })),
    ).values(),
  ];
  for (const { scope, period, counts } of items) {
    const names = Object.keys(counts);
    await client.send(
      new UpdateCommand({
        TableName: localTableName,
        Key: keys.statistics(scope, period),
        UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:d${i}`, counts[name]])),
      }),
    );
  }
  return items.length;
};
