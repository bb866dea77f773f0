/**
 * What consumers and merchants are told when a complaint changes, in Bengali or English. One
 * place for every text, so a wording change is made once.
 */
import * as z from 'zod';
import type { Complaint, Language } from './complaint';
import { lifecycleRules } from './lifecycle';
import type { TimelineEntry } from './timeline';

export interface ConsumerMessage {
  /**
   * One SMS part: what happened and the short link to the page with the rest. Absent when the
   * change that follows at once (the hand-over after a filing) speaks for this one too.
   */
  sms?: string;
  subject: string;
  body: string;
}

/** An instant as read in Dhaka, in the reader's language and digits. */
const inDhaka = (iso: string | undefined, language: Language, options: Intl.DateTimeFormatOptions) =>
  iso
    ? new Date(iso).toLocaleString(language === 'bn' ? 'bn-BD' : 'en-GB', { ...options, timeZone: 'Asia/Dhaka' })
    : '';

const date = (iso: string | undefined, language: Language) =>
  inDhaka(iso, language, { day: 'numeric', month: 'long', year: 'numeric' });

const dateTime = (iso: string | undefined, language: Language) =>
  inDhaka(iso, language, { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' });

/** A date as short as an SMS needs it: day/month in Bengali ("২৫/১২"), day and short month in English ("25 Dec"). */
const shortDate = (iso: string | undefined, language: Language) =>
  inDhaka(iso, language, { day: 'numeric', month: language === 'bn' ? 'numeric' : 'short' });

const shortDateTime = (iso: string | undefined, language: Language) =>
  inDhaka(iso, language, {
    day: 'numeric',
    month: language === 'bn' ? 'numeric' : 'short',
    hour: 'numeric',
    minute: '2-digit',
  });

/** Where the newest hearing is held: its link or its place. */
const hearingWhere = (c: Complaint, language: Language) => {
  const hearing = c.hearings?.at(-1);
  if (!hearing) return '';
  if (hearing.link) return language === 'bn' ? `অনলাইনে: ${hearing.link}` : `online: ${hearing.link}`;
  return language === 'bn' ? `স্থান: ${hearing.place}` : `at ${hearing.place}`;
};

const outcomeText: Record<Language, Record<string, string>> = {
  bn: {
    UPHELD: 'অভিযোগটি গ্রহণযোগ্য (আপনার পক্ষে)',
    DISMISSED: 'অভিযোগটি খারিজ',
    REFERRED: 'অভিযোগটি অন্য সংস্থায় পাঠানো হয়েছে',
  },
  en: { UPHELD: 'upheld (in your favour)', DISMISSED: 'dismissed', REFERRED: 'referred to another agency' },
};

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
    bn: (c) =>
      `অভিযোগ ${c.trackingNumber} বিক্রেতার কাছে পাঠানো হয়েছে; ${date(c.merchantDeadline, 'bn')} এর মধ্যে সমাধান করতে হবে।`,
    en: (c) =>
      `Complaint ${c.trackingNumber} was sent to the merchant, who must resolve it by ${date(c.merchantDeadline, 'en')}.`,
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
    bn: (c) =>
      `বিক্রেতা অভিযোগ ${c.trackingNumber} এর সমাধান প্রস্তাব করেছে। ${date(c.autoSettleAt, 'bn')} এর মধ্যে নিশ্চিত বা আপত্তি করুন, না হলে এটি নিষ্পত্তি ধরা হবে।`,
    en: (c) =>
      `The merchant proposed a resolution for complaint ${c.trackingNumber}. Confirm or dispute it by ${date(c.autoSettleAt, 'en')}, or it will be taken as settled.`,
  },
  CONFIRM: {
    bn: (c) => `অভিযোগ ${c.trackingNumber} নিষ্পত্তি হয়েছে। ${date(c.reopenWindowEndsAt, 'bn')} পর্যন্ত পুনরায় খুলতে পারবেন।`,
    en: (c) => `Complaint ${c.trackingNumber} is settled. You can reopen it until ${date(c.reopenWindowEndsAt, 'en')}.`,
  },
  AUTO_SETTLE: {
    bn: (c) =>
      `${count(lifecycleRules.autoSettleAfterDays, 'bn')} দিনে উত্তর না পাওয়ায় অভিযোগ ${c.trackingNumber} নিষ্পত্তি ধরা হয়েছে। সত্যিই সমাধান হয়েছে কি না, অভিযোগের পাতায় জানান; না হলে ${date(c.reopenWindowEndsAt, 'bn')} পর্যন্ত পুনরায় খুলতে পারবেন।`,
    en: (c) =>
      `With no answer in ${count(lifecycleRules.autoSettleAfterDays, 'en')} days, complaint ${c.trackingNumber} is taken as settled. Tell us on the complaint's page whether it was really resolved; if not, you can reopen it until ${date(c.reopenWindowEndsAt, 'en')}.`,
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
    bn: (c) =>
      `নিয়ন্ত্রক সংস্থা অভিযোগ ${c.trackingNumber} এর সিদ্ধান্ত দিয়েছে: ${outcomeText.bn[c.decision?.outcome ?? ''] ?? ''}। বিস্তারিত আপনার অভিযোগের তালিকায়।`,
    en: (c) =>
      `The regulator has decided complaint ${c.trackingNumber}: ${outcomeText.en[c.decision?.outcome ?? ''] ?? ''}. See the details in your complaints.`,
  },
  SCHEDULE_HEARING: {
    bn: (c) =>
      `অভিযোগ ${c.trackingNumber} এর শুনানি ${dateTime(c.hearings?.at(-1)?.at, 'bn')}, ${hearingWhere(c, 'bn')}।`,
    en: (c) =>
      `The hearing of complaint ${c.trackingNumber} is on ${dateTime(c.hearings?.at(-1)?.at, 'en')}, ${hearingWhere(c, 'en')}.`,
  },
  CONFIRM_COMPLIANCE: {
    bn: (c) => `বিক্রেতা জানিয়েছে যে অভিযোগ ${c.trackingNumber} এর সিদ্ধান্ত পালন করা হয়েছে।`,
    en: (c) => `The merchant says it has complied with the decision on complaint ${c.trackingNumber}.`,
  },
  FLAG_NONCOMPLIANCE: {
    bn: (c) =>
      `বিক্রেতা নির্ধারিত তারিখের মধ্যে অভিযোগ ${c.trackingNumber} এর সিদ্ধান্ত পালন নিশ্চিত করেনি; নিয়ন্ত্রক সংস্থাকে জানানো হয়েছে।`,
    en: (c) =>
      `The merchant did not confirm complying with the decision on complaint ${c.trackingNumber} by its date; the regulator has been told.`,
  },
  WITHDRAW: {
    bn: (c) => `অভিযোগ ${c.trackingNumber} প্রত্যাহার করা হয়েছে।`,
    en: (c) => `Complaint ${c.trackingNumber} has been withdrawn.`,
  },
  WRITE_TO_CONSUMER: {
    bn: (c) => `বিক্রেতা অভিযোগ ${c.trackingNumber} নিয়ে আপনাকে বার্তা পাঠিয়েছে। অভিযোগের পাতায় পড়ুন ও উত্তর দিন।`,
    en: (c) =>
      `The merchant wrote to you about complaint ${c.trackingNumber}. Read it and answer on the complaint's page.`,
  },
  REQUEST_INFORMATION: {
    bn: (c) =>
      `বিক্রেতা অভিযোগ ${c.trackingNumber} নিয়ে আপনার কাছে তথ্য চেয়েছে। ${date(c.informationRequest?.answerBy, 'bn')} এর মধ্যে অভিযোগের পাতায় উত্তর দিন; ততদিন বিক্রেতার সময়সীমা থেমে থাকবে।`,
    en: (c) =>
      `The merchant asks you for information about complaint ${c.trackingNumber}. Answer on the complaint's page by ${date(c.informationRequest?.answerBy, 'en')}; the merchant's deadline waits until you answer or that date passes.`,
  },
};

