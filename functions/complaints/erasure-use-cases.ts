/**
 * Erasure: a consumer's request to erase what is kept about them (their right to erasure), and the
 * end of a closed complaint's retention. Both erase complaints one at a time the same way
 * (functions/domain/erasure.ts); only closed ones, since an open complaint still needs its parties.
 */
import type { Clock } from '../domain/clock';
import { caseRecordRenderingFolder } from '../domain/case-record';
import type { Complaint } from '../domain/complaint';
import {
  erasedAttachment,
  erasedConsumerId,
  erasedNotes,
  eraseComplaint,
  isClosedForGood,
  monthsUpTo,
  pseudonymInput,
  recordedVersions,
  requireFreshSignIn,
} from '../domain/erasure';
import { ConcurrentChangeError, OpenComplaintsError } from '../domain/errors';
import { evidenceFolder } from '../domain/evidence';
import type {
  CaseRecordIndex,
  ComplaintRepository,
  ConsumerProfiles,
  ErasableFiles,
  ErasureReason,
  ErasureRecords,
  EvidenceStore,
  KeyedHasher,
} from '../domain/ports';

export interface ErasureDependencies {
  complaints: ComplaintRepository;
  evidence: EvidenceStore;
  /** The evidence bucket: the complaint's files and its case records' printable renderings. */
  files: ErasableFiles;
  caseRecords: CaseRecordIndex;
  records: ErasureRecords;
  /** The keyed hash a consumer's pseudonym is made with (the identity hash key, GenerateMac only). */
  hasher: KeyedHasher;
  clock: Clock;
}

/**
 * Consumers' pseudonyms: a keyed hash of their phone, so it cannot be reversed without the key.
 * Each is asked of KMS once per run (a request, or a retention run), however many complaints share it.
 */
const pseudonyms = (hasher: KeyedHasher) => {
  const known = new Map<string, Promise<string>>();
  return (consumerId: string): Promise<string> => {
    if (consumerId.startsWith(erasedConsumerId(''))) return Promise.resolve(consumerId);
    let pseudonym = known.get(consumerId);
    if (!pseudonym) {
      pseudonym = hasher.hash(pseudonymInput(consumerId)).then(erasedConsumerId);
      // A failed hash is not kept: the next complaint asks again.
      pseudonym.catch(() => known.delete(consumerId));
      known.set(consumerId, pseudonym);
    }
    return pseudonym;
  };
};

/** WAITING: closed, but a case record of it is still being issued (seconds, or until an operator mends a failed issue). */
export type ComplaintErasure = 'ERASED' | 'ALREADY_ERASED' | 'OPEN' | 'WAITING' | 'MISSING';

/**
 * Erases one closed complaint: its uploads still pending are expired (a file that lands later is
 * deleted on arrival), then its files (every version) and its records' printable renderings go,
 * its evidence records' names, its records' kept texts, its undeliverable messages and email
 * confirmation, then its notes and the complaint itself (its phone replaced by the pseudonym), and
 * it is logged. The complaint is marked last, so an erasure cut short is finished by the next.
 */
export const eraseComplaintUseCase =
  (deps: ErasureDependencies, pseudonymOf = pseudonyms(deps.hasher)) =>
  async (trackingNumber: string, reason: ErasureReason): Promise<ComplaintErasure> => {
    const found = await deps.complaints.getWithTimeline(trackingNumber);
    if (!found) return 'MISSING';
    const { complaint, timeline } = found;
    if (complaint.erasedAt) return 'ALREADY_ERASED';
    if (!isClosedForGood(complaint)) return 'OPEN';
    const [attachments, records] = await Promise.all([
      deps.evidence.list(trackingNumber),
      deps.caseRecords.list(trackingNumber),
    ]);
    const issued = new Set(records.map((record) => record.version));
    if (!recordedVersions(timeline).every((version) => issued.has(version))) return 'WAITING';
    const at = deps.clock.now();
    const pseudonym = await pseudonymOf(complaint.consumerId);
    for (const pending of attachments.filter((file) => file.status === 'PENDING'))
      await deps.evidence.expire(pending, at);
    await deps.files.eraseAll(evidenceFolder(trackingNumber));
    await deps.files.eraseAll(caseRecordRenderingFolder(trackingNumber));
    for (const attachment of attachments.filter((file) => !file.erasedAt))
      await deps.evidence.erase(erasedAttachment(attachment, at));
    for (const record of records.filter((kept) => !kept.erasedAt))
      await deps.caseRecords.eraseTexts(trackingNumber, record.version, at.toISOString());
    await deps.records.deleteComplaintTraces(trackingNumber);
    await deps.records.expireReads(trackingNumber, at.toISOString());
    try {
      await deps.complaints.saveErased(complaint, eraseComplaint(complaint, at, pseudonym), erasedNotes(timeline, at));
    } catch (error) {
      // Erased meanwhile by another request (the consumer's, or the retention job's): done.
      if (error instanceof ConcurrentChangeError && (await deps.complaints.get(trackingNumber))?.erasedAt)
        return 'ALREADY_ERASED';
      throw error;
    }
    await deps.records.log({ kind: 'COMPLAINT', trackingNumber, at: at.toISOString(), reason, consumer: pseudonym });
    return 'ERASED';
  };

/** How many of a consumer's complaints one request looks at: the rest (if any) on the next. */
const complaintsPerRequest = 1_000;

