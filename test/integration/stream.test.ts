/**
 * The stream of complaint changes keeps moving: a change that always fails is retried a bounded
 * number of times and set aside, and the complaints behind it in the stream still get their
 * timers; a message that can never be delivered is kept with its complaint and holds nothing up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { complaintBody, deadLetters, storedCase, statusBecomes } from './complaints';
import { eventually, executions, freshPhone, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';

afterEach(async () => {
  await request('POST', '/__local/faults', { clear: true });
});

const runningTimers = (trackingNumber: string) => executions(`${trackingNumber}-`, 'RUNNING');

describe('a change that always fails', () => {
  it('is set aside after its retries, and the complaints filed after it still get their timers', {
    timeout: 180_000,
  }, async () => {
    const poisonPhone = freshPhone();
    const poisonSession = await signInVerified(poisonPhone);
    const laterSessions = await Promise.all([signInVerified(freshPhone()), signInVerified(freshPhone())]);
    // Every delivery of a change of this consumer's complaint crashes the consumer.
    expect(
      (await request('POST', '/__local/faults', { point: 'stream.crashAfterRun', times: 100, target: poisonPhone }))
        .status,
    ).toBe(200);

    const poison = await request('POST', '/v1/complaints', complaintBody, poisonSession);
    expect(poison.status).toBe(201);
    const later = await Promise.all(
      laterSessions.map((session) => request('POST', '/v1/complaints', complaintBody, session)),
    );
    for (const filed of later) {
      // Behind the poisoned change in the shard: each waits out up to 11 deliveries of it, each a full run of the consumer.
      expect(await statusBecomes(filed.body.trackingNumber, 'AWAITING_MERCHANT', 60_000)).toBe('AWAITING_MERCHANT');
      const timers = await eventually(
        () => runningTimers(filed.body.trackingNumber),
        (running) => running.length === 1,
        60_000,
      );
      expect(timers).toHaveLength(1);
    }
    const setAside = await eventually(
      deadLetters,
      (letters) => letters.some((l) => l.keys.pk.S === `COMPLAINT#${poison.body.trackingNumber}`),
      60_000,
    );
    expect(
      setAside.filter((l) => l.keys.pk.S === `COMPLAINT#${poison.body.trackingNumber}`).length,
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('a message that can never be delivered', () => {
  it('is kept with the complaint, and the timer, the merchant and the regulators are not held up', async () => {
    const phone = freshPhone();
    const session = await signInVerified(phone);
    // SNS refuses every SMS to this number for good (as for a number it cannot text).
    expect(
      (await request('POST', '/__local/faults', { point: 'sns.PublishRejected', times: 100, target: phone })).status,
    ).toBe(200);
    const filed = await request('POST', '/v1/complaints', complaintBody, session);
    expect(filed.status).toBe(201);
    const trackingNumber = filed.body.trackingNumber as string;
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    const merchant = (action: string, body: object) =>
      signedCall(
        seeds().merchants['demo-bazaar']!,
        'POST',
        `/v1/merchant/complaints/${trackingNumber}/${action}`,
        body,
      );
    expect((await merchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded.' })).status).toBe(200);
    expect(
      (
        await request(
          'POST',
          `/v1/consumer/complaints/${trackingNumber}/dispute`,
          { reason: 'Nothing reached my account.' },
          session,
        )
      ).status,
    ).toBe(200);
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');

    const read = await eventually(
      () => signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`),
      (response) => (response.body.undeliverableMessages?.length ?? 0) >= 4,
    );
    const kept = read.body.undeliverableMessages as { channel: string; seq: number; reason: string }[];
    expect(kept.every((message) => message.channel === 'sms' && /refused/.test(message.reason))).toBe(true);
    // One per step the consumer is told about: filed, with the merchant, proposal, escalation.
    expect(kept.map((message) => message.seq)).toEqual([...new Set(kept.map((message) => message.seq))]);
    expect((await deadLetters()).filter((l) => l.keys.pk.S === `COMPLAINT#${trackingNumber}`)).toEqual([]);
    expect((await storedCase(trackingNumber)).timelineVerification).toEqual({ valid: true });
  });
});

describe('a change that cannot be counted', () => {
  it('is set aside by the counting consumer alone: the complaint still gets its timer and reaches the merchant', {
    timeout: 180_000,
  }, async () => {
    const phone = freshPhone();
    const session = await signInVerified(phone);
    // Every count of this consumer's complaint fails, however often it is retried.
    expect(
      (await request('POST', '/__local/faults', { point: 'stream.countingFails', times: 100, target: phone })).status,
    ).toBe(200);
    const filed = await request('POST', '/v1/complaints', complaintBody, session);
    expect(filed.status).toBe(201);
    const trackingNumber = filed.body.trackingNumber as string;

    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    const timers = await eventually(
      () => runningTimers(trackingNumber),
      (running) => running.length === 1,
      { what: `one running timer for ${trackingNumber}` },
    );
    expect(timers.map((timer) => timer.name)).toEqual([`${trackingNumber}-t2-ACKNOWLEDGEMENT_REMINDER`]);
    const setAside = await eventually(
      deadLetters,
      (letters) => letters.some((l) => l.keys.pk.S === `COMPLAINT#${trackingNumber}`),
      { timeoutMs: 60_000, what: `the counting consumer to set aside a change of ${trackingNumber}` },
    );
    const mine = setAside.filter((l) => l.keys.pk.S === `COMPLAINT#${trackingNumber}`);
    expect(new Set(mine.map((l) => l.consumer))).toEqual(new Set(['countComplaintChanges']));
  });
});
