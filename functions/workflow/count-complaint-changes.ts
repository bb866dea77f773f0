/**
 * DynamoDB stream consumer of its own for the public statistics: counts each stored complaint
 * change once (functions/adapters/dynamodb-statistics.ts). It shares no fate with the change
 * consumer: a counting failure is retried, and at worst set aside, by its own event source, while
 * the complaint's timers and messages go on. Its event source reads one batch a shard at a time,
 * so its transactions on the shared counter items do not contend with one another.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { observed } from '../commons/telemetry';
import { countedChangeOf } from '../domain/statistics';
import { changedComplaint, imagesOf } from './stream-records';
import { statistics as statisticsOf } from './wiring';

const statistics = statisticsOf();

const countChanges = async (event: DynamoDBStreamEvent): Promise<void> => {
  // The batch's changes together, in one transaction per few changes; each change counted once, however often delivered.
  await statistics.record(
    event.Records.flatMap((record) => {
      if (changedComplaint(record) === undefined) return [];
      const { before, after } = imagesOf(record);
      const counted = countedChangeOf(before, after);
      return counted ? [counted] : [];
    }),
  );
};

export const handler = observed(countChanges);
