/**
 * The API contract: for each route of functions/catalog.ts, the zod schemas of what it takes (the
 * very schemas its handler parses with) and of what it answers. functions/openapi/document.ts turns
 * them into the OpenAPI 3.1 document served at GET /v1/openapi.json; the integration tests check
 * every response they receive against that document, so neither can drift from the API.
 */
import { smsDeliveryReport } from '../sms/report-use-case';
import * as z from 'zod';
import {
  consumerActions,
  merchantActions,
  type ConsumerActionName,
  type MerchantActionName,
} from '../complaints/actions';
import { alertFigures } from '../domain/alerts';
import {
  addMembersRequest,
  collectiveStatuses,
  createCollectiveCaseRequest,
  maxMembers,
  maxMembersPerRequest,
} from '../domain/collective-cases';
import { caseSearchQuery, caseStatuses } from '../domain/case-search';
import { exportStatuses } from '../domain/exports';
import { decisionOutcomes, decisionRequest, hearingModes, hearingRequest } from '../domain/decisions';
import {
  contactChannels,
  fileComplaintRequest,
  languages,
  paymentMethods,
  precheckRequest,
  remedies,
} from '../domain/complaint';
import { emailConfirmationRequest } from '../domain/email-confirmation';
import { messagePreferenceRequest } from '../domain/messages';
import { oneTapActions, oneTapPurposes, oneTapRequest, type OneTapPurpose } from '../domain/one-tap';
import { evidenceTypeNames, uploadRequest } from '../domain/evidence';
import { identityRequest } from '../domain/identity';
import { complaintStatuses } from '../domain/lifecycle';
import { grievanceOfficer, merchantIdPattern, merchantOnboarding, regulatorRegistration } from '../domain/merchant';
import { monthPattern, orderCountRequest, reportableMonths } from '../domain/order-counts';
import {
  identifierKinds,
  onboardingRequest,
  onboardingStatuses,
  reportIdPattern,
  sellerIdPattern,
  unlistedSellerLimits,
  unlistedSellerReportRequest,
} from '../domain/unlisted-sellers';
import { otpRequest, otpVerification } from '../domain/otp';
import { timerPurposes } from '../domain/timers';
import { webhookRegistration } from '../domain/webhooks';

const instant = z.iso.datetime({ offset: true }).describe('An instant, ISO 8601 (UTC)');
const day = z.iso.date().describe('A calendar day, YYYY-MM-DD (Asia/Dhaka)');
/** A calendar day in Dhaka, some days from when the document is made: examples never go stale. */
const exampleDay = (daysFromNow: number) =>
  new Date(Date.now() + 6 * 3_600_000 + daysFromNow * 86_400_000).toISOString().slice(0, 10);
const trackingNumber = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/)
  .describe('A tracking number, XXXXX-XXXXX (Crockford base 32, the last symbol a check symbol)');
const status = z.enum(complaintStatuses);
const bilingual = z.strictObject({ bn: z.string(), en: z.string() });
const nextCursor = z.string().optional().describe('Pass as `cursor` for the next page; absent on the last page');

export const errorResponse = z
  .strictObject({
    error: z.strictObject({
      code: z
        .string()
        .describe(
          'Stable, for programs: INVALID_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, TRANSITION_REFUSED, a refusal code...',
        ),
      message: z.string().describe('For people: what is wrong and what to do'),
      fields: z.record(z.string(), z.string()).optional().describe('400: one message per invalid field, by its path'),
      details: z.record(z.string(), z.unknown()).optional().describe('422: what a form needs to explain a refusal'),
      currentStatus: z.string().optional().describe('409 TRANSITION_REFUSED: the status the complaint is in'),
    }),
  })
  .meta({
    examples: [
      {
        error: {
          code: 'INVALID_REQUEST',
          message: 'Some fields are missing or invalid.',
          fields: { orderDate: 'use the form YYYY-MM-DD' },
        },
      },
    ],
  });

const deadlines = z.strictObject({
  merchantResponse: instant.optional(),
  merchantResponsePausedUntil: instant
    .optional()
    .describe(
      'While the merchant waits for the consumer’s answer to its request for information: the latest its deadline stands still until (then it moves on by the pause)',
    ),
  acknowledgementReminder: instant.optional(),
  autoSettlement: instant.optional(),
  reopenWindowEnds: instant.optional(),
});

const publicStep = z.strictObject({
  seq: z.number().int(),
  at: instant,
  actor: z.enum(['consumer', 'merchant', 'regulator', 'system']),
  action: z.string(),
  fromStatus: status.optional(),
  toStatus: status,
});
const partyStep = publicStep.extend({
  note: z.string().optional(),
  noteErasedAt: instant.optional(),
  attachments: z
    .array(z.string())
    .optional()
    .describe("The files a message names (ids among the complaint's attachments)"),
});
const sealedStep = partyStep.extend({
  details: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('Structured facts the chain seals (a hearing, a decision)'),
  noteSalt: z.string().optional(),
  noteHash: z.string().optional(),
  prevHash: z.string(),
  hash: z.string(),
});

