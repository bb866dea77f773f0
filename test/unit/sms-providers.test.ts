/** SMS through an aggregator's HTTPS API, and through providers in order when one refuses or fails. */
import { describe, expect, it } from 'vitest';
import { FallbackSmsSender } from '../../functions/adapters/fallback-sms';
import { HttpsSmsGateway, SmsGatewayUnavailableError } from '../../functions/adapters/https-sms-gateway';
import { SnsSmsSender } from '../../functions/adapters/sns-sms';
import { smsSenderFrom } from '../../functions/commons/sms';
import { UndeliverableError, type SmsSender } from '../../functions/domain/ports';

const phone = '+8801711000001';

/** A gateway that answers each request with `answer` and keeps what it was sent. */
const gatewayAnswering = (answer: () => Response | Promise<Response>) => {
  const requests: { url: string; headers: Record<string, string>; body: Record<string, unknown> }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    requests.push({
      url,
      headers: init.headers as Record<string, string>,
      body: JSON.parse(String(init.body)) as Record<string, unknown>,
    });
    return answer();
  }) as unknown as typeof fetch;
  const gateway = new HttpsSmsGateway(
    { url: 'https://sms.example.com.bd/send', senderId: 'CCMS', apiKey: async () => 'key-1' },
    fetchImpl,
  );
  return { gateway, requests };
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the HTTPS SMS gateway', () => {
  it('posts the number, the sender id, the text and its encoding with the API key, and takes ACCEPTED as sent', async () => {
    const { gateway, requests } = gatewayAnswering(() => json(200, { status: 'ACCEPTED', messageId: 'm-1' }));
    await gateway.send(phone, 'আপনার অভিযোগ গ্রহণ করা হয়েছে।');
    await gateway.send(phone, 'Your complaint has been received.');
    expect(requests.map(({ url, headers, body }) => [url, headers.authorization, body])).toEqual([
      [
        'https://sms.example.com.bd/send',
        'Bearer key-1',
        { to: phone, from: 'CCMS', text: 'আপনার অভিযোগ গ্রহণ করা হয়েছে।', encoding: 'UCS2' },
      ],
      [
        'https://sms.example.com.bd/send',
        'Bearer key-1',
        { to: phone, from: 'CCMS', text: 'Your complaint has been received.', encoding: 'GSM7' },
      ],
    ]);
  });

  it('takes REJECTED, 400 and 422 as undeliverable for good', async () => {
    for (const answer of [
      json(200, { status: 'REJECTED', reason: 'number on the do-not-disturb list' }),
      json(400, { error: 'bad number' }),
      json(422, { error: 'bad number' }),
    ]) {
      const { gateway } = gatewayAnswering(() => answer);
      await expect(gateway.send(phone, 'x')).rejects.toBeInstanceOf(UndeliverableError);
    }
  });

  it('takes bad credentials, throttling, its own failures, silence and an unreadable answer as worth another try, saying which may have sent it', async () => {
    const timedOut = () => Promise.reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
    const answers: [() => Response | Promise<Response>, boolean][] = [
      [() => json(401, {}), false],
      [() => json(403, {}), false],
      [() => json(429, {}), false],
      [() => Promise.reject(new TypeError('fetch failed')), false],
      [() => json(503, {}), true],
      [() => new Response('<html>ok</html>', { status: 200 }), true],
      [() => json(200, { status: 'QUEUED?' }), true],
      [timedOut, true],
    ];
    for (const [answer, maybeSent] of answers) {
      const { gateway } = gatewayAnswering(answer);
      const failure = await gateway.send(phone, 'x').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SmsGatewayUnavailableError);
      expect(failure).not.toBeInstanceOf(UndeliverableError);
      expect((failure as SmsGatewayUnavailableError).maybeSent, String(answer)).toBe(maybeSent);
    }
  });

  it('sends the reference, and keeps a refusal’s reason on one line with the phone number masked', async () => {
    const { gateway, requests } = gatewayAnswering(() =>
      json(200, { status: 'REJECTED', reason: 'number +8801711000001\nis on the DND list' }),
    );
    const failure = await gateway.send(phone, 'x', '7K3M9-Q2TXB.2.consumer').catch((error: unknown) => error);
    expect(requests[0]!.body.reference).toBe('7K3M9-Q2TXB.2.consumer');
    expect((failure as Error).message).toBe('The SMS gateway refused the SMS: number … is on the DND list');
  });

  it('sends nothing when its API key cannot be read, and says so as worth another try', async () => {
    let called = false;
    const gateway = new HttpsSmsGateway(
      {
        url: 'https://sms.example.com.bd/send',
        senderId: 'CCMS',
        apiKey: () => Promise.reject(new Error('AccessDenied')),
      },
      (async () => {
        called = true;
        return json(200, { status: 'ACCEPTED' });
      }) as unknown as typeof fetch,
    );
    await expect(gateway.send(phone, 'x')).rejects.toBeInstanceOf(SmsGatewayUnavailableError);
    expect(called).toBe(false);
  });
});

