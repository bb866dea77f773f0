/** Builds the stacks of one stage into an app; bin/ccms.ts and the infra tests share it. */
import { Annotations, Aspects, Stack, Tags, type App } from 'aws-cdk-lib';
import { smsLinkFits, smsSiteMaxLength } from '../functions/domain/messages';
import { identityGatewayUrl } from '../functions/domain/identity';
import type { IdentityGateway } from './constructs/ccms-function';
import { EdgeStack } from './edge-stack';
import { GuardAcknowledgements } from './guard';
import { OpsStack } from './ops-stack';
import { boundProvidedFunctionLogs } from './provided-function-logs';
import { stageSettings } from './stage';
import { complaintRetentionDays, retentionDays } from '../functions/domain/erasure';
import { alertRulesFromFile } from './alert-rules';
import { StatefulStack, type CaseRecordRetention, type EmailSettings } from './stateful-stack';
import { FunctionsStack, type SmsSettings } from './functions-stack';
import { smsProviders } from '../functions/bindings';
import { ApiStack } from './api-stack';
import { WebStack } from './web-stack';
import type { EscalationSubscription } from './escalation-subscriptions';

export interface CcmsOptions {
  stage: string;
  /** The national ID gateway (context `identityGatewayUrl` and `identityGatewayApiKeySecret`). */
  identityGateway?: IdentityGateway;
  /** Email through SES (context `emailDomain`, `emailFrom`, `emailConfigurationSetName`); without it every email is kept as undeliverable. */
  email?: EmailSettings;
  /** The public site messages link to (context `siteUrl`, https); without it messages carry no link. */
  siteUrl?: string;
  /**
   * The ACM certificate (in us-east-1, as CloudFront requires) for siteUrl's host (context
   * `siteCertificateArn`): the distribution then serves that name. Needed for any host but the
   * distribution's own *.cloudfront.net name.
   */
  siteCertificateArn?: string;
  /** Amazon GuardDuty Malware Protection for S3 on the evidence bucket (context `evidenceMalwareScan=true`). */
  evidenceMalwareScan?: boolean;
  /** Regulators' subscriptions to the escalations topic (context `escalationSubscriptions`, checked by infra/escalation-subscriptions.ts). */
  escalationSubscriptions?: EscalationSubscription[];
  /** Who is told of alarms: email addresses and https endpoints (context `alarmSubscriptions`, comma-separated). */
  alarmSubscriptions?: readonly string[];
  /**
   * The SMS providers in the order they are tried, and the aggregator's HTTPS endpoint, sender id and
   * API key secret (context `smsProviders`, e.g. `gateway,sns`; `smsGatewayUrl`, `smsSenderId`,
   * `smsGatewayApiKeySecret`). SNS alone when absent.
   */
  sms?: SmsSettings;
  /** The monthly SMS spend limit set in the account (context `smsMonthlySpendLimitUsd`; AWS's default for a new account is 1). */
  smsMonthlySpendLimitUsd?: number;
  /** Releases of API functions go ahead whatever their alarms say (context `releaseIgnoringAlarms=true`), to roll a fix forward past a failing version. */
  releaseIgnoringAlarms?: boolean;
  /** The lock on formal case records (context `caseRecordRetentionDays`, `caseRecordRetentionMode`). */
  caseRecordRetention?: CaseRecordRetention;
  /**
   * Days a complaint closed for good keeps its personal data and free text before the retention
   * job erases them (context `complaintRetentionDays`; functions/domain/erasure.ts has the defaults).
   */
  complaintRetentionDays?: number;
  /** A JSON file of the stage's own alert rules (context `alertRulesFile`; functions/domain/alert-rules.json when absent). */
  alertRulesFile?: string;
}

