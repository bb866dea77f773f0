import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKeyFromSecret } from '../../functions/commons/secrets';
import { identityGatewayUrl } from '../../functions/domain/identity';
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
      if (body.number === '6000000000')
        return response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"yes"}');
      if (body.number === '7000000000')
        return response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Gateway maintenance</html>');
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ match: body.number === '1990123456' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/verify`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('national ID gateway adapter', () => {
  it('sends the document with the API key and reads the match', async () => {
    const verifier = new HttpIdentityVerifier(url, async () => 'gateway-key');
    expect(await verifier.verify('NID', '1990123456', '1990-01-15')).toBe(true);
    expect(await verifier.verify('NID', '1111111111', '1990-01-15')).toBe(false);
    expect(received[0]).toEqual({
      apiKey: 'gateway-key',
      body: { documentType: 'NID', number: '1990123456', dateOfBirth: '1990-01-15' },
    });
  });

  it('turns a failing, unreadable or unreachable gateway into 503-class ServiceUnavailableError', async () => {
    const verifier = new HttpIdentityVerifier(url, async () => 'gateway-key');
    await expect(verifier.verify('NID', '5000000000', '1990-01-15')).rejects.toThrow(ServiceUnavailableError);
    await expect(verifier.verify('NID', '6000000000', '1990-01-15')).rejects.toThrow('could not read');
    await expect(verifier.verify('NID', '7000000000', '1990-01-15')).rejects.toThrow(ServiceUnavailableError);
    await expect(
      new HttpIdentityVerifier('http://127.0.0.1:1/verify', async () => 'k').verify('NID', '1', '1990-01-15'),
    ).rejects.toThrow('did not answer');
  });
});

describe('the gateway API key, from Secrets Manager', () => {
  const secrets = mockClient(SecretsManagerClient);
  beforeEach(() => secrets.reset());

  it('is read through Powertools Parameters and cached: two checks, one GetSecretValue', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'from-secrets-manager' });
    const before = received.length;
    const verifier = new HttpIdentityVerifier(url, apiKeyFromSecret('ccms/nid-gateway-key'));
    await verifier.verify('NID', '1990123456', '1990-01-15');
    await verifier.verify('NID', '1990123456', '1990-01-15');
    expect(received.slice(before).map((r) => r.apiKey)).toEqual(['from-secrets-manager', 'from-secrets-manager']);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('answers 503 when the key cannot be read, without calling the gateway', async () => {
    secrets.on(GetSecretValueCommand).rejects(new Error('AccessDenied'));
    const before = received.length;
    const verifier = new HttpIdentityVerifier(url, apiKeyFromSecret('ccms/other-key'));
    await expect(verifier.verify('NID', '1990123456', '1990-01-15')).rejects.toThrow(ServiceUnavailableError);
    expect(received.length).toBe(before);
  });

  it('is configured as an https:// URL only', () => {
    expect(identityGatewayUrl.safeParse('https://nid.gov.bd/verify').success).toBe(true);
    expect(identityGatewayUrl.safeParse('http://nid.gov.bd/verify').success).toBe(false);
  });
});