/**
 * A consumer's request to erase their data, from a session opened in the last 10 minutes. Refused
 * (409 OPEN_COMPLAINTS, naming them) while any of their complaints is open: it still needs them.
 * Otherwise each complaint is erased while `keepGoing` says there is time; the answer says how many
 * were erased and whether any remain (IN_PROGRESS: ask again). When none remain, their verified
 * identity goes too (DONE). Each request that erased something is logged under the pseudonym.
 */
export const consumerErasureUseCase =
  (
    deps: ErasureDependencies & {
      profiles: ConsumerProfiles;
      /** Erases their reports of sellers not on CCMS (functions/unlisted) while there is time: how many, and whether any remain. */
      eraseReports: (consumerId: string, keepGoing: () => boolean) => Promise<{ erased: number; remaining: boolean }>;
    },
  ) =>
  async (session: { consumerId: string; signedInAt?: string }, keepGoing: () => boolean) => {
    const { consumerId } = session;
    requireFreshSignIn(session, deps.clock.now(), 'erase your data');
    const theirs: Complaint[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.complaints.listByConsumer(consumerId, { limit: 100, cursor });
      theirs.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && theirs.length < complaintsPerRequest);
    const open = theirs.filter((complaint) => !isClosedForGood(complaint));
    if (open.length > 0) throw openComplaints(open);
    const pseudonymOf = pseudonyms(deps.hasher);
    const erase = eraseComplaintUseCase(deps, pseudonymOf);
    // Asked first (once for the request): a request that erases the identity can always log itself.
    const pseudonym = await pseudonymOf(consumerId);
    let erased = 0;
    let handled = 0;
    for (const { trackingNumber } of theirs) {
      if (!keepGoing()) break;
      handled += 1;
      const outcome = await erase(trackingNumber, 'CONSUMER_REQUEST');
      if (outcome === 'OPEN' || outcome === 'WAITING') {
        // Changed since the index was read, or its case record is still being issued.
        const now = await deps.complaints.get(trackingNumber);
        throw openComplaints(now ? [now] : []);
      }
      if (outcome === 'ERASED') erased += 1;
    }
    // The index may still list a complaint just erased for a moment: the next request skips it.
    const complaintsRemain = handled < theirs.length || cursor !== undefined;
    // Their reports of sellers go after the last of their complaints, before the identity that let them report.
    const reportsErased = complaintsRemain
      ? { erased: 0, remaining: true }
      : await deps.eraseReports(consumerId, keepGoing);
    const remaining = complaintsRemain || reportsErased.remaining;
    const reports = reportsErased.erased;
    const at = deps.clock.now().toISOString();
    const identityItems = remaining ? 0 : await deps.profiles.erase(consumerId);
    // Logged when it erased something: asking again and again adds nothing to the log.
    if (erased > 0 || identityItems > 0 || reports > 0)
      await deps.records.log({ kind: 'CONSUMER', consumer: pseudonym, at, complaints: erased });
    return {
      status: remaining ? ('IN_PROGRESS' as const) : ('DONE' as const),
      erasedComplaints: erased,
      erasedSellerReports: reports,
    };
  };

const openComplaints = (open: Pick<Complaint, 'trackingNumber' | 'status'>[]) =>
  new OpenComplaintsError(
    `${open.length} of your complaints ${open.length === 1 ? 'is' : 'are'} still open. Withdraw ${
      open.length === 1 ? 'it' : 'them'
    } or wait until ${open.length === 1 ? 'it is' : 'they are'} closed, then ask again.`,
    { complaints: open.map(({ trackingNumber, status }) => ({ trackingNumber, status })) },
  );

/** How many months back the retention job looks for complaints it has not erased yet (a job stopped for longer leaves older ones). */
export const retentionLookBackMonths = 24;
/** Complaints one run reads per month partition: the next run takes the rest. */
const duePerMonth = 100;

/**
 * The end of retention: erases the complaints closed for good more than `retentionDays` ago
 * (reason RETENTION), oldest month first, while `keepGoing` says there is time; an operator's run
 * may name the complaints to consider. Answers what it erased and whether any due were left.
 */
export const eraseExpiredComplaintsUseCase =
  (deps: ErasureDependencies & { retentionDays: number }) =>
  async (keepGoing: () => boolean, only?: readonly string[]) => {
    const cutoff = new Date(deps.clock.now().getTime() - deps.retentionDays * 86_400_000);
    const erase = eraseComplaintUseCase(deps);
    const erased: string[] = [];
    const failed: { trackingNumber: string; error: string }[] = [];
    let left = false;
    for (const month of monthsUpTo(cutoff, retentionLookBackMonths).reverse()) {
      const due = await deps.complaints.closedBefore(month, cutoff.toISOString(), duePerMonth);
      if (due.length === duePerMonth) left = true;
      for (const trackingNumber of due.filter((tn) => only === undefined || only.includes(tn))) {
        if (!keepGoing()) return { erased, left: true, failed };
        try {
          if ((await erase(trackingNumber, 'RETENTION')) === 'ERASED') erased.push(trackingNumber);
        } catch (error) {
          // One complaint that cannot be erased now (a busy service) does not stop the others: the next run tries it again.
          failed.push({ trackingNumber, error: (error as Error).name });
          left = true;
        }
      }
    }
    return { erased, left, failed };
  };
