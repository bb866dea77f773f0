#!/usr/bin/env node
/**
 * The CDK app: the stacks of one stage (infra/app.ts), checked by AWS Control Tower's proactive
 * controls (CloudFormation Guard, infra/guard.ts) and cdk-nag's AwsSolutions
 * rules (an unacknowledged finding stops synthesis). `npx cdk synth -c stage=prod`.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCcms } from '../infra/app';
import type { SmsProvider } from '../functions/bindings';
import { escalationSubscriptionsFromContext } from '../infra/escalation-subscriptions';
import { guardValidator } from '../infra/guard';

const app = new App();

/** The SMS providers from context: `smsProviders` (e.g. `gateway,sns`) and the aggregator's settings. */
function smsFromContext(scope: App) {
  const providers: string | undefined = scope.node.tryGetContext('smsProviders');
  if (providers === undefined) return undefined;
  const url: string | undefined = scope.node.tryGetContext('smsGatewayUrl');
  return {
    providers: String(providers)
      .split(',')
      .map((provider) => provider.trim()) as SmsProvider[],
    gateway:
      url === undefined
        ? undefined
        : {
            url,
            senderId: String(scope.node.tryGetContext('smsSenderId') ?? ''),
            apiKeySecret: String(scope.node.tryGetContext('smsGatewayApiKeySecret') ?? ''),
          },
  };
}
const identityGatewayUrl: string | undefined = app.node.tryGetContext('identityGatewayUrl');
// The API key itself never passes through context or the template: only the name of the secret holding it.
const identityGatewayApiKeySecret: string | undefined = app.node.tryGetContext('identityGatewayApiKeySecret');
if (app.node.tryGetContext('identityGatewayApiKey')) {
  throw new Error(
    'identityGatewayApiKey is no longer read: store the key in Secrets Manager and pass its name as identityGatewayApiKeySecret.',
  );
}
const emailDomain: string | undefined = app.node.tryGetContext('emailDomain');
const retentionDays = app.node.tryGetContext('caseRecordRetentionDays');
buildCcms(app, {
  stage: app.node.tryGetContext('stage') ?? 'dev',
  siteUrl: app.node.tryGetContext('siteUrl'),
  siteCertificateArn: app.node.tryGetContext('siteCertificateArn'),
  alarmSubscriptions: String(app.node.tryGetContext('alarmSubscriptions') ?? '')
    .split(',')
    .map((endpoint) => endpoint.trim())
    .filter((endpoint) => endpoint !== ''),
  sms: smsFromContext(app),
  smsMonthlySpendLimitUsd:
    app.node.tryGetContext('smsMonthlySpendLimitUsd') === undefined
      ? undefined
      : Number(app.node.tryGetContext('smsMonthlySpendLimitUsd')),
  evidenceMalwareScan: [true, 'true'].includes(app.node.tryGetContext('evidenceMalwareScan')),
  releaseIgnoringAlarms: [true, 'true'].includes(app.node.tryGetContext('releaseIgnoringAlarms')),
  escalationSubscriptions: escalationSubscriptionsFromContext(
    app.node.tryGetContext('escalationSubscriptions'),
    app.node.tryGetContext('escalationSubscriptionsFile'),
  ),
  alertRulesFile: app.node.tryGetContext('alertRulesFile'),
  complaintRetentionDays:
    app.node.tryGetContext('complaintRetentionDays') === undefined
      ? undefined
      : Number(app.node.tryGetContext('complaintRetentionDays')),
  caseRecordRetention:
    retentionDays === undefined
      ? undefined
      : { days: Number(retentionDays), mode: app.node.tryGetContext('caseRecordRetentionMode') ?? 'COMPLIANCE' },
  email: emailDomain
    ? {
        domain: emailDomain,
        from: app.node.tryGetContext('emailFrom'),
        configurationSetName: app.node.tryGetContext('emailConfigurationSetName'),
      }
    : undefined,
  identityGateway:
    identityGatewayUrl && identityGatewayApiKeySecret
      ? { url: identityGatewayUrl, apiKeySecret: identityGatewayApiKeySecret }
      : undefined,
});
// Control Tower's proactive controls (CloudFormation Guard) and cdk-nag, on every synth.
Validations.of(app).addPlugins(guardValidator(), new AwsSolutionsChecks(app));
app.synth();
