/** The filing pre-checks, rule by rule, and the use cases that apply them (precheck and filing). */
import { describe, expect, it } from 'vitest';
import { fileComplaintUseCase, precheckUseCase } from '../../functions/complaints/use-cases';
import { act, type MerchantSummary } from '../../functions/domain/complaint';
import { fixedClock } from '../../functions/domain/clock';
import { RefusedError } from '../../functions/domain/errors';
import { filingRefusals, orderKey, type PrecheckInput } from '../../functions/domain/filing-rules';
import { filingRequest } from './fixtures';
import { InMemoryComplaints, InMemoryMerchants, verifiedProfiles, wrappingSealer } from './in-memory';

const officer = { name: 'Ayesha Siddiqua', phone: '+8801711000020', email: 'go@demo-bazaar.example' };
const merchant: MerchantSummary = {
  merchantId: 'demo-bazaar',
  tradeName: 'Demo Bazaar',
  active: true,
  grievanceOfficer: officer,
  district: 'dhaka',
};
// 10:00 in Dhaka on 1 May 2026.
const at = new Date('2026-05-01T04:00:00Z');

const refusals = (request: Partial<PrecheckInput['request']>, more: Partial<PrecheckInput> = {}) =>
  filingRefusals({
    request: { ...filingRequest({ category: 'REFUND_NOT_RECEIVED' }), ...request },
    merchant,
    consumerId: 'c1',
    at,
    ...more,
  });
const codes = (request: Partial<PrecheckInput['request']>, more: Partial<PrecheckInput> = {}) =>
  refusals(request, more).map((r) => r.code);

describe('filing pre-checks', () => {
  it('accepts a complaint that passes every rule', () => {
    expect(refusals({})).toEqual([]);
  });

  it('refuses an unknown or inactive merchant, and nothing else is checked', () => {
    expect(codes({ priorContact: undefined }, { merchant: undefined })).toEqual(['UNKNOWN_MERCHANT']);
    expect(codes({}, { merchant: { ...merchant, active: false } })).toEqual(['UNKNOWN_MERCHANT']);
  });

  it("without prior contact, refuses with the merchant's grievance officer to contact first", () => {
    const [refusal] = refusals({ priorContact: undefined });
    expect(refusal).toMatchObject({ code: 'PRIOR_CONTACT_REQUIRED', details: { grievanceOfficer: officer } });
    expect(refusal!.message).toContain('+8801711000020');
  });

  it('refuses a contact dated before the order or after today', () => {
    const contact = (date: string) => ({ date, channel: 'EMAIL' as const, merchantAnswer: 'No answer.' });
    expect(codes({ priorContact: contact('2026-04-19') })).toEqual(['PRIOR_CONTACT_DATE_INVALID']);
    expect(codes({ priorContact: contact('2026-05-02') })).toEqual(['PRIOR_CONTACT_DATE_INVALID']);
    expect(codes({ priorContact: contact('2026-05-01') })).toEqual([]);
  });

  it('refuses an order date in the future, in Dhaka days', () => {
    expect(codes({ orderDate: '2026-05-02', priorContact: undefined }, { at })).toContain('ORDER_DATE_IN_FUTURE');
    // 05:30 in Dhaka on 2 May is 23:30 UTC on 1 May: an order placed this morning is not in the future.
    const dhakaMorning = new Date('2026-05-01T23:30:00Z');
    const today = {
      orderDate: '2026-05-02',
      priorContact: { date: '2026-05-02', channel: 'PHONE' as const, merchantAnswer: 'Wait.' },
    };
    expect(codes(today, { at: dhakaMorning })).toEqual([]);
  });

  it('counts the 30-day filing window from the order date, or from the day the problem arose', () => {
    const late = {
      orderDate: '2026-03-31',
      priorContact: { date: '2026-04-01', channel: 'PHONE' as const, merchantAnswer: 'No.' },
    };
    expect(codes({ ...late, orderDate: '2026-04-01' })).toEqual([]);
    const [refusal] = refusals(late);
    expect(refusal).toMatchObject({
      code: 'FILING_WINDOW_CLOSED',
      details: { causeDate: '2026-03-31', lastDay: '2026-04-30' },
    });
    expect(codes({ ...late, problemDate: '2026-04-20' })).toEqual([]);
    expect(codes({ ...late, problemDate: '2026-05-02' })).toEqual(['PROBLEM_DATE_INVALID']);
  });

  it('refuses a late-delivery complaint before the delivery window has passed: 5 days in the same city, 10 elsewhere', () => {
    const lateDelivery = (orderDate: string, deliveryDistrict: string) =>
      refusals({
        category: 'LATE_DELIVERY',
        orderDate,
        deliveryDistrict,
        priorContact: { date: orderDate, channel: 'PHONE', merchantAnswer: 'Soon.' },
      });
    expect(lateDelivery('2026-04-26', 'dhaka')).toEqual([]);
    expect(lateDelivery('2026-04-27', 'dhaka')).toEqual([
      expect.objectContaining({
        code: 'DELIVERY_WINDOW_OPEN',
        details: { deliveryWindowDays: 5, fileFrom: '2026-05-02' },
      }),
    ]);
    expect(lateDelivery('2026-04-21', 'sylhet')).toEqual([]);
    expect(lateDelivery('2026-04-22', 'sylhet')).toEqual([
      expect.objectContaining({
        code: 'DELIVERY_WINDOW_OPEN',
        details: { deliveryWindowDays: 10, fileFrom: '2026-05-02' },
      }),
    ]);
    // A merchant that has not said where it ships from gets the longer window everywhere.
    expect(
      codes({ category: 'NOT_DELIVERED', orderDate: '2026-04-26' }, { merchant: { ...merchant, district: undefined } }),
    ).toEqual(['DELIVERY_WINDOW_OPEN']);
  });

  it('opens the filing window of a late delivery when the delivery window closes', () => {
    const at = new Date('2026-05-30T04:00:00Z');
    const request = {
      category: 'LATE_DELIVERY',
      orderDate: '2026-04-20',
      deliveryDistrict: 'sylhet',
      priorContact: { date: '2026-05-02', channel: 'PHONE' as const, merchantAnswer: 'Soon.' },
    };
    expect(codes(request, { at })).toEqual([]);
    expect(codes(request, { at: new Date('2026-05-31T04:00:00Z') })).toEqual(['FILING_WINDOW_CLOSED']);
  });

  it("names the open complaint's tracking number to its own consumer only", () => {
    const open = { trackingNumber: 'ABCDE-FGHJ0', consumerId: 'c1' };
    expect(refusals({}, { openComplaint: open })).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_OPEN_COMPLAINT', details: { trackingNumber: 'ABCDE-FGHJ0' } }),
    ]);
    const toSomeoneElse = refusals({}, { openComplaint: open, consumerId: 'c2' });
    expect(toSomeoneElse.map((r) => r.code)).toEqual(['DUPLICATE_OPEN_COMPLAINT']);
    expect(JSON.stringify(toSomeoneElse)).not.toContain('ABCDE-FGHJ0');
  });

  it('refuses a filing without consent, and lists every refusal at once', () => {
    expect(codes({ consent: false, priorContact: undefined })).toEqual(['CONSENT_REQUIRED', 'PRIOR_CONTACT_REQUIRED']);
  });

  it('reads an order reference the same however it is typed', () => {
    expect(orderKey('db-3003')).toBe('DB3003');
    expect(orderKey(' #DB ৩০০৩ ')).toBe('DB3003');
    expect(orderKey('DB/30.03')).toBe('DB3003');
    expect(orderKey('-')).toBe('-');
  });
});

