/**
 * Sends SMS through SNS direct publish to a phone number, as transactional messages. A refusal
 * that retrying cannot change (SNS answers a client error such as InvalidParameter for a number it
 * cannot text, or an opted-out number) is an UndeliverableError; anything else may pass if retried.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { UndeliverableError, type SmsSender } from '../domain/ports';

const retryable = (error: { name?: string; $fault?: string; $retryable?: unknown }) =>
  error.$fault !== 'client' ||
  error.$retryable !== undefined ||
  ['ThrottlingException', 'Throttling', 'ThrottledException'].includes(error.name ?? '');

export class SnsSmsSender implements SmsSender {
  constructor(private readonly client: SNSClient) {}

  async send(phone: string, text: string): Promise<void> {
    try {
      await this.publish(phone, text);
    } catch (error) {
      if (typeof error === 'object' && error !== null && !retryable(error)) {
        throw new UndeliverableError(`SNS refused the SMS: ${(error as Error).name}`);
      }
      throw error;
    }
  }

  private async publish(phone: string, text: string): Promise<void> {
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
