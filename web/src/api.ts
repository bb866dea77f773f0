/**
 * The API, from the same origin as the pages. Every refusal carries `{error: {code, message}}`;
 * the pages show the code's text in the chosen language, and the API's own message where no
 * text is written for the code yet.
 */
import type { Language } from './format';
import { refusalTexts } from './names';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** What the refusal names (the open complaints an erasure waits for...). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** What each error code means for a person, in both languages (the filing refusals are in names.ts, beside the form). */
export const errorTexts: Record<string, Record<Language, string>> = {
  NETWORK: {
    bn: 'সংযোগ পাওয়া যায়নি। ইন্টারনেট সংযোগ দেখে আবার চেষ্টা করুন।',
    en: 'Could not connect. Check your connection and try again.',
  },
  NOT_FOUND: { bn: 'খুঁজে পাওয়া যায়নি।', en: 'Not found.' },
  INVALID_REQUEST: { bn: 'তথ্য সঠিক নয়।', en: 'Some of the details are not valid.' },
  RATE_LIMITED: { bn: 'অনেকবার চেষ্টা করা হয়েছে। একটু পরে আবার চেষ্টা করুন।', en: 'Too many tries. Please wait and try again.' },
  SERVICE_UNAVAILABLE: {
    bn: 'সেবাটি এই মুহূর্তে ব্যস্ত। একটু পরে আবার চেষ্টা করুন।',
    en: 'The service is busy. Please try again shortly.',
  },
  UNAUTHENTICATED: {
    bn: 'আপনার যাচাইয়ের মেয়াদ শেষ। মোবাইল নম্বর আবার যাচাই করুন।',
    en: 'Your sign-in has expired. Verify your mobile number again.',
  },
  TRANSITION_REFUSED: {
    bn: 'অভিযোগটির অবস্থা বদলে গেছে, তাই এটি এখন করা যায় না। পাতাটি আবার দেখুন।',
    en: 'The complaint has moved on, so this cannot be done now. Look at the page again.',
  },
  CONCURRENT_CHANGE: {
    bn: 'একই সময়ে অভিযোগটি বদলেছে। পাতাটি আবার দেখে চেষ্টা করুন।',
    en: 'The complaint changed at the same moment. Look at the page again and retry.',
  },
  FORBIDDEN: { bn: 'এই কাজটি করার অনুমতি আপনার নেই।', en: 'You are not allowed to do this.' },
  METHOD_NOT_ALLOWED: { bn: 'এভাবে এই কাজটি করা যায় না।', en: 'This cannot be done this way.' },
  INTERNAL: {
    bn: 'আমাদের দিকে একটি সমস্যা হয়েছে। একটু পরে আবার চেষ্টা করুন।',
    en: 'Something went wrong on our side. Please try again shortly.',
  },
  PAYLOAD_TOO_LARGE: {
    bn: 'লেখাটি অনেক বড়। একটু ছোট করে আবার পাঠান।',
    en: 'That is too long. Shorten it and send it again.',
  },
  CHALLENGE_FAILED: {
    bn: 'নিরাপত্তা যাচাই সম্পন্ন হয়নি। পাতাটি আবার খুলে চেষ্টা করুন।',
    en: 'The security check could not be completed. Reload the page and try again.',
  },
  CONFIRMATION_EXPIRED: {
    bn: 'লিংকটির মেয়াদ (৭ দিন) শেষ। অভিযোগের খবর এসএমএসে আসতে থাকবে।',
    en: 'This link has expired (it works for 7 days). Updates keep coming by SMS.',
  },
  MESSAGES_TODAY_USED: {
    bn: 'আজ এই অভিযোগে ১০টি বার্তা লেখা হয়ে গেছে। রাত ১২টার (ঢাকা সময়) পরে আবার লিখুন।',
    en: 'You have written the 10 messages a day allowed on this complaint. Write again after midnight (Dhaka time).',
  },
  MESSAGE_LIMIT: {
    bn: 'এই অভিযোগে একজন পক্ষ যত বার্তা লিখতে পারে, আপনি সব লিখে ফেলেছেন। বাকিটা ফাইল হিসেবে যোগ করুন।',
    en: 'You have written all the messages a party may write on this complaint. Add anything more as a file.',
  },
  LINK_USED: {
    bn: 'এই লিংকটি একবার ব্যবহার করা হয়েছে। অভিযোগটি কোন অবস্থায় আছে, তা দেখুন।',
    en: 'This link has been used already. See where the complaint stands.',
  },
  LINK_EXPIRED: {
    bn: 'এই লিংকে উত্তর দেওয়ার সময় শেষ। অভিযোগটি কোন অবস্থায় আছে, তা দেখুন।',
    en: 'The time to answer with this link has ended. See where the complaint stands.',
  },
  LINK_SUPERSEDED: {
    bn: 'লিংকটি পাঠানোর পরে অভিযোগে নতুন কিছু ঘটেছে। অভিযোগটি দেখুন।',
    en: 'Something newer happened on the complaint since this link was sent. Look at the complaint.',
  },
  ACTION_NOT_OFFERED: {
    bn: 'এই লিংক দিয়ে এটি করা যায় না। অভিযোগের পাতায় প্রবেশ করে করুন।',
    en: 'This link cannot do that. Sign in on the complaint’s page to do it.',
  },
  REQUEST_IN_PROGRESS: {
    bn: 'আগের অনুরোধটি এখনও চলছে। একটু অপেক্ষা করুন।',
    en: 'The first try is still being handled. Please wait a moment.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    bn: 'একই অনুরোধ অন্য তথ্যসহ আবার পাঠানো হয়েছে। পাতাটি আবার খুলে চেষ্টা করুন।',
    en: 'The same request was sent again with different details. Reload the page and try again.',
  },
  IDENTITY_REQUIRED: { bn: 'অভিযোগ করার আগে একবার পরিচয় যাচাই করুন।', en: 'Verify your identity once before filing.' },
  FRESH_SIGN_IN_REQUIRED: {
    bn: 'তথ্য ডাউনলোড বা মুছতে নতুন কোড দিয়ে আবার প্রবেশ করুন (১০ মিনিটের বেশি পুরনো প্রবেশে হবে না)।',
    en: 'To download or erase your data, sign in again with a new code (a sign-in over 10 minutes old is not enough).',
  },
  OPEN_COMPLAINTS: {
    bn: 'আপনার কিছু অভিযোগ এখনও চলছে। সেগুলো প্রত্যাহার করুন বা বন্ধ হওয়া পর্যন্ত অপেক্ষা করুন, তারপর আবার চেষ্টা করুন।',
    en: 'Some of your complaints are still open. Withdraw them or wait until they are closed, then try again.',
  },
  IDENTITY_NOT_MATCHED: {
    bn: 'নম্বর ও জন্ম তারিখ জাতীয় তথ্যভান্ডারের সাথে মেলেনি। কাগজ দেখে আবার লিখুন।',
    en: 'The number and date of birth do not match the national record. Check the document and type them again.',
  },
  USE_NID: { bn: 'আপনার বয়স ১৮ বা তার বেশি: জাতীয় পরিচয়পত্র ব্যবহার করুন।', en: 'You are 18 or older: use your national ID.' },
  USE_BIRTH_REGISTRATION: {
    bn: 'আপনার বয়স ১৮-এর কম: অভিভাবকসহ জন্ম নিবন্ধন ব্যবহার করুন।',
    en: 'You are under 18: use your birth registration, with a guardian.',
  },
  DATE_OF_BIRTH_IN_FUTURE: { bn: 'জন্ম তারিখ ভবিষ্যতে হতে পারে না।', en: 'The date of birth cannot be in the future.' },
  ATTACHMENT_LIMIT_REACHED: {
    bn: 'সর্বোচ্চ সংখ্যক ফাইল যোগ করা হয়েছে। বাতিল হওয়া ফাইল জায়গা ছেড়ে দেয়।',
    en: 'The most files allowed are attached. A rejected file frees its place.',
  },
  EVIDENCE_CLOSED: {
    bn: 'অভিযোগটি আর চলমান নয়, তাই প্রমাণ যোগ করা যায় না।',
    en: 'The complaint is no longer open, so evidence cannot be added.',
  },
  EVIDENCE_NOT_VERIFIED: {
    bn: 'শুধু যাচাই সম্পন্ন ফাইল যুক্ত করা যায়। যাচাই শেষ হওয়া পর্যন্ত অপেক্ষা করুন।',
    en: 'Only checked files can be attached. Wait until the check is done.',
  },
  TYPE_MISMATCH: {
    bn: 'ফাইলটি যে ধরনের বলা হয়েছে, তা নয়। JPEG, PNG, WebP বা PDF দিন।',
    en: 'The file is not the type it claims to be. Use JPEG, PNG, WebP or PDF.',
  },
  SIZE_MISMATCH: {
    bn: 'ফাইলের আকার বলা আকারের সাথে মেলেনি। আবার আপলোড করুন।',
    en: 'The file’s size differs from the size given. Upload it again.',
  },
  UPLOAD_AFTER_CHECK: {
    bn: 'যাচাইয়ের পরে ফাইলটি বদলানো হয়েছে, তাই বাতিল হয়েছে। নতুন করে আপলোড করুন।',
    en: 'The file was changed after its check, so it was rejected. Upload it afresh.',
  },
  THREATS_FOUND: {
    bn: 'ম্যালওয়্যার স্ক্যানে ফাইলটিতে ঝুঁকি পাওয়া গেছে। এটি আলাদা রাখা হয়েছে, কাউকে দেখানো হবে না। প্রয়োজনে একটি নিরাপদ কপি আপলোড করুন।',
    en: 'A malware scan found a threat in the file. It is kept apart and shown to no one. Upload a clean copy if you need it.',
  },
  HEARING_IN_PAST: { bn: 'শুনানির সময় ভবিষ্যতে হতে হবে।', en: 'The hearing must be in the future.' },
  HEARING_LIMIT_REACHED: {
    bn: 'এই মামলায় সর্বোচ্চ সংখ্যক শুনানি হয়ে গেছে।',
    en: 'This case has had the most hearings allowed.',
  },
  MONTH_INVALID: { bn: 'মাস লিখুন YYYY-MM আকারে, যেমন 2026-11।', en: 'Give the month as YYYY-MM, such as 2026-11.' },
  MONTH_NOT_REPORTABLE: {
    bn: 'শেষ হয়ে যাওয়া মাসের হিসাব দিন, গত ২৪ মাসের মধ্যে।',
    en: 'Report a month that has ended, within the last 24 months.',
  },
  ORDER_COUNT_CHANGED: {
    bn: 'এই মাসের হিসাব এইমাত্র অন্য কেউ জানিয়েছে। তালিকা আবার দেখে প্রয়োজনে সংশোধন করুন।',
    en: 'Another report of this month came first. Look at the list again and correct it if you need to.',
  },
  CORRECTION_LIMIT_REACHED: {
    bn: 'এই মাসের হিসাব আর সংশোধন করা যাবে না (সর্বোচ্চ ৫০ বার)।',
    en: "This month's count cannot be corrected again (50 times at most).",
  },
  ALREADY_REPORTED: {
    bn: 'এই বিক্রেতার বিরুদ্ধে আপনি আগেই রিপোর্ট করেছেন। আপনার রিপোর্ট আছে; প্রত্যেক ভোক্তা একবারই গণনায় আসেন।',
    en: 'You have reported this seller before. Your report stands; each consumer counts once.',
  },
  SELLER_ON_CCMS: {
    bn: 'এই বিক্রেতা এখন CCMS-এ আছে: তার বিরুদ্ধে অভিযোগ দায়ের করুন, তাকে উত্তর দিতে হবে।',
    en: 'This seller is on CCMS now: file a complaint against it, and it must answer.',
  },
  IN_COLLECTIVE_CASE: {
    bn: 'এই মামলাটি একটি সম্মিলিত মামলার অংশ: শুনানি ও সিদ্ধান্ত সম্মিলিত মামলাতেই হবে।',
    en: 'This case is part of a collective case: it is heard and decided with it.',
  },
  COLLECTIVE_CASE_DECIDED: {
    bn: 'সম্মিলিত মামলাটির সিদ্ধান্ত আগেই হয়ে গেছে।',
    en: 'The collective case was decided already.',
  },
  COLLECTIVE_CASE_EMPTY: {
    bn: 'সিদ্ধান্তের আগে সম্মিলিত মামলায় অন্তত একটি এসকেলেট হওয়া মামলা যোগ করুন।',
    en: 'Add at least one escalated case to the collective case before deciding it.',
  },
  NOT_ESCALATED: {
    bn: 'এই ট্র্যাকিং নম্বরে কোনো এসকেলেট হওয়া মামলা নেই।',
    en: 'No escalated case has this tracking number.',
  },
  OTHER_MERCHANT: {
    bn: 'মামলাটি অন্য বিক্রেতার বিরুদ্ধে।',
    en: 'The case is against another merchant.',
  },
  ALREADY_DECIDED: {
    bn: 'মামলাটির সিদ্ধান্ত আলাদাভাবে আগেই হয়ে গেছে।',
    en: 'The case was already decided on its own.',
  },
  ERASED: { bn: 'মামলাটি মুছে ফেলা হয়েছে।', en: 'The case was erased.' },
  CASE_CHANGED: {
    bn: 'যোগ করার সময় মামলাটি বদলে গেছে (নিষ্পত্তি বা প্রত্যাহার): আবার দেখুন।',
    en: 'The case changed while it was added (decided or withdrawn): look at it again.',
  },
  ALREADY_MEMBER: { bn: 'মামলাটি আগেই যুক্ত আছে।', en: 'The case is a member already.' },
  IN_ANOTHER_CASE: {
    bn: 'মামলাটি অন্য একটি সম্মিলিত মামলার অংশ।',
    en: 'The case is part of another collective case.',
  },
  DECIDED: {
    bn: 'যোগ করার সময়েই সম্মিলিত মামলার সিদ্ধান্ত হয়ে গেছে।',
    en: 'The collective case was decided while these were added.',
  },
  FULL: {
    bn: 'একটি সম্মিলিত মামলায় সর্বোচ্চ ৫,০০০টি মামলা থাকতে পারে।',
    en: 'A collective case holds at most 5,000 cases.',
  },
  COMPLIANCE_DATE_INVALID: {
    bn: 'সিদ্ধান্ত পালনের তারিখ আগামীকাল থেকে এক বছরের মধ্যে হতে হবে।',
    en: 'The compliance date must be from tomorrow to a year ahead.',
  },
  SEARCH_RANGE_INVALID: {
    bn: 'তারিখের সীমা ঠিক নয়: শুরু শেষের আগে, সর্বোচ্চ ৬০ মাস।',
    en: 'The date range is not valid: the start before the end, at most 60 months.',
  },
  WEBHOOK_ADDRESS_REFUSED: {
    bn: 'এই ঠিকানায় পাঠানো যায় না (ব্যক্তিগত বা অভ্যন্তরীণ ঠিকানা)। একটি সর্বজনীন https ঠিকানা দিন।',
    en: 'Messages cannot go to this address (a private or internal one). Give a public https address.',
  },
  WEBHOOK_HOST_UNKNOWN: {
    bn: 'এই ঠিকানার সার্ভার খুঁজে পাওয়া যায়নি। বানান দেখুন।',
    en: 'No server was found at that address. Check the spelling.',
  },
  ALREADY_EXISTS: { bn: 'এটি আগে থেকেই আছে।', en: 'This already exists.' },
  TOO_MANY_KEYS: {
    bn: 'সর্বোচ্চ সংখ্যক কী চালু আছে। পুরোনো একটি বাতিল করুন।',
    en: 'The most keys allowed are active. Revoke an old one first.',
  },
  // A refusal about one field: `<code>.<field>`.
  'INVALID_REQUEST.trackingNumber': {
    bn: 'ট্র্যাকিং নম্বরে টাইপের ভুল আছে। এসএমএস বা ইমেইলের নম্বরের সাথে মিলিয়ে দেখুন।',
    en: 'That tracking number has a typing mistake: check it against your SMS or email.',
  },
};

