/**
 * What the functions log, as their CloudWatch log groups would hold it (GET /__local/logs): the
 * tracking number as the correlation id, business metrics in embedded metric format, and no
 * personal data or secrets, whatever the complaint carried.
 */
import { describe, expect, it } from 'vitest';
import { fileComplaint, statusBecomes } from './complaints';
import { eventually, freshPhone, latestCode, localDate, request, testNid } from './http';
import { seeds, signedCall } from './signed';

type Logs = Record<string, string[]>;
const logs = async () => (await request('GET', '/__local/logs')).body as Logs;
const lines = (all: Logs) =>
  Object.entries(all).flatMap(([functionId, fnLines]) => fnLines.map((line) => ({ functionId, line })));

/** Bangladeshi mobile numbers in any of the forms the API accepts, and email addresses. */
const anyPhone = /(?:\+?880|\b0)1[3-9]\d{8}\b/;
const anyEmail = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

describe('function logs', () => {
  it('carry no phone, email, document number, free text or secret, though every one of them passed through', async () => {
    const unique = Date.now().toString(36);
    const email = `zubaida.${unique}@example.com`;
    const description = `Parcel for Zubaida ${unique} never came to House 12, Road 7, Dhanmondi.`;
    const proposal = `We will refund Zubaida ${unique} in full today.`;
    const disputeReason = `Nothing reached bKash account of Zubaida ${unique}.`;
    const complainantName = `Zubaida Khatun ${unique}`;
    const priorContact = {
      date: localDate(1),
      channel: 'PHONE',
      ticketNumber: `T-${unique}`,
      merchantAnswer: `Told Zubaida ${unique} to wait.`,
    };
    // An OTP request for a second phone that is never verified leaves its code in the outbox only.
    const stranger = freshPhone();
    expect((await request('POST', '/v1/otp', { phone: stranger })).status).toBe(202);
    const otp = await latestCode(stranger);
    const { trackingNumber, phone, consumer, merchant } = await fileComplaint({
      description,
      email,
      complainantName,
      priorContact,
    });
    // The merchant's case view opens the sealed name.
    const merchantView = await signedCall(
      seeds().merchants['demo-bazaar']!,
      'GET',
      `/v1/merchant/complaints/${trackingNumber}`,
    );
    expect(merchantView.body.consumer.name).toBe(complainantName);
    expect((await merchant('propose-resolution', { remedy: 'REFUND', message: proposal })).status).toBe(200);
    expect((await consumer('dispute', { reason: disputeReason })).status).toBe(200);
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');
    expect((await signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`)).status).toBe(200);
    // Refused requests carry personal data too.
    expect((await request('POST', '/v1/otp', { phone: `${phone}99` })).status).toBe(400);

    const all = lines(
      await eventually(logs, (found) => lines(found).some(({ line }) => line.includes('ComplaintsEscalated'))),
    );
    expect(all.length).toBeGreaterThan(0);
    const secrets = [
      phone,
      phone.slice(-10),
      email,
      testNid.nidNumber,
      description,
      proposal,
      disputeReason,
      complainantName,
      priorContact.merchantAnswer,
      stranger.slice(-10),
      otp,
      unique,
    ];
    const leaks = all.filter(
      ({ line }) => secrets.some((secret) => line.includes(secret)) || anyPhone.test(line) || anyEmail.test(line),
    );
    expect(leaks).toEqual([]);
  });

  it('carry the tracking number as correlation id on the lines of an invocation about one complaint', async () => {
    const { trackingNumber } = await fileComplaint();
    const filed = await eventually(logs, (found) => found.fileComplaint!.some((line) => line.includes(trackingNumber)));
    const line = JSON.parse(filed.fileComplaint!.find((entry) => entry.includes(trackingNumber))!) as Record<
      string,
      unknown
    >;
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'Complaint filed',
      correlation_id: trackingNumber,
      service: 'ccms',
      function_name: 'ccms-local-fileComplaint',
    });
  });

  it('count business events as CloudWatch metrics (embedded metric format, namespace CCMS)', async () => {
    const { trackingNumber } = await fileComplaint();
    expect(trackingNumber).toBeTruthy();
    const found = await eventually(logs, (all) =>
      all.onComplaintChange!.some((line) => line.includes('"ComplaintsFiled"')),
    );
    const emf = found
      .onComplaintChange!.filter((line) => line.includes('"_aws"'))
      .map(
        (line) =>
          JSON.parse(line) as {
            _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string; Unit: string }[] }[] };
          },
      );
    const filed = emf.find((entry) =>
      entry._aws.CloudWatchMetrics[0]!.Metrics.some((metric) => metric.Name === 'ComplaintsFiled'),
    )!;
    expect(filed._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'CCMS',
      Metrics: expect.arrayContaining([{ Name: 'ComplaintsFiled', Unit: 'Count' }]),
    });
  });
});
