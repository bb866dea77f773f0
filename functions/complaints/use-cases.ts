/** What consumers and the public do with complaints, written against the ports only. */
import { categoryConfig, offeredCategories } from '../domain/categories';
import {
  contactChannels,
  fileComplaint,
  paymentMethods,
  remedies,
  type Complaint,
  type FileComplaintRequest,
  type PrecheckRequest,
} from '../domain/complaint';
import type { Clock } from '../domain/clock';
import { districtConfig } from '../domain/districts';
import { RefusedError, IdentityRequiredError, NotFoundError } from '../domain/errors';
import { duplicateRefusal, filingRefusals, type FilingRefusal } from '../domain/filing-rules';
import {
  DuplicateTrackingNumberError,
  OrderHasOpenComplaintError,
  type CaseAccessLog,
  type CaseRead,
  type ComplaintRepository,
  type ConsumerProfiles,
  type EvidenceFiles,
  type EvidenceStore,
  type MerchantDirectory,
  type MessagePreferences,
  type PageRequest,
  type SecretSealer,
  type UndeliverableMessage,
  type UndeliverableMessages,
  type UnlistedSellers,
} from '../domain/ports';
import { attachmentsOf, privateActions } from '../domain/conversation';
import { awaitingMerchantStatuses, deadlinePaused } from '../domain/lifecycle';
import { maskPhone } from '../domain/phone';
import { verifyTimeline, type TimelineEntry } from '../domain/timeline';
import { newTrackingNumber } from '../domain/tracking-number';
import { attachmentsForViewer, verifyEvidence } from '../evidence/use-cases';
import { allowedActions, consumerActions, merchantActions } from './actions';
import { caseRecordsOf, type CaseRecordSources } from '../regulator/case-record-use-cases';
import { consumerEmailOf } from '../domain/complaint';
import { requireFreshSignIn } from '../domain/erasure';
import { identitySummary } from '../identity/use-cases';

export interface FilingDependencies {
  complaints: ComplaintRepository;
  merchants: MerchantDirectory;
  profiles: ConsumerProfiles;
  /** Seals the complainant's name with the personal-data key, bound to the tracking number. */
  personalData: SecretSealer;
  clock: Clock;
  randomBytes: (size: number) => Uint8Array;
}

/** Tracking numbers are random; a collision is astronomically rare but must not lose the filing. */
const maxNumberAttempts = 3;

const refused = (refusal: FilingRefusal) => new RefusedError(refusal.code, refusal.message, refusal.details);

/** What the pre-checks read besides the request: the merchant and the order's open complaint. */
const precheckFacts = (deps: Pick<FilingDependencies, 'complaints' | 'merchants'>, request: PrecheckRequest) =>
  Promise.all([
    deps.merchants.get(request.merchantId),
    deps.complaints.openComplaintForOrder(request.merchantId, request.orderRef),
  ]);

/** The pre-checks alone, all of them at once, so a form can explain before the consumer submits. */
export const precheckUseCase =
  (deps: Pick<FilingDependencies, 'complaints' | 'merchants' | 'clock'>) =>
  async (request: PrecheckRequest, consumerId: string) => {
    const [merchant, openComplaint] = await precheckFacts(deps, request);
    const refusals = filingRefusals({ request, merchant, consumerId, openComplaint, at: deps.clock.now() });
    return { acceptable: refusals.length === 0, refusals };
  };

export const fileComplaintUseCase =
  (deps: FilingDependencies) =>
  async (request: FileComplaintRequest, consumerId: string): Promise<Complaint> => {
    const [profile, [merchant, openComplaint]] = await Promise.all([
      deps.profiles.get(consumerId),
      precheckFacts(deps, request),
    ]);
    if (!profile?.identity) {
      throw new IdentityRequiredError(
        'Verify your identity once (NID, or birth registration if under 18) before filing a complaint.',
      );
    }
    const at = deps.clock.now();
    const [refusal] = filingRefusals({ request, merchant, consumerId, openComplaint, at });
    if (refusal) throw refused(refusal);
    for (let attempt = 1; ; attempt++) {
      const trackingNumber = newTrackingNumber(deps.randomBytes(9));
      const change = fileComplaint({
        request,
        consumerId,
        trackingNumber,
        complainantNameSealed: await deps.personalData.seal(request.complainantName, trackingNumber),
        ...(request.email && { consumerEmailSealed: await deps.personalData.seal(request.email, trackingNumber) }),
        at,
      });
      try {
        await deps.complaints.create(change);
      } catch (error) {
        if (error instanceof DuplicateTrackingNumberError && attempt < maxNumberAttempts) continue;
        // Another filing for the same order won the race since the pre-checks read.
        if (error instanceof OrderHasOpenComplaintError) throw refused(duplicateRefusal(error.open, consumerId));
        throw error;
      }
      // The stored complaint carries its first timer; the stream of changes starts its workflow.
      return change.complaint;
    }
  };

