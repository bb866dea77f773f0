/**
 * `npm run bench` (lifecycle): what one complaint costs on each path of its life, from the local
 * cloud's meters: state transitions (states entered, from the local engine's event log: Standard
 * workflows bill per transition), DynamoDB read and write units (ReturnConsumedCapacity on every
 * request), function invocations and their log bytes, and the messages sent. The virtual clock
 * moves the timers; each path runs alone and is measured from before filing until the cloud is
 * quiet after its last step. The consumer signs in before (sign-in is its own row).
 */
import { expect, it } from 'vitest';
import { consumerMessage } from '../../functions/domain/messages';
import { complaintBody, publicView, storedCase } from '../integration/complaints';
import { advanceClock, freshPhone, localDate, request, signInVerified } from '../integration/http';
import { seeds, signedCall } from '../integration/signed';
import { addCounts, addRows, smoke } from './report';
import { settledUsage, usageBetween, type UsageDelta } from './usage';

const transitionBudget = 20;

/**
 * The updates a consumer hears of on a path: the moments of its timeline entries that have a
 * consumer message, where what the system does within a minute of the entry before it is that
 * entry's moment (a filing and its hand-over a second later). Counted from the timeline, not from
 * the SMS sent.
 */
const consumerUpdates = async (trackingNumber: string) => {
  const { complaint, timeline } = await storedCase(trackingNumber);
  let moments = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const entry of timeline) {
    if (consumerMessage(entry.action, complaint) === undefined) continue;
    if (entry.actor !== 'system' || Date.parse(entry.at) - last > 60_000) moments++;
    last = Date.parse(entry.at);
  }
  return moments;
};
const proposal = { remedy: 'REFUND', amount: 4200, message: 'Refunded to your bKash account.' };

const merchant = (trackingNumber: string, action: string, body: unknown = {}) =>
  signedCall(seeds().merchants['demo-bazaar']!, 'POST', `/v1/merchant/complaints/${trackingNumber}/${action}`, body);
const regulator = (method: string, path: string, body?: unknown) => signedCall(seeds().regulator, method, path, body);

/**
 * Waits for the work a step set off (the stream, the timers) by watching the meters, not by
 * reading the complaint: a status poll would be counted as the path's cost.
 */
const quiet = () => settledUsage();

/** Files a complaint in Bengali (email given, so both channels are counted) and waits until it reaches the merchant. */
const file = async (session: Record<string, string>) => {
  const filed = await request(
    'POST',
    '/v1/complaints',
    { ...complaintBody, language: 'bn', email: 'rina@example.com' },
    session,
  );
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  await quiet();
  return filed.body.trackingNumber as string;
};

/** A path of one complaint's life; answers its tracking number and the status it must end in. */
type Path = { name: string; steps: string; ends: string; run: (session: Record<string, string>) => Promise<string> };

const paths: Path[] = [
  {
    name: 'common: answered and confirmed',
    steps: 'file, acknowledge, propose, confirm, closed after the 15-day reopen window',
    ends: 'CLOSED',
    run: async (session) => {
      const trackingNumber = await file(session);
      expect((await merchant(trackingNumber, 'acknowledge')).status).toBe(200);
      expect((await merchant(trackingNumber, 'propose-resolution', proposal)).status).toBe(200);
      const confirmed = await request(
        'POST',
        `/v1/consumer/complaints/${trackingNumber}/confirm`,
        { comment: 'Received.' },
        session,
      );
      expect(confirmed.status).toBe(200);
      await advanceClock('P15DT1H');
      await quiet();
      return trackingNumber;
    },
  },
  {
    name: 'silence: settled automatically',
    steps: 'file, propose, auto-settled after 7 days, closed 15 days later',
    ends: 'CLOSED',
    run: async (session) => {
      const trackingNumber = await file(session);
      expect((await merchant(trackingNumber, 'propose-resolution', proposal)).status).toBe(200);
      await advanceClock('P7DT1H');
      await quiet();
      await advanceClock('P15DT1H');
      await quiet();
      return trackingNumber;
    },
  },
  {
    name: 'escalation: no answer, decided',
    steps: 'file, reminder, deadline passes, escalated, the regulator decides (dismissed)',
    ends: 'CLOSED',
    run: async (session) => {
      const trackingNumber = await file(session);
      await advanceClock('P7DT1H');
      await quiet();
      const decided = await regulator('POST', `/v1/regulator/cases/${trackingNumber}/decision`, {
        outcome: 'DISMISSED',
        reasons: 'The consumer did not answer the hearing notice within the time given.',
      });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      await quiet();
      return trackingNumber;
    },
  },
];

