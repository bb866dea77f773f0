/** Every error code the API can answer has a message for people in Bengali and in English (web/src/api.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, errorText } from '../../web/src/api';

const root = path.join(import.meta.dirname, '..', '..');
const sources = (folder: string): string[] =>
  readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(root, folder, file), 'utf8'));

/** The codes the functions and the local gateway can put in `{error: {code}}`: named errors, rule refusals and checks' results. */
const answeredCodes = [
  ...new Set(
    [...sources('functions'), ...sources('local')].flatMap((source) =>
      [
        ...source.matchAll(
          /(?:(?:Refused|Conflict)Error\(\s*|\bcode: |readonly code(?:: [^=\n]+)? = )'([A-Z][A-Z_]+)'/g,
        ),
      ].map((match) => match[1]!),
    ),
  ),
].sort();

describe('error messages for people', () => {
  it('finds the codes it checks (the scan itself works)', () => {
    expect(answeredCodes).toEqual(
      expect.arrayContaining([
        'NOT_FOUND',
        'TRANSITION_REFUSED',
        'DUPLICATE_OPEN_COMPLAINT',
        'ATTACHMENT_LIMIT_REACHED',
        'HEARING_IN_PAST',
        'WEBHOOK_ADDRESS_REFUSED',
        'RATE_LIMITED',
        'MESSAGES_TODAY_USED',
        'IN_COLLECTIVE_CASE',
      ]),
    );
    expect(answeredCodes.length).toBeGreaterThan(35);
  });

  it.each(answeredCodes)('explains %s in Bengali and in English, not with the API’s own English message', (code) => {
    const error = new ApiError(422, code, 'the API’s message');
    const bn = errorText(error, 'bn');
    const en = errorText(error, 'en');
    expect(bn).not.toBe('the API’s message');
    expect(en).not.toBe('the API’s message');
    expect(bn).toMatch(/[\u0980-\u09FF]/);
    expect(en).toMatch(/^[\x20-\x7E\u2019\u2013\u2014]+$/);
  });
});
