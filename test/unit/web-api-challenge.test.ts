/** The web app's requests meet AWS WAF's challenge: solved and sent again, never taken for an answer. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, postJson, setChallengeSolver } from '../../web/src/api';

const challenge = () => new Response(null, { status: 202, headers: { 'x-amzn-waf-action': 'challenge' } });
const answer = (body: unknown, status = 202) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  setChallengeSolver(undefined);
});

describe('a challenged request', () => {
  it('is solved once and sent again with the token, the same Idempotency-Key and body', async () => {
    const sent: Headers[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init: RequestInit) => {
        sent.push(new Headers(init.headers));
        return sent.length === 1 ? challenge() : answer({ resendAfterSeconds: 60 });
      }),
    );
    const solver = vi.fn(async () => 'token-1');
    setChallengeSolver(solver);
    expect(await postJson('/v1/otp', { phone: '+8801712345678' })).toEqual({ resendAfterSeconds: 60 });
    expect(solver).toHaveBeenCalledTimes(1);
    expect(sent.map((headers) => headers.get('x-aws-waf-token'))).toEqual([null, 'token-1']);
    expect(sent[1]!.get('idempotency-key')).toBe(sent[0]!.get('idempotency-key'));
  });

  it('fails with CHALLENGE_FAILED, not success, when the page cannot solve it or it keeps coming', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => challenge()),
    );
    await expect(postJson('/v1/otp', {})).rejects.toMatchObject({ code: 'CHALLENGE_FAILED', status: 202 });
    setChallengeSolver(async () => {
      throw new Error('script blocked');
    });
    await expect(postJson('/v1/otp', {})).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
    setChallengeSolver(async () => 'token-2');
    await expect(postJson('/v1/otp', {})).rejects.toBeInstanceOf(ApiError);
  });

  it('never takes a 2xx without a body for an answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 202 })),
    );
    await expect(postJson('/v1/otp', {})).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 202 });
  });
});
