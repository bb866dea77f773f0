import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpIdentityVerifier } from '../../functions/adapters/identity-verifiers';
import { ServiceUnavailableError } from '../../functions/domain/errors';

/** A stand-in national ID gateway on loopback: answers by the number it is asked about. */
let server: Server;
let url: string;
const received: { apiKey?: string; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text) as { number: string };
      received.push({ apiKey: request.headers['x-api-key'] as string | undefined, body });
      if (body.number === '5000000000') return response.writeHead(500).end('down');
      if (body.number === '6000000000') return response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"yes"}');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ match: body.number === '1990123456' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/verify`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('national ID gateway adapter', () => {
  it('sends the document with the API key and reads the match', async () => {
    const verifier = new HttpIdentityVerifier(url, 'gateway-key');
    expect(await verifier.verify('NID', '1990123456', '1990-01-15')).toBe(true);
    expect(await verifier.verify('NID', '1111111111', '1990-01-15')).toBe(false);
    expect(received[0]).toEqual({ apiKey: 'gateway-key', body: { documentType: 'NID', number: '1990123456', dateOfBirth: '1990-01-15' } });
  });

  it('turns a failing, unreadable or unreachable gateway into 503-class ServiceUnavailableError', async () => {
    const verifier = new HttpIdentityVerifier(url, 'gateway-key');
    await expect(verifier.verify('NID', '5000000000', '1990-01-15')).rejects.toThrow(ServiceUnavailableError);
    await expect(verifier.verify('NID', '6000000000', '1990-01-15')).rejects.toThrow('could not read');
    await expect(new HttpIdentityVerifier('http://127.0.0.1:1/verify', 'k').verify('NID', '1', '1990-01-15')).rejects.toThrow('did not answer');
  });
});
