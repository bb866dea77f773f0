/** A merchant as onboarded by an operator. The grievance officer's contact is shown to consumers. */
import * as z from 'zod';
import { districtField } from './districts';
import { bangladeshiMobileField } from './phone';

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// address' });

export const merchantIdPattern = /^[a-z0-9][a-z0-9-]{2,63}$/;

/** Whether `id` is one a merchant can have: anything else names no merchant (and may not even fit a database key). */
export const isMerchantId = (id: string) => merchantIdPattern.test(id);

/**
 * The person consumers contact first. Published in the directory while the merchant is onboarded;
 * an operator replaces it when the person changes, and nothing of the earlier one is kept.
 */
export const grievanceOfficer = z.strictObject({
  name: z.string().trim().min(2).max(100),
  designation: z.string().trim().min(2).max(100),
  phone: bangladeshiMobileField,
  email: z.email({ error: 'must be an email address' }),
});
export type GrievanceOfficer = z.infer<typeof grievanceOfficer>;

export const merchantOnboarding = z.strictObject({
  merchantId: z.string().regex(merchantIdPattern, 'lowercase letters, digits and dashes, 3 to 64 characters'),
  legalName: z.string().trim().min(2).max(200),
  tradeName: z
    .string()
    .trim()
    .min(2)
    .max(100)
    // Its search keys hold the name as searched, whose NFKC form can be 18 times as long (U+FDFA):
    // within a sort key's 1,024 bytes beside the merchant id.
    .refine(
      (name) => new TextEncoder().encode(searchableName(name)).length <= 900,
      'is too long once written out for search (some symbols stand for whole words)',
    ),
  website: httpsUrl,
  grievanceOfficer,
  categories: z.array(z.string().trim().min(2).max(50)).min(1, 'name at least one category').max(20),
  /** The district the merchant ships from: deliveries inside it have the same-city delivery window. */
  district: districtField.optional(),
  webhookUrl: httpsUrl.optional(),
});

export type Merchant = z.infer<typeof merchantOnboarding> & {
  active: boolean;
  onboardedAt?: string;
  /** When an operator last replaced the grievance officer. */
  grievanceOfficerReplacedAt?: string;
};

export const regulatorRegistration = z.strictObject({
  regulatorId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'lowercase letters, digits and dashes, 3 to 64 characters'),
  agency: z.string().trim().min(2).max(100),
  name: z.string().trim().min(2).max(100),
});
export type Regulator = z.infer<typeof regulatorRegistration> & { registeredAt: string };

/** A name as searched: Unicode NFKC, lower case, punctuation as spaces, spaces collapsed (Bengali letters kept as they are). */
export const searchableName = (name: string) =>
  name
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();

/**
 * The keys a merchant is found by: its whole trade name and each later word of it, so "bazaar"
 * finds "Demo Bazaar" as a prefix does; at most 6, for a long name. (Besides these, one entry under
 * `wholeDirectoryKey` lists it once in the whole directory.)
 */
/** The key prefix of the whole directory in name order (upper case: no searchable name starts with it). */
export const wholeDirectoryKey = 'ALL#';

export const nameSearchKeys = (tradeName: string): string[] => {
  const words = searchableName(tradeName).split(' ').filter(Boolean);
  return [...new Set(words.map((_, i) => words.slice(i).join(' ')))].slice(0, 6);
};

/** What a search looks under: the start of a name or of a later word; with nothing to search by, the whole directory, each merchant once. */
export const directoryPrefix = (query: string) => searchableName(query) || wholeDirectoryKey;
