import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, RateLimitedError } from '../../functions/domain/errors';
import { checkOtp, codeFrom, issueOtp, otpRules, type OtpRecord } from '../../functions/domain/otp';
import { maskPhone, normalizeBangladeshiMobile } from '../../functions/domain/phone';
import { hashToken, isLive, newSession } from '../../functions/domain/session';

const phone = '+8801712345678';
const t0 = new Date('2026-06-01T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const issue = (previous: OtpRecord | undefined, at: Date, code = '909090') =>
  issueOtp({ phone, previous, code, salt: 'salt', now: at });

describe('Bangladeshi mobile numbers', () => {
  it.each([
    '01712345678',
    '01712-345678',
    '8801712345678',
    '+8801712345678',
    '+880 1712 345678',
    '00880 1712-345678',
    '(017) 1234-5678',
  ])('normalises %s', (typed) => expect(normalizeBangladeshiMobile(typed)).toBe(phone));
  it.each(['01212345678', '0171234567', '017123456789', '+441712345678', 'not a phone', ''])(
    'refuses %j with an example',
    (typed) => {
      expect(() => normalizeBangladeshiMobile(typed)).toThrow(/like 01712-345678/);
    },
  );
  it('masks numbers for messages', () => expect(maskPhone(phone)).toBe('+88017******78'));
});

describe('one-time codes', () => {
  it('draws 6-digit codes', () => {
    for (let i = 0; i < 100; i++) expect(codeFrom(randomBytes)).toMatch(/^\d{6}$/);
  });

  it('stores only a salted hash, valid for 5 minutes', () => {
    const record = issue(undefined, t0);
    expect(JSON.stringify(record)).not.toContain('909090');
    expect(record.expiresAt).toBe(later(otpRules.validForMs).toISOString());
    expect(checkOtp(record, '909090', later(otpRules.validForMs - 1))).toEqual({ outcome: 'VERIFIED' });
    expect(() => checkOtp(record, '909090', later(otpRules.validForMs))).toThrow('This code has expired');
  });

  it('counts wrong codes and refuses after 5, even the right one', () => {
    let record = issue(undefined, t0);
    for (let left = 4; left >= 0; left--) {
      const result = checkOtp(record, '000000', later(1000));
      expect(result).toMatchObject({ outcome: 'WRONG_CODE', attemptsLeft: left });
      record = (result as { record: OtpRecord }).record;
    }
    expect(() => checkOtp(record, '909090', later(2000))).toThrow(RateLimitedError);
  });

  it('refuses a resend within a minute, saying how long to wait', () => {
    const first = issue(undefined, t0);
    expect(() => issue(first, later(20_000))).toThrow('in 40 seconds');
    expect(issue(first, later(60_000)).sentInWindow).toBe(2);
  });

  it('allows 5 codes an hour per phone, then refuses until the hour is over', () => {
    let record = issue(undefined, t0);
    for (let i = 1; i < otpRules.perPhonePerHour; i++) record = issue(record, later(i * 61_000));
    expect(() => issue(record, later(10 * 61_000))).toThrow(/Too many codes.*minutes/);
    expect(issue(record, later(3_600_000)).sentInWindow).toBe(1);
  });

  it('refuses a check when no code was sent', () => {
    expect(() => checkOtp(undefined, '909090', t0)).toThrow(InvalidRequestError);
  });
});

describe('consumer sessions', () => {
  it('hands out a token whose hash, not the token, identifies the session, for one hour', () => {
    const { token, session } = newSession({ consumerId: phone, randomBytes, now: t0 });
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(session.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(session)).not.toContain(token);
    expect(isLive(session, later(3_599_999))).toBe(true);
    expect(isLive(session, later(3_600_000))).toBe(false);
    expect(isLive(undefined, t0)).toBe(false);
  });
});
