/**
 * The API, from the same origin as the pages. Every refusal carries `{error: {code, message}}`;
 * the pages show the code's text in the chosen language, and the API's own message where no
 * text is written for the code yet.
 */
import type { Language } from './format';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

const errorTexts: Record<string, Record<Language, string>> = {
  NETWORK: { bn: 'সংযোগ পাওয়া যায়নি। ইন্টারনেট সংযোগ দেখে আবার চেষ্টা করুন।', en: 'Could not connect. Check your connection and try again.' },
  NOT_FOUND: { bn: 'খুঁজে পাওয়া যায়নি।', en: 'Not found.' },
  INVALID_REQUEST: { bn: 'তথ্য সঠিক নয়।', en: 'Some of the details are not valid.' },
  RATE_LIMITED: { bn: 'অনেকবার চেষ্টা করা হয়েছে। একটু পরে আবার চেষ্টা করুন।', en: 'Too many tries. Please wait and try again.' },
  SERVICE_UNAVAILABLE: { bn: 'সেবাটি এই মুহূর্তে ব্যস্ত। একটু পরে আবার চেষ্টা করুন।', en: 'The service is busy. Please try again shortly.' },
  UNAUTHENTICATED: { bn: 'আপনার যাচাইয়ের মেয়াদ শেষ। মোবাইল নম্বর আবার যাচাই করুন।', en: 'Your sign-in has expired. Verify your mobile number again.' },
  TRANSITION_REFUSED: { bn: 'অভিযোগটির অবস্থা বদলে গেছে, তাই এটি এখন করা যায় না। পাতাটি আবার দেখুন।', en: 'The complaint has moved on, so this cannot be done now. Look at the page again.' },
  CONCURRENT_CHANGE: { bn: 'একই সময়ে অভিযোগটি বদলেছে। পাতাটি আবার দেখে চেষ্টা করুন।', en: 'The complaint changed at the same moment. Look at the page again and retry.' },
  // A refusal about one field: `<code>.<field>`.
  'INVALID_REQUEST.trackingNumber': {
    bn: 'ট্র্যাকিং নম্বরে টাইপের ভুল আছে। এসএমএস বা ইমেইলের নম্বরের সাথে মিলিয়ে দেখুন।',
    en: 'That tracking number has a typing mistake: check it against your SMS or email.',
  },
};

/** Whether trying the same request again may help: the network or the service, not the request itself. */
export const worthRetrying = (error: unknown) => !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;

/** What to tell a person about `error`, in `lang`. */
export const errorText = (error: unknown, lang: Language) => {
  if (error instanceof ApiError) {
    const field = Object.keys(error.fields ?? {}).find((name) => errorTexts[`${error.code}.${name}`]);
    return errorTexts[field ? `${error.code}.${field}` : error.code]?.[lang] ?? error.message;
  }
  return errorTexts.NETWORK![lang];
};

const answerOf = async <T>(response: Response): Promise<T> => {
  const body = (await response.json().catch(() => undefined)) as { error?: { code: string; message: string; fields?: Record<string, string> } } | undefined;
  if (!response.ok) {
    const code = body?.error?.code ?? (response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INVALID_REQUEST');
    throw new ApiError(response.status, code, body?.error?.message ?? response.statusText, body?.error?.fields);
  }
  return body as T;
};

/** What a request carries besides its body: fixed headers (a session's bearer token), or headers made per attempt (a SigV4 signature, which a server accepts once). */
export type Authorization = Record<string, string> | ((request: { method: string; path: string; body: string; headers: Record<string, string> }) => Promise<Record<string, string>>);

const headersFor = async (auth: Authorization, request: { method: string; path: string; body: string; headers: Record<string, string> }) =>
  typeof auth === 'function' ? auth(request) : { ...request.headers, ...auth };

export const getJson = async <T>(path: string, auth: Authorization = {}): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(path, { headers: await headersFor(auth, { method: 'GET', path, body: '', headers: { accept: 'application/json' } }) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The network request failed.');
  }
  return answerOf<T>(response);
};

/** How long one attempt may take before it is abandoned and sent again. */
const attemptTimeoutMs = 20_000;

/**
 * Sends JSON (POST by default). On a slow or broken connection an attempt that times out or fails
 * is sent again, up to three times, with the same Idempotency-Key: the API answers a repeat with
 * the first answer, so a filing that did reach it is never made twice.
 */
export const sendJson = async <T>(path: string, body: unknown, auth: Authorization = {}, method: 'POST' | 'PUT' = 'POST'): Promise<T> => {
  const idempotencyKey = crypto.randomUUID();
  const text = JSON.stringify(body);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    let response: Response;
    try {
      const headers = await headersFor(auth, { method, path, body: text, headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': idempotencyKey } });
      response = await fetch(path, { method, headers, body: text, signal: AbortSignal.timeout(attemptTimeoutMs) });
    } catch {
      lastError = new ApiError(0, 'NETWORK', 'The network request failed.');
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
