/**
 * Load with zero loss (`npm run load`; `npm run test:load:smoke` in CI runs it small): consumers
 * file at the same time with a client's retries (the same Idempotency-Key, the body sometimes
 * serialised another way, a second tap after a success), while merchants propose resolutions,
 * consumers confirm them and the clock moves. Afterwards every accepted complaint exists once
 * and in its consumer's list, tracking numbers are unique, each merchant's statistics equal a
 * recount of the stored complaints, every open complaint has exactly one live timer, and every
 * message went once. It prints the requests, the answers by status, p50/p99 and the checks.
 */
import { describe, expect, it } from 'vitest';
import {
  complaintBody,
  consumerTextsDue,
  expectConverged,
  onboardMerchant,
  storedCase,
} from '../integration/complaints';
import {
  advanceClock,
  eventually,
  freshPhone,
  outbox,
  request,
  reserialised,
  signInVerified,
  syncClock,
} from '../integration/http';
import { localTableName } from '../../local/dynamodb';
import { signedCall } from '../integration/signed';
import { sized } from './size';

const consumers = sized(40, 8);
const filingsEach = sized(3, 2);
const merchantCount = sized(4, 2);
const parallel = sized(16, 6);
/** Throttled DynamoDB calls per function while the load runs (the merchants' calls are fewer, one after another). */
const throttles: Record<string, number> = { fileComplaint: sized(100, 30), merchantAction: sized(30, 10) };

/** Answers by status, and each request's time, for the report. */
const statuses = new Map<string, number>();
const latencies: number[] = [];
const timed = async <T extends { status: number }>(send: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const answer = await send().catch((error: Error) => ({ status: 0, error }) as unknown as T);
  latencies.push(performance.now() - started);
  statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
  return answer;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/**
 * A client that retries as the API asks: a 503, a 409 REQUEST_IN_PROGRESS, a 429 or a broken
 * connection is sent again with the same key after Retry-After (at most 2 s here), up to 30 times.
 */
type Answer = Pick<Awaited<ReturnType<typeof request>>, 'status' | 'body'> & { headers?: Headers };
const retrying = async (send: (attempt: number) => Promise<Answer>) => {
  for (let attempt = 0; ; attempt++) {
    const answer = await timed(() => send(attempt));
    const again =
      answer.status === 0 ||
      // A consumer's session ended while the clock moved an hour: the next attempt signs in again.
      answer.status === 401 ||
      answer.status === 503 ||
      answer.status === 429 ||
      (answer.status === 409 && answer.body?.error?.code === 'REQUEST_IN_PROGRESS');
    if (!again || attempt === 29) return answer;
    const after = Number(answer.headers?.get('retry-after') ?? 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(2, after) * 1000));
  }
};

const inParallel = async (count: number, width: number, work: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await work(next++);
    }),
  );
};

interface Accepted {
  trackingNumber: string;
  phone: string;
  merchantId: string;
}

