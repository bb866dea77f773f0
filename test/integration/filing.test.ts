/**
 * Filing as the CCMS process requires, over HTTP: the full form, every pre-check refusal (also
 * through POST /v1/complaints/precheck), one open complaint per order, and the complainant's name
 * shown to the merchant and the regulator but never to the public.
 */
import { describe, expect, it } from 'vitest';
import { complaintBody, fileComplaint, onboardMerchant, statusBecomes, storedCase } from './complaints';
import { advanceClock, freshPhone, localDate, outbox, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';

const file = (body: Record<string, unknown>, session: Record<string, string>) =>
  request('POST', '/v1/complaints', body, session);
const precheck = (body: Record<string, unknown>, session: Record<string, string>) => {
  const { merchantId, category, orderRef, orderDate, problemDate, deliveryDistrict, priorContact } = body;
  return request(
    'POST',
    '/v1/complaints/precheck',
    { merchantId, category, orderRef, orderDate, problemDate, deliveryDistrict, priorContact },
    session,
  );
};

/** Files `body`, expects the refusal `code` (422), and expects the precheck to give the same reason without filing. */
const refusedWith = async (code: string, body: Record<string, unknown>, session: Record<string, string>) => {
  const filed = await file(body, session);
  expect(filed.status, JSON.stringify(filed.body)).toBe(422);
  expect(filed.body.error).toMatchObject({ code, message: expect.any(String) });
  if (code !== 'CONSENT_REQUIRED') {
    const checked = await precheck(body, session);
    expect(checked.status).toBe(200);
    expect(checked.body.acceptable).toBe(false);
    expect(checked.body.refusals.map((r: { code: string }) => r.code)).toContain(code);
  }
  return filed.body.error as { code: string; message: string; details?: Record<string, unknown> };
};

describe('the filing pre-checks, each with a clear refusal', () => {
  it("refuses a consumer who has not contacted the merchant, naming its grievance officer's name, phone and email", async () => {
    const session = await signInVerified(freshPhone());
    const error = await refusedWith('PRIOR_CONTACT_REQUIRED', { ...complaintBody, priorContact: undefined }, session);
    expect(error.details).toEqual({
      grievanceOfficer: { name: 'Nusrat Jahan', phone: '+8801711000001', email: 'grievance@demo-bazaar.example' },
    });
    expect(error.message).toContain('Nusrat Jahan');
  });

  it('refuses a complaint filed more than 30 days after its cause', async () => {
    const session = await signInVerified(freshPhone());
    const old = {
      ...complaintBody,
      orderDate: localDate(31),
      priorContact: { date: localDate(3), channel: 'EMAIL', merchantAnswer: 'No answer at all.' },
    };
    const error = await refusedWith('FILING_WINDOW_CLOSED', old, session);
    expect(error.details).toEqual({ causeDate: localDate(31), lastDay: localDate(1) });
    // The day the problem arose restarts the window (a defect found later).
    expect((await file({ ...old, problemDate: localDate(5) }, session)).status).toBe(201);
  });

  it('refuses a late-delivery complaint before the delivery window has passed: 5 days in the same city, 10 elsewhere', async () => {
    const session = await signInVerified(freshPhone());
    const late = (daysAgo: number, deliveryDistrict: string) => ({
      ...complaintBody,
      category: 'LATE_DELIVERY',
      orderDate: localDate(daysAgo),
      deliveryDistrict,
      priorContact: { date: localDate(0), channel: 'PHONE', merchantAnswer: 'It is on the way.' },
    });
    // Demo Bazaar ships from Dhaka.
    const sameCity = await refusedWith('DELIVERY_WINDOW_OPEN', late(4, 'dhaka'), session);
    expect(sameCity.details).toEqual({ deliveryWindowDays: 5, fileFrom: localDate(-1) });
    expect((await file(late(5, 'dhaka'), session)).status).toBe(201);
    const elsewhere = await refusedWith('DELIVERY_WINDOW_OPEN', late(9, 'sylhet'), session);
    expect(elsewhere.details).toEqual({ deliveryWindowDays: 10, fileFrom: localDate(-1) });
    expect((await file(late(10, 'sylhet'), session)).status).toBe(201);
  });

  it('refuses a second open complaint for the same order, naming its tracking number to its own consumer only', async () => {
    const phone = freshPhone();
    const session = await signInVerified(phone);
    const order = { ...complaintBody };
    const first = await file(order, session);
    expect(first.status).toBe(201);
    // The same order typed differently is the same order.
    const again = await refusedWith(
      'DUPLICATE_OPEN_COMPLAINT',
      { ...order, orderRef: ` ${order.orderRef.toLowerCase().replaceAll('-', ' ')} ` },
      session,
    );
    expect(again.details).toEqual({ trackingNumber: first.body.trackingNumber });
    const stranger = await refusedWith('DUPLICATE_OPEN_COMPLAINT', order, await signInVerified(freshPhone()));
    expect(JSON.stringify(stranger)).not.toContain(first.body.trackingNumber);
    // Another merchant's order with the same number is another order.
    expect((await file({ ...order, merchantId: 'padma-electronics' }, session)).status).toBe(201);

    // Once the complaint is withdrawn, the order is free again.
    await statusBecomes(first.body.trackingNumber, 'AWAITING_MERCHANT');
    const withdrawn = await request(
      'POST',
      `/v1/consumer/complaints/${first.body.trackingNumber}/withdraw`,
      { reason: 'Filed by mistake.' },
      session,
    );
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect((await file(order, session)).status).toBe(201);
  });

  it('refuses a filing without consent to share it with the merchant and the regulators', async () => {
    await refusedWith('CONSENT_REQUIRED', { ...complaintBody, consent: false }, await signInVerified(freshPhone()));
  });

  it('answers a precheck that passes, files nothing, and refuses bad input as 400 with the field named', async () => {
    const session = await signInVerified(freshPhone());
    const body = { ...complaintBody };
    expect((await precheck(body, session)).body).toEqual({ acceptable: true, refusals: [] });
    // Nothing was filed: the same order files once.
    expect((await file(body, session)).status).toBe(201);
    const bad = await request(
      'POST',
      '/v1/complaints/precheck',
      { ...body, deliveryDistrict: 'atlantis', description: 'not part of a precheck' },
      session,
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['(body)', 'deliveryDistrict']);
    expect((await request('POST', '/v1/complaints/precheck', { ...body })).status).toBe(401);
  });

  it('names what is wrong with a field in words, from the bundle as deployed (zod’s English messages are set, not left out with its locales)', async () => {
    const session = await signInVerified(freshPhone());
    const bad = await request(
      'POST',
      '/v1/complaints',
      { ...complaintBody, orderDate: 20261101, colour: 'red' },
      session,
    );
    expect(bad.status, JSON.stringify(bad.body)).toBe(400);
    expect(bad.body.error.fields.orderDate).toBe('Invalid input: expected string, received number');
    expect(bad.body.error.fields['(body)']).toBe('Unrecognized key: "colour"');
  });
});

describe("the complainant's name", () => {
  it('goes to the merchant and, once escalated, to the regulator, with the full form; never to the public', async () => {
    const name = 'Shirin Akhter Distinctname';
    const { trackingNumber, phone } = await fileComplaint({
      complainantName: name,
      paymentMethod: 'NAGAD',
      deliveryDistrict: 'coxs-bazar',
    });
    const merchantView = await signedCall(
      seeds().merchants['demo-bazaar']!,
      'GET',
      `/v1/merchant/complaints/${trackingNumber}`,
    );
    expect(merchantView.status).toBe(200);
    expect(merchantView.body).toMatchObject({
      consumer: { name, phone: expect.stringMatching(/\*/) },
      paymentMethod: 'NAGAD',
      deliveryDistrict: 'coxs-bazar',
      priorContact: { channel: 'PHONE', ticketNumber: 'DB-T-77' },
    });
    expect(JSON.stringify(merchantView.body)).not.toContain('complainantNameSealed');
    const list = await signedCall(
      seeds().merchants['demo-bazaar']!,
      'GET',
      '/v1/merchant/complaints?status=AWAITING_MERCHANT&limit=50',
    );
    expect(JSON.stringify(list.body)).not.toContain(name);

    expect(JSON.stringify((await request('GET', `/v1/complaints/${trackingNumber}`)).body)).not.toContain(name);

    await advanceClock('P7DT1M');
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');
    const regulatorView = await signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`);
    expect(regulatorView.body.complainant).toEqual({ name, phone });
    const escalation = (await outbox({ to: 'ccms-local-escalations', mentions: trackingNumber })).find(
      (m) => m.to === 'ccms-local-escalations' && m.body.trackingNumber === trackingNumber,
    );
    expect(escalation?.attributes).toMatchObject({ district: 'coxs-bazar' });
    expect(JSON.stringify(escalation)).not.toContain(name);
  });

  it('stays sealed at rest: the stored complaint holds no name in clear', async () => {
    const { merchantId } = await onboardMerchant('sealed');
    const name = 'Kulsum Nahar Sealedname';
    const { trackingNumber } = await fileComplaint({ merchantId, complainantName: name });
    const stored = await storedCase(trackingNumber);
    expect(JSON.stringify(stored)).not.toContain(name);
    expect(stored.complaint.complainantNameSealed).toEqual(expect.any(String));
  });
});

describe('the form reference data', () => {
  it('lists the 64 districts in Bengali and English, and the choices of the form, with the categories', async () => {
    const { body } = await request('GET', '/v1/categories');
    expect(body.districts).toHaveLength(64);
    expect(body.districts).toContainEqual({
      id: 'coxs-bazar',
      division: 'chattogram',
      name: { bn: 'কক্সবাজার', en: "Cox's Bazar" },
    });
    expect(body.paymentMethods).toEqual(['CASH_ON_DELIVERY', 'BKASH', 'NAGAD', 'ROCKET', 'CARD', 'BANK', 'OTHER']);
  });
});
