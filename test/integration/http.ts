import { inject } from 'vitest';
import { isChallenged } from '../../functions/catalog';
import { dhakaDate } from '../../functions/domain/dates';
import type { ExecutionRecord } from '../../local/execution-journal';
import { checkAgainstContract } from './contract';

export const baseUrl = () => inject('localCloudUrl');

/** A token of the local web ACL's challenge, as AWS WAF's integration gets one in a browser (local/waf-challenge.ts). */
export const wafToken = async () =>
  ((await (await fetch(`${baseUrl()}/__local/waf/token`, { method: 'POST' })).json()) as { token: string }).token;

export const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  // Sign-in is challenged by the firewall: a test client solves it first, as the web app does (unless it sends a token of its own).
  const challenged = isChallenged(method, path) && !('x-aws-waf-token' in headers);
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(challenged && { 'x-aws-waf-token': await wafToken() }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const answer = { status: response.status, headers: response.headers, body: await bodyOf(response) };
  await checkAgainstContract(method, path, answer.status, response.headers.get('content-type'), answer.body);
  return answer;
};

/** The same JSON with its keys in the opposite order, as another client library (or a retry) would write it. */
export const reserialised = (body: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(body).reverse()));

/** A response's body: parsed if it is JSON, else its text (a script, an S3 error). */
export const bodyOf = async (response: Response) => {
  const text = await response.text();
  if (!text) return undefined;
  return (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
};

interface OutboxMessage {
  id: number;
  /** When it was sent, on the local cloud's clock. */
  at: string;
  channel: string;
  to: string;
  /** The JSON message for SNS; the text for SMS and email. */
  body: Record<string, unknown>;
  subject?: string;
  attributes?: Record<string, string>;
}

/** Which messages: to one recipient (a phone, an address, a topic), on one channel, mentioning a text (a tracking number). */
export interface OutboxFilter {
  to?: string;
  channel?: string;
  mentions?: string;
}

/** The messages sent so far, oldest first: those matching `filter` (the local cloud filters them), or all. */
export const outbox = async (filter: OutboxFilter = {}) => {
  const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== undefined));
  return (await request('GET', `/__local/outbox${query.size > 0 ? `?${query}` : ''}`)).body as OutboxMessage[];
};

/** The newest one-time code texted to `phone`. */
export const latestCode = async (phone: string) => {
  // Consumers are texted about their complaints too: take the newest verification text.
  const texts = (await outbox({ to: phone, channel: 'sms' })).filter((m) =>
    /যাচাই কোড|verification code/.test(String(m.body)),
  );
  const code = /\b(\d{6})\b/.exec(String(texts.at(-1)?.body ?? ''))?.[1];
  if (!code) throw new Error(`no code was texted to ${phone}`);
  return code;
};

let phoneCounter = 0;
/** A different valid phone number for each call, so tests do not share sessions or rate limits. */
export const freshPhone = () =>
  `+88017${String(Date.now() % 1_000_000).padStart(6, '0')}${String(phoneCounter++ % 100).padStart(2, '0')}`;

/** A distinct client address (the local gateway takes X-Forwarded-For as the source), so per-source limits do not add up across tests. */
export const freshClient = () => ({
  'x-forwarded-for': `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join('.')}`,
});

const sessions = new Map<string, { token: string; expiresAt: string; signedInAt: number }>();
const virtualNow = async () => Date.parse((await request('GET', '/__local/clock')).body.now);

/** Sign-ins under way: parallel callers of one phone share one (a second code within the minute would be refused). */
const signingIn = new Map<string, Promise<{ authorization: string }>>();

/** Verifies `phone` by OTP (through the outbox) and returns the Authorization header of a live session. */
export const signIn = (phone: string) => {
  const pending = signingIn.get(phone);
  if (pending) return pending;
  const started = signInOnce(phone).finally(() => signingIn.delete(phone));
  signingIn.set(phone, started);
  return started;
};

