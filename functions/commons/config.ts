/**
 * Configuration comes from environment variables, parsed with zod when a handler module loads:
 * a function deployed without what it needs fails at cold start, loudly, not on the first request.
 */
import './zod-english';
import * as z from 'zod';

export const envNames = {
  table: 'TABLE_NAME',
  stateMachine: 'LIFECYCLE_STATE_MACHINE_ARN',
  /** The stream consumers' set-aside queues, as JSON: consumer id to queue URL. */
  setAsideQueues: 'SET_ASIDE_QUEUE_URLS',
  webhookStateMachine: 'WEBHOOK_STATE_MACHINE_ARN',
  allowLoopbackWebhooks: 'ALLOW_LOOPBACK_WEBHOOKS',
  notificationsTopic: 'NOTIFICATIONS_TOPIC_ARN',
  escalationsTopic: 'ESCALATIONS_TOPIC_ARN',
  evidenceBucket: 'EVIDENCE_BUCKET_NAME',
  /** Where regulators' CSV exports are written (exports/ of the evidence bucket). */
  exportBucket: 'EXPORT_BUCKET_NAME',
  exportStateMachine: 'EXPORT_STATE_MACHINE_ARN',
  /** Where the open-data files are published (the site serves them under /open-data/). */
  openDataBucket: 'OPEN_DATA_BUCKET_NAME',
  /** The write-once bucket of formal case records, and the workflow that issues them. */
  caseRecordBucket: 'CASE_RECORD_BUCKET_NAME',
  caseRecordStateMachine: 'CASE_RECORD_STATE_MACHINE_ARN',
  /** The workflow that brings a collective case's members in line with its hearings and decision. */
  collectiveStateMachine: 'COLLECTIVE_STATE_MACHINE_ARN',
  identityHashKey: 'IDENTITY_HASH_KEY_ID',
  credentialsKey: 'CREDENTIALS_KEY_ID',
  /** The table of idempotency records (Idempotency-Key). */
  idempotencyTable: 'IDEMPOTENCY_TABLE_NAME',
  /** The KMS key personal data (the complainant's name) is sealed with. */
  personalDataKey: 'PERSONAL_DATA_KEY_ID',
  identityVerifier: 'IDENTITY_VERIFIER',
  identityGatewayUrl: 'IDENTITY_GATEWAY_URL',
  /** The name or ARN of the Secrets Manager secret that holds the gateway's API key (never the key itself). */
  identityGatewayApiKeySecret: 'IDENTITY_GATEWAY_API_KEY_SECRET',
  /** The From address (at the SES sending domain), or `unconfigured` when the stage has no domain. */
  emailFrom: 'EMAIL_FROM',
  emailConfigurationSet: 'EMAIL_CONFIGURATION_SET',
  /** The public site (`<site>/track/<trackingNumber>` is a complaint's tracking page). */
  siteUrl: 'SITE_URL',
  /** Days a complaint closed for good keeps its personal data and free text (the retention job). */
  complaintRetentionDays: 'COMPLAINT_RETENTION_DAYS',
  /** The SMS providers in the order they are tried: `sns`, `gateway`, or both, comma-separated. */
  smsProviders: 'SMS_PROVIDERS',
  /** The SMS aggregator's HTTPS endpoint, its sender id, and the secret holding its API key. */
  smsGatewayUrl: 'SMS_GATEWAY_URL',
  smsSenderId: 'SMS_SENDER_ID',
  smsGatewayApiKeySecret: 'SMS_GATEWAY_API_KEY_SECRET',
  /**
   * Local cloud only (never set by the CDK app): comma-separated merchant id prefixes whose
   * complaints alone keep quiet hours, so a test's time of day decides nothing for the others.
   */
  quietHoursFor: 'QUIET_HOURS_FOR',
  /** The stage's own alert rules as JSON (CDK context `alertRulesFile`); the platform's (functions/domain/alert-rules.json) when absent. */
  alertRules: 'ALERT_RULES',
} as const;

export const loadConfig = <T extends z.ZodRawShape>(shape: T, env: NodeJS.ProcessEnv = process.env) => {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    throw new Error(`Function configuration is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
};

/** The table, for every function bound to it (table:read, table:write and the narrower item bindings). */
export const tableName = () => loadConfig({ [envNames.table]: z.string().min(1) })[envNames.table];

/**
 * Whether quiet hours hold a complaint's news that can wait (functions/domain/quiet-hours.ts): for
 * every complaint, unless the local cloud scoped them to some merchants (envNames.quietHoursFor).
 */
export const quietHoursConfig = (env: NodeJS.ProcessEnv = process.env) => {
  const prefixes = (env[envNames.quietHoursFor] ?? '')
    .split(',')
    .map((prefix) => prefix.trim())
    .filter(Boolean);
  return (complaint: { merchantId: string }) =>
    prefixes.length === 0 || prefixes.some((prefix) => complaint.merchantId.startsWith(prefix));
};

/** The public site (binding site:links), if the stage has one: messages and the widget link to its pages. */
export const siteUrlConfig = () =>
  loadConfig({ [envNames.siteUrl]: z.url({ protocol: /^https?$/ }).optional() })[envNames.siteUrl];
