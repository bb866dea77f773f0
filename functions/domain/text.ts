/**
 * Free text and money as people type them. Free text must carry enough visible characters to mean
 * something and no control or invisible formatting characters (which hide text, reverse it or pad
 * it out), except the zero-width joiner and non-joiner, which Bengali spelling needs (র‍্যাব, ক্‌ষ).
 * Amounts are taka with at most 2 decimals, at least one poisha.
 */
import * as z from 'zod';

const ZWNJ = '\u200c';
const ZWJ = '\u200d';
/** Control characters except tab and line breaks; format characters (zero-width space, bidi overrides, BOM...) except the joiners. */
const forbidden = /[\p{Cc}\p{Cf}]/gu;
const allowedFormatting = new Set(['\t', '\n', '\r', ZWNJ, ZWJ]);
const invisible = /[\p{Z}\p{Cc}\p{Cf}\s]/gu;

export const visibleLength = (text: string) => [...text.replace(invisible, '')].length;

export const hasForbiddenCharacters = (text: string) =>
  [...text.matchAll(forbidden)].some(([character]) => !allowedFormatting.has(character!));

/** Free text from a person: trimmed, at most `max` characters, at least `minVisible` visible ones, no hidden characters. One message, the first problem. */
export const freeText = (options: { max: number; minVisible?: number; what?: string }) =>
  z
    .string()
    .trim()
    .max(options.max, `use at most ${options.max} characters`)
    .superRefine((text, context) => {
      const minVisible = options.minVisible ?? 0;
      if (visibleLength(text) < minVisible) {
        context.addIssue({
          code: 'custom',
          message: options.what ?? `write at least ${minVisible} visible characters`,
        });
      } else if (hasForbiddenCharacters(text)) {
        context.addIssue({ code: 'custom', message: 'remove the control character or invisible formatting character' });
      }
    });

const POISHA_TOLERANCE = 1e-6;

/** Taka, from one poisha to `max`, with at most 2 decimal places. */
export const takaAmount = (options: { max: number; min?: number }) =>
  z
    .number({ error: 'must be a number of taka' })
    .refine(Number.isFinite, 'must be a number of taka')
    .refine(
      // Within the tolerance, and no sliver of a poisha (1e-300 would pass the tolerance, and DynamoDB
      // refuses a number below 1e-130 with a ValidationException: a 500).
      (value) =>
        Math.abs(value * 100 - Math.round(value * 100)) < POISHA_TOLERANCE && (value === 0 || Math.abs(value) >= 0.01),
      'use at most 2 decimal places',
    )
    .refine(
      (value) => value >= (options.min ?? 0.01),
      options.min === 0 ? 'must not be negative' : 'must be at least 0.01 taka',
    )
    .refine((value) => value <= options.max, 'is larger than any order we accept');
