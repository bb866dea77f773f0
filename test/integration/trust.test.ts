/**
 * The holes a security review found (issue 7), each reproduced over HTTP against the local cloud:
 * raced limits, free text in the public view, regulator scope, and bad input that gave a 500.
 */
import { describe, expect, it } from 'vitest';
import { maxRequestBodyBytes } from '../../functions/catalog';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localTableName } from '../../local/dynamodb';
import { complaintBody, fileComplaint, localTable, publicView, statusBecomes } from './complaints';
import { freshClient, freshPhone, outbox, request, signIn, signInVerified, testNid } from './http';
import { seeds, signedCall } from './signed';

const statusCounts = (responses: { status: number }[]) =>
  responses.reduce<Record<number, number>>((counts, { status }) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});

describe('limits that parallel requests cannot race', () => {
  it('lets at most 5 identity checks a day reach the national register, however many are sent at once', async () => {
    const session = await signIn(freshPhone());
    const guesses = Array.from({ length: 30 }, (_, day) => ({
      ...testNid,
      dateOfBirth: `1990-03-${String(day + 1).padStart(2, '0')}`,
    }));
    const answers = await Promise.all(guesses.map((guess) => request('POST', '/v1/identity', guess, session)));
    // Every answer that compared a guess with the register is a 422; the rest were refused before.
    expect(statusCounts(answers)).toEqual({ 422: 5, 429: 25 });
    expect(answers.filter((a) => a.status === 429).every((a) => a.body.error.code === 'RATE_LIMITED')).toBe(true);
    const correct = await request('POST', '/v1/identity', testNid, session);
    expect(correct.status).toBe(429);
  });

  it('keeps an identity stored by one check when parallel checks of the same phone fail', async () => {
    const session = await signIn(freshPhone());
    const wrong = (day: number) => ({ ...testNid, dateOfBirth: `1990-03-0${day}` });
    const [first, second, correct, ...later] = await Promise.all(
      [wrong(1), wrong(2), testNid, wrong(3), wrong(4)].map((body) => request('POST', '/v1/identity', body, session)),
    );
    // The correct check stores the identity.
    expect(correct!.status).toBe(200);
    expect(correct!.body).toMatchObject({ verified: true, alreadyVerified: false });
    // A wrong one is refused by the register (422), or, when it arrives after the identity is stored
    // (a busy machine spaces them out), told the phone is already verified: it never stores its own.
    for (const answer of [first!, second!, ...later]) {
      expect([422, 200], JSON.stringify(answer.body)).toContain(answer.status);
      if (answer.status === 200) expect(answer.body).toMatchObject({ verified: true, alreadyVerified: true });
    }
    expect((await request('GET', '/v1/identity', undefined, session)).body).toMatchObject({
      verified: true,
      lastDigits: '456',
    });
  });

  it('texts one code when 15 requests for the same phone arrive at once', async () => {
    const phone = freshPhone();
    const client = freshClient();
    const answers = await Promise.all(
      Array.from({ length: 15 }, () => request('POST', '/v1/otp', { phone, language: 'en' }, client)),
    );
    expect(statusCounts(answers)).toEqual({ 202: 1, 429: 14 });
    const texts = await outbox({ channel: 'sms', to: phone });
    expect(texts).toHaveLength(1);
  });
});

describe('the public view of a complaint', () => {
  it('shows status, dates, merchant, category and step names, and none of the free text', async () => {
    const complaint = await fileComplaint();
    const reply = 'We called Rina at 01712-345678, House 5 Road 2 Dhanmondi';
    expect((await complaint.merchant('reply', { message: reply })).status).toBe(200);
    const view = await publicView(complaint.trackingNumber);
    expect(JSON.stringify(view)).not.toContain('Rina');
    expect(JSON.stringify(view)).not.toContain('blender');
    expect(Object.keys(view).sort()).toEqual([
      'category',
      'deadlines',
      'filedAt',
      'merchantId',
      'status',
      'timeline',
      'trackingNumber',
    ]);
    expect(view.timeline.map((step: { action: string }) => step.action)).toEqual(['FILE', 'NOTIFY_MERCHANT', 'REPLY']);
    for (const step of view.timeline)
      expect(Object.keys(step).sort()).toEqual(expect.arrayContaining(['action', 'actor', 'at', 'seq', 'toStatus']));
    for (const step of view.timeline) expect(step).not.toHaveProperty('note');
    // The merchant, a party to the complaint, still reads its own reply.
    const asMerchant = await signedCall(
      seeds().merchants['demo-bazaar']!,
      'GET',
      `/v1/merchant/complaints/${complaint.trackingNumber}`,
    );
    expect(asMerchant.body.timeline.at(-1).note).toBe(reply);
  });
});

