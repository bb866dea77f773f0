/**
 * A consumer erases what is kept about them (POST /v1/consumer/erasure): through the local cloud's
 * API, DynamoDB, S3 (every version under the complaint, listed as S3 lists versions) and KMS.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseAccessLog } from '../../functions/adapters/dynamodb-access-log';
import { localTableName } from '../../local/dynamodb';
import { fileComplaint, localTable, statusBecomes, storedCase } from './complaints';
import { advanceClock, eventually, request, signIn, signInRecently } from './http';
import { seeds, signedCall } from './signed';
import { askToUpload, png, post } from './uploads';

/** What the complaint holds of the person: none of it may survive. */
const planted = {
  name: 'Erasure Begum',
  email: 'erasure.begum@example.com',
  description: 'The parcel never came; call me on 01712-000111 or at House 5, Road 2.',
  merchantMessage: 'We refunded to bKash 01712-000111.',
  reason: 'I live at House 5, Road 2 and nothing came.',
  fileName: 'NID scan Erasure Begum.png',
};

describe("a consumer's erasure of their data", () => {
  it('is refused while a complaint is open; once it is closed, texts, files and identity go and the chain still holds', {
    timeout: 180_000,
  }, async () => {
    const complaint = await fileComplaint({
      complainantName: planted.name,
      email: planted.email,
      description: planted.description,
    });
    const { trackingNumber, phone } = complaint;
    const session = await signInRecently(phone);
    const asked = await askToUpload(trackingNumber, session, {
      fileName: planted.fileName,
      contentType: 'image/png',
      size: png.length,
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await post(asked.body.upload, png)).status).toBe(204);
    const fileUrl = `${inject('s3Endpoint')}/ccms-local-evidence/complaints/${trackingNumber}/${asked.body.attachmentId}`;
    await eventually(
      async () => (await request('GET', `/v1/complaints/${trackingNumber}/attachments`, undefined, session)).body,
      (body) => body.attachments?.[0]?.status === 'VERIFIED',
    );
    expect((await fetch(fileUrl)).status).toBe(200);
    expect(
      (await complaint.merchant('propose-resolution', { remedy: 'REFUND', message: planted.merchantMessage })).status,
    ).toBe(200);

    // Open: refused, naming the complaint, and nothing is erased.
    const refused = await request('POST', '/v1/consumer/erasure', undefined, session);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'OPEN_COMPLAINTS',
      details: { complaints: [{ trackingNumber, status: 'RESOLUTION_PROPOSED' }] },
    });
    expect(JSON.stringify(await storedCase(trackingNumber))).toContain(planted.description);

    expect((await complaint.consumer('withdraw', { reason: planted.reason })).status).toBe(200);
    expect(await statusBecomes(trackingNumber, 'WITHDRAWN')).toBe('WITHDRAWN');
    // What became of its messages is kept (SENT#) until the erasure.
    const sentFor = async () =>
      (
        await localTable().send(
          new QueryCommand({
            TableName: localTableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `SENT#${trackingNumber}` },
          }),
        )
      ).Items ?? [];
    const filed = `${String((await storedCase(trackingNumber)).timeline.find((entry) => entry.action === 'FILE')!.seq).padStart(6, '0')}#`;
    await eventually(sentFor, (items) =>
      items.some((item) => String(item.sk).startsWith(filed) && item.outcome === 'SENT'),
    );
    const erased = await request('POST', '/v1/consumer/erasure', undefined, await signInRecently(phone));
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toEqual({ status: 'DONE', erasedComplaints: 1, erasedSellerReports: 0 });

    // The stored complaint: none of the person, a pseudonym for the phone, the chain still valid.
    const stored = await storedCase(trackingNumber);
    const kept = JSON.stringify(stored);
    for (const text of [...Object.values(planted), phone]) expect(kept).not.toContain(text);
    expect(stored.complaint).toMatchObject({
      status: 'WITHDRAWN',
      merchantId: 'demo-bazaar',
      erasedAt: expect.any(String),
    });
    expect(stored.complaint.consumerId).toMatch(/^ERASED-[0-9a-f]{32}$/);
    expect(stored.timelineVerification).toEqual({ valid: true });
    expect(stored.timeline.filter((entry) => entry.noteErasedAt).map((entry) => entry.action)).toEqual([
      'PROPOSE_RESOLUTION',
      'WITHDRAW',
    ]);
    // The file is gone from S3; the merchant sees the case without the person or the file's name.
    expect((await fetch(fileUrl)).status).toBe(404);
    const merchantView = await signedCall(
      seeds().merchants['demo-bazaar']!,
      'GET',
      `/v1/merchant/complaints/${trackingNumber}`,
    );
    expect(merchantView.status).toBe(200);
    for (const text of [...Object.values(planted), phone])
      expect(JSON.stringify(merchantView.body)).not.toContain(text);
    expect(merchantView.body.attachments).toEqual([
      expect.objectContaining({ fileName: '', erasedAt: expect.any(String), status: 'VERIFIED' }),
    ]);
    expect(merchantView.body.attachments[0].download).toBeUndefined();
    // The consumer's own views: nothing left, identity included (the same session, not verified again).
    const fresh = await signIn(phone);
    expect((await request('GET', '/v1/consumer/complaints', undefined, fresh)).body.complaints).toEqual([]);
    const data = await request('GET', '/v1/consumer/data', undefined, fresh);
    expect(data.body).toMatchObject({ identity: { verified: false }, complaints: [] });
    // The erasure is logged, naming no one.
    const { Item } = await localTable().send(
      new GetCommand({ TableName: localTableName, Key: { pk: `ERASURE#COMPLAINT#${trackingNumber}`, sk: 'ERASED' } }),
    );
    expect(Item?.entry).toMatchObject({
      kind: 'COMPLAINT',
      reason: 'CONSUMER_REQUEST',
      consumer: stored.complaint.consumerId,
    });
    expect(JSON.stringify(Item)).not.toContain(phone);
    // What became of its messages is gone too: an SMS provider's late report finds nothing to keep.
    // (The filing's, settled before the erasure; a later entry's may still be on its way.)
    expect((await sentFor()).filter((item) => String(item.sk).startsWith(filed))).toEqual([]);
    // The log itself ends with the stage's retention (30 days locally) after the erasure.
    expect(Item?.expiresAt).toBe(Math.floor(Date.parse(Item?.entry.at) / 1000) + 30 * 86_400);
    const requests = await localTable().send(
      new QueryCommand({
        TableName: localTableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ERASURE#CONSUMER#${stored.complaint.consumerId}` },
      }),
    );
    expect(requests.Items).toEqual([
      expect.objectContaining({
        entry: expect.objectContaining({ kind: 'CONSUMER', complaints: 1 }),
        expiresAt: Math.floor(Date.parse(requests.Items?.[0]?.entry.at) / 1000) + 30 * 86_400,
      }),
    ]);
  });

  it('erases a complaint once its retention after closure ends (30 days locally), logged as RETENTION', {
    timeout: 120_000,
  }, async () => {
    const complaint = await fileComplaint({ complainantName: planted.name, description: planted.description });
    const { trackingNumber } = complaint;
    expect((await complaint.consumer('withdraw', { reason: planted.reason })).status).toBe(200);
    expect(await statusBecomes(trackingNumber, 'WITHDRAWN')).toBe('WITHDRAWN');
    const run = () =>
      request('POST', '/__local/schedules/eraseExpiredComplaints', { trackingNumbers: [trackingNumber] });
    // A regulator's read of it, logged under the case and under the regulator (kept while the complaint is).
    const read = {
      trackingNumber,
      regulatorId: `retention-${trackingNumber}`,
      agency: 'DNCRP',
      at: new Date().toISOString(),
    };
    await new DynamoDbCaseAccessLog(localTable(), localTableName).record(read);
    // Closed today: kept.
    expect((await run()).body).toEqual({ erased: [], left: false, failed: [] });
    expect(JSON.stringify(await storedCase(trackingNumber))).toContain(planted.description);
    await advanceClock('P30DT1H');
    expect((await run()).body).toEqual({ erased: [trackingNumber], left: false, failed: [] });
    const stored = await storedCase(trackingNumber);
    for (const text of [planted.name, planted.description, planted.reason])
      expect(JSON.stringify(stored)).not.toContain(text);
    expect(stored.timelineVerification).toEqual({ valid: true });
    const { Item } = await localTable().send(
      new GetCommand({ TableName: localTableName, Key: { pk: `ERASURE#COMPLAINT#${trackingNumber}`, sk: 'ERASED' } }),
    );
    expect(Item?.entry).toMatchObject({ kind: 'COMPLAINT', reason: 'RETENTION' });
    // The read ends the retention after the erasure, under the case and under the regulator alike.
    const readsOf = async (pk: string) =>
      (
        await localTable().send(
          new QueryCommand({
            TableName: localTableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
          }),
        )
      ).Items ?? [];
    const ends = Math.floor(Date.parse(Item?.entry.at) / 1000) + 30 * 86_400;
    for (const pk of [`ACCESS#CASE#${trackingNumber}`, `ACCESS#REGULATOR#${read.regulatorId}`])
      expect((await readsOf(pk)).map((item) => [item.read.trackingNumber, item.expiresAt])).toEqual([
        [trackingNumber, ends],
      ]);
  });

  it('needs a session', async () => {
    expect((await request('POST', '/v1/consumer/erasure')).status).toBe(401);
  });
});
