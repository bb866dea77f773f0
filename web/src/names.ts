/** Names of statuses and actors in both languages: plain data, shared by the pages and their browser tests. */
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

