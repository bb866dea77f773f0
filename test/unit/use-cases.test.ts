import { describe, expect, it } from 'vitest';
import { fileComplaintUseCase, getComplaintUseCase } from '../../functions/complaints/use-cases';
import { fixedClock } from '../../functions/domain/clock';
import { NotFoundError } from '../../functions/domain/errors';
import { DAY_MS } from '../../functions/domain/lifecycle';
import { verifyTimeline } from '../../functions/domain/timeline';
import { escalateIfOverdueUseCase, notifyMerchantUseCase } from '../../functions/workflow/use-cases';
import { filingRequest } from './fixtures';
import { IdentityRequiredError } from '../../functions/domain/errors';
import { InMemoryComplaints, InMemoryMerchants, InMemoryProfiles, RecordingPublisher, verifiedProfiles } from './in-memory';

const setup = () => {
  const clock = fixedClock('2026-05-01T08:00:00.000Z');
  const complaints = new InMemoryComplaints();
  const started: string[] = [];
  let nextByte = 0;
  const file = fileComplaintUseCase({
    complaints,
    merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
    profiles: verifiedProfiles(),
    workflow: { start: async (trackingNumber) => void started.push(trackingNumber) },
    clock,
    randomBytes: (size) => new Uint8Array(size).fill(nextByte++ % 2),
  });
  const notifications = new RecordingPublisher();
  const notify = notifyMerchantUseCase({ complaints, clock, notifications });
  const escalate = escalateIfOverdueUseCase({ complaints, clock });
  return { clock, complaints, started, file, notify, escalate, notifications, get: getComplaintUseCase(complaints) };
};

describe('filing', () => {
  it('stores the complaint and starts its workflow', async () => {
    const { file, complaints, started } = setup();
    const complaint = await file(filingRequest(), '+8801712345678');
    expect(complaints.complaints.get(complaint.trackingNumber)?.status).toBe('SUBMITTED');
    expect(started).toEqual([complaint.trackingNumber]);
  });

  it('refuses a consumer who has not verified their identity, and stores nothing', async () => {
    const { complaints, clock, started } = setup();
    const file = fileComplaintUseCase({
      complaints,
      merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
      profiles: new InMemoryProfiles(),
      workflow: { start: async (n) => void started.push(n) },
      clock,
      randomBytes: (size) => new Uint8Array(size),
    });
    await expect(file(filingRequest(), 'c1')).rejects.toThrow(IdentityRequiredError);
    expect(complaints.complaints.size).toBe(0);
    expect(started).toEqual([]);
  });

  it('draws a new tracking number when the first one is taken', async () => {
    const { complaints, clock, started } = setup();
    const sameFirstThenDifferent = [0, 0, 1];
    const file = fileComplaintUseCase({
      complaints,
      merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
      profiles: verifiedProfiles(),
      workflow: { start: async (n) => void started.push(n) },
      clock,
      randomBytes: (size) => new Uint8Array(size).fill(sameFirstThenDifferent.shift()!),
    });
    const first = await file(filingRequest(), 'c1');
    const second = await file(filingRequest(), 'c2');
    expect(second.trackingNumber).not.toBe(first.trackingNumber);
    expect(complaints.complaints.size).toBe(2);
  });
});

describe('the merchant-deadline workflow steps', () => {
  it('notify moves SUBMITTED to AWAITING_MERCHANT, tells the merchant, and returns the deadline to wait for', async () => {
    const { file, notify, notifications, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    const state = await notify(trackingNumber);
    expect(state).toEqual({ trackingNumber, outcome: 'WAIT_FOR_MERCHANT', merchantDeadline: '2026-05-08T08:00:00Z' });
    expect(complaints.complaints.get(trackingNumber)?.status).toBe('AWAITING_MERCHANT');
    expect(notifications.published).toEqual([
      {
        message: expect.objectContaining({ type: 'complaint.awaiting-merchant', trackingNumber, merchantId: 'demo-bazaar' }),
        attributes: { audience: 'merchant', merchantId: 'demo-bazaar', event: 'complaint.awaiting-merchant' },
      },
    ]);
  });

  it('notify run twice (a retry) records one transition and notifies again', async () => {
    const { file, notify, notifications, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await notify(trackingNumber);
    await notify(trackingNumber);
    expect(complaints.timelines.get(trackingNumber)!.map((e) => e.action)).toEqual(['FILE', 'NOTIFY_MERCHANT']);
    expect(notifications.published).toHaveLength(2);
  });

  it('does not escalate before the deadline: it asks the workflow to wait again', async () => {
    const { file, notify, escalate, clock, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await notify(trackingNumber);
    clock.advance(7 * DAY_MS - 1);
    expect(await escalate(trackingNumber)).toMatchObject({ outcome: 'WAIT_FOR_MERCHANT', merchantDeadline: '2026-05-08T08:00:00Z' });
    expect(complaints.complaints.get(trackingNumber)?.status).toBe('AWAITING_MERCHANT');
  });

  it('escalates at the deadline with the notice regulators filter on, and a retry republishes without a second transition', async () => {
    const { file, notify, escalate, clock, complaints, get } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await notify(trackingNumber);
    clock.advance(7 * DAY_MS);
    const first = await escalate(trackingNumber);
    expect(first).toMatchObject({
      outcome: 'ESCALATED',
      escalation: { type: 'complaint.escalated', trackingNumber, merchantId: 'demo-bazaar', category: 'NOT_DELIVERED', reason: 'MERCHANT_DEADLINE_MISSED', escalatedAt: '2026-05-08T08:00:00.000Z' },
    });
    expect(await escalate(trackingNumber)).toEqual(first);
    const view = await get(trackingNumber);
    expect(view.status).toBe('ESCALATED');
    expect(view.timeline.map((e) => e.action)).toEqual(['FILE', 'NOTIFY_MERCHANT', 'ESCALATE']);
    expect(verifyTimeline(trackingNumber, complaints.timelines.get(trackingNumber)!)).toEqual({ valid: true });
  });

  it('has nothing to do for a complaint that left the merchant’s hands', async () => {
    const { file, notify, escalate, clock, complaints } = setup();
    const { trackingNumber } = await file(filingRequest(), 'c1');
    await notify(trackingNumber);
    const current = complaints.complaints.get(trackingNumber)!;
    complaints.complaints.set(trackingNumber, { ...current, status: 'WITHDRAWN', merchantDeadline: undefined });
    clock.advance(8 * DAY_MS);
    expect(await escalate(trackingNumber)).toEqual({ trackingNumber, outcome: 'NOTHING_DUE', status: 'WITHDRAWN' });
  });
});

describe('public complaint view', () => {
  it('leaves out the consumer and the complaint text', async () => {
    const { file, get } = setup();
    const { trackingNumber } = await file(filingRequest(), '+8801712345678');
    const view = JSON.stringify(await get(trackingNumber));
    expect(view).not.toContain('+8801712345678');
    expect(view).not.toContain('parcel never arrived');
    expect(view).not.toContain('DB-1001');
  });

  it('says which tracking number was not found', async () => {
    const { get } = setup();
    await expect(get('ABCDE-FGHJ0')).rejects.toThrow(new NotFoundError('No complaint has the tracking number ABCDE-FGHJ0.'));
  });
});