/** One step as anyone may see it: who acted, what step, when. No free text, which can carry personal data. */
const publicStep = ({ seq, at, actor, action, fromStatus, toStatus }: TimelineEntry) => ({
  seq,
  at,
  actor,
  action,
  fromStatus,
  toStatus,
});

/** The steps of a timeline as anyone may see them: the conversation's steps left out. */
const publicSteps = (timeline: TimelineEntry[]) =>
  timeline.filter((entry) => !privateActions.includes(entry.action)).map(publicStep);

/** The steps as the parties to the complaint see them: with the notes and messages they wrote each other and the files each message names, without the chain's hashes. */
const partySteps = (timeline: TimelineEntry[]) =>
  timeline.map((entry) => {
    const attachments = attachmentsOf(entry.details);
    return {
      ...publicStep(entry),
      note: entry.note,
      noteErasedAt: entry.noteErasedAt,
      ...(attachments.length > 0 && { attachments }),
    };
  });

/**
 * The public view of a complaint, for anyone holding its tracking number: status, dates, merchant,
 * category and step names only (the escalation's reason is a code).
 */
export const publicComplaintView = (complaint: Complaint, timeline: TimelineEntry[]) => ({
  trackingNumber: complaint.trackingNumber,
  status: complaint.status,
  merchantId: complaint.merchantId,
  category: complaint.category,
  filedAt: complaint.filedAt,
  deadlines: {
    merchantResponse: complaint.merchantDeadline,
    ...(deadlinePaused(complaint) &&
      awaitingMerchantStatuses.includes(complaint.status) && {
        merchantResponsePausedUntil: complaint.informationRequest!.answerBy,
      }),
    acknowledgementReminder: complaint.acknowledgementReminderAt,
    autoSettlement: complaint.autoSettleAt,
    reopenWindowEnds: complaint.reopenWindowEndsAt,
  },
  // The reason is one of two codes, never free text.
  escalation: complaint.escalatedAt ? { at: complaint.escalatedAt, reason: complaint.escalationReason } : undefined,
  timeline: publicSteps(timeline),
});

export const getComplaintUseCase = (complaints: ComplaintRepository) => async (trackingNumber: string) => {
  const found = await complaints.getWithTimeline(trackingNumber);
  if (!found) throw new NotFoundError(`No complaint has the tracking number ${trackingNumber}.`);
  return publicComplaintView(found.complaint, found.timeline);
};

/** The complainant's name, opened from its seal (complaints filed before names were asked have none). */
const complainantName = (personalData: SecretSealer, complaint: Complaint) =>
  complaint.complainantNameSealed
    ? personalData.open(complaint.complainantNameSealed, complaint.trackingNumber)
    : Promise.resolve(undefined);

type Audience = 'consumer' | 'merchant' | 'regulator';
const everyone = ['consumer', 'merchant', 'regulator'] as const;
const nobody = [] as const;

/**
 * Who sees each field of a stored complaint, by name. Every field is listed (the type checks it),
 * so a field added to Complaint reaches no view until someone decides who may see it. The
 * merchant sees the consumer's phone only masked and their name only in a single case (see
 * merchantComplaintView); the store's own fields (the chain's head, the sealed name) go to nobody.
 */
export const complaintFieldAudiences = {
  trackingNumber: everyone,
  merchantId: everyone,
  consumerId: ['consumer', 'regulator'],
  category: everyone,
  description: everyone,
  orderRef: everyone,
  orderDate: everyone,
  problemDate: everyone,
  amount: everyone,
  paymentMethod: everyone,
  deliveryDistrict: everyone,
  priorContact: everyone,
  remedySought: everyone,
  complainantNameSealed: nobody,
  consentedAt: everyone,
  language: everyone,
  consumerEmailSealed: nobody,
  // Old complaints' address in the clear: the regulator's view opens the sealed one (complainant.email).
  consumerEmail: nobody,
  filedAt: everyone,
  timelineSeq: nobody,
  timelineHead: nobody,
  timer: everyone,
  lastTimerSeq: nobody,
  lastAction: everyone,
  lastActionAt: everyone,
  rating: everyone,
  resolution: everyone,
  hearings: everyone,
  decision: everyone,
  status: everyone,
  merchantResponseDays: everyone,
  merchantDeadline: everyone,
  acknowledgementReminderAt: everyone,
  autoSettleAt: everyone,
  settledAt: everyone,
  reopenWindowEndsAt: everyone,
  escalatedAt: everyone,
  escalationReason: everyone,
  closedAt: everyone,
  reopenCount: everyone,
  compliance: everyone,
  firstResponseAt: everyone,
  firstResponseInTime: everyone,
  settledKind: everyone,
  firstSettledAt: everyone,
  survey: everyone,
  informationRequest: everyone,
  conversation: ['consumer', 'merchant', 'regulator'],
  erasedAt: everyone,
} as const satisfies { [Field in keyof Required<Complaint>]: readonly Audience[] };

