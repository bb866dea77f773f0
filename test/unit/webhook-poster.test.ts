/** Webhook posting and registration against receivers on loopback: no redirects, no internal addresses. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DnsWebhookAddressGuard,
  GuardedWebhookPoster,
  WebhookAddressRefused,
} from '../../functions/adapters/webhook-poster';
import { isAllowedWebhookAddress } from '../../functions/domain/addresses';
import { RefusedError } from '../../functions/domain/errors';

let server: Server;
let port: number;
const paths: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    paths.push(request.url ?? '');
    request.resume();
    if (request.url === '/moved') response.writeHead(302, { location: `http://127.0.0.1:${port}/internal` }).end();
    else response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('addresses a webhook may reach', () => {
  it.each([
    ['8.8.8.8', true],
    ['103.4.145.2', true],
    ['2606:4700::1111', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.20.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['not-an-ip', false],
  ])('%s: %s', (address, allowed) => expect(isAllowedWebhookAddress(address, false)).toBe(allowed));

  it('lets loopback through only where the deployment allows it (the local cloud)', () => {
    expect(isAllowedWebhookAddress('127.0.0.1', true)).toBe(true);
    expect(isAllowedWebhookAddress('::1', true)).toBe(true);
    expect(isAllowedWebhookAddress('10.1.2.3', true)).toBe(false);
  });
});

describe('posting a webhook', () => {
  it('does not follow a redirect: the 302 is the answer, and its target is never called', async () => {
    const status = await new GuardedWebhookPoster(true).post(`http://127.0.0.1:${port}/moved`, {}, '{}');
    expect(status).toBe(302);
    expect(paths).not.toContain('/internal');
  });

  it('refuses loopback in AWS, by address and by a name that resolves to it, before connecting', async () => {
    const before = paths.length;
    const poster = new GuardedWebhookPoster(false);
    await expect(poster.post(`http://127.0.0.1:${port}/hook`, {}, '{}')).rejects.toBeInstanceOf(WebhookAddressRefused);
    await expect(poster.post(`http://[::ffff:127.0.0.1]:${port}/hook`, {}, '{}')).rejects.toBeInstanceOf(
      WebhookAddressRefused,
    );
    await expect(poster.post(`http://localhost:${port}/hook`, {}, '{}')).rejects.toBeInstanceOf(WebhookAddressRefused);
    expect(paths.length).toBe(before);
  });

  it('delivers to an allowed address', async () => {
    expect(
      await new GuardedWebhookPoster(true).post(`http://localhost:${port}/hook`, { 'x-ccms-event': 'e' }, '{}'),
    ).toBe(204);
  });
});

describe('registering a webhook', () => {
  it('refuses a host that is or resolves to an internal address, with a code', async () => {
    const guard = new DnsWebhookAddressGuard(false);
    for (const url of ['https://localhost/hook', 'https://10.0.0.7/hook', 'https://169.254.169.254/']) {
      const refusal = await guard.check(url).catch((error: unknown) => error);
      expect(refusal, url).toBeInstanceOf(RefusedError);
      expect((refusal as RefusedError).code).toBe('WEBHOOK_ADDRESS_REFUSED');
    }
    await expect(new DnsWebhookAddressGuard(true).check('https://localhost/hook')).resolves.toBeUndefined();
  });
});

describe('registering a webhook whose name never resolves', () => {
  it('refuses it after the timeout with a 4xx code, instead of holding the request until the function times out', async () => {
    const neverAnswers = () => new Promise<never>(() => undefined);
    const refusal = await new DnsWebhookAddressGuard(false, 20, neverAnswers)
      .check('https://slow.example/hook')
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RefusedError);
    expect((refusal as RefusedError).code).toBe('WEBHOOK_HOST_UNKNOWN');
  });
});
