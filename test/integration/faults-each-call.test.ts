/**
 * Faults at every call: for filing and for transitions, each DynamoDB call of the request is
 * throttled in turn past the SDK's own retries, and so is each call of the change consumer's work;
 * SES and S3 refuse for a while. Whatever fails, the caller gets a retriable 503 (and its retry with
 * the same Idempotency-Key, the body serialised another way, succeeds once) or the work is retried
 * behind the scenes; the complaint converges to the state the rules give, with one live timer, and
 * no message goes twice. (Step Functions, SNS and crashes after a step: fault-injection.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { localTableName } from '../../local/dynamodb';
import type { RecordedRequest } from '../../local/dynamodb-proxy';
import { complaintBody, complaintTexts, consumerTextsDue, expectConverged, storedCase } from './complaints';
import { eventually, freshPhone, outbox, request, reserialised, signInVerified } from './http';
import { seeds, signedCall } from './signed';

afterEach(() => clearFaults());

/** The SDK sends a refused SES or S3 request three times in all: a fault that lasts longer reaches the code. */
const sdkAttempts = 3;
/** DynamoDB's client sends a throttled request four times in all (the SDK's default for DynamoDB). */
const dynamoDbAttempts = 4;
const clearFaults = async () => {
  await request('POST', '/__local/faults', { clear: true });
};
const merchantId = 'padma-electronics';
const merchantKey = () => seeds().merchants[merchantId]!;

const arm = async (fault: Record<string, unknown>) => {
  const armed = await request('POST', '/__local/faults', fault);
  expect(armed.status, JSON.stringify(armed.body)).toBe(200);
};
/** Fails the request's call number `call` (0-based) that `caller` makes, every attempt of it, until the faults are cleared. */
const failRequestCall = (caller: string, call: number) =>
  arm({
    point: 'dynamodb.throttled',
    target: localTableName,
    caller,
    skip: call,
    oneCall: true,
    times: 'untilCleared',
  });
const tripped = async (point: string) =>
  ((await request('GET', '/__local/faults')).body.tripped as Record<string, number>)[point] ?? 0;

/** The DynamoDB calls `caller` made while `work` ran (the proxy records them, with the function's name), those naming `about` if given. */
const dynamoDbCallsOf = async (caller: string, work: () => Promise<unknown>, about = '') => {
  const latest = async () =>
    ((await request('POST', '/__local/dynamodb/requests', { after: 0 })).body as RecordedRequest[]).at(-1)?.sequence ??
    0;
  const before = await latest();
  await work();
  return ((await request('POST', '/__local/dynamodb/requests', { after: before })).body as RecordedRequest[]).filter(
    (call) => call.caller === caller && call.body.includes(about),
  ).length;
};

/** Sends a POST; on a 503 (which must say when to retry) sends it again with the same key, the body re-serialised. */
const withRetry = async (
  send: (body: string) => Promise<Pick<Awaited<ReturnType<typeof request>>, 'status' | 'body'> & { headers?: Headers }>,
  body: Record<string, unknown>,
) => {
  const first = await send(JSON.stringify(body));
  // The fault lasts until the first answer: the retry finds DynamoDB well again.
  await clearFaults();
  if (first.status !== 503) return { first, final: first };
  expect(first.body.error.code).toBe('SERVICE_UNAVAILABLE');
  if (first.headers) expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
  return { first, final: await send(reserialised(body)) };
};

/**
 * Every message about the complaint went, once: a text for each timeline entry the consumer hears
 * about, and each merchant notice type once. Waits for them all (messages follow the state).
 */
const expectEachMessageOnce = async (trackingNumber: string, phone: string, expectedNotices: string[]) => {
  const stored = await storedCase(trackingNumber);
  const texts = consumerTextsDue(stored);
  const read = async () => ({
    notices: (await outbox({ to: 'ccms-local-notifications', mentions: trackingNumber }))
      .filter((m) => m.body.trackingNumber === trackingNumber)
      .map((m) => m.body.type as string)
      .sort(),
    texts: (await complaintTexts(phone, trackingNumber)).map((m) => String(m.body)),
  });
  await eventually(read, (sent) => sent.notices.length >= expectedNotices.length && sent.texts.length >= texts, {
    what: `${texts} texts to ${phone} and the merchant notices ${expectedNotices.join(', ')} of ${trackingNumber}`,
  });
  // Anything sent twice would show by now: a retry runs within a second or two here.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const sent = await read();
  expect(sent.notices).toEqual([...expectedNotices].sort());
  expect(
    sent.texts,
    JSON.stringify({ texts: sent.texts, timeline: stored.timeline.map((entry) => entry.action) }),
  ).toHaveLength(texts);
  expect(sent.texts).toEqual([...new Set(sent.texts)]);
};

