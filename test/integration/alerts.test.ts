/**
 * The regulators' alerts over the local cloud: a merchant's filings move its daily counters (from
 * the stream), the scheduled evaluation raises an alert once per merchant, rule and week, the
 * regulators' subscription for MERCHANT_ALERT receives it, and GET /v1/regulator/alerts lists it
 * with its figures. The tests' cloud runs test/integration/alert-rules.json (floors of 3).
 */
import { describe, expect, it } from 'vitest';
import { isoWeek } from '../../functions/domain/alerts';
import { dhakaDate } from '../../functions/domain/dates';
import { fileComplaint, filingsCounted, onboardMerchant } from './complaints';
import { escalationMessageProblems } from './contract';
import { advanceClock, eventually, outbox, request } from './http';
import { seeds, signedCall } from './signed';

const asRegulator = (method: string, path: string) => signedCall(seeds().regulator, method, path);
const evaluate = async () => {
  const run = await request('POST', '/__local/schedules/evaluateAlerts', {});
  expect(run.status, JSON.stringify(run.body)).toBe(200);
  return run.body as { merchants: number; raised: string[]; republished: string[] };
};

describe("regulators' alerts", () => {
  it('advance-paid non-deliveries surging after a quiet fortnight raise a surge and a share alert, once, with figures and nothing personal', async () => {
    const { merchantId, merchantKey } = await onboardMerchant('alerts');
    const file = (n: number) =>
      fileComplaint(
        {
          merchantId,
          category: 'NOT_DELIVERED',
          paymentMethod: 'NAGAD',
          complainantName: `Alert Person ${n}`,
          orderRef: `AL-${n}`,
        },
        merchantKey,
      );
    // One complaint, then a quiet fortnight: the merchant's counters have a week of history to surge against.
    const filed = [await file(0)];
    await filingsCounted(merchantId, 1);
    expect((await evaluate()).raised.filter((id) => id.endsWith(`.${merchantId}`))).toEqual([]);
    await advanceClock('P14D');
    for (let n = 1; n <= 3; n++) filed.push(await file(n));
    // The counters are kept from the stream: the public record shows when the four are counted.
    await filingsCounted(merchantId, 4);
    const first = await evaluate();
    // Again the same week: nothing new for this merchant.
    expect((await evaluate()).raised.filter((id) => id.endsWith(`.${merchantId}`))).toEqual([]);

    const listed = await asRegulator('GET', `/v1/regulator/alerts?merchantId=${merchantId}`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const alerts = listed.body.alerts as {
      ruleId: string;
      week: string;
      raisedAt: string;
      figures: Record<string, unknown>;
    }[];
    expect(alerts.map((alert) => alert.ruleId).sort()).toEqual(['advance-not-delivered', 'filing-surge']);
    // The week and day are the run's (read from the alert: a run may cross Dhaka midnight).
    const [{ week, raisedAt }] = alerts as [(typeof alerts)[0]];
    expect(week).toBe(isoWeek(dhakaDate(new Date(raisedAt))));
    expect(first.raised).toEqual(
      expect.arrayContaining([`${week}.filing-surge.${merchantId}`, `${week}.advance-not-delivered.${merchantId}`]),
    );
    expect(alerts.find((alert) => alert.ruleId === 'filing-surge')!.figures).toMatchObject({
      counter: 'filed',
      value: 3,
      baselineWeeks: [0],
      baselineMedian: 0,
      threshold: 3,
      to: dhakaDate(new Date(raisedAt)),
    });
    expect(alerts.find((alert) => alert.ruleId === 'advance-not-delivered')!.figures).toMatchObject({
      value: 4,
      of: 'filed',
      ofValue: 4,
    });

    // The subscription for MERCHANT_ALERT hears of each once; the one for every category but data
    // misuse hears of the non-delivery alert, which counts a category; the district one of neither.
    const alertNotices = (all: Awaited<ReturnType<typeof outbox>>) =>
      all.filter(
        (m) => m.channel === 'subscription' && m.body.type === 'merchant.alert' && m.body.merchantId === merchantId,
      );
    const notices = alertNotices(await eventually(outbox, (all) => alertNotices(all).length === 3));
    expect(notices.map((m) => `${m.to} ${(m.body.rule as { id: string }).id}`).sort()).toEqual([
      'email:market-watch@regulator.test advance-not-delivered',
      'email:market-watch@regulator.test filing-surge',
      'https:https://digital-commerce-cell.test/escalations advance-not-delivered',
    ]);
    for (const notice of notices) {
      // The non-delivery alert counts one category, and carries it for the subscriptions' filters.
      expect(notice.attributes).toEqual({
        merchantId,
        reason: 'MERCHANT_ALERT',
        ...((notice.body.rule as { id: string }).id === 'advance-not-delivered' && { category: 'NOT_DELIVERED' }),
      });
      expect(await escalationMessageProblems(notice.body, 'MerchantAlertMessage')).toEqual([]);
      const text = JSON.stringify(notice.body);
      for (const complaint of filed) {
        expect(text).not.toContain(complaint.phone.slice(-8));
        expect(text).not.toContain(complaint.trackingNumber);
      }
      expect(text).not.toMatch(/Alert Person|AL-\d|parcel/);
    }
  });

  it('refuses a malformed merchant id and strangers', async () => {
    const bad = await asRegulator('GET', '/v1/regulator/alerts?merchantId=NOT%20AN%20ID');
    expect(bad.status).toBe(400);
    expect((bad.body.error as { code: string }).code).toBe('INVALID_REQUEST');
    expect((await request('GET', '/v1/regulator/alerts')).status).toBe(401);
    expect((await signedCall(seeds().merchants['demo-bazaar']!, 'GET', '/v1/regulator/alerts')).status).toBe(403);
  });
});
