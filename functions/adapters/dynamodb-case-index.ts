/**
 * Regulators' case search on the table's sparse escalation indexes (functions/domain/case-search.ts
 * says which). A page is filled from one partition after another, newest first; each query reads
 * at most the room left on the page, so a page never holds more than asked. Status, category and
 * district are filters: when they leave a partition's first items out, a page can come back short
 * (even empty) with a cursor to go on from, and one page reads at most `queriesPerPage` times.
 */
import { createHash } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monthsOf, type CaseSearch } from '../domain/case-search';
import type { Complaint } from '../domain/complaint';
import { InvalidRequestError } from '../domain/errors';
import type { CaseIndex, Page, PageRequest } from '../domain/ports';
import { decodeCursor, encodeCursor } from './page-cursors';
import { stripKeys, tableDesign, type IndexName } from './table-design';

/** Enough for the default year (13 months) in one page when the months are sparse; each empty month costs one small read. */
const queriesPerPage = 24;

interface Partition {
  indexName: Extract<IndexName, 'escalatedByDate' | 'escalatedByMerchant'>;
  key: string;
}

/** The partitions a search reads, in the order it reads them. */
export const partitionsOf = (search: CaseSearch): Partition[] =>
  search.merchantId
    ? [{ indexName: 'escalatedByMerchant', key: `ESCALATED#${search.merchantId}` }]
    : monthsOf(search).map((month) => ({ indexName: 'escalatedByDate', key: `ESCALATED#${month}` }));

const filterOf = (search: CaseSearch) => {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const equal = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    conditions.push(`#${attribute} = :${attribute}`);
  };
  equal('status', search.status);
  equal('category', search.category);
  equal('deliveryDistrict', search.district);
  return { conditions, names, values };
};

/**
 * The search a cursor belongs to: a digest of its every parameter (range and filters, keys
 * sorted, absent ones left out, as a stored export job keeps them). A cursor reused with another search is refused: its key could lie outside the other
 * range, which DynamoDB answers with a ValidationException (a 500), or skip what the other filters
 * would find.
 */
const searchDigest = (search: CaseSearch) =>
  createHash('sha256')
    .update(
      JSON.stringify(
        Object.entries(search)
          .filter(([, value]) => value !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    )
    .digest('base64url')
    .slice(0, 16);

/** A cursor names its search, the partition (by its place in the search) and the last key read in it, if any. */
const cursorOf = (search: CaseSearch, position: number, lastKey: Record<string, unknown> | undefined) =>
  Buffer.from(
    JSON.stringify({ q: searchDigest(search), p: position, ...(lastKey && { k: encodeCursor(lastKey) }) }),
  ).toString('base64url');

export class DynamoDbCaseIndex implements CaseIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async search(
    search: CaseSearch,
    page: PageRequest,
  ): Promise<Page<Complaint> & { partitionsDone: number; partitionsTotal: number }> {
    const partitions = partitionsOf(search);
    let { position, startKey } = this.resume(page.cursor, search, partitions);
    const { conditions, names, values } = filterOf(search);
    const items: Complaint[] = [];
    for (
      let queries = 0;
      queries < queriesPerPage && position < partitions.length && items.length < page.limit;
      queries++
    ) {
      const partition = partitions[position]!;
      const index = tableDesign.indexes[partition.indexName];
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: partition.indexName,
          KeyConditionExpression: '#ipk = :ipk AND #isk BETWEEN :from AND :to',
          ...(conditions.length > 0 && { FilterExpression: conditions.join(' AND ') }),
          ExpressionAttributeNames: { '#ipk': index.partitionKey, '#isk': index.sortKey, ...names },
          // Sort keys are `<escalatedAt>#<trackingNumber>`: '~' sorts after every time of the last day.
          ExpressionAttributeValues: { ':ipk': partition.key, ':from': search.from, ':to': `${search.to}~`, ...values },
          ScanIndexForward: false,
          Limit: page.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(result.Items ?? []).map((item) => stripKeys<Complaint>(item)));
      if (result.LastEvaluatedKey) {
        startKey = result.LastEvaluatedKey;
      } else {
        position += 1;
        startKey = undefined;
      }
    }
    return {
      items,
      ...(position < partitions.length && { nextCursor: cursorOf(search, position, startKey) }),
      partitionsDone: position,
      partitionsTotal: partitions.length,
    };
  }

  /** Where a cursor says to go on; a cursor of another search, or made up, is refused (400). */
  private resume(
    cursor: string | undefined,
    search: CaseSearch,
    partitions: Partition[],
  ): { position: number; startKey?: Record<string, unknown> } {
    if (!cursor) return { position: 0 };
    const refused = () =>
      new InvalidRequestError('The page cursor is not one this search gave out.', { cursor: 'invalid' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw refused();
    }
    const { q, p, k } = (parsed ?? {}) as { q?: unknown; p?: unknown; k?: unknown };
    if (
      q !== searchDigest(search) ||
      typeof p !== 'number' ||
      !Number.isInteger(p) ||
      p < 0 ||
      p >= partitions.length ||
      (k !== undefined && typeof k !== 'string')
    )
      throw refused();
    if (k === undefined) return { position: p };
    const partition = partitions[p]!;
    const index = tableDesign.indexes[partition.indexName];
    const startKey = decodeCursor(
      k,
      [tableDesign.partitionKey, tableDesign.sortKey, index.partitionKey, index.sortKey],
      // The digest in a cursor is no secret: a key swapped into a cursor of this very search must
      // still lie within its range, or DynamoDB refuses the start key with a ValidationException.
      (key) =>
        key[index.partitionKey] === partition.key &&
        key[index.sortKey]! >= search.from &&
        key[index.sortKey]! <= `${search.to}~` &&
        key.pk!.startsWith('COMPLAINT#') &&
        key.sk === 'COMPLAINT',
    );
    return { position: p, startKey };
  }
}
