/**
 * Quiet hours over HTTP against the local cloud and its virtual clock: news that can wait, coming
 * between 21:00 and 09:00 Dhaka time, waits in a named execution of its own and is texted the next
 * morning, once; what the consumer must act on is texted at once. The tests' cloud keeps quiet
 * hours for the merchants onboarded as quiet-hours-* only (local/start.ts --quiet-hours-for), so the
 * time of day decides nothing for other files' complaints; a seeded merchant's complaint shows that.
 */
import { describe, expect, it } from 'vitest';
import { quietHours } from '../../functions/domain/quiet-hours';
import { complaintTexts, fileComplaint, onboardMerchant, storedCase } from './complaints';
import { advanceClock, eventually, executions, outbox, request } from './http';

const hourMs = 3_600_000;

/** The executions holding SMS of a complaint until the morning, by name. */
const heldSms = async (trackingNumber: string, status?: 'RUNNING' | 'SUCCEEDED') =>
  (await executions(`${trackingNumber}-`, status))
    .map((execution) => execution.name)
    .filter((name) => name.endsWith('-MORNING_SMS'))
    .sort();
const dhakaHourOf = (iso: string) => (new Date(iso).getUTCHours() + 6) % 24;

/** Moves the virtual clock on to the next hh:05 in Dhaka (UTC+6). */
const advanceToDhaka = async (hour: number) => {
  const dhaka = Date.parse((await request('GET', '/__local/clock')).body.now) + 6 * hourMs;
  let target = dhaka - (dhaka % (24 * hourMs)) + hour * hourMs + 5 * 60_000;
  if (target <= dhaka) target += 24 * hourMs;
  const moved = await advanceClock(`PT${Math.ceil((target - dhaka) / 1000)}S`);
  expect(moved.status).toBe(200);
  expect(dhakaHourOf(moved.body.now)).toBe(hour);
};

describe('quiet hours', () => {
  it('texts the deadline at once at night, and holds news that can wait from 21:00 until the hour after 09:00', async () => {
    const { merchantId, merchantKey } = await onboardMerchant('quiet-hours');
    await advanceToDhaka(22);
    const complaint = await fileComplaint({ merchantId }, merchantKey);
    const { trackingNumber, phone, merchant } = complaint;
    // The hand-over carries the merchant's deadline: texted at once, at night.
    await eventually(
      () => complaintTexts(phone, trackingNumber),
      (found) => found.length === 1,
      { what: 'the hand-over’s SMS at 22:05' },
    );

    expect((await merchant('acknowledge')).status).toBe(200);
    expect((await merchant('message', { message: 'Which colour did you order?' })).status).toBe(200);
    const held = await eventually(
      () => heldSms(trackingNumber, 'RUNNING'),
      (found) => found.length === 2,
      { what: 'two held SMS waiting for the morning' },
    );
    // The acknowledgement's own execution, and the night's one for the merchant's messages.
    const { timeline } = await storedCase(trackingNumber);
    const acknowledged = timeline.find((entry) => entry.action === 'ACKNOWLEDGE')!.seq;
    expect(held).toEqual([
      expect.stringMatching(new RegExp(`^${trackingNumber}-n\\d{8}-MORNING_SMS$`)),
      `${trackingNumber}-s${acknowledged}-MORNING_SMS`,
    ]);
    expect(await complaintTexts(phone, trackingNumber)).toHaveLength(1);

    // The next morning both go, in the hour after 09:00, each once.
    await advanceToDhaka(quietHours.untilHour + 1);
    const morning = await eventually(
      () => complaintTexts(phone, trackingNumber),
      (found) => found.length === 3,
      { what: 'the two held SMS in the morning' },
    );
    expect(
      morning
        .slice(1)
        .map((m) => String(m.body).replace(/ \S+$/, ''))
        .sort(),
    ).toEqual(['বিক্রেতা আপনাকে বার্তা পাঠিয়েছে', 'বিক্রেতা আপনার অভিযোগ গ্রহণ করেছে'].sort());
    // Within the hour after 09:00 (and the few seconds a send takes past it).
    for (const text of morning.slice(1)) {
      const minutesAfterNine =
        (((Date.parse(text.at) + 6 * hourMs) % (24 * hourMs)) - quietHours.untilHour * hourMs) / 60_000;
      expect(minutesAfterNine).toBeGreaterThanOrEqual(0);
      expect(minutesAfterNine).toBeLessThan(quietHours.spreadMinutes + 5);
    }
    // Each execution ends a moment after its SMS is handed over.
    await eventually(
      () => heldSms(trackingNumber, 'SUCCEEDED'),
      (done) => JSON.stringify(done) === JSON.stringify(held),
      { what: 'both held executions to succeed' },
    );
    expect(await complaintTexts(phone, trackingNumber)).toHaveLength(3);
  });

  it('holds nothing for the other merchants of the tests’ cloud: their time of day decides nothing', async () => {
    await advanceToDhaka(23);
    const complaint = await fileComplaint();
    const texts = () => outbox({ to: complaint.phone, channel: 'sms', mentions: complaint.trackingNumber });
    // The hand-over's SMS is sent after the status moves: wait for it before counting from here.
    await eventually(texts, (found) => found.length === 1, { what: 'the hand-over’s SMS' });
    expect((await complaint.merchant('acknowledge')).status).toBe(200);
    const [, acknowledged] = await eventually(texts, (found) => found.length === 2, {
      what: 'the acknowledgement’s SMS at 23:05',
    });
    expect(String(acknowledged!.body)).toMatch(/^বিক্রেতা আপনার অভিযোগ গ্রহণ করেছে /);
    expect(dhakaHourOf(acknowledged!.at)).toBe(23);
    expect(await heldSms(complaint.trackingNumber)).toEqual([]);
  });
});
