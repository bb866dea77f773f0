/**
 * AWS Control Tower's proactive controls, checked at synth by CloudFormation Guard
 * (`@cdklabs/cdk-validator-cfnguard`, a CDK policy-validation plugin) beside cdk-nag. A violation
 * stops synthesis unless it is acknowledged at its resource, with its reason, through the same
 * `Validations.of(...).acknowledge` as cdk-nag's findings; `acknowledgeGuard` names the rules.
 * What every resource of a kind shares (no VPC, log groups without a customer key) is acknowledged
 * by an aspect, still on each resource, so a new resource of another kind is checked afresh.
 */
import {
  CfnResource,
  Validations,
  type IAspect,
  type IPolicyValidationContextBeta1,
  type IPolicyValidationPluginBeta1,
  type PolicyValidationPluginReportBeta1,
} from 'aws-cdk-lib';
import { CfnFunction, CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { IConstruct } from 'constructs';
import type { StageSettings } from './stage';

/** The Control Tower rules that CCMS's resources acknowledge somewhere, by their Guard rule names. */
export const guardRules = {
  'CT.CLOUDWATCH.PR.2': 'cloudwatch_log_group_retention_period_check',
  'CT.CLOUDWATCH.PR.3': 'cloudwatch_log_group_encrypted_check',
  'CT.DYNAMODB.PR.1': 'dynamodb_table_pitr_enabled_check',
  'CT.LAMBDA.PR.2': 'lambda_function_public_access_prohibited_check',
  'CT.LAMBDA.PR.3': 'lambda_inside_vpc_check',
  'CT.S3.PR.2': 's3_bucket_logging_enabled_check',
  'CT.S3.PR.3': 's3_version_lifecycle_policy_check',
  'CT.S3.PR.4': 's3_event_notifications_enabled_check',
  'CT.S3.PR.5': 's3_bucket_acl_prohibited_check',
  'CT.S3.PR.6': 's3_lifecycle_policy_check',
  'CT.S3.PR.9': 's3_bucket_object_lock_enabled_check',
  'CT.S3.PR.10': 's3_bucket_default_encryption_kms_check',
  'CT.S3.PR.11': 's3_bucket_versioning_enabled_check',
  'CT.SQS.PR.1': 'sqs_dlq_check',
  'CT.CLOUDFRONT.PR.4': 'cloudfront_origin_failover_enabled_check',
  'CT.CLOUDFRONT.PR.5': 'cloudfront_access_logs_enabled_check',
  'CT.CLOUDFRONT.PR.6': 'cloudfront_custom_ssl_certificate_check',
  'CT.CLOUDFRONT.PR.7': 'cloudfront_sni_enabled_check',
  'CT.CLOUDFRONT.PR.9': 'cloudfront_security_policy_check',
} as const;
export type GuardControl = keyof typeof guardRules;

/** The plugin's namespace in acknowledgement ids (its name). */
const guardNamespace = 'cdk-validator-cfnguard';

/**
 * All of Control Tower's bundled proactive controls, every violation an error. The plugin reports
 * its violations without a severity, and the CDK counts a report with one acknowledged violation
 * as passing when none of those left has severity `error`: without this, a single acknowledgement
 * anywhere would let every other violation through (test/infra/app.test.ts proves it does not).
 */
class ControlTowerChecks implements IPolicyValidationPluginBeta1 {
  private readonly guard = new CfnGuardValidator({ controlTowerRulesEnabled: true });
  readonly name = this.guard.name;
  readonly version = this.guard.version;
  readonly ruleIds = this.guard.ruleIds;

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const report = this.guard.validate(context);
    return {
      ...report,
      violations: report.violations.map((violation) => ({ ...violation, severity: violation.severity ?? 'error' })),
    };
  }
}

/** The validator bin/ccms.ts adds to every synth (`Validations.of(app).addPlugins`). */
export const guardValidator = (): IPolicyValidationPluginBeta1 => new ControlTowerChecks();

/** Acknowledges Control Tower controls at this construct (and what it contains), each with its reason. */
export const acknowledgeGuard = (scope: IConstruct, reasons: Partial<Record<GuardControl, string>>) => {
  for (const [control, reason] of Object.entries(reasons) as [GuardControl, string][])
    Validations.of(scope).acknowledge({ id: `${guardNamespace}::${guardRules[control]}`, reason });
};

const isFunction = (node: IConstruct) =>
  node instanceof CfnFunction || (node instanceof CfnResource && node.cfnResourceType === 'AWS::Lambda::Function');

/** What every function, permission and log group of a stage shares, acknowledged on each. */
export class GuardAcknowledgements implements IAspect {
  constructor(private readonly settings: StageSettings) {}

  visit(node: IConstruct): void {
    if (isFunction(node))
      acknowledgeGuard(node, {
        'CT.LAMBDA.PR.3':
          'No function holds or reaches anything inside a network: they call AWS service endpoints and the identity gateway over TLS. A VPC would add NAT gateways or interface endpoints in two zones, and ENIs to cold starts, for nothing to protect.',
      });
    if (node instanceof CfnPermission && node.sourceArn !== undefined)
      acknowledgeGuard(node, {
        'CT.LAMBDA.PR.2':
          'The permission names its caller by SourceArn (the API stage, method and path, or the bucket): a value built with Fn::Join, which the rule cannot read.',
      });
    if (node instanceof CfnLogGroup) {
      acknowledgeGuard(node, {
        'CT.CLOUDWATCH.PR.3':
          'Logs carry no personal data (test/integration/logs.test.ts scans every function’s log for it) and CloudWatch Logs encrypts them at rest; a customer key per stage would protect nothing more.',
      });
      if (!this.settings.isProduction)
        acknowledgeGuard(node, {
          'CT.CLOUDWATCH.PR.2': `A test stage (${this.settings.stage}) keeps its logs 30 days; prod keeps them a year.`,
        });
    }
  }
}
