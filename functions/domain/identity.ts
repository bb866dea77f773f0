/**
 * Identity verification, once per phone: an adult gives a national ID (NID) number and date of
 * birth; someone under 18 gives a birth registration number, date of birth and a guardian. The
 * document number is never kept in clear: only a keyed hash (to spot reuse) and its last digits.
 */
import * as z from 'zod';
import { calendarDate } from './dates';
import { RefusedError } from './errors';
import { bangladeshiMobileField } from './phone';
import { freeText } from './text';

const dateOfBirth = calendarDate;

export const identityRequest = z.discriminatedUnion(
  'document',
  [
    z.strictObject({
      document: z.literal('NID'),
      // Smart cards have 10 digits; older NIDs 13 or 17.
      nidNumber: z.string().regex(/^(\d{10}|\d{13}|\d{17})$/, 'an NID number has 10, 13 or 17 digits'),
      dateOfBirth,
    }),
    z.strictObject({
      document: z.literal('BIRTH_REGISTRATION'),
      birthRegistrationNumber: z.string().regex(/^\d{17}$/, 'a birth registration number has 17 digits'),
      dateOfBirth,
      guardian: z.strictObject({
        name: freeText({ max: 100, minVisible: 2, what: 'give the guardian’s name' }),
        phone: bangladeshiMobileField,
      }),
    }),
  ],
  { error: 'document must be NID or BIRTH_REGISTRATION' },
);
export type IdentityRequest = z.infer<typeof identityRequest>;

export type DocumentKind = IdentityRequest['document'];

export interface VerifiedIdentity {
  document: DocumentKind;
  /** Keyed hash of the document number (HMAC in KMS): the same number always gives the same hash. */
  numberHash: string;
  lastDigits: string;
  dateOfBirth: string;
  guardian?: { name: string; phone: string };
  verifiedAt: string;
}

/** At most 5 checks against the national register a day (Dhaka day) per phone, whatever their outcome. */
/** The national ID gateway is called over TLS only: document numbers and dates of birth travel to it. */
export const identityGatewayUrl = z
  .url()
  .refine((url) => url.startsWith('https://'), 'the identity gateway must be an https:// URL');

export const identityRules = { adultAge: 18, maxChecksPerDay: 5 } as const;

export const documentNumber = (request: IdentityRequest) =>
  request.document === 'NID' ? request.nidNumber : request.birthRegistrationNumber;

export const ageOn = (dateOfBirthIso: string, on: Date): number => {
  const born = new Date(`${dateOfBirthIso}T00:00:00Z`);
  let age = on.getUTCFullYear() - born.getUTCFullYear();
  const birthdayPassed =
    on.getUTCMonth() > born.getUTCMonth() ||
    (on.getUTCMonth() === born.getUTCMonth() && on.getUTCDate() >= born.getUTCDate());
  if (!birthdayPassed) age--;
  return age;
};

/** The document must fit the age: an NID from 18, a birth registration before 18. */
export const checkDocumentFitsAge = (request: IdentityRequest, now: Date): void => {
  const age = ageOn(request.dateOfBirth, now);
  if (age < 0)
    throw new RefusedError('DATE_OF_BIRTH_IN_FUTURE', 'The date of birth is in the future; please check it.');
  if (request.document === 'NID' && age < identityRules.adultAge) {
    throw new RefusedError(
      'USE_BIRTH_REGISTRATION',
      'Under 18: verify with your birth registration number and a guardian instead of an NID.',
    );
  }
  if (request.document === 'BIRTH_REGISTRATION' && age >= identityRules.adultAge) {
    throw new RefusedError('USE_NID', 'From 18, verify with your national ID (NID) number.');
  }
};

export const verifiedIdentity = (request: IdentityRequest, numberHash: string, now: Date): VerifiedIdentity => ({
  document: request.document,
  numberHash,
  lastDigits: documentNumber(request).slice(-3),
  dateOfBirth: request.dateOfBirth,
  ...(request.document === 'BIRTH_REGISTRATION' && { guardian: request.guardian }),
  verifiedAt: now.toISOString(),
});
