/**
 * The local cloud's stand-in SMS aggregator speaks the HTTPS gateway adapter's protocol: the
 * stage's SMS sender, configured as in AWS (the gateway first, then SNS; the key read through
 * Secrets Manager), sends through it, falls back to SNS when it refuses or fails, and every SMS
 * taken reaches the outbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { smsSenderFrom } from '../../functions/commons/sms';
import { UndeliverableError } from '../../functions/domain/ports';
import { signSmsReport } from '../../functions/sms/report-use-case';
import { Faults } from '../../local/faults';
import { Outbox } from '../../local/outbox';
import {
  LocalSmsGateway,
  localSmsGatewaySecret,
  localSmsGatewaySendUrl,
  localSmsSenderId,
} from '../../local/sms-gateway';
import { LocalSns } from '../../local/sns';

const directory = mkdtempSync(path.join(tmpdir(), 'ccms-sms-gateway-'));
const outbox = new Outbox(path.join(directory, 'outbox.jsonl'));
const faults = new Faults();
const gateway = new LocalSmsGateway(outbox, faults);
const sns = new LocalSns([], outbox, (work) => work(), faults);
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const [gatewayEndpoint, snsEndpoint] = await Promise.all([gateway.listen(), sns.listen()]);
  // The SDK clients (SNS, and Secrets Manager under Powertools) read their endpoints from here.
  vi.stubEnv('AWS_REGION', 'ap-south-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_SNS', snsEndpoint);
  vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', gatewayEndpoint);
  env = {
    SMS_PROVIDERS: 'gateway,sns',
    SMS_GATEWAY_URL: localSmsGatewaySendUrl(gatewayEndpoint),
    SMS_SENDER_ID: localSmsSenderId,
    SMS_GATEWAY_API_KEY_SECRET: localSmsGatewaySecret.name,
  };
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([gateway.close(), sns.close()]);
  rmSync(directory, { recursive: true, force: true });
});

const sentTo = (to: string) =>
  outbox.find({ to, channel: 'sms' }).map((m) => [m.attributes?.provider ?? 'sns', m.body]);

describe('the stand-in SMS aggregator', () => {
  it('takes an SMS through the gateway adapter, with the key read from Secrets Manager, into the outbox', async () => {
    await smsSenderFrom(env).send('+8801711000001', 'অভিযোগ গ্রহণ করা হয়েছে');
    expect(sentTo('+8801711000001')).toEqual([['gateway', 'অভিযোগ গ্রহণ করা হয়েছে']]);
  });

  it('falls back to SNS when the gateway cannot take it now, and when it refuses it', async () => {
    faults.arm('smsGateway.unavailable', 1, '+8801711000002');
    await smsSenderFrom(env).send('+8801711000002', 'first');
    faults.arm('smsGateway.rejected', 1, '+8801711000002');
    await smsSenderFrom(env).send('+8801711000002', 'second');
    expect(sentTo('+8801711000002')).toEqual([
      ['sns', 'first'],
      ['sns', 'second'],
    ]);
  });

  it('is undeliverable when both refuse it for good, and sends nothing', async () => {
    faults.arm('smsGateway.rejected', 1, '+8801711000003');
    faults.arm('sns.PublishRejected', 1, '+8801711000003');
    await expect(smsSenderFrom(env).send('+8801711000003', 'x')).rejects.toBeInstanceOf(UndeliverableError);
    expect(sentTo('+8801711000003')).toEqual([]);
  });

  it('reports what became of an SMS with a reference, signed with its key: delivered, or failed on the fault, sent again on a 503', async () => {
    const reports: { body: string; timestamp: string; signature: string }[] = [];
    let unavailable = 1;
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (unavailable-- > 0) {
          response.writeHead(503).end();
          return;
        }
        reports.push({
          body: Buffer.concat(chunks).toString('utf8'),
          timestamp: String(request.headers['x-sms-timestamp']),
          signature: String(request.headers['x-sms-signature']),
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"RECORDED"}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    gateway.reportTo(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/sms/delivery-reports`);
    try {
      await smsSenderFrom(env).send('+8801711000005', 'one', '7K3M9-Q2TXB.2.consumer');
      faults.arm('smsGateway.undelivered', 1, '+8801711000005');
      await smsSenderFrom(env).send('+8801711000005', 'two', '7K3M9-Q2TXB.3.consumer');
      // A sign-in code carries no reference: no report.
      await smsSenderFrom(env).send('+8801711000005', 'three');
      await vi.waitFor(() => expect(reports).toHaveLength(2), { timeout: 5000 });
      expect(reports.map(({ body }) => JSON.parse(body))).toEqual(
        expect.arrayContaining([
          { reference: '7K3M9-Q2TXB.2.consumer', status: 'DELIVERED' },
          {
            reference: '7K3M9-Q2TXB.3.consumer',
            status: 'FAILED',
            reason: 'injected fault: the handset did not answer for 48 hours',
          },
        ]),
      );
      for (const { body, timestamp, signature } of reports)
        expect(signature).toBe(signSmsReport(localSmsGatewaySecret.apiKey, timestamp, body));
    } finally {
      gateway.reportTo('');
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('refuses a wrong API key and a number outside Bangladesh', async () => {
    const url = env.SMS_GATEWAY_URL!;
    const post = (authorization: string, to: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ to, from: localSmsSenderId, text: 'x', encoding: 'GSM7' }),
      }).then((response) => response.status);
    expect(await post('Bearer wrong', '+8801711000004')).toBe(401);
    expect(await post(`Bearer ${localSmsGatewaySecret.apiKey}`, '+447700900000')).toBe(422);
    expect(sentTo('+8801711000004')).toEqual([]);
  });
});
