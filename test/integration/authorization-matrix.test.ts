/**
 * Every route x every kind of caller, over HTTP against the local cloud. A row that is added to
 * the route table without a row here fails the completeness check at the end.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/catalog';
import { sellerIdOf } from '../../functions/domain/unlisted-sellers';
import { fileComplaint, statusBecomes, complaintBody } from './complaints';
import { freshClient, freshPhone, localDate, request, signInRecently, signInVerified } from './http';
import { seeds, signedCall } from './signed';

type Caller = 'anonymous' | 'consumerA' | 'consumerB' | 'merchantX' | 'merchantY' | 'regulator' | 'operator';
const callers: Caller[] = ['anonymous', 'consumerA', 'consumerB', 'merchantX', 'merchantY', 'regulator', 'operator'];

const phones = { consumerA: freshPhone(), consumerB: freshPhone() };
/** The seller the consumers report in this run (its own, so the matrix can run again). */
const matrixSellerSite = `matrix-${Date.now().toString(36)}.example.com`;
let consumerA: Record<string, string>;
let consumerB: Record<string, string>;
let trackingNumber: string;
/** A complaint of consumer A that was escalated: the only kind a regulator may read. */
let escalatedTrackingNumber: string;
let spareKeyId: string;
/** The merchant the operator onboarded in its row: its grievance officer is replaced in the next. */
let onboardedId: string;
let exportId: string;
let collectiveCaseId: string;

const call = async (caller: Caller, method: string, path: string, body?: unknown) => {
  const keys = seeds();
  switch (caller) {
    case 'anonymous':
      return request(method, path, body, freshClient());
    case 'consumerA':
      return request(method, path, body, { ...consumerA, ...freshClient() });
    case 'consumerB':
      return request(method, path, body, { ...consumerB, ...freshClient() });
    case 'merchantX':
      return signedCall(keys.merchants['demo-bazaar']!, method, path, body);
    case 'merchantY':
      return signedCall(keys.merchants['padma-electronics']!, method, path, body);
    case 'regulator':
      return signedCall(keys.regulator, method, path, body);
    case 'operator':
      return signedCall(keys.operator, method, path, body, { service: 'execute-api' });
  }
};