const proposedAttachment = z.strictObject({
  attachmentId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

const regulatorActor = z.strictObject({ regulatorId: z.string(), agency: z.string() });
const hearing = z.strictObject({
  number: z.number().int(),
  at: instant,
  mode: z.enum(hearingModes),
  link: z.string().optional(),
  place: z.string().optional(),
  note: z.string().optional(),
  scheduledAt: instant,
  scheduledBy: regulatorActor,
});
const decision = z.strictObject({
  outcome: z.enum(decisionOutcomes),
  remedy: z.enum(remedies).optional(),
  amount: z.number().optional(),
  complianceDueDate: day.optional(),
  referredTo: z.string().optional(),
  reasons: z.string(),
  decidedAt: instant,
  decidedBy: regulatorActor,
});
const compliance = z
  .strictObject({
    dueAt: instant,
    confirmedAt: instant.optional(),
    overdueAt: instant.optional().describe('Flagged: the date passed unconfirmed'),
  })
  .describe('What an upheld decision requires of the merchant by a date');

const collectiveCaseId = z
  .string()
  .regex(/^CC-[0-9A-HJKMNP-TV-Z]{10}$/)
  .describe('A collective case, CC- and 10 symbols');
const collectiveCase = z.strictObject({
  caseId: collectiveCaseId,
  merchantId: z.string(),
  title: z.string(),
  status: z.enum(collectiveStatuses),
  createdAt: instant,
  createdBy: regulatorActor,
  members: z.number().int().describe('How many escalated cases are members'),
  hearings: z.array(hearing),
  decision: decision.optional(),
});
const collectiveCaseSummary = z.strictObject({
  caseId: collectiveCaseId,
  merchantId: z.string(),
  title: z.string(),
  status: z.enum(collectiveStatuses),
  createdAt: instant,
  decision: z.strictObject({ outcome: z.enum(decisionOutcomes), decidedAt: instant }).optional(),
});
const collectiveMember = z.strictObject({
  trackingNumber,
  category: z.string(),
  district: z.string().optional(),
  amount: z.number(),
  escalatedAt: instant,
  addedAt: instant,
  addedBy: regulatorActor,
});
const collectiveProgress = z
  .strictObject({
    runAt: instant,
    members: z.number().int(),
    hearingsScheduled: z.number().int().describe('Hearings this run put on members’ cases'),
    decided: z.number().int().describe('Members whose cases carry the collective decision'),
    decidedAlone: z.array(trackingNumber).describe('Decided on their own before they joined (the first 50)'),
    erased: z.array(trackingNumber).describe('Erased before the decision reached them (the first 50)'),
    closedOtherwise: z
      .array(trackingNumber)
      .describe('No longer before the regulator (withdrawn): nothing reached them (the first 50)'),
    failed: z.array(trackingNumber).describe('Not brought in line: the run is retried (the first 50)'),
  })
  .describe('How far the last run brought the members’ own cases in line');

/** The merchant's proposed resolution as a complaint holds it. */
const resolutionView = z.strictObject({
  remedy: z.enum(remedies),
  amount: z.number().optional(),
  message: z.string(),
  evidence: z.array(z.string()),
  attachments: z.array(proposedAttachment).optional(),
  proposedAt: instant,
});

/** A complaint as its parties see it (no chain head, no sealed name). */
const complaintRecord = z.strictObject({
  trackingNumber,
  merchantId: z.string(),
  consumerId: z.string().optional(),
  category: z.string(),
  description: z.string(),
  orderRef: z.string(),
  orderDate: day,
  problemDate: day.optional(),
  amount: z.number(),
  paymentMethod: z.enum(paymentMethods).optional(),
  deliveryDistrict: z.string().optional(),
  priorContact: z
    .strictObject({
      date: day,
      channel: z.enum(contactChannels),
      ticketNumber: z.string().optional(),
      merchantAnswer: z.string(),
    })
    .optional(),
  remedySought: z.enum(remedies),
  consentedAt: instant.optional(),
  language: z.enum(languages),
  consumerEmail: z.string().optional(),
  filedAt: instant,
  status,
  merchantResponseDays: z.number().int(),
  merchantDeadline: instant.optional(),
  acknowledgementReminderAt: instant.optional(),
  autoSettleAt: instant.optional(),
  settledAt: instant.optional(),
  reopenWindowEndsAt: instant.optional(),
  escalatedAt: instant.optional(),
  escalationReason: z.enum(['MERCHANT_DEADLINE_MISSED', 'RESOLUTION_DISPUTED']).optional(),
  closedAt: instant.optional(),
  reopenCount: z.number().int(),
  firstResponseAt: instant.optional(),
  firstResponseInTime: z.boolean().optional(),
  settledKind: z.enum(['CONFIRMED', 'AUTO']).optional(),
  survey: z
    .strictObject({ resolved: z.boolean(), answeredAt: instant, settledAt: instant })
    .optional()
    .describe('The consumer’s answer to "was it resolved?" after the automatic settlement settled at settledAt'),
  firstSettledAt: instant.optional(),
  informationRequest: z
    .strictObject({
      requestedAt: instant,
      answerBy: instant,
      resumedAt: instant.optional(),
      answeredAt: instant.optional(),
    })
    .optional()
    .describe(
      'The merchant’s one request for information: the merchant deadline stands still from requestedAt until resumedAt (the consumer’s answer, answerBy, or a proposal) and moves on by as long',
    ),
  conversation: z
    .partialRecord(
      z.enum(['consumer', 'merchant']),
      z.strictObject({ day: z.string(), today: z.number().int(), total: z.number().int() }),
    )
    .optional()
    .describe('How many messages each party wrote on the complaint: on `day` (Dhaka) and in all'),
  erasedAt: instant
    .optional()
    .describe(
      'When its personal data and free text were erased (the consumer’s request or its retention): texts read empty',
    ),
  timer: z.strictObject({ seq: z.number().int(), dueAt: instant, purpose: z.enum(timerPurposes) }).optional(),
  lastTimerSeq: z.number().int().optional(),
  lastAction: z.string().optional(),
  lastActionAt: instant.optional(),
  rating: z.strictObject({ score: z.number().int(), comment: z.string().optional(), ratedAt: instant }).optional(),
  resolution: resolutionView.optional(),
  hearings: z.array(hearing).optional(),
  decision: decision.optional(),
  compliance: compliance.optional(),
});
const consumerComplaint = complaintRecord.omit({ consumerId: true }).extend({ consumerId: z.string() });
const merchantComplaint = complaintRecord.omit({ consumerId: true, consumerEmail: true }).extend({
  consumer: z.strictObject({
    phone: z.string().describe('Masked'),
    name: z.string().optional().describe('In a single case only'),
  }),
});

const attachmentView = z.strictObject({
  attachmentId: z.string(),
  uploadedBy: z.enum(['consumer', 'merchant']),
  fileName: z.string(),
  contentType: z.enum(evidenceTypeNames),
  status: z.enum(['PENDING', 'VERIFIED', 'REJECTED', 'EXPIRED', 'QUARANTINED']),
  size: z.number().int().optional(),
  sha256: z.string().optional(),
  requestedAt: instant,
  checkedAt: instant.optional(),
  rejection: z.strictObject({ code: z.string(), message: z.string() }).optional(),
  erasedAt: instant.optional().describe('The file and its name were erased with the complaint’s personal data'),
  download: z
    .strictObject({ url: z.url(), expiresInSeconds: z.number().int() })
    .optional()
    .describe('Verified files only: a presigned GET of the checked version'),
});

const exportJob = z.strictObject({
  exportId: z.string(),
  status: z.enum(exportStatuses),
  search: caseSearchQuery.required({ from: true, to: true }).describe('The search, with its range settled'),
  requestedAt: instant,
  startedAt: instant.optional(),
  completedAt: instant.optional(),
  progress: z.strictObject({
    rowsWritten: z.number().int(),
    partitionsDone: z.number().int().describe('Index partitions read (months, or the merchant’s one)'),
    partitionsTotal: z.number().int(),
    percent: z.number().int(),
  }),
  bytes: z.number().int().optional(),
  failure: z.string().optional(),
  download: z
    .strictObject({ url: z.url(), expiresInSeconds: z.number().int() })
    .optional()
    .describe('Once SUCCEEDED: a presigned GET of the CSV (UTF-8 with BOM)'),
});

const settledCounts = z.strictObject({
  total: z.number().int(),
  byConsumerConfirmation: z.number().int(),
  automatically: z.number().int(),
});
const quantiles = z.strictObject({
  median: z
    .number()
    .nullable()
    .optional()
    .describe('Hours, the upper bound of its histogram bucket; null: longer than the last bucket (90 days)'),
  p90: z.number().nullable().optional(),
  of: z.number().int().describe('How many complaints the figure is of'),
});
const scorecardSchema = z.strictObject({
  complaints: z.strictObject({
    filed: z.number().int(),
    open: z.number().int(),
    settled: settledCounts,
    afterAutomaticSettlement: z
      .strictObject({
        settlements: z.number().int(),
        confirmedResolved: z.number().int(),
        saidNotResolved: z.number().int(),
        silent: z.number().int(),
      })
      .describe('What consumers answered when asked, after an automatic settlement, whether it was resolved'),
    escalated: z.number().int(),
    withdrawn: z.number().int(),
    decided: z.strictObject({ upheld: z.number().int(), dismissed: z.number().int(), referred: z.number().int() }),
    resolved: z.number().int().describe('Settled, escalated or withdrawn'),
  }),
  rates: z
    .strictObject({
      settlement: z.number().optional(),
      settlementByConfirmation: z.number().optional(),
      settlementAutomatic: z.number().optional(),
      automaticConfirmedByConsumer: z
        .number()
        .optional()
        .describe('Of the automatic settlements, the share the consumer later confirmed as resolved'),
      timelyFirstResponse: z.number().optional(),
      reopen: z.number().optional(),
    })
    .nullable()
    .describe('null until at least 10 complaints have an outcome (ratesNote says so)'),
  ratesNote: z.string().optional(),
  timesInHours: z.strictObject({ firstResponse: quantiles, resolution: quantiles }),
  rating: z.strictObject({ average: z.number(), count: z.number().int() }).nullable(),
});
const trendRow = z.strictObject({
  month: z.string(),
  filed: z.number().int(),
  settled: settledCounts,
  escalated: z.number().int(),
  withdrawn: z.number().int(),
});

const merchantStatsAnswer = z.strictObject({
  merchant: z.strictObject({
    merchantId: z.string(),
    tradeName: z.string(),
    grievanceOfficer: z.strictObject({ name: z.string(), phone: z.string(), email: z.string() }).optional(),
  }),
  scorecard: scorecardSchema,
  complaintRate: z
    .strictObject({
      per10000Orders: z.number(),
      filed: z.number().int().describe('Complaints filed in the months reported'),
      orders: z.number().int().describe('Orders the merchant reported for those months'),
      months: z.number().int().describe('How many of the trend’s ended months have a count'),
    })
    .nullable()
    .describe(
      'Complaints per 10,000 orders over the trend’s ended months the merchant reported; null ("not reported") unless every ended month with complaints has a count above 0',
    ),
  complaintRateNote: z.string().optional(),
  monthly: z.array(
    trendRow.extend({
      orders: z.number().int().optional().describe('The orders the merchant reported for the month'),
      per10000Orders: z.number().optional(),
      ordersReportedAt: instant.optional().describe('When the count now shown was reported'),
      ordersCorrections: z.number().int().optional().describe('How many times the month’s count was changed'),
    }),
  ),
  byCategory: z.array(scorecardSchema.extend({ category: z.string() })),
});

const orderCount = z.strictObject({
  month: z.string().regex(monthPattern),
  orders: z.number().int().optional().describe('Absent: not reported'),
  reportedAt: instant.optional(),
  corrections: z
    .array(z.strictObject({ orders: z.number().int(), reportedAt: instant }))
    .describe('The counts it replaced, oldest first'),
});

const evidenceCheck = z.strictObject({
  attachmentId: z.string(),
  sha256: z.string(),
  result: z.enum(['MATCH', 'ALTERED', 'MISSING', 'QUARANTINED', 'ERASED']),
});

const uploadForm = z.strictObject({
  attachmentId: z.string(),
  status: z.literal('PENDING'),
  upload: z.strictObject({
    method: z.literal('POST'),
    url: z.url(),
    fields: z
      .record(z.string(), z.string())
      .describe('Post these as multipart/form-data, then the file as the field `file`, last'),
    expiresAt: instant,
  }),
});

const actionAnswer = z.strictObject({ trackingNumber, status, deadlines, nextStepAt: instant.optional() });
const credentials = z.strictObject({ accessKeyId: z.string(), secretAccessKey: z.string(), note: z.string() });
const identitySummary = z.strictObject({
  verified: z.boolean(),
  document: z.enum(['NID', 'BIRTH_REGISTRATION']).optional(),
  lastDigits: z.string().optional(),
  verifiedAt: instant.optional(),
  alreadyVerified: z.boolean().optional(),
});
const refusal = z.strictObject({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
const storedMerchant = merchantOnboarding.extend({
  active: z.boolean(),
  onboardedAt: instant.optional(),
  grievanceOfficerReplacedAt: instant.optional(),
});

const sellerIdentifier = z.strictObject({ key: z.string(), kind: z.enum(identifierKinds) });
const onboardingStep = z.strictObject({
  status: z.enum(onboardingStatuses),
  merchantId: z.string().optional(),
  note: z.string().optional(),
  at: z.iso.datetime(),
  by: regulatorActor,
});
const unlistedSeller = z.strictObject({
  sellerId: z.string().regex(sellerIdPattern),
  key: z.string().describe('The identifier as matched: FB:<page>, WEB:<host> or MOBILE:<+880 number>'),
  kinds: z.array(z.enum(identifierKinds)),
  reports: z.number().int().describe('Consumers who reported it, each once'),
  firstReportedAt: z.iso.datetime(),
  lastReportedAt: z.iso.datetime(),
  names: z.array(z.string()).describe(`The names consumers gave it (at most ${unlistedSellerLimits.namesKept})`),
  linked: z
    .array(z.strictObject({ key: z.string(), sellerId: z.string().regex(sellerIdPattern) }))
    .describe('Other identifiers named in the same reports (likely the same seller), each with its sellerId'),
  onboarding: onboardingStep.optional(),
  onboardingHistory: z.array(onboardingStep).describe('Every step recorded, newest first (the latest 20)'),
});
const unlistedSellerReport = z.strictObject({
  reportId: z.string(),
  sellerName: z.string(),
  identifiers: z.array(sellerIdentifier),
  category: z.string(),
  description: z.string().describe('Empty once the consumer erased their data'),
  amount: z.number().optional(),
  reportedAt: z.iso.datetime(),
  erasedAt: z.iso.datetime().optional(),
});

const pageQuery = {
  limit: z.string().regex(/^\d+$/).optional().describe('1 to 100 (default 20)'),
  cursor: z.string().optional().describe('From the previous page'),
};

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Operation {
  summary: string;
  /** Query parameters (strings as they arrive). */
  query?: Record<string, z.ZodType>;
  body?: z.ZodType;
  /** A request body example. */
  example?: unknown;
  /** `alsoCsv`: the same answer as CSV when the request says `Accept: text/csv`. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string; alsoCsv?: true }>;
}

const actionBody = (table: Record<string, { body: z.ZodType }>) =>
  z.union(Object.values(table).map((entry) => entry.body) as [z.ZodType, z.ZodType, ...z.ZodType[]]);

/** Every route's contract, keyed `METHOD /path` as in functions/catalog.ts. */
export const operations: Record<string, Operation> = {
  'POST /v1/otp': {
    summary: 'Send a 6-digit code by SMS to verify a mobile number',
    body: otpRequest,
    example: { phone: '01712-345678', language: 'bn' },
    responses: {
      202: {
        description: 'Sent',
        schema: z.strictObject({
          phone: z.string(),
          expiresInSeconds: z.number().int(),
          resendAfterSeconds: z.number().int(),
        }),
      },
    },
  },
  'POST /v1/otp/verify': {
    summary: 'Check the code and open a consumer session',
    body: otpVerification,
    example: { phone: '01712-345678', code: '482913' },
    responses: {
      200: {
        description: 'A session: send `Authorization: Bearer <sessionToken>`',
        schema: z.strictObject({ sessionToken: z.string(), expiresAt: instant, phone: z.string() }),
      },
    },
  },
  'POST /v1/email-confirmations': {
    summary:
      'Confirm a consumer’s email address with the token from the link CCMS emailed it (until then, updates go by SMS only); 404 for a token that is not one, 422 CONFIRMATION_EXPIRED after 7 days',
    body: emailConfirmationRequest,
    example: { token: '7K3M9-Q2TXB.example-token-from-the-link-in-the-email' },
    responses: {
      200: {
        description: 'Confirmed (the same link again answers the same)',
        schema: z.strictObject({ trackingNumber: z.string(), confirmed: z.literal(true), confirmedAt: instant }),
      },
    },
  },
  'POST /v1/one-tap': {
    summary:
      'What a one-tap link from an SMS offers (`<site>/t#<code>`; the code goes in the body, never in a URL): the proposal to confirm or dispute, or the settlement to reopen; opening does nothing. 404 for a code that is not one; 422 LINK_USED, LINK_EXPIRED or LINK_SUPERSEDED (a newer proposal or settlement) with the tracking number',
    body: oneTapRequest,
    example: { code: 'a7Kq2ZxP9mB' },
    responses: {
      200: {
        description: 'What the link answers, on which complaint, and until when',
        schema: z.strictObject({
          trackingNumber,
          status,
          language: z.enum(languages),
          merchantId: z.string(),
          category: z.string(),
          purpose: z.enum(Object.keys(oneTapPurposes) as [OneTapPurpose, ...OneTapPurpose[]]),
          actions: z.array(z.enum(oneTapActions)).describe('What the link may do now: POST /v1/one-tap/{action}'),
          answerBy: instant,
          resolution: resolutionView.omit({ attachments: true }).optional(),
        }),
      },
    },
  },
  'POST /v1/one-tap/{action}': {
    summary:
      'Confirm, dispute or reopen with a one-tap link (once: the same action again answers alike, another is 422 LINK_USED); 422 ACTION_NOT_OFFERED for an action the link does not offer',
    body: z.union(
      oneTapActions.map((name) => consumerActions[name].body.extend(oneTapRequest.shape)) as unknown as [
        z.ZodType,
        z.ZodType,
        ...z.ZodType[],
      ],
    ),
    example: { code: 'a7Kq2ZxP9mB', reason: 'The refund never reached my bKash account.' },
    responses: {
      200: {
        description: 'The new status (and deadlines); the same tap again: where the complaint stands',
        schema: actionAnswer.partial({ deadlines: true }),
      },
    },
  },
  'GET /v1/consumer/message-preferences': {
    summary:
      'Whether the consumer stopped the news that can wait (the merchant acknowledged or replied, the complaint closed, their own withdrawal); deadlines, proposals, settlements, escalation, hearings and decisions always go',
    responses: { 200: { description: 'The preference', schema: messagePreferenceRequest } },
  },
  'PUT /v1/consumer/message-preferences': {
    summary: 'Stop (true) or resume (false) the news that can wait, by SMS and email',
    body: messagePreferenceRequest,
    example: { stopNonEssential: true },
    responses: { 200: { description: 'The preference as stored', schema: messagePreferenceRequest } },
  },
  'POST /v1/sms/delivery-reports': {
    summary:
      'An SMS aggregator reports what became of an SMS (signed: `x-sms-timestamp`, Unix seconds within 5 minutes, and `x-sms-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with its API key>`); 401 for a missing, stale or wrong signature, 404 on a stage with no aggregator',
    body: smsDeliveryReport,
    example: { reference: '7K3M9-Q2TXB.2.consumer', status: 'FAILED', reason: 'handset unreachable for 48 hours' },
    responses: {
      200: {
        description:
          'RECORDED (kept with the complaint), or IGNORED (no complaint message by that reference, or reported already)',
        schema: z.strictObject({ status: z.enum(['RECORDED', 'IGNORED']) }),
      },
    },
  },
  'POST /v1/identity': {
    summary: 'Verify the consumer’s identity once (NID, or birth registration with a guardian under 18)',
    body: identityRequest,
    example: { document: 'NID', nidNumber: '1990123456', dateOfBirth: '1990-01-15' },
    responses: { 200: { description: 'Verified (or already verified)', schema: identitySummary } },
  },
  'GET /v1/identity': {
    summary: 'Whether the consumer has verified their identity',
    responses: { 200: { description: 'The identity status', schema: identitySummary } },
  },
  'POST /v1/complaints': {
    summary: 'File a complaint (the pre-checks apply)',
    body: fileComplaintRequest,
    example: {
      merchantId: 'demo-bazaar',
      category: 'DAMAGED_OR_DEFECTIVE',
      orderRef: 'ORD-4471',
      orderDate: exampleDay(-23),
      deliveryDistrict: 'dhaka',
      priorContact: {
        date: exampleDay(-12),
        channel: 'PHONE',
        merchantAnswer: 'They promised a replacement and never sent it.',
      },
      description: 'The blender arrived with a cracked jar and does not start.',
      amount: 2450,
      paymentMethod: 'BKASH',
      remedySought: 'REPLACEMENT',
      complainantName: 'রহিম উদ্দিন',
      language: 'bn',
      consent: true,
    },
    responses: {
      201: {
        description: 'Filed',
        schema: z.strictObject({ trackingNumber, status, filedAt: instant, merchantDeadline: instant.optional() }),
      },
    },
  },
  'POST /v1/complaints/precheck': {
    summary: 'Run the filing’s pre-checks without filing',
    body: precheckRequest,
    responses: {
      200: {
        description: 'Every refusal at once',
        schema: z.strictObject({ acceptable: z.boolean(), refusals: z.array(refusal) }),
      },
    },
  },
  'GET /v1/complaints/{trackingNumber}': {
    summary: 'A complaint’s public view: status, deadlines, timeline steps (no personal data, no free text)',
    responses: {
      200: {
        description: 'The public view',
        schema: z.strictObject({
          trackingNumber,
          status,
          merchantId: z.string(),
          category: z.string(),
          filedAt: instant,
          deadlines,
          escalation: z.strictObject({ at: instant, reason: z.string().optional() }).optional(),
          timeline: z.array(publicStep),
        }),
      },
    },
  },
  'POST /v1/complaints/{trackingNumber}/attachments': {
    summary: 'An upload form for one evidence file (consumer)',
    body: uploadRequest,
    example: { fileName: 'receipt.pdf', contentType: 'application/pdf', size: 184320 },
    responses: { 201: { description: 'A presigned POST form, valid 15 minutes', schema: uploadForm } },
  },
  'GET /v1/complaints/{trackingNumber}/attachments': {
    summary: 'The complaint’s evidence and each check’s result (consumer)',
    responses: {
      200: {
        description: 'Own files and the merchant’s verified files',
        schema: z.strictObject({ trackingNumber, attachments: z.array(attachmentView) }),
      },
    },
  },
  'GET /v1/categories': {
    summary: 'Categories, districts and the form’s choices (cacheable)',
    responses: {
      200: {
        description: 'What a filing form needs',
        schema: z.strictObject({
          filingWindowDays: z.number().int(),
          deliveryWindowDays: z.strictObject({ sameCity: z.number().int(), elsewhere: z.number().int() }),
          categories: z.array(
            z.strictObject({
              id: z.string(),
              label: bilingual,
              help: bilingual,
              merchantDeadlineDays: z.number().int(),
              rules: z.strictObject({ afterDeliveryWindow: z.boolean().optional() }),
            }),
          ),
          divisions: z.array(z.strictObject({ id: z.string(), name: bilingual })),
          districts: z.array(z.strictObject({ id: z.string(), division: z.string(), name: bilingual })),
          paymentMethods: z.array(z.enum(paymentMethods)),
          contactChannels: z.array(z.enum(contactChannels)),
          remedies: z.array(z.enum(remedies)),
        }),
      },
    },
  },
  'GET /v1/widget.js': {
    summary: 'The merchant widget script (see README: two-line embed)',
    responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
  },
  'GET /v1/openapi.json': {
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1', schema: z.looseObject({ openapi: z.string() }) } },
  },
  'GET /v1/public/stats': {
    summary:
      'Open data: the platform’s numbers overall, the monthly trend, by category and by district (cacheable; `Accept: text/csv` for CSV)',
    responses: {
      200: {
        description: 'Scorecards (no personal data)',
        alsoCsv: true,
        schema: z.strictObject({
          overall: scorecardSchema,
          monthly: z.array(trendRow),
          byCategory: z.array(scorecardSchema.extend({ category: z.string() })),
          byDistrict: z.array(scorecardSchema.extend({ district: z.string() })),
        }),
      },
    },
  },
  'GET /v1/public/stats.csv': {
    summary: 'Open data as CSV: a row per scope (overall, each category, each district)',
    responses: { 200: { description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' } },
  },
  'GET /v1/public/merchants': {
    summary:
      'Open data: merchants by name (the whole name or a later word of it, as a prefix), each with its grievance officer and scorecard',
    query: { q: z.string().optional().describe('The start of the name or of a word of it'), ...pageQuery },
    responses: {
      200: {
        description: 'A page, in name order',
        alsoCsv: true,
        schema: z.strictObject({
          merchants: z.array(
            z.strictObject({
              merchantId: z.string(),
              tradeName: z.string(),
              website: z.string(),
              grievanceOfficer: z.strictObject({ name: z.string(), phone: z.string(), email: z.string() }),
              scorecard: scorecardSchema,
            }),
          ),
          nextCursor,
        }),
      },
    },
  },
  'GET /v1/public/merchants.csv': {
    summary: 'The merchant search as CSV: a row per merchant',
    query: { q: z.string().optional(), ...pageQuery },
    responses: { 200: { description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' } },
  },
  'GET /v1/public/merchants/{merchantId}/stats': {
    summary:
      'Open data: one merchant’s settlement record, with its grievance officer (cacheable; `Accept: text/csv` for CSV)',
    responses: {
      200: {
        description: 'The merchant’s scorecard, monthly trend and categories',
        alsoCsv: true,
        schema: merchantStatsAnswer,
      },
    },
  },
  'GET /v1/merchant/order-counts': {
    summary: `The merchant’s order counts of the last ${reportableMonths} ended months, newest first, with their corrections (signed merchant)`,
    responses: {
      200: { description: 'Every month, reported or not', schema: z.strictObject({ months: z.array(orderCount) }) },
    },
  },
  'PUT /v1/merchant/order-counts/{month}': {
    summary:
      'Report the orders of an ended month (YYYY-MM, within 24 months), or correct them: the count replaced stays in the month’s trail. The public scorecard shows complaints per 10,000 orders from them (signed merchant)',
    body: orderCountRequest,
    example: { orders: 12500 },
    responses: {
      200: {
        description:
          'The month’s count now (the same count again changes nothing); 422 MONTH_INVALID, MONTH_NOT_REPORTABLE, CORRECTION_LIMIT_REACHED',
        schema: orderCount,
      },
    },
  },
  'GET /v1/merchant/scorecard': {
    summary: 'The merchant’s own settlement record, as the public sees it (signed merchant)',
    responses: { 200: { description: 'As GET /v1/public/merchants/{merchantId}/stats', schema: merchantStatsAnswer } },
  },
  'GET /v1/public/merchants/{merchantId}/stats.csv': {
    summary: 'One merchant’s settlement record as CSV: the merchant, then each of its categories',
    responses: { 200: { description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' } },
  },
  'GET /v1/consumer/complaints': {
    summary: 'The consumer’s own complaints, newest first',
    query: pageQuery,
    responses: {
      200: { description: 'A page', schema: z.strictObject({ complaints: z.array(consumerComplaint), nextCursor }) },
    },
  },
  'GET /v1/consumer/data': {
    summary:
      'Everything kept about the consumer, to download: phone, verified identity, their message preference, and a page of complaints with name, email, notes and messages, evidence, undelivered messages and regulators’ reads',
    query: {
      ...pageQuery,
      limit: pageQuery.limit.describe('1 to 100 (default 20); a page holds at most 20 complaints'),
    },
    responses: {
      200: {
        description:
          'A page of the consumer’s data (the identity on every page). A session opened over 10 minutes ago gets 403 FRESH_SIGN_IN_REQUIRED. Evidence links expire after 5 minutes.',
        schema: z.strictObject({
          generatedAt: instant,
          phone: z.string(),
          identity: z.strictObject({
            verified: z.boolean(),
            document: z.enum(['NID', 'BIRTH_REGISTRATION']).optional(),
            lastDigits: z.string().optional(),
            dateOfBirth: z.string().optional(),
            guardian: z.strictObject({ name: z.string(), phone: z.string() }).optional(),
            verifiedAt: instant.optional(),
          }),
          messagePreferences: z
            .strictObject({ stopNonEssential: z.boolean() })
            .describe('Whether they stopped news that can wait (PUT /v1/consumer/message-preferences)'),
          sellerReports: z
            .array(unlistedSellerReport)
            .optional()
            .describe(
              'Their reports of sellers not on CCMS (POST /v1/consumer/unlisted-sellers), newest first: on the first page (no cursor), the latest 100',
            ),
          sellerReportsTruncated: z.literal(true).optional().describe('They made more than 100 reports'),
          complaints: z.array(
            consumerComplaint.extend({
              complainant: z.strictObject({ name: z.string().optional(), email: z.string().optional() }),
              timeline: z.array(partyStep),
              attachments: z.array(attachmentView),
              undeliverableMessages: z.array(
                z.strictObject({ seq: z.number(), channel: z.enum(['sms', 'email']), at: instant }),
              ),
              caseReads: z
                .array(z.strictObject({ agency: z.string(), regulatorId: z.string(), at: instant }))
                .describe('Which regulator read the case, when, newest first (the latest 1,000)'),
              caseReadsTruncated: z.literal(true).optional().describe('There were more than 1,000 reads'),
            }),
          ),
          nextCursor,
        }),
      },
    },
  },
  'POST /v1/consumer/erasure': {
    summary:
      'Erases what is kept about the consumer: name, email, free text and files of their closed complaints, what they wrote in their reports of sellers, and their verified identity',
    responses: {
      200: {
        description:
          'DONE: nothing is left to erase. IN_PROGRESS: time ran out; ask again to go on. Statistics, the timelines’ hash chains and the case records stay valid; the complaints keep a pseudonym instead of the phone; the sellers keep their counts. A session opened over 10 minutes ago gets 403 FRESH_SIGN_IN_REQUIRED; open complaints 409 OPEN_COMPLAINTS, listed in details.complaints.',
        schema: z.strictObject({
          status: z.enum(['DONE', 'IN_PROGRESS']),
          erasedComplaints: z.number().int(),
          erasedSellerReports: z.number().int(),
        }),
      },
    },
  },
  'GET /v1/consumer/complaints/{trackingNumber}': {
    summary: 'One of the consumer’s own complaints, with the notes, the evidence and the actions the rules allow now',
    responses: {
      200: {
        description: 'The complaint',
        schema: consumerComplaint.extend({
          timeline: z.array(partyStep),
          attachments: z.array(attachmentView),
          actions: z
            .array(z.enum(Object.keys(consumerActions) as [ConsumerActionName, ...ConsumerActionName[]]))
            .describe('What the consumer may do now: POST .../{action}'),
        }),
      },
    },
  },
  'POST /v1/consumer/complaints/{trackingNumber}/{action}': {
    summary:
      'The consumer confirms, disputes, reopens, withdraws, rates, answers the survey, writes to the merchant or answers its request for information (action in the path)',
    body: actionBody(consumerActions),
    example: { reason: 'The refund never reached my bKash account.' },
    responses: { 200: { description: 'The new status and deadlines', schema: actionAnswer } },
  },
  'GET /v1/merchant/complaints': {
    summary: 'The merchant’s complaints in one status, newest first',
    query: { status: z.enum(complaintStatuses).optional(), ...pageQuery },
    responses: {
      200: {
        description: 'A page (no names)',
        schema: z.strictObject({ status, complaints: z.array(merchantComplaint), nextCursor }),
      },
    },
  },
  'GET /v1/merchant/complaints/{trackingNumber}': {
    summary: 'One of the merchant’s complaints, with the complainant’s name, the timeline and the evidence',
    responses: {
      200: {
        description: 'The case',
        schema: merchantComplaint.extend({
          timeline: z.array(partyStep),
          attachments: z.array(attachmentView),
          actions: z
            .array(z.enum(Object.keys(merchantActions) as [MerchantActionName, ...MerchantActionName[]]))
            .describe('What the merchant may do now: POST .../{action}'),
        }),
      },
    },
  },
  'POST /v1/merchant/complaints/{trackingNumber}/{action}': {
    summary:
      'The merchant acknowledges, replies, proposes a resolution, writes to the consumer, asks once for information or confirms compliance (action in the path)',
    body: actionBody(merchantActions),
    example: { remedy: 'REFUND', amount: 2450, message: 'Refunded to your bKash account.', attachments: [] },
    responses: { 200: { description: 'The new status and deadlines', schema: actionAnswer } },
  },
  'POST /v1/merchant/complaints/{trackingNumber}/attachments': {
    summary: 'An upload form for evidence to go with a proposal (merchant)',
    body: uploadRequest,
    responses: { 201: { description: 'A presigned POST form, valid 15 minutes', schema: uploadForm } },
  },
  'PUT /v1/merchant/webhook': {
    summary: 'Register the webhook URL; the signing secret is shown once',
    body: webhookRegistration(false),
    example: { url: 'https://shop.example/ccms-events' },
    responses: {
      200: {
        description: 'Registered',
        schema: z.strictObject({ url: z.string(), secret: z.string(), note: z.string() }),
      },
    },
  },
  'GET /v1/merchant/webhook/deliveries': {
    summary: 'The webhook delivery log, newest first',
    query: pageQuery,
    responses: {
      200: {
        description: 'Deliveries with every attempt',
        schema: z.strictObject({
          deliveries: z.array(
            z.strictObject({
              deliveryId: z.string(),
              merchantId: z.string(),
              event: z.string(),
              trackingNumber,
              url: z.string(),
              attempts: z.array(
                z.strictObject({
                  at: instant,
                  outcome: z.enum(['DELIVERED', 'FAILED']),
                  status: z.number().int().optional(),
                  error: z.string().optional(),
                }),
              ),
              status: z.enum(['PENDING', 'DELIVERED']),
            }),
          ),
        }),
      },
    },
  },
  'GET /v1/regulator/cases': {
    summary:
      'Search escalated cases by status, merchant, category, district and escalation date, newest first (no personal data)',
    query: {
      status: z.enum(caseStatuses).optional(),
      merchantId: z.string().optional().describe('Reads the merchant’s own index partition'),
      category: z.string().optional(),
      district: z.string().optional(),
      from: day.optional().describe('Escalated on or after (UTC day); a year before `to` by default'),
      to: day.optional().describe('Escalated on or before (UTC day); today by default; at most 60 months after `from`'),
      ...pageQuery,
    },
    responses: {
      200: {
        description: 'A page; it may be short (filters leave items out) and still have a next one',
        schema: z.strictObject({
          range: z.strictObject({ from: day, to: day }),
          cases: z.array(
            z.strictObject({
              trackingNumber,
              status,
              merchantId: z.string(),
              category: z.string(),
              district: z.string().optional(),
              reason: z.enum(['MERCHANT_DEADLINE_MISSED', 'RESOLUTION_DISPUTED']),
              amount: z.number(),
              remedySought: z.enum(remedies),
              filedAt: instant,
              escalatedAt: instant,
              latestHearingAt: instant.optional(),
              decision: z.strictObject({ outcome: z.enum(decisionOutcomes), decidedAt: instant }).optional(),
              compliance: compliance.optional(),
            }),
          ),
          nextCursor,
        }),
      },
    },
  },
  'GET /v1/regulator/alerts': {
    summary:
      "The alerts raised on merchants by the regulators' rules (surges, advance-paid non-delivery, missed deadlines, escalations), newest week first, with the figures behind each (no personal data)",
    query: {
      merchantId: z.string().regex(merchantIdPattern).optional().describe('Only this merchant’s alerts'),
      ...pageQuery,
    },
    responses: {
      200: {
        description: 'A page; it may be short (the merchant filter leaves items out) and still have a next one',
        schema: z.strictObject({
          alerts: z.array(
            z.strictObject({
              alertId: z.string().describe('The week, rule and merchant: one alert each'),
              merchantId: z.string(),
              category: z.string().optional().describe('The category the rule counts in, where it counts one'),
              ruleId: z.string(),
              kind: z.enum(['surge', 'share', 'count']),
              label: bilingual,
              week: z.string().describe('The ISO week (YYYY-Www) of the Dhaka date it was raised'),
              raisedAt: instant,
              figures: alertFigures,
            }),
          ),
          nextCursor,
        }),
      },
    },
  },
  'POST /v1/regulator/collective-cases': {
    summary:
      'Open a collective case against one merchant, to hear and decide its escalated complaints together (the title is seen by regulators only)',
    body: createCollectiveCaseRequest,
    example: { merchantId: 'demo-bazaar', title: 'Advance payments, nothing delivered (November)' },
    responses: { 201: { description: 'Opened, with no members yet', schema: collectiveCase } },
  },
  'GET /v1/regulator/collective-cases': {
    summary: 'The collective cases, newest first, all or one merchant’s',
    query: {
      merchantId: z.string().regex(merchantIdPattern).optional().describe('Only this merchant’s collective cases'),
      ...pageQuery,
    },
    responses: {
      200: {
        description: 'A page',
        schema: z.strictObject({ collectiveCases: z.array(collectiveCaseSummary), nextCursor }),
      },
    },
  },
  'POST /v1/consumer/unlisted-sellers': {
    summary: `Report a seller not on CCMS (a verified consumer; Idempotency-Key): by its Facebook page, website, phone or bKash/Nagad number (1 to ${unlistedSellerLimits.identifiers}), matched on each normalized. Nothing of it is public, and the seller is not told`,
    body: unlistedSellerReportRequest,
    example: {
      sellerName: 'Gadget Corner BD',
      identifiers: [
        { kind: 'FACEBOOK', value: 'https://www.facebook.com/gadgetcornerbd' },
        { kind: 'BKASH', value: '01712-345678' },
      ],
      category: 'NOT_DELIVERED',
      description: 'I paid in advance by bKash for a phone; nothing came and the page blocked me.',
      amount: 18500,
    },
    responses: {
      201: {
        description: `Reported. 403 IDENTITY_REQUIRED before the identity check; 409 ALREADY_REPORTED (each consumer counts once a seller), 409 SELLER_ON_CCMS (file a complaint: details.merchantId); 429 RATE_LIMITED after ${unlistedSellerLimits.reportsPerDay} reports in a Dhaka day`,
        schema: z.strictObject({ reportId: z.string().regex(reportIdPattern), reportedAt: z.iso.datetime() }),
      },
    },
  },
  'GET /v1/regulator/unlisted-sellers': {
    summary:
      'Sellers not on CCMS, most reported first: each identifier, the consumers who reported it, and what was done to bring it onto CCMS',
    query: { ...pageQuery },
    responses: {
      200: { description: 'A page', schema: z.strictObject({ sellers: z.array(unlistedSeller), nextCursor }) },
    },
  },
  'GET /v1/regulator/unlisted-sellers/{sellerId}': {
    summary:
      'A seller not on CCMS with a page of the reports naming it, newest first: what consumers said, never who they are',
    query: { ...pageQuery },
    responses: {
      200: {
        description: 'The seller; 404 for an id no report made',
        schema: z.strictObject({ seller: unlistedSeller, reports: z.array(unlistedSellerReport), nextCursor }),
      },
    },
  },
  'POST /v1/regulator/unlisted-sellers/{sellerId}/onboarding': {
    summary:
      'Record what was done to bring the seller onto CCMS: INVITED, NOT_REACHABLE, or ONBOARDED as a merchant on CCMS (then consumers reporting it are sent to file a complaint)',
    body: onboardingRequest,
    example: { status: 'INVITED', note: 'Letter sent to the page’s listed address.' },
    responses: {
      200: {
        description:
          'The seller with its onboarding; 404 for an unknown seller or (ONBOARDED) a merchant not active on CCMS',
        schema: unlistedSeller,
      },
    },
  },
  'GET /v1/regulator/collective-cases/{caseId}': {
    summary:
      'A collective case (its record): its hearings and decision, a page of its members in tracking-number order, and how far its last run brought their own cases in line',
    query: { ...pageQuery },
    responses: {
      200: {
        description: 'The collective case',
        schema: collectiveCase.extend({
          memberList: z.array(collectiveMember),
          nextCursor,
          progress: collectiveProgress.optional(),
        }),
      },
    },
  },
  'GET /v1/regulator/collective-cases/{caseId}/members.csv': {
    summary: `Every member of a collective case as CSV (at most ${maxMembers}; no personal data)`,
    responses: { 200: { description: 'CSV, UTF-8 with BOM', contentType: 'text/csv' } },
  },
  'POST /v1/regulator/collective-cases/{caseId}/members': {
    summary: `Add escalated cases against the collective case's merchant, until it is decided (${maxMembersPerRequest} at a time, ${maxMembers} in all); each is added or refused with its reason, and new members get the hearings still to come`,
    body: addMembersRequest,
    example: { trackingNumbers: ['7K3M9-Q2TXB'] },
    responses: {
      200: {
        description:
          'Each added or refused: NOT_ESCALATED, OTHER_MERCHANT, ALREADY_DECIDED, ERASED, ALREADY_MEMBER, IN_ANOTHER_CASE, DECIDED, FULL, CASE_CHANGED',
        schema: z.strictObject({
          caseId: collectiveCaseId,
          members: z.number().int(),
          added: z.array(trackingNumber),
          refused: z.array(z.strictObject({ trackingNumber, code: z.string(), message: z.string() })),
        }),
      },
    },
  },
  'POST /v1/regulator/collective-cases/{caseId}/hearings': {
    summary:
      "Schedule the collective case's hearing: every member's case gets it (a timeline entry naming the collective case), and each consumer and the merchant are told",
    body: hearingRequest,
    example: { at: `${exampleDay(7)}T10:30:00+06:00`, mode: 'IN_PERSON', place: 'DNCRP, Karwan Bazar, Dhaka' },
    responses: {
      201: {
        description: 'Scheduled; the members’ cases get it in the background (see progress)',
        schema: z.strictObject({ caseId: collectiveCaseId, members: z.number().int(), hearing }),
      },
    },
  },
  'POST /v1/regulator/collective-cases/{caseId}/decision': {
    summary:
      "Decide the collective case once: the decision closes every member's case (a timeline entry naming the collective case), and each consumer and the merchant are told; no member joins after it",
    body: decisionRequest,
    example: {
      outcome: 'UPHELD',
      remedy: 'REFUND',
      amount: 1200,
      complianceDueDate: exampleDay(30),
      reasons: 'The merchant took advance payments and delivered nothing to any of these consumers.',
    },
    responses: {
      200: {
        description: 'Decided; the members’ cases get it in the background (see progress)',
        schema: z.strictObject({
          caseId: collectiveCaseId,
          status: z.enum(collectiveStatuses),
          members: z.number().int(),
          decision,
        }),
      },
    },
  },
  'POST /v1/regulator/cases/{trackingNumber}/hearings': {
    summary: 'Schedule a hearing of an escalated case; both parties are told by SMS and email',
    body: hearingRequest,
    example: { at: `${exampleDay(7)}T10:30:00+06:00`, mode: 'ONLINE', link: 'https://meet.example.gov.bd/ccms-4471' },
    responses: { 201: { description: 'Scheduled', schema: z.strictObject({ trackingNumber, status, hearing }) } },
  },
  'POST /v1/regulator/cases/{trackingNumber}/decision': {
    summary:
      'Decide an escalated case: upheld (remedy, amount, compliance date), dismissed or referred, with reasons; closes it',
    body: decisionRequest,
    example: {
      outcome: 'UPHELD',
      remedy: 'REFUND',
      amount: 2450,
      complianceDueDate: exampleDay(14),
      reasons: 'The merchant delivered a broken blender and refused the refund.',
    },
    responses: {
      200: {
        description: 'Decided',
        schema: z.strictObject({ trackingNumber, status, decision, compliance: compliance.optional() }),
      },
    },
  },
  'POST /v1/regulator/exports': {
    summary: 'Export a case search as CSV: a job that writes the file to S3 in the background (poll statusPath)',
    body: caseSearchQuery,
    example: { category: 'NOT_DELIVERED', district: 'dhaka', from: exampleDay(-90), to: exampleDay(0) },
    responses: { 202: { description: 'Queued', schema: exportJob.extend({ statusPath: z.string() }) } },
  },
  'GET /v1/regulator/exports/{exportId}': {
    summary: 'An export’s progress, and a 15-minute download link once it is written',
    responses: { 200: { description: 'The job', schema: exportJob } },
  },
  'GET /v1/regulator/cases/{trackingNumber}': {
    summary:
      'An escalated case: complaint, complainant, sealed timeline and its verification, evidence and its verification (the read is logged)',
    responses: {
      200: {
        description: 'The case',
        schema: z.strictObject({
          complaint: consumerComplaint,
          complainant: z.strictObject({ phone: z.string(), name: z.string().optional(), email: z.string().optional() }),
          timeline: z.array(sealedStep),
          timelineVerification: z.union([
            z.strictObject({ valid: z.literal(true) }),
            z.strictObject({ valid: z.literal(false), brokenAt: z.number().int(), reason: z.string() }),
          ]),
          undeliverableMessages: z.array(z.record(z.string(), z.unknown())),
          attachments: z.array(attachmentView),
          evidenceVerification: z
            .strictObject({
              valid: z.boolean(),
              files: z.array(evidenceCheck).describe('Each verified file, read again (the checked version) and hashed'),
              proposalFiles: z
                .array(evidenceCheck)
                .describe('The files of the merchant’s proposal, against their records'),
            })
            .describe('Whether the evidence still has the SHA-256 recorded when it was checked'),
          caseRecords: z
            .array(
              z.strictObject({
                version: z.number().int().describe('The timeline entry the record goes up to'),
                reason: z.enum(['ESCALATED', 'DECIDED']),
                issuedAt: instant,
                sha256: z.string().describe('Of the JSON record, as issued'),
                links: z.strictObject({
                  json: z.url(),
                  html: z.url().optional().describe('Absent once erased: the rendering showed the free texts'),
                  expiresInSeconds: z.number().int(),
                }),
                erasedAt: instant.optional().describe('When the record’s kept texts and rendering were erased'),
                verification: z
                  .strictObject({
                    valid: z.boolean(),
                    problems: z.array(z.string()),
                    erasedTexts: z
                      .array(z.string())
                      .optional()
                      .describe('Free texts of the record erased on request: their commitments stay in it'),
                  })
                  .describe('The stored record checked against the live case'),
              }),
            )
            .describe('The formal case record, each version issued (write-once storage)'),
        }),
      },
    },
  },
  'POST /v1/admin/merchants': {
    summary: 'Onboard a merchant and issue its first API key (operator)',
    body: merchantOnboarding,
    responses: {
      201: {
        description: 'Onboarded; the secret is shown once',
        schema: z.strictObject({ merchant: storedMerchant, credentials }),
      },
    },
  },
  'POST /v1/admin/merchants/{merchantId}/keys': {
    summary: 'Issue a merchant a second API key, for rotation (operator)',
    responses: {
      201: {
        description: 'Issued; the secret is shown once',
        schema: z.strictObject({ merchantId: z.string(), credentials }),
      },
    },
  },
  'PUT /v1/admin/merchants/{merchantId}/grievance-officer': {
    summary:
      'Replace a merchant’s grievance officer in its profile and the public directory, keeping nothing of the earlier one (operator); 404 for an unknown merchant',
    body: grievanceOfficer,
    responses: {
      200: {
        description: 'Replaced',
        schema: z.strictObject({ merchantId: z.string(), grievanceOfficer, replacedAt: instant }),
      },
    },
  },
  'DELETE /v1/admin/keys/{accessKeyId}': {
    summary: 'Revoke an API key at once (operator)',
    responses: {
      200: {
        description: 'Revoked',
        schema: z.strictObject({ accessKeyId: z.string(), status: z.literal('REVOKED') }),
      },
    },
  },
  'POST /v1/admin/regulators': {
    summary: 'Register a regulator and issue its API key (operator)',
    body: regulatorRegistration,
    responses: {
      201: {
        description: 'Registered; the secret is shown once',
        schema: z.strictObject({ regulator: regulatorRegistration.extend({ registeredAt: instant }), credentials }),
      },
    },
  },
  'GET /v1/admin/access-log': {
    summary: 'Who read which case’s personal data, newest first (operator)',
    query: { trackingNumber: z.string().optional(), regulatorId: z.string().optional(), ...pageQuery },
    responses: {
      200: {
        description: 'A page of reads',
        schema: z.strictObject({
          reads: z.array(z.strictObject({ trackingNumber, regulatorId: z.string(), agency: z.string(), at: instant })),
          nextCursor,
        }),
      },
    },
  },
};
