/** Free text must be well-formed Unicode: half a surrogate pair is refused with the field that holds it. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../functions/commons/http';
import { canonicalBody } from '../../functions/commons/idempotency';
import { InvalidRequestError } from '../../functions/domain/errors';

const schema = z.object({ name: z.string(), items: z.array(z.object({ note: z.string() })).optional() });
const parse = (body: string) => parseJsonBody({ body, isBase64Encoded: false } as APIGatewayProxyEvent, schema);
const refusal = (body: string) => {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.fieldErrors;
    throw error;
  }
  return undefined;
};

describe('text in a request body', () => {
  it('takes Bengali, joiners, emoji (a full surrogate pair) and right-to-left text as they are', () => {
    const name = 'রিনা\u200dআক্তার 🙂 \u0645\u0631\u062d\u0628\u0627';
    expect(parse(JSON.stringify({ name }))).toEqual({ name });
  });

  it('refuses a lone surrogate, naming the field, at any depth and in a key (it was stored as U+FFFD)', () => {
    expect(refusal('{"name":"Rina \\ud800 Akter"}')).toEqual({
      name: 'is not well-formed text (it holds a lone UTF-16 surrogate)',
    });
    expect(Object.keys(refusal('{"name":"Rina","items":[{"note":"ok"},{"note":"\\udc00"}]}')!)).toEqual([
      'items.1.note',
    ]);
    expect(Object.keys(refusal('{"name":"Rina","\\ud83d":1}')!)).toEqual(['\ud83d']);
  });
});

describe('a deeply nested request body', () => {
  const deep = `{"name":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;

  it('is refused as a 400, not a 500 from a walk that ran out of stack', () => {
    expect(() => parse(deep)).toThrow(InvalidRequestError);
    expect(() => parse(deep)).toThrow(/nests more than 32 levels/);
  });

  it('is compared as sent by Idempotency-Key, without running out of stack', () => {
    expect(canonicalBody(deep)).toBe(deep);
    expect(canonicalBody('{"b":[[1]],"a":2}')).toBe('{"a":2,"b":[[1]]}');
  });
});
