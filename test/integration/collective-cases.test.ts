/**
 * Collective cases over signed HTTP: a regulator groups escalated complaints against one merchant,
 * holds one hearing and makes one decision, and each member's own case records both (sealed in its
 * timeline), while each consumer and the merchant are told as for a case of its own.
 */
import { describe, expect, it } from 'vitest';
import { escalatedComplaint, onboardMerchant } from './complaints';
import { eventually, localDate, outbox } from './http';
import { seeds, signedCall } from './signed';

const asRegulator = (method: string, path: string, body?: unknown) => signedCall(seeds().regulator, method, path, body);

type Case = { timeline: { action: string; details?: Record<string, unknown> }[]; timelineVerification: unknown };
const theCase = async (trackingNumber: string) =>
  (await asRegulator('GET', `/v1/regulator/cases/${trackingNumber}`)).body as unknown as Case & {
    complaint: { status: string; hearings?: unknown[] };
  };

describe('collective cases', () => {
  it('group escalated cases of one merchant, hold one hearing and one decision that reach every member, and list them as CSV', async () => {
    const { merchantId, merchantKey } = await onboardMerchant('collective');
    const [a, b, c] = [
      await escalatedComplaint({ merchantId, deliveryDistrict: 'dhaka' }, merchantKey),
      await escalatedComplaint(
        { merchantId, deliveryDistrict: 'khulna', complainantName: 'Collective Person' },
        merchantKey,
      ),
      await escalatedComplaint({ merchantId }, merchantKey),
    ];
    const elsewhere = await escalatedComplaint({ merchantId: 'demo-bazaar' });

    const opened = await asRegulator('POST', '/v1/regulator/collective-cases', {
      merchantId,
      title: 'Advance payments, nothing delivered',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId = opened.body.caseId as string;
    expect(opened.body).toMatchObject({ status: 'OPEN', members: 0, merchantId });

    const added = await asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/members`, {
      trackingNumbers: [a.trackingNumber, b.trackingNumber.toLowerCase(), elsewhere.trackingNumber],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({
      members: 2,
      added: [a.trackingNumber, b.trackingNumber],
      refused: [{ trackingNumber: elsewhere.trackingNumber, code: 'OTHER_MERCHANT' }],
    });
    // A member is heard and decided with the collective case, not on its own.
    const alone = await asRegulator('POST', `/v1/regulator/cases/${a.trackingNumber}/decision`, {
      outcome: 'DISMISSED',
      reasons: 'Deciding one member alone is refused.',
    });
    expect([alone.status, alone.body.error]).toEqual([
      409,
      expect.objectContaining({ code: 'IN_COLLECTIVE_CASE', details: { collectiveCaseId: caseId } }),
    ]);

    // One hearing: every member's case gets it, and each consumer is texted.
    const at = `${localDate(-6)}T11:00:00+06:00`;
    const heard = await asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/hearings`, {
      at,
      mode: 'IN_PERSON',
      place: 'DNCRP, Karwan Bazar, Dhaka',
    });
    expect(heard.status, JSON.stringify(heard.body)).toBe(201);
    const hearingEntry = { action: 'SCHEDULE_HEARING', details: expect.objectContaining({ collectiveCaseId: caseId }) };
    for (const member of [a, b])
      await eventually(
        () => theCase(member.trackingNumber),
        (read) => read.timeline.some((entry) => entry.action === 'SCHEDULE_HEARING'),
      );
    // A member who joins after the hearing was scheduled gets it too.
    const later = await asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/members`, {
      trackingNumbers: [c.trackingNumber],
    });
    expect(later.body).toMatchObject({ members: 3, added: [c.trackingNumber], refused: [] });
    for (const member of [a, b, c]) {
      const read = await eventually(
        () => theCase(member.trackingNumber),
        (found) => found.timeline.some((entry) => entry.action === 'SCHEDULE_HEARING'),
      );
      expect(read.timeline.filter((entry) => entry.action === 'SCHEDULE_HEARING')).toEqual([
        expect.objectContaining(hearingEntry),
      ]);
      expect(read.complaint.hearings).toEqual([expect.objectContaining({ at: new Date(at).toISOString() })]);
    }
    await eventually(outbox, (all) =>
      [a, b, c].every((member) =>
        all.some((m) => m.channel === 'sms' && m.to === member.phone && /^(শুনানি|The hearing)/.test(String(m.body))),
      ),
    );

    // The record: the case, its members, how far its run reached them; and the members as CSV.
    const record = await eventually(
      () => asRegulator('GET', `/v1/regulator/collective-cases/${caseId}?limit=2`),
      (read) => (read.body.progress as { members?: number } | undefined)?.members === 3,
    );
    expect(record.body).toMatchObject({ members: 3, hearings: [{ number: 1 }], status: 'OPEN' });
    expect(record.body.memberList).toHaveLength(2);
    expect(record.body.nextCursor).toEqual(expect.any(String));
    const csv = await asRegulator('GET', `/v1/regulator/collective-cases/${caseId}/members.csv`);
    expect(csv.status).toBe(200);
    const rows = String(csv.body).trimEnd().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(
      rows
        .slice(1)
        .map((row) => row.split(',')[0])
        .sort(),
    ).toEqual([a, b, c].map((member) => member.trackingNumber).sort());
    for (const personal of ['Collective Person', a.phone, b.phone, 'One hundred taka'])
      expect(String(csv.body) + JSON.stringify(record.body)).not.toContain(personal);

    // One decision closes every member's case, sealed in each timeline, and each consumer hears of it.
    const decided = await asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/decision`, {
      outcome: 'UPHELD',
      remedy: 'REFUND',
      amount: 1500,
      complianceDueDate: localDate(-30),
      reasons: 'The merchant took advance payments and delivered nothing to any of these consumers.',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'DECIDED', members: 3, decision: { outcome: 'UPHELD' } });
    for (const member of [a, b, c]) {
      const read = await eventually(
        () => theCase(member.trackingNumber),
        (found) => found.complaint.status === 'CLOSED',
      );
      expect(read.timeline.at(-1)).toMatchObject({
        action: 'DECIDE',
        details: expect.objectContaining({ outcome: 'UPHELD', amount: 1500, collectiveCaseId: caseId }),
      });
      expect(read.timelineVerification).toEqual({ valid: true });
    }
    await eventually(outbox, (all) =>
      [a, b, c].every((member) =>
        all.some(
          (m) =>
            m.channel === 'sms' &&
            m.to === member.phone &&
            String(m.body).includes(member.trackingNumber) &&
            String(m.body).includes('সিদ্ধান্ত'),
        ),
      ),
    );
    const after = await eventually(
      () => asRegulator('GET', `/v1/regulator/collective-cases/${caseId}`),
      (read) => (read.body.progress as { decided?: number } | undefined)?.decided === 3,
    );
    expect(after.body.progress).toMatchObject({ members: 3, decided: 3, failed: [], decidedAlone: [] });

    // Decided once; no member joins after it.
    const again = await asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/decision`, {
      outcome: 'DISMISSED',
      reasons: 'A second decision is refused.',
    });
    expect([again.status, again.body.error]).toEqual([
      409,
      expect.objectContaining({ code: 'COLLECTIVE_CASE_DECIDED' }),
    ]);
    const tooLate = await asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/members`, {
      trackingNumbers: [elsewhere.trackingNumber],
    });
    expect(tooLate.status).toBe(409);

    // Listed, all and by merchant, with the outcome.
    const listed = await asRegulator('GET', `/v1/regulator/collective-cases?merchantId=${merchantId}`);
    expect(listed.body.collectiveCases).toEqual([
      expect.objectContaining({ caseId, status: 'DECIDED', decision: expect.objectContaining({ outcome: 'UPHELD' }) }),
    ]);
    const all = await asRegulator('GET', '/v1/regulator/collective-cases?limit=100');
    expect((all.body.collectiveCases as { caseId: string }[]).map((row) => row.caseId)).toContain(caseId);
  });

  it('order a decision and a join that race: the joiner is either decided with the others or refused', async () => {
    const { merchantId, merchantKey } = await onboardMerchant('racing');
    const first = await escalatedComplaint({ merchantId }, merchantKey);
    const joiner = await escalatedComplaint({ merchantId }, merchantKey);
    const opened = await asRegulator('POST', '/v1/regulator/collective-cases', {
      merchantId,
      title: 'A decision and a join at once',
    });
    const caseId = opened.body.caseId as string;
    await asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/members`, {
      trackingNumbers: [first.trackingNumber],
    });
    const [decided, joined] = await Promise.all([
      asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/decision`, {
        outcome: 'DISMISSED',
        reasons: 'The merchant delivered every order late but in full.',
      }),
      asRegulator('POST', `/v1/regulator/collective-cases/${caseId}/members`, {
        trackingNumbers: [joiner.trackingNumber],
      }),
    ]);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const isMember = joined.status === 200 && (joined.body.added as string[]).includes(joiner.trackingNumber);
    if (!isMember)
      expect([joined.status, joined.body.refused ?? joined.body.error]).toEqual(
        joined.status === 200
          ? [200, [expect.objectContaining({ code: 'DECIDED' })]]
          : [409, expect.objectContaining({ code: 'TRANSITION_REFUSED' })],
      );
    const final = await eventually(
      () => asRegulator('GET', `/v1/regulator/collective-cases/${caseId}`),
      (read) => (read.body.progress as { decided?: number } | undefined)?.decided === (isMember ? 2 : 1),
    );
    expect(final.body.members).toBe(isMember ? 2 : 1);
    expect((await theCase(joiner.trackingNumber)).complaint.status).toBe(isMember ? 'CLOSED' : 'ESCALATED');
  });

  it('answer a case id that does not exist with 404, and odd input with 400', async () => {
    expect((await asRegulator('GET', '/v1/regulator/collective-cases/CC-0000000000')).status).toBe(404);
    expect((await asRegulator('GET', '/v1/regulator/collective-cases/not-an-id')).status).toBe(404);
    expect((await asRegulator('GET', '/v1/regulator/collective-cases?merchantId=NOT%20AN%20ID')).status).toBe(400);
    const unknownMerchant = await asRegulator('POST', '/v1/regulator/collective-cases', {
      merchantId: 'no-such-merchant',
      title: 'A merchant nobody onboarded',
    });
    expect(unknownMerchant.status).toBe(404);
    const noTitle = await asRegulator('POST', '/v1/regulator/collective-cases', { merchantId: 'demo-bazaar' });
    expect([noTitle.status, noTitle.body.error]).toEqual([
      400,
      expect.objectContaining({ fields: { title: expect.any(String) } }),
    ]);
    const opened = await asRegulator('POST', '/v1/regulator/collective-cases', {
      merchantId: 'demo-bazaar',
      title: 'Typing mistakes in tracking numbers',
    });
    const typo = await asRegulator('POST', `/v1/regulator/collective-cases/${opened.body.caseId}/members`, {
      trackingNumbers: ['7K3M9-Q2TXZ'],
    });
    expect([typo.status, typo.body.error]).toEqual([
      400,
      expect.objectContaining({ fields: { 'trackingNumbers.0': expect.any(String) } }),
    ]);
  });
});