/**
 * What a request answers when its call number `call` (0-based) of `calls` fails for good: a
 * retriable 503 (the work undone), except the last call, which keeps the answer for retries with
 * the same Idempotency-Key: the work is done then, and the caller gets its true answer.
 */
const expectedFirstAnswer = (call: number, calls: number, success: number) => (call === calls - 1 ? success : 503);

const newConsumer = async () => {
  const phone = freshPhone();
  return { phone, session: await signInVerified(phone) };
};

/** A filing's body, fixed once (complaintBody's order reference and dates are getters). */
const filingBody = (): Record<string, unknown> => ({ ...complaintBody, merchantId });

const fileAndConverge = async () => {
  const { phone, session } = await newConsumer();
  const filed = await request('POST', '/v1/complaints', filingBody(), session);
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const trackingNumber = filed.body.trackingNumber as string;
  await expectConverged(trackingNumber, 'AWAITING_MERCHANT');
  return { phone, session, trackingNumber };
};

const propose = (trackingNumber: string, key: string) => (body: string) =>
  signedCall(merchantKey(), 'POST', `/v1/merchant/complaints/${trackingNumber}/propose-resolution`, undefined, {
    headers: { 'idempotency-key': key },
    raw: { text: body, contentType: 'application/json' },
  });
const proposal = { remedy: 'REPLACEMENT', message: 'A new phone was delivered today.' };

interface Prepared {
  trackingNumber: string;
  phone: string;
  session: Record<string, string>;
}

/** A complaint with the merchant, every message of its filing sent. */
const prepared = async (): Promise<Prepared> => {
  const filed = await fileAndConverge();
  await expectEachMessageOnce(filed.trackingNumber, filed.phone, ['complaint.awaiting-merchant']);
  return filed;
};

/** A complaint with a proposed resolution, every message so far sent. */
const proposed = async (): Promise<Prepared> => {
  const filed = await prepared();
  expect((await propose(filed.trackingNumber, crypto.randomUUID())(JSON.stringify(proposal))).status).toBe(200);
  await expectConverged(filed.trackingNumber, 'RESOLUTION_PROPOSED');
  await expectEachMessageOnce(filed.trackingNumber, filed.phone, ['complaint.awaiting-merchant']);
  return filed;
};

const dispute = ({ trackingNumber, session }: Prepared) =>
  request(
    'POST',
    `/v1/consumer/complaints/${trackingNumber}/dispute`,
    { reason: 'The new phone does not charge either.' },
    session,
  );

