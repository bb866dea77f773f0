/**
 * Evidence over HTTP and S3: a party asks for an upload form, posts the file straight to S3 (the
 * local front checks the form's policy as S3 does), S3's event runs the check, and the parties see
 * the result; the merchant downloads exactly the checked bytes through a short-lived link.
 */
import { describe, expect, inject, it } from 'vitest';
import { fileComplaint } from './complaints';
import { advanceClock, eventually, freshPhone, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';
import { eicarTestString } from '../../local/malware-scan';
import { askToUpload, pdf, png, post, sha256, type UploadForm } from './uploads';

/** A consumer's complaint with a session to act on it. */
const consumerComplaint = async () => {
  const complaint = await fileComplaint();
  return { ...complaint, session: await signInVerified(complaint.phone) };
};

/** The attachments a consumer sees, with the fields the tests read by name. */
interface ListedAttachment {
  attachmentId: string;
  status: string;
  uploadedBy: string;
  rejection?: { message: string };
  download?: { url: string };
  [field: string]: unknown;
}
const consumerAttachments = async (trackingNumber: string, session: Record<string, string>) =>
  (await request('GET', `/v1/complaints/${trackingNumber}/attachments`, undefined, session)).body
    .attachments as ListedAttachment[];

const checked = (trackingNumber: string, session: Record<string, string>, attachmentId: string) =>
  eventually(
    () => consumerAttachments(trackingNumber, session),
    (attachments) => attachments.some((a) => a.attachmentId === attachmentId && a.status !== 'PENDING'),
  ).then((attachments) => attachments.find((a) => a.attachmentId === attachmentId)!);

const merchantCase = async (trackingNumber: string, merchantId = 'demo-bazaar') =>
  (await signedCall(seeds().merchants[merchantId]!, 'GET', `/v1/merchant/complaints/${trackingNumber}`)).body;

/** The stored file, straight from the local S3 (s3rver), bypassing every link. */
const storedFile = async (trackingNumber: string, attachmentId: string) =>
  (await fetch(`${inject('s3Endpoint')}/ccms-local-evidence/complaints/${trackingNumber}/${attachmentId}`)).status;

describe('evidence', () => {
  it('verifies a real PDF, records its SHA-256 and size, and gives the merchant a link to exactly those bytes', async () => {
    const { trackingNumber, session } = await consumerComplaint();
    const receipt = pdf('Order 4471 receipt');
    const asked = await askToUpload(trackingNumber, session, {
      fileName: 'রসিদ-৪৪৭১.pdf',
      contentType: 'application/pdf',
      size: receipt.length,
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ status: 'PENDING', upload: { method: 'POST' } });
    expect((await post(asked.body.upload, receipt)).status).toBe(204);

    const attachment = await checked(trackingNumber, session, asked.body.attachmentId);
    expect(attachment).toMatchObject({
      status: 'VERIFIED',
      size: receipt.length,
      sha256: sha256(receipt),
      uploadedBy: 'consumer',
      fileName: 'রসিদ-৪৪৭১.pdf',
    });

    const [seen] = (await merchantCase(trackingNumber)).attachments;
    expect(seen).toMatchObject({ attachmentId: asked.body.attachmentId, status: 'VERIFIED', sha256: sha256(receipt) });
    const download = await fetch(seen.download.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(receipt)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('রসিদ-৪৪৭১.pdf')}`,
    );
  });

  it('rejects a file whose first bytes are not the declared type, deletes it, and tells the consumer why', async () => {
    const { trackingNumber, session } = await consumerComplaint();
    const disguised = pdf('not a photo');
    const asked = await askToUpload(trackingNumber, session, {
      fileName: 'photo.png',
      contentType: 'image/png',
      size: disguised.length,
    });
    expect((await post(asked.body.upload, disguised)).status).toBe(204);

    const attachment = await checked(trackingNumber, session, asked.body.attachmentId);
    expect(attachment).toMatchObject({ status: 'REJECTED', rejection: { code: 'TYPE_MISMATCH' } });
    expect(attachment.rejection?.message).toContain('its content is a PDF file');
    expect(attachment.download).toBeUndefined();
    expect(await storedFile(trackingNumber, asked.body.attachmentId)).toBe(404);
    // The merchant never sees a file that failed the check.
    expect((await merchantCase(trackingNumber)).attachments).toEqual([]);
  });

  it('quarantines a file the malware scan finds a threat in: its uploader and the regulator see why, and nobody can read it', async () => {
    const complaint = await consumerComplaint();
    const { trackingNumber, session } = complaint;
    const infected = pdf(`receipt ${eicarTestString}`);
    const asked = await askToUpload(trackingNumber, session, {
      fileName: 'receipt.pdf',
      contentType: 'application/pdf',
      size: infected.length,
    });
    expect((await post(asked.body.upload, infected)).status).toBe(204);
    const attachment = await eventually(
      () => checked(trackingNumber, session, asked.body.attachmentId),
      (found) => found.status === 'QUARANTINED',
      { what: 'the infected file to be quarantined' },
    );
    expect(attachment).toMatchObject({ status: 'QUARANTINED', rejection: { code: 'THREATS_FOUND' } });
    expect(attachment.download).toBeUndefined();
    // The bucket refuses it to everyone; the merchant does not see it at all.
    expect(await storedFile(trackingNumber, asked.body.attachmentId)).toBe(403);
    expect((await merchantCase(trackingNumber)).attachments).toEqual([]);
    // Escalated, the regulator's case reads (it re-verifies the evidence) and shows the file quarantined.
    expect((await complaint.merchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded.' })).status).toBe(
      200,
    );
    expect((await complaint.consumer('dispute', { reason: 'Nothing reached my account.' })).status).toBe(200);
    const read = await eventually(
      () => signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`),
      (response) => response.status !== 404,
      { what: 'the escalated case' },
    );
    expect(read.status).toBe(200);
    expect(read.body.attachments).toEqual([
      expect.objectContaining({ attachmentId: asked.body.attachmentId, status: 'QUARANTINED' }),
    ]);
    expect(read.body.attachments[0].download).toBeUndefined();
    expect(read.body.evidenceVerification).toMatchObject({ valid: true });
  });

  it('refuses at S3 an upload the form does not allow: a larger file, another type, another key', async () => {
    const { trackingNumber, session } = await consumerComplaint();
    const asked = await askToUpload(trackingNumber, session, {
      fileName: 'photo.png',
      contentType: 'image/png',
      size: png.length,
    });
    const form = asked.body.upload as UploadForm;

    const larger = await post(form, Buffer.concat([png, Buffer.from([0])]));
    expect(larger.status).toBe(400);
    expect(larger.text).toContain('<Code>EntityTooLarge</Code>');
    const otherType = await post(form, png, { 'Content-Type': 'text/html' });
    expect(otherType.status).toBe(403);
    expect(otherType.text).toContain('Policy Condition failed');
    const otherKey = await post(form, png, { key: `complaints/${trackingNumber}/${'0'.repeat(24)}` });
    expect(otherKey.status).toBe(403);
    expect(await storedFile(trackingNumber, asked.body.attachmentId)).toBe(404);
    // Nothing arrived, so nothing was checked.
    expect((await consumerAttachments(trackingNumber, session))[0]).toMatchObject({ status: 'PENDING' });
  });

  it('gives a party at most 10 files, even when asked at once, and a rejected file frees its place', async () => {
    const { trackingNumber, session } = await consumerComplaint();
    const file = { fileName: 'photo.png', contentType: 'image/png', size: png.length };
    // Twelve at once contend for the slot counter: one still contended after its retries answers 503, and the
    // client asks again, as the web app does.
    const askAsAClient = async () => {
      for (let attempt = 1; ; attempt++) {
        const answer = await askToUpload(trackingNumber, session, file);
        if (answer.status !== 503 || attempt === 5) return answer;
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    };
    const answers = await Promise.all(Array.from({ length: 12 }, askAsAClient));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.error.code])).toEqual([
      [422, 'ATTACHMENT_LIMIT_REACHED'],
      [422, 'ATTACHMENT_LIMIT_REACHED'],
    ]);

    const first = answers.find((a) => a.status === 201)!.body;
    expect((await post(first.upload, Buffer.alloc(png.length, 0x41))).status).toBe(204);
    expect(await checked(trackingNumber, session, first.attachmentId)).toMatchObject({ status: 'REJECTED' });
    expect((await askToUpload(trackingNumber, session, file)).status).toBe(201);
  });

  it('keeps records of at most 30 files a party asked for: forms left unused count too, so records cannot pile up', async () => {
    const { trackingNumber, phone } = await consumerComplaint();
    const file = { fileName: 'photo.png', contentType: 'image/png', size: png.length };
    let session: Record<string, string> = {};
    // Three rounds of 10 forms left unused: each round's slots are freed once its forms have expired.
    for (let round = 0; round < 3; round++) {
      // A session outlives no 31 minutes: sign in again each round.
      session = await signInVerified(phone);
      for (let i = 0; i < 10; i++) expect((await askToUpload(trackingNumber, session, file)).status).toBe(201);
      await advanceClock('PT31M');
    }
    session = await signInVerified(phone);
    const refused = await askToUpload(trackingNumber, session, file);
    expect([refused.status, refused.body.error.code]).toEqual([422, 'ATTACHMENT_LIMIT_REACHED']);
    expect(refused.body.error.message).toContain('counting those not accepted');
    expect(await consumerAttachments(trackingNumber, session)).toHaveLength(30);
  });

  it('lets the merchant propose a resolution with its own verified file, and no other', async () => {
    const { trackingNumber, session, merchant } = await consumerComplaint();
    const merchantKey = seeds().merchants['demo-bazaar']!;
    const asked = await signedCall(merchantKey, 'POST', `/v1/merchant/complaints/${trackingNumber}/attachments`, {
      fileName: 'refund-slip.png',
      contentType: 'image/png',
      size: png.length,
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const consumerFile = (
      await askToUpload(trackingNumber, session, { fileName: 'photo.png', contentType: 'image/png', size: png.length })
    ).body;

    const proposal = { remedy: 'REFUND', amount: 500, message: 'Refunded; the slip is attached.' };
    const pending = await merchant('propose-resolution', { ...proposal, attachments: [asked.body.attachmentId] });
    expect([pending.status, pending.body.error?.code]).toEqual([422, 'EVIDENCE_NOT_VERIFIED']);

    expect((await post(asked.body.upload, png)).status).toBe(204);
    await eventually(
      () => merchantCase(trackingNumber),
      (view) => view.attachments.some((a: Record<string, unknown>) => a.status === 'VERIFIED'),
    );
    const notTheirs = await merchant('propose-resolution', { ...proposal, attachments: [consumerFile.attachmentId] });
    expect([notTheirs.status, notTheirs.body.error?.code]).toEqual([422, 'EVIDENCE_NOT_VERIFIED']);

    expect((await merchant('propose-resolution', { ...proposal, attachments: [asked.body.attachmentId] })).status).toBe(
      200,
    );
    const [mine] = (await request('GET', '/v1/consumer/complaints?limit=100', undefined, session)).body.complaints;
    expect(mine.resolution.attachments).toEqual([
      {
        attachmentId: asked.body.attachmentId,
        fileName: 'refund-slip.png',
        contentType: 'image/png',
        size: png.length,
        sha256: sha256(png),
      },
    ]);
    // The consumer can open the merchant's verified file.
    const slip = (await consumerAttachments(trackingNumber, session)).find((a) => a.uploadedBy === 'merchant')!;
    expect(Buffer.from(await (await fetch(slip.download!.url)).arrayBuffer()).equals(png)).toBe(true);
  });

  it("answers another consumer's or merchant's request like a complaint that does not exist", async () => {
    const { trackingNumber } = await consumerComplaint();
    const stranger = await signInVerified(freshPhone());
    const file = { fileName: 'photo.png', contentType: 'image/png', size: png.length };
    expect((await askToUpload(trackingNumber, stranger, file)).status).toBe(404);
    expect((await request('GET', `/v1/complaints/${trackingNumber}/attachments`, undefined, stranger)).status).toBe(
      404,
    );
    const otherMerchant = await signedCall(
      seeds().merchants['padma-electronics']!,
      'POST',
      `/v1/merchant/complaints/${trackingNumber}/attachments`,
      file,
    );
    expect(otherMerchant.status).toBe(404);
  });

  it('refuses bad requests with the field that is wrong, and evidence once the complaint is withdrawn', async () => {
    const { trackingNumber, session, consumer } = await consumerComplaint();
    const tooLarge = await askToUpload(trackingNumber, session, {
      fileName: 'video.mp4',
      contentType: 'video/mp4',
      size: 11 * 1024 * 1024,
    });
    expect(tooLarge.status).toBe(400);
    expect(Object.keys(tooLarge.body.error.fields).sort()).toEqual(['contentType', 'size']);
    expect((await consumer('withdraw', {})).status).toBe(200);
    const closed = await askToUpload(trackingNumber, session, {
      fileName: 'photo.png',
      contentType: 'image/png',
      size: png.length,
    });
    expect([closed.status, closed.body.error.code]).toEqual([422, 'EVIDENCE_CLOSED']);
  });

  it('makes download links short-lived: a link stops working after 5 minutes', async () => {
    const { trackingNumber, session } = await consumerComplaint();
    const asked = await askToUpload(trackingNumber, session, {
      fileName: 'photo.png',
      contentType: 'image/png',
      size: png.length,
    });
    expect((await post(asked.body.upload, png)).status).toBe(204);
    expect(await checked(trackingNumber, session, asked.body.attachmentId)).toMatchObject({ status: 'VERIFIED' });
    const [seen] = (await merchantCase(trackingNumber)).attachments;
    expect((await fetch(seen.download.url)).status).toBe(200);
    // A tampered link (another version) fails its signature.
    expect((await fetch(`${seen.download.url}&versionId=other`)).status).toBe(403);
    await advanceClock('PT6M');
    const expired = await fetch(seen.download.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });
});