describe('load with zero loss', () => {
  it(`${consumers * filingsEach} filings from ${consumers} consumers with retries, while merchants act and the clock moves`, {
    timeout: 1_200_000,
  }, async () => {
    await syncClock();
    const merchants = await Promise.all(Array.from({ length: merchantCount }, (_, m) => onboardMerchant(`load${m}`)));
    const people = await Promise.all(
      Array.from({ length: consumers }, async () => {
        const phone = freshPhone();
        await signInVerified(phone);
        return { phone };
      }),
    );
    const accepted: Accepted[] = [];
    const refused: unknown[] = [];
    let filingsDone = false;

    const file = async (i: number) => {
      const person = people[i % consumers]!;
      const merchant = merchants[i % merchantCount]!;
      const body: Record<string, unknown> = {
        ...complaintBody,
        merchantId: merchant.merchantId,
        orderRef: `LOAD-${i}`,
      };
      const idempotencyKey = crypto.randomUUID();
      // Signed in at each attempt, as a client whose session ended signs in again (the clock moves hours meanwhile).
      const key = async () => ({ ...(await signInVerified(person.phone)), 'idempotency-key': idempotencyKey });
      const answer = await retrying(async (attempt) =>
        request('POST', '/v1/complaints', attempt % 2 === 1 ? reserialised(body) : body, await key()),
      );
      if (answer.status !== 201) return void refused.push([answer.status, answer.body]);
      accepted.push({
        trackingNumber: answer.body.trackingNumber,
        phone: person.phone,
        merchantId: merchant.merchantId,
      });
      // A second tap after the answer: the same complaint, not another (its first answer, or, if
      // keeping that answer failed under the throttling, a refusal naming the same complaint).
      if (i % 4 === 0) {
        const again = await retrying(async () => request('POST', '/v1/complaints', reserialised(body), await key()));
        expect(
          again.status === 201
            ? again.body.trackingNumber
            : [again.body.error?.code, again.body.error?.details?.trackingNumber],
        ).toEqual(
          again.status === 201 ? answer.body.trackingNumber : ['DUPLICATE_OPEN_COMPLAINT', answer.body.trackingNumber],
        );
      }
    };

    /** Merchants propose on every other complaint they have, as the filings come in; consumers confirm every fourth. */
    const acted = new Set<string>();
    const proposed: Accepted[] = [];
    const confirmed: Accepted[] = [];
    const act = async () => {
      while (!filingsDone || accepted.some((a) => !acted.has(a.trackingNumber))) {
        const next = accepted.find((a) => !acted.has(a.trackingNumber));
        if (!next) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        acted.add(next.trackingNumber);
        const index = accepted.indexOf(next);
        if (index % 2 !== 0) continue;
        await eventually(
          async () => (await storedCase(next.trackingNumber)).complaint.status,
          (status) => status === 'AWAITING_MERCHANT',
          { timeoutMs: 120_000, what: `${next.trackingNumber} to reach its merchant` },
        );
        const merchantKey = merchants.find((m) => m.merchantId === next.merchantId)!.merchantKey;
        const key = crypto.randomUUID();
        const answer = await retrying(() =>
          signedCall(
            merchantKey,
            'POST',
            `/v1/merchant/complaints/${next.trackingNumber}/propose-resolution`,
            { remedy: 'REFUND', amount: 4200, message: 'Refunded to the bKash number of the order.' },
            { headers: { 'idempotency-key': key } },
          ),
        );
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        proposed.push(next);
        if (index % 4 === 0) {
          const idempotencyKey = crypto.randomUUID();
          const confirmedAnswer = await retrying(async () =>
            request(
              'POST',
              `/v1/consumer/complaints/${next.trackingNumber}/confirm`,
              { comment: 'Received.' },
              { ...(await signInVerified(next.phone)), 'idempotency-key': idempotencyKey },
            ),
          );
          expect(confirmedAnswer.status, JSON.stringify(confirmedAnswer.body)).toBe(200);
          confirmed.push(next);
        }
      }
    };

    /** The clock moves an hour at a time while the work goes on: no deadline falls due (7 days), every timer is re-read. */
    const moveClock = async () => {
      for (let hour = 0; hour < 3 && !filingsDone; hour++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect((await advanceClock('PT1H')).status).toBe(200);
      }
    };

    // DynamoDB throttles some of the filings' and merchants' calls while the load runs: most are
    // absorbed by the SDK's retries, the rest reach clients as 503s that they retry.
    for (const [caller, times] of Object.entries(throttles))
      expect(
        (
          await request('POST', '/__local/faults', {
            point: 'dynamodb.throttled',
            target: localTableName,
            caller,
            times,
          })
        ).status,
      ).toBe(200);
    const started = performance.now();
    await Promise.all([
      inParallel(consumers * filingsEach, parallel, file).finally(() => {
        filingsDone = true;
      }),
      act(),
      moveClock(),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const faults = (await request('GET', '/__local/faults')).body as { tripped: Record<string, number> };
    await request('POST', '/__local/faults', { clear: true });

    // Every filing was accepted (none refused), each once, with its own number.
    expect(refused).toEqual([]);
    expect(accepted).toHaveLength(consumers * filingsEach);
    const numbers = accepted.map((a) => a.trackingNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Each consumer's list holds exactly what they were answered: nothing twice, nothing missing.
    for (const person of people) {
      // The clock moved hours: a session of the start may have expired, so sign in again (cached while it lasts).
      const mine = await request('GET', '/v1/consumer/complaints', undefined, await signInVerified(person.phone));
      expect((mine.body.complaints as { trackingNumber: string }[]).map((c) => c.trackingNumber).sort()).toEqual(
        accepted
          .filter((a) => a.phone === person.phone)
          .map((a) => a.trackingNumber)
          .sort(),
      );
    }

    // Converged: each complaint in the state the rules give, exactly its one current timer running.
    const expectedStatus = (a: Accepted) =>
      confirmed.includes(a) ? 'SETTLED' : proposed.includes(a) ? 'RESOLUTION_PROPOSED' : 'AWAITING_MERCHANT';
    let liveTimers = 0;
    for (const a of accepted) {
      const record = await expectConverged(a.trackingNumber, expectedStatus(a), 120_000);
      if (record.complaint.timer) liveTimers++;
    }

    // Every message once: a text for each entry the consumer hears about, one notice per merchant event.
    // Texts are counted per phone: one carrying a one-tap link names no complaint, and a person may have several.
    let texts = 0;
    for (const phone of new Set(accepted.map((a) => a.phone))) {
      const theirs = accepted.filter((a) => a.phone === phone);
      let expected = 0;
      for (const a of theirs) expected += consumerTextsDue(await storedCase(a.trackingNumber));
      const sent = await eventually(
        async () =>
          (await outbox({ to: phone, channel: 'sms' }))
            .map((m) => String(m.body))
            .filter((body) => body.includes('/t#') || theirs.some((a) => body.includes(a.trackingNumber))),
        (found) => found.length >= expected,
        { timeoutMs: 60_000, what: `${expected} texts to ${phone}` },
      );
      expect(sent).toHaveLength(expected);
      expect(new Set(sent).size).toBe(expected);
      texts += sent.length;
    }
    for (const a of accepted) {
      const notices = (await outbox({ to: 'ccms-local-notifications', mentions: a.trackingNumber }))
        .filter((m) => m.body.trackingNumber === a.trackingNumber)
        .map((m) => m.body.type);
      expect(notices.filter((type) => type === 'complaint.awaiting-merchant')).toHaveLength(1);
    }

    // Each merchant's statistics equal a recount of its stored complaints.
    for (const { merchantId } of merchants) {
      const mine = accepted.filter((a) => a.merchantId === merchantId);
      const recount = {
        filed: mine.length,
        open: mine.filter((a) => !confirmed.includes(a)).length,
        settled: mine.filter((a) => confirmed.includes(a)).length,
        byConsumerConfirmation: mine.filter((a) => confirmed.includes(a)).length,
      };
      const stats = await eventually(
        async () => {
          const card = (await request('GET', `/v1/public/merchants/${merchantId}/stats`)).body.scorecard.complaints;
          return {
            filed: card.filed,
            open: card.open,
            settled: card.settled.total,
            byConsumerConfirmation: card.settled.byConsumerConfirmation,
          };
        },
        (counted) => JSON.stringify(counted) === JSON.stringify(recount),
        { timeoutMs: 60_000, what: `the statistics of ${merchantId} to equal ${JSON.stringify(recount)}` },
      );
      expect(stats).toEqual(recount);
    }

    console.log(
      [
        `load with zero loss: ${accepted.length} complaints from ${consumers} consumers (${parallel} in flight) in ${seconds.toFixed(1)} s`,
        `  DynamoDB calls throttled: ${faults.tripped['dynamodb.throttled'] ?? 0}`,
        `  requests ${latencies.length}; answers by status ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
        `  p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms`,
        `  checks: ${accepted.length} accepted and stored once, ${new Set(numbers).size} unique numbers; ${proposed.length} proposed, ${confirmed.length} settled;`,
        `  ${liveTimers} live timers for ${accepted.length} complaints, each its current one; ${texts} texts, none twice; statistics of ${merchants.length} merchants equal a recount`,
      ].join('\n'),
    );
  });
});
