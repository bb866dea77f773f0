/**
 * Email goes out through SES (the local SESv2 endpoint records it in the outbox); a bounce or a
 * spam complaint that SES reports later suppresses the address and is kept with the complaint.
 */
import { describe, expect, it } from 'vitest';
import { fileComplaint, statusBecomes, storedUndeliverable } from './complaints';
import { advanceClock, baseUrl, eventually, outbox, request } from './http';
import { seeds, signedCall } from './signed';

const freshAddress = (name: string) =>
  `${name}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}@example.com`;

const emailsTo = async (address: string) => outbox({ channel: 'email', to: address });

describe('email through SES', () => {
  it('sends the consumer a UTF-8 Bengali email with the configuration set, tagged with its complaint, and never through a topic', async () => {
    const address = freshAddress('rahima');
    const { trackingNumber } = await fileComplaint({ email: address });
    const emails = await eventually(
      () => emailsTo(address),
      (found) => found.length >= 2,
    );
    const received = emails.find((email) => String(email.body).includes(trackingNumber))!;
    expect(received.subject).toMatch(/[\u0980-\u09FF]/);
    expect(received.attributes).toMatchObject({
      from: 'no-reply@ccms.local',
      configurationSet: 'ccms-local',
      audience: 'consumer',
      trackingNumber,
    });
    // Merchant notices go to the topic with their merchantId; the consumer's address is on no topic.
    const published = await outbox({ channel: 'sns' });
    expect(published.some((message) => JSON.stringify(message).includes(address))).toBe(false);
    const notice = published.find(
      (message) => JSON.stringify(message.body).includes(trackingNumber) && message.to.endsWith('notifications'),
    );
    expect(notice?.attributes).toMatchObject({ audience: 'merchant', merchantId: 'demo-bazaar' });
  });

  // Moving the shared clock 7 days escalates every complaint the earlier files left waiting (the
  // concurrency test leaves 100), each with its messages and its case record, and the clock waits
  // for all of it: 52 s on a quiet machine, so this test has 3 minutes, not the usual one.
  it('marks a bounced address undeliverable on the complaint and writes to it no more', {
    timeout: 180_000,
  }, async () => {
    const address = freshAddress('bounces');
    expect((await request('POST', '/__local/faults', { point: 'ses.bounce', times: 1, target: address })).status).toBe(
      200,
    );
    const { trackingNumber } = await fileComplaint({ email: address });
    // SES accepted the first email, then reported the bounce: the address is suppressed.
    await eventually(
      () => emailsTo(address),
      (found) => found.length >= 1,
    );
    // Escalate by the merchant deadline (the clock waits for the bounce to be applied), so a regulator can read the case.
    const advanced = await advanceClock('P7DT1M');
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');
    const read = await eventually(
      () => signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`),
      (response) =>
        (response.body.undeliverableMessages ?? []).some((kept: { reason: string }) =>
          /bounced or complained before/.test(kept.reason),
        ),
    );
    const kept = (read.body.undeliverableMessages as { channel: string; recipient: string; reason: string }[]).filter(
      (message) => message.channel === 'email',
    );
    expect(kept[0]).toMatchObject({ recipient: 'consumer', reason: expect.stringMatching(/bounced.*5\.1\.1/) });
    // The escalation was not emailed: nothing reached the address after the bounce was applied.
    const afterAdvance = (await emailsTo(address)).filter(
      (email) => Date.parse(email.at) >= Date.parse(advanced.body.now),
    );
    expect(afterAdvance).toEqual([]);
  });

  it('suppresses an address whose recipient marked an email as spam', async () => {
    const address = freshAddress('complains');
    expect(
      (await request('POST', '/__local/faults', { point: 'ses.complaint', times: 1, target: address })).status,
    ).toBe(200);
    const { trackingNumber, merchant } = await fileComplaint({ email: address });
    await eventually(
      () => emailsTo(address),
      (found) => found.length >= 1,
    );
    // Let the complaint event be applied before the merchant's proposal is announced.
    expect((await advanceClock('PT1M')).status).toBe(200);
    expect((await merchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded in full.' })).status).toBe(200);
    const kept = await eventually(
      () => storedUndeliverable(trackingNumber),
      (messages) => messages.some((message) => /bounced or complained before/.test(message.reason)),
    );
    expect(kept.find((message) => /bounced or complained before/.test(message.reason))).toMatchObject({
      channel: 'email',
      recipient: 'consumer',
    });
    expect(
      (await emailsTo(address)).some(
        (email) =>
          /proposed a resolution|সমাধান প্রস্তাব/.test(String(email.body)) && String(email.body).includes(trackingNumber),
      ),
    ).toBe(false);
  });
});

describe('the filing confirmation', () => {
  it('texts and emails the tracking number with a link to its tracking page on the site', async () => {
    const address = freshAddress('tracks');
    const { trackingNumber, phone } = await fileComplaint({ email: address, language: 'en' });
    const page = `${baseUrl()}/track/${trackingNumber}`;
    const confirmation = await eventually(
      async () =>
        (await outbox({ mentions: page })).filter(
          (message) => (message.to === phone || message.to === address) && String(message.body).includes(page),
        ),
      (found) => found.length >= 2,
    );
    expect(confirmation.map((message) => message.channel).sort()).toEqual(['email', 'sms']);
    expect(String(confirmation[0]!.body)).toContain(`Tracking number ${trackingNumber}`);
  });
});