const subjects: Record<Language, (c: Complaint) => string> = {
  bn: (c) => `CCMS অভিযোগ ${c.trackingNumber}: হালনাগাদ`,
  en: (c) => `CCMS complaint ${c.trackingNumber}: update`,
};

/**
 * Changes the consumer hears of in the SMS of the change that follows them at once: a filing and
 * a reopening are handed to the merchant, a dispute is escalated, within seconds (their timers are
 * due at once: domain/timers.ts). One SMS for the moment, not two.
 */
export const smsFoldedIntoNext: readonly TimelineEntry['action'][] = ['FILE', 'REOPEN', 'DISPUTE'];

/** A decision's outcome in the fewest words an SMS can carry. */
const shortOutcome: Record<Language, Record<string, string>> = {
  bn: { UPHELD: 'আপনার পক্ষে', DISMISSED: 'খারিজ', REFERRED: 'অন্য সংস্থায়' },
  en: { UPHELD: 'upheld, in your favour', DISMISSED: 'dismissed', REFERRED: 'referred to another agency' },
};

/**
 * The SMS sentence for each change: short enough that, with the link, it fits one part (70
 * UCS-2 characters in Bengali, 160 GSM-7 in English; test/unit/sms-templates.test.ts renders
 * each with the longest values). The tracking number travels in the link.
 */
