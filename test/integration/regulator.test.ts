/**
 * The regulator's work on escalated cases over signed HTTP: search (by merchant, category,
 * district, status and date, paginated), hearings that both parties hear of, decisions that close
 * the case, and the compliance timer that flags an upheld decision nobody complied with.
 */
import { smsPartsOf } from '../../functions/domain/sms';
import { describe, expect, inject, it } from 'vitest';
import { escalatedComplaint, onboardMerchant, statusBecomes } from './complaints';
import { escalationMessageProblems } from './contract';
import { advanceClock, eventually, localDate, outbox, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';

const regulator = () => seeds().regulator;
const asRegulator = (method: string, path: string, body?: unknown) => signedCall(regulator(), method, path, body);

/** Files, has the merchant propose and the consumer dispute: escalated at once. */
const escalated = (overrides: Record<string, unknown>, merchantKey?: Parameters<typeof signedCall>[0]) =>
  escalatedComplaint(overrides, merchantKey);

/** Every page of a search, following the cursors. */
const allPages = async (query: string, limit: number) => {
  const found: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await asRegulator(
      'GET',
      `/v1/regulator/cases?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect((page.body.cases as unknown[]).length).toBeLessThanOrEqual(limit);
    found.push(...(page.body.cases as { trackingNumber: string }[]).map((row) => row.trackingNumber));
    cursor = page.body.nextCursor as string | undefined;
    pages += 1;
  } while (cursor && pages < 50);
  return found;
};

describe('searching escalated cases', () => {
  it('finds a merchant’s cases, narrows them by category, district and status, and pages through them', async () => {
    const { merchantId, merchantKey } = await onboardMerchant('search');
    const a = await escalated(
      { merchantId, category: 'REFUND_NOT_RECEIVED', deliveryDistrict: 'dhaka', complainantName: 'Searchable Person' },
      merchantKey,
    );
    const b = await escalated({ merchantId, category: 'NOT_DELIVERED', deliveryDistrict: 'sylhet' }, merchantKey);
    const c = await escalated({ merchantId, category: 'REFUND_NOT_RECEIVED', deliveryDistrict: 'sylhet' }, merchantKey);
    const own = await asRegulator('GET', `/v1/regulator/cases?merchantId=${merchantId}`);
    expect(own.status).toBe(200);
    expect((own.body.cases as { trackingNumber: string }[]).map((row) => row.trackingNumber)).toEqual(
      [c, b, a].map((x) => x.trackingNumber),
    );
    expect(own.body.cases).toContainEqual(
      expect.objectContaining({
        trackingNumber: a.trackingNumber,
        status: 'ESCALATED',
        category: 'REFUND_NOT_RECEIVED',
        district: 'dhaka',
        reason: 'RESOLUTION_DISPUTED',
      }),
    );
    // No personal data in a search: it is not a logged read.
    const text = JSON.stringify(own.body);
    for (const personal of ['Searchable Person', a.phone, 'One hundred taka']) expect(text).not.toContain(personal);

    const refunds = await asRegulator(
      'GET',
      `/v1/regulator/cases?merchantId=${merchantId}&category=REFUND_NOT_RECEIVED&district=sylhet`,
    );
    expect((refunds.body.cases as { trackingNumber: string }[]).map((row) => row.trackingNumber)).toEqual([
      c.trackingNumber,
    ]);
    expect(await allPages(`merchantId=${merchantId}`, 1)).toEqual([c, b, a].map((x) => x.trackingNumber));
    // A cursor answers only the search that gave it out: reused with another range it is refused (it was a 500).
    const first = await asRegulator('GET', `/v1/regulator/cases?merchantId=${merchantId}&limit=1`);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const elsewhere = await asRegulator(
      'GET',
      `/v1/regulator/cases?merchantId=${merchantId}&from=${localDate(400)}&to=${localDate(370)}&limit=1&cursor=${cursor}`,
    );
    expect([elsewhere.status, elsewhere.body.error]).toEqual([
      400,
      expect.objectContaining({ code: 'INVALID_REQUEST', fields: { cursor: 'invalid' } }),
    ]);
    // Without a merchant: the month partitions of the range, filtered.
    const today = localDate(0);
    expect(
      await allPages(`from=${localDate(40)}&to=${today}&category=NOT_DELIVERED&district=sylhet&status=ESCALATED`, 5),
    ).toContain(b.trackingNumber);
    const closedOnly = await asRegulator('GET', `/v1/regulator/cases?merchantId=${merchantId}&status=CLOSED`);
    expect(closedOnly.body.cases).toEqual([]);
    // The default year (13 months) is read in one page: nothing found means no cursor to follow.
    const none = await asRegulator(
      'GET',
      '/v1/regulator/cases?category=DATA_MISUSE&district=bandarban&status=WITHDRAWN',
    );
    expect(none.body).toMatchObject({ cases: [] });
    expect(none.body.nextCursor).toBeUndefined();

    // The same search as a CSV export: a job, polled, then fetched by its link.
    const asked = await asRegulator('POST', '/v1/regulator/exports', { merchantId });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ status: 'QUEUED', statusPath: `/v1/regulator/exports/${asked.body.exportId}` });
    const done = await eventually(
      () => asRegulator('GET', asked.body.statusPath as string),
      (job) => job.body.status === 'SUCCEEDED',
    );
    expect(done.body.progress).toEqual({ rowsWritten: 3, partitionsDone: 1, partitionsTotal: 1, percent: 100 });
    const file = await fetch((done.body.download as { url: string }).url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await file.arrayBuffer());
    // A UTF-8 byte order mark first, so spreadsheets read Bengali right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^trackingNumber,status,merchantId,category,district/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([c, b, a].map((x) => x.trackingNumber));
    expect(lines.join('\n')).not.toContain('Searchable Person');
    // Another regulator's export answers like none at all.
    const other = await signedCall(
      seeds().operator,
      'POST',
      '/v1/admin/regulators',
      {
        regulatorId: `other-${Date.now().toString(36)}`,
        agency: 'e-CAB',
        name: 'e-Commerce Association of Bangladesh',
      },
      { service: 'execute-api' },
    );
    expect((await signedCall(other.body.credentials, 'GET', asked.body.statusPath as string)).status).toBe(404);
    expect(
      (await asRegulator('POST', '/v1/regulator/exports', { from: '2026-05-02', to: '2026-05-01' })).body.error,
    ).toMatchObject({ code: 'SEARCH_RANGE_INVALID' });
  });

  it('refuses bad parameters, reversed or overlong ranges and cursors it did not give out', async () => {
    expect((await asRegulator('GET', '/v1/regulator/cases?status=SETTLED')).body.error).toMatchObject({
      code: 'INVALID_REQUEST',
      fields: { status: expect.any(String) },
    });
    expect((await asRegulator('GET', '/v1/regulator/cases?district=atlantis')).status).toBe(400);
    expect((await asRegulator('GET', '/v1/regulator/cases?from=2026-02-30')).status).toBe(400);
    expect((await asRegulator('GET', '/v1/regulator/cases?from=2026-05-02&to=2026-05-01')).body.error).toMatchObject({
      code: 'SEARCH_RANGE_INVALID',
    });
    expect((await asRegulator('GET', '/v1/regulator/cases?from=2019-01-01&to=2026-05-01')).body.error).toMatchObject({
      code: 'SEARCH_RANGE_INVALID',
    });
    const forged = Buffer.from(
      JSON.stringify({
        p: 0,
        k: Buffer.from(JSON.stringify({ pk: 'CONSUMER#x', sk: 'PROFILE', gsi3pk: 'x', gsi3sk: 'y' })).toString(
          'base64url',
        ),
      }),
    ).toString('base64url');
    expect((await asRegulator('GET', `/v1/regulator/cases?cursor=${forged}`)).body.error).toMatchObject({
      code: 'INVALID_REQUEST',
      fields: { cursor: 'invalid' },
    });
    expect((await asRegulator('GET', '/v1/regulator/cases?cursor=eyJwIjo5OTl9')).status).toBe(400);
    expect((await signedCall(seeds().merchants['demo-bazaar']!, 'GET', '/v1/regulator/cases')).status).toBe(403);
  });
});

describe('hearings and decisions', () => {
  it('a hearing reaches both parties, shows on the case, and is sealed in the timeline', async () => {
    const complaint = await escalated({ merchantId: 'demo-bazaar', deliveryDistrict: 'khulna' });
    const at = `${localDate(-5)}T10:30:00+06:00`;
    const scheduled = await asRegulator('POST', `/v1/regulator/cases/${complaint.trackingNumber}/hearings`, {
      at,
      mode: 'ONLINE',
      link: 'https://meet.example.gov.bd/ccms-hearing-1',
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    expect(scheduled.body).toMatchObject({
      status: 'ESCALATED',
      hearing: {
        number: 1,
        mode: 'ONLINE',
        at: new Date(at).toISOString(),
        scheduledBy: { agency: expect.any(String) },
      },
    });
    // The consumer's SMS (one part: the time and the short link to the page, where the hearing's link is), and the merchant's email (sent after it).
    const toConsumer = (all: Awaited<ReturnType<typeof outbox>>) =>
      all.some(
        (m) =>
          m.channel === 'sms' &&
          m.to === complaint.phone &&
          /^(শুনানি|The hearing)/.test(String(m.body)) &&
          String(m.body).endsWith(`/t/${complaint.trackingNumber}`) &&
          smsPartsOf(String(m.body)) === 1,
      );
    const toMerchant = (all: Awaited<ReturnType<typeof outbox>>) =>
      all.some(
        (m) =>
          m.channel === 'email' &&
          String(m.subject).includes(complaint.trackingNumber) &&
          String(m.subject).includes('hearing scheduled'),
      );
    const messages = await eventually(outbox, (all) => toConsumer(all) && toMerchant(all));
    expect(toConsumer(messages) && toMerchant(messages)).toBe(true);
    const mine = await request('GET', '/v1/consumer/complaints', undefined, await signInVerified(complaint.phone));
    // The consumer's own view carries the hearing, its link included: the page shows it.
    expect(
      (mine.body.complaints as { trackingNumber: string; hearings?: { link?: string }[] }[]).find(
        (c) => c.trackingNumber === complaint.trackingNumber,
      )?.hearings,
    ).toEqual([expect.objectContaining({ link: expect.stringContaining('meet.example.gov.bd/ccms-hearing-1') })]);
    const merchantView = await signedCall(
      seeds().merchants['demo-bazaar']!,
      'GET',
      `/v1/merchant/complaints/${complaint.trackingNumber}`,
    );
    expect(merchantView.body.hearings).toEqual([scheduled.body.hearing]);
    const theCase = await asRegulator('GET', `/v1/regulator/cases/${complaint.trackingNumber}`);
    expect(theCase.body.timelineVerification).toEqual({ valid: true });
    expect((theCase.body.timeline as { action: string; details?: unknown }[]).at(-1)).toMatchObject({
      action: 'SCHEDULE_HEARING',
      details: { hearing: 1, mode: 'ONLINE' },
    });
    expect(theCase.body.evidenceVerification).toEqual({ valid: true, files: [], proposalFiles: [] });

    const past = await asRegulator('POST', `/v1/regulator/cases/${complaint.trackingNumber}/hearings`, {
      at: `${localDate(1)}T10:30:00+06:00`,
      mode: 'IN_PERSON',
      place: 'DNCRP, Karwan Bazar',
    });
    expect(past.body.error).toMatchObject({ code: 'HEARING_IN_PAST' });
    const noLink = await asRegulator('POST', `/v1/regulator/cases/${complaint.trackingNumber}/hearings`, {
      at,
      mode: 'ONLINE',
    });
    expect(noLink.body.error).toMatchObject({ code: 'INVALID_REQUEST', fields: { link: expect.any(String) } });
  });

  it('an upheld decision closes the case, tells both parties, and flags the merchant that does not comply by the date', async () => {
    const complaint = await escalated({ merchantId: 'demo-bazaar', deliveryDistrict: 'dhaka' });
    const decision = {
      outcome: 'UPHELD',
      remedy: 'REFUND',
      amount: 4200,
      complianceDueDate: localDate(-2),
      reasons: 'The merchant kept the full price of a returned blender.',
    };
    const decided = await asRegulator('POST', `/v1/regulator/cases/${complaint.trackingNumber}/decision`, decision);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'CLOSED',
      decision: { outcome: 'UPHELD', amount: 4200 },
      compliance: { dueAt: expect.any(String) },
    });
    expect(await statusBecomes(complaint.trackingNumber, 'CLOSED')).toBe('CLOSED');
    await eventually(outbox, (all) =>
      all.some(
        (m) =>
          m.channel === 'sms' &&
          m.to === complaint.phone &&
          String(m.body).includes(complaint.trackingNumber) &&
          String(m.body).includes('সিদ্ধান্ত'),
      ),
    );
    // Decided once: a second decision, or a hearing, is refused.
    expect(
      (
        await asRegulator('POST', `/v1/regulator/cases/${complaint.trackingNumber}/decision`, {
          outcome: 'DISMISSED',
          reasons: 'Second thoughts on the same case, refused.',
        })
      ).status,
    ).toBe(409);

    await advanceClock('P3D');
    const flagged = await eventually(
      () => asRegulator('GET', `/v1/regulator/cases/${complaint.trackingNumber}`),
      (read) => Boolean((read.body.complaint as { compliance?: { overdueAt?: string } }).compliance?.overdueAt),
    );
    expect(flagged.body.timelineVerification).toEqual({ valid: true });
    expect((flagged.body.timeline as { action: string }[]).map((entry) => entry.action).slice(-2)).toEqual([
      'DECIDE',
      'FLAG_NONCOMPLIANCE',
    ]);
    // Regulators hear of it on the escalations topic: the Dhaka subscription takes it.
    const notices = await eventually(outbox, (all) =>
      all.some(
        (m) =>
          m.channel === 'subscription' &&
          m.body.type === 'decision.compliance-overdue' &&
          m.body.trackingNumber === complaint.trackingNumber,
      ),
    );
    const notice = notices.find(
      (m) =>
        m.channel === 'subscription' &&
        m.body.type === 'decision.compliance-overdue' &&
        m.body.trackingNumber === complaint.trackingNumber,
    )!;
    expect(await escalationMessageProblems(notice.body, 'ComplianceOverdueMessage')).toEqual([]);
    expect(notice.attributes).toMatchObject({
      reason: 'COMPLIANCE_OVERDUE',
      merchantId: 'demo-bazaar',
      district: 'dhaka',
    });
    const search = await asRegulator(
      'GET',
      `/v1/regulator/cases?merchantId=demo-bazaar&status=CLOSED&from=${localDate(10)}`,
    );
    expect(
      (search.body.cases as { trackingNumber: string; compliance?: { overdueAt?: string } }[]).find(
        (row) => row.trackingNumber === complaint.trackingNumber,
      )?.compliance?.overdueAt,
    ).toBeDefined();
  });

  it('a merchant that confirms compliance in time is never flagged; dismissed and referred cases just close', async () => {
    const complied = await escalated({ merchantId: 'demo-bazaar' });
    const decision = {
      outcome: 'UPHELD',
      remedy: 'REPLACEMENT',
      complianceDueDate: localDate(-1),
      reasons: 'The replacement blender was promised and never sent.',
    };
    expect(
      (await asRegulator('POST', `/v1/regulator/cases/${complied.trackingNumber}/decision`, decision)).status,
    ).toBe(200);
    const confirmed = await complied.merchant('confirm-compliance', { message: 'Replacement delivered on the 3rd.' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect((await complied.merchant('confirm-compliance', { message: 'Again, just in case.' })).status).toBe(409);
    const dismissed = await escalated({ merchantId: 'demo-bazaar' });
    expect(
      (
        await asRegulator('POST', `/v1/regulator/cases/${dismissed.trackingNumber}/decision`, {
          outcome: 'DISMISSED',
          reasons: 'The courier proves the delivery was made.',
        })
      ).body,
    ).toMatchObject({ status: 'CLOSED' });
    expect((await dismissed.merchant('confirm-compliance', { message: 'Nothing was asked.' })).status).toBe(409);
    const referred = await escalated({ merchantId: 'demo-bazaar' });
    const sent = await asRegulator('POST', `/v1/regulator/cases/${referred.trackingNumber}/decision`, {
      outcome: 'REFERRED',
      referredTo: 'Bangladesh Bank',
      reasons: 'A card chargeback is for the central bank to settle.',
    });
    expect(sent.body).toMatchObject({
      status: 'CLOSED',
      decision: { outcome: 'REFERRED', referredTo: 'Bangladesh Bank' },
    });

    await advanceClock('P2D');
    const read = await asRegulator('GET', `/v1/regulator/cases/${complied.trackingNumber}`);
    expect((read.body.complaint as { compliance: unknown }).compliance).toEqual({
      dueAt: expect.any(String),
      confirmedAt: expect.any(String),
    });
    expect((read.body.timeline as { action: string }[]).map((entry) => entry.action)).not.toContain(
      'FLAG_NONCOMPLIANCE',
    );
  });

  it('each escalation and decision issues a formal case record, linked from the case, that verifies against it', async () => {
    const complaint = await escalated({
      merchantId: 'demo-bazaar',
      description: 'ব্লেন্ডারটি ভাঙা অবস্থায় এসেছে; the jar was cracked on arrival.',
      complainantName: 'Record Person',
    });
    type RecordView = {
      version: number;
      reason: string;
      sha256: string;
      links: { json: string; html: string };
      verification: { valid: boolean; problems: string[] };
    };
    const recordsOf = async () =>
      (await asRegulator('GET', `/v1/regulator/cases/${complaint.trackingNumber}`)).body.caseRecords as RecordView[];
    const [first] = await eventually(recordsOf, (records) => records.length === 1);
    expect(first).toMatchObject({ reason: 'ESCALATED', verification: { valid: true, problems: [] } });
    const json = (await (await fetch(first!.links.json)).json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      type: 'ccms.case-record',
      trackingNumber: complaint.trackingNumber,
      version: first!.version,
      complaint: { status: 'ESCALATED' },
    });
    const htmlResponse = await fetch(first!.links.html);
    expect(htmlResponse.headers.get('content-type')).toContain('text/html');
    const html = await htmlResponse.text();
    expect(html).toContain('ব্লেন্ডারটি ভাঙা অবস্থায় এসেছে');
    expect(html).toContain(first!.sha256);
    for (const text of [html, JSON.stringify(json)])
      for (const personal of ['Record Person', complaint.phone]) expect(text).not.toContain(personal);
    // The write-once JSON holds a commitment of the description, never its text: that stays erasable.
    expect(JSON.stringify(json)).not.toContain('ব্লেন্ডারটি');
    expect(json).toMatchObject({ schemaVersion: 2, complaint: { description: { commitment: expect.any(String) } } });
    expect(first!.links.html).toContain('/ccms-local-evidence/case-records/');

    await asRegulator('POST', `/v1/regulator/cases/${complaint.trackingNumber}/decision`, {
      outcome: 'DISMISSED',
      reasons: 'The merchant refunded the full price before the hearing.',
    });
    const records = await eventually(recordsOf, (all) => all.length === 2);
    expect(records.map((record) => [record.reason, record.verification.valid])).toEqual([
      ['ESCALATED', true],
      ['DECIDED', true],
    ]);
    expect(records[1]!.version).toBeGreaterThan(first!.version);
    const decided = (await (await fetch(records[1]!.links.json)).json()) as { complaint: { decision: unknown } };
    expect(decided.complaint.decision).toMatchObject({
      outcome: 'DISMISSED',
      reasons: { commitment: expect.any(String) },
    });
    expect(JSON.stringify(decided)).not.toContain('refunded the full price');
    expect(await (await fetch(records[1]!.links.html)).text()).toContain('refunded the full price');

    // The local bucket is not write-once (s3rver has no Object Lock): overwriting a record here shows as a failed verification.
    const key = `records/${complaint.trackingNumber}/${String(first!.version).padStart(6, '0')}.json`;
    const overwritten = await fetch(`${inject('s3Endpoint')}/ccms-local-case-records/${key}`, {
      method: 'PUT',
      body: JSON.stringify({ ...json, issuedAt: '2020-01-01T00:00:00Z' }),
    });
    expect(overwritten.status).toBe(200);
    const [tampered] = await recordsOf();
    expect(tampered!.verification).toEqual({
      valid: false,
      problems: ['the stored record is not the one issued (its SHA-256 differs)'],
    });
  });
});
