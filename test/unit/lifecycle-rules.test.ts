/** The lifecycle rules that live in the domain: what each timer does, rating once, and the durations in messages. */
import { describe, expect, it } from 'vitest';
import { act, fileComplaint, rate, type Complaint } from '../../functions/domain/complaint';
import { TransitionRefusedError } from '../../functions/domain/errors';
import { complaintStatuses, isAllowed, lifecycleRules, type LifecycleState } from '../../functions/domain/lifecycle';
import { consumerMessage, merchantEmail } from '../../functions/domain/messages';
import { dueAction, timerFor, timerPurposes } from '../../functions/domain/timers';
import { filingRequest } from './fixtures';

const at = new Date('2026-05-01T08:00:00.000Z');

describe('what a due timer does', () => {
  const state = (status: LifecycleState['status']): LifecycleState => ({
    status,
    merchantResponseDays: 7,
    acknowledgementReminderAt: '2026-05-04T08:00:00Z',
    merchantDeadline: '2026-05-08T08:00:00Z',
    autoSettleAt: '2026-05-09T00:00:00Z',
    reopenWindowEndsAt: '2026-05-20T00:00:00Z',
    reopenCount: 0,
  });

  it('is an action the system may take from every status that waits for that timer', () => {
    const refused = complaintStatuses.flatMap((status) => {
      const timer = timerFor(state(status), at);
      return timer && !isAllowed(status, dueAction[timer.purpose].action, 'system')
        ? [`${status}: ${timer.purpose}`]
        : [];
    });
    expect(refused).toEqual([]);
    expect(Object.keys(dueAction).sort()).toEqual([...timerPurposes].sort());
  });

  it('says in its note the durations the rules configure', () => {
    expect(dueAction.ACKNOWLEDGEMENT_REMINDER.note).toContain(`${lifecycleRules.acknowledgementReminderHours} hours`);
    expect(dueAction.AUTO_SETTLEMENT.note).toContain(`${lifecycleRules.autoSettleAfterDays} days`);
    expect(dueAction.REOPEN_WINDOW.note).toContain(`${lifecycleRules.reopenWindowDays}-day`);
  });
});

describe('rating the handling of a complaint', () => {
  const settled = (): Complaint => {
    let complaint = fileComplaint({
      request: filingRequest(),
      consumerId: 'c1',
      complainantNameSealed: 'sealed-name',
      trackingNumber: 'ABCDE-FGHJ0',
      at,
    }).complaint;
    for (const [action, by] of [
      ['NOTIFY_MERCHANT', 'system'],
      ['PROPOSE_RESOLUTION', 'merchant'],
      ['CONFIRM', 'consumer'],
    ] as const) {
      complaint = act(complaint, action, by, at).complaint;
    }
    return complaint;
  };

  it('records the score and comment once, and refuses a second rating', () => {
    const rated = rate(settled(), at, 4, 'Quick refund.').complaint;
    expect(rated.rating).toEqual({ score: 4, comment: 'Quick refund.', ratedAt: at.toISOString() });
    expect(() => rate(rated, at, 1)).toThrow(TransitionRefusedError);
  });
});

describe('durations in messages', () => {
  const proposedThenSilent = (language: 'bn' | 'en') =>
    ({
      trackingNumber: 'ABCDE-FGHJ0',
      language,
      reopenWindowEndsAt: '2026-05-24T00:00:00Z',
      merchantDeadline: '2026-05-08T08:00:00Z',
    }) as Complaint;

  it('follow the configured auto-settlement period, in Bengali digits in Bengali', () => {
    const bengaliDigits = lifecycleRules.autoSettleAfterDays.toLocaleString('bn-BD');
    expect(consumerMessage('AUTO_SETTLE', proposedThenSilent('bn'))!.body).toContain(`${bengaliDigits} দিনে`);
    expect(consumerMessage('AUTO_SETTLE', proposedThenSilent('en'))!.body).toContain(
      `${lifecycleRules.autoSettleAfterDays} days`,
    );
  });

  it('follow the configured acknowledgement reminder in the merchant reminder', () => {
    expect(merchantEmail('complaint.acknowledgement-reminder', proposedThenSilent('en'))!.body).toContain(
      `${lifecycleRules.acknowledgementReminderHours} hours`,
    );
  });
});

describe('the links in consumer messages', () => {
  const filed = (language: 'bn' | 'en') => ({ trackingNumber: 'ABCDE-FGHJ0', language }) as Complaint;

  it('emails the tracking page on the configured site, and texts its short link', () => {
    const en = consumerMessage('FILE', filed('en'), 'https://ccms.example.gov.bd/')!;
    expect(en.body).toBe(
      'Your complaint has been received. Tracking number ABCDE-FGHJ0. Track it: https://ccms.example.gov.bd/track/ABCDE-FGHJ0',
    );
    expect(consumerMessage('FILE', filed('bn'), 'https://ccms.example.gov.bd')!.body).toContain(
      'অবস্থা দেখুন: https://ccms.example.gov.bd/track/ABCDE-FGHJ0',
    );
    // Every later email links the page too, and every SMS its short link.
    const withdrawn = consumerMessage('WITHDRAW', filed('en'), 'https://ccms.gov.bd')!;
    expect(withdrawn.body).toContain('https://ccms.gov.bd/track/ABCDE-FGHJ0');
    expect(withdrawn.sms).toBe('Your complaint has been withdrawn. ccms.gov.bd/t/ABCDE-FGHJ0');
  });

  it('carries no link where no site is configured: the SMS names CCMS and the tracking number', () => {
    expect(consumerMessage('FILE', filed('en'))!.body).not.toContain('http');
    expect(consumerMessage('WITHDRAW', filed('en'))?.sms).toBe('CCMS ABCDE-FGHJ0: Your complaint has been withdrawn.');
  });
});
