/** The complaint in a DynamoDB stream record: its keys and images, as the table stores a complaint. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { keys } from '../adapters/table-design';
import type { Complaint } from '../domain/complaint';

type StoredComplaint = Complaint & { pk: string; sk: string };

const complaintOf = (image: Record<string, unknown> | undefined) =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as StoredComplaint) : undefined;

/** The tracking number of the complaint a record is a change of; undefined for every other item. */
export const changedComplaint = (record: DynamoDBRecord): string | undefined => {
  const key = complaintOf(record.dynamodb?.Keys as Record<string, unknown> | undefined);
  return key?.sk === keys.complaint('').sk ? key.pk.slice('COMPLAINT#'.length) : undefined;
};

/** The complaint before and after the change (undefined where it did not exist). */
export const imagesOf = (record: DynamoDBRecord) => ({
  before: complaintOf(record.dynamodb?.OldImage as Record<string, unknown> | undefined),
  after: complaintOf(record.dynamodb?.NewImage as Record<string, unknown> | undefined),
});