/** The fields of a complaint `audience` may see, and nothing else. */
export const complaintFor = (audience: Audience, complaint: Complaint) =>
  Object.fromEntries(
    Object.entries(complaint).filter(([field]) =>
      ((complaintFieldAudiences as Record<string, readonly Audience[]>)[field] ?? nobody).includes(audience),
    ),
  ) as Partial<Complaint>;

/** What the merchant sees of its own complaint: the details it must act on, the consumer's name (in a single case) and phone masked. */
export const merchantComplaintView = (complaint: Complaint, name?: string) => ({
  ...complaintFor('merchant', complaint),
  consumer: { phone: maskPhone(complaint.consumerId), ...(name !== undefined && { name }) },
});

/** The sealed timeline as a regulator reads it: every entry with its hashes, without the salts of the notes' commitments. */
const regulatorSteps = (timeline: TimelineEntry[]) => timeline.map(({ noteSalt: _salt, ...entry }) => entry);

/** A regulator's case: everything, with the complainant's identity, the timeline, whether its hash chain holds, and the messages that could not be delivered. */
export const regulatorCaseView = (
  complaint: Complaint,
  timeline: TimelineEntry[],
  undeliverableMessages: UndeliverableMessage[] = [],
  name?: string,
  email?: string,
) => ({
  complaint: complaintFor('regulator', complaint),
  complainant: {
    phone: complaint.consumerId,
    ...(name !== undefined && { name }),
    ...(email !== undefined && { email }),
  },
  timeline: regulatorSteps(timeline),
  timelineVerification: verifyTimeline(complaint.trackingNumber, timeline),
  undeliverableMessages,
});

/** A merchant's complaints in one status. Lists carry no names: a name is opened only for the one case a merchant reads. */
export const merchantComplaintListUseCase =
  (complaints: ComplaintRepository) => async (merchantId: string, status: string, page: PageRequest) => {
    const found = await complaints.listByMerchant(merchantId, status, page);
    return {
      complaints: found.items.map((complaint) => merchantComplaintView(complaint)),
      nextCursor: found.nextCursor,
    };
  };

/** One of a merchant's complaints; another merchant's complaint gets the same 404 as none at all. */
/** Where a case's evidence comes from: the records and the files. */
interface EvidenceSources {
  evidence: EvidenceStore;
  files: EvidenceFiles;
}

export const merchantComplaintUseCase =
  (deps: { complaints: ComplaintRepository; personalData: SecretSealer; clock: Clock } & EvidenceSources) =>
  async (merchantId: string, trackingNumber: string) => {
    const found = await deps.complaints.getWithTimeline(trackingNumber);
    if (!found || found.complaint.merchantId !== merchantId)
      throw new NotFoundError(`You have no complaint with the tracking number ${trackingNumber}.`);
    const [name, attachments] = await Promise.all([
      complainantName(deps.personalData, found.complaint),
      deps.evidence.list(trackingNumber),
    ]);
    const now = deps.clock.now();
    return {
      ...merchantComplaintView(found.complaint, name),
      timeline: partySteps(found.timeline),
      attachments: await attachmentsForViewer(deps.files, attachments, 'merchant'),
      actions: allowedActions(merchantActions, found.complaint, 'merchant', now),
    };
  };

/**
 * A regulator reads escalated cases only (a complaint never escalated answers like none at all),
 * and every read of a case's personal data is in the access log before the data is answered.
 */
