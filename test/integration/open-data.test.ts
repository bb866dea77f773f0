/**
 * Open data over HTTP: each merchant's numbers and the platform's, in JSON and CSV, kept by the
 * stream of changes, with rates hidden below 10 complaints with an outcome, and no personal data:
 * complaints are filed with distinctive names, phones, emails and free text, and every public
 * answer is scanned for them.
 */
import { describe, expect, it } from 'vitest';
import { fileComplaint, onboardMerchant, statusBecomes } from './complaints';
import { eventually, request } from './http';
import { signedCall } from './signed';

const distinctive = {
  complainantName: 'Zubaida Opendata-Khatun',
  email: 'zubaida.opendata@example.com',
  description: 'The kettle marked QX-OPENDATA-7781 arrived without its lid and the seller ignored me.',
};

describe('open data', () => {
  it('gives a merchant’s settlement record and the platform’s numbers in JSON and CSV, with no personal data', {
    timeout: 180_000,
  }, async () => {
    const { merchantId, merchantKey } = await onboardMerchant('opendata');
    const phones: string[] = [];
    // Ten complaints settled by confirmation, one escalated: eleven with an outcome, so rates show.
    for (let i = 0; i < 11; i++) {
      const complaint = await fileComplaint({
        merchantId,
        ...distinctive,
        category: i === 10 ? 'NOT_DELIVERED' : 'REFUND_NOT_RECEIVED',
      });
      phones.push(complaint.phone);
      const merchant = (action: string, body: unknown) =>
        signedCall(merchantKey, 'POST', `/v1/merchant/complaints/${complaint.trackingNumber}/${action}`, body);
      expect(
        (
          await merchant('propose-resolution', {
            remedy: 'REFUND',
            amount: 100,
            message: 'Refunded, reference QX-OPENDATA-REPLY.',
          })
        ).status,
      ).toBe(200);
      if (i < 10)
        expect((await complaint.consumer('confirm', { comment: 'Zubaida confirms, thanks.' })).status).toBe(200);
      else {
        expect((await complaint.consumer('dispute', { reason: 'Zubaida disputes: only part came back.' })).status).toBe(
          200,
        );
        expect(await statusBecomes(complaint.trackingNumber, 'ESCALATED')).toBe('ESCALATED');
      }
    }
    const stats = await eventually(
      () => request('GET', `/v1/public/merchants/${merchantId}/stats`),
      (answer) => (answer.body.scorecard?.complaints?.resolved ?? 0) >= 11,
      30_000,
    );
    expect(stats.status).toBe(200);
    expect(stats.body.scorecard.complaints).toMatchObject({
      filed: 11,
      settled: { total: 10, byConsumerConfirmation: 10, automatically: 0 },
      escalated: 1,
    });
    expect(stats.body.scorecard.rates).toMatchObject({
      settlement: 0.909,
      settlementByConfirmation: 0.909,
      settlementAutomatic: 0,
      timelyFirstResponse: 1,
    });
    expect(stats.body.merchant).toMatchObject({ merchantId, grievanceOfficer: { name: 'Ayesha Siddiqua' } });
    expect(stats.body.byCategory.map((row: { category: string }) => row.category).sort()).toEqual([
      'NOT_DELIVERED',
      'REFUND_NOT_RECEIVED',
    ]);

    // The directory finds the merchant by a later word of its name, with its officer and numbers.
    const found = await request('GET', '/v1/public/merchants?q=SHOP&limit=50');
    expect(found.status).toBe(200);
    expect(found.body.merchants.find((row: { merchantId: string }) => row.merchantId === merchantId)).toMatchObject({
      tradeName: 'opendata Shop',
      grievanceOfficer: { name: 'Ayesha Siddiqua', phone: '+8801711000020' },
      scorecard: { complaints: { filed: 11 } },
    });
    // The merchant reads the same record on the signed API.
    const own = await signedCall(merchantKey, 'GET', '/v1/merchant/scorecard');
    expect(own.status).toBe(200);
    expect(own.body.scorecard).toEqual(stats.body.scorecard);

    const answers = await Promise.all([
      request('GET', `/v1/public/merchants.csv?q=opendata`),
      request('GET', '/v1/public/stats'),
      request('GET', '/v1/public/stats.csv'),
      request('GET', '/v1/public/stats', undefined, { accept: 'text/csv' }),
      request('GET', `/v1/public/merchants/${merchantId}/stats.csv`),
    ]);
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(String(answers[0]!.body).split('\r\n')[1]).toMatch(new RegExp(`^merchant,${merchantId},11,`));
    // (fetch's text() drops the byte-order mark the CSV starts with, so spreadsheets read it as UTF-8.)
    expect(String(answers[2]!.body)).toMatch(/^scope,key,filed,/);
    expect(answers[2]!.headers.get('content-type')).toMatch(/^text\/csv/);
    for (const answer of [stats, found, ...answers])
      expect(answer.headers.get('cache-control')).toMatch(/public, max-age=300/);
    expect(answers[3]!.body).toEqual(answers[2]!.body);
    expect(String(answers[4]!.body).split('\r\n')[1]).toMatch(new RegExp(`^merchant,${merchantId},11,`));
    // No personal data anywhere public.
    for (const answer of [stats, found, ...answers]) {
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      for (const personal of [
        distinctive.complainantName,
        distinctive.email,
        'QX-OPENDATA',
        'Zubaida',
        ...phones,
        ...phones.map((phone) => phone.slice(4)),
      ]) {
        expect(text).not.toContain(personal);
      }
    }
    expect((await request('GET', '/v1/public/merchants/no-such-shop/stats')).status).toBe(404);
    // An id no merchant can have (longer than DynamoDB's key limit) is unknown, not a 500.
    expect((await request('GET', `/v1/public/merchants/${'a'.repeat(3000)}/stats`)).status).toBe(404);
    // Nothing to search by (no q, or only symbols): the whole directory by name, each merchant once.
    for (const nothing of ['', '?q=', '?q=%F0%9F%98%80%20-']) {
      const everyone = await request('GET', `/v1/public/merchants${nothing}${nothing ? '&' : '?'}limit=100`);
      expect(everyone.status).toBe(200);
      const ids = everyone.body.merchants.map((row: { merchantId: string }) => row.merchantId);
      expect(ids).toContain(merchantId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    // 100 characters that NFKC makes 18 each (U+FDFA): a search key past DynamoDB's 1,024-byte sort key.
    const expanding = await request('GET', `/v1/public/merchants?q=${encodeURIComponent('\ufdfa'.repeat(100))}`);
    expect(expanding.status, JSON.stringify(expanding.body)).toBe(200);
    expect(expanding.body.merchants).toEqual([]);
    // A cursor belongs to its search: one from another search is refused, not passed to DynamoDB.
    const firstPage = await request('GET', '/v1/public/merchants?q=shop&limit=1');
    expect(firstPage.body.nextCursor).toEqual(expect.any(String));
    const misused = await request('GET', `/v1/public/merchants?cursor=${firstPage.body.nextCursor}&q=zz`);
    expect(misused.status).toBe(400);
    expect(misused.body.error.code).toBe('INVALID_REQUEST');
  });
});
