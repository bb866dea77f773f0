import { describe, expect, it } from 'vitest';
import {
  caseReadsPerComplaint,
  consumerDataPageSize,
  consumerDataUseCase,
  fileComplaintUseCase,
} from '../../functions/complaints/use-cases';
import { fixedClock } from '../../functions/domain/clock';
import { FreshSignInRequiredError } from '../../functions/domain/errors';
import type { CaseAccessLog, CaseRead, SecretSealer, UndeliverableMessage } from '../../functions/domain/ports';
import { filingRequest } from './fixtures';
import {
  InMemoryComplaints,
  InMemoryEvidence,
  InMemoryEvidenceFiles,
  InMemoryMerchants,
  InMemoryProfiles,
  verifiedProfiles,
  wrappingSealer,
  InMemoryMessagePreferences,
} from './in-memory';

const consumer = '+8801712345678';
const someoneElse = '+8801812345678';
/** A session opened five minutes before the clock's now (2026-05-01T08:00Z). */
const fresh = (consumerId: string) => ({ consumerId, signedInAt: '2026-05-01T07:55:00.000Z' });

const setup = async ({
  answerBytes,
  reads: readCount = 150,
  personalData = wrappingSealer,
  sellerReportCount = 1,
}: {
  answerBytes?: number;
  reads?: number;
  personalData?: SecretSealer;
  /** How many sellers they reported, newest first. */
  sellerReportCount?: number;
} = {}) => {
  const clock = fixedClock('2026-05-01T08:00:00.000Z');
  const complaints = new InMemoryComplaints();
  const preferences = new InMemoryMessagePreferences();
  const profiles = new InMemoryProfiles();
  await profiles.storeIdentity(consumer, {
    document: 'BIRTH_REGISTRATION',
    numberHash: 'keyed-hash-of-the-number',
    lastDigits: '789',
    dateOfBirth: '2010-02-03',
    guardian: { name: 'Karim Uddin', phone: '+8801912345678' },
    verifiedAt: '2026-04-30T10:00:00.000Z',
  });
  let nextByte = 0;
  const file = fileComplaintUseCase({
    complaints,
    merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
    profiles: verifiedProfiles(),
    personalData: wrappingSealer,
    clock,
    randomBytes: (size) => new Uint8Array(size).fill(nextByte++),
  });
  const mine = await file(filingRequest({ email: 'rahima@example.com' }), consumer);
  const second = await file(filingRequest({ orderRef: 'DB-2002', complainantName: 'Rahima B.' }), consumer);
  const theirs = await file(filingRequest({ orderRef: 'DB-3003', complainantName: 'Someone Else' }), someoneElse);
  const undeliverable: UndeliverableMessage[] = [
    { trackingNumber: mine.trackingNumber, seq: 1, channel: 'sms', reason: 'refused', at: '2026-05-01T08:00:05Z' },
    {
      trackingNumber: mine.trackingNumber,
      seq: 1,
      channel: 'email',
      recipient: 'merchant',
      reason: 'bounced',
      at: '2026-05-01T08:00:06Z',
    },
  ];
  const reads: CaseRead[] = Array.from({ length: readCount }, (_, index) => ({
    trackingNumber: mine.trackingNumber,
    regulatorId: `reg-${index}`,
    agency: 'DNCRP',
    at: new Date(Date.UTC(2026, 4, 2, 0, index)).toISOString(),
  }));
  // Pages of 100, as the DynamoDB adapter answers.
  const accessLog: CaseAccessLog = {
    record: async () => undefined,
    byCase: async (trackingNumber, { cursor }) => {
      const all = reads.filter((read) => read.trackingNumber === trackingNumber);
      const from = Number(cursor ?? 0);
      return {
        items: all.slice(from, from + 100),
        nextCursor: from + 100 < all.length ? String(from + 100) : undefined,
      };
    },
    byRegulator: async () => ({ items: [] }),
  };
  // Pages by limit and cursor, as the DynamoDB adapter does.
  const paged = Object.assign(Object.create(complaints) as InMemoryComplaints, {
    listByConsumer: async (consumerId: string, { limit, cursor }: { limit: number; cursor?: string }) => {
      const all = (await complaints.listByConsumer(consumerId)).items;
      const from = Number(cursor ?? 0);
      return {
        items: all.slice(from, from + limit),
        nextCursor: from + limit < all.length ? String(from + limit) : undefined,
      };
    },
  });
  // Their reports of sellers, newest first, as the adapter answers (only this consumer's: it reads their own partition).
  const sellerReports = Array.from({ length: sellerReportCount }, (_, index) => ({
    reportId: index.toString(16).padStart(32, 'a'),
    consumerId: consumer,
    sellerName: index === 0 ? 'Gadget Corner BD' : `Shop ${index}`,
    identifiers: [{ key: `FB:shop${index}`, kind: 'FACEBOOK' as const }],
    category: 'NOT_DELIVERED',
    description: 'Paid first; nothing came.',
    reportedAt: new Date(Date.UTC(2026, 3, 30, 8) - index * 60_000).toISOString(),
  }));
  const sellerReportReads: number[] = [];
  const data = consumerDataUseCase({
    complaints: paged,
    profiles,
    undeliverable: {
      record: async () => undefined,
      list: async (trackingNumber) => undeliverable.filter((message) => message.trackingNumber === trackingNumber),
    },
    accessLog,
    personalData,
    messagePreferences: preferences,
    // Their reports of sellers: only this consumer's (the adapter reads their own partition).
    sellerReports: {
      newestReportsBy: async (consumerId: string, count: number) => {
        sellerReportReads.push(count);
        const theirs = consumerId === consumer ? sellerReports : [];
        return { reports: theirs.slice(0, count), more: theirs.length > count };
      },
    },
    evidence: new InMemoryEvidence(),
    files: new InMemoryEvidenceFiles(true),
    clock,
    answerBytes,
  });
  return { data, file, mine, second, theirs, preferences, sellerReportReads };
};

