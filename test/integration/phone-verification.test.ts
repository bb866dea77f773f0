import { describe, expect, it } from 'vitest';
import { otpRules } from '../../functions/domain/otp';
import { advanceClock, baseUrl, freshClient, freshPhone, latestCode, outbox, request, wafToken } from './http';

const national = (phone: string) => `0${phone.slice(4, 8)}-${phone.slice(8)}`;

describe('phone verification by one-time code', () => {
  it('texts a 6-digit code in Bengali to the normalised number and opens a session with it, once', async () => {
    const phone = freshPhone();
    const client = freshClient();
    const sent = await request('POST', '/v1/otp', { phone: national(phone) }, client);
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ phone, expiresInSeconds: 300, resendAfterSeconds: 60 });
    const text = (await outbox({ channel: 'sms', to: phone })).at(-1)!.body as unknown as string;
    expect(text).toMatch(/^আপনার CCMS যাচাই কোড \d{6}।/);

    const code = await latestCode(phone);
    const wrong = await request(
      'POST',
      '/v1/otp/verify',
      { phone, code: code === '000000' ? '111111' : '000000' },
      client,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('That code is not right. 4 tries left.');

    const verified = await request('POST', '/v1/otp/verify', { phone: national(phone), code }, client);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ phone, sessionToken: expect.stringMatching(/^[\w-]{43}$/) });

    const reused = await request('POST', '/v1/otp/verify', { phone, code }, client);
    expect(reused.status).toBe(400);
  });

  it('answers 503 when the SMS cannot be sent, and lets the consumer ask again at once', async () => {
    const phone = freshPhone();
    const client = freshClient();
    await request('POST', '/__local/faults', { point: 'sns.Publish', times: 4, target: phone });
    const failed = await request('POST', '/v1/otp', { phone }, client);
    expect(failed.status).toBe(503);
    expect(failed.body.error.message).toMatch(/could not send the SMS/);
    expect((await request('POST', '/v1/otp', { phone }, client)).status).toBe(202);
  });

  it('is challenged by the firewall first: without a valid token, 202 with no body and x-amzn-waf-action, and no code is sent', async () => {
    const phone = freshPhone();
    const send = (token?: string) =>
      fetch(`${baseUrl()}/v1/otp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...freshClient(),
          ...(token !== undefined && { 'x-aws-waf-token': token }),
        },
        body: JSON.stringify({ phone }),
      });
    const token = await wafToken();
    const [expiresAt, mac] = token.split('.');
    const refusedWith = [
      undefined,
      'not-a-token',
      `${Number(expiresAt) + 60_000}.${mac}`, // its time changed: the MAC no longer matches
    ];
    for (const refused of refusedWith) {
      const challenged = await send(refused);
      expect(challenged.status, String(refused)).toBe(202);
      expect(challenged.headers.get('x-amzn-waf-action')).toBe('challenge');
      expect(await challenged.text()).toBe('');
    }
    expect(await outbox({ channel: 'sms', to: phone })).toEqual([]);
    const solved = await send(token);
    expect(solved.status).toBe(202);
    expect(await solved.json()).toMatchObject({ phone, resendAfterSeconds: 60 });
    // A token lasts AWS WAF's immunity time (300 s), then the challenge comes back.
    await advanceClock('PT6M');
    expect((await send(token)).headers.get('x-amzn-waf-action')).toBe('challenge');
  });

  it('refuses a number that is not a Bangladeshi mobile (400)', async () => {
    const response = await request('POST', '/v1/otp', { phone: '+44 20 7946 0000' }, freshClient());
    expect(response.status).toBe(400);
    expect(response.body.error.fields.phone).toMatch(/Bangladeshi mobile number/);
  });

  it('makes a consumer wait a minute between codes (429 with Retry-After)', async () => {
    const phone = freshPhone();
    const client = freshClient();
    expect((await request('POST', '/v1/otp', { phone }, client)).status).toBe(202);
    const again = await request('POST', '/v1/otp', { phone }, client);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(again.body.error.code).toBe('RATE_LIMITED');
  });

  it('expires a code after 5 minutes', async () => {
    const phone = freshPhone();
    const client = freshClient();
    await request('POST', '/v1/otp', { phone }, client);
    const code = await latestCode(phone);
    await advanceClock('PT5M1S');
    const late = await request('POST', '/v1/otp/verify', { phone, code }, client);
    expect(late.status).toBe(400);
    expect(late.body.error.message).toMatch(/expired/);
  });

  it(`limits one network to ${otpRules.perSourcePerHour} codes an hour across numbers (429), a ceiling carrier NAT does not reach`, async () => {
    const client = freshClient();
    // The limit counts per clock hour: start just after an hour begins, so all the requests fall in one hour.
    const now = new Date((await request('GET', '/__local/clock')).body.now as string);
    await advanceClock(`PT${3600 - (now.getUTCMinutes() * 60 + now.getUTCSeconds()) + 1}S`);
    for (let i = 0; i < otpRules.perSourcePerHour; i++)
      expect((await request('POST', '/v1/otp', { phone: freshPhone() }, client)).status).toBe(202);
    const over = await request('POST', '/v1/otp', { phone: freshPhone() }, client);
    expect(over.status).toBe(429);
    expect(over.body.error.message).toMatch(/from your network/);
  });

  it('ends a session after an hour (401)', async () => {
    const phone = freshPhone();
    const client = freshClient();
    await request('POST', '/v1/otp', { phone }, client);
    const { sessionToken } = (await request('POST', '/v1/otp/verify', { phone, code: await latestCode(phone) }, client))
      .body;
    const file = () => request('POST', '/v1/complaints', {}, { authorization: `Bearer ${sessionToken}` });
    expect((await file()).status).toBe(400); // past the authorizer: the empty body is refused
    await advanceClock('PT61M');
    expect((await file()).status).toBe(401);
  });
});
