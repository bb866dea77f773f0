/** Names of statuses and actors in both languages: plain data, shared by the pages and their browser tests. */
import type { contactChannels, paymentMethods, remedies } from '../../functions/domain/complaint';
import type { ActorRole, ComplaintStatus } from '../../functions/domain/lifecycle';

type Bilingual = Record<'bn' | 'en', string>;

export const statusNames: Record<ComplaintStatus, Bilingual> = {
  SUBMITTED: { bn: 'জমা হয়েছে', en: 'Submitted' },
  AWAITING_MERCHANT: { bn: 'বিক্রেতার উত্তরের অপেক্ষায়', en: 'Waiting for the merchant' },
  ACKNOWLEDGED: { bn: 'বিক্রেতা গ্রহণ করেছে', en: 'Acknowledged by the merchant' },
  MERCHANT_REPLIED: { bn: 'বিক্রেতা জবাব দিয়েছে', en: 'The merchant replied' },
  RESOLUTION_PROPOSED: { bn: 'সমাধান প্রস্তাবিত', en: 'Resolution proposed' },
  SETTLED: { bn: 'নিষ্পত্তি হয়েছে', en: 'Settled' },
  AUTO_SETTLED: { bn: 'স্বয়ংক্রিয়ভাবে নিষ্পত্তি', en: 'Settled automatically' },
  REOPENED: { bn: 'পুনরায় খোলা হয়েছে', en: 'Reopened' },
  DISPUTED: { bn: 'আপত্তি জানানো হয়েছে', en: 'Disputed' },
  ESCALATED: { bn: 'নিয়ন্ত্রক সংস্থার কাছে', en: 'With the regulator' },
  CLOSED: { bn: 'বন্ধ', en: 'Closed' },
  WITHDRAWN: { bn: 'প্রত্যাহার করা হয়েছে', en: 'Withdrawn' },
};

export const actorNames: Record<ActorRole, Bilingual> = {
  consumer: { bn: 'অভিযোগকারী', en: 'Consumer' },
  merchant: { bn: 'বিক্রেতা', en: 'Merchant' },
  regulator: { bn: 'নিয়ন্ত্রক সংস্থা', en: 'Regulator' },
  system: { bn: 'সিস্টেম', en: 'System' },
};

export const paymentMethodNames: Record<(typeof paymentMethods)[number], Bilingual> = {
  CASH_ON_DELIVERY: { bn: 'ক্যাশ অন ডেলিভারি', en: 'Cash on delivery' },
  BKASH: { bn: 'বিকাশ', en: 'bKash' },
  NAGAD: { bn: 'নগদ', en: 'Nagad' },
  ROCKET: { bn: 'রকেট', en: 'Rocket' },
  CARD: { bn: 'কার্ড', en: 'Card' },
  BANK: { bn: 'ব্যাংক', en: 'Bank' },
  OTHER: { bn: 'অন্যভাবে', en: 'Other' },
};

export const remedyNames: Record<(typeof remedies)[number], Bilingual> = {
  REFUND: { bn: 'টাকা ফেরত', en: 'A refund' },
  REPLACEMENT: { bn: 'পণ্য বদল', en: 'A replacement' },
  REPAIR: { bn: 'মেরামত', en: 'A repair' },
  DELIVERY: { bn: 'পণ্য বুঝিয়ে দেওয়া', en: 'Delivery of the order' },
  COMPENSATION: { bn: 'ক্ষতিপূরণ', en: 'Compensation' },
  OTHER: { bn: 'অন্য কিছু', en: 'Something else' },
};

export const contactChannelNames: Record<(typeof contactChannels)[number], Bilingual> = {
  PHONE: { bn: 'ফোনে', en: 'By phone' },
  EMAIL: { bn: 'ইমেইলে', en: 'By email' },
  WEBSITE: { bn: 'ওয়েবসাইট বা অ্যাপে', en: 'On the website or app' },
  SOCIAL_MEDIA: { bn: 'সামাজিক মাধ্যমে', en: 'On social media' },
  IN_PERSON: { bn: 'সরাসরি', en: 'In person' },
  OTHER: { bn: 'অন্যভাবে', en: 'Another way' },
};

/** What each filing refusal means for the consumer, and what to do. */
export const refusalTexts: Record<string, Bilingual> = {
  PRIOR_CONTACT_REQUIRED: {
    bn: 'আগে বিক্রেতার অভিযোগ কর্মকর্তার সাথে যোগাযোগ করুন; তারা সমাধান না করলে এখানে অভিযোগ করুন।',
    en: 'Contact the merchant’s grievance officer first; complain here if they do not resolve it.',
  },
  PRIOR_CONTACT_DATE_INVALID: {
    bn: 'বিক্রেতার সাথে যোগাযোগের তারিখটি অর্ডারের পরে এবং আজ বা তার আগে হতে হবে।',
    en: 'The date you contacted the merchant must be after the order and not in the future.',
  },
  PROBLEM_DATE_INVALID: {
    bn: 'সমস্যার তারিখটি অর্ডারের পরে এবং আজ বা তার আগে হতে হবে।',
    en: 'The date of the problem must be after the order and not in the future.',
  },
  ORDER_DATE_IN_FUTURE: { bn: 'অর্ডারের তারিখ ভবিষ্যতে হতে পারে না।', en: 'The order date cannot be in the future.' },
  FILING_WINDOW_CLOSED: {
    bn: 'অভিযোগ করার সময়সীমা পেরিয়ে গেছে।',
    en: 'The time to complain about this order has passed.',
  },
  DELIVERY_WINDOW_OPEN: {
    bn: 'পণ্য পৌঁছানোর সময় এখনও শেষ হয়নি; সময় শেষ হলে অভিযোগ করুন।',
    en: 'The delivery time has not run out yet; complain once it has.',
  },
  DUPLICATE_OPEN_COMPLAINT: {
    bn: 'এই অর্ডারের একটি অভিযোগ ইতিমধ্যে চলছে।',
    en: 'A complaint about this order is already open.',
  },
  CONSENT_REQUIRED: {
    bn: 'অভিযোগটি বিক্রেতা ও নিয়ন্ত্রক সংস্থার কাছে পাঠানোর সম্মতি দিন।',
    en: 'Agree that the complaint goes to the merchant and the regulators.',
  },
  UNKNOWN_MERCHANT: { bn: 'এই বিক্রেতা নিবন্ধিত নয়।', en: 'This merchant is not registered.' },
};