/** Escalated, with exactly one escalation message to the regulators and one case record; every other message once. */
const expectEscalatedOnce = async ({ trackingNumber, phone }: Prepared) => {
  await expectConverged(trackingNumber, 'ESCALATED');
  const regulatorsTold = () =>
    outbox({ to: 'ccms-local-escalations', mentions: trackingNumber }).then((found) =>
      found.filter((m) => m.body.trackingNumber === trackingNumber),
    );
  const records = () =>
    signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`).then(
      (read) => (read.body.caseRecords ?? []) as unknown[],
    );
  await eventually(regulatorsTold, (found) => found.length > 0, {
    what: `the regulators to hear of ${trackingNumber}`,
  });
  await eventually(records, (found) => found.length > 0, { what: `the case record of ${trackingNumber}` });
  await expectEachMessageOnce(trackingNumber, phone, ['complaint.awaiting-merchant', 'complaint.escalated']);
  expect(await regulatorsTold()).toHaveLength(1);
  expect(await records()).toHaveLength(1);
};

/**
 * Fails each DynamoDB call that `caller` makes about a complaint in turn (every attempt of it: once
 * past the SDK's retries), on a fresh complaint from `prepare` moved on by `act`, until `act`'s work
 * has no call left to fail; each time the complaint must converge as `converged` says. Answers how
 * many calls there were.
 */
const failEachCallOf = async (
  caller: string,
  prepare: () => Promise<Prepared>,
  act: (subject: Prepared) => Promise<{ status: number }>,
  converged: (subject: Prepared) => Promise<void>,
) => {
  for (let call = 0; ; call++) {
    expect(call, `${caller} makes a bounded number of calls`).toBeLessThan(60);
    const subject = await prepare();
    const before = await tripped('dynamodb.throttled');
    // Only calls about this complaint: other complaints' work never consumes the fault.
    await arm({
      point: 'dynamodb.throttled',
      target: subject.trackingNumber,
      caller,
      skip: call,
      oneCall: true,
      times: dynamoDbAttempts,
    });
    expect((await act(subject)).status).toBe(200);
    await converged(subject);
    // The retries of a throttled call wait a while: the fault is spent, or it never tripped.
    const trips =
      (await eventually(
        () => tripped('dynamodb.throttled'),
        (count) => count === before || count - before >= dynamoDbAttempts,
        { what: 'the throttled call to be retried past the SDK' },
      )) - before;
    await converged(subject);
    await clearFaults();
    if (trips === 0) return call;
    expect(trips).toBe(dynamoDbAttempts);
  }
};

// Each test fails a step's calls one after another, each on a fresh complaint: minutes, not seconds.
describe('DynamoDB throttled at each call of a request, past the SDK retries', { timeout: 900_000 }, () => {
  it('filing: a 503 or a 201; the retry files once; the complaint reaches the merchant once', async () => {
    const probe = await newConsumer();
    const calls = await dynamoDbCallsOf('fileComplaint', async () =>
      expect(
        (
          await request('POST', '/v1/complaints', filingBody(), {
            ...probe.session,
            'idempotency-key': crypto.randomUUID(),
          })
        ).status,
      ).toBe(201),
    );
    expect(calls).toBeGreaterThan(0);
    const answered: number[] = [];
    for (let call = 0; call < calls; call++) {
      const { phone, session } = await newConsumer();
      await failRequestCall('fileComplaint', call);
      const key = { 'idempotency-key': crypto.randomUUID() };
      const body = filingBody();
      const { first, final } = await withRetry(
        (text) => request('POST', '/v1/complaints', text, { ...session, ...key }),
        body,
      );
      answered.push(first.status);
      expect(final.status, `call ${call + 1} of ${calls}: ${JSON.stringify(final.body)}`).toBe(201);
      // Filed once: the consumer has exactly this complaint, and a third try answers the same number.
      const mine = await request('GET', '/v1/consumer/complaints', undefined, session);
      expect(mine.body.complaints.map((item: { trackingNumber: string }) => item.trackingNumber)).toEqual([
        final.body.trackingNumber,
      ]);
      const again = await request('POST', '/v1/complaints', reserialised(body), { ...session, ...key });
      if (call < calls - 1) expect([again.status, again.body.trackingNumber]).toEqual([201, final.body.trackingNumber]);
      // The answer could not be kept: until its record expires the key's request is "in progress";
      // afterwards it runs again and is refused as a duplicate naming the same complaint.
      else
        expect([again.status, again.body.error.code, again.body.error.details?.trackingNumber]).toEqual(
          again.status === 409
            ? [409, 'REQUEST_IN_PROGRESS', undefined]
            : [422, 'DUPLICATE_OPEN_COMPLAINT', final.body.trackingNumber],
        );
      await expectConverged(final.body.trackingNumber, 'AWAITING_MERCHANT');
      await expectEachMessageOnce(final.body.trackingNumber, phone, ['complaint.awaiting-merchant']);
    }
    // Each call that failed for good made the request a retriable refusal, never a half-success.
    expect(answered).toEqual(Array.from({ length: calls }, (_, call) => expectedFirstAnswer(call, calls, 201)));
  });

  it("a merchant's proposal: a 503 or a 200; the retry proposes once; the timers follow", async () => {
    const probe = await fileAndConverge();
    const calls = await dynamoDbCallsOf('merchantAction', async () =>
      expect((await propose(probe.trackingNumber, crypto.randomUUID())(JSON.stringify(proposal))).status).toBe(200),
    );
    expect(calls).toBeGreaterThan(0);
    for (let call = 0; call < calls; call++) {
      const { trackingNumber, phone } = await fileAndConverge();
      await failRequestCall('merchantAction', call);
      const { first, final } = await withRetry(propose(trackingNumber, crypto.randomUUID()), proposal);
      expect(first.status).toBe(expectedFirstAnswer(call, calls, 200));
      expect(final.status, `call ${call + 1} of ${calls}: ${JSON.stringify(final.body)}`).toBe(200);
      const record = await expectConverged(trackingNumber, 'RESOLUTION_PROPOSED');
      expect(record.timeline.filter((entry) => entry.action === 'PROPOSE_RESOLUTION')).toHaveLength(1);
      await expectEachMessageOnce(trackingNumber, phone, ['complaint.awaiting-merchant']);
    }
  });

  it("a consumer's confirmation: a 503 or a 200; the retry settles once", async () => {
    const settle = async () => {
      const filed = await fileAndConverge();
      expect((await propose(filed.trackingNumber, crypto.randomUUID())(JSON.stringify(proposal))).status).toBe(200);
      await expectConverged(filed.trackingNumber, 'RESOLUTION_PROPOSED');
      return filed;
    };
    const confirm = (trackingNumber: string, session: Record<string, string>, key: string) => (body: string) =>
      request('POST', `/v1/consumer/complaints/${trackingNumber}/confirm`, body, {
        ...session,
        'idempotency-key': key,
      });
    const probe = await settle();
    const calls = await dynamoDbCallsOf('consumerAction', async () =>
      expect((await confirm(probe.trackingNumber, probe.session, crypto.randomUUID())('{}')).status).toBe(200),
    );
    expect(calls).toBeGreaterThan(0);
    for (let call = 0; call < calls; call++) {
      const { trackingNumber, phone, session } = await settle();
      await failRequestCall('consumerAction', call);
      const { first, final } = await withRetry(confirm(trackingNumber, session, crypto.randomUUID()), {
        comment: 'The new phone works.',
      });
      expect(first.status).toBe(expectedFirstAnswer(call, calls, 200));
      expect(final.status, `call ${call + 1} of ${calls}: ${JSON.stringify(final.body)}`).toBe(200);
      const record = await expectConverged(trackingNumber, 'SETTLED');
      expect(record.timeline.filter((entry) => entry.action === 'CONFIRM')).toHaveLength(1);
      await expectEachMessageOnce(trackingNumber, phone, ['complaint.awaiting-merchant']);
    }
  });
});

describe('faults behind the scenes: the work is retried until it converges', { timeout: 900_000 }, () => {
  it("DynamoDB throttled at each of the change consumer's calls for a proposal: timers follow, nothing goes twice", async () => {
    const calls = await failEachCallOf(
      'onComplaintChange',
      prepared,
      ({ trackingNumber }) => propose(trackingNumber, crypto.randomUUID())(JSON.stringify(proposal)),
      async ({ trackingNumber, phone }) => {
        await expectConverged(trackingNumber, 'RESOLUTION_PROPOSED');
        await expectEachMessageOnce(trackingNumber, phone, ['complaint.awaiting-merchant']);
      },
    );
    expect(calls).toBeGreaterThan(1);
  });

  it("DynamoDB throttled at each of the change consumer's calls for an escalation: the regulators are told once, one record", async () => {
    const calls = await failEachCallOf('onComplaintChange', proposed, dispute, expectEscalatedOnce);
    expect(calls).toBeGreaterThan(1);
  });

  it("DynamoDB throttled at each of the case record task's calls: Step Functions retries it, one record", async () => {
    const calls = await failEachCallOf('issueCaseRecord', proposed, dispute, expectEscalatedOnce);
    expect(calls).toBeGreaterThan(0);
  });

  it('SES refuses the filing email for a while: it goes once, later; each text goes once', async () => {
    const address = `each-call-${Date.now()}@example.com`;
    const { phone, session } = await newConsumer();
    await arm({ point: 'ses.unavailable', target: address, times: sdkAttempts + 1 });
    const filed = await request('POST', '/v1/complaints', { ...filingBody(), email: address }, session);
    expect(filed.status).toBe(201);
    const trackingNumber = filed.body.trackingNumber as string;
    await expectConverged(trackingNumber, 'AWAITING_MERCHANT');
    const emails = await eventually(
      () => outbox({ channel: 'email', to: address }),
      (found) => found.length > 0,
      { what: `the filing email to ${address}` },
    );
    await expectEachMessageOnce(trackingNumber, phone, ['complaint.awaiting-merchant']);
    expect(await tripped('ses.unavailable')).toBeGreaterThanOrEqual(sdkAttempts + 1);
    expect((await outbox({ channel: 'email', to: address })).length).toBe(emails.length);
    expect(emails).toHaveLength(1);
  });

  it("S3 refuses the escalation's case record for a while: one record, of the escalation, is written later", async () => {
    const subject = await proposed();
    const before = await tripped('s3.unavailable');
    await arm({ point: 's3.unavailable', target: 'PUT /ccms-local-case-records/', times: sdkAttempts + 1 });
    expect((await dispute(subject)).status).toBe(200);
    await expectEscalatedOnce(subject);
    expect(await tripped('s3.unavailable')).toBe(before + sdkAttempts + 1);
  });
});
