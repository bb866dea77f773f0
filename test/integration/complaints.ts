/** Filing a complaint over HTTP and acting on it as its consumer and merchant: shared by the integration tests. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect, inject } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/adapters/dynamodb-complaints';
import { DynamoDbUndeliverableMessages } from '../../functions/adapters/dynamodb-undeliverable';
import type { Complaint } from '../../functions/domain/complaint';
import { consumerMessage } from '../../functions/domain/messages';
import { verifyTimeline, type TimelineEntry } from '../../functions/domain/timeline';
import { localClientConfig, localTableName } from '../../local/dynamodb';
import type { SeedKey } from '../../local/seed';
import { eventually, executions, freshPhone, localDate, outbox, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';

let orderCounter = 0;

/**
 * A complete filing that passes every pre-check on the local cloud's today. Spread it (each read
 * gives a new order reference, since an order takes one open complaint, and dates relative to the
 * local clock) and override what a test is about.
 */
export const complaintBody = {
  merchantId: 'demo-bazaar',
  category: 'REFUND_NOT_RECEIVED',
  description: 'I returned the blender two weeks ago and no refund has arrived.',
  get orderRef() {
    return `DB-${Date.now().toString(36)}-${orderCounter++}`;
  },
  get orderDate() {
    return localDate(14);
  },
  amount: 4200,
  paymentMethod: 'BKASH',
  deliveryDistrict: 'dhaka',
  get priorContact() {
    return {
      date: localDate(2),
      channel: 'PHONE',
      ticketNumber: 'DB-T-77',
      merchantAnswer: 'They said the refund is on its way.',
    };
  },
  remedySought: 'REFUND',
  complainantName: 'Rahima Begum',
  consent: true,
};

export const publicView = async (trackingNumber: string) =>
  (await request('GET', `/v1/complaints/${trackingNumber}`)).body;

/** The actions of a complaint's public timeline, in order. */
export const timelineActions = async (trackingNumber: string) =>
  ((await request('GET', `/v1/complaints/${trackingNumber}`)).body.timeline as { action: string }[]).map(
    (entry) => entry.action,
  );

/** The changes the local stream set aside (GET /__local/dead-letters). */
export const deadLetters = async () =>
  (await request('GET', '/__local/dead-letters')).body as {
    consumer: string;
    sequenceNumber: string;
    keys: { pk: { S: string } };
  }[];

export const statusBecomes = async (trackingNumber: string, wanted: string, timeoutMs?: number) =>
  (
    await eventually(
      () => publicView(trackingNumber),
      (view) => view.status === wanted,
      { timeoutMs, what: `complaint ${trackingNumber} to become ${wanted}` },
    )
  ).status as string;

/** Waits until the counters (kept from the stream) show `filed` complaints against the merchant in its public record. */
export const filingsCounted = (merchantId: string, filed: number) =>
  eventually(
    () => request('GET', `/v1/public/merchants/${merchantId}/stats`),
    (stats) =>
      (stats.body as { scorecard?: { complaints?: { filed?: number } } }).scorecard?.complaints?.filed === filed,
    { what: `${filed} filings against ${merchantId} to be counted` },
  );

/** A new consumer files a complaint (against `merchantId`) and waits until it reaches the merchant. */
export const fileComplaint = async (
  overrides: Record<string, unknown> = {},
  /** The merchant's key, for a merchant a test onboarded (onboardMerchant); a seeded merchant's otherwise. */
  key?: SeedKey,
) => {
  const phone = freshPhone();
  const session = await signInVerified(phone);
  const body = { ...complaintBody, ...overrides };
  const filed = await request('POST', '/v1/complaints', body, session);
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const trackingNumber = filed.body.trackingNumber as string;
  expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
  const merchantKey = key ?? seeds().merchants[body.merchantId as string]!;
  return {
    trackingNumber,
    phone,
    consumer: async (action: string, actionBody: unknown = {}) =>
      request('POST', `/v1/consumer/complaints/${trackingNumber}/${action}`, actionBody, await signInVerified(phone)),
    merchant: (action: string, actionBody: unknown = {}) =>
      signedCall(merchantKey, 'POST', `/v1/merchant/complaints/${trackingNumber}/${action}`, actionBody),
  };
};

/** Files, has the merchant propose a small refund and the consumer dispute it: escalated at once. */
export const escalatedComplaint = async (overrides: Record<string, unknown> = {}, key?: SeedKey) => {
  const complaint = await fileComplaint(overrides, key);
  const proposed = await complaint.merchant('propose-resolution', {
    remedy: 'REFUND',
    amount: 100,
    message: 'A small refund.',
  });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
  const disputed = await complaint.consumer('dispute', { reason: 'One hundred taka is not what I paid.' });
  expect(disputed.status, JSON.stringify(disputed.body)).toBe(200);
  expect(await statusBecomes(complaint.trackingNumber, 'ESCALATED')).toBe('ESCALATED');
  return complaint;
};

