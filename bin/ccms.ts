#!/usr/bin/env node
/**
 * The CDK app: one stateful and one stateless stack per stage, checked by cdk-nag's AwsSolutions
 * rules (an unacknowledged finding stops synthesis). `npx cdk synth -c stage=prod`.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCcms } from '../infra/app';

const app = new App();
const identityGatewayUrl: string | undefined = app.node.tryGetContext('identityGatewayUrl');
const identityGatewayApiKey: string | undefined = app.node.tryGetContext('identityGatewayApiKey');
buildCcms(app, {
  stage: app.node.tryGetContext('stage') ?? 'dev',
  identityGateway: identityGatewayUrl && identityGatewayApiKey ? { url: identityGatewayUrl, apiKey: identityGatewayApiKey } : undefined,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
