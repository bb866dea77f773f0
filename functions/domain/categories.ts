/**
 * Complaint categories, from one data file (categories.json) an operator edits, not from code:
 * each with its Bengali and English label and help text, the merchant's deadline in days and its
 * filing rules. The file is checked when a function loads; a retired category is no longer offered
 * but a complaint filed with its code is still accepted, so integrators' existing codes keep working.
 */
import * as z from 'zod';
import data from './categories.json';

const bilingual = z.strictObject({ bn: z.string().min(1), en: z.string().min(1) });

const categoryFile = z.strictObject({
  /** Days from the cause (the order date) within which a complaint may be filed. */
  filingWindowDays: z.number().int().positive(),
  /** How long a delivery may take before it counts as late: in the same city, and elsewhere. */
  deliveryWindowDays: z.strictObject({ sameCity: z.number().int().positive(), elsewhere: z.number().int().positive() }),
  categories: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Z][A-Z_]{1,39}$/),
        retired: z.boolean().optional(),
        label: bilingual,
        help: bilingual,
        merchantDeadlineDays: z.number().int().min(1).max(60),
        rules: z.strictObject({
          /** Only after the delivery window has passed (non-delivery, late delivery). */
          afterDeliveryWindow: z.boolean().optional(),
        }),
      }),
    )
    .min(1)
    .refine(
      (categories) => new Set(categories.map((c) => c.id)).size === categories.length,
      'category ids must be unique',
    ),
});

export type CategoryFile = z.infer<typeof categoryFile>;
export type ComplaintCategory = CategoryFile['categories'][number];

/** Parses a categories file; throws with every problem named (a bad edit fails at deploy-time tests and cold start). */
export const parseCategoryFile = (raw: unknown): CategoryFile => {
  const parsed = categoryFile.safeParse(raw);
  if (!parsed.success) throw new Error(`categories.json is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

export const categoryConfig = parseCategoryFile(data);

/** Every code a complaint may carry, retired ones included. */
export const complaintCategories: readonly ComplaintCategory[] = categoryConfig.categories;
export const categoryIds = complaintCategories.map((c) => c.id) as [string, ...string[]];

/** What a filing form offers. */
export const offeredCategories = complaintCategories.filter((c) => !c.retired);

export const findCategory = (id: string): ComplaintCategory | undefined => complaintCategories.find((c) => c.id === id);
