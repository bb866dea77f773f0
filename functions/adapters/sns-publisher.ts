/** Publishes JSON messages with string message attributes to one SNS topic (subscribers filter on the attributes). */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { MessageAttributes, Publisher } from '../domain/ports';

export class SnsPublisher implements Publisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(message: object, attributes: MessageAttributes): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Message: JSON.stringify(message),
        MessageAttributes: Object.fromEntries(
          Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
        ),
      }),
    );
  }
}