const smsTexts: Partial<Record<TimelineEntry['action'], Texts>> = {
  NOTIFY_MERCHANT: {
    bn: (c) =>
      `${c.reopenCount ? 'আবার খোলা হলো' : 'অভিযোগ গৃহীত'}; সমাধানের শেষ দিন ${shortDate(c.merchantDeadline, 'bn')}`,
    en: (c) =>
      `Your complaint was ${c.reopenCount ? 'reopened and sent back' : 'received and sent'} to the merchant, who must resolve it by ${shortDate(c.merchantDeadline, 'en')}.`,
  },
  ACKNOWLEDGE: {
    bn: () => 'বিক্রেতা আপনার অভিযোগ গ্রহণ করেছে',
    en: () => 'The merchant has acknowledged your complaint.',
  },
  REPLY: {
    bn: () => 'বিক্রেতা আপনার অভিযোগের জবাব দিয়েছে',
    en: () => 'The merchant replied to your complaint.',
  },
  PROPOSE_RESOLUTION: {
    bn: (c) => `প্রস্তাব এসেছে; ${shortDate(c.autoSettleAt, 'bn')}-এর পর নিষ্পত্তি`,
    en: (c) =>
      `The merchant proposed a resolution. Confirm or dispute it by ${shortDate(c.autoSettleAt, 'en')}, or it is taken as settled.`,
  },
  CONFIRM: {
    bn: (c) => `নিষ্পত্তি হলো; ${shortDate(c.reopenWindowEndsAt, 'bn')} অবধি ফের খোলা যায়`,
    en: (c) => `Your complaint is settled. You can reopen it until ${shortDate(c.reopenWindowEndsAt, 'en')}.`,
  },
  AUTO_SETTLE: {
    bn: () => 'মীমাংসা গণ্য। সত্যিই সমাধান হলো? জানান',
    en: (c) =>
      `With no answer in ${lifecycleRules.autoSettleAfterDays} days, your complaint is taken as settled. Was it really resolved? Tell us by ${shortDate(c.reopenWindowEndsAt, 'en')}:`,
  },
  ESCALATE: {
    bn: (c) =>
      c.escalationReason === 'RESOLUTION_DISPUTED'
        ? 'আপত্তি গৃহীত; নিয়ন্ত্রকের কাছে গেল'
        : 'অমীমাংসিত অভিযোগ নিয়ন্ত্রকের কাছে গেল',
    en: (c) =>
      c.escalationReason === 'RESOLUTION_DISPUTED'
        ? 'Your dispute was recorded and your complaint has gone to the regulator.'
        : 'The merchant did not resolve your complaint in time: it has gone to the regulator.',
  },
  CLOSE: {
    bn: () => 'আপনার অভিযোগ বন্ধ করা হয়েছে',
    en: () => 'Your complaint is now closed.',
  },
  DECIDE: {
    bn: (c) => `নিয়ন্ত্রকের সিদ্ধান্ত: ${shortOutcome.bn[c.decision?.outcome ?? ''] ?? ''}`,
    en: (c) => `The regulator decided your complaint: ${shortOutcome.en[c.decision?.outcome ?? ''] ?? ''}.`,
  },
  SCHEDULE_HEARING: {
    bn: (c) => `শুনানি ${shortDateTime(c.hearings?.at(-1)?.at, 'bn')}`,
    en: (c) =>
      `The hearing of your complaint is on ${shortDateTime(c.hearings?.at(-1)?.at, 'en')}. Where: in the email, or on your complaint's page once signed in.`,
  },
  CONFIRM_COMPLIANCE: {
    bn: () => 'বিক্রেতা বলছে সিদ্ধান্ত পালন করেছে',
    en: () => 'The merchant says it has complied with the decision on your complaint.',
  },
  FLAG_NONCOMPLIANCE: {
    bn: () => 'বিক্রেতা সিদ্ধান্ত পালন নিশ্চিত করেনি',
    en: () => 'The merchant has not confirmed complying with the decision; the regulator has been told.',
  },
  WITHDRAW: {
    bn: () => 'আপনার অভিযোগ প্রত্যাহার করা হয়েছে',
    en: () => 'Your complaint has been withdrawn.',
  },
  WRITE_TO_CONSUMER: {
    bn: () => 'বিক্রেতা আপনাকে বার্তা পাঠিয়েছে',
    en: () => 'The merchant wrote to you about your complaint. Read it and answer on its page:',
  },
  REQUEST_INFORMATION: {
    bn: (c) => `বিক্রেতা তথ্য চায়, ${shortDate(c.informationRequest?.answerBy, 'bn')}-এর মধ্যে দিন`,
    en: (c) =>
      `The merchant asks you for information. Answer by ${shortDate(c.informationRequest?.answerBy, 'en')}; its deadline waits until then:`,
  },
};