const perComplaint = (delta: UsageDelta) =>
  `${delta.stateTransitions} transitions, ${delta.readUnits} RRU / ${delta.writeUnits} WRU, ${delta.invocations} invocations, ${delta.kmsRequests} KMS requests, ${(delta.logBytes / 1024).toFixed(1)} KB of logs, ${Object.entries(
    delta.messages,
  )
    .map(([channel, count]) => `${count} ${channel}`)
    .join(', ')} (${delta.smsParts} SMS parts)`;

it('measures each lifecycle path of one complaint', { timeout: 600_000 }, async () => {
  let lastTrackingNumber = '';
  localDate(0);
  // Sign-in (OTP and identity) is the consumer's, once per session, not the complaint's.
  const beforeSignIn = await settledUsage();
  const phone = freshPhone();
  await signInVerified(phone);
  const signIn = usageBetween(beforeSignIn, await settledUsage());
  addCounts('signIn', signIn);
  addRows([
    {
      section: 'lifecycle',
      subject: 'sign-in (OTP sent and verified, identity checked)',
      measured: perComplaint(signIn),
      floor: '-',
      versus: '-',
      how: 'local cloud meters before and after, once the cloud is quiet',
    },
  ]);
  for (const path of smoke ? paths.slice(0, 1) : paths) {
    // A session that outlives the path's clock moves is the consumer's, not the path's.
    const session = await signInVerified(phone);
    const before = await settledUsage();
    const trackingNumber = await path.run(session);
    const delta = usageBetween(before, await settledUsage());
    // How long its timers' executions were open: each open one counts against the account's quota.
    const now = Date.parse((await request('GET', '/__local/clock')).body.now as string);
    const executions = (
      (await request('GET', '/__local/executions')).body as { name: string; startDate: string; stopDate?: string }[]
    ).filter((execution) => execution.name.startsWith(`${trackingNumber}-`));
    const executionDays = executions.reduce(
      (sum, execution) =>
        sum +
        (Date.parse(execution.stopDate ?? new Date(now).toISOString()) - Date.parse(execution.startDate)) / 86_400_000,
      0,
    );
    expect((await publicView(trackingNumber)).status).toBe(path.ends);
    addCounts(`path:${path.name}`, { ...delta, executionDays });
    lastTrackingNumber = trackingNumber;
    const calls = Object.entries(delta.dynamoDbCalls)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operation, count]) => `${operation} ${count}`)
      .join(', ');
    addRows([
      {
        section: 'lifecycle',
        subject: `${path.name} (${path.steps})`,
        measured: perComplaint(delta),
        floor: `${transitionBudget} transitions (budget)`,
        versus:
          delta.stateTransitions <= transitionBudget
            ? `within budget (${delta.stateTransitions}/${transitionBudget})`
            : `over budget by ${delta.stateTransitions - transitionBudget}`,
        how: `states entered (local engine's event log); units from ReturnConsumedCapacity (table only, not indexes); DynamoDB calls: ${calls}; timers open ${executionDays.toFixed(1)} execution-days`,
      },
    ]);
    expect(delta.stateTransitions).toBeGreaterThan(0);
    // Issue 25's target: one SMS part per update the consumer hears of.
    const texts = delta.messages.sms ?? 0;
    const updates = await consumerUpdates(trackingNumber);
    addRows([
      {
        section: 'lifecycle',
        subject: `${path.name}: SMS to the consumer`,
        measured: `${texts} SMS in ${delta.smsParts} parts (Bengali) for ${updates} updates`,
        floor: 'one part per update',
        versus: delta.smsParts === updates ? 'met' : `${delta.smsParts - updates} parts over`,
        how: 'parts as billed (local cloud meters); updates: timeline entries the consumer hears of, what the system does within a minute of an entry being its moment',
      },
    ]);
    expect([texts, delta.smsParts]).toEqual([updates, updates]);
  }
  // One look at the public tracking page's data, which consumers repeat.
  const beforeRead = await settledUsage();
  expect((await publicView(lastTrackingNumber)).status).toBe('CLOSED');
  const read = usageBetween(beforeRead, await settledUsage());
  addCounts('trackingRead', read);
  addRows([
    {
      section: 'lifecycle',
      subject: 'one public tracking read (GET /v1/complaints/{trackingNumber})',
      measured: perComplaint(read),
      floor: '-',
      versus: '-',
      how: 'local cloud meters before and after',
    },
  ]);
});
