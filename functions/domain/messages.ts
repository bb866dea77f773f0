/**
 * What consumers and merchants are told when a complaint changes, in Bengali or English. One
 * place for every text, so a wording change is made once.
 */
import type { Complaint, Language } from './complaint';
import { lifecycleRules } from './lifecycle';
import type { TimelineEntry } from './timeline';

export interface ConsumerMessage {
  sms: string;
  subject: string;
  body: string;
}

const date = (iso: string | undefined, language: Language) =>
  iso ? new Date(iso).toLocaleDateString(language === 'bn' ? 'bn-BD' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Dhaka' }) : '';

/** A number in the reader's digits (Bengali digits in Bengali). */
const count = (n: number, language: Language) => n.toLocaleString(language === 'bn' ? 'bn-BD' : 'en-GB');

type Texts = Record<Language, (c: Complaint) => string>;

/** The consumer-facing sentence for each action that changes their complaint. */
const consumerTexts: Partial<Record<TimelineEntry['action'], Texts>> = {
  FILE: {
    bn: (c) => `আপনার অভিযোগ গ্রহণ করা হয়েছে। ট্র্যাকিং নম্বর ${c.trackingNumber}।`,
    en: (c) => `Your complaint has been received. Tracking number ${c.trackingNumber}.`,
  },
  NOTIFY_MERCHANT: {
    bn: (c) => `অভিযোগ ${c.trackingNumber} বিক্রেতার কাছে পাঠানো হয়েছে; ${date(c.merchantDeadline, 'bn')} এর মধ্যে সমাধান করতে হবে।`,
    en: (c) => `Complaint ${c.trackingNumber} was sent to the merchant, who must resolve it by ${date(c.merchantDeadline, 'en')}.`,
  },
  ACKNOWLEDGE: {
    bn: (c) => `বিক্রেতা অভিযোগ ${c.trackingNumber} গ্রহণ করেছে।`,
    en: (c) => `The merchant has acknowledged complaint ${c.trackingNumber}.`,
  },
  REPLY: {
    bn: (c) => `বিক্রেতা অভিযোগ ${c.trackingNumber} এর জবাব দিয়েছে। ট্র্যাকিং পাতায় দেখুন।`,
    en: (c) => `The merchant replied to complaint ${c.trackingNumber}. See it on the tracking page.`,
  },
  PROPOSE_RESOLUTION: {
    bn: (c) => `বিক্রেতা অভিযোগ ${c.trackingNumber} এর সমাধান প্রস্তাব করেছে। ${date(c.autoSettleAt, 'bn')} এর মধ্যে নিশ্চিত বা আপত্তি করুন, না হলে এটি নিষ্পত্তি ধরা হবে।`,
    en: (c) => `The merchant proposed a resolution for complaint ${c.trackingNumber}. Confirm or dispute it by ${date(c.autoSettleAt, 'en')}, or it will be taken as settled.`,
  },
  CONFIRM: {
    bn: (c) => `অভিযোগ ${c.trackingNumber} নিষ্পত্তি হয়েছে। ${date(c.reopenWindowEndsAt, 'bn')} পর্যন্ত পুনরায় খুলতে পারবেন।`,
    en: (c) => `Complaint ${c.trackingNumber} is settled. You can reopen it until ${date(c.reopenWindowEndsAt, 'en')}.`,
  },
  AUTO_SETTLE: {
    bn: (c) =>
      `${count(lifecycleRules.autoSettleAfterDays, 'bn')} দিনে উত্তর না পাওয়ায় অভিযোগ ${c.trackingNumber} নিষ্পত্তি ধরা হয়েছে। ${date(c.reopenWindowEndsAt, 'bn')} পর্যন্ত পুনরায় খুলতে পারবেন।`,
    en: (c) =>
      `With no answer in ${count(lifecycleRules.autoSettleAfterDays, 'en')} days, complaint ${c.trackingNumber} is taken as settled. You can reopen it until ${date(c.reopenWindowEndsAt, 'en')}.`,
  },
  DISPUTE: {
    bn: (c) => `আপনার আপত্তি গ্রহণ করা হয়েছে; অভিযোগ ${c.trackingNumber} নিয়ন্ত্রক সংস্থার কাছে পাঠানো হচ্ছে।`,
    en: (c) => `Your dispute was recorded; complaint ${c.trackingNumber} is going to the regulator.`,
  },
  REOPEN: {
    bn: (c) => `অভিযোগ ${c.trackingNumber} পুনরায় খোলা হয়েছে।`,
    en: (c) => `Complaint ${c.trackingNumber} has been reopened.`,
  },
  ESCALATE: {
    bn: (c) => `অভিযোগ ${c.trackingNumber} অমীমাংসিত থাকায় নিয়ন্ত্রক সংস্থার কাছে পাঠানো হয়েছে।`,
    en: (c) => `Complaint ${c.trackingNumber} was not resolved and has been escalated to the regulator.`,
  },
  CLOSE: {
    bn: (c) => `অভিযোগ ${c.trackingNumber} বন্ধ করা হয়েছে।`,
    en: (c) => `Complaint ${c.trackingNumber} is now closed.`,
  },
  DECIDE: {
    bn: (c) => `নিয়ন্ত্রক সংস্থা অভিযোগ ${c.trackingNumber} এর সিদ্ধান্ত দিয়েছে। ট্র্যাকিং পাতায় দেখুন।`,
    en: (c) => `The regulator has decided complaint ${c.trackingNumber}. See it on the tracking page.`,
  },
  WITHDRAW: {
    bn: (c) => `অভিযোগ ${c.trackingNumber} প্রত্যাহার করা হয়েছে।`,
    en: (c) => `Complaint ${c.trackingNumber} has been withdrawn.`,
  },
};

const subjects: Record<Language, (c: Complaint) => string> = {
  bn: (c) => `CCMS অভিযোগ ${c.trackingNumber}: হালনাগাদ`,
  en: (c) => `CCMS complaint ${c.trackingNumber}: update`,
};

/** The public tracking page of a complaint on the site (`<site>/track/<trackingNumber>`). */
export const trackingPageUrl = (siteUrl: string, trackingNumber: string) => `${siteUrl.replace(/\/+$/, '')}/track/${trackingNumber}`;

const trackIt: Record<Language, (url: string) => string> = {
  bn: (url) => `অবস্থা দেখুন: ${url}`,
  en: (url) => `Track it: ${url}`,
};

/**
 * The message for the consumer about `action`, or undefined if that action is not theirs to hear
 * about. The confirmation of a filing also carries the link to the tracking page when the site is
 * configured.
 */
export const consumerMessage = (action: TimelineEntry['action'], complaint: Complaint, siteUrl?: string): ConsumerMessage | undefined => {
  const texts = consumerTexts[action];
  if (!texts) return undefined;
  const sentence = texts[complaint.language](complaint);
  const text = action === 'FILE' && siteUrl ? `${sentence} ${trackIt[complaint.language](trackingPageUrl(siteUrl, complaint.trackingNumber))}` : sentence;
  return { sms: `CCMS: ${text}`, subject: subjects[complaint.language](complaint), body: text };
};

/** The merchant's grievance officer is written to in English, the language of the merchant API. */
export const merchantEmail = (event: string, complaint: Complaint) => {
  const lines: Record<string, string> = {
    'complaint.awaiting-merchant': `A new complaint (${complaint.trackingNumber}, ${complaint.category}) awaits your response by ${complaint.merchantDeadline}.`,
    'complaint.acknowledgement-reminder': `Reminder: complaint ${complaint.trackingNumber} has not been acknowledged after ${lifecycleRules.acknowledgementReminderHours} hours. Deadline: ${complaint.merchantDeadline}.`,
    'complaint.escalated': `Complaint ${complaint.trackingNumber} was escalated to the regulator (${complaint.escalationReason}).`,
  };
  const body = lines[event];
  return body ? { subject: `CCMS ${complaint.trackingNumber}: ${event.replace('complaint.', '').replaceAll('-', ' ')}`, body } : undefined;
};