/**
 * The stored record of any complaint, read straight from DynamoDB Local, with its timeline checked:
 * what the tests inspect of complaints no API shows in full (regulators read escalated cases only).
 */
export const storedCase = async (trackingNumber: string) => {
  const found = await storedComplaints().getWithTimeline(trackingNumber);
  if (!found) throw new Error(`no complaint ${trackingNumber} is stored`);
  return { ...found, timelineVerification: verifyTimeline(trackingNumber, found.timeline) };
};

/**
 * Waits until the complaint is in `status` with exactly its current timer running (the state the
 * rules give, after any retries), then checks that and its timeline's chain; answers the record.
 */
export const expectConverged = async (trackingNumber: string, status: string, timeoutMs = 30_000) => {
  const timerName = (timer: { seq: number; purpose: string }) => `${trackingNumber}-t${timer.seq}-${timer.purpose}`;
  const { record, running } = await eventually(
    async () => ({
      record: await storedCase(trackingNumber),
      running: (await executions(`${trackingNumber}-`, 'RUNNING')).map((e) => e.name),
    }),
    ({ record, running }) =>
      record.complaint.status === status &&
      running.length === (record.complaint.timer ? 1 : 0) &&
      (!record.complaint.timer || running[0] === timerName(record.complaint.timer)),
    { timeoutMs, what: `${trackingNumber} to be ${status} with its one timer running` },
  );
  expect(record.complaint.status).toBe(status);
  expect(running).toEqual(record.complaint.timer ? [timerName(record.complaint.timer)] : []);
  expect(record.timelineVerification).toEqual({ valid: true });
  return record;
};

/**
 * The SMS to `phone` about a complaint: those that name it, and those that carry a one-tap link
 * (`/t#<code>`, which names no complaint: each test complaint has a phone of its own).
 */
export const complaintTexts = async (phone: string, trackingNumber: string) =>
  (await outbox({ to: phone, channel: 'sms' })).filter((m) => {
    const text = String(m.body);
    return text.includes(trackingNumber) || text.includes('/t#');
  });

/** How many texts the consumer is due for a stored complaint: one for each timeline entry they hear of by SMS. */
export const consumerTextsDue = ({ complaint, timeline }: { complaint: Complaint; timeline: TimelineEntry[] }) =>
  timeline.filter((entry) => consumerMessage(entry.action, complaint)?.sms !== undefined).length;

let documentClient: DynamoDBDocumentClient | undefined;
/** The local cloud's table, read straight from DynamoDB Local. */
export const localTable = () =>
  (documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), ...localClientConfig }),
  ));
const storedComplaints = () => new DynamoDbComplaintRepository(localTable(), localTableName);

/** The messages kept with a complaint as undeliverable, read straight from the table (regulators see them once it is escalated). */
export const storedUndeliverable = (trackingNumber: string) =>
  new DynamoDbUndeliverableMessages(localTable(), localTableName).list(trackingNumber);

/** Onboards a merchant of its own for a test (as the operator) and returns its id and first key. */
export const onboardMerchant = async (prefix: string) => {
  const merchantId = `${prefix}-${Date.now().toString(36)}`;
  const onboarded = await signedCall(
    seeds().operator,
    'POST',
    '/v1/admin/merchants',
    {
      merchantId,
      legalName: `${prefix} Shop Limited`,
      tradeName: `${prefix} Shop`,
      website: `https://${prefix}.example`,
      grievanceOfficer: {
        name: 'Ayesha Siddiqua',
        designation: 'Grievance Officer',
        phone: '01711000020',
        email: `go@${prefix}.example`,
      },
      categories: ['electronics'],
    },
    { service: 'execute-api' },
  );
  expect(onboarded.status, JSON.stringify(onboarded.body)).toBe(201);
  return { merchantId, merchantKey: onboarded.body.credentials as SeedKey };
};

/** Follows the link in the filing's email to `address`, as its owner would: the address is confirmed and gets later updates. */
export const confirmEmailAddress = async (address: string, trackingNumber: string) => {
  const [first] = await eventually(
    async () =>
      (await outbox({ channel: 'email', to: address })).filter((email) =>
        String(email.body).includes(`/email/confirm#${trackingNumber}.`),
      ),
    (found) => found.length >= 1,
  );
  const token = /\/email\/confirm#([\w.-]+)/.exec(String(first!.body))![1]!;
  const confirmed = await request('POST', '/v1/email-confirmations', { token });
  expect([confirmed.status, confirmed.body]).toEqual([
    200,
    { trackingNumber, confirmed: true, confirmedAt: expect.any(String) },
  ]);
  return token;
};
