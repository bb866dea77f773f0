/** A merchant's webhook address: https only (loopback http where the deployment allows it), and a clear 4xx for anything else. */
import { describe, expect, it } from 'vitest';
import { webhookRegistration } from '../../functions/domain/webhooks';

const issuesOf = (allowLoopbackHttp: boolean, body: unknown) =>
  webhookRegistration(allowLoopbackHttp)
    .safeParse(body)
    .error?.issues.map((issue) => issue.message);

describe('a webhook registration', () => {
  it('takes an https address, and loopback http only where allowed', () => {
    expect(issuesOf(false, { url: 'https://shop.example.com/ccms' })).toBeUndefined();
    expect(issuesOf(true, { url: 'http://127.0.0.1:8080/hook' })).toBeUndefined();
    expect(issuesOf(false, { url: 'http://127.0.0.1:8080/hook' })).toEqual(['must be an https:// address']);
    expect(issuesOf(true, { url: 'http://shop.example.com/hook' })).toEqual(['must be an https:// address']);
  });

  it('refuses what is not a URL at all, without throwing (it answered 500)', () => {
    for (const url of ['not a url', '', 'https//missing-colon', '::::'])
      expect(issuesOf(false, { url }), url).toContain('must be a URL');
    expect(issuesOf(false, { url: 42 })).toBeDefined();
  });
});