/** The providers are known and each named once; the aggregator, when one of them, has an https endpoint, a sender id and a secret. */
const checkSmsSettings = ({ providers, gateway }: SmsSettings) => {
  if (
    providers.length === 0 ||
    new Set(providers).size !== providers.length ||
    providers.some((provider) => !(smsProviders as readonly string[]).includes(provider))
  )
    throw new Error(
      `smsProviders must name ${smsProviders.join(' and/or ')}, each once, in the order they are tried; got ${providers.join(',')}`,
    );
  if (!providers.includes('gateway')) return;
  if (!gateway)
    throw new Error('smsProviders names gateway: give smsGatewayUrl, smsSenderId and smsGatewayApiKeySecret');
  const url = URL.canParse(gateway.url) ? new URL(gateway.url) : undefined;
  if (url?.protocol !== 'https:' || url.username !== '' || url.password !== '' || /\s/.test(gateway.url))
    throw new Error(
      'smsGatewayUrl must be an https:// URL without credentials (the API key goes in smsGatewayApiKeySecret)',
    );
  // Operators register alphanumeric sender ids of up to 11 characters, or a number (masking or long code).
  if (!/^([A-Za-z0-9](?:[A-Za-z0-9 ]{0,9}[A-Za-z0-9])?|\+?\d{3,15})$/.test(gateway.senderId))
    throw new Error(`smsSenderId must be up to 11 letters and digits, or a number; got ${gateway.senderId}`);
  if (gateway.apiKeySecret.trim() === '')
    throw new Error('smsGatewayApiKeySecret must name the Secrets Manager secret holding the API key');
};