describe('precheck and filing use cases', () => {
  const setup = () => {
    const complaints = new InMemoryComplaints();
    const clock = fixedClock('2026-05-01T08:00:00.000Z');
    const merchants = new InMemoryMerchants([merchant]);
    let nextByte = 1;
    const file = fileComplaintUseCase({
      complaints,
      merchants,
      profiles: verifiedProfiles(),
      personalData: wrappingSealer,
      clock,
      randomBytes: (size) => new Uint8Array(size).fill(nextByte++),
    });
    return { complaints, clock, file, precheck: precheckUseCase({ complaints, merchants, clock }) };
  };

  it('refuses with the first reason, stores nothing, and the precheck answers the same', async () => {
    const { file, precheck, complaints } = setup();
    const request = filingRequest({ priorContact: undefined });
    await expect(file(request, 'c1')).rejects.toMatchObject({
      code: 'PRIOR_CONTACT_REQUIRED',
      details: { grievanceOfficer: officer },
    });
    expect(complaints.complaints.size).toBe(0);
    expect(await precheck(request, 'c1')).toEqual({
      acceptable: false,
      refusals: [expect.objectContaining({ code: 'PRIOR_CONTACT_REQUIRED' })],
    });
    expect(await precheck(filingRequest(), 'c1')).toEqual({ acceptable: true, refusals: [] });
  });

  it('seals the name with the tracking number and holds the order until the complaint is withdrawn', async () => {
    const { file, precheck, complaints, clock } = setup();
    const first = await file(filingRequest(), 'c1');
    expect(await wrappingSealer.open(first.complainantNameSealed!, first.trackingNumber)).toBe('Rahima Begum');
    const again = file(filingRequest({ orderRef: 'db 1001' }), 'c1');
    await expect(again).rejects.toBeInstanceOf(RefusedError);
    await expect(again).rejects.toMatchObject({
      code: 'DUPLICATE_OPEN_COMPLAINT',
      details: { trackingNumber: first.trackingNumber },
    });
    expect((await precheck(filingRequest(), 'c2')).refusals.map((r) => r.code)).toEqual(['DUPLICATE_OPEN_COMPLAINT']);

    const stored = complaints.complaints.get(first.trackingNumber)!;
    await complaints.save(stored, act(stored, 'WITHDRAW', 'consumer', clock.now()));
    expect((await file(filingRequest(), 'c1')).trackingNumber).not.toBe(first.trackingNumber);
  });
});
