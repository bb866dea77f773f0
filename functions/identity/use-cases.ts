/** Phone verification by one-time code, and the sessions it opens. */
import type { Clock } from '../domain/clock';
import {
  ConcurrentChangeError,
  RefusedError,
  InvalidRequestError,
  RateLimitedError,
  ServiceUnavailableError,
} from '../domain/errors';
import { dhakaDate, nextDhakaMidnight } from '../domain/dates';
import {
  checkDocumentFitsAge,
  documentNumber,
  identityRules,
  verifiedIdentity,
  type IdentityRequest,
  type VerifiedIdentity,
} from '../domain/identity';
import { checkOtp, codeFrom, issueOtp, otpRules } from '../domain/otp';
import { normalizeBangladeshiMobile } from '../domain/phone';
import type {
  ConsumerProfile,
  ConsumerProfiles,
  IdentityVerifier,
  KeyedHasher,
  OtpStore,
  SessionStore,
  SmsSender,
  SourceRateLimiter,
} from '../domain/ports';
import { hashToken, isLive, newSession, type ConsumerSession } from '../domain/session';
import type { Language } from '../domain/complaint';

export interface PhoneVerificationDependencies {
  otps: OtpStore;
  sources: SourceRateLimiter;
  sessions: SessionStore;
  sms: SmsSender;
  clock: Clock;
  randomBytes: (size: number) => Uint8Array;
}

/** The sign-in code SMS: one part in either language (test/unit/sms-templates.test.ts). */
export const otpText = (code: string, language: Language) =>
  language === 'en'
    ? `Your CCMS verification code is ${code}. It expires in 5 minutes. Never share it with anyone.`
    : `আপনার CCMS যাচাই কোড ${code}। ৫ মিনিট বৈধ। কাউকে জানাবেন না।`;

export const requestOtpUseCase =
  (deps: PhoneVerificationDependencies) => async (input: { phone: string; language: Language; source: string }) => {
    const phone = normalizeBangladeshiMobile(input.phone);
    const now = deps.clock.now();
    const previous = await deps.otps.get(phone);
    const code = codeFrom(deps.randomBytes);
    const record = issueOtp({ phone, previous, code, salt: Buffer.from(deps.randomBytes(16)).toString('hex'), now });
    await deps.sources.consume(input.source, otpRules.perSourcePerHour, now);
    // Store the code before texting it: the conditional write lets one of parallel requests send.
    try {
      await deps.otps.put(record, previous);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
      throw new RateLimitedError(
        'A code was just sent. You can ask for a new one in a minute.',
        otpRules.resendAfterMs / 1000,
      );
    }
    try {
      await deps.sms.send(phone, otpText(code, input.language));
    } catch {
      // Nothing was sent: give the reservation back so the consumer may ask again at once.
      await deps.otps.release(record, previous);
      throw new ServiceUnavailableError('We could not send the SMS just now. Please try again in a minute.');
    }
    return {
      phone,
      expiresInSeconds: otpRules.validForMs / 1000,
      resendAfterSeconds: otpRules.resendAfterMs / 1000,
    };
  };

/** Checking a code sends nothing: no SMS client is needed (nor loaded at verifyOtp's cold start). */
export type CodeCheckDependencies = Pick<PhoneVerificationDependencies, 'otps' | 'sessions' | 'clock' | 'randomBytes'>;

export const verifyOtpUseCase = (deps: CodeCheckDependencies) => async (input: { phone: string; code: string }) => {
  const phone = normalizeBangladeshiMobile(input.phone);
  const now = deps.clock.now();
  const record = await deps.otps.get(phone);
  const result = checkOtp(record, input.code, now);
  if (result.outcome === 'WRONG_CODE') {
    await deps.otps.put(result.record, record);
    const message =
      result.attemptsLeft > 0
        ? `That code is not right. ${result.attemptsLeft} tries left.`
        : 'That code is not right, and no tries are left. Ask for a new code.';
    throw new InvalidRequestError(message, { code: 'wrong code' });
  }
  // A code opens one session only: spend it before handing out the token.
  await deps.otps.put({ ...record!, codeHash: '', attempts: otpRules.maxAttempts }, record);
  const { token, session } = newSession({ consumerId: phone, randomBytes: deps.randomBytes, now });
  await deps.sessions.put(session);
  return { sessionToken: token, expiresAt: session.expiresAt, phone };
};