describe("a consumer's download of their data", () => {
  it('holds their phone, the identity they gave, and each complaint with their name and email opened from the seals', async () => {
    const { data, mine, second, preferences } = await setup();
    const page = await data(fresh(consumer), { limit: 20 });
    expect(page.phone).toBe(consumer);
    expect(page.messagePreferences).toEqual({ stopNonEssential: false });
    // Their reports of sellers, as they wrote them (who made them is the download's own phone).
    expect('sellerReports' in page && page.sellerReports).toEqual([
      expect.objectContaining({ sellerName: 'Gadget Corner BD', description: 'Paid first; nothing came.' }),
    ]);
    expect(JSON.stringify('sellerReports' in page && page.sellerReports)).not.toContain('consumerId');
    await preferences.set(consumer, true);
    expect((await data(fresh(consumer), { limit: 20 })).messagePreferences).toEqual({ stopNonEssential: true });
    expect(page.generatedAt).toBe('2026-05-01T08:00:00.000Z');
    expect(page.identity).toEqual({
      verified: true,
      document: 'BIRTH_REGISTRATION',
      lastDigits: '789',
      dateOfBirth: '2010-02-03',
      guardian: { name: 'Karim Uddin', phone: '+8801912345678' },
      verifiedAt: '2026-04-30T10:00:00.000Z',
    });
    // The keyed hash is a lookup key, not something they gave.
    expect(JSON.stringify(page)).not.toContain('keyed-hash-of-the-number');
    expect(page.complaints.map((complaint) => complaint.trackingNumber).sort()).toEqual(
      [mine.trackingNumber, second.trackingNumber].sort(),
    );
    const first = page.complaints.find((complaint) => complaint.trackingNumber === mine.trackingNumber)!;
    expect(first.complainant).toEqual({ name: 'Rahima Begum', email: 'rahima@example.com' });
    expect(first.description).toBe('I paid in advance and the parcel never arrived.');
    expect(first.timeline.map((step) => step.action)).toEqual(['FILE']);
    const other = page.complaints.find((complaint) => complaint.trackingNumber === second.trackingNumber)!;
    expect(other.complainant).toEqual({ name: 'Rahima B.' });
    // Sealed values never leave as they are stored.
    expect(JSON.stringify(page)).not.toContain('sealed(');
  });

  it("holds nothing of another consumer's complaints", async () => {
    const { data, theirs } = await setup();
    const page = await data(fresh(consumer), { limit: 20 });
    expect(JSON.stringify(page)).not.toContain(theirs.trackingNumber);
    expect(JSON.stringify(page)).not.toContain('Someone Else');
  });

  it('lists the messages that could not reach them (not the merchant’s) and every regulator read of their case', async () => {
    const { data, mine } = await setup();
    const page = await data(fresh(consumer), { limit: 20 });
    const first = page.complaints.find((complaint) => complaint.trackingNumber === mine.trackingNumber)!;
    expect(first.undeliverableMessages).toEqual([{ seq: 1, channel: 'sms', at: '2026-05-01T08:00:05Z' }]);
    // The provider's own error text stays with the operators.
    expect(JSON.stringify(first.undeliverableMessages)).not.toContain('refused');
    // Past the log's first page of 100.
    expect(first.caseReads).toHaveLength(150);
    expect(first).not.toHaveProperty('caseReadsTruncated');
    expect(first.caseReads[149]).toEqual({ agency: 'DNCRP', regulatorId: 'reg-149', at: '2026-05-02T02:29:00.000Z' });
  });

  it('holds their latest 100 seller reports on the first page, says there are more, and reads none for later pages', async () => {
    const { data, file, sellerReportReads } = await setup({ sellerReportCount: 101 });
    for (let index = 0; index < consumerDataPageSize; index++)
      await file(filingRequest({ orderRef: `DB-REPORTS-${index}` }), consumer);
    const first = await data(fresh(consumer), { limit: 20 });
    expect('sellerReports' in first && first.sellerReports).toHaveLength(100);
    expect('sellerReports' in first && first.sellerReports?.[0]?.sellerName).toBe('Gadget Corner BD');
    expect(first).toHaveProperty('sellerReportsTruncated', true);
    const later = await data(fresh(consumer), { limit: 20, cursor: first.nextCursor });
    expect(later).not.toHaveProperty('sellerReports');
    expect(later).not.toHaveProperty('sellerReportsTruncated');
    expect(sellerReportReads).toEqual([100]);
  });

  it('says so when the consumer has verified no identity and filed nothing', async () => {
    const { data } = await setup();
    expect(await data(fresh('+8801555555555'), { limit: 20 })).toEqual({
      generatedAt: '2026-05-01T08:00:00.000Z',
      phone: '+8801555555555',
      identity: { verified: false },
      messagePreferences: { stopNonEssential: false },
      sellerReports: [],
      complaints: [],
      nextCursor: undefined,
    });
  });

  it('holds at most 20 complaints a page, whatever the limit asked, and the cursor goes on to the rest', async () => {
    const { data, file } = await setup();
    for (let index = 0; index < consumerDataPageSize; index++)
      await file(filingRequest({ orderRef: `DB-MANY-${index}` }), consumer);
    const first = await data(fresh(consumer), { limit: 100 });
    expect(first.complaints).toHaveLength(consumerDataPageSize);
    const rest = await data(fresh(consumer), { limit: 100, cursor: first.nextCursor });
    expect(rest.complaints).toHaveLength(2);
    expect(rest.nextCursor).toBeUndefined();
    const all = [...first.complaints, ...rest.complaints].map((complaint) => complaint.trackingNumber);
    expect(new Set(all).size).toBe(consumerDataPageSize + 2);
  });

  it('answers only a session opened in the last 10 minutes: one left open is sent to sign in again (403)', async () => {
    const { data } = await setup();
    const refused = await data({ consumerId: consumer, signedInAt: '2026-05-01T07:49:59.000Z' }, { limit: 20 }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(FreshSignInRequiredError);
    expect(await data({ consumerId: consumer }, { limit: 20 }).catch((error: unknown) => error)).toBeInstanceOf(
      FreshSignInRequiredError,
    );
    expect((await data({ consumerId: consumer, signedInAt: '2026-05-01T07:50:00.000Z' }, { limit: 20 })).phone).toBe(
      consumer,
    );
  });

  it('answers fewer complaints when a page would be too large, and the cursor still reaches every one once', async () => {
    const unbounded = (await setup()).data;
    const whole = Buffer.byteLength(JSON.stringify(await unbounded(fresh(consumer), { limit: 20 })));
    const first = await unbounded(fresh(consumer), { limit: 1 });
    const alone = [first, await unbounded(fresh(consumer), { limit: 1, cursor: first.nextCursor })].map((page) =>
      Buffer.byteLength(JSON.stringify(page)),
    );
    // A budget each complaint fits alone and both together do not.
    const budget = Math.max(...alone);
    expect(whole).toBeGreaterThan(budget);
    const { data, mine, second } = await setup({ answerBytes: budget });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await data(fresh(consumer), { limit: 20, cursor });
      expect(page.complaints).toHaveLength(1);
      expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThanOrEqual(budget);
      seen.push(...page.complaints.map((complaint) => String(complaint.trackingNumber)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([mine.trackingNumber, second.trackingNumber].sort());
  });

  it('opens each complaint’s seals once a request, even when a page too large is read again with fewer', async () => {
    const opened: string[] = [];
    const counting: SecretSealer = {
      seal: wrappingSealer.seal,
      open: (sealed, context) => {
        opened.push(context);
        return wrappingSealer.open(sealed, context);
      },
    };
    const unbounded = await setup({ personalData: counting });
    const whole = await unbounded.data(fresh(consumer), { limit: 20 });
    const once = opened.splice(0).sort();
    const first = await unbounded.data(fresh(consumer), { limit: 1 });
    opened.length = 0;
    // Both complaints are read for the first page, which holds one: the one kept is not opened again.
    const { data } = await setup({
      personalData: counting,
      answerBytes: Buffer.byteLength(JSON.stringify(first)),
    });
    opened.length = 0;
    const page = await data(fresh(consumer), { limit: 20 });
    expect(page.complaints).toHaveLength(1);
    expect(whole.complaints).toHaveLength(2);
    expect(opened.sort()).toEqual(once);
  });

  it('holds the latest 1,000 regulator reads of a case and says there were more', async () => {
    const { data, mine } = await setup({ reads: caseReadsPerComplaint + 1 });
    const page = await data(fresh(consumer), { limit: 20 });
    const first = page.complaints.find((complaint) => complaint.trackingNumber === mine.trackingNumber)!;
    expect(first.caseReads).toHaveLength(caseReadsPerComplaint);
    expect(first.caseReadsTruncated).toBe(true);
  });
});