/** A provider that fails as told, and counts what it sent. */
const provider = (fails?: () => Error) => {
  const sent: string[] = [];
  const sender: SmsSender = {
    send: async (_phone, text) => {
      if (fails) throw fails();
      sent.push(text);
    },
  };
  return { sender, sent };
};

describe('SMS through providers in order', () => {
  it('sends through the first that takes the message, and tries the next when one refuses or fails', async () => {
    for (const failure of [() => new UndeliverableError('refused'), () => new Error('down')]) {
      const [first, second] = [provider(failure), provider()];
      const failed: string[] = [];
      await new FallbackSmsSender(
        [
          { name: 'gateway', sender: first.sender },
          { name: 'sns', sender: second.sender },
        ],
        (name) => failed.push(name),
      ).send(phone, 'hello');
      expect([first.sent, second.sent, failed]).toEqual([[], ['hello'], ['gateway']]);
    }
    const [first, second] = [provider(), provider()];
    await new FallbackSmsSender([
      { name: 'gateway', sender: first.sender },
      { name: 'sns', sender: second.sender },
    ]).send(phone, 'hello');
    expect([first.sent, second.sent]).toEqual([['hello'], []]);
  });

  it('passes the reference on, and tries no other provider when one may have sent it already', async () => {
    const references: (string | undefined)[] = [];
    const second = provider();
    const maybeSent = Object.assign(new Error('HTTP 502'), { maybeSent: true });
    const sender = new FallbackSmsSender([
      {
        name: 'gateway',
        sender: {
          send: async (_phone, _text, reference) => {
            references.push(reference);
            throw maybeSent;
          },
        },
      },
      { name: 'sns', sender: second.sender },
    ]);
    await expect(sender.send(phone, 'x', 'ref-1')).rejects.toBe(maybeSent);
    expect([references, second.sent]).toEqual([['ref-1'], []]);
  });

  it('is undeliverable only when every provider refused it for good; a failure that may pass keeps it worth a retry', async () => {
    const refused = () => new UndeliverableError('refused');
    const all = new FallbackSmsSender([
      { name: 'gateway', sender: provider(refused).sender },
      { name: 'sns', sender: provider(refused).sender },
    ]);
    await expect(all.send(phone, 'x')).rejects.toThrow(/gateway: refused; sns: refused/);
    await expect(all.send(phone, 'x')).rejects.toBeInstanceOf(UndeliverableError);
    const mixed = new FallbackSmsSender([
      { name: 'gateway', sender: provider(() => new Error('down')).sender },
      { name: 'sns', sender: provider(refused).sender },
    ]);
    const failure = await mixed.send(phone, 'x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(UndeliverableError);
  });
});

describe("the stage's SMS sender from its environment", () => {
  it('is SNS alone by default, the gateway and then SNS when so configured, and refuses an unknown provider or a gateway without settings', async () => {
    expect(smsSenderFrom({})).toBeInstanceOf(SnsSmsSender);
    const gatewaySettings = {
      SMS_GATEWAY_URL: 'https://sms.example.com.bd/send',
      SMS_SENDER_ID: 'CCMS',
      SMS_GATEWAY_API_KEY_SECRET: 'ccms/sms-gateway-key',
    };
    expect(smsSenderFrom({ SMS_PROVIDERS: 'gateway', ...gatewaySettings })).toBeInstanceOf(HttpsSmsGateway);
    expect(smsSenderFrom({ SMS_PROVIDERS: 'gateway,sns', ...gatewaySettings })).toBeInstanceOf(FallbackSmsSender);
    expect(() => smsSenderFrom({ SMS_PROVIDERS: 'pigeon' })).toThrow(/SMS_PROVIDERS/);
    expect(() => smsSenderFrom({ SMS_PROVIDERS: 'gateway,sns' })).toThrow(/SMS_GATEWAY_URL/);
  });
});
