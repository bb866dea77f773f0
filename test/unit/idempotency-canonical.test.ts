/** What an Idempotency-Key's retry is compared by: the same JSON however it was serialised. */
import { describe, expect, it } from 'vitest';
import { canonicalBody } from '../../functions/commons/idempotency';

describe('the canonical body of a request', () => {
  it('is the same for the same JSON in another key order or spacing, at any depth', () => {
    const sent = canonicalBody('{"b":1,"a":{"y":[{"q":1,"p":2}],"x":"ই"}}');
    expect(canonicalBody('{\n  "a": { "x": "ই", "y": [ { "p": 2, "q": 1 } ] },\n  "b": 1\n}')).toBe(sent);
  });

  it('differs for a different value, a different array order, or text that is not JSON', () => {
    const sent = canonicalBody('{"a":[1,2]}');
    expect(canonicalBody('{"a":[2,1]}')).not.toBe(sent);
    expect(canonicalBody('{"a":[1,3]}')).not.toBe(sent);
    expect(canonicalBody('not json {')).toBe('not json {');
  });
});
