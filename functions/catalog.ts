/**
 * The one description of the API and its functions. infra/ builds the Lambda functions, their
 * grants and the API Gateway routes from it; local/ builds its HTTP gateway and workflow task
 * bindings from it. A route or function added here exists in both.
 */

import type { Binding } from './bindings';

export type { Binding };

export interface FunctionSpec {
  /** Path under functions/, without extension; the module exports `handler`. */
  entry: string;
  description: string;
  bindings: readonly Binding[];
  /** How long one invocation may run; see timeoutSecondsOf for the default. */
  timeoutSeconds?: number;
}

export const functionCatalog = {
  fileComplaint: {
    entry: 'complaints/file-complaint',
    description: 'Files a complaint (its stored timer starts the workflow through the stream)',
    bindings: ['idempotency:record', 'table:read', 'table:write', 'personal-data:seal'],
  },
  precheckComplaint: {
    entry: 'complaints/precheck-complaint',
    description: "Answers a filing's pre-checks without filing",
    bindings: ['table:read'],
  },
  listCategories: {
    entry: 'complaints/list-categories',
    description: 'The complaint categories, their labels, deadlines and filing rules (public, cacheable)',
    bindings: [],
  },
  requestEvidenceUpload: {
    entry: 'evidence/request-upload',
    description: 'Consumer: an upload slot and presigned form for one evidence file',
    bindings: ['idempotency:record', 'table:read', 'evidence:record', 'evidence:upload'],
  },
  listEvidence: {
    entry: 'evidence/list-attachments',
    description: "Consumer: their complaint's evidence, each check's result, and download links",
    bindings: ['table:read', 'evidence:link'],
  },
  checkEvidence: {
    entry: 'evidence/check-upload',
    description: "S3 upload events: checks each evidence file's real type, size and SHA-256; deletes what fails",
    bindings: ['table:read', 'evidence:record', 'evidence:check'],
  },
  sweepTimers: {
    entry: 'workflow/sweep-timers',
    description:
      'Scheduled: rearms complaint timers left without a live execution, and replays changes the stream consumers set aside',
    bindings: ['table:read', 'workflow:rearm', 'changes:redrive'],
    // Each replay runs a consumer on its changes: a run holds up to 2 x 20 of them.
    timeoutSeconds: 600,
  },
  eraseExpiredComplaints: {
    entry: 'workflow/erase-expired',
    description: 'Scheduled: erases the personal data and free text of complaints closed for longer than the retention',
    bindings: ['table:read', 'personal-data:erase'],
    timeoutSeconds: 300,
  },
  onMalwareScan: {
    entry: 'evidence/on-malware-scan',
    description: "GuardDuty's malware scan results: quarantines evidence files with threats",
    bindings: ['table:read', 'evidence:record'],
  },
  serveOpenApi: {
    entry: 'openapi/serve-openapi',
    description: 'The OpenAPI 3.1 document of this API (public, cacheable)',
    bindings: [],
  },
  serveWidget: {
    entry: 'widget/serve-widget',
    description: 'The script merchant sites embed for a "Complain via CCMS" link (public, cacheable)',
    bindings: ['site:links'],
  },
  getComplaint: {
    entry: 'complaints/get-complaint',
    description: 'Returns a complaint with its deadlines and timeline',
    bindings: ['table:read'],
  },
  requestOtp: {
    entry: 'identity/request-otp',
    description: 'Sends a one-time code by SMS to verify a phone number',
    bindings: ['table:read', 'table:write', 'sms:send'],
  },
  verifyOtp: {
    entry: 'identity/verify-otp',
    description: 'Checks a one-time code and opens a consumer session',
    bindings: ['table:read', 'table:write'],
  },
  verifyIdentity: {
    entry: 'identity/verify-identity',
    description: 'Verifies a consumer identity (NID or birth registration) once per phone',
    bindings: ['idempotency:record', 'table:read', 'table:write', 'identity:verify'],
  },
  getIdentity: {
    entry: 'identity/get-identity',
    description: 'Tells whether a consumer has verified their identity',
    bindings: ['table:read'],
  },
  authorizeConsumer: {
    entry: 'identity/authorize-consumer',
    description: 'API Gateway authorizer: resolves a consumer session token',
    bindings: ['table:read'],
  },
  merchantRegistry: {
    entry: 'admin/merchant-registry',
    description: "Operator: onboards a merchant with its first API key, or replaces a merchant's grievance officer",
    bindings: ['table:read', 'table:write', 'credentials:issue'],
  },
  issueMerchantKey: {
    entry: 'admin/issue-merchant-key',
    description: 'Operator: issues a merchant a second API key for rotation',
    bindings: ['table:read', 'table:write', 'credentials:issue'],
  },
  revokeKey: {
    entry: 'admin/revoke-key',
    description: 'Operator: revokes an API key',
    bindings: ['table:read', 'table:write'],
  },
  registerRegulator: {
    entry: 'admin/register-regulator',
    description: 'Operator: registers a regulator and issues its API key',
    bindings: ['table:read', 'table:write', 'credentials:issue'],
  },
  listMerchantComplaints: {
    entry: 'merchant/list-complaints',
    description: 'Merchant: its complaints in a status, newest first',
    bindings: ['table:read', 'credentials:verify'],
  },
  getMerchantComplaint: {
    entry: 'merchant/get-complaint',
    description: "Merchant: one of its complaints, with the complainant's name and links to the evidence",
    bindings: ['table:read', 'credentials:verify', 'personal-data:open', 'evidence:link'],
  },
  requestMerchantEvidenceUpload: {
    entry: 'merchant/request-upload',
    description: 'Merchant: an upload slot and presigned form for evidence to go with its proposal',
    bindings: [
      'idempotency:record',
      'table:read',
      'credentials:verify',
      'replays:record',
      'evidence:record',
      'evidence:upload',
    ],
  },
  merchantAction: {
    entry: 'merchant/act-on-complaint',
    description: 'Merchant: acknowledges, replies to or proposes a resolution for its complaint',
    bindings: ['idempotency:record', 'table:read', 'table:write', 'credentials:verify', 'replays:record'],
  },
  registerWebhook: {
    entry: 'merchant/register-webhook',
    description: 'Merchant: registers its webhook URL and receives the signing secret once',
    bindings: [
      'table:read',
      'table:write',
      'credentials:verify',
      'replays:record',
      'credentials:issue',
      'webhooks:post',
    ],
  },
  reportOrderCount: {
    entry: 'merchant/report-order-count',
    description:
      'Merchant: reports the orders of an ended month, or corrects them (the trail keeps the count replaced): the denominator of its public complaint rate',
    bindings: ['table:read', 'credentials:verify', 'replays:record', 'orders:record'],
  },
  listOrderCounts: {
    entry: 'merchant/list-order-counts',
    description: 'Merchant: its order counts of the last 24 ended months, with their corrections',
    bindings: ['table:read', 'credentials:verify'],
  },
  getMerchantScorecard: {
    entry: 'merchant/get-scorecard',
    description: 'Merchant: its own settlement record, as the public sees it',
    bindings: ['table:read', 'credentials:verify'],
  },
  listWebhookDeliveries: {
    entry: 'merchant/list-webhook-deliveries',
    description: 'Merchant: its webhook delivery log',
    bindings: ['table:read', 'credentials:verify'],
  },
  deliverWebhook: {
    entry: 'workflow/deliver-webhook',
    description: 'Webhook-delivery task: one signed, logged attempt',
    bindings: ['table:read', 'table:write', 'credentials:verify', 'webhooks:post'],
  },
  consumerAction: {
    entry: 'consumer/act-on-complaint',
    description: 'Consumer: confirms, disputes, reopens or withdraws their complaint',
    bindings: ['idempotency:record', 'table:read', 'table:write'],
  },
  oneTap: {
    entry: 'consumer/one-tap',
    description:
      "Consumer, from an SMS's link: what a one-tap link offers, and confirming, disputing, reopening or answering the survey with it (public: the link's code is the proof)",
    // Public: its own links and the complaints they open, nothing else of the table.
    bindings: ['one-tap:use'],
  },
  consumerMessagePreferences: {
    entry: 'consumer/message-preferences',
    description: 'Consumer: reads or sets whether news that can wait is sent to them',
    bindings: ['consumer:message-preferences'],
  },
  getRegulatorCase: {
    entry: 'regulator/get-case',
    description: 'Regulator: an escalated case with its verified timeline and evidence; the read is logged',
    bindings: [
      'table:read',
      'credentials:verify',
      'access-log:record',
      'personal-data:open',
      'evidence:link',
      'records:read',
    ],
  },
  searchCases: {
    entry: 'regulator/search-cases',
    description:
      'Regulator: escalated cases by status, merchant, category, district and date, from the escalation indexes (no personal data)',
    bindings: ['table:read', 'credentials:verify'],
  },
  scheduleHearing: {
    entry: 'regulator/schedule-hearing',
    description: 'Regulator: schedules a hearing of an escalated case; both parties are told',
    bindings: ['idempotency:record', 'table:read', 'table:write', 'credentials:verify', 'replays:record'],
  },
  decideCase: {
    entry: 'regulator/decide-case',
    description: 'Regulator: decides an escalated case (upheld, dismissed or referred), which closes it',
    bindings: ['idempotency:record', 'table:read', 'table:write', 'credentials:verify', 'replays:record'],
  },
  requestExport: {
    entry: 'regulator/request-export',
    description: 'Regulator: asks for a CSV export of a case search, written in the background',
    bindings: [
      'idempotency:record',
      'table:read',
      'credentials:verify',
      'replays:record',
      'exports:record',
      'exports:start',
    ],
  },
  getExport: {
    entry: 'regulator/get-export',
    description: "Regulator: an export's progress, and its download link once written",
    bindings: ['table:read', 'credentials:verify', 'exports:link'],
  },
  runExport: {
    entry: 'regulator/run-export',
    description: 'Case-export task: writes the CSV to S3 page by page, recording progress',
    bindings: ['table:read', 'exports:record', 'exports:write'],
    timeoutSeconds: 900,
  },
  issueCaseRecord: {
    entry: 'regulator/issue-case-record',
    description:
      "Case-record task: writes the case's formal record (JSON and printable HTML) to the write-once bucket and indexes it",
    bindings: ['table:read', 'records:write'],
  },
  createCollectiveCase: {
    entry: 'regulator/create-collective-case',
    description: 'Regulator: opens a collective case against one merchant, to group its escalated complaints',
    bindings: ['idempotency:record', 'table:read', 'credentials:verify', 'replays:record', 'collective:record'],
  },
  listCollectiveCases: {
    entry: 'regulator/list-collective-cases',
    description: 'Regulator: the collective cases, newest first, all or one merchant’s',
    bindings: ['table:read', 'credentials:verify'],
  },
  getCollectiveCase: {
    entry: 'regulator/get-collective-case',
    description:
      'Regulator: a collective case with its hearings, decision, a page of its members and how far its last run reached them; or every member as CSV',
    bindings: ['table:read', 'credentials:verify'],
  },
  addCollectiveMembers: {
    entry: 'regulator/add-collective-members',
    description:
      'Regulator: adds escalated complaints against the merchant to a collective case until it is decided; each added or refused with its reason',
    bindings: [
      'idempotency:record',
      'table:read',
      'credentials:verify',
      'replays:record',
      'collective:record',
      'collective:start',
    ],
  },
  scheduleCollectiveHearing: {
    entry: 'regulator/schedule-collective-hearing',
    description:
      "Regulator: schedules a collective case's hearing; every member's case gets it, and both parties are told",
    bindings: [
      'idempotency:record',
      'table:read',
      'credentials:verify',
      'replays:record',
      'collective:record',
      'collective:start',
    ],
  },
  decideCollectiveCase: {
    entry: 'regulator/decide-collective-case',
    description:
      "Regulator: decides a collective case once; the decision closes every member's case, and both parties are told",
    bindings: [
      'idempotency:record',
      'table:read',
      'credentials:verify',
      'replays:record',
      'collective:record',
      'collective:start',
    ],
  },
  applyCollectiveCase: {
    entry: 'regulator/apply-collective-case',
    description:
      "Collective-case task: brings every member's case in line with the collective case's hearings and decision, recording its progress",
    bindings: ['table:read', 'table:write', 'collective:record'],
    timeoutSeconds: 900,
  },
  evaluateAlerts: {
    entry: 'regulator/evaluate-alerts',
    description:
      "Scheduled: evaluates the regulators' alert rules on each merchant's daily counters; raises and publishes each once per merchant, rule and week",
    bindings: ['table:read', 'alerts:record', 'topic:escalations', 'site:links'],
    timeoutSeconds: 300,
  },
  listAlerts: {
    entry: 'regulator/list-alerts',
    description:
      'Regulator: the alerts raised on merchants, newest week first, with the figures behind each (no personal data)',
    bindings: ['table:read', 'credentials:verify'],
  },
  reportUnlistedSeller: {
    entry: 'unlisted/report-seller',
    description:
      'Consumer (verified): reports a seller not on CCMS by its Facebook page, website, phone or bKash/Nagad number (nothing public)',
    bindings: ['idempotency:record', 'table:read', 'unlisted:record'],
  },
  listUnlistedSellers: {
    entry: 'unlisted/list-sellers',
    description: 'Regulator: sellers not on CCMS, ranked by the consumers who reported them',
    bindings: ['table:read', 'credentials:verify'],
  },
  getUnlistedSeller: {
    entry: 'unlisted/get-seller',
    description: 'Regulator: a seller not on CCMS and the reports naming it (what consumers said, not who they are)',
    bindings: ['table:read', 'credentials:verify'],
  },
  recordSellerOnboarding: {
    entry: 'unlisted/record-onboarding',
    description: 'Regulator: records what was done to bring a reported seller onto CCMS',
    bindings: ['table:read', 'credentials:verify', 'replays:record', 'unlisted:onboard'],
  },
  buildOpenData: {
    entry: 'public/build-open-data',
    description:
      'Scheduled (monthly): builds the open-data files by complaint (CSV, JSON, dictionary) for the months whose deadlines have all passed, from the rows index alone',
    bindings: ['opendata:rows', 'opendata:publish'],
    timeoutSeconds: 900,
  },
  getPublicStats: {
    entry: 'public/get-stats',
    description:
      "Open data: the platform's numbers overall, by month, category and district, from the counters (public, cacheable)",
    bindings: ['table:read'],
  },
  searchMerchants: {
    entry: 'public/search-merchants',
    description: 'Open data: merchants by name, with their grievance officer and scorecard (public, cacheable)',
    bindings: ['table:read'],
  },
  getMerchantStats: {
    entry: 'public/get-merchant-stats',
    description: "Open data: one merchant's settlement record, from the counters (public, cacheable)",
    bindings: ['table:read'],
  },
  listCaseReads: {
    entry: 'admin/list-case-reads',
    description: "Operator: the access log of regulators' reads of cases",
    bindings: ['table:read'],
  },
  getConsumerComplaint: {
    entry: 'consumer/get-complaint',
    description:
      'Consumer: one of their complaints, with the proposal, the notes, the evidence and the actions allowed now',
    bindings: ['table:read', 'evidence:link'],
  },
  getConsumerData: {
    entry: 'consumer/get-data',
    description:
      "Consumer: everything kept about them (phone, identity, complaints with their name, email, notes, evidence and the regulators' reads), to download",
    bindings: ['table:read', 'personal-data:open', 'evidence:link'],
  },
  eraseConsumerData: {
    entry: 'consumer/erase-data',
    description:
      'Consumer: erases their personal data and free text from their closed complaints (files included), their reports of sellers and their verified identity; logged',
    bindings: ['table:read', 'personal-data:erase', 'unlisted:erase'],
  },
  listConsumerComplaints: {
    entry: 'consumer/list-complaints',
    description: 'Consumer: their own complaints',
    bindings: ['table:read'],
  },
  fireTimer: {
    entry: 'workflow/fire-timer',
    description: 'Workflow task: applies what a due complaint timer was for',
    bindings: ['table:read', 'table:write'],
  },
  sendHeldSms: {
    entry: 'workflow/send-held-sms',
    description: 'Workflow task: sends a consumer SMS held through quiet hours (21:00-09:00 Dhaka) the next morning',
    bindings: ['table:read', 'undeliverable:record', 'messages:settle', 'sms:send', 'one-tap:issue', 'site:links'],
  },
  onComplaintChange: {
    entry: 'workflow/on-complaint-change',
    description: 'Stream consumer: starts and stops timer executions; notifies consumers, merchants and regulators',
    bindings: [
      'table:read',
      'undeliverable:record',
      'messages:settle',
      'workflow:start',
      'webhooks:dispatch',
      'records:start',
      'topic:notifications',
      'topic:escalations',
      'sms:send',
      'email:send',
      'email:address-keys',
      'email:confirmations',
      'one-tap:issue',
      'personal-data:open',
      'site:links',
    ],
  },
  countComplaintChanges: {
    entry: 'workflow/count-complaint-changes',
    description: 'Stream consumer: counts each complaint change once in the public statistics',
    bindings: ['statistics:record'],
  },
  receiveSmsReport: {
    entry: 'sms/receive-report',
    description:
      "An SMS aggregator's delivery reports: keeps an SMS reported undelivered with its complaint (public: the aggregator's signature is the proof)",
    // Public: it reads the aggregator's key and writes what became of the message, nothing else.
    bindings: ['sms:reports', 'messages:settle', 'undeliverable:record'],
  },
  confirmEmail: {
    entry: 'email/confirm-address',
    description: "Confirms a consumer's email address from the link emailed to it (public: the token is the proof)",
    // Public: it reads and writes its confirmation items and nothing else of the table.
    bindings: ['email:confirmations'],
  },
  onEmailEvent: {
    entry: 'email/on-email-event',
    description:
      'SES bounce and complaint events: suppresses the address and marks the email undeliverable on its complaint',
    bindings: ['email:suppress', 'email:address-keys', 'undeliverable:record'],
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionId = keyof typeof functionCatalog;

/**
 * Who may call a route. `public`: anyone. `consumer`: a consumer session (Authorization: Bearer),
 * checked by an API Gateway authorizer. `merchant`, `regulator`: SigV4 (service `ccms`), checked
 * in the function against the exact body. `operator`: IAM authorization (SigV4, `execute-api`).
 */
export type Access = 'public' | 'consumer' | 'merchant' | 'regulator' | 'operator';

/** The function that authorizes consumer routes, in API Gateway and locally. */
export const authorizers = { consumer: 'authorizeConsumer' } as const satisfies Partial<Record<Access, FunctionId>>;

/** What a refused authorizer answers, in the API's error format (API Gateway gateway response and local gateway). */
export const unauthenticatedResponse = {
  status: 401,
  body: {
    error: {
      code: 'UNAUTHENTICATED',
      message: 'Verify your mobile number first, then send the session token as "Authorization: Bearer <token>".',
    },
  },
} as const;

/**
 * The largest request body the API takes: the WAF blocks anything larger (413) and the local
 * gateway does the same. It fits the largest valid request, a resolution proposal with a
 * 5,000-character message and 10 evidence references, written with every character escaped as
 * \uXXXX (6 bytes each); test/unit/request-size.test.ts proves it. AWS WAF's managed
 * SizeRestrictions_BODY (8 KB) would refuse a 2,800-character Bengali description (3 bytes each).
 */
export const maxRequestBodyBytes = 64 * 1024;

/** What a request over the size limit gets, from the WAF and from the local gateway alike. */
export const payloadTooLargeResponse = {
  status: 413,
  body: {
    error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${maxRequestBodyBytes / 1024} KB.` },
  },
} as const;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  function: FunctionId;
  access: Access;
  /**
   * Served from API Gateway's stage cache for `openDataCacheSeconds`, keyed by the path parameters,
   * these query parameters and the Accept header. Only for public answers that are the same for
   * everyone: a cached answer is given to any caller.
   */
  cache?: { query: readonly string[] };
  /** The OpenAPI operationId, where one function serves several operations (the function's id otherwise). */
  operationId?: string;
}

/** How long open data is served from the API's cache (and may be kept by browsers): five minutes. */
export const openDataCacheSeconds = 300;

/** Where an SMS aggregator posts its delivery reports: the firewall gives it a rate limit of its own (infra/edge-stack.ts). */
export const smsDeliveryReportsPath = '/v1/sms/delivery-reports';

export const routes: readonly Route[] = [
  { method: 'POST', path: '/v1/otp', function: 'requestOtp', access: 'public' },
  { method: 'POST', path: '/v1/otp/verify', function: 'verifyOtp', access: 'public' },
  { method: 'POST', path: '/v1/identity', function: 'verifyIdentity', access: 'consumer' },
  { method: 'GET', path: '/v1/identity', function: 'getIdentity', access: 'consumer' },
  { method: 'POST', path: '/v1/complaints', function: 'fileComplaint', access: 'consumer' },
  { method: 'POST', path: '/v1/complaints/precheck', function: 'precheckComplaint', access: 'consumer' },
  { method: 'GET', path: '/v1/complaints/{trackingNumber}', function: 'getComplaint', access: 'public' },
  { method: 'POST', path: '/v1/email-confirmations', function: 'confirmEmail', access: 'public' },
  { method: 'POST', path: smsDeliveryReportsPath, function: 'receiveSmsReport', access: 'public' },
  { method: 'POST', path: '/v1/one-tap', function: 'oneTap', access: 'public', operationId: 'openOneTapLink' },
  {
    method: 'POST',
    path: '/v1/one-tap/{action}',
    function: 'oneTap',
    access: 'public',
    operationId: 'actWithOneTapLink',
  },
  {
    method: 'POST',
    path: '/v1/complaints/{trackingNumber}/attachments',
    function: 'requestEvidenceUpload',
    access: 'consumer',
  },
  { method: 'GET', path: '/v1/complaints/{trackingNumber}/attachments', function: 'listEvidence', access: 'consumer' },
  { method: 'GET', path: '/v1/categories', function: 'listCategories', access: 'public' },
  { method: 'GET', path: '/v1/widget.js', function: 'serveWidget', access: 'public' },
  { method: 'GET', path: '/v1/openapi.json', function: 'serveOpenApi', access: 'public' },
  { method: 'GET', path: '/v1/public/stats', function: 'getPublicStats', access: 'public', cache: { query: [] } },
  { method: 'GET', path: '/v1/public/stats.csv', function: 'getPublicStats', access: 'public', cache: { query: [] } },
  {
    method: 'GET',
    path: '/v1/public/merchants',
    function: 'searchMerchants',
    access: 'public',
    cache: { query: ['q', 'limit', 'cursor'] },
  },
  {
    method: 'GET',
    path: '/v1/public/merchants.csv',
    function: 'searchMerchants',
    access: 'public',
    cache: { query: ['q', 'limit', 'cursor'] },
  },
  {
    method: 'GET',
    path: '/v1/public/merchants/{merchantId}/stats',
    function: 'getMerchantStats',
    access: 'public',
    cache: { query: [] },
  },
  {
    method: 'GET',
    path: '/v1/public/merchants/{merchantId}/stats.csv',
    function: 'getMerchantStats',
    access: 'public',
    cache: { query: [] },
  },
  { method: 'GET', path: '/v1/consumer/complaints', function: 'listConsumerComplaints', access: 'consumer' },
  { method: 'GET', path: '/v1/consumer/data', function: 'getConsumerData', access: 'consumer' },
  { method: 'POST', path: '/v1/consumer/erasure', function: 'eraseConsumerData', access: 'consumer' },
  {
    method: 'POST',
    path: '/v1/consumer/unlisted-sellers',
    function: 'reportUnlistedSeller',
    access: 'consumer',
  },
  {
    method: 'GET',
    path: '/v1/consumer/message-preferences',
    function: 'consumerMessagePreferences',
    access: 'consumer',
    operationId: 'getMessagePreferences',
  },
  {
    method: 'PUT',
    path: '/v1/consumer/message-preferences',
    function: 'consumerMessagePreferences',
    access: 'consumer',
    operationId: 'setMessagePreferences',
  },
  {
    method: 'GET',
    path: '/v1/consumer/complaints/{trackingNumber}',
    function: 'getConsumerComplaint',
    access: 'consumer',
  },
  { method: 'GET', path: '/v1/merchant/complaints', function: 'listMerchantComplaints', access: 'merchant' },
  {
    method: 'GET',
    path: '/v1/merchant/complaints/{trackingNumber}',
    function: 'getMerchantComplaint',
    access: 'merchant',
  },
  {
    method: 'POST',
    path: '/v1/merchant/complaints/{trackingNumber}/{action}',
    function: 'merchantAction',
    access: 'merchant',
  },
  {
    method: 'POST',
    path: '/v1/merchant/complaints/{trackingNumber}/attachments',
    function: 'requestMerchantEvidenceUpload',
    access: 'merchant',
  },
  { method: 'PUT', path: '/v1/merchant/webhook', function: 'registerWebhook', access: 'merchant' },
  { method: 'GET', path: '/v1/merchant/webhook/deliveries', function: 'listWebhookDeliveries', access: 'merchant' },
  { method: 'GET', path: '/v1/merchant/scorecard', function: 'getMerchantScorecard', access: 'merchant' },
  { method: 'GET', path: '/v1/merchant/order-counts', function: 'listOrderCounts', access: 'merchant' },
  {
    method: 'PUT',
    path: '/v1/merchant/order-counts/{month}',
    function: 'reportOrderCount',
    access: 'merchant',
  },
  {
    method: 'POST',
    path: '/v1/consumer/complaints/{trackingNumber}/{action}',
    function: 'consumerAction',
    access: 'consumer',
  },
  { method: 'GET', path: '/v1/regulator/cases', function: 'searchCases', access: 'regulator' },
  { method: 'GET', path: '/v1/regulator/cases/{trackingNumber}', function: 'getRegulatorCase', access: 'regulator' },
  {
    method: 'POST',
    path: '/v1/regulator/cases/{trackingNumber}/hearings',
    function: 'scheduleHearing',
    access: 'regulator',
  },
  {
    method: 'POST',
    path: '/v1/regulator/cases/{trackingNumber}/decision',
    function: 'decideCase',
    access: 'regulator',
  },
  { method: 'POST', path: '/v1/regulator/exports', function: 'requestExport', access: 'regulator' },
  { method: 'GET', path: '/v1/regulator/alerts', function: 'listAlerts', access: 'regulator' },
  {
    method: 'GET',
    path: '/v1/regulator/unlisted-sellers',
    function: 'listUnlistedSellers',
    access: 'regulator',
  },
  {
    method: 'GET',
    path: '/v1/regulator/unlisted-sellers/{sellerId}',
    function: 'getUnlistedSeller',
    access: 'regulator',
  },
  {
    method: 'POST',
    path: '/v1/regulator/unlisted-sellers/{sellerId}/onboarding',
    function: 'recordSellerOnboarding',
    access: 'regulator',
  },
  {
    method: 'POST',
    path: '/v1/regulator/collective-cases',
    function: 'createCollectiveCase',
    access: 'regulator',
  },
  { method: 'GET', path: '/v1/regulator/collective-cases', function: 'listCollectiveCases', access: 'regulator' },
  {
    method: 'GET',
    path: '/v1/regulator/collective-cases/{caseId}',
    function: 'getCollectiveCase',
    access: 'regulator',
  },
  {
    method: 'GET',
    path: '/v1/regulator/collective-cases/{caseId}/members.csv',
    function: 'getCollectiveCase',
    access: 'regulator',
  },
  {
    method: 'POST',
    path: '/v1/regulator/collective-cases/{caseId}/members',
    function: 'addCollectiveMembers',
    access: 'regulator',
  },
  {
    method: 'POST',
    path: '/v1/regulator/collective-cases/{caseId}/hearings',
    function: 'scheduleCollectiveHearing',
    access: 'regulator',
  },
  {
    method: 'POST',
    path: '/v1/regulator/collective-cases/{caseId}/decision',
    function: 'decideCollectiveCase',
    access: 'regulator',
  },
  { method: 'GET', path: '/v1/regulator/exports/{exportId}', function: 'getExport', access: 'regulator' },
  {
    method: 'POST',
    path: '/v1/admin/merchants',
    function: 'merchantRegistry',
    access: 'operator',
    operationId: 'onboardMerchant',
  },
  { method: 'POST', path: '/v1/admin/merchants/{merchantId}/keys', function: 'issueMerchantKey', access: 'operator' },
  {
    method: 'PUT',
    path: '/v1/admin/merchants/{merchantId}/grievance-officer',
    function: 'merchantRegistry',
    access: 'operator',
    operationId: 'replaceGrievanceOfficer',
  },
  { method: 'DELETE', path: '/v1/admin/keys/{accessKeyId}', function: 'revokeKey', access: 'operator' },
  { method: 'POST', path: '/v1/admin/regulators', function: 'registerRegulator', access: 'operator' },
  { method: 'GET', path: '/v1/admin/access-log', function: 'listCaseReads', access: 'operator' },
];

/** ASL definition substitutions that name a task function, and which function each one is. */
/**
 * The routes the site's web ACL challenges (AWS WAF's challenge: a browser token first): asking for
 * a code. infra/edge-stack.ts builds the rule from it, the local gateway challenges the same.
 */
export const challengedRoutes: readonly Pick<Route, 'method' | 'path'>[] = [{ method: 'POST', path: '/v1/otp' }];
export const isChallenged = (method: string, path: string) =>
  challengedRoutes.some((route) => route.method === method && route.path === path);

/** API Gateway stops waiting for an integration after 29 seconds and answers 504 "Endpoint request timed out" (INTEGRATION_TIMEOUT). */
export const integrationTimeoutSeconds = 29;
/**
 * An API function (a route's or an authorizer's) gives up at 25 seconds: middy answers 503 with
 * Retry-After just before the function's timeout, and that answer must reach API Gateway inside its
 * 29 seconds, cold start and network included. Other functions have 30 seconds unless they say.
 */
export const apiFunctionTimeoutSeconds = 25;
const apiFunctions: ReadonlySet<FunctionId> = new Set([
  ...routes.map((route) => route.function),
  ...Object.values(authorizers),
]);
export const timeoutSecondsOf = (functionId: FunctionId): number => {
  const { timeoutSeconds } = functionCatalog[functionId] as FunctionSpec;
  if (!apiFunctions.has(functionId)) return timeoutSeconds ?? 30;
  if (timeoutSeconds !== undefined && timeoutSeconds > apiFunctionTimeoutSeconds)
    throw new Error(
      `${functionId} serves the API, so its timeout must be at most ${apiFunctionTimeoutSeconds} s (API Gateway waits ${integrationTimeoutSeconds} s); it asks for ${timeoutSeconds} s`,
    );
  return timeoutSeconds ?? apiFunctionTimeoutSeconds;
};

export const lifecycleTaskFunctions = {
  FireTimerFunctionArn: 'fireTimer',
  SendHeldSmsFunctionArn: 'sendHeldSms',
} as const satisfies Record<string, FunctionId>;

/** The webhook-delivery state machine's task functions. */
export const webhookDeliveryTaskFunctions = {
  DeliverWebhookFunctionArn: 'deliverWebhook',
} as const satisfies Record<string, FunctionId>;

/** The case-export state machine's task function. */
export const caseExportTaskFunctions = {
  RunExportFunctionArn: 'runExport',
} as const satisfies Record<string, FunctionId>;

/** The collective-case state machine's task function. */
export const collectiveCaseTaskFunctions = {
  ApplyCollectiveCaseFunctionArn: 'applyCollectiveCase',
} as const satisfies Record<string, FunctionId>;

/** The case-record state machine's task function. */
export const caseRecordTaskFunctions = {
  IssueCaseRecordFunctionArn: 'issueCaseRecord',
} as const satisfies Record<string, FunctionId>;

/** The function that receives SES's bounce and complaint events (through a topic and a queue in AWS). */
export const emailEventConsumer: FunctionId = 'onEmailEvent';

/** The function that checks uploaded evidence files (S3 object-created notifications, through a queue in AWS). */
export const evidenceUploadConsumer: FunctionId = 'checkEvidence';

/**
 * The function that decides whether a consumer SMS waits for the morning: the only one the local
 * cloud gives its quiet-hours scope (envNames.quietHoursFor), which the CDK app never sets.
 */
export const quietHoursDecidedBy: FunctionId = 'onComplaintChange';

/** Functions run on a schedule (EventBridge in AWS; locally POST /__local/schedules/<functionId>), with their rate. */
export const scheduledFunctions = {
  sweepTimers: { rate: 'rate(15 minutes)', minutes: 15 },
  eraseExpiredComplaints: { rate: 'rate(1 hour)', minutes: 60 },
  evaluateAlerts: { rate: 'rate(6 hours)', minutes: 360 },
  // On the 2nd of each month, 02:00 in Dhaka (functions/domain/open-data.ts monthsToRebuild).
  buildOpenData: { rate: 'cron(0 20 1 * ? *)', minutes: 44_640 },
} as const satisfies Partial<Record<FunctionId, { rate: string; minutes: number }>>;

/** The function that applies GuardDuty's malware scan results (EventBridge, through a queue in AWS). */
export const malwareScanConsumer: FunctionId = 'onMalwareScan';

/** How the table's stream feeds a consumer, in AWS (the event source mapping) and locally alike. */
export interface StreamFeed {
  batchSize: number;
  /** Batches of one shard processed at once; the changes of one partition key always in the same one, in order. */
  parallelizationFactor: number;
  bisectBatchOnError: boolean;
  retryAttempts: number;
  maxRecordAgeSeconds: number;
}

/**
 * The functions the table's stream feeds (the outbox of every change). Each has its own position in
 * the stream and its own failure path: a failing batch is split in two until the failing record is
 * alone, retried a bounded number of times, then set aside (in AWS to an SQS on-failure queue with
 * an alarm; locally to GET /__local/dead-letters), so one record that always fails cannot hold up
 * the complaints behind it in its shard.
 * - onComplaintChange starts and stops timers and sends messages: its work is mostly waiting on
 *   other services, so ten batches of a shard run at once (one batch at a time handed off a busy
 *   hour's changes more slowly than they were made).
 * - countComplaintChanges counts them in the statistics: one batch a shard at a time, so its
 *   transactions on the shared counter items do not cancel one another (DynamoDB cancels
 *   overlapping transactions); and larger batches, so a busy hour makes fewer of them.
 */
export const streamConsumers = {
  onComplaintChange: {
    batchSize: 25,
    parallelizationFactor: 10,
    bisectBatchOnError: true,
    retryAttempts: 10,
    maxRecordAgeSeconds: 6 * 3600,
  },
  countComplaintChanges: {
    batchSize: 100,
    parallelizationFactor: 1,
    bisectBatchOnError: true,
    retryAttempts: 10,
    maxRecordAgeSeconds: 6 * 3600,
  },
} as const satisfies Partial<Record<FunctionId, StreamFeed>>;

export type StreamConsumerId = keyof typeof streamConsumers;