/** Whether trying the same request again may help: the network or the service, not the request itself. */
export const worthRetrying = (error: unknown) =>
  !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;

/** What to tell a person about `error`, in `lang`. */
export const errorText = (error: unknown, lang: Language) => {
  if (error instanceof ApiError) {
    const field = Object.keys(error.fields ?? {}).find((name) => errorTexts[`${error.code}.${name}`]);
    return (
      (errorTexts[field ? `${error.code}.${field}` : error.code] ?? refusalTexts[error.code])?.[lang] ?? error.message
    );
  }
  return errorTexts.NETWORK![lang];
};

const answerOf = async <T>(response: Response): Promise<T> => {
  const body = (await response.json().catch(() => undefined)) as
    | {
        error?: {
          code: string;
          message: string;
          fields?: Record<string, string>;
          details?: Record<string, unknown>;
        };
      }
    | undefined;
  if (!response.ok) {
    const code = body?.error?.code ?? (response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INVALID_REQUEST');
    throw new ApiError(
      response.status,
      code,
      body?.error?.message ?? response.statusText,
      body?.error?.fields,
      body?.error?.details,
    );
  }
  // Every answer of the API has a JSON body: an empty 2xx (a firewall's, a proxy's) is not one.
  if (body === undefined) throw new ApiError(response.status, 'SERVICE_UNAVAILABLE', 'The answer had no body.');
  return body as T;
};

/** AWS WAF answers a request it challenges with 202, no body, and this header. */
const isChallenge = (response: Response) => response.headers.get('x-amzn-waf-action') === 'challenge';

/** Solves the firewall's challenge and answers its token (web/src/waf.ts in the page; none: a challenge fails). */
let solveChallenge: (() => Promise<string>) | undefined;
export const setChallengeSolver = (solver: (() => Promise<string>) | undefined) => {
  solveChallenge = solver;
};

/** The firewall's challenge token, once solved; sent with every request until a challenge asks for a new one. */
let wafToken: string | undefined;

/** What a request carries besides its body: fixed headers (a session's bearer token), or headers made per attempt (a SigV4 signature, which a server accepts once). */
export type Authorization =
  | Record<string, string>
  | ((request: {
      method: string;
      path: string;
      body: string;
      headers: Record<string, string>;
    }) => Promise<Record<string, string>>);

const headersFor = async (
  auth: Authorization,
  request: { method: string; path: string; body: string; headers: Record<string, string> },
) => (typeof auth === 'function' ? auth(request) : { ...request.headers, ...auth });

export const getJson = async <T>(path: string, auth: Authorization = {}): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: await headersFor(auth, { method: 'GET', path, body: '', headers: { accept: 'application/json' } }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The network request failed.');
  }
  return answerOf<T>(response);
};

