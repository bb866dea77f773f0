import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { complaintBody } from './complaints';
import { freshPhone, request, signIn, testNid } from './http';

const complaint = () => ({ ...complaintBody, merchantId: 'meghna-fashion' });

describe('identity verification, once per phone', () => {
  it('is required before filing, then skipped on later calls', async () => {
    const session = await signIn(freshPhone());
    expect((await request('GET', '/v1/identity', undefined, session)).body).toEqual({ verified: false });
    const refused = await request('POST', '/v1/complaints', complaint(), session);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('IDENTITY_REQUIRED');

    const verified = await request('POST', '/v1/identity', testNid, session);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true, document: 'NID', lastDigits: '456', alreadyVerified: false });
    expect((await request('POST', '/v1/identity', testNid, session)).body.alreadyVerified).toBe(true);
    expect((await request('GET', '/v1/identity', undefined, session)).body).toMatchObject({
      verified: true,
      lastDigits: '456',
    });
    expect((await request('POST', '/v1/complaints', complaint(), session)).status).toBe(201);
  });

  it('says when the number and date of birth do not match, and how many checks are left today', async () => {
    const session = await signIn(freshPhone());
    const response = await request('POST', '/v1/identity', { ...testNid, dateOfBirth: '1990-01-16' }, session);
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'IDENTITY_NOT_MATCHED',
      message: expect.stringMatching(/4 checks left today/),
    });
  });

  it('asks under-18s for a birth registration and a guardian, and adults for an NID', async () => {
    const session = await signIn(freshPhone());
    const minorWithNid = await request(
      'POST',
      '/v1/identity',
      { document: 'NID', nidNumber: '1234567890', dateOfBirth: '2012-05-01' },
      session,
    );
    expect(minorWithNid.status).toBe(422);
    expect(minorWithNid.body.error.code).toBe('USE_BIRTH_REGISTRATION');
    const missingGuardian = await request(
      'POST',
      '/v1/identity',
      { document: 'BIRTH_REGISTRATION', birthRegistrationNumber: '20101234567890123', dateOfBirth: '2010-03-05' },
      session,
    );
    expect(missingGuardian.status).toBe(400);
    expect(Object.keys(missingGuardian.body.error.fields)).toContain('guardian');
    const minor = await request(
      'POST',
      '/v1/identity',
      {
        document: 'BIRTH_REGISTRATION',
        birthRegistrationNumber: '20101234567890123',
        dateOfBirth: '2010-03-05',
        guardian: { name: 'Rahima Begum', phone: '01812-345678' },
      },
      session,
    );
    expect(minor.status).toBe(200);
    expect(minor.body).toMatchObject({ verified: true, document: 'BIRTH_REGISTRATION', lastDigits: '123' });
  });

  it('refuses a malformed request with one message per field (400), and an anonymous caller (401)', async () => {
    const session = await signIn(freshPhone());
    const malformed = await request(
      'POST',
      '/v1/identity',
      { document: 'NID', nidNumber: '12345', dateOfBirth: '15/01/1990' },
      session,
    );
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.fields).sort()).toEqual(['dateOfBirth', 'nidNumber']);
    expect((await request('POST', '/v1/identity', testNid)).status).toBe(401);
  });

  it('never stores a document number in clear', async () => {
    const session = await signIn(freshPhone());
    await request(
      'POST',
      '/v1/identity',
      { document: 'NID', nidNumber: '19851234567890123', dateOfBirth: '1985-06-30' },
      session,
    );
    const dynamo = new DynamoDBClient({
      endpoint: inject('dynamoDbEndpoint'),
      region: 'ap-south-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Every page of the table: one Scan answers at most 1 MB, and earlier files leave thousands of items.
    const items: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({ TableName: 'ccms-local', ...(start && { ExclusiveStartKey: start as never }) }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const everything = JSON.stringify(items);
    expect(everything).toContain('"lastDigits":{"S":"123"}');
    expect(everything).not.toContain('19851234567890123');
    expect(everything).not.toContain(testNid.nidNumber);
    dynamo.destroy();
  });
});
