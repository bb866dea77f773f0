/**
 * A consumer's email address is written to only once its owner has confirmed it. Filing with an
 * address sends one email to it: the filing's news and a link to confirm. Until the link is
 * followed, updates go by SMS alone; afterwards by SMS and email. So a consumer cannot make CCMS
 * write, again and again, to an address that is not theirs: its owner gets one email and can ignore it.
 *
 * The link carries a token: the tracking number and 32 random bytes. Only the SHA-256 of the random
 * part is stored; the token travels in the link's fragment (`#`), which browsers never send to a
 * server, so no access log or CDN log holds it.
 */
import { createHash, randomBytes as systemRandomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { Language } from './complaint';
import { parseTrackingNumber } from './tracking-number';

/** How long a confirmation link works: a week, long enough for a consumer who reads email seldom. */
export const emailConfirmationValidMs = 7 * 24 * 3600 * 1000;

const secretPattern = /^[A-Za-z0-9_-]{43}$/;

export const emailConfirmationRequest = z.strictObject({
  token: z.string().min(1).max(100),
});

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** A new token for a complaint, and the hash of it that is stored. */
export const newEmailConfirmation = (trackingNumber: string, random: Uint8Array = systemRandomBytes(32)) => {
  const secret = Buffer.from(random).toString('base64url');
  return { token: `${trackingNumber}.${secret}`, tokenHash: hashOf(secret) };
};

/** The complaint a token names and the hash to compare, or undefined for a token that cannot be one. */
export const parseEmailConfirmation = (token: string): { trackingNumber: string; tokenHash: string } | undefined => {
  const [number, secret, ...rest] = token.split('.');
  if (rest.length > 0 || !number || !secret || !secretPattern.test(secret)) return undefined;
  try {
    return { trackingNumber: parseTrackingNumber(number), tokenHash: hashOf(secret) };
  } catch {
    return undefined;
  }
};

/** Whether two stored hashes are the same, in time that does not depend on where they differ. */
export const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The page that confirms, with the token in the fragment; without a site, the API call to make. */
export const emailConfirmationLink = (siteUrl: string | undefined, token: string) =>
  siteUrl ? `${siteUrl.replace(/\/+$/, '')}/email/confirm#${token}` : undefined;

const asking: Record<Language, (link: string) => string> = {
  bn: (link) =>
    `এই ঠিকানায় অভিযোগের খবর পেতে ঠিকানাটি নিশ্চিত করুন (৭ দিনের মধ্যে): ${link}\nআপনি অভিযোগটি না করে থাকলে এই ইমেইলটি উপেক্ষা করুন: এই ঠিকানায় আর কিছু পাঠানো হবে না।`,
  en: (link) =>
    `To get news of the complaint at this address, confirm it (within 7 days): ${link}\nIf you did not file this complaint, ignore this email: nothing more will be sent to this address.`,
};

/** The first email's body: the filing's news, then the request to confirm. */
export const emailConfirmationBody = (language: Language, news: string, siteUrl: string | undefined, token: string) =>
  `${news}\n\n${asking[language](
    emailConfirmationLink(siteUrl, token) ?? `POST /v1/email-confirmations {"token": "${token}"}`,
  )}`;
