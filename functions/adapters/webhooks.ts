/** Webhook registration and delivery log (DynamoDB), dispatch (Step Functions) and posting (fetch). */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../domain/errors';
import type { MerchantWebhook, WebhookDispatcher, WebhookStore } from '../domain/ports';
import type { WebhookAttempt, WebhookDelivery } from '../domain/webhooks';
import { startExecutionOnce } from './sfn-executions';
import { keys } from './table-design';

export class DynamoDbWebhookStore implements WebhookStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async register(merchantId: string, webhook: MerchantWebhook): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.merchant(merchantId),
          UpdateExpression: 'SET webhook = :webhook',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':webhook': webhook },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new NotFoundError(`No merchant has the id "${merchantId}".`);
      throw error;
    }
  }

  async get(merchantId: string): Promise<MerchantWebhook | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.merchant(merchantId) }),
    );
    return Item?.webhook as MerchantWebhook | undefined;
  }

  async recordAttempt(
    delivery: Omit<WebhookDelivery, 'attempts' | 'status'> & { createdAt?: string },
    attempt: WebhookAttempt,
  ): Promise<void> {
    const { createdAt, ...fields } = delivery;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `WEBHOOK#${delivery.merchantId}`, sk: `DELIVERY#${createdAt ?? ''}#${delivery.deliveryId}` },
        UpdateExpression:
          'SET deliveryId = :id, merchantId = :merchant, #event = :event, trackingNumber = :tn, #url = :url, attempts = list_append(if_not_exists(attempts, :none), :attempt), #status = :status',
        ExpressionAttributeNames: { '#event': 'event', '#url': 'url', '#status': 'status' },
        ExpressionAttributeValues: {
          ':id': fields.deliveryId,
          ':merchant': fields.merchantId,
          ':event': fields.event,
          ':tn': fields.trackingNumber,
          ':url': fields.url,
          ':none': [],
          ':attempt': [attempt],
          ':status': attempt.outcome === 'DELIVERED' ? 'DELIVERED' : 'PENDING',
        },
      }),
    );
  }

  async deliveries(merchantId: string, limit: number): Promise<WebhookDelivery[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `WEBHOOK#${merchantId}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(({ pk: _pk, sk: _sk, ...delivery }) => delivery as WebhookDelivery);
  }
}

export class StepFunctionsWebhookDispatcher implements WebhookDispatcher {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  dispatch(delivery: {
    deliveryId: string;
    merchantId: string;
    event: string;
    trackingNumber: string;
    payload: object;
    createdAt?: string;
  }): Promise<void> {
    return startExecutionOnce(this.client, this.stateMachineArn, `wh-${delivery.deliveryId}`, delivery);
  }
}
