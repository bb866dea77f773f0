/**
 * An operator replaces a merchant's grievance officer: the person consumers are told to contact
 * changes everywhere it is shown, and nothing of the earlier officer is kept in the table.
 */
import { describe, expect, it } from 'vitest';
import { queryAll } from '../../functions/adapters/dynamodb-query-all';
import { localTableName } from '../../local/dynamodb';
import { complaintBody, localTable, onboardMerchant } from './complaints';
import { freshPhone, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';

const replace = (merchantId: string, body: unknown) =>
  signedCall(seeds().operator, 'PUT', `/v1/admin/merchants/${merchantId}/grievance-officer`, body, {
    service: 'execute-api',
  });

const newOfficer = {
  name: 'Nasrin Sultana',
  designation: 'Head of Customer Care',
  phone: '01811000031',
  email: 'care@officer.example',
};

describe("a merchant's grievance officer", () => {
  it('is replaced by an operator in the profile, the directory and the filing rules, and the earlier one is kept nowhere', {
    timeout: 60_000,
  }, async () => {
    const { merchantId } = await onboardMerchant('officer');
    const replaced = await replace(merchantId, newOfficer);
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toEqual({
      merchantId,
      grievanceOfficer: { ...newOfficer, phone: '+8801811000031' },
      replacedAt: expect.any(String),
    });

    const shown = { name: newOfficer.name, phone: '+8801811000031', email: newOfficer.email };
    const stats = await request('GET', `/v1/public/merchants/${merchantId}/stats`);
    expect(stats.body.merchant.grievanceOfficer).toEqual(shown);
    const found = await request('GET', '/v1/public/merchants?q=officer');
    expect(
      found.body.merchants.find((m: { merchantId: string }) => m.merchantId === merchantId).grievanceOfficer,
    ).toEqual(shown);
    // A consumer who has not contacted the merchant yet is sent to the new officer.
    const session = await signInVerified(freshPhone());
    const refused = await request(
      'POST',
      '/v1/complaints',
      { ...complaintBody, merchantId, priorContact: undefined },
      session,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'PRIOR_CONTACT_REQUIRED', details: { grievanceOfficer: shown } });

    // Every item of the merchant (its profile and each directory entry) holds the new officer only.
    const items = [
      ...(await queryAll(localTable(), {
        TableName: localTableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `MERCHANT#${merchantId}` },
      })),
      ...(
        await queryAll(localTable(), {
          TableName: localTableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'DIRECTORY#MERCHANTS' },
        })
      ).filter((item) => item.merchantId === merchantId),
    ];
    // The profile, and the directory's entries under "officer shop", "shop" and the whole directory.
    expect(items).toHaveLength(4);
    for (const earlier of ['Ayesha Siddiqua', 'go@officer.example', '01711000020'])
      expect(JSON.stringify(items)).not.toContain(earlier);
  });

  it('refuses an unknown merchant (404) and an officer without a valid phone or email (400), changing nothing', async () => {
    expect((await replace('no-such-merchant', newOfficer)).status).toBe(404);
    const { merchantId } = await onboardMerchant('officerbad');
    const bad = await replace(merchantId, { ...newOfficer, phone: '12345', email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
    for (const field of ['phone', 'email']) expect(JSON.stringify(bad.body.error)).toContain(field);
    const stats = await request('GET', `/v1/public/merchants/${merchantId}/stats`);
    expect(stats.body.merchant.grievanceOfficer.name).toBe('Ayesha Siddiqua');
  });
});
