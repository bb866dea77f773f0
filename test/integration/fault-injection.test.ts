/**
 * Crashes between the steps of a transition heal. The steps: the database transaction (atomic,
 * and the commit point), then, driven by the table's stream, starting the new timer execution,
 * stopping the old one and publishing; and the workflow task that applies a due timer. A fault
 * is injected at each step of each transition below; afterwards the complaint is in the state the
 * rules give, it has exactly one live timer (the current one), and no message is lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { faultPoints, type FaultPoint } from '../../local/faults';
import { advanceClock, eventually, freshPhone, outbox, request, signInVerified } from './http';
import { complaintBody, expectConverged } from './complaints';
import { seeds, signedCall } from './signed';

/** Against its own seeded merchant, so its notices are told apart from other files'. */
const padmaComplaint = () => ({ ...complaintBody, merchantId: 'padma-electronics' });

/** The SDK retries 5xx answers itself (3 attempts): a service fault repeats enough to defeat that. */
const timesFor = (point: FaultPoint) => (point.startsWith('sfn.') || point === 'sns.Publish' ? 4 : 1);
const tripped = async (point: FaultPoint) =>
  ((await request('GET', '/__local/faults')).body.tripped as Record<string, number>)[point] ?? 0;
/**
 * Asserts the fault really hit: the step it breaks was taken (and failed) during `work`. Waits for
 * it: a fault after a run (stream.crashAfterRun) trips once the run's effects are already visible.
 */
const expectTripped = async (point: FaultPoint, trippedBefore: number) =>
  expect(
    await eventually(
      () => tripped(point),
      (count) => count > trippedBefore,
      { what: `the fault ${point} to trip` },
    ),
  ).toBeGreaterThan(trippedBefore);

/** Arms a fault for one complaint (its tracking number) or one consumer (their phone): nothing else can trip it. */
const arm = async (point: FaultPoint, target: string) => {
  const armed = await request('POST', '/__local/faults', { point, times: timesFor(point), target });
  expect(armed.status).toBe(200);
};
/** A fault at a step the transition does not take (e.g. a publish where nothing is published) stays armed: disarm it. */
afterEach(async () => {
  await request('POST', '/__local/faults', { clear: true });
});

const merchantKey = () => seeds().merchants['padma-electronics']!;
/** Healed: the state the rules give, exactly its current timer running, a valid chain (within 15 s). */
const expectHealed = (trackingNumber: string, status: string) => expectConverged(trackingNumber, status, 15_000);

const merchantNotices = async (trackingNumber: string) =>
  (await outbox({ to: 'ccms-local-notifications', mentions: trackingNumber })).filter(
    (m) => m.body.trackingNumber === trackingNumber,
  );

/** Files a complaint as a new consumer; `beforeFiling` runs once signed in (to arm a fault for the consumer at the filing itself). */
const file = async (beforeFiling: (phone: string) => Promise<void> = async () => undefined) => {
  const phone = freshPhone();
  const session = await signInVerified(phone);
  await beforeFiling(phone);
  const filed = await request('POST', '/v1/complaints', padmaComplaint(), session);
  expect(filed.status).toBe(201);
  return { trackingNumber: filed.body.trackingNumber as string, phone };
};

/**
 * Every step that can crash. Refusals for good and later reports are outcomes, not crashes, each
 * with its own test: sns.PublishRejected (stream.test.ts), ses.bounce and ses.complaint (email.test.ts).
 * DynamoDB, SES and S3 refusing for a while are failed call by call in faults-each-call.test.ts.
 * The stand-in SMS aggregator's faults need it as a provider, which this suite's cloud is not (it
 * sends through SNS): test/unit/local-sms-gateway.test.ts trips each of them.
 */
const crashPoints = faultPoints.filter(
  (point) =>
    ![
      'sns.PublishRejected',
      'ses.bounce',
      'ses.complaint',
      'dynamodb.throttled',
      'ses.unavailable',
      's3.unavailable',
      'smsGateway.unavailable',
      'smsGateway.rejected',
      'smsGateway.undelivered',
    ].includes(point),
);

