import { describe, expect, it } from 'vitest';
import { complaintBody } from './complaints';
import { advanceClock, asConsumer, eventually, executions, outbox, request } from './http';

/** The shared body, with the category whose escalation attributes are checked below. */
const complaint = () => ({ ...complaintBody, category: 'NOT_DELIVERED' });

const fileOne = async () => {
  const filed = await request('POST', '/v1/complaints', complaint(), await asConsumer());
  expect(filed.status).toBe(201);
  return filed.body as { trackingNumber: string; merchantDeadline: string; status: string };
};
const read = (trackingNumber: string) => request('GET', `/v1/complaints/${trackingNumber}`);
const awaitingMerchant = async (trackingNumber: string) =>
  eventually(
    () => read(trackingNumber),
    (r) => r.body.status === 'AWAITING_MERCHANT',
  );

describe('a complaint filed over HTTP against the local cloud', () => {
  it('gets a tracking number, notifies the merchant, and escalates when the merchant deadline passes', async () => {
    const filed = await fileOne();
    expect(filed.status).toBe('SUBMITTED');
    const location = (await request('GET', `/v1/complaints/${filed.trackingNumber.toLowerCase()}`)).body;
    expect(location.trackingNumber).toBe(filed.trackingNumber);

    const awaiting = await awaitingMerchant(filed.trackingNumber);
    expect(awaiting.body).toMatchObject({
      status: 'AWAITING_MERCHANT',
      deadlines: { merchantResponse: filed.merchantDeadline },
    });
    // The merchant notice follows the stored change through the table's stream.
    const notices = await eventually(
      async () =>
        (await outbox({ to: 'ccms-local-notifications', mentions: filed.trackingNumber })).filter(
          (m) => m.body.trackingNumber === filed.trackingNumber,
        ),
      (found) => found.length > 0,
    );
    expect(notices).toHaveLength(1);

    const advanced = await advanceClock('P8D');
    expect(advanced.status).toBe(200);

    const escalated = await eventually(
      () => read(filed.trackingNumber),
      (r) => r.body.status === 'ESCALATED',
    );
    expect(escalated.body.status).toBe('ESCALATED');
    expect(escalated.body.escalation.reason).toBe('MERCHANT_DEADLINE_MISSED');
    expect(escalated.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'FILE',
      'NOTIFY_MERCHANT',
      'REMIND_MERCHANT',
      'ESCALATE',
    ]);
    // The merchant was reminded after 72 hours, before the escalation.
    const reminders = (await outbox({ mentions: filed.trackingNumber })).filter(
      (m) =>
        m.body.trackingNumber === filed.trackingNumber && m.attributes?.event === 'complaint.acknowledgement-reminder',
    );
    expect(reminders).toHaveLength(1);
    // Fired at the deadline, not when the clock stopped a day later.
    const escalatedAt = Date.parse(escalated.body.escalation.at);
    expect(escalatedAt).toBeGreaterThanOrEqual(Date.parse(filed.merchantDeadline));
    expect(escalatedAt - Date.parse(filed.merchantDeadline)).toBeLessThan(1000);

    const escalations = await eventually(
      async () =>
        (await outbox({ to: 'ccms-local-escalations', mentions: filed.trackingNumber })).filter(
          (m) => m.body.trackingNumber === filed.trackingNumber,
        ),
      (found) => found.length > 0,
    );
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.attributes).toEqual({
      merchantId: 'demo-bazaar',
      category: 'NOT_DELIVERED',
      reason: 'MERCHANT_DEADLINE_MISSED',
      district: 'dhaka',
    });
  });

  it('does not escalate a second early: six days and 23 hours later the merchant still has time', async () => {
    const filed = await fileOne();
    await awaitingMerchant(filed.trackingNumber);
    await advanceClock('P6DT23H');
    expect((await read(filed.trackingNumber)).body.status).toBe('AWAITING_MERCHANT');
    await advanceClock('PT2H');
    const escalated = await eventually(
      () => read(filed.trackingNumber),
      (r) => r.body.status === 'ESCALATED',
    );
    expect(escalated.body.status).toBe('ESCALATED');
  });

  it('records the run of the workflow in the local Step Functions', async () => {
    const filed = await fileOne();
    await awaitingMerchant(filed.trackingNumber);
    await advanceClock('P7DT1M');
    // One execution per timer: notify the merchant at once, the 72-hour reminder, the merchant deadline.
    const mine = await eventually(
      () => executions(filed.trackingNumber),
      (list) => list.filter((e) => e.status === 'SUCCEEDED').length === 3,
    );
    expect(mine.map((e) => [e.name, e.status, e.statesEntered])).toEqual([
      [
        `${filed.trackingNumber}-t1-NOTIFY_MERCHANT`,
        'SUCCEEDED',
        ['WhatIsDue', 'HandToMerchantNow', 'FireTimer', 'DueYet', 'Done'],
      ],
      [
        `${filed.trackingNumber}-t2-ACKNOWLEDGEMENT_REMINDER`,
        'SUCCEEDED',
        ['WhatIsDue', 'WaitForAcknowledgementReminder', 'FireTimer', 'DueYet', 'Done'],
      ],
      [
        `${filed.trackingNumber}-t3-MERCHANT_DEADLINE`,
        'SUCCEEDED',
        ['WhatIsDue', 'WaitForMerchantDeadline', 'FireTimer', 'DueYet', 'Done'],
      ],
    ]);
  });
});

describe('clear refusals', () => {
  it('refuses a filing without a session, or with a made-up token (401)', async () => {
    const response = await request('POST', '/v1/complaints', complaint());
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/Verify your mobile number/),
    });
    const forged = await request('POST', '/v1/complaints', complaint(), {
      authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    });
    expect(forged.status).toBe(401);
  });

  it('explains each invalid field (400) and an unknown merchant (422)', async () => {
    const invalid = await request(
      'POST',
      '/v1/complaints',
      { ...complaint(), amount: 0, orderDate: 'yesterday' },
      await asConsumer(),
    );
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(['amount', 'orderDate']);
    const unknown = await request(
      'POST',
      '/v1/complaints',
      { ...complaint(), merchantId: 'no-such-shop' },
      await asConsumer(),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('UNKNOWN_MERCHANT');
  });

  it('tells a mistyped tracking number (400) from an unknown one (404)', async () => {
    const mistyped = await request('GET', '/v1/complaints/ABCDE-FGHJK');
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.error.message).toMatch(/typing mistake/);
    const filed = await fileOne();
    const otherValid = filed.trackingNumber === '00000-00000' ? '00000-00010' : '00000-00000';
    expect((await request('GET', `/v1/complaints/${otherValid}`)).status).toBe(404);
  });

  it('answers unknown paths and methods with 404 and 405', async () => {
    expect((await request('GET', '/v1/nothing-here')).status).toBe(404);
    expect((await request('DELETE', '/v1/complaints')).status).toBe(405);
  });

  it('refuses a clock move that is not an ISO-8601 duration (400)', async () => {
    const response = await advanceClock('7 days');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/P7D/);
  });
});
