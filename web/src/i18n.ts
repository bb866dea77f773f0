/**
 * Bengali first, English by a switch that is remembered. Every text the pages show is here in both
 * languages; numbers, dates and plurals go through Intl with `bn-BD` or `en-GB`, in Dhaka time.
 */
import { useEffect, useState } from 'preact/hooks';

import type { Language } from './format';

export type { Language } from './format';

const stored = (): Language => {
  try {
    return localStorage.getItem('ccms.language') === 'en' ? 'en' : 'bn';
  } catch {
    return 'bn';
  }
};

let current: Language = stored();
const listeners = new Set<(lang: Language) => void>();

/** The chosen language; a component that calls this re-renders when it is switched. */
export const useLanguage = (): Language => {
  const [lang, setLang] = useState(current);
  useEffect(() => {
    listeners.add(setLang);
    return () => void listeners.delete(setLang);
  }, []);
  return lang;
};

export const currentLanguage = () => current;

export const setLanguage = (next: Language) => {
  current = next;
  for (const listener of listeners) listener(next);
  try {
    localStorage.setItem('ccms.language', next);
  } catch {
    // Private mode: the switch holds for this visit only.
  }
  document.documentElement.lang = next;
};

type Bilingual = Record<Language, string>;

export { actorNames, statusNames } from './names';
export * from './format';

