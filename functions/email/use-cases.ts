/**
 * What SES reports after an email was accepted: a bounce for good or a complaint suppresses the
 * address (nothing more is written to it) and, when the email was about a complaint, keeps the
 * failure with that complaint, where it is shown as undeliverable. A transient bounce (a full
 * mailbox) suppresses nothing; SES has already retried it.
 */
import * as z from 'zod';
import type { Clock } from '../domain/clock';
import { type emailConfirmationRequest, parseEmailConfirmation } from '../domain/email-confirmation';
import { NotFoundError, RefusedError } from '../domain/errors';
import type { BusinessMetrics, EmailConfirmations, EmailSuppressions, UndeliverableMessages } from '../domain/ports';

/** The SES event-publishing record (configuration set event destination), the fields we read. */
export const sesEvent = z.object({
  eventType: z.string(),
  mail: z.object({
    timestamp: z.string(),
    tags: z.record(z.string(), z.array(z.string())).optional(),
  }),
  bounce: z
    .object({
      bounceType: z.string(),
      timestamp: z.string(),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string(), status: z.string().optional() })),
    })
    .optional(),
  complaint: z
    .object({
      timestamp: z.string(),
      complainedRecipients: z.array(z.object({ emailAddress: z.string() })),
    })
    .optional(),
});
export type SesEvent = z.infer<typeof sesEvent>;

export interface EmailEventDependencies {
  suppressions: EmailSuppressions;
  undeliverable: UndeliverableMessages;
  metrics: BusinessMetrics;
}

/** What one event means: the addresses to suppress and why, or nothing. */
const outcomeOf = (event: SesEvent) => {
  if (event.eventType === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    const statuses = [
      ...new Set(event.bounce.bouncedRecipients.flatMap((recipient) => (recipient.status ? [recipient.status] : []))),
    ];
    return {
      reason: 'BOUNCE' as const,
      at: event.bounce.timestamp,
      addresses: event.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
      message: `The email bounced: the address does not accept mail${statuses.length ? ` (${statuses.join(', ')})` : ''}.`,
    };
  }
  if (event.eventType === 'Complaint' && event.complaint) {
    return {
      reason: 'COMPLAINT' as const,
      at: event.complaint.timestamp,
      addresses: event.complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
      message: 'The recipient marked the email as spam; no more email is sent to the address.',
    };
  }
  return undefined;
};

export const emailEventUseCase =
  (deps: EmailEventDependencies) =>
  async (event: SesEvent): Promise<'suppressed' | 'ignored'> => {
    const outcome = outcomeOf(event);
    if (!outcome) return 'ignored';
    for (const address of outcome.addresses) await deps.suppressions.suppress(address, outcome.reason, outcome.at);
    const tags = event.mail.tags ?? {};
    const trackingNumber = tags.trackingNumber?.[0];
    const seq = Number(tags.seq?.[0]);
    if (trackingNumber && Number.isInteger(seq)) {
      const recipient = tags.audience?.[0] === 'merchant' ? 'merchant' : 'consumer';
      await deps.undeliverable.record({
        trackingNumber,
        seq,
        channel: 'email',
        recipient,
        reason: outcome.message,
        at: outcome.at,
      });
      deps.metrics.count('MessagesUndeliverable');
    }
    return 'suppressed';
  };

/**
 * Confirms a consumer's address from the token in the link they were emailed. A token that is not
 * one answers 404 whatever the reason (unknown complaint, another or an older token); an expired one
 * 422 CONFIRMATION_EXPIRED; the same link followed again answers as the first time.
 */
export const confirmEmailUseCase =
  (deps: { confirmations: EmailConfirmations; clock: Clock }) =>
  async (request: z.infer<typeof emailConfirmationRequest>) => {
    const token = parseEmailConfirmation(request.token);
    const notOne = () =>
      new NotFoundError('This confirmation link is not valid. Use the latest link CCMS emailed you.');
    if (!token) throw notOne();
    const { outcome, confirmedAt } = await deps.confirmations.confirm(
      token.trackingNumber,
      token.tokenHash,
      deps.clock.now().toISOString(),
    );
    if (outcome === 'UNKNOWN') throw notOne();
    if (outcome === 'EXPIRED')
      throw new RefusedError(
        'CONFIRMATION_EXPIRED',
        'This confirmation link has expired. Updates keep coming by SMS; the address gets no email.',
      );
    return { trackingNumber: token.trackingNumber, confirmed: true, confirmedAt: confirmedAt! };
  };
