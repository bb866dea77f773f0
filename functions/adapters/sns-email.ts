/**
 * Emails are published to the notifications topic with `channel=email`; the email gateway
 * (an HTTPS or SQS subscriber with that filter policy) delivers them. The stack has no mail
 * service of its own, and this keeps the platform's part at-least-once and observable.
 */
import type { EmailSender, Publisher } from '../domain/ports';

export class TopicEmailSender implements EmailSender {
  constructor(private readonly notifications: Publisher) {}

  async send(email: { to: string; subject: string; body: string; audience: 'consumer' | 'merchant' }): Promise<void> {
    await this.notifications.publish({ type: 'email', ...email }, { channel: 'email', audience: email.audience });
  }
}