export const regulatorCaseUseCase =
  (
    deps: {
      complaints: ComplaintRepository;
      accessLog: CaseAccessLog;
      undeliverable: UndeliverableMessages;
      personalData: SecretSealer;
      clock: Clock;
      records: CaseRecordSources;
    } & EvidenceSources,
  ) =>
  async (regulator: { regulatorId: string; agency: string }, trackingNumber: string) => {
    const found = await deps.complaints.getWithTimeline(trackingNumber);
    if (!found?.complaint.escalatedAt)
      throw new NotFoundError(`No escalated case has the tracking number ${trackingNumber}.`);
    await deps.accessLog.record({
      trackingNumber,
      regulatorId: regulator.regulatorId,
      agency: regulator.agency,
      at: deps.clock.now().toISOString(),
    });
    const [undeliverable, name, email, attachments] = await Promise.all([
      deps.undeliverable.list(trackingNumber),
      complainantName(deps.personalData, found.complaint),
      consumerEmailOf(deps.personalData, found.complaint),
      deps.evidence.list(trackingNumber),
    ]);
    const [viewed, evidenceVerification, caseRecords] = await Promise.all([
      attachmentsForViewer(deps.files, attachments, 'regulator'),
      verifyEvidence(deps.files, attachments, found.complaint),
      caseRecordsOf(deps.records, { ...found, attachments }),
    ]);
    return {
      ...regulatorCaseView(found.complaint, found.timeline, undeliverable, name, email),
      attachments: viewed,
      evidenceVerification,
      caseRecords,
    };
  };

/**
 * One of the consumer's own complaints, as they need it to answer the merchant: the proposal, the
 * notes both parties wrote, the evidence with each check's result, and the actions the rules allow
 * them now (by name, as in the action routes). Someone else's complaint answers like none at all.
 */
export const consumerComplaintUseCase =
  (deps: { complaints: ComplaintRepository; clock: Clock } & EvidenceSources) =>
  async (consumerId: string, trackingNumber: string) => {
    const found = await deps.complaints.getWithTimeline(trackingNumber);
    if (!found || found.complaint.consumerId !== consumerId)
      throw new NotFoundError(`You have no complaint with the tracking number ${trackingNumber}.`);
    const now = deps.clock.now();
    return {
      ...complaintFor('consumer', found.complaint),
      timeline: partySteps(found.timeline),
      attachments: await attachmentsForViewer(deps.files, await deps.evidence.list(trackingNumber), 'consumer'),
      actions: allowedActions(consumerActions, found.complaint, 'consumer', now),
    };
  };

export const consumerComplaintsUseCase =
  (complaints: ComplaintRepository) => async (consumerId: string, page: PageRequest) => {
    const found = await complaints.listByConsumer(consumerId, page);
    return {
      complaints: found.items.map((complaint) => complaintFor('consumer', complaint)),
      nextCursor: found.nextCursor,
    };
  };

/** How many regulators' reads of one case a download holds at most (newest first): in practice far fewer. */
export const caseReadsPerComplaint = 1_000;
/** Complaints per page of a download, whatever the limit asked: each costs two KMS decrypts and five reads. */
export const consumerDataPageSize = 20;
/** A page's answer stays below this, well within Lambda's 6 MB: a fuller page is answered with fewer complaints. */
export const consumerDataAnswerBytes = 4_000_000;

/**
 * Everything the platform keeps about a consumer, for them to download (their right of access):
 * their phone, the identity they verified (without the number's keyed hash, which is only a
 * lookup key), and a page of their complaints, each with their name and email opened from their
 * seals, the notes of both parties, the evidence, the messages that could not be delivered to them
 * and which regulators read the case, when. Only for a session opened in the last 10 minutes. A
 * page holds at most consumerDataPageSize complaints and fewer when their answer would pass
 * consumerDataAnswerBytes, so it stays within Lambda's 6 MB and one request's KMS decrypts bounded.
 */
/** Reports of sellers the download holds (on its first page): at 2,000 characters each, well within a page. */
export const sellerReportsInDownload = 100;

