/**
 * Reports against sellers not on CCMS, over HTTP: verified consumers report a seller by its
 * Facebook page, website and numbers typed many ways; the regulators see it ranked by the consumers
 * who reported it (each once), read what they said (never who they are), and record its onboarding;
 * a consumer's erasure takes their words; limits and refusals answer 4xx.
 */
import { describe, expect, it } from 'vitest';
import { freshPhone, request, signIn, signInRecently, signInVerified } from './http';
import { seeds, signedCall } from './signed';

const asRegulator = (method: string, path: string, body?: unknown) => signedCall(seeds().regulator, method, path, body);

interface Seller {
  sellerId: string;
  key: string;
  reports: number;
  names: string[];
  linked: { key: string; sellerId: string }[];
  onboarding?: { status: string; merchantId?: string };
}

describe('reports against sellers not on CCMS', () => {
  it('matches reports on normalized identifiers, ranks the sellers for regulators and tells no one who reported', {
    timeout: 180_000,
  }, async () => {
    const run = Date.now().toString(36);
    const page = `gadgetcorner${run}`;
    const number = `0171${String(Date.now()).slice(-7)}`;
    const [first, second] = [freshPhone(), freshPhone()];
    const report = (overrides: Record<string, unknown> = {}) => ({
      sellerName: 'Gadget Corner BD',
      identifiers: [
        { kind: 'FACEBOOK', value: `https://www.facebook.com/${page}/` },
        { kind: 'BKASH', value: number },
      ],
      category: 'NOT_DELIVERED',
      description: 'Paid 18,500 taka by bKash for a phone. Nothing came, and Shirin Akter was blocked.',
      amount: 18500,
      ...overrides,
    });

    // Only a verified consumer reports, as only one files.
    const unverified = await request('POST', '/v1/consumer/unlisted-sellers', report(), await signIn(freshPhone()));
    expect(unverified.status).toBe(403);
    expect(unverified.body.error.code).toBe('IDENTITY_REQUIRED');
    const made = await request('POST', '/v1/consumer/unlisted-sellers', report(), await signInVerified(first));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.reportId).toMatch(/^[0-9a-f]{32}$/);
    // The same consumer again, the page typed otherwise: counted once.
    const again = await request(
      'POST',
      '/v1/consumer/unlisted-sellers',
      report({ identifiers: [{ kind: 'FACEBOOK', value: `fb.com/${page.toUpperCase()}` }] }),
      await signInVerified(first),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_REPORTED');
    // Another consumer, the same number given as a phone, and a website.
    const other = await request(
      'POST',
      '/v1/consumer/unlisted-sellers',
      report({
        sellerName: 'Gadget Corner',
        description: 'Ordered a smartwatch, paid first. Nothing came and the number stopped answering.',
        identifiers: [
          { kind: 'PHONE', value: `+88${number}` },
          { kind: 'WEBSITE', value: `https://www.${page}.com.bd/shop` },
        ],
      }),
      await signInVerified(second),
    );
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    // An identifier that is not one: 400 naming the field.
    const bad = await request(
      'POST',
      '/v1/consumer/unlisted-sellers',
      report({ identifiers: [{ kind: 'WEBSITE', value: 'not a website' }] }),
      await signInVerified(second),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('identifiers');

    const ranked = await asRegulator('GET', '/v1/regulator/unlisted-sellers?limit=100');
    expect(ranked.status).toBe(200);
    const sellers = ranked.body.sellers as Seller[];
    const mobile = sellers.find((seller) => seller.key === `MOBILE:+88${number}`)!;
    const facebook = sellers.find((seller) => seller.key === `FB:${page}`)!;
    expect(mobile).toMatchObject({ reports: 2, names: ['Gadget Corner', 'Gadget Corner BD'] });
    expect(mobile.linked.map(({ key }) => key).sort()).toEqual([`FB:${page}`, `WEB:${page}.com.bd`].sort());
    // Each linked identifier is a seller of its own, as the console opens it.
    for (const { sellerId, key } of mobile.linked)
      expect((await asRegulator('GET', `/v1/regulator/unlisted-sellers/${sellerId}`)).body.seller.key).toBe(key);
    expect(facebook).toMatchObject({ reports: 1 });
    // Most reported first.
    expect(sellers.indexOf(mobile)).toBeLessThan(sellers.indexOf(facebook));
    const counts = sellers.map((seller) => seller.reports);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const record = await asRegulator('GET', `/v1/regulator/unlisted-sellers/${mobile.sellerId}`);
    expect(record.status).toBe(200);
    expect(record.body.reports).toHaveLength(2);
    expect(record.body.reports.map((each: { description: string }) => each.description).sort()).toEqual(
      [report().description, 'Ordered a smartwatch, paid first. Nothing came and the number stopped answering.'].sort(),
    );
    // What consumers said, never who they are.
    const text = JSON.stringify([ranked.body, record.body]);
    for (const phone of [first, second]) {
      expect(text).not.toContain(phone);
      expect(text).not.toContain(phone.slice(4));
    }
    expect((await asRegulator('GET', '/v1/regulator/unlisted-sellers/bm90LWEta2V5')).status).toBe(404);
    // Consumers and merchants cannot read the ranking.
    expect(
      (await request('GET', '/v1/regulator/unlisted-sellers', undefined, await signInVerified(first))).status,
    ).toBe(401);

    // Onboarding: invited; then on CCMS, and consumers are sent to file a complaint instead.
    const path = `/v1/regulator/unlisted-sellers/${facebook.sellerId}/onboarding`;
    const invited = await asRegulator('POST', path, { status: 'INVITED', note: 'Letter sent to the page.' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    expect(invited.body.onboarding).toMatchObject({ status: 'INVITED', by: { agency: expect.any(String) } });
    expect((await asRegulator('POST', path, { status: 'ONBOARDED', merchantId: 'no-such-shop' })).status).toBe(404);
    expect((await asRegulator('POST', path, { status: 'ONBOARDED' })).status).toBe(400);
    const onboarded = await asRegulator('POST', path, { status: 'ONBOARDED', merchantId: 'demo-bazaar' });
    expect(onboarded.status).toBe(200);
    // Every step is kept, newest first.
    expect(onboarded.body.onboardingHistory.map((step: { status: string }) => step.status)).toEqual([
      'ONBOARDED',
      'INVITED',
    ]);
    const late = await request('POST', '/v1/consumer/unlisted-sellers', report(), await signInVerified(freshPhone()));
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'SELLER_ON_CCMS', details: { merchantId: 'demo-bazaar' } });

    // Their download holds their report, as they wrote it.
    const theirData = await request('GET', '/v1/consumer/data', undefined, await signInRecently(first));
    expect(theirData.status).toBe(200);
    expect(theirData.body.sellerReports).toEqual([
      expect.objectContaining({ reportId: made.body.reportId, description: report().description }),
    ]);

    // The first consumer erases their data: their words go, the count stays.
    const erased = await request('POST', '/v1/consumer/erasure', {}, await signInRecently(first));
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({ status: 'DONE', erasedSellerReports: 1 });
    const after = await asRegulator('GET', `/v1/regulator/unlisted-sellers/${mobile.sellerId}`);
    expect(after.body.seller.reports).toBe(2);
    const theirs = (after.body.reports as { description: string; erasedAt?: string; sellerName: string }[]).find(
      (each) => each.erasedAt,
    );
    expect(theirs).toMatchObject({ description: '', sellerName: 'Gadget Corner BD' });
    expect(JSON.stringify(after.body)).not.toContain('Shirin Akter was blocked.');
    expect(
      (await request('GET', '/v1/consumer/data', undefined, await signInRecently(first))).body.sellerReports,
    ).toEqual([]);
  });

  it('takes 5 reports from a consumer in a day, then 429 until midnight in Dhaka', { timeout: 120_000 }, async () => {
    const phone = freshPhone();
    const run = Date.now().toString(36);
    const headers = await signInVerified(phone);
    const answers = [];
    for (let n = 0; n < 6; n++)
      answers.push(
        await request(
          'POST',
          '/v1/consumer/unlisted-sellers',
          {
            sellerName: `Shop ${n}`,
            identifiers: [{ kind: 'WEBSITE', value: `shop${n}-${run}.example.com` }],
            category: 'NOT_DELIVERED',
            description: 'Paid in advance; nothing came.',
          },
          headers,
        ),
      );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 429]);
    expect(answers[5]!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(answers[5]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
