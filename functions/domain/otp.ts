/**
 * One-time codes for phone verification: 6 digits, stored only as a salted hash, valid for
 * 5 minutes, at most 5 wrong tries per code, one new code per minute and 5 per hour per phone,
 * 300 per hour per network address.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { languages } from './complaint';
import { InvalidRequestError, RateLimitedError } from './errors';

/** POST /v1/otp: the phone to text a code to, and the language of the text. */
export const otpRequest = z.strictObject({
  phone: z.string({ error: 'give your mobile number' }).max(40),
  language: z.enum(languages).default('bn'),
});

/** POST /v1/otp/verify: the phone and the code it received. */
export const otpVerification = z.strictObject({
  phone: z.string({ error: 'give your mobile number' }).max(40),
  code: z.string({ error: 'give the 6-digit code' }).regex(/^\d{6}$/, 'the code has 6 digits'),
});

export const otpRules = {
  digits: 6,
  validForMs: 5 * 60_000,
  maxAttempts: 5,
  resendAfterMs: 60_000,
  perPhonePerHour: 5,
  /**
   * Per network address: carrier NAT puts thousands of phones behind one address, so this is a
   * cost ceiling, not the bot defence (in AWS, POST /v1/otp needs a solved WAF challenge).
   */
  perSourcePerHour: 300,
} as const;

const HOUR_MS = 3_600_000;

export interface OtpRecord {
  phone: string;
  codeHash: string;
  salt: string;
  sentAt: string;
  expiresAt: string;
  attempts: number;
  /** Start of the hour window and the number of codes sent in it. */
  windowStart: string;
  sentInWindow: number;
}

export const hashCode = (code: string, salt: string) => createHash('sha256').update(`${salt}:${code}`).digest('hex');

/** A uniformly random 6-digit code from random bytes (rejection sampling avoids bias). */
export const codeFrom = (randomBytes: (size: number) => Uint8Array): string => {
  const limit = 4_294_000_000; // largest multiple of 10^6 below 2^32
  for (;;) {
    const value = Buffer.from(randomBytes(4)).readUInt32BE(0);
    if (value < limit) return String(value % 1_000_000).padStart(otpRules.digits, '0');
  }
};

const secondsUntil = (at: number, now: Date) => Math.max(1, Math.ceil((at - now.getTime()) / 1000));

/** Decides whether a new code may be sent now; returns the record to store, or throws RateLimitedError. */
export const issueOtp = (input: {
  phone: string;
  previous: OtpRecord | undefined;
  code: string;
  salt: string;
  now: Date;
}): OtpRecord => {
  const { previous, now } = input;
  if (previous) {
    const resendAt = Date.parse(previous.sentAt) + otpRules.resendAfterMs;
    if (now.getTime() < resendAt) {
      throw new RateLimitedError(
        `A code was just sent. You can ask for a new one in ${secondsUntil(resendAt, now)} seconds.`,
        secondsUntil(resendAt, now),
      );
    }
  }
  const windowOpen = previous && now.getTime() < Date.parse(previous.windowStart) + HOUR_MS;
  const sentInWindow = windowOpen ? previous.sentInWindow : 0;
  if (windowOpen && sentInWindow >= otpRules.perPhonePerHour) {
    const reopensAt = Date.parse(previous.windowStart) + HOUR_MS;
    throw new RateLimitedError(
      `Too many codes were sent to this number. Try again in ${Math.ceil(secondsUntil(reopensAt, now) / 60)} minutes.`,
      secondsUntil(reopensAt, now),
    );
  }
  return {
    phone: input.phone,
    codeHash: hashCode(input.code, input.salt),
    salt: input.salt,
    sentAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + otpRules.validForMs).toISOString(),
    attempts: 0,
    windowStart: windowOpen ? previous.windowStart : now.toISOString(),
    sentInWindow: sentInWindow + 1,
  };
};

export type OtpCheck = { outcome: 'VERIFIED' } | { outcome: 'WRONG_CODE'; record: OtpRecord; attemptsLeft: number };

/** Checks a typed code. Throws for no code, an expired code or one with no tries left. */
export const checkOtp = (record: OtpRecord | undefined, typedCode: string, now: Date): OtpCheck => {
  if (!record || record.codeHash === '') {
    throw new InvalidRequestError('No code is waiting for this number. Ask for a new code.', {
      code: 'no code was sent',
    });
  }
  if (now.getTime() >= Date.parse(record.expiresAt)) {
    throw new InvalidRequestError('This code has expired. Ask for a new code.', { code: 'expired' });
  }
  if (record.attempts >= otpRules.maxAttempts) {
    throw new RateLimitedError(
      'Too many wrong codes. Ask for a new code.',
      secondsUntil(Date.parse(record.sentAt) + otpRules.resendAfterMs, now),
    );
  }
  const expected = Buffer.from(record.codeHash, 'hex');
  const actual = Buffer.from(hashCode(typedCode, record.salt), 'hex');
  if (timingSafeEqual(expected, actual)) return { outcome: 'VERIFIED' };
  const attempts = record.attempts + 1;
  return { outcome: 'WRONG_CODE', record: { ...record, attempts }, attemptsLeft: otpRules.maxAttempts - attempts };
};
