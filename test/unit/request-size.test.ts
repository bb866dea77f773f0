/** The API's body limit (WAF and local gateway) fits the largest valid requests, written as clumsily as JSON allows. */
import { describe, expect, it } from 'vitest';
import { maxRequestBodyBytes } from '../../functions/catalog';
import { merchantActions } from '../../functions/complaints/actions';
import { fileComplaintRequest } from '../../functions/domain/complaint';
import { filingRequest } from './fixtures';

/** JSON with every non-ASCII character escaped as \uXXXX: the largest form a valid body can take. */
const escapedJson = (value: unknown) =>
  JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const bengali = (length: number) => 'অভিযোগ'.repeat(Math.ceil(length / 6)).slice(0, length);

describe('request body limit', () => {
  it('takes a 2,800-character Bengali description, which the managed 8 KB rule would refuse', () => {
    const body = { ...filingRequest(), description: bengali(2800) };
    expect(fileComplaintRequest.safeParse(body).success).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify(body));
    expect(bytes).toBeGreaterThan(8 * 1024);
    expect(bytes).toBeLessThanOrEqual(maxRequestBodyBytes);
  });

  it('fits the largest valid filing and resolution proposal, every character escaped', () => {
    const filing = {
      ...filingRequest(),
      description: bengali(5000),
      orderRef: bengali(100),
      email: `${'a'.repeat(64)}@${'b'.repeat(180)}.example`,
    };
    expect(fileComplaintRequest.safeParse(filing).success).toBe(true);
    const proposal = {
      remedy: 'COMPENSATION',
      amount: 99_999_999.99,
      message: bengali(5000),
      evidence: Array.from({ length: 10 }, () => bengali(500)),
    };
    expect(merchantActions['propose-resolution'].body.safeParse(proposal).success).toBe(true);
    for (const body of [filing, proposal])
      expect(Buffer.byteLength(escapedJson(body))).toBeLessThanOrEqual(maxRequestBodyBytes);
  });
});
