/**
 * Bangladeshi mobile numbers: +880 1[3-9] then 8 digits. People type them many ways
 * (01712-345678, 8801712345678, +880 1712 345678, 00880...); all become +8801712345678.
 */
import * as z from 'zod';
import { InvalidRequestError } from './errors';

export const normalizeBangladeshiMobile = (typed: string): string => {
  const digits = typed
    .replace(/[\s\-().]/g, '')
    .replace(/^\+/, '')
    .replace(/^00/, '');
  const national = digits.startsWith('880') ? digits.slice(3) : digits.startsWith('0') ? digits.slice(1) : digits;
  if (!/^1[3-9]\d{8}$/.test(national)) {
    const message = 'Enter a Bangladeshi mobile number, like 01712-345678 or +8801712345678.';
    throw new InvalidRequestError(message, { phone: message });
  }
  return `+880${national}`;
};

/** For messages and logs: +88017******78. */
export const maskPhone = (phone: string) => `${phone.slice(0, 6)}******${phone.slice(-2)}`;

/** A request field holding a Bangladeshi mobile number, normalised, with the same message when it is not one. */
export const bangladeshiMobileField = z
  .string()
  .max(40)
  .transform((phone, ctx) => {
    try {
      return normalizeBangladeshiMobile(phone);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
