/**
 * Regulators' subscriptions to the escalations topic: the local cloud applies the same list and
 * filter policies the stack subscribes (test/integration/escalation-subscriptions.json, given to
 * the test cloud as cdk.json's context would be), and each subscriber receives only the
 * escalations its filter matches, as messages that follow the documented schema.
 */
import { describe, expect, it } from 'vitest';
import { fileComplaint, statusBecomes } from './complaints';
import { escalationMessageProblems } from './contract';
import { eventually, outbox } from './http';

const subscribers = {
  dhakaByEmail: 'email:dncrp-dhaka@regulator.test',
  disputesAtDemoBazaarBySqs: 'sqs:arn:aws:sqs:ap-south-1:111122223333:ecab-disputes',
  allButDataMisuseByHttps: 'https:https://digital-commerce-cell.test/escalations',
};

/** Files a complaint, has the merchant propose and the consumer dispute: it escalates at once. */
const disputed = async (overrides: Record<string, unknown>) => {
  const complaint = await fileComplaint(overrides);
  expect(
    (await complaint.merchant('propose-resolution', { remedy: 'REFUND', amount: 300, message: 'Half refunded.' }))
      .status,
  ).toBe(200);
  expect((await complaint.consumer('dispute', { reason: 'Only half of what I paid came back.' })).status).toBe(200);
  expect(await statusBecomes(complaint.trackingNumber, 'ESCALATED')).toBe('ESCALATED');
  return complaint.trackingNumber;
};

const receivedBy = async (trackingNumbers: string[], expected: number) => {
  const deliveries = await eventually(
    async () =>
      (await outbox({ channel: 'subscription' })).filter(
        (m) => m.channel === 'subscription' && trackingNumbers.includes(m.body.trackingNumber as string),
      ),
    (found) => found.length >= expected,
  );
  const by = (subscriber: string) =>
    deliveries
      .filter((m) => m.to === subscriber)
      .map((m) => m.body.trackingNumber)
      .sort();
  return { deliveries, by };
};

describe('escalation subscriptions', () => {
  it('deliver to each subscriber only the escalations its filter policy matches', async () => {
    const dhakaAtDemo = await disputed({ merchantId: 'demo-bazaar', deliveryDistrict: 'dhaka' });
    const coxsBazarAtDemo = await disputed({ merchantId: 'demo-bazaar', deliveryDistrict: 'coxs-bazar' });
    const dhakaAtPadma = await disputed({
      merchantId: 'padma-electronics',
      deliveryDistrict: 'dhaka',
      category: 'DATA_MISUSE',
    });
    const all = [dhakaAtDemo, coxsBazarAtDemo, dhakaAtPadma];
    // 2 to the Dhaka email, 2 to the dispute queue, 2 to the HTTPS endpoint.
    const { deliveries, by } = await receivedBy(all, 6);
    expect(by(subscribers.dhakaByEmail)).toEqual([dhakaAtDemo, dhakaAtPadma].sort());
    expect(by(subscribers.disputesAtDemoBazaarBySqs)).toEqual([dhakaAtDemo, coxsBazarAtDemo].sort());
    expect(by(subscribers.allButDataMisuseByHttps)).toEqual([dhakaAtDemo, coxsBazarAtDemo].sort());
    expect(deliveries).toHaveLength(6);
  });

  it('send a message that follows the documented schema, with the attributes filters use and no personal data', async () => {
    const trackingNumber = await disputed({
      merchantId: 'demo-bazaar',
      deliveryDistrict: 'dhaka',
      email: 'rahim.escalation@example.com',
      complainantName: 'Rahim Escalation-Test',
    });
    const { deliveries } = await receivedBy([trackingNumber], 3);
    const [message] = deliveries;
    expect(await escalationMessageProblems(message!.body)).toEqual([]);
    expect(message!.attributes).toEqual({
      merchantId: 'demo-bazaar',
      category: message!.body.category,
      reason: 'RESOLUTION_DISPUTED',
      district: 'dhaka',
    });
    expect(message!.body).toMatchObject({
      schemaVersion: 1,
      trackingNumber,
      reason: 'RESOLUTION_DISPUTED',
      amounts: { offered: 300 },
      caseApiPath: `/v1/regulator/cases/${trackingNumber}`,
    });
    expect(String(message!.body.caseUrl)).toMatch(new RegExp(`/regulator/cases/${trackingNumber}$`));
    const text = JSON.stringify(message);
    for (const personal of [
      'rahim.escalation@example.com',
      'Rahim Escalation-Test',
      '+8801',
      'Only half of what I paid',
    ])
      expect(text).not.toContain(personal);
    // A message that lacks a required field fails the schema: the check can fail.
    const { trackingNumber: _dropped, ...incomplete } = message!.body;
    expect(await escalationMessageProblems(incomplete)).not.toEqual([]);
  });
});
