import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { baseUrl } from './http';
import { seeds, send, signRequest, signedCall } from './signed';

const merchantKey = () => seeds().merchants['demo-bazaar']!;
const operatorKey = () => seeds().operator;
let counter = 0;
const regulatorBody = () => ({
  regulatorId: `agency-${Date.now().toString(36)}-${counter++}`,
  agency: 'DNCRP',
  name: 'Test agency',
});

describe('signed requests (SigV4, service ccms)', () => {
  it('work from curl --aws-sigv4 unchanged', () => {
    const key = merchantKey();
    const output = execFileSync('curl', [
      '-s',
      '--aws-sigv4',
      `aws:amz:${seeds().region}:ccms`,
      '--user',
      `${key.accessKeyId}:${key.secretAccessKey}`,
      `${baseUrl()}/v1/merchant/complaints?status=AWAITING_MERCHANT`,
    ]).toString();
    expect(JSON.parse(output)).toMatchObject({ status: 'AWAITING_MERCHANT', complaints: expect.any(Array) });
  });

  it('refuse a tampered request: the body changed after signing', async () => {
    const signed = await signRequest(operatorKey(), 'POST', '/v1/admin/regulators', regulatorBody(), {
      service: 'execute-api',
    });
    const response = await send({ ...signed, body: JSON.stringify(regulatorBody()) });
    expect(response.status).toBe(403);
  });

  it('refuse a tampered query on a merchant route, saying only that the signature does not match', async () => {
    const signed = await signRequest(merchantKey(), 'GET', '/v1/merchant/complaints?status=AWAITING_MERCHANT');
    const response = await send({ ...signed, url: signed.url.replace('AWAITING_MERCHANT', 'ESCALATED') });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/^The request signature does not match the request\./);
    expect(JSON.stringify(response.body)).not.toMatch(/canonical|[0-9a-f]{64}/i);
  });

  it('refuse a request signed more than 5 minutes ago', async () => {
    const response = await signedCall(merchantKey(), 'GET', '/v1/merchant/complaints', undefined, {
      signedAt: new Date(Date.now() - 6 * 60_000),
    });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/more than 5 minutes/);
  });

  it('accept a state-changing request once, and refuse its replay', async () => {
    const signed = await signRequest(operatorKey(), 'POST', '/v1/admin/regulators', regulatorBody(), {
      service: 'execute-api',
    });
    expect((await send(signed)).status).toBe(201);
    expect((await send(signed)).status).toBe(403);
  });

  it('refuse an unknown key and a wrong secret', async () => {
    const unknown = await signedCall(
      { accessKeyId: 'CCMSMNOSUCHKEY000000', secretAccessKey: 'x'.repeat(40) },
      'GET',
      '/v1/merchant/complaints',
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe('The access key is not valid.');
    // A key id longer than DynamoDB takes as a key (2,048 bytes): 401, never the 500 of DynamoDB's refusal.
    const overlong = await signedCall(
      { accessKeyId: 'A'.repeat(2100), secretAccessKey: 'x'.repeat(40) },
      'GET',
      '/v1/merchant/complaints',
    );
    expect(overlong.status).toBe(401);
    const wrongSecret = await signedCall(
      { ...merchantKey(), secretAccessKey: 'y'.repeat(40) },
      'GET',
      '/v1/merchant/complaints',
    );
    expect(wrongSecret.status).toBe(401);
  });

  it('rotate: two keys work side by side, a third is refused, and a revoked one stops at once', async () => {
    const operator = operatorKey();
    const onboarded = await signedCall(
      operator,
      'POST',
      '/v1/admin/merchants',
      {
        merchantId: `rotating-${Date.now().toString(36)}`,
        legalName: 'Rotating Keys Ltd',
        tradeName: 'Rotating Keys',
        website: 'https://rotating.example',
        grievanceOfficer: {
          name: 'Karim Uddin',
          designation: 'GO',
          phone: '+8801911000011',
          email: 'go@rotating.example',
        },
        categories: ['hardware'],
      },
      { service: 'execute-api' },
    );
    expect(onboarded.status).toBe(201);
    expect(onboarded.body.credentials.note).toMatch(/will not show it again/);
    const merchantId = onboarded.body.merchant.merchantId;
    const first = onboarded.body.credentials;
    const second = (
      await signedCall(operator, 'POST', `/v1/admin/merchants/${merchantId}/keys`, undefined, {
        service: 'execute-api',
      })
    ).body.credentials;
    for (const key of [first, second])
      expect((await signedCall(key, 'GET', '/v1/merchant/complaints')).status).toBe(200);

    const third = await signedCall(operator, 'POST', `/v1/admin/merchants/${merchantId}/keys`, undefined, {
      service: 'execute-api',
    });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('TOO_MANY_KEYS');

    expect(
      (
        await signedCall(operator, 'DELETE', `/v1/admin/keys/${first.accessKeyId}`, undefined, {
          service: 'execute-api',
        })
      ).status,
    ).toBe(200);
    const revoked = await signedCall(first, 'GET', '/v1/merchant/complaints');
    expect(revoked.status).toBe(401);
    expect((await signedCall(second, 'GET', '/v1/merchant/complaints')).status).toBe(200);
    expect(
      (
        await signedCall(operator, 'DELETE', `/v1/admin/keys/${first.accessKeyId}`, undefined, {
          service: 'execute-api',
        })
      ).status,
    ).toBe(404);
  });

  it('refuse onboarding a merchant id twice (409) and a malformed profile (400)', async () => {
    const operator = operatorKey();
    const duplicate = await signedCall(
      operator,
      'POST',
      '/v1/admin/merchants',
      {
        merchantId: 'demo-bazaar',
        legalName: 'Demo Bazaar Limited',
        tradeName: 'Demo Bazaar',
        website: 'https://demo-bazaar.example',
        grievanceOfficer: {
          name: 'Nusrat Jahan',
          designation: 'GO',
          phone: '+8801711000001',
          email: 'go@demo-bazaar.example',
        },
        categories: ['fashion'],
      },
      { service: 'execute-api' },
    );
    expect(duplicate.status).toBe(409);
    const malformed = await signedCall(
      operator,
      'POST',
      '/v1/admin/merchants',
      { merchantId: 'X', website: 'http://insecure.example' },
      { service: 'execute-api' },
    );
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.fields)).toEqual(
      expect.arrayContaining(['merchantId', 'website', 'legalName', 'grievanceOfficer']),
    );
  });
});
