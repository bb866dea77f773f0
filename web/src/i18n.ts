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
  ratesHidden: {
    bn: 'অন্তত ১০টি অভিযোগের ফল না আসা পর্যন্ত হার দেখানো হয় না।',
    en: 'Rates are shown once at least 10 complaints have an outcome.',
  },
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
  merchantResponsePaused: {
    bn: 'বিক্রেতার সময়সীমা থেমে আছে (ভোক্তার উত্তরের অপেক্ষা); সর্বোচ্চ যত দিন থামবে',
    en: 'The merchant’s deadline is paused for the consumer’s answer, at most until',
  },
  autoSettlementDue: { bn: 'উত্তর না দিলে নিষ্পত্তি ধরা হবে', en: 'Settled automatically unless you answer by' },
  reopenWindowEnds: { bn: 'পুনরায় খোলা যাবে', en: 'Can be reopened until' },
  escalatedOn: { bn: 'নিয়ন্ত্রক সংস্থার কাছে পাঠানো হয়েছে', en: 'Sent to the regulator on' },
  signInTitle: { bn: 'মোবাইল নম্বর যাচাই', en: 'Verify your mobile number' },
  phone: { bn: 'মোবাইল নম্বর', en: 'Mobile number' },
  phoneHint: {
    bn: 'যেমন ০১৭১২-৩৪৫৬৭৮। এই নম্বরে একটি কোড পাঠানো হবে।',
    en: 'For example 01712-345678. A code is texted to it.',
  },
  sendCode: { bn: 'কোড পাঠান', en: 'Send the code' },
  code: { bn: '৬ অঙ্কের কোড', en: 'The 6-digit code' },
  codeHint: {
    bn: 'এসএমএসে পাওয়া কোডটি লিখুন। কোডটি ৫ মিনিট কাজ করবে।',
    en: 'Type the code from the SMS. It works for 5 minutes.',
  },
  verify: { bn: 'যাচাই করুন', en: 'Verify' },
  resendIn: { bn: 'নতুন কোড চাওয়া যাবে', en: 'You can ask for a new code' },
  resend: { bn: 'নতুন কোড পাঠান', en: 'Send a new code' },
  identityTitle: { bn: 'পরিচয় যাচাই (একবারই)', en: 'Verify your identity (once)' },
  identityWhy: {
    bn: 'অভিযোগ দাখিলের আগে একবার পরিচয় যাচাই করতে হয়। নম্বরটি সংরক্ষণ করা হয় না, শুধু শেষ ৩টি অঙ্ক।',
    en: 'You verify your identity once before filing. The number is not stored, only its last 3 digits.',
  },
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
  fileTitle: { bn: 'অভিযোগ দাখিল', en: 'File a complaint' },
  stepOf: { bn: 'ধাপ', en: 'Step' },
  back: { bn: 'পেছনে', en: 'Back' },
  next: { bn: 'পরের ধাপ', en: 'Next' },
  stepMerchant: { bn: 'বিক্রেতা', en: 'The merchant' },
  stepOrder: { bn: 'অর্ডার', en: 'The order' },
  stepProblem: { bn: 'সমস্যা', en: 'The problem' },
  stepContact: { bn: 'বিক্রেতার সাথে যোগাযোগ', en: 'Contacting the merchant' },
  stepRemedy: { bn: 'আপনি কী চান', en: 'What you ask for' },
  stepReview: { bn: 'যাচাই ও জমা', en: 'Check and submit' },
  chooseMerchant: { bn: 'বিক্রেতা বাছুন', en: 'Choose the merchant' },
  chosenMerchant: { bn: 'বাছাই করা বিক্রেতা', en: 'Chosen merchant' },
  change: { bn: 'বদলান', en: 'Change' },
  orderRef: { bn: 'অর্ডার বা রেফারেন্স নম্বর', en: 'Order or reference number' },
  orderDate: { bn: 'অর্ডারের তারিখ', en: 'Order date' },
  amount: { bn: 'মূল্য (টাকা)', en: 'Amount (taka)' },
  paymentMethod: { bn: 'কীভাবে মূল্য দিয়েছেন', en: 'How you paid' },
  deliveryDistrict: { bn: 'যে জেলায় পণ্য পৌঁছানোর কথা', en: 'District of delivery' },
  description: { bn: 'কী হয়েছে লিখুন', en: 'Describe what happened' },
  descriptionHint: {
    bn: 'অন্তত ২০ অক্ষর। ফোন নম্বর বা অন্যের তথ্য লিখবেন না।',
    en: 'At least 20 characters. Do not write phone numbers or other people’s details.',
  },
  contactedMerchant: { bn: 'আপনি কি বিক্রেতার সাথে যোগাযোগ করেছেন?', en: 'Have you contacted the merchant?' },
  yes: { bn: 'হ্যাঁ', en: 'Yes' },
  no: { bn: 'না', en: 'No' },
  contactDate: { bn: 'যোগাযোগের তারিখ', en: 'Date of contact' },
  contactChannel: { bn: 'কীভাবে যোগাযোগ করেছেন', en: 'How you contacted them' },
  ticketNumber: { bn: 'বিক্রেতার টিকিট নম্বর (যদি থাকে)', en: 'The merchant’s ticket number (if any)' },
  merchantAnswer: { bn: 'বিক্রেতা কী উত্তর দিয়েছে', en: 'What the merchant answered' },
  remedySought: { bn: 'আপনি কী সমাধান চান', en: 'What you ask for' },
  complainantName: { bn: 'আপনার নাম (পরিচয়পত্র অনুযায়ী)', en: 'Your name (as on your identity document)' },
  email: { bn: 'ইমেইল (ঐচ্ছিক, হালনাগাদ পেতে)', en: 'Email (optional, for updates)' },
  consent: {
    bn: 'আমি সম্মত যে অভিযোগটি আমার নাম ও ফোন নম্বরসহ বিক্রেতা ও নিয়ন্ত্রক সংস্থার কাছে পাঠানো হবে।',
    en: 'I agree that the complaint, with my name and phone, goes to the merchant and the regulators.',
  },
  precheckOk: { bn: 'সব শর্ত পূরণ হয়েছে। জমা দিতে পারেন।', en: 'Everything is in order: you can submit.' },
  precheckProblems: { bn: 'জমা দেওয়ার আগে এগুলো দেখুন', en: 'Before you submit' },
  submit: { bn: 'অভিযোগ জমা দিন', en: 'Submit the complaint' },
  submitting: {
    bn: 'জমা হচ্ছে… সংযোগ ধীর হলে আবার চেষ্টা করা হবে, অভিযোগ দুবার জমা হবে না।',
    en: 'Submitting… on a slow connection it is tried again, never filed twice.',
  },
  emailConfirmTitle: { bn: 'ইমেইল ঠিকানা নিশ্চিত করা', en: 'Confirming your email address' },
  emailConfirmAsk: {
    bn: 'এই ঠিকানায় অভিযোগের খবর পেতে চাইলে নিশ্চিত করুন। না চাইলে পাতাটি বন্ধ করুন।',
    en: 'Confirm if you want news of the complaint at this address. If not, close this page.',
  },
  emailConfirmButton: { bn: 'ঠিকানাটি নিশ্চিত করুন', en: 'Confirm this address' },
  emailConfirmed: {
    bn: 'ঠিকানাটি নিশ্চিত হয়েছে। এখন থেকে অভিযোগের প্রতিটি খবর এসএমএস ও ইমেইলে পাবেন।',
    en: 'Your address is confirmed. From now on you get every update on the complaint by SMS and email.',
  },
  emailConfirmInvalid: {
    bn: 'এই লিংকটি সঠিক নয়। ইমেইলে পাওয়া সর্বশেষ লিংকটি খুলুন।',
    en: 'This link is not valid. Open the latest link CCMS emailed you.',
  },
  emailConfirmNoToken: {
    bn: 'লিংকটি অসম্পূর্ণ। ইমেইল থেকে পুরো লিংকটি খুলুন।',
    en: 'The link is incomplete. Open the whole link from the email.',
  },
  autoConfirmedRate: {
    bn: 'আপনাআপনি মীমাংসার পর ভোক্তা নিশ্চিত করেছেন',
    en: 'Automatic settlements the consumer confirmed',
  },
  autoSaidNotResolved: { bn: 'সমাধান হয়নি বলেছেন', en: 'said not resolved' },
  autoSilent: { bn: 'উত্তর দেননি', en: 'no answer' },
  surveyTitle: { bn: 'সত্যিই সমাধান হয়েছে?', en: 'Was it really resolved?' },
  surveyYes: { bn: 'হ্যাঁ, সমাধান হয়েছে', en: 'Yes, it was resolved' },
  surveyNo: { bn: 'না, সমাধান হয়নি', en: 'No, it was not' },
  surveyReason: { bn: 'কী এখনও ঠিক হয়নি', en: 'What is still wrong' },
  surveyReopens: {
    bn: 'অন্তত ১০ অক্ষর। আপনার উত্তরে অভিযোগটি আবার খুলবে; এ সুযোগ আছে',
    en: 'At least 10 characters. Your answer reopens the complaint; you can until',
  },
  surveySend: { bn: 'উত্তর পাঠান', en: 'Send the answer' },
  scoreOptional: { bn: 'রেটিং (ঐচ্ছিক, ১ থেকে ৫)', en: 'Rating (optional, 1 to 5)' },
  messagesPreferenceTitle: { bn: 'কোন খবর পাবেন', en: 'Which news you get' },
  messagesPreferenceAlways: {
    bn: 'সময়সীমা, বিক্রেতার প্রস্তাব, নিষ্পত্তি, নিয়ন্ত্রকের কাছে পাঠানো, শুনানি ও সিদ্ধান্তের খবর সবসময় আসবে।',
    en: 'Deadlines, the merchant’s proposal, settlement, escalation, hearings and decisions always come.',
  },
  messagesPreferenceStop: {
    bn: 'যে খবরে আপনার কিছু করার নেই (বিক্রেতা গ্রহণ করেছে বা উত্তর দিয়েছে, অভিযোগ বন্ধ হয়েছে), তা পাঠাবেন না',
    en: 'Do not send news that asks nothing of me (the merchant acknowledged or replied, the complaint closed)',
  },
  messagesQuietHours: {
    bn: 'রাত ৯টা থেকে সকাল ৯টার মধ্যে এমন খবর বা নিষ্পত্তির পর "সমাধান হয়েছে কি?" প্রশ্নের এসএমএস সকাল ৯টার পর পাঠানো হয়; জরুরি খবর তখনই যায়।',
    en: 'Texts of such news, and the "was it resolved?" question after an automatic settlement, that come between 9 pm and 9 am are sent after 9 am; urgent news goes at once.',
  },
  messagesPreferenceStopped: { bn: 'এসব খবর আর পাঠানো হবে না।', en: 'That news will no longer be sent.' },
  messagesPreferenceResumed: { bn: 'এসব খবর আবার পাঠানো হবে।', en: 'That news will be sent again.' },
  oneTapNoSignIn: {
    bn: 'এসএমএসের লিংক দিয়েই উত্তর দেওয়া যায়, প্রবেশ করতে হবে না। লিংকটি একবারই কাজ করে।',
    en: 'The link in your SMS is enough: no sign-in needed. It works once.',
  },
  oneTapAnswerBy: {
    bn: 'উত্তর না দিলে প্রস্তাবটি আপনাআপনি মীমাংসা গণ্য হবে:',
    en: 'If you do not answer, the proposal counts as settled on',
  },
  oneTapSettled: {
    bn: 'অভিযোগটি নিষ্পত্তি হয়েছে। সমস্যা থেকে গেলে আবার খুলুন।',
    en: 'The complaint is settled. If the problem remains, reopen it.',
  },
  oneTapAutoSettled: {
    bn: 'প্রস্তাবের উত্তর না আসায় অভিযোগটি আপনাআপনি মীমাংসা গণ্য হয়েছে। সত্যিই সমাধান হয়েছে কি না, জানান।',
    en: 'The proposal got no answer, so the complaint counts as settled. Tell us whether it was really resolved.',
  },
  oneTapInvalid: {
    bn: 'লিংকটি সঠিক নয়। এসএমএসের পুরো লিংকটি খুলুন, অথবা ট্র্যাকিং নম্বর দিয়ে অভিযোগটি খুঁজুন।',
    en: 'This link is not valid. Open the whole link from the SMS, or look the complaint up by its tracking number.',
  },
  filedTitle: { bn: 'অভিযোগ জমা হয়েছে', en: 'Your complaint is filed' },
  copy: { bn: 'নম্বরটি কপি করুন', en: 'Copy the number' },
  copied: { bn: 'কপি হয়েছে', en: 'Copied' },
  whatNext: { bn: 'এরপর কী হবে', en: 'What happens next' },
  nextMerchant: { bn: 'বিক্রেতাকে জানানো হয়েছে। সমাধানের শেষ সময়', en: 'The merchant has been told. It must resolve it by' },
  nextSms: { bn: 'প্রতিটি ধাপে আপনাকে এসএমএস পাঠানো হবে।', en: 'You get an SMS at every step.' },
  trackIt: { bn: 'অবস্থা দেখুন', en: 'Track it' },
  required: { bn: 'এটি দিতে হবে।', en: 'This is needed.' },
  evidenceTitle: { bn: 'প্রমাণ যোগ করুন (ঐচ্ছিক)', en: 'Add evidence (optional)' },
  evidenceHint: {
    bn: 'রসিদ, ছবি বা চ্যাট: JPEG, PNG, WebP বা PDF, প্রতিটি ১০ MB পর্যন্ত, ১০টি ফাইল।',
    en: 'Receipts, photos or chats: JPEG, PNG, WebP or PDF, up to 10 MB each, 10 files.',
  },
  chooseFiles: { bn: 'ফাইল বাছুন', en: 'Choose files' },
  uploading: { bn: 'আপলোড হচ্ছে', en: 'Uploading' },
  checking: { bn: 'যাচাই হচ্ছে', en: 'Being checked' },
  verified: { bn: 'যাচাই সম্পন্ন', en: 'Checked' },
  rejected: { bn: 'গ্রহণ করা যায়নি', en: 'Not accepted' },
  quarantined: { bn: 'ঝুঁকিপূর্ণ ফাইল: আলাদা রাখা হয়েছে', en: 'Unsafe file: kept apart' },
  uploadFailed: { bn: 'আপলোড হয়নি', en: 'Upload failed' },
  signInToAct: {
    bn: 'এটি আপনার অভিযোগ হলে উত্তর দিতে মোবাইল নম্বর যাচাই করুন',
    en: 'If this is your complaint, verify your mobile number to answer it',
  },
  notYours: {
    bn: 'এই অভিযোগটি অন্য একটি মোবাইল নম্বর থেকে করা হয়েছে।',
    en: 'This complaint was filed from another mobile number.',
  },
  yourComplaint: { bn: 'আপনার অভিযোগ', en: 'Your complaint' },
  proposalTitle: { bn: 'বিক্রেতার প্রস্তাব', en: 'The merchant’s proposal' },
  taka: { bn: 'টাকা', en: 'taka' },
  messagesTitle: { bn: 'বার্তা', en: 'Messages' },
  filesTitle: { bn: 'প্রমাণ', en: 'Evidence' },
  yourRating: { bn: 'আপনার রেটিং', en: 'Your rating' },
  whatYouCanDo: { bn: 'আপনি যা করতে পারেন', en: 'What you can do' },
  nothingToDo: { bn: 'এখন আপনার কিছু করার নেই।', en: 'There is nothing for you to do now.' },
  actionConfirm: { bn: 'সমাধান হয়েছে, নিশ্চিত করুন', en: 'Confirm it is resolved' },
  actionDispute: { bn: 'সমাধান হয়নি, আপত্তি জানান', en: 'It is not resolved: dispute' },
  actionReopen: { bn: 'অভিযোগটি আবার খুলুন', en: 'Reopen the complaint' },
  actionWithdraw: { bn: 'অভিযোগ প্রত্যাহার করুন', en: 'Withdraw the complaint' },
  actionRate: { bn: 'সেবার মান রেটিং দিন', en: 'Rate how it was handled' },
  actionMessage: { bn: 'বিক্রেতাকে লিখুন', en: 'Write to the merchant' },
  yourMessage: { bn: 'আপনার বার্তা', en: 'Your message' },
  messageHint: {
    bn: 'বিক্রেতা পড়বে; অভিযোগ নিয়ন্ত্রকের কাছে গেলে নিয়ন্ত্রকও। দিনে ১০টি পর্যন্ত বার্তা।',
    en: 'The merchant reads it, and the regulator if the complaint is escalated. Up to 10 messages a day.',
  },
  actionAnswerInformation: { bn: 'বিক্রেতার প্রশ্নের উত্তর দিন', en: 'Answer the merchant’s question' },
  yourAnswer: { bn: 'আপনার উত্তর', en: 'Your answer' },
  informationRequested: {
    bn: 'বিক্রেতা আপনার কাছে তথ্য চেয়েছে (বার্তায় দেখুন)। উত্তর না দেওয়া পর্যন্ত, সর্বোচ্চ এই তারিখ পর্যন্ত, বিক্রেতার সময়সীমা থেমে থাকবে:',
    en: 'The merchant asks you for information (see the messages). Its deadline waits until you answer, at most until',
  },
  stepMessage: { bn: 'বার্তা', en: 'Message' },
  stepInformationRequest: { bn: 'তথ্য চেয়েছে', en: 'Asks for information' },
  stepInformationAnswer: { bn: 'তথ্যের উত্তর', en: 'Answer to the request' },
  stepDeadlineResumed: { bn: 'সময়সীমা আবার চলছে', en: 'Deadline runs again' },
  commentOptional: { bn: 'মন্তব্য (ঐচ্ছিক)', en: 'Comment (optional)' },
  disputeReason: { bn: 'কেন সমাধান হয়নি', en: 'Why it is not resolved' },
  disputeHint: {
    bn: 'অন্তত ১০ অক্ষর। অভিযোগটি নিয়ন্ত্রক সংস্থার কাছে যাবে।',
    en: 'At least 10 characters. The complaint goes to the regulator.',
  },
  reopenReason: { bn: 'কেন আবার খুলছেন', en: 'Why you reopen it' },
  reopenHint: { bn: 'অন্তত ১০ অক্ষর। আবার খোলা যাবে', en: 'At least 10 characters. You can reopen it until' },
  withdrawReason: { bn: 'কারণ (ঐচ্ছিক)', en: 'Reason (optional)' },
  withdrawHint: { bn: 'প্রত্যাহার করলে অভিযোগটি আর চালু করা যাবে না।', en: 'A withdrawn complaint cannot be taken up again.' },
  score: { bn: 'রেটিং (১ থেকে ৫)', en: 'Rating (1 to 5)' },
  tooShort: { bn: 'অন্তত ১০ অক্ষর লিখুন।', en: 'Write at least 10 characters.' },
  sending: { bn: 'পাঠানো হচ্ছে…', en: 'Sending…' },
  actionDone: { bn: 'হয়ে গেছে। নতুন অবস্থা', en: 'Done. The status is now' },
  myComplaints: { bn: 'আমার অভিযোগ', en: 'My complaints' },
  noComplaints: { bn: 'এই নম্বর থেকে কোনো অভিযোগ করা হয়নি।', en: 'No complaint has been filed from this number.' },
  more: { bn: 'আরও দেখুন', en: 'Show more' },
  fileNew: { bn: 'নতুন অভিযোগ করুন', en: 'File a new complaint' },
  yourData: { bn: 'আপনার তথ্য', en: 'Your data' },
  yourDataNote: {
    bn: 'CCMS আপনার সম্পর্কে যা রাখে সব এক ফাইলে: ফোন নম্বর, যাচাই করা পরিচয়, প্রতিটি অভিযোগ, আপনার নাম ও ইমেইল, দুই পক্ষের বার্তা, প্রমাণ, আর কোন নিয়ন্ত্রক কবে অভিযোগটি দেখেছেন।',
    en: 'Everything CCMS keeps about you, in one file: your phone number, verified identity, each complaint with your name and email, both parties’ notes, the evidence, and which regulator read it when.',
  },
  signInAgain: { bn: 'আবার প্রবেশ করুন', en: 'Sign in again' },
  downloadData: { bn: 'আমার তথ্য ডাউনলোড করুন', en: 'Download my data' },
  eraseData: { bn: 'আমার তথ্য মুছে ফেলুন', en: 'Erase my data' },
  eraseDataNote: {
    bn: 'আপনার বন্ধ হওয়া অভিযোগগুলো থেকে আপনার নাম, ইমেইল, বিবরণ, দুই পক্ষের বার্তা ও প্রমাণের ফাইল, আর আপনার যাচাই করা পরিচয় চিরতরে মুছে যাবে। পরিসংখ্যান ও নিয়ন্ত্রকের নথির যাচাই থাকবে; ফোন নম্বরের জায়গায় একটি ছদ্মনাম থাকবে। এটি ফেরানো যায় না। আগে তথ্য ডাউনলোড করে রাখতে পারেন।',
    en: 'Your name, email, descriptions, both parties’ notes and the evidence files of your closed complaints, and your verified identity, will be erased for good. The statistics and the checks of the regulators’ records stay; a pseudonym takes your phone number’s place. This cannot be undone. You may download your data first.',
  },
  eraseConfirm: { bn: 'হ্যাঁ, সব মুছে ফেলুন', en: 'Yes, erase everything' },
  cancel: { bn: 'বাতিল', en: 'Cancel' },
  erasingData: { bn: 'মোছা হচ্ছে… অভিযোগ:', en: 'Erasing… complaints so far:' },
  dataErased: { bn: 'আপনার তথ্য মুছে ফেলা হয়েছে। অভিযোগ:', en: 'Your data was erased. Complaints:' },
  stillOpen: { bn: 'এখনও চলছে:', en: 'Still open:' },
  collectingData: { bn: 'তথ্য সংগ্রহ হচ্ছে… অভিযোগ:', en: 'Collecting… complaints so far:' },
  dataReady: { bn: 'ফাইলটি ডাউনলোড হয়েছে। অভিযোগ:', en: 'The file was downloaded. Complaints:' },
  merchant: { bn: 'বিক্রেতা', en: 'Merchant' },
  panelSignIn: { bn: 'অ্যাক্সেস কী দিয়ে প্রবেশ', en: 'Sign in with your access key' },
  panelSecretNote: {
    bn: 'গোপন কী এই ট্যাবের বাইরে যায় না, কোথাও সংরক্ষণ হয় না; প্রতিটি অনুরোধ ব্রাউজারেই স্বাক্ষরিত হয়। ট্যাব বন্ধ বা রিলোড করলে আবার দিতে হবে।',
    en: 'The secret never leaves this tab and is not stored: each request is signed in the browser. Closing or reloading the tab asks for it again.',
  },
  accessKeyId: { bn: 'অ্যাক্সেস কী আইডি', en: 'Access key ID' },
  secretAccessKey: { bn: 'গোপন কী', en: 'Secret access key' },
  signIn: { bn: 'প্রবেশ করুন', en: 'Sign in' },
  keyRefused: {
    bn: 'কী অথবা গোপন কী সঠিক নয়, অথবা কীটি বাতিল হয়েছে।',
    en: 'The key or its secret is not right, or the key has been revoked.',
  },
  notMerchantKey: { bn: 'এটি বিক্রেতার কী নয়।', en: 'This is not a merchant’s key.' },
  notRegulatorKey: { bn: 'এটি নিয়ন্ত্রক সংস্থার কী নয়।', en: 'This is not a regulator’s key.' },
  merchantPanel: { bn: 'বিক্রেতার প্যানেল', en: 'Merchant panel' },
  queue: { bn: 'অভিযোগের তালিকা', en: 'Complaints' },
  queueEmpty: { bn: 'এই অবস্থায় কোনো অভিযোগ নেই।', en: 'No complaint is in this status.' },
  overdue: { bn: 'সময় পেরিয়ে গেছে:', en: 'Overdue:' },
  dueSoon: { bn: '২৪ ঘণ্টার মধ্যে শেষ:', en: 'Due within 24 hours:' },
  dueBy: { bn: 'শেষ সময়', en: 'Due by' },
  actionAcknowledge: { bn: 'অভিযোগ গ্রহণ করুন', en: 'Acknowledge' },
  actionWriteToConsumer: { bn: 'ভোক্তাকে লিখুন', en: 'Write to the consumer' },
  actionRequestInformation: {
    bn: 'ভোক্তার কাছে তথ্য চান (একবারই)',
    en: 'Ask the consumer for information (once)',
  },
  requestInformationHint: {
    bn: 'কী লাগবে, অন্তত ১০ অক্ষরে। ভোক্তা উত্তর না দেওয়া পর্যন্ত, সর্বোচ্চ ৩ দিন, আপনার সময়সীমা থেমে থাকবে। একবারই চাওয়া যায়।',
    en: 'What you need, in at least 10 characters. Your deadline waits until the consumer answers, at most 3 days. You can ask once.',
  },
  deadlinePaused: {
    bn: 'সময়সীমা থেমে আছে: ভোক্তার উত্তরের অপেক্ষা; সর্বোচ্চ যত দিন থামবে:',
    en: 'Deadline paused: waiting for the consumer’s answer, at most until',
  },
  actionReply: { bn: 'জবাব দিন', en: 'Reply' },
  actionPropose: { bn: 'সমাধান প্রস্তাব করুন', en: 'Propose a resolution' },
  actionConfirmCompliance: { bn: 'সিদ্ধান্ত পালন নিশ্চিত করুন', en: 'Confirm you complied' },
  remedy: { bn: 'সমাধান', en: 'Remedy' },
  notANumber: { bn: 'একটি সংখ্যা লিখুন।', en: 'Write a number.' },
  waitForChecks: { bn: 'ফাইল যাচাই শেষ হওয়া পর্যন্ত অপেক্ষা করুন।', en: 'Wait until the files are checked.' },
  messageToConsumer: { bn: 'ভোক্তার জন্য বার্তা', en: 'Message to the consumer' },
  messageOptional: { bn: 'বার্তা (ঐচ্ছিক)', en: 'Message (optional)' },
  noPersonalData: { bn: 'অন্য কারও ব্যক্তিগত তথ্য লিখবেন না।', en: 'Do not write anyone else’s personal details.' },
  references: { bn: 'রেফারেন্স (প্রতি লাইনে একটি)', en: 'References (one a line)' },
  referencesHint: {
    bn: 'যেমন কুরিয়ারের ট্র্যাকিং লিংক বা টাকা ফেরতের লেনদেন নম্বর।',
    en: 'Such as a courier’s tracking link or a refund’s transaction ID.',
  },
  complainant: { bn: 'অভিযোগকারী', en: 'Complainant' },
  complianceDue: { bn: 'সিদ্ধান্ত পালনের শেষ তারিখ', en: 'Comply by' },
  webhookTitle: { bn: 'ওয়েবহুক', en: 'Webhook' },
  webhookNote: {
    bn: 'প্রতিটি নতুন অভিযোগ ও পরিবর্তন এই ঠিকানায় স্বাক্ষরসহ পাঠানো হয়। নতুন ঠিকানা দিলে নতুন গোপন কী তৈরি হয়।',
    en: 'Every new complaint and change is sent, signed, to this address. Saving an address makes a new signing secret.',
  },
  webhookUrl: { bn: 'ওয়েবহুকের ঠিকানা (https)', en: 'Webhook address (https)' },
  save: { bn: 'সংরক্ষণ করুন', en: 'Save' },
  webhookSaved: {
    bn: 'সংরক্ষিত হয়েছে। গোপন কীটি এখনই কপি করুন: এটি আর দেখানো হবে না।',
    en: 'Saved. Copy the signing secret now: it is not shown again.',
  },
  webhookSecret: { bn: 'স্বাক্ষরের গোপন কী', en: 'Signing secret' },
  deliveryLog: { bn: 'পাঠানোর লগ', en: 'Delivery log' },
  noDeliveries: { bn: 'এখনও কিছু পাঠানো হয়নি।', en: 'Nothing has been sent yet.' },
  delivered: { bn: 'পৌঁছেছে', en: 'Delivered' },
  notDelivered: { bn: 'পৌঁছায়নি', en: 'Not delivered' },
  attempts: { bn: 'চেষ্টা', en: 'attempts' },
  yourRecord: { bn: 'আপনার রেকর্ড', en: 'Your record' },
  yourRecordNote: { bn: 'জনসাধারণ যে পরিসংখ্যান দেখে, ঠিক তাই।', en: 'Exactly what the public sees.' },
  regulatorConsole: { bn: 'নিয়ন্ত্রক সংস্থার কনসোল', en: 'Regulator console' },
  casesTitle: { bn: 'নিয়ন্ত্রকের কাছে আসা অভিযোগ', en: 'Escalated cases' },
  merchantId: { bn: 'বিক্রেতার আইডি', en: 'Merchant ID' },
  any: { bn: 'সব', en: 'Any' },
  escalatedFrom: { bn: 'যেদিন থেকে', en: 'Escalated from' },
  escalatedTo: { bn: 'যেদিন পর্যন্ত', en: 'Escalated until' },
  noCases: { bn: 'এই শর্তে কোনো অভিযোগ নেই।', en: 'No case matches.' },
  alertsTitle: { bn: 'সতর্কবার্তা', en: 'Alerts' },
  alertsNote: {
    bn: 'বিক্রেতার অভিযোগের সংখ্যা নিয়মের সীমা ছাড়ালে প্রতি সপ্তাহে একবার সতর্কবার্তা ওঠে। এতে শুধু সংখ্যা থাকে, কোনো ভোক্তার তথ্য নয়।',
    en: "An alert is raised once a week when a merchant's complaints pass a rule's limit. It carries figures only, nothing about any consumer.",
  },
  noAlerts: { bn: 'কোনো সতর্কবার্তা নেই।', en: 'No alerts.' },
  alertThreshold: { bn: 'সীমা', en: 'limit' },
  alertBaseline: { bn: 'আগের সপ্তাহগুলোর মধ্যমা', en: 'median of the weeks before' },
  alertOf: { bn: 'এর মধ্যে', en: 'of which' },
  alertCasesLink: { bn: 'এই বিক্রেতার অভিযোগ', en: "This merchant's cases" },
  counterFiled: { bn: 'দাখিল হওয়া অভিযোগ', en: 'complaints filed' },
  counterFiledAdvanceNotDelivered: {
    bn: 'অগ্রিম পরিশোধ, পণ্য পাওয়া যায়নি',
    en: 'paid in advance, not delivered',
  },
  counterEscalated: { bn: 'নিয়ন্ত্রকের কাছে পাঠানো', en: 'escalated' },
  counterDeadlinesDue: { bn: 'যত সময়সীমা শেষ হয়েছে', en: 'deadlines that came due' },
  counterDeadlinesMissed: { bn: 'সময়সীমা পেরিয়ে যাওয়া', en: 'deadlines missed' },
  reasonDeadlineMissed: { bn: 'বিক্রেতা সময়মতো সমাধান করেনি', en: 'The merchant missed the deadline' },
  reasonDisputed: { bn: 'ভোক্তা সমাধানে আপত্তি করেছেন', en: 'The consumer disputed the resolution' },
  outcomeUpheld: { bn: 'অভিযোগ গৃহীত', en: 'Upheld' },
  outcomeDismissed: { bn: 'অভিযোগ খারিজ', en: 'Dismissed' },
  outcomeReferred: { bn: 'অন্য সংস্থায় পাঠানো', en: 'Referred' },
  exportTitle: { bn: 'সিএসভি হিসেবে নামান', en: 'Export as CSV' },
  exportCsv: { bn: 'এই অনুসন্ধানের সিএসভি তৈরি করুন', en: 'Export this search as CSV' },
  exportRunning: { bn: 'তৈরি হচ্ছে', en: 'Being written' },
  exportDone: { bn: 'তৈরি হয়েছে', en: 'Ready' },
  exportFailed: { bn: 'তৈরি করা যায়নি', en: 'Failed' },
  rows: { bn: 'সারি', en: 'rows' },
  downloadCsv: { bn: 'সিএসভি নামান (১৫ মিনিট কাজ করবে)', en: 'Download the CSV (works for 15 minutes)' },
  timelineVerified: { bn: 'ধাপসমূহ যাচাই করা হয়েছে: কিছু বদলানো হয়নি', en: 'Timeline verified: nothing has been changed' },
  timelineBroken: {
    bn: 'ধাপসমূহের শৃঙ্খল ভাঙা: কিছু বদলানো হয়েছে',
    en: 'The timeline’s chain is broken: something was changed',
  },
  evidenceVerified: { bn: 'প্রমাণ যাচাই করা হয়েছে: ফাইলগুলো অপরিবর্তিত', en: 'Evidence verified: the files are unchanged' },
  evidenceAltered: { bn: 'কোনো প্রমাণ ফাইল বদলেছে বা নেই', en: 'An evidence file was changed or is missing' },
  caseRecords: { bn: 'আনুষ্ঠানিক নথি', en: 'Case records' },
  recordEscalated: { bn: 'নিয়ন্ত্রকের কাছে পাঠানোর সময়', en: 'At escalation' },
  recordDecided: { bn: 'সিদ্ধান্তের পর', en: 'After the decision' },
  printable: { bn: 'ছাপার উপযোগী', en: 'Printable' },
  recordVerified: { bn: 'নথি মামলার সাথে মেলে', en: 'The record matches the case' },
  recordDiffers: { bn: 'নথি মামলার সাথে মেলে না', en: 'The record does not match the case' },
  hearings: { bn: 'শুনানি', en: 'Hearings' },
  scheduleHearing: { bn: 'শুনানির সময় ঠিক করুন', en: 'Schedule a hearing' },
  hearingMode: { bn: 'শুনানির ধরন', en: 'How it is held' },
  hearingOnline: { bn: 'অনলাইনে', en: 'Online' },
  hearingInPerson: { bn: 'সরাসরি', en: 'In person' },
  hearingAt: { bn: 'তারিখ ও সময়', en: 'Date and time' },
  dhakaTime: { bn: 'ঢাকার সময়', en: 'Dhaka time' },
  hearingLink: { bn: 'যোগ দেওয়ার লিংক', en: 'Link to join' },
  hearingPlace: { bn: 'স্থান', en: 'Place' },
  hearingNote: { bn: 'পক্ষদের জন্য নোট (ঐচ্ছিক)', en: 'Note for the parties (optional)' },
  hearingTold: { bn: 'উভয় পক্ষকে এসএমএস ও ইমেইলে জানানো হবে।', en: 'Both parties are told by SMS and email.' },
  decide: { bn: 'সিদ্ধান্ত দিন', en: 'Decide' },
  outcome: { bn: 'সিদ্ধান্ত', en: 'Outcome' },
  referredTo: { bn: 'যে সংস্থায় পাঠানো হচ্ছে', en: 'Agency referred to' },
  reasons: { bn: 'কারণ', en: 'Reasons' },
  reasonsHint: { bn: 'অন্তত ২০ অক্ষর। উভয় পক্ষ এটি দেখবে।', en: 'At least 20 characters. Both parties see them.' },
  reasonsTooShort: { bn: 'অন্তত ২০ অক্ষর লিখুন।', en: 'Write at least 20 characters.' },
  chartTableBelow: { bn: 'সব সংখ্যা নিচের সারণিতে', en: 'every figure is in the table below' },
  compareTitle: { bn: 'বিক্রেতাদের তুলনা', en: 'Compare merchants' },
  compare: { bn: 'তুলনায় যোগ করুন', en: 'Add to the comparison' },
  compareHint: { bn: 'খোঁজার ফল থেকে ৩টি পর্যন্ত বিক্রেতা বাছুন।', en: 'Choose up to 3 merchants from the search results.' },
  remove: { bn: 'সরান', en: 'Remove' },
  measure: { bn: 'পরিমাপ', en: 'Measure' },
  fileUnchanged: { bn: 'অপরিবর্তিত', en: 'unchanged' },
} satisfies Record<string, Bilingual>;

export type TextKey = keyof typeof texts;

/** The text of `key` in the chosen language (components call `useLanguage()` to re-render on a switch). */
export const t = (key: TextKey, lang: Language = current) => texts[key][lang];

export const hasText = (key: string): key is TextKey => Object.hasOwn(texts, key);