const texts = {
  siteName: { bn: 'কেন্দ্রীয় অভিযোগ ব্যবস্থাপনা', en: 'Central Complaint Management' },
  switchLanguage: { bn: 'English', en: 'বাংলা' },
  switchLanguageLabel: { bn: 'Switch to English', en: 'বাংলায় দেখুন' },
  navDashboard: { bn: 'পরিসংখ্যান', en: 'Statistics' },
  navTrack: { bn: 'অভিযোগের অবস্থা', en: 'Track a complaint' },
  loading: { bn: 'লোড হচ্ছে…', en: 'Loading…' },
  retry: { bn: 'আবার চেষ্টা করুন', en: 'Try again' },
  notFound: { bn: 'এই পাতাটি নেই।', en: 'There is no such page.' },
  dashboardTitle: { bn: 'ই-কমার্স অভিযোগের পরিসংখ্যান', en: 'E-commerce complaint statistics' },
  overall: { bn: 'সামগ্রিক', en: 'Overall' },
  filed: { bn: 'দাখিল', en: 'Filed' },
  open: { bn: 'চলমান', en: 'Open' },
  settled: { bn: 'নিষ্পত্তি', en: 'Settled' },
  settledConfirmed: { bn: 'ভোক্তার সম্মতিতে', en: 'Confirmed by the consumer' },
  settledAuto: { bn: 'স্বয়ংক্রিয়', en: 'Automatically' },
  escalated: { bn: 'নিয়ন্ত্রকের কাছে', en: 'Escalated' },
  withdrawn: { bn: 'প্রত্যাহার', en: 'Withdrawn' },
  settlementRate: { bn: 'নিষ্পত্তির হার', en: 'Settlement rate' },
  timelyResponseRate: { bn: 'সময়মতো প্রথম সাড়া', en: 'Timely first response' },
  reopenRate: { bn: 'পুনরায় খোলার হার', en: 'Reopen rate' },
  medianFirstResponse: { bn: 'প্রথম সাড়ার সাধারণ সময়', en: 'Typical time to first response' },
  medianResolution: { bn: 'সমাধানের সাধারণ সময়', en: 'Typical time to resolution' },
  averageRating: { bn: 'গড় রেটিং', en: 'Average rating' },
  ratesHidden: { bn: 'অন্তত ১০টি অভিযোগের ফল না আসা পর্যন্ত হার দেখানো হয় না।', en: 'Rates are shown once at least 10 complaints have an outcome.' },
  monthlyTrend: { bn: 'মাসভিত্তিক প্রবণতা', en: 'Monthly trend' },
  month: { bn: 'মাস', en: 'Month' },
  byCategory: { bn: 'ধরন অনুযায়ী', en: 'By category' },
  category: { bn: 'ধরন', en: 'Category' },
  byDistrict: { bn: 'জেলা অনুযায়ী', en: 'By district' },
  district: { bn: 'জেলা', en: 'District' },
  merchants: { bn: 'বিক্রেতা খুঁজুন', en: 'Find a merchant' },
  merchantSearchLabel: { bn: 'বিক্রেতার নাম', en: 'Merchant name' },
  search: { bn: 'খুঁজুন', en: 'Search' },
  noMerchants: { bn: 'এই নামে কোনো বিক্রেতা পাওয়া যায়নি।', en: 'No merchant has that name.' },
  grievanceOfficer: { bn: 'অভিযোগ কর্মকর্তা', en: 'Grievance officer' },
  openData: { bn: 'উন্মুক্ত তথ্য', en: 'Open data' },
  hours: { bn: 'ঘণ্টা', en: 'hours' },
  trackTitle: { bn: 'অভিযোগের অবস্থা দেখুন', en: 'Track a complaint' },
  trackingNumber: { bn: 'ট্র্যাকিং নম্বর', en: 'Tracking number' },
  show: { bn: 'দেখুন', en: 'Show' },
  status: { bn: 'অবস্থা', en: 'Status' },
  filedOn: { bn: 'দাখিলের তারিখ', en: 'Filed on' },
  deadlines: { bn: 'সময়সীমা', en: 'Deadlines' },
  timeline: { bn: 'ধাপসমূহ', en: 'Steps' },
  merchantResponseDue: { bn: 'বিক্রেতার সমাধানের শেষ সময়', en: 'The merchant must resolve it by' },
  autoSettlementDue: { bn: 'উত্তর না দিলে নিষ্পত্তি ধরা হবে', en: 'Settled automatically unless you answer by' },
  reopenWindowEnds: { bn: 'পুনরায় খোলা যাবে', en: 'Can be reopened until' },
  escalatedOn: { bn: 'নিয়ন্ত্রক সংস্থার কাছে পাঠানো হয়েছে', en: 'Sent to the regulator on' },
  signInTitle: { bn: 'মোবাইল নম্বর যাচাই', en: 'Verify your mobile number' },
  phone: { bn: 'মোবাইল নম্বর', en: 'Mobile number' },
  phoneHint: { bn: 'যেমন ০১৭১২-৩৪৫৬৭৮। এই নম্বরে একটি কোড পাঠানো হবে।', en: 'For example 01712-345678. A code is texted to it.' },
  sendCode: { bn: 'কোড পাঠান', en: 'Send the code' },
  code: { bn: '৬ অঙ্কের কোড', en: 'The 6-digit code' },
  codeHint: { bn: 'এসএমএসে পাওয়া কোডটি লিখুন। কোডটি ৫ মিনিট কাজ করবে।', en: 'Type the code from the SMS. It works for 5 minutes.' },
  verify: { bn: 'যাচাই করুন', en: 'Verify' },
  resendIn: { bn: 'নতুন কোড চাওয়া যাবে', en: 'You can ask for a new code' },
  resend: { bn: 'নতুন কোড পাঠান', en: 'Send a new code' },
  identityTitle: { bn: 'পরিচয় যাচাই (একবারই)', en: 'Verify your identity (once)' },
  identityWhy: { bn: 'অভিযোগ দাখিলের আগে একবার পরিচয় যাচাই করতে হয়। নম্বরটি সংরক্ষণ করা হয় না, শুধু শেষ ৩টি অঙ্ক।', en: 'You verify your identity once before filing. The number is not stored, only its last 3 digits.' },
  documentKind: { bn: 'কোন কাগজ দিয়ে', en: 'Which document' },
  nid: { bn: 'জাতীয় পরিচয়পত্র (১৮ বছর বা বেশি)', en: 'National ID (18 or older)' },
  birthRegistration: { bn: 'জন্ম নিবন্ধন (১৮ বছরের কম, অভিভাবকসহ)', en: 'Birth registration (under 18, with a guardian)' },
  nidNumber: { bn: 'জাতীয় পরিচয়পত্র নম্বর', en: 'NID number' },
  birthRegistrationNumber: { bn: 'জন্ম নিবন্ধন নম্বর (১৭ অঙ্ক)', en: 'Birth registration number (17 digits)' },
  dateOfBirth: { bn: 'জন্ম তারিখ', en: 'Date of birth' },
  guardianName: { bn: 'অভিভাবকের নাম', en: 'Guardian’s name' },
  guardianPhone: { bn: 'অভিভাবকের মোবাইল নম্বর', en: 'Guardian’s mobile number' },
  continue: { bn: 'এগিয়ে যান', en: 'Continue' },
  problemsTitle: { bn: 'নিচের বিষয়গুলো ঠিক করুন', en: 'Please fix the following' },
  signedInAs: { bn: 'যাচাই করা নম্বর', en: 'Verified number' },
  signOut: { bn: 'বের হন', en: 'Sign out' },
} satisfies Record<string, Bilingual>;

export type TextKey = keyof typeof texts;

/** The text of `key` in the chosen language (components call `useLanguage()` to re-render on a switch). */
export const t = (key: TextKey, lang: Language = current) => texts[key][lang];
