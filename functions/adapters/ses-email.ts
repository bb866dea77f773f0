/**
 * Email through Amazon SES (API v2): UTF-8 subject and body, sent with the stage's configuration
 * set so bounces and complaints come back as events (functions/email/), and tagged with the
 * complaint and timeline entry so each one is tied back to it. An address that bounced for good or
 * complained is not written to again. A refusal that retrying cannot change is an UndeliverableError.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { UndeliverableError, type Email, type EmailSender, type EmailSuppressions } from '../domain/ports';

/** SES refusals about this message or address; anything else (throttling, outages) may pass on a retry. */
const refusals = new Set(['MessageRejected', 'BadRequestException', 'MailFromDomainNotVerifiedException']);

export class SesEmailSender implements EmailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly configurationSet: string,
    private readonly suppressions: EmailSuppressions,
  ) {}

  async send(email: Email): Promise<void> {
    if (await this.suppressions.isSuppressed(email.to)) {
      throw new UndeliverableError('The address bounced or complained before; no more email is sent to it.');
    }
    try {
      await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: email.body, Charset: 'UTF-8' } },
            },
          },
          ConfigurationSetName: this.configurationSet,
          EmailTags: [
            { Name: 'audience', Value: email.audience },
            ...(email.about
              ? [
                  { Name: 'trackingNumber', Value: email.about.trackingNumber },
                  { Name: 'seq', Value: String(email.about.seq) },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof Error && refusals.has(error.name))
        throw new UndeliverableError(`SES refused the email: ${error.name}`);
      throw error;
    }
  }
}

/** A deployment without a sending domain: every email is kept as undeliverable, with the reason, never silently dropped. */
export class UnconfiguredEmailSender implements EmailSender {
  async send(): Promise<void> {
    throw new UndeliverableError('Email is not configured in this deployment (CDK context emailDomain).');
  }
}