export const buildCcms = (app: App, options: CcmsOptions) => {
  if (options.identityGateway && !identityGatewayUrl.safeParse(options.identityGateway.url).success) {
    throw new Error(`identityGatewayUrl must be an https:// URL; got ${options.identityGateway.url}`);
  }
  const settings = stageSettings(options.stage);
  const retention = options.caseRecordRetention;
  if (
    retention &&
    (!retentionDays.safeParse(retention.days).success || !['COMPLIANCE', 'GOVERNANCE'].includes(retention.mode))
  ) {
    throw new Error(
      `caseRecordRetentionDays must be a whole number of days from 1 to 36500 and caseRecordRetentionMode COMPLIANCE or GOVERNANCE; got ${retention.days} ${retention.mode}`,
    );
  }
  const keptDays =
    options.complaintRetentionDays ??
    (settings.isProduction ? complaintRetentionDays.production : complaintRetentionDays.other);
  if (!retentionDays.safeParse(keptDays).success)
    throw new Error(`complaintRetentionDays must be a whole number of days from 1 to 36500; got ${keptDays}`);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  if (
    options.email &&
    !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(options.email.domain)
  ) {
    throw new Error(`emailDomain must be a domain name such as ccms.gov.bd; got ${options.email.domain}`);
  }
  if (options.siteUrl !== undefined && !/^https:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(options.siteUrl)) {
    throw new Error(`siteUrl must be an https:// URL without query or fragment; got ${options.siteUrl}`);
  }
  const siteHost = options.siteUrl === undefined ? undefined : new URL(options.siteUrl).hostname;
  if (options.siteCertificateArn !== undefined) {
    if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/.test(options.siteCertificateArn))
      throw new Error(
        `siteCertificateArn must be an ACM certificate in us-east-1 (CloudFront takes certificates from there only); got ${options.siteCertificateArn}`,
      );
    if (siteHost === undefined) throw new Error('siteCertificateArn needs siteUrl, whose host the certificate is for');
  } else if (siteHost !== undefined && !siteHost.endsWith('.cloudfront.net')) {
    throw new Error(
      `siteUrl names ${siteHost}, which the distribution serves only with its certificate: give siteCertificateArn (ACM, us-east-1), or use the distribution's *.cloudfront.net name`,
    );
  }
  for (const endpoint of options.alarmSubscriptions ?? []) {
    if (!/^https:\/\/[^\s/?#]+/.test(endpoint) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(endpoint))
      throw new Error(`alarmSubscriptions must be email addresses or https:// URLs, comma-separated; got ${endpoint}`);
  }
  const spendLimit = options.smsMonthlySpendLimitUsd;
  if (spendLimit !== undefined && !(Number.isFinite(spendLimit) && spendLimit > 0))
    throw new Error(`smsMonthlySpendLimitUsd must be a positive number of dollars; got ${spendLimit}`);
  if (options.sms) checkSmsSettings(options.sms);
  const data = new StatefulStack(app, `Ccms-${settings.stage}-Data`, {
    settings,
    env,
    terminationProtection: settings.isProduction,
    email: options.email,
    evidenceMalwareScan: options.evidenceMalwareScan,
    escalationSubscriptions: options.escalationSubscriptions,
    caseRecordRetention: options.caseRecordRetention,
    siteOrigin: siteHost && `https://${siteHost}`,
    alarmSubscriptions: options.alarmSubscriptions,
  });
  const apiFunctionStacks = {
    public: new Stack(app, `Ccms-${settings.stage}-PublicFunctions`, {
      env,
      description: `CCMS ${settings.stage}: the API's functions for consumers and the public, with their releases`,
    }),
    organisation: new Stack(app, `Ccms-${settings.stage}-OrganisationFunctions`, {
      env,
      description: `CCMS ${settings.stage}: the API's functions for merchants, operators and regulators, with their releases`,
    }),
  };
  const functions = new FunctionsStack(app, `Ccms-${settings.stage}-Functions`, {
    settings,
    env,
    apiFunctionStacks,
    releaseIgnoringAlarms: options.releaseIgnoringAlarms,
    table: data.table,
    notificationsTopic: data.notificationsTopic,
    escalationsTopic: data.escalationsTopic,
    topicKey: data.topicKey,
    identityHashKey: data.identityHashKey,
    credentialsKey: data.credentialsKey,
    personalDataKey: data.personalDataKey,
    caseRecordBucket: data.caseRecordBucket,
    openDataBucket: data.openDataBucket,
    evidence: {
      bucket: data.evidenceBucket,
      uploads: data.evidenceUploads,
      uploadsDeadLetters: data.evidenceUploadsDeadLetters,
    },
    idempotencyTable: data.idempotencyTable,
    identityGateway: options.identityGateway,
    sms: options.sms,
    siteUrl: options.siteUrl,
    complaintRetentionDays: keptDays,
    alertRules: alertRulesFromFile(options.alertRulesFile),
    email: {
      configurationSet: data.emailConfigurationSet,
      eventsTopic: data.emailEventsTopic,
      sender:
        options.email && data.emailIdentity
          ? { domain: options.email.domain, from: options.email.from ?? `no-reply@${options.email.domain}` }
          : undefined,
    },
  });
  // A long site still deploys: its SMS name the tracking number instead of a link, and stay one part.
  if (options.siteUrl !== undefined && !smsLinkFits(options.siteUrl))
    Annotations.of(functions).addWarningV2(
      'ccms:smsLinkTooLong',
      `siteUrl ${options.siteUrl} is too long for the one-part SMS's short link (at most ${smsSiteMaxLength} characters without https://): SMS will carry the tracking number instead, emails the link`,
    );
  const api = new ApiStack(app, `Ccms-${settings.stage}-Api`, { settings, env, releases: functions.releases });
  // CloudFront's web ACLs live in us-east-1, whatever the stage's region.
  const edge = new EdgeStack(app, `Ccms-${settings.stage}-Edge`, {
    settings,
    env: { account: env.account, region: 'us-east-1' },
    siteHost,
  });
  const web = new WebStack(app, `Ccms-${settings.stage}-Web`, {
    settings,
    env,
    api: api.api,
    evidenceBucket: data.evidenceBucket,
    openDataBucket: data.openDataBucket,
    domain:
      siteHost && options.siteCertificateArn
        ? { name: siteHost, certificateArn: options.siteCertificateArn }
        : undefined,
  });
  web.addStackDependency(edge, 'the web ACL and its challenge integration, read from SSM in us-east-1');
  const ops = new OpsStack(app, `Ccms-${settings.stage}-Ops`, {
    settings,
    env,
    functions,
    api,
    table: data.table,
    alarmTopic: data.alarmTopic,
    smsMonthlySpendLimitUsd: options.smsMonthlySpendLimitUsd ?? 1,
  });
  for (const stack of [data, functions, apiFunctionStacks.public, apiFunctionStacks.organisation, api, web, edge])
    boundProvidedFunctionLogs(stack, settings);
  Aspects.of(app).add(new GuardAcknowledgements(settings));
  Tags.of(app).add('project', 'ccms');
  Tags.of(app).add('stage', settings.stage);
  return {
    data,
    functions,
    publicFunctions: apiFunctionStacks.public,
    organisationFunctions: apiFunctionStacks.organisation,
    api,
    web,
    ops,
    edge,
  };
};
