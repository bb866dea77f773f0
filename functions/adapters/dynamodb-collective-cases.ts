/**
 * Collective cases in the table (binding collective:record writes under COLLECTIVE# only): the
 * case, its members, the complaints' membership claims, its listings (all, and its merchant's) and
 * its last run's progress. A member joins in one transaction with the case's count, so a decision
 * (which changes the case) and a join are ordered: a member either joined before the decision, and
 * the run that follows the decision reaches it, or is refused.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CollectiveCase, CollectiveMember } from '../domain/collective-cases';
import type { Decision, Hearing } from '../domain/decisions';
import { ConcurrentChangeError } from '../domain/errors';
import type {
  CollectiveCases,
  CollectiveCaseSummary,
  CollectiveProgress,
  MemberAdded,
  Page,
  PageRequest,
} from '../domain/ports';
import { isConditionFailure, writeTransaction } from './dynamodb-transactions';
import { newestFirstPage, partitionPage } from './dynamodb-query-all';
import { keys, stripKeys } from './table-design';

const summaryOf = (collective: CollectiveCase): CollectiveCaseSummary => ({
  caseId: collective.caseId,
  merchantId: collective.merchantId,
  title: collective.title,
  status: collective.status,
  createdAt: collective.createdAt,
  ...(collective.decision && {
    decision: { outcome: collective.decision.outcome, decidedAt: collective.decision.decidedAt },
  }),
});

export class DynamoDbCollectiveCases implements CollectiveCases {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private listings(collective: CollectiveCase) {
    return [undefined, collective.merchantId].map((merchantId) =>
      keys.collectiveListing(collective.createdAt, collective.caseId, merchantId),
    );
  }

  async create(collective: CollectiveCase): Promise<void> {
    await writeTransaction(this.client, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.collectiveCase(collective.caseId), ...collective },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.listings(collective).map((key) => ({
        Put: { TableName: this.tableName, Item: { ...key, ...summaryOf(collective) } },
      })),
    ]);
  }

  async get(caseId: string): Promise<CollectiveCase | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.collectiveCase(caseId), ConsistentRead: true }),
    );
    return Item && stripKeys<CollectiveCase>(Item);
  }

  async membershipOf(trackingNumber: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.collectiveMembership(trackingNumber),
        ConsistentRead: true,
      }),
    );
    return Item?.caseId as string | undefined;
  }

  async addMember(caseId: string, member: CollectiveMember, cap: number): Promise<MemberAdded> {
    try {
      await writeTransaction(this.client, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.collectiveCase(caseId),
            UpdateExpression: 'SET members = members + :one',
            ConditionExpression: '#status = :open AND members < :cap',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':one': 1, ':open': 'OPEN', ':cap': cap },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.collectiveMembership(member.trackingNumber), caseId, joinedAt: member.addedAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.collectiveMember(caseId, member.trackingNumber), ...member },
          },
        },
        {
          // Still before the regulator and undecided as it joins: its own decision or a withdrawal cannot slip in between.
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.complaint(member.trackingNumber),
            ConditionExpression: '#status = :escalated AND attribute_not_exists(decision)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':escalated': 'ESCALATED' },
          },
        },
      ]);
      return 'ADDED';
    } catch (error) {
      if (isConditionFailure(error, 1)) {
        return (await this.membershipOf(member.trackingNumber)) === caseId ? 'ALREADY_MEMBER' : 'IN_ANOTHER_CASE';
      }
      if (isConditionFailure(error, 0)) return (await this.get(caseId))?.status === 'DECIDED' ? 'DECIDED' : 'FULL';
      if (isConditionFailure(error, 3)) return 'CASE_CHANGED';
      throw error;
    }
  }

  async addHearing(collective: CollectiveCase, hearing: Hearing): Promise<void> {
    await this.changeCase(collective, {
      UpdateExpression: 'SET hearings = list_append(hearings, :hearing)',
      ConditionExpression: '#status = :open AND size(hearings) = :count',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':hearing': [hearing], ':open': 'OPEN', ':count': collective.hearings.length },
    });
  }

  async decide(collective: CollectiveCase, decision: Decision): Promise<void> {
    const decided = { outcome: decision.outcome, decidedAt: decision.decidedAt };
    await this.changeCase(
      collective,
      {
        UpdateExpression: 'SET decision = :decision, #status = :decided',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':decision': decision, ':decided': 'DECIDED', ':open': 'OPEN' },
      },
      this.listings(collective).map((key) => ({
        Update: {
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET decision = :decided, #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':decided': decided, ':status': 'DECIDED' },
        },
      })),
    );
  }

  private async changeCase(
    collective: CollectiveCase,
    update: {
      UpdateExpression: string;
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    },
    alongside: Parameters<typeof writeTransaction>[1] = [],
  ): Promise<void> {
    try {
      await writeTransaction(this.client, [
        { Update: { TableName: this.tableName, Key: keys.collectiveCase(collective.caseId), ...update } },
        ...alongside,
      ]);
    } catch (error) {
      if (isConditionFailure(error, 0)) throw new ConcurrentChangeError(collective.caseId);
      throw error;
    }
  }

  /** In tracking-number order, with a cursor checked to be of this case. */
  async members(caseId: string, page: PageRequest): Promise<Page<CollectiveMember>> {
    const { items, nextCursor } = await partitionPage(
      this.client,
      this.tableName,
      // A run started by a join must list that member.
      { pk: keys.collectiveCase(caseId).pk, prefix: keys.collectiveMemberPrefix, consistent: true },
      page,
    );
    return { items: items.map((item) => stripKeys<CollectiveMember>(item)), nextCursor };
  }

  async list(page: PageRequest, merchantId?: string): Promise<Page<CollectiveCaseSummary>> {
    const { items, nextCursor } = await newestFirstPage(
      this.client,
      this.tableName,
      keys.collectiveList(merchantId),
      page,
    );
    return { items: items.map((item) => stripKeys<CollectiveCaseSummary>(item)), nextCursor };
  }

  /** Kept unless a run of a later state of the case (more members or hearings, or the decision) recorded its own. */
  async recordProgress(caseId: string, progress: CollectiveProgress, stateRank: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.collectiveProgress(caseId), ...progress, stateRank },
          ConditionExpression: 'attribute_not_exists(pk) OR stateRank <= :rank',
          ExpressionAttributeValues: { ':rank': stateRank },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async progress(caseId: string): Promise<CollectiveProgress | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.collectiveProgress(caseId) }),
    );
    if (!Item) return undefined;
    const { stateRank: _rank, ...progress } = stripKeys<CollectiveProgress & { stateRank?: number }>(Item);
    return progress;
  }
}