let uniqueCounter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${uniqueCounter++}`;
const merchantBody = () => ({
  merchantId: unique('shop'),
  legalName: 'Matrix Shop Limited',
  tradeName: 'Matrix Shop',
  website: 'https://matrix-shop.example',
  grievanceOfficer: {
    name: 'Salma Khatun',
    designation: 'Grievance Officer',
    phone: '01711000010',
    email: 'go@matrix-shop.example',
  },
  categories: ['books'],
});

/** Each row: how to call the route, and what each caller must get. A status or 'ok' (any 2xx). */
type Expect = number | 'ok';
/** The parts of the answers that the row checks read. */
interface ResponseBody {
  complaints: { trackingNumber: string }[];
  seller: { reports: number };
  timelineVerification: unknown;
  credentials: { accessKeyId: string };
  exportId: string;
  caseId: string;
  actions: string[];
  merchant: { merchantId: string };
}
interface Row {
  route: string;
  call: (caller: Caller) => Promise<{ status: number; body: ResponseBody }>;
  expect: Record<Caller, Expect>;
  check?: (caller: Caller, body: ResponseBody) => void;
}

const everyone = (outcome: Expect): Record<Caller, Expect> =>
  Object.fromEntries(callers.map((c) => [c, outcome])) as Record<Caller, Expect>;
const only = (allowed: Partial<Record<Caller, Expect>>, otherwise: Expect): Record<Caller, Expect> => ({
  ...everyone(otherwise),
  ...allowed,
});

const rows: Row[] = [
  { route: 'POST /v1/otp', call: (c) => call(c, 'POST', '/v1/otp', { phone: freshPhone() }), expect: everyone(202) },
  {
    route: 'POST /v1/otp/verify',
    call: (c) => call(c, 'POST', '/v1/otp/verify', { phone: freshPhone(), code: '123456' }),
    expect: everyone(400),
  },
  {
    // Public: the token from the emailed link is the proof, whoever sends it; a made-up one is 404 for all.
    route: 'POST /v1/email-confirmations',
    call: (c) => call(c, 'POST', '/v1/email-confirmations', { token: `${trackingNumber}.${'A'.repeat(43)}` }),
    expect: everyone(404),
  },
  {
    // Public: the code from the SMS's link is the proof, whoever sends it; a made-up one is 404 for all.
    route: 'POST /v1/one-tap',
    call: (c) => call(c, 'POST', '/v1/one-tap', { code: 'AAAAAAAAAAA' }),
    expect: everyone(404),
  },
  {
    // No session, key or role acts without a link's code: a made-up code is 404 for all.
    route: 'POST /v1/one-tap/{action}',
    call: (c) => call(c, 'POST', '/v1/one-tap/confirm', { code: 'AAAAAAAAAAA' }),
    expect: everyone(404),
  },
  {
    // Public: the aggregator's signature (x-sms-signature) is the proof; no caller's credentials replace it.
    route: 'POST /v1/sms/delivery-reports',
    call: (c) => call(c, 'POST', '/v1/sms/delivery-reports', { status: 'DELIVERED' }),
    expect: everyone(401),
  },
  {
    route: 'GET /v1/consumer/message-preferences',
    call: (c) => call(c, 'GET', '/v1/consumer/message-preferences'),
    expect: only({ consumerA: 200, consumerB: 200 }, 401),
  },
  {
    route: 'PUT /v1/consumer/message-preferences',
    call: (c) => call(c, 'PUT', '/v1/consumer/message-preferences', { stopNonEssential: false }),
    expect: only({ consumerA: 200, consumerB: 200 }, 401),
  },
  {
    route: 'POST /v1/identity',
    call: (c) =>
      call(c, 'POST', '/v1/identity', { document: 'NID', nidNumber: '1990123456', dateOfBirth: '1990-01-15' }),
    expect: only({ consumerA: 200, consumerB: 200 }, 401),
  },
  {
    route: 'GET /v1/identity',
    call: (c) => call(c, 'GET', '/v1/identity'),
    expect: only({ consumerA: 200, consumerB: 200 }, 401),
  },
  {
    route: 'POST /v1/complaints',
    call: (c) => call(c, 'POST', '/v1/complaints', complaintBody),
    expect: only({ consumerA: 201, consumerB: 201 }, 401),
  },
  {
    route: 'POST /v1/complaints/precheck',
    call: (c) => {
      const { merchantId, category, orderRef, orderDate, deliveryDistrict, priorContact } = complaintBody;
      return call(c, 'POST', '/v1/complaints/precheck', {
        merchantId,
        category,
        orderRef,
        orderDate,
        deliveryDistrict,
        priorContact,
      });
    },
    expect: only({ consumerA: 200, consumerB: 200 }, 401),
  },
  {
    route: 'GET /v1/complaints/{trackingNumber}',
    call: (c) => call(c, 'GET', `/v1/complaints/${trackingNumber}`),
    expect: everyone(200),
  },
  { route: 'GET /v1/categories', call: (c) => call(c, 'GET', '/v1/categories'), expect: everyone(200) },
  { route: 'GET /v1/widget.js', call: (c) => call(c, 'GET', '/v1/widget.js'), expect: everyone(200) },
  { route: 'GET /v1/openapi.json', call: (c) => call(c, 'GET', '/v1/openapi.json'), expect: everyone(200) },
  {
    route: 'GET /v1/consumer/complaints',
    call: (c) => call(c, 'GET', '/v1/consumer/complaints?limit=100'),
    expect: only({ consumerA: 200, consumerB: 200 }, 401),
    check: (caller, body) => {
      const mine = body.complaints.some((c: { trackingNumber: string }) => c.trackingNumber === trackingNumber);
      expect(mine, `${caller} sees consumer A's complaint`).toBe(caller === 'consumerA');
    },
  },
  {
    route: 'GET /v1/consumer/data',
    // The download needs a sign-in under 10 minutes old: the matrix can take longer than that.
    call: async (c) =>
      c === 'consumerA' || c === 'consumerB'
        ? request('GET', '/v1/consumer/data?limit=100', undefined, {
            ...(await signInRecently(phones[c])),
            ...freshClient(),
          })
        : call(c, 'GET', '/v1/consumer/data?limit=100'),
    expect: only({ consumerA: 200, consumerB: 200 }, 401),
    // Each consumer's own data: consumer B's download holds nothing of A's complaint.
    check: (caller, body) => {
      const mine = body.complaints.some((c: { trackingNumber: string }) => c.trackingNumber === trackingNumber);
      expect(mine, `${caller} downloads consumer A's complaint`).toBe(caller === 'consumerA');
      expect(JSON.stringify(body).includes(trackingNumber), `${caller}'s download mentions A's complaint`).toBe(
        caller === 'consumerA',
      );
    },
  },
  {
    route: 'GET /v1/consumer/complaints/{trackingNumber}',
    call: (c) => call(c, 'GET', `/v1/consumer/complaints/${trackingNumber}`),
    expect: only({ consumerA: 200, consumerB: 404 }, 401),
    // Awaiting the merchant, all the consumer may do is withdraw.
    check: (_caller, body) => expect(body.actions).toEqual(['withdraw', 'message']),
  },
  {
    route: 'GET /v1/merchant/complaints',
    call: (c) => call(c, 'GET', '/v1/merchant/complaints?status=AWAITING_MERCHANT&limit=100'),
    expect: only({ merchantX: 200, merchantY: 200, regulator: 403 }, 401),
    check: (caller, body) => {
      const listed = body.complaints.some((c: { trackingNumber: string }) => c.trackingNumber === trackingNumber);
      expect(listed, `${caller} lists merchant X's complaint`).toBe(caller === 'merchantX');
    },
  },
  {
    route: 'GET /v1/merchant/complaints/{trackingNumber}',
    call: (c) => call(c, 'GET', `/v1/merchant/complaints/${trackingNumber}`),
    expect: only({ merchantX: 200, merchantY: 404, regulator: 403 }, 401),
  },
  {
    route: 'GET /v1/regulator/cases/{trackingNumber}',
    call: (c) => call(c, 'GET', `/v1/regulator/cases/${escalatedTrackingNumber}`),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
    check: (_caller, body) => expect(body.timelineVerification).toEqual({ valid: true }),
  },
  {
    route: 'GET /v1/merchant/scorecard',
    call: (c) => call(c, 'GET', '/v1/merchant/scorecard'),
    expect: only({ merchantX: 200, merchantY: 200, regulator: 403 }, 401),
  },
  {
    // Each merchant reports its own month: there is no other merchant's to reach.
    route: 'PUT /v1/merchant/order-counts/{month}',
    call: (c) => call(c, 'PUT', `/v1/merchant/order-counts/${localDate(62).slice(0, 7)}`, { orders: 1000 }),
    expect: only({ merchantX: 200, merchantY: 200, regulator: 403 }, 401),
  },
  {
    route: 'GET /v1/merchant/order-counts',
    call: (c) => call(c, 'GET', '/v1/merchant/order-counts'),
    expect: only({ merchantX: 200, merchantY: 200, regulator: 403 }, 401),
  },
  {
    route: 'GET /v1/public/merchants',
    call: (c) => call(c, 'GET', '/v1/public/merchants?q=demo'),
    expect: everyone(200),
  },
  {
    route: 'GET /v1/public/merchants.csv',
    call: (c) => call(c, 'GET', '/v1/public/merchants.csv?q=demo'),
    expect: everyone(200),
  },
  { route: 'GET /v1/public/stats', call: (c) => call(c, 'GET', '/v1/public/stats'), expect: everyone(200) },
  { route: 'GET /v1/public/stats.csv', call: (c) => call(c, 'GET', '/v1/public/stats.csv'), expect: everyone(200) },
  {
    route: 'GET /v1/public/merchants/{merchantId}/stats',
    call: (c) => call(c, 'GET', '/v1/public/merchants/demo-bazaar/stats'),
    expect: everyone(200),
  },
  {
    route: 'GET /v1/public/merchants/{merchantId}/stats.csv',
    call: (c) => call(c, 'GET', '/v1/public/merchants/demo-bazaar/stats.csv'),
    expect: everyone(200),
  },
  {
    route: 'GET /v1/regulator/cases',
    call: (c) => call(c, 'GET', '/v1/regulator/cases?merchantId=demo-bazaar'),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'POST /v1/regulator/exports',
    call: (c) => call(c, 'POST', '/v1/regulator/exports', { merchantId: 'meghna-fashion' }),
    expect: only({ regulator: 202, merchantX: 403, merchantY: 403 }, 401),
    check: (_caller, body) => {
      exportId = body.exportId;
    },
  },
  {
    route: 'GET /v1/regulator/exports/{exportId}',
    call: (c) => call(c, 'GET', `/v1/regulator/exports/${exportId}`),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'GET /v1/regulator/alerts',
    call: (c) => call(c, 'GET', '/v1/regulator/alerts?limit=5'),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    // Each consumer reports the seller once; no one else may.
    route: 'POST /v1/consumer/unlisted-sellers',
    call: (c) =>
      call(c, 'POST', '/v1/consumer/unlisted-sellers', {
        sellerName: 'Matrix Shop',
        identifiers: [{ kind: 'WEBSITE', value: matrixSellerSite }],
        category: 'NOT_DELIVERED',
        description: 'Paid in advance; nothing came.',
      }),
    expect: only({ consumerA: 201, consumerB: 201 }, 401),
  },
  {
    route: 'GET /v1/regulator/unlisted-sellers',
    call: (c) => call(c, 'GET', '/v1/regulator/unlisted-sellers?limit=5'),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'GET /v1/regulator/unlisted-sellers/{sellerId}',
    call: (c) => call(c, 'GET', `/v1/regulator/unlisted-sellers/${sellerIdOf(`WEB:${matrixSellerSite}`)}`),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
    check: (_caller, body) => expect(body.seller.reports).toBe(2),
  },
  {
    route: 'POST /v1/regulator/unlisted-sellers/{sellerId}/onboarding',
    call: (c) =>
      call(c, 'POST', `/v1/regulator/unlisted-sellers/${sellerIdOf(`WEB:${matrixSellerSite}`)}/onboarding`, {
        status: 'INVITED',
      }),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'POST /v1/regulator/collective-cases',
    call: (c) =>
      call(c, 'POST', '/v1/regulator/collective-cases', {
        merchantId: 'demo-bazaar',
        title: 'The matrix checks who may open one',
      }),
    expect: only({ regulator: 201, merchantX: 403, merchantY: 403 }, 401),
    check: (_caller, body) => {
      collectiveCaseId = body.caseId;
    },
  },
  {
    route: 'GET /v1/regulator/collective-cases',
    call: (c) => call(c, 'GET', '/v1/regulator/collective-cases?merchantId=demo-bazaar&limit=5'),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'GET /v1/regulator/collective-cases/{caseId}',
    call: (c) => call(c, 'GET', `/v1/regulator/collective-cases/${collectiveCaseId}`),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'GET /v1/regulator/collective-cases/{caseId}/members.csv',
    call: (c) => call(c, 'GET', `/v1/regulator/collective-cases/${collectiveCaseId}/members.csv`),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    // Consumer A's complaint is not escalated: refused in the answer, so the collective case stays empty.
    route: 'POST /v1/regulator/collective-cases/{caseId}/members',
    call: (c) =>
      call(c, 'POST', `/v1/regulator/collective-cases/${collectiveCaseId}/members`, {
        trackingNumbers: [trackingNumber],
      }),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'POST /v1/regulator/collective-cases/{caseId}/hearings',
    call: (c) =>
      call(c, 'POST', `/v1/regulator/collective-cases/${collectiveCaseId}/hearings`, {
        at: `${localDate(-10)}T11:00:00+06:00`,
        mode: 'IN_PERSON',
        place: 'DNCRP, Karwan Bazar, Dhaka',
      }),
    expect: only({ regulator: 201, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    // An empty collective case is not decided (422 COLLECTIVE_CASE_EMPTY): the regulator got past the gate.
    route: 'POST /v1/regulator/collective-cases/{caseId}/decision',
    call: (c) =>
      call(c, 'POST', `/v1/regulator/collective-cases/${collectiveCaseId}/decision`, {
        outcome: 'DISMISSED',
        reasons: 'The matrix only checks who may decide.',
      }),
    expect: only({ regulator: 422, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'POST /v1/regulator/cases/{trackingNumber}/hearings',
    call: (c) =>
      call(c, 'POST', `/v1/regulator/cases/${escalatedTrackingNumber}/hearings`, {
        at: `${localDate(-10)}T11:00:00+06:00`,
        mode: 'IN_PERSON',
        place: 'DNCRP, Karwan Bazar, Dhaka',
      }),
    expect: only({ regulator: 201, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    // Closes the escalated case: after every row that reads or hears it.
    route: 'POST /v1/regulator/cases/{trackingNumber}/decision',
    call: (c) =>
      call(c, 'POST', `/v1/regulator/cases/${escalatedTrackingNumber}/decision`, {
        outcome: 'DISMISSED',
        reasons: 'The matrix only checks who may decide.',
      }),
    expect: only({ regulator: 200, merchantX: 403, merchantY: 403 }, 401),
  },
  {
    route: 'GET /v1/admin/access-log',
    call: (c) => call(c, 'GET', `/v1/admin/access-log?trackingNumber=${escalatedTrackingNumber}`),
    expect: only({ operator: 200 }, 403),
  },
  {
    route: 'PUT /v1/merchant/webhook',
    // Loopback, where nothing listens: deliveries to it fail and are retried, never leaving the machine.
    call: (c) => call(c, 'PUT', '/v1/merchant/webhook', { url: 'http://127.0.0.1:9/ccms' }),
    expect: only({ merchantX: 200, merchantY: 200, regulator: 403 }, 401),
  },
  {
    route: 'GET /v1/merchant/webhook/deliveries',
    call: (c) => call(c, 'GET', '/v1/merchant/webhook/deliveries'),
    expect: only({ merchantX: 200, merchantY: 200, regulator: 403 }, 401),
  },
  {
    route: 'POST /v1/complaints/{trackingNumber}/attachments',
    call: (c) =>
      call(c, 'POST', `/v1/complaints/${trackingNumber}/attachments`, {
        fileName: 'photo.png',
        contentType: 'image/png',
        size: 1000,
      }),
    expect: only({ consumerA: 201, consumerB: 404 }, 401),
  },
  {
    route: 'GET /v1/complaints/{trackingNumber}/attachments',
    call: (c) => call(c, 'GET', `/v1/complaints/${trackingNumber}/attachments`),
    expect: only({ consumerA: 200, consumerB: 404 }, 401),
  },
  {
    route: 'POST /v1/merchant/complaints/{trackingNumber}/attachments',
    call: (c) =>
      call(c, 'POST', `/v1/merchant/complaints/${trackingNumber}/attachments`, {
        fileName: 'slip.pdf',
        contentType: 'application/pdf',
        size: 1000,
      }),
    expect: only({ merchantX: 201, merchantY: 404, regulator: 403 }, 401),
  },
  // These two change the complaint, so they come after every row that reads it.
  {
    route: 'POST /v1/merchant/complaints/{trackingNumber}/{action}',
    call: (c) =>
      call(c, 'POST', `/v1/merchant/complaints/${trackingNumber}/acknowledge`, { message: 'We are looking into it.' }),
    expect: only({ merchantX: 200, merchantY: 404, regulator: 403 }, 401),
  },
  {
    route: 'POST /v1/consumer/complaints/{trackingNumber}/{action}',
    call: (c) =>
      call(c, 'POST', `/v1/consumer/complaints/${trackingNumber}/withdraw`, { reason: 'Sorted out by phone.' }),
    expect: only({ consumerA: 200, consumerB: 404 }, 401),
  },
  {
    route: 'POST /v1/admin/merchants',
    call: (c) => call(c, 'POST', '/v1/admin/merchants', merchantBody()),
    expect: only({ operator: 201 }, 403),
    check: (_caller, body) => {
      onboardedId = body.merchant.merchantId;
    },
  },
  {
    route: 'PUT /v1/admin/merchants/{merchantId}/grievance-officer',
    call: (c) =>
      call(c, 'PUT', `/v1/admin/merchants/${onboardedId}/grievance-officer`, {
        name: 'Rafiq Islam',
        designation: 'Grievance Officer',
        phone: '01711000011',
        email: 'rafiq@matrix-shop.example',
      }),
    expect: only({ operator: 200 }, 403),
  },
  {
    route: 'POST /v1/admin/merchants/{merchantId}/keys',
    call: (c) => call(c, 'POST', '/v1/admin/merchants/meghna-fashion/keys'),
    expect: only({ operator: 201 }, 403),
    check: (_caller, body) => {
      spareKeyId = body.credentials.accessKeyId;
    },
  },
  {
    route: 'DELETE /v1/admin/keys/{accessKeyId}',
    call: (c) => call(c, 'DELETE', `/v1/admin/keys/${spareKeyId}`),
    expect: only({ operator: 200 }, 403),
  },
  {
    route: 'POST /v1/admin/regulators',
    call: (c) =>
      call(c, 'POST', '/v1/admin/regulators', {
        regulatorId: unique('ecab'),
        agency: 'e-CAB',
        name: 'e-Commerce Association of Bangladesh',
      }),
    expect: only({ operator: 201 }, 403),
  },
  {
    // Both consumers filed a complaint in the row of POST /v1/complaints, still open: each is refused
    // (409 naming it). The erasure itself is in erasure.test.ts.
    route: 'POST /v1/consumer/erasure',
    call: async (c) =>
      c === 'consumerA' || c === 'consumerB'
        ? request('POST', '/v1/consumer/erasure', undefined, {
            ...(await signInRecently(phones[c])),
            ...freshClient(),
          })
        : call(c, 'POST', '/v1/consumer/erasure'),
    expect: only({ consumerA: 409, consumerB: 409 }, 401),
  },
];

beforeAll(async () => {
  const escalated = await fileComplaint();
  expect((await escalated.merchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded.' })).status).toBe(200);
  expect((await escalated.consumer('dispute', { reason: 'Nothing was refunded to me.' })).status).toBe(200);
  expect(await statusBecomes(escalated.trackingNumber, 'ESCALATED')).toBe('ESCALATED');
  escalatedTrackingNumber = escalated.trackingNumber;
  consumerA = await signInVerified(phones.consumerA);
  consumerB = await signInVerified(phones.consumerB);
  const filed = await request('POST', '/v1/complaints', complaintBody, consumerA);
  trackingNumber = filed.body.trackingNumber;
  // The workflow hands it to the merchant.
  expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
});

describe('authorization matrix', () => {
  for (const row of rows) {
    it(`${row.route}`, async () => {
      const outcomes: Record<string, number> = {};
      for (const caller of callers) {
        const response = await row.call(caller);
        outcomes[caller] = response.status;
        const expected = row.expect[caller];
        const allowed =
          expected === 'ok' ? response.status >= 200 && response.status < 300 : response.status === expected;
        expect(allowed, `${row.route} as ${caller}: got ${response.status} ${JSON.stringify(response.body)}`).toBe(
          true,
        );
        if (response.status < 300 && row.check) row.check(caller, response.body);
      }
    });
  }

  it('covers every route of the route table', () => {
    expect(rows.map((r) => r.route).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });
});
