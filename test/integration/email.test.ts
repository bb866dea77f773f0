/**
 * Email goes out through SES (the local SESv2 endpoint records it in the outbox); a bounce or a
 * spam complaint that SES reports later suppresses the address and is kept with the complaint.
 */
import { describe, expect, it } from 'vitest';
import { confirmEmailAddress, fileComplaint, statusBecomes, storedUndeliverable } from './complaints';
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
      (found) => found.length >= 1,
    );
    const received = emails.find((email) => String(email.body).includes(trackingNumber))!;
    // In Bengali, with the link that confirms the address.
    expect(received.body).toMatch(new RegExp(`ঠিকানাটি নিশ্চিত করুন.*/email/confirm#${trackingNumber}\\.`));
    expect(received.subject).toMatch(/[\u0980-\u09FF]/);
    expect(received.attributes).toMatchObject({
      from: 'no-reply@ccms.local',
      configurationSet: 'ccms-local',
      audience: 'consumer',
      trackingNumber,
    });
    // Merchant notices go to the topic with their merchantId; the consumer's address is on no topic.
    const published = await eventually(
      () => outbox({ channel: 'sns', mentions: trackingNumber }),
      (found) => found.some((message) => message.to.endsWith('notifications')),
    );
    expect((await outbox({ channel: 'sns' })).some((message) => JSON.stringify(message).includes(address))).toBe(false);
    const notice = published.find((message) => message.to.endsWith('notifications'));
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
    // SES accepted the first email, then reported the bounce: the address is suppressed. Its owner
    // had followed the confirmation link in it, so only the suppression keeps later email away.
    await confirmEmailAddress(address, trackingNumber);
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
    // Its owner confirmed it before marking the first email as spam: a confirmed address is written to until then.
    await confirmEmailAddress(address, trackingNumber);
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

describe('confirming the address', () => {
  it('writes to an address once, with a link to confirm it, and again only after its owner followed the link', async () => {
    const address = freshAddress('confirms');
    const { trackingNumber, merchant } = await fileComplaint({ email: address, language: 'en' });
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    const [first] = await eventually(
      () => emailsTo(address),
      (found) => found.length >= 1,
    );
    expect(String(first!.body)).toMatch(
      /confirm it \(within 7 days\).*If you did not file this complaint, ignore this email/s,
    );
    // The link is the site's page, with the token in its fragment: browsers never send that to a server.
    const link = /(\S+\/email\/confirm#\S+)/.exec(String(first!.body))![1]!;
    expect(new URL(link).origin).toBe(baseUrl());
    const token = new URL(link).hash.slice(1);
    // Handed to the merchant: the unconfirmed address heard nothing of it (its SMS comes once that is settled).
    await eventually(
      () => outbox({ channel: 'sms', mentions: 'received and sent to the merchant' }),
      (found) => found.some((text) => String(text.body).includes(trackingNumber)),
    );
    expect(await emailsTo(address)).toHaveLength(1);

    // Someone else's guess, or a broken link, answers like no complaint at all.
    const forged = await request('POST', '/v1/email-confirmations', { token: `${token.slice(0, -4)}AAAA` });
    expect([forged.status, forged.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    expect((await request('POST', '/v1/email-confirmations', { token: 'x' })).status).toBe(404);
    expect((await request('POST', '/v1/email-confirmations', { token: 5 })).status).toBe(400);

    const confirmed = await request('POST', '/v1/email-confirmations', { token });
    expect([confirmed.status, confirmed.body]).toEqual([
      200,
      { trackingNumber, confirmed: true, confirmedAt: expect.any(String) },
    ]);
    // Followed again (a second tap): the same answer.
    expect((await request('POST', '/v1/email-confirmations', { token })).body).toEqual(confirmed.body);

    expect((await merchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded in full.' })).status).toBe(200);
    const later = await eventually(
      () => emailsTo(address),
      (found) => found.length >= 2,
    );
    expect(String(later[1]!.body)).toMatch(/proposed a resolution/);
    expect(String(later[1]!.body)).not.toMatch(/confirm it/);
  });
});

describe('the filing confirmation', () => {
  it('emails the tracking number with a link to its tracking page, and texts the short link, which opens that page', async () => {
    const address = freshAddress('tracks');
    const { trackingNumber, phone } = await fileComplaint({ email: address, language: 'en' });
    const page = `${baseUrl()}/track/${trackingNumber}`;
    const [email] = await eventually(
      async () => (await outbox({ mentions: page })).filter((message) => message.to === address),
      (found) => found.length >= 1,
    );
    expect(String(email!.body)).toContain(`Tracking number ${trackingNumber}`);
    // The SMS carries the site without its scheme (phones link it) and the tracking number.
    const shortLink = `${baseUrl().replace(/^https?:\/\//, '')}/t/${trackingNumber}`;
    const [text] = await eventually(
      () => outbox({ channel: 'sms', to: phone, mentions: shortLink }),
      (found) => found.length >= 1,
    );
    expect(String(text!.body)).toMatch(/^Your complaint was received and sent to the merchant/);
    // The site answers the short path with the app, which shows the tracking page (test/e2e: in a browser).
    const opened = await fetch(`${baseUrl()}/t/${trackingNumber}`);
    expect([opened.status, opened.headers.get('content-type')]).toEqual([200, expect.stringMatching(/text\/html/)]);
  });
});
