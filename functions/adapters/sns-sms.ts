/** Sends SMS through SNS direct publish to a phone number, as transactional messages. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '../domain/ports';

export class SnsSmsSender implements SmsSender {
  constructor(private readonly client: SNSClient) {}

  async send(phone: string, text: string): Promise<void> {
    await this.client.send(
      new PublishCommand({
        PhoneNumber: phone,
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'CCMS' },
        },
      }),
    );
  }
}