describe('a fault at any step heals', () => {
  describe.each(crashPoints)('%s', (point) => {
    it('while filing: the complaint reaches the merchant once, with one live timer, and the merchant is told', async () => {
      const before = await tripped(point);
      const { trackingNumber } = await file((phone) => arm(point, phone));
      const record = await expectHealed(trackingNumber, 'AWAITING_MERCHANT');
      expect(record.timeline.map((e) => e.action)).toEqual(['FILE', 'NOTIFY_MERCHANT']);
      const notices = await eventually(
        () => merchantNotices(trackingNumber),
        (found) => found.length > 0,
      );
      expect(notices.length).toBeGreaterThanOrEqual(1);
      await expectTripped(point, before);
    });

    it('while proposing a resolution: the 7-day auto-settlement timer replaces the merchant deadline', async () => {
      const { trackingNumber } = await file();
      await expectHealed(trackingNumber, 'AWAITING_MERCHANT');
      const before = await tripped(point);
      await arm(point, trackingNumber);
      const proposed = await signedCall(
        merchantKey(),
        'POST',
        `/v1/merchant/complaints/${trackingNumber}/propose-resolution`,
        {
          remedy: 'REPLACEMENT',
          message: 'A new phone was delivered today.',
        },
      );
      expect(proposed.status).toBe(200);
      await expectHealed(trackingNumber, 'RESOLUTION_PROPOSED');
      // A proposal starts and stops timers but publishes nothing and fires no task at once.
      if (['sfn.StartExecution', 'sfn.StopExecution', 'stream.crashAfterRun'].includes(point))
        await expectTripped(point, before);
    });

    it('while reopening: the earlier new deadline wins over the old, later timer', async () => {
      const { trackingNumber, phone } = await file();
      await expectHealed(trackingNumber, 'AWAITING_MERCHANT');
      await signedCall(merchantKey(), 'POST', `/v1/merchant/complaints/${trackingNumber}/propose-resolution`, {
        remedy: 'REPLACEMENT',
        message: 'Replaced.',
      });
      await request('POST', `/v1/consumer/complaints/${trackingNumber}/confirm`, {}, await signInVerified(phone));
      await expectHealed(trackingNumber, 'SETTLED');
      const session = await signInVerified(phone);
      const before = await tripped(point);
      await arm(point, trackingNumber);
      const reopened = await request(
        'POST',
        `/v1/consumer/complaints/${trackingNumber}/reopen`,
        { reason: 'The new phone does not charge either.' },
        session,
      );
      expect(reopened.status).toBe(200);
      await expectHealed(trackingNumber, 'AWAITING_MERCHANT');
      await expectTripped(point, before);
      // The new merchant deadline (7 days) comes before the old reopen-window end (15 days).
      await advanceClock('P7DT1M');
      const escalated = await expectHealed(trackingNumber, 'ESCALATED');
      expect(escalated.timeline.filter((e) => e.action === 'ESCALATE')).toHaveLength(1);
    });
  });

  it('a task that crashes after escalating is retried without escalating twice, and the regulators are told', async () => {
    const { trackingNumber } = await file();
    await expectHealed(trackingNumber, 'AWAITING_MERCHANT');
    await arm('task.crashAfterRun', trackingNumber);
    await advanceClock('P7DT1M');
    const record = await expectHealed(trackingNumber, 'ESCALATED');
    expect(record.timeline.filter((e) => e.action === 'ESCALATE')).toHaveLength(1);
    const escalations = await eventually(
      async () =>
        (await outbox({ to: 'ccms-local-escalations', mentions: trackingNumber })).filter(
          (m) => m.body.trackingNumber === trackingNumber,
        ),
      (found) => found.length > 0,
    );
    expect(escalations.length).toBeGreaterThanOrEqual(1);
  });
});