/** A signed GET of a text file (a CSV): its text, or the API's refusal as an ApiError. */
export const getText = async (path: string, auth: Authorization = {}): Promise<string> => {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: await headersFor(auth, { method: 'GET', path, body: '', headers: { accept: 'text/csv' } }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The network request failed.');
  }
  if (!response.ok) return answerOf<never>(response);
  return response.text();
};

/** How long one attempt may take before it is abandoned and sent again. */
const attemptTimeoutMs = 20_000;

/**
 * Sends JSON (POST by default). On a slow or broken connection an attempt that times out or fails
 * is sent again, up to three times, with the same Idempotency-Key: the API answers a repeat with
 * the first answer, so a filing that did reach it is never made twice.
 */
export const sendJson = async <T>(
  path: string,
  body: unknown,
  auth: Authorization = {},
  method: 'POST' | 'PUT' = 'POST',
): Promise<T> => {
  const idempotencyKey = crypto.randomUUID();
  const text = JSON.stringify(body);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    let response: Response;
    try {
      const headers = await headersFor(auth, {
        method,
        path,
        body: text,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': idempotencyKey,
          ...(wafToken && { 'x-aws-waf-token': wafToken }),
        },
      });
      response = await fetch(path, { method, headers, body: text, signal: AbortSignal.timeout(attemptTimeoutMs) });
    } catch {
      lastError = new ApiError(0, 'NETWORK', 'The network request failed.');
      continue;
    }
    // The firewall asks the browser to prove itself first (waf.ts): solve, then send again.
    if (isChallenge(response)) {
      lastError = new ApiError(response.status, 'CHALLENGE_FAILED', 'The security check could not be completed.');
      if (!solveChallenge) throw lastError;
      try {
        wafToken = await solveChallenge();
      } catch {
        throw lastError;
      }
      continue;
    }
    try {
      return await answerOf<T>(response);
    } catch (error) {
      // The first attempt still being served (REQUEST_IN_PROGRESS), or the service busy: ask again shortly.
      if (!(error instanceof ApiError) || !(error.code === 'REQUEST_IN_PROGRESS' || error.status === 503)) throw error;
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
    }
  }
  throw lastError;
};

export const postJson = <T>(path: string, body: unknown, auth: Authorization = {}) => sendJson<T>(path, body, auth);