describe('regulator scope', () => {
  it('refuses a complaint that was never escalated, as if it did not exist', async () => {
    const complaint = await fileComplaint();
    const read = await signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${complaint.trackingNumber}`);
    expect(read.status).toBe(404);
  });

  it('reads an escalated case and records the read in an access log the operator can query', async () => {
    const complaint = await fileComplaint();
    expect(
      (await complaint.merchant('propose-resolution', { remedy: 'REFUND', amount: 4200, message: 'Refunded.' })).status,
    ).toBe(200);
    expect((await complaint.consumer('dispute', { reason: 'No refund reached my bKash account.' })).status).toBe(200);
    expect(await statusBecomes(complaint.trackingNumber, 'ESCALATED')).toBe('ESCALATED');

    const read = await signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${complaint.trackingNumber}`);
    expect(read.status).toBe(200);
    expect(read.body.timelineVerification).toEqual({ valid: true });

    const log = await signedCall(
      seeds().operator,
      'GET',
      `/v1/admin/access-log?trackingNumber=${complaint.trackingNumber}`,
      undefined,
      { service: 'execute-api' },
    );
    expect(log.status).toBe(200);
    expect(log.body.reads).toEqual([
      expect.objectContaining({
        trackingNumber: complaint.trackingNumber,
        regulatorId: seeds().regulator.regulatorId,
        at: expect.any(String),
      }),
    ]);
    const byRegulator = await signedCall(
      seeds().operator,
      'GET',
      `/v1/admin/access-log?regulatorId=${seeds().regulator.regulatorId}`,
      undefined,
      { service: 'execute-api' },
    );
    expect(byRegulator.body.reads.map((r: { trackingNumber: string }) => r.trackingNumber)).toContain(
      complaint.trackingNumber,
    );
    // Kept without expiry while the complaint's data is: its erasure gives it an end (erasure.test.ts).
    const stored = await localTable().send(
      new QueryCommand({
        TableName: localTableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ACCESS#CASE#${complaint.trackingNumber}` },
      }),
    );
    expect(stored.Items).toHaveLength(1);
    expect(stored.Items?.[0]?.expiresAt).toBeUndefined();
  });
});

describe('bad input is a 4xx with a code, never a 500 or stored nonsense', () => {
  it('answers an action named after an object property with 404', async () => {
    const complaint = await fileComplaint();
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const asMerchant = await complaint.merchant(name, {});
      expect(asMerchant.status, `merchant ${name}`).toBe(404);
      expect(asMerchant.body.error.code).toBe('NOT_FOUND');
      const asConsumer = await complaint.consumer(name, {});
      expect(asConsumer.status, `consumer ${name}`).toBe(404);
    }
  });

  it('refuses a page cursor it did not give out (400)', async () => {
    const merchant = seeds().merchants['demo-bazaar']!;
    for (const cursor of [
      'eyJhIjoxfQ',
      Buffer.from(
        JSON.stringify({ pk: 'COMPLAINT#X', sk: 'COMPLAINT', gsi1pk: 'MERCHANT#other#AWAITING_MERCHANT', gsi1sk: 'x' }),
      ).toString('base64url'),
    ]) {
      const listed = await signedCall(
        merchant,
        'GET',
        `/v1/merchant/complaints?cursor=${cursor}&status=AWAITING_MERCHANT`,
      );
      expect(listed.status, cursor).toBe(400);
      expect(listed.body.error.code).toBe('INVALID_REQUEST');
    }
    const mine = await request(
      'GET',
      '/v1/consumer/complaints?cursor=eyJhIjoxfQ',
      undefined,
      await signIn(freshPhone()),
    );
    expect(mine.status).toBe(400);
  });

  it('refuses amounts below one poisha, invisible descriptions and control characters, but keeps Bengali joiners', async () => {
    const session = await signInVerified(freshPhone());
    const file = (overrides: Record<string, unknown>) =>
      request('POST', '/v1/complaints', { ...complaintBody, ...overrides }, session);
    const tiny = await file({ amount: 1e-7 });
    expect(tiny.status).toBe(400);
    expect(tiny.body.error.fields.amount).toBeDefined();
    const invisible = await file({ description: '\u200b'.repeat(30) });
    expect(invisible.status).toBe(400);
    expect(invisible.body.error.fields.description).toMatch(/20 visible characters/);
    const bell = await file({ description: `The parcel never arrived\u0007 and nobody answers.` });
    expect(bell.status).toBe(400);
    expect(bell.body.error.fields.description).toMatch(/control character/);
    // র‍্যাব and ক্‌ষ need ZWJ and ZWNJ.
    const bengali = await file({ description: 'পার্সেল আসেনি, র\u200d্যাব এবং ক্\u200cষ লেখা ঠিক আছে, টাকা ফেরত চাই।' });
    expect(bengali.status, JSON.stringify(bengali.body)).toBe(201);
  });
});

describe('request size', () => {
  it('files a 2,800-character Bengali description (8.4 KB), and refuses a body over the API limit with 413', async () => {
    const session = await signInVerified(freshPhone());
    const description = 'অভিযোগ'.repeat(467).slice(0, 2800);
    const long = await request('POST', '/v1/complaints', { ...complaintBody, description }, session);
    expect(long.status, JSON.stringify(long.body)).toBe(201);
    const huge = await request(
      'POST',
      '/v1/complaints',
      { ...complaintBody, description: 'x'.repeat(maxRequestBodyBytes) },
      session,
    );
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