/** Resolves a bearer token to a live session, or undefined. */
export const authenticateConsumerUseCase =
  (deps: { sessions: SessionStore; clock: Clock }) =>
  async (authorizationHeader: string | undefined): Promise<ConsumerSession | undefined> => {
    const token = /^Bearer\s+([\w-]{20,200})$/i.exec(authorizationHeader?.trim() ?? '')?.[1];
    if (!token) return undefined;
    const session = await deps.sessions.get(hashToken(token));
    return isLive(session, deps.clock.now()) ? session : undefined;
  };

export interface IdentityDependencies {
  profiles: ConsumerProfiles;
  verifier: IdentityVerifier;
  hasher: KeyedHasher;
  clock: Clock;
}

export interface IdentitySummary {
  verified: boolean;
  document?: VerifiedIdentity['document'];
  lastDigits?: string;
  dateOfBirth?: string;
  guardian?: VerifiedIdentity['guardian'];
  verifiedAt?: string;
}

/**
 * What a consumer is shown of their verified identity: the document kind, its last digits and when.
 * `full` adds the date of birth and a guardian, which only the consumer's own data download holds.
 * Never the number's keyed hash, which is only a lookup key.
 */
export const identitySummary = (profile: ConsumerProfile, { full = false } = {}): IdentitySummary =>
  profile.identity
    ? {
        verified: true,
        document: profile.identity.document,
        lastDigits: profile.identity.lastDigits,
        ...(full && { dateOfBirth: profile.identity.dateOfBirth }),
        ...(full && profile.identity.guardian && { guardian: profile.identity.guardian }),
        verifiedAt: profile.identity.verifiedAt,
      }
    : { verified: false };

export const identityStatusUseCase = (profiles: ConsumerProfiles) => async (consumerId: string) =>
  identitySummary((await profiles.get(consumerId)) ?? { consumerId });

/**
 * Verifies the consumer's identity once; a phone already verified skips the check. Each check
 * takes one of the day's allowance before the register is asked, so parallel guesses cannot
 * exceed it; only a check the register could not answer is given back.
 */
export const verifyIdentityUseCase =
  (deps: IdentityDependencies) => async (consumerId: string, request: IdentityRequest) => {
    const profile = (await deps.profiles.get(consumerId)) ?? { consumerId };
    if (profile.identity) return { ...identitySummary(profile), alreadyVerified: true };
    const now = deps.clock.now();
    checkDocumentFitsAge(request, now);
    const today = dhakaDate(now);
    const taken = await deps.profiles.reserveIdentityCheck(consumerId, today, identityRules.maxChecksPerDay);
    if (taken === undefined) {
      const retryAfter = Math.ceil((nextDhakaMidnight(now).getTime() - now.getTime()) / 1000);
      throw new RateLimitedError(
        `No identity checks are left today (${identityRules.maxChecksPerDay} a day). Try again tomorrow.`,
        retryAfter,
      );
    }
    const number = documentNumber(request);
    let matched: boolean;
    try {
      matched = await deps.verifier.verify(request.document, number, request.dateOfBirth);
    } catch (error) {
      await deps.profiles.releaseIdentityCheck(consumerId, today);
      throw error;
    }
    if (!matched) {
      throw new RefusedError(
        'IDENTITY_NOT_MATCHED',
        `The ${request.document === 'NID' ? 'NID' : 'birth registration'} number and date of birth do not match the national record. ${identityRules.maxChecksPerDay - taken} checks left today.`,
      );
    }
    const identity = await deps.profiles.storeIdentity(
      consumerId,
      verifiedIdentity(request, await deps.hasher.hash(`${request.document}:${number}`), now),
    );
    return { ...identitySummary({ consumerId, identity }), alreadyVerified: false };
  };