export const consumerDataUseCase =
  (
    deps: {
      complaints: ComplaintRepository;
      profiles: ConsumerProfiles;
      undeliverable: UndeliverableMessages;
      accessLog: CaseAccessLog;
      personalData: SecretSealer;
      /** Whether they stopped news that can wait: a choice kept about them, so in the download too. */
      messagePreferences: Pick<MessagePreferences, 'stopsNonEssential'>;
      /** Their reports of sellers not on CCMS (functions/unlisted), at most 5 a day for the retention. */
      sellerReports: Pick<UnlistedSellers, 'newestReportsBy'>;
      clock: Clock;
      /** Defaults to consumerDataAnswerBytes (tests pass less). */
      answerBytes?: number;
    } & EvidenceSources,
  ) =>
  async (session: { consumerId: string; signedInAt?: string }, page: PageRequest) => {
    const { consumerId } = session;
    const now = deps.clock.now();
    requireFreshSignIn(session, now, 'download your data');
    const complaintData = async (trackingNumber: string) => {
      const stored = await deps.complaints.getWithTimeline(trackingNumber);
      if (!stored || stored.complaint.consumerId !== consumerId) return undefined;
      const { complaint, timeline } = stored;
      const [name, email, attachments, undeliverable, reads] = await Promise.all([
        complainantName(deps.personalData, complaint),
        consumerEmailOf(deps.personalData, complaint),
        deps.evidence.list(trackingNumber),
        deps.undeliverable.list(trackingNumber),
        caseReadsOf(deps.accessLog, trackingNumber),
      ]);
      return {
        ...complaintFor('consumer', complaint),
        complainant: { ...(name !== undefined && { name }), ...(email !== undefined && { email }) },
        timeline: partySteps(timeline),
        attachments: await attachmentsForViewer(deps.files, attachments, 'consumer'),
        // What failed and when; the provider's own error text stays with the operators.
        undeliverableMessages: undeliverable
          .filter((message) => (message.recipient ?? 'consumer') === 'consumer')
          .map(({ seq, channel, at }) => ({ seq, channel, at })),
        caseReads: reads.items.map(({ agency, regulatorId, at }) => ({ agency, regulatorId, at })),
        ...(reads.more && { caseReadsTruncated: true }),
      };
    };
    // Their reports of sellers, on the first page only: the latest 100 (a page stays within Lambda's answer).
    const [profile, stopNonEssential, sellerReports] = await Promise.all([
      deps.profiles.get(consumerId),
      deps.messagePreferences.stopsNonEssential(consumerId),
      page.cursor ? undefined : deps.sellerReports.newestReportsBy(consumerId, sellerReportsInDownload),
    ]);
    const head = {
      generatedAt: now.toISOString(),
      phone: consumerId,
      identity: identitySummary(profile ?? { consumerId }, { full: true }),
      messagePreferences: { stopNonEssential },
    };
    const reportsPart = sellerReports && {
      sellerReports: sellerReports.reports.map(({ consumerId: _them, ...report }) => report),
      ...(sellerReports.more && { sellerReportsTruncated: true as const }),
    };
    // A page that would be too large is read again with half as many complaints, from the same
    // cursor: the first ones again, so what was already gathered of them (decrypted) is kept.
    const gathered = new Map<string, ReturnType<typeof complaintData>>();
    const gather = (trackingNumber: string) => {
      if (!gathered.has(trackingNumber)) gathered.set(trackingNumber, complaintData(trackingNumber));
      return gathered.get(trackingNumber)!;
    };
    for (let limit = Math.min(page.limit, consumerDataPageSize); ; limit = Math.ceil(limit / 2)) {
      const found = await deps.complaints.listByConsumer(consumerId, { ...page, limit });
      const complaints = (await Promise.all(found.items.map(({ trackingNumber }) => gather(trackingNumber)))).filter(
        (complaint) => complaint !== undefined,
      );
      const answer = { ...head, ...reportsPart, complaints, nextCursor: found.nextCursor };
      if (limit === 1 || Buffer.byteLength(JSON.stringify(answer)) <= (deps.answerBytes ?? consumerDataAnswerBytes))
        return answer;
    }
  };

/** The regulator reads of a case, newest first, up to caseReadsPerComplaint; `more` when there are others. */
const caseReadsOf = async (accessLog: CaseAccessLog, trackingNumber: string) => {
  const items: CaseRead[] = [];
  let cursor: string | undefined;
  do {
    const found = await accessLog.byCase(trackingNumber, { limit: 100, cursor });
    items.push(...found.items);
    cursor = found.nextCursor;
  } while (cursor && items.length < caseReadsPerComplaint);
  return {
    items: items.slice(0, caseReadsPerComplaint),
    more: cursor !== undefined || items.length > caseReadsPerComplaint,
  };
};

/** What a filing form needs to know: the categories (labels, help, deadlines, filing rules), the districts and the choices of the form. */
export const categoriesUseCase = () => () => ({
  filingWindowDays: categoryConfig.filingWindowDays,
  deliveryWindowDays: categoryConfig.deliveryWindowDays,
  categories: offeredCategories.map(({ id, label, help, merchantDeadlineDays, rules }) => ({
    id,
    label,
    help,
    merchantDeadlineDays,
    rules,
  })),
  divisions: districtConfig.divisions,
  districts: districtConfig.districts,
  paymentMethods,
  contactChannels,
  remedies,
});
