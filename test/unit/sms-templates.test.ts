/**
 * Every SMS the platform sends fits one part: each template rendered with the longest values it
 * can meet (every day of a year as a date, every hour of a hearing, each outcome, the longest site
 * a link may name), in Bengali (70 UCS-2 characters) and English (160 GSM-7).
 */
import { describe, expect, it } from 'vitest';
import type { Complaint, Language } from '../../functions/domain/complaint';
import { actionRules, type LifecycleState } from '../../functions/domain/lifecycle';
import {
  consumerMessage,
  smsFoldedIntoNext,
  smsLinkFits,
  smsLinkOf,
  smsSiteMaxLength,
} from '../../functions/domain/messages';
import { smsEncodingOf, smsPartsOf } from '../../functions/domain/sms';
import type { TimelineAction } from '../../functions/domain/timeline';
import { timerFor } from '../../functions/domain/timers';
import { otpText } from '../../functions/identity/use-cases';

const actions: TimelineAction[] = ['FILE', ...(Object.keys(actionRules) as TimelineAction[])];
const languages: Language[] = ['bn', 'en'];
const longestSite = `https://${'c'.repeat(smsSiteMaxLength - 7)}.gov.bd/`;

/** The 28th of every month at 11:59 and 23:59 in Dhaka: two-digit days and hours, every month's name. */
const instants = Array.from({ length: 24 }, (_, i) =>
  new Date(Date.UTC(2027, Math.floor(i / 2), 28, i % 2 === 0 ? 5 : 17, 59)).toISOString(),
);

/** Complaints with every value a template reads, at each instant, each outcome, reopened or not, escalated either way. */
const complaints = function* (language: Language): Generator<Complaint> {
  for (const [i, at] of instants.entries())
    for (const outcome of ['UPHELD', 'DISMISSED', 'REFERRED'] as const)
      yield {
        trackingNumber: 'WXYZW-XYZW0',
        language,
        merchantDeadline: at,
        autoSettleAt: at,
        reopenWindowEndsAt: at,
        informationRequest: { requestedAt: at, answerBy: at },
        reopenCount: i % 2,
        escalationReason: i % 3 === 0 ? 'RESOLUTION_DISPUTED' : 'MERCHANT_DEADLINE_MISSED',
        decision: { outcome },
        hearings: [{ at, place: 'Room 12, Directorate of National Consumer Rights Protection, Karwan Bazar, Dhaka' }],
      } as unknown as Complaint;
};

describe('every SMS fits one part', () => {
  for (const language of languages)
    it(`renders each consumer SMS in ${language} with the longest values and the longest site in one part`, () => {
      let rendered = 0;
      let longest = '';
      for (const action of actions)
        for (const complaint of complaints(language))
          for (const site of [longestSite, undefined]) {
            const sms = consumerMessage(action, complaint, site)?.sms;
            if (sms === undefined) continue;
            rendered++;
            if (sms.length > longest.length) longest = sms;
            expect(smsPartsOf(sms), sms).toBe(1);
            expect(sms).not.toMatch(/undefined|NaN|Invalid Date/);
            expect(smsEncodingOf(sms)).toBe(language === 'bn' ? 'UCS2' : 'GSM7');
            if (site) expect(sms.endsWith(` ${smsLinkOf(site, 'WXYZW-XYZW0')}`), sms).toBe(true);
            else expect(sms.startsWith('CCMS WXYZW-XYZW0: '), sms).toBe(true);
          }
      expect(rendered).toBeGreaterThan(1_000);
      // The site's limit is as long as it can be: the longest Bengali SMS fills its part to the character.
      if (language === 'bn') expect(longest.length, longest).toBe(70);
      else expect(longest.length, longest).toBeGreaterThan(100);
    });

  it('sends the sign-in code in one part, in both languages', () => {
    for (const language of languages) {
      const text = otpText('987654', language);
      expect(smsPartsOf(text), text).toBe(1);
      expect(smsEncodingOf(text)).toBe(language === 'bn' ? 'UCS2' : 'GSM7');
    }
  });

  it('links through the short path with the tracking number, and knows a site too long for it', () => {
    expect(smsLinkOf('https://ccms.gov.bd/', 'ABCDE-FGHJ0')).toBe('ccms.gov.bd/t/ABCDE-FGHJ0');
    expect(smsLinkFits(longestSite)).toBe(true);
    expect(smsLinkFits(`${longestSite}x`)).toBe(false);
    // A Bengali domain name would make an English SMS UCS-2: its SMS carry the tracking number.
    expect(smsLinkFits('https://সিসিএমএস.বাংলা')).toBe(false);
    const tooLong = consumerMessage(
      'WITHDRAW',
      { trackingNumber: 'ABCDE-FGHJ0', language: 'bn' } as Complaint,
      `${longestSite}x`,
    );
    expect(tooLong?.sms).toBe('CCMS ABCDE-FGHJ0: আপনার অভিযোগ প্রত্যাহার করা হয়েছে');
  });
});

describe('one SMS for one moment', () => {
  const at = new Date('2027-03-01T10:00:00Z');
  const state = (status: LifecycleState['status']) =>
    ({
      status,
      merchantResponseDays: 7,
      merchantDeadline: '2027-03-08T10:00:00Z',
      autoSettleAt: '2027-03-08T10:00:00Z',
      reopenWindowEndsAt: '2027-03-16T10:00:00Z',
    }) as LifecycleState;
  const statusAfter = (action: TimelineAction) => (action === 'FILE' ? 'SUBMITTED' : actionRules[action].to);
  const dueAtOnce = (action: TimelineAction) => {
    const to = statusAfter(action);
    const timer = to === 'SAME' ? undefined : timerFor(state(to), at);
    return timer !== undefined && Date.parse(timer.dueAt) - at.getTime() < 1000;
  };
  const filed = { trackingNumber: 'ABCDE-FGHJ0', language: 'en' } as Complaint;

  it('texts every change the consumer hears of, unless the next change speaks for it', () => {
    for (const action of actions) {
      const message = consumerMessage(action, filed);
      if (message === undefined || smsFoldedIntoNext.includes(action)) continue;
      expect(message.sms, action).toBeTruthy();
    }
  });

  it('leaves the SMS of exactly the changes whose next change is due at once to that next change', () => {
    const folded = actions.filter((action) => consumerMessage(action, filed) !== undefined && dueAtOnce(action));
    expect(folded.sort()).toEqual([...smsFoldedIntoNext].sort());
    for (const action of smsFoldedIntoNext) {
      expect(consumerMessage(action, filed)?.sms).toBeUndefined();
      expect(consumerMessage(action, filed)?.body).toBeTruthy();
    }
  });

  it('tells of the folded change in the SMS that follows it', () => {
    const handed = { ...filed, merchantDeadline: '2027-03-08T10:00:00Z', reopenCount: 0 } as Complaint;
    expect(consumerMessage('NOTIFY_MERCHANT', handed)?.sms).toBe(
      'CCMS ABCDE-FGHJ0: Your complaint was received and sent to the merchant, who must resolve it by 8 Mar.',
    );
    expect(consumerMessage('NOTIFY_MERCHANT', { ...handed, reopenCount: 1 })?.sms).toContain('reopened and sent back');
    expect(consumerMessage('ESCALATE', { ...handed, escalationReason: 'RESOLUTION_DISPUTED' })?.sms).toContain(
      'Your dispute was recorded',
    );
  });
});