/**
 * The consumer's news that can wait: it changes no date they must act by and asks nothing of them
 * (the merchant acknowledged, replied or wrote, the complaint closed, their own withdrawal). A consumer may
 * stop these (MessagePreferences); the rest always go: deadlines, proposals, settlements with their
 * reopen window, escalation, hearings and decisions. Sign-in codes are not complaint news.
 */
export const canWait: readonly TimelineEntry['action'][] = [
  'ACKNOWLEDGE',
  'REPLY',
  'WRITE_TO_CONSUMER',
  'CLOSE',
  'WITHDRAW',
];

/** PUT /v1/consumer/message-preferences: whether to stop news that can wait. */
export const messagePreferenceRequest = z.strictObject({
  stopNonEssential: z.boolean({ error: 'true to stop news that can wait, false to get it' }),
});

/** The site without its scheme or a trailing slash: what an SMS link starts with. */
const smsSite = (siteUrl: string) => siteUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '');

/**
 * The longest site (without `https://`) an SMS link may start with so that every SMS stays one
 * part; the CDK app warns of a longer `siteUrl`, whose SMS carry the tracking number instead.
 */
export const smsSiteMaxLength = 16;

/**
 * Whether SMS can carry links to this site and still fit one part: short enough, and in plain
 * ASCII (a Bengali domain name would turn an English SMS into UCS-2, 70 characters a part).
 */
export const smsLinkFits = (siteUrl: string) => {
  const site = smsSite(siteUrl);
  return site.length <= smsSiteMaxLength && /^[\x21-\x7e]+$/.test(site);
};

/**
 * The short link an SMS carries (`<site>/t/<tracking number>`, the number as the consumer reads it
 * everywhere else): phones make a link of it without the scheme, which one part has no room for.
 */
export const smsLinkOf = (siteUrl: string, trackingNumber: string) => `${smsSite(siteUrl)}/t/${trackingNumber}`;

/**
 * The short link of a one-tap page (functions/domain/one-tap.ts): the code in the fragment, which
 * no server sees, and no longer than the tracking number it stands in for.
 */
export const oneTapLinkOf = (siteUrl: string, code: string) => `${smsSite(siteUrl)}/t#${code}`;

/** The public tracking page of a complaint on the site (`<site>/track/<trackingNumber>`). */
export const trackingPageUrl = (siteUrl: string, trackingNumber: string) =>
  `${siteUrl.replace(/\/+$/, '')}/track/${trackingNumber}`;