const signInOnce = async (phone: string) => {
  let session = sessions.get(phone);
  if (!session || Date.parse(session.expiresAt) <= (await virtualNow()) + 60_000) {
    const client = freshClient();
    const sent = await request('POST', '/v1/otp', { phone, language: 'en' }, client);
    if (sent.status !== 202) throw new Error(`OTP request failed: ${JSON.stringify(sent.body)}`);
    const verified = await request('POST', '/v1/otp/verify', { phone, code: await latestCode(phone) }, client);
    if (verified.status !== 200) throw new Error(`OTP verification failed: ${JSON.stringify(verified.body)}`);
    session = {
      token: verified.body.sessionToken as string,
      expiresAt: verified.body.expiresAt as string,
      signedInAt: await virtualNow(),
    };
    sessions.set(phone, session);
  }
  return { authorization: `Bearer ${session.token}` };
};

/** A fixture identity of the local cloud (README.md, "Test identities"). */
export const testNid = { document: 'NID', nidNumber: '1990123456', dateOfBirth: '1990-01-15' };

/** Signs in and verifies the identity once, as a consumer must before filing. */
export const signInVerified = async (phone: string) => {
  const headers = await signIn(phone);
  const verified = await request('POST', '/v1/identity', testNid, headers);
  if (verified.status !== 200) throw new Error(`identity verification failed: ${JSON.stringify(verified.body)}`);
  return headers;
};

/**
 * A session opened in the last 8 minutes (the data download asks for one under 10): the cached one
 * if it is that recent, else a new code (the 60-second wait between codes has long passed).
 */
export const signInRecently = async (phone: string) => {
  const cached = sessions.get(phone);
  if (cached && (await virtualNow()) - cached.signedInAt > 8 * 60_000) sessions.delete(phone);
  return signInVerified(phone);
};

const defaultConsumer = freshPhone();
export const asConsumer = () => signInVerified(defaultConsumer);

/**
 * How far the local cloud's clock runs ahead of this process's, kept in step by `syncClock` (before
 * each file) and `advanceClock`: files run one at a time and only they move the clock, so forms can
 * be dated "today" without a request.
 */
let clockOffsetMs: number | undefined;
export const syncClock = async () => {
  clockOffsetMs = (await virtualNow()) - Date.now();
};

/** The local cloud's calendar date in Dhaka, `daysAgo` days back. */
export const localDate = (daysAgo = 0) => {
  if (clockOffsetMs === undefined) throw new Error('localDate() needs the clock synced: call it inside a test');
  return dhakaDate(new Date(Date.now() + clockOffsetMs - daysAgo * 86_400_000));
};

export const advanceClock = async (duration: string) => {
  const advanced = await request('POST', '/__local/clock', { advance: duration });
  await syncClock();
  return advanced;
};

/** How long to wait for a condition, and what it is (said when the wait fails). */
export interface Waiting {
  /** 30 s unless given: generous, so that a busy machine is slow, not failing. */
  timeoutMs?: number;
  /** What is awaited, in words; the check's own source when not given. */
  what?: string;
  /** Between two reads; 50 ms unless given. */
  everyMs?: number;
}

/** At most `limit` characters of `value` as JSON, for a failure message. */
const preview = (value: unknown, limit = 1_500) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit)}... (${text.length} characters)` : text;
};

/**
 * Reads until `check` passes (the workflow runs after the HTTP call returns) and answers what it
 * read. Past the deadline it fails, saying what it waited for and what it read last.
 */
export const eventually = async <T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  waiting: number | Waiting = {},
): Promise<T> => {
  const {
    timeoutMs = 30_000,
    what = `(${check.toString()})`,
    everyMs = 50,
  } = typeof waiting === 'number' ? { timeoutMs: waiting } : waiting;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Waited ${timeoutMs / 1000} s for ${what}; the last read was ${preview(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
};

/** The executions whose name starts with `prefix` (a tracking number: its timers), optionally of one status. */
export const executions = async (prefix: string, status?: ExecutionRecord['status']) => {
  const query = new URLSearchParams({ name: prefix, ...(status && { status }) });
  return (await request('GET', `/__local/executions?${query}`)).body as ExecutionRecord[];
};

/**
 * When an integration file ends: let the cloud settle, stop every workflow execution it left waiting
 * (its complaints' timers) and disarm its faults, so the next file's clock moves fire only the
 * timers that file starts.
 */
export const endOfFile = async () => {
  const stopped = await request('POST', '/__local/executions/stop-running');
  if (stopped.status !== 200) throw new Error(`Could not stop what this file left waiting: ${preview(stopped.body)}`);
  await request('POST', '/__local/faults', { clear: true });
};
