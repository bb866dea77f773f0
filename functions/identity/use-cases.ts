/** Phone verification by one-time code, and the sessions it opens. */
import type { Clock } from '../domain/clock';
import { FilingRefusedError, InvalidRequestError, RateLimitedError, ServiceUnavailableError } from '../domain/errors';
import { checkDocumentFitsAge, documentNumber, identityRules, verifiedIdentity, type IdentityRequest } from '../domain/identity';
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

const otpText = (code: string, language: Language) =>
  language === 'en'
    ? `Your CCMS verification code is ${code}. It expires in 5 minutes. Never share it with anyone.`
    : `আপনার CCMS যাচাই কোড ${code}। কোডটি ৫ মিনিটের মধ্যে ব্যবহার করুন। কাউকে কোডটি জানাবেন না।`;

export const requestOtpUseCase =
  (deps: PhoneVerificationDependencies) =>
  async (input: { phone: string; language: Language; source: string }) => {
    const phone = normalizeBangladeshiMobile(input.phone);
    const now = deps.clock.now();
    const previous = await deps.otps.get(phone);
    const code = codeFrom(deps.randomBytes);
    const record = issueOtp({ phone, previous, code, salt: Buffer.from(deps.randomBytes(16)).toString('hex'), now });
    await deps.sources.consume(input.source, otpRules.perSourcePerHour, now);
    // Send before storing: if the SMS cannot go out, nothing is stored and the consumer may ask again at once.
    try {
      await deps.sms.send(phone, otpText(code, input.language));
    } catch {
      throw new ServiceUnavailableError('We could not send the SMS just now. Please try again in a minute.');
    }
    await deps.otps.put(record, previous);
    return {
      phone,
      expiresInSeconds: otpRules.validForMs / 1000,
      resendAfterSeconds: otpRules.resendAfterMs / 1000,
    };
  };

export const verifyOtpUseCase =
  (deps: PhoneVerificationDependencies) =>
  async (input: { phone: string; code: string }) => {
    const phone = normalizeBangladeshiMobile(input.phone);
    const now = deps.clock.now();
    const record = await deps.otps.get(phone);
    const result = checkOtp(record, input.code, now);
    if (result.outcome === 'WRONG_CODE') {
      await deps.otps.put(result.record, record);
      const message = result.attemptsLeft > 0 ? `That code is not right. ${result.attemptsLeft} tries left.` : 'That code is not right, and no tries are left. Ask for a new code.';
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

const identitySummary = (profile: ConsumerProfile) =>
  profile.identity
    ? { verified: true, document: profile.identity.document, lastDigits: profile.identity.lastDigits, verifiedAt: profile.identity.verifiedAt }
    : { verified: false };

export const identityStatusUseCase = (profiles: ConsumerProfiles) => async (consumerId: string) =>
  identitySummary((await profiles.get(consumerId)) ?? { consumerId });

/** Verifies the consumer's identity once; a phone already verified skips the check. */
export const verifyIdentityUseCase =
  (deps: IdentityDependencies) =>
  async (consumerId: string, request: IdentityRequest) => {
    const profile = (await deps.profiles.get(consumerId)) ?? { consumerId };
    if (profile.identity) return { ...identitySummary(profile), alreadyVerified: true };
    const now = deps.clock.now();
    const today = now.toISOString().slice(0, 10);
    const failedToday = profile.failedOn === today ? (profile.failedAttempts ?? 0) : 0;
    if (failedToday >= identityRules.maxFailedAttemptsPerDay) {
      const tomorrow = Date.parse(`${today}T00:00:00Z`) + 86_400_000;
      throw new RateLimitedError('Too many identity checks failed today. Try again tomorrow.', Math.ceil((tomorrow - now.getTime()) / 1000));
    }
    checkDocumentFitsAge(request, now);
    const number = documentNumber(request);
    if (!(await deps.verifier.verify(request.document, number, request.dateOfBirth))) {
      const left = identityRules.maxFailedAttemptsPerDay - failedToday - 1;
      await deps.profiles.put({ ...profile, failedAttempts: failedToday + 1, failedOn: today });
      throw new FilingRefusedError(
        'IDENTITY_NOT_MATCHED',
        `The ${request.document === 'NID' ? 'NID' : 'birth registration'} number and date of birth do not match the national record. ${left} tries left today.`,
      );
    }
    const identity = verifiedIdentity(request, await deps.hasher.hash(`${request.document}:${number}`), now);
    const verified: ConsumerProfile = { consumerId, identity };
    await deps.profiles.put(verified);
    return { ...identitySummary(verified), alreadyVerified: false };
  };