const trackIt: Record<Language, (url: string) => string> = {
  bn: (url) => `অবস্থা দেখুন: ${url}`,
  en: (url) => `Track it: ${url}`,
};

/**
 * The message for the consumer about `action`, or undefined if that action is not theirs to hear
 * about. The email says it in full with the link to the tracking page; the SMS says it in one part
 * with the short link (or, where no site is configured or its address is too long, after CCMS and
 * the tracking number).
 */
export const consumerMessage = (
  action: TimelineEntry['action'],
  complaint: Complaint,
  siteUrl?: string,
  /** The code of the one-tap link the SMS carries instead of the tracking page's (functions/domain/one-tap.ts oneTapOffer). */
  oneTapCode?: string,
): ConsumerMessage | undefined => {
  const texts = consumerTexts[action];
  if (!texts) return undefined;
  const language = complaint.language;
  const sentence = texts[language](complaint);
  const body = siteUrl
    ? `${sentence} ${trackIt[language](trackingPageUrl(siteUrl, complaint.trackingNumber))}`
    : sentence;
  const short = smsFoldedIntoNext.includes(action) ? undefined : smsTexts[action]?.[language](complaint);
  // The link's site names the sender; without one, the SMS does.
  const sms =
    short === undefined
      ? undefined
      : siteUrl && smsLinkFits(siteUrl)
        ? `${short} ${oneTapCode ? oneTapLinkOf(siteUrl, oneTapCode) : smsLinkOf(siteUrl, complaint.trackingNumber)}`
        : `CCMS ${complaint.trackingNumber}: ${short}`;
  return { ...(sms !== undefined && { sms }), subject: subjects[language](complaint), body };
};

/** The merchant's grievance officer is written to in English, the language of the merchant API. */
export const merchantEmail = (event: string, complaint: Complaint) => {
  const lines: Record<string, string> = {
    'complaint.awaiting-merchant': `A new complaint (${complaint.trackingNumber}, ${complaint.category}) awaits your response by ${complaint.merchantDeadline}.`,
    'complaint.acknowledgement-reminder': `Reminder: complaint ${complaint.trackingNumber} has not been acknowledged after ${lifecycleRules.acknowledgementReminderHours} hours. Deadline: ${complaint.merchantDeadline}.`,
    'complaint.escalated': `Complaint ${complaint.trackingNumber} was escalated to the regulator (${complaint.escalationReason}).`,
    'complaint.hearing-scheduled': `The regulator (${complaint.hearings?.at(-1)?.scheduledBy.agency}) scheduled a hearing of complaint ${complaint.trackingNumber} on ${complaint.hearings?.at(-1)?.at} (Asia/Dhaka: ${dateTime(complaint.hearings?.at(-1)?.at, 'en')}), ${hearingWhere(complaint, 'en')}.`,
    'complaint.decided': `The regulator decided complaint ${complaint.trackingNumber}: ${complaint.decision?.outcome}${complaint.compliance ? `. Comply by ${complaint.compliance.dueAt}, then confirm it with POST /v1/merchant/complaints/${complaint.trackingNumber}/confirm-compliance` : ''}.`,
    'complaint.message': `The consumer wrote on complaint ${complaint.trackingNumber}${complaint.lastAction === 'ANSWER_INFORMATION_REQUEST' ? `, answering your request for information; your deadline runs again until ${complaint.merchantDeadline}` : ''}. Read it with GET /v1/merchant/complaints/${complaint.trackingNumber} or in the merchant panel.`,
    'complaint.deadline-resumed': `The consumer did not answer your request for information on complaint ${complaint.trackingNumber} within ${lifecycleRules.informationPauseDays} days; your deadline runs again until ${complaint.merchantDeadline}.`,
    'complaint.compliance-overdue': `Compliance with the decision on complaint ${complaint.trackingNumber} was due by ${complaint.compliance?.dueAt} and has not been confirmed; the regulator has been told.`,
  };
  const body = lines[event];
  return body
    ? { subject: `CCMS ${complaint.trackingNumber}: ${event.replace('complaint.', '').replaceAll('-', ' ')}`, body }
    : undefined;
};
