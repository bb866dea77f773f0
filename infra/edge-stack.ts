/**
 * The site's own firewall, at CloudFront (`Ccms-<stage>-Edge`, always in us-east-1, where
 * CloudFront's web ACLs live). Only here does AWS WAF see each viewer's own address: behind
 * CloudFront the API's regional web ACL sees CloudFront's, shared by every viewer of an edge.
 * - A rate limit per viewer address (an SMS aggregator's delivery reports have a higher one of their own).
 * - The challenge on asking for a code (POST /v1/otp): the page solves it with AWS WAF's JavaScript
 *   integration (web/src/waf.ts), whose URL this stack finds (GetWebACL) and publishes.
 * The web stack, in the stage's own region, reads the ACL's ARN and the integration URL from SSM
 * parameters here (infra/constructs/web-site.ts), so the stacks share no cross-region reference.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { challengedRoutes, smsDeliveryReportsPath } from '../functions/catalog';
import { acknowledgeSdkCallFunction } from './sdk-call-findings';
import type { StageSettings } from './stage';

export interface EdgeStackProps extends StackProps {
  settings: StageSettings;
  /** The site's own name, when it has one: its tokens must be good there (the distribution's own name always is). */
  siteHost?: string;
}

/** Where the edge stack publishes what the web stack needs, in us-east-1. */
export const edgeParameterNames = (stage: string) => ({
  webAclArn: `/ccms/${stage}/edge/web-acl-arn`,
  wafIntegrationUrl: `/ccms/${stage}/edge/waf-integration-url`,
});

/** Requests per 5 minutes from one viewer address before it is blocked for a while. */
export const viewerRateLimit = 1000;
/**
 * The same for an SMS aggregator's delivery reports, one per SMS from a few addresses: 20,000 in 5
 * minutes (about 66 a second) from one address. Each is checked by its signature; a flood of
 * unsigned ones is answered 401 by the function.
 */
export const smsReportRateLimit = 20_000;

const exactly = (fieldToMatch: object, searchString: string) => ({
  byteMatchStatement: {
    fieldToMatch,
    positionalConstraint: 'EXACTLY',
    searchString,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});
/** Matches the challenged routes (functions/catalog.ts), each by method and path. */
const challengeStatement = () => {
  const each = challengedRoutes.map((route) => ({
    andStatement: { statements: [exactly({ method: {} }, route.method), exactly({ uriPath: {} }, route.path)] },
  }));
  return each.length === 1 ? each[0]! : { orStatement: { statements: each } };
};

/** An SMS aggregator's delivery reports, by method and path. */
const smsReportsStatement = {
  andStatement: {
    statements: [exactly({ method: {} }, 'POST'), exactly({ uriPath: {} }, smsDeliveryReportsPath)],
  },
};

export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new CfnWebACL(this, 'SiteFirewall', {
      name: `ccms-${settings.stage}-edge`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`ccms-${settings.stage}-edge`),
      ...(props.siteHost && { tokenDomains: [props.siteHost] }),
      challengeConfig: { immunityTimeProperty: { immunityTime: 300 } },
      rules: [
        {
          name: 'RateLimitPerViewer',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: viewerRateLimit,
              aggregateKeyType: 'IP',
              scopeDownStatement: { notStatement: { statement: smsReportsStatement } },
            },
          },
          visibilityConfig: visibility('rate-limit'),
        },
        {
          // Carrier NAT puts thousands of phones behind one address, so a tight per-address OTP limit would lock
          // people out: asking for a code needs a solved challenge (a browser token) instead.
          name: 'ChallengeOtpRequests',
          priority: 1,
          action: { challenge: {} },
          statement: challengeStatement(),
          visibilityConfig: visibility('otp-challenge'),
        },
        {
          name: 'RateLimitSmsReports',
          priority: 2,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: smsReportRateLimit,
              aggregateKeyType: 'IP',
              scopeDownStatement: smsReportsStatement,
            },
          },
          visibilityConfig: visibility('sms-report-rate-limit'),
        },
      ],
    });

    // CloudFormation does not return the ACL's JavaScript integration URL: GetWebACL does.
    const integration = new AwsCustomResource(this, 'WafIntegrationUrl', {
      onUpdate: {
        service: 'WAFV2',
        action: 'GetWebACL',
        parameters: { Name: `ccms-${settings.stage}-edge`, Scope: 'CLOUDFRONT', Id: this.webAcl.attrId },
        physicalResourceId: PhysicalResourceId.of(this.webAcl.attrId),
        outputPaths: ['ApplicationIntegrationURL'],
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [this.webAcl.attrArn] }),
      installLatestAwsSdk: false,
    });
    const names = edgeParameterNames(settings.stage);
    new StringParameter(this, 'WebAclArnParameter', {
      parameterName: names.webAclArn,
      stringValue: this.webAcl.attrArn,
    });
    new StringParameter(this, 'WafIntegrationUrlParameter', {
      parameterName: names.wafIntegrationUrl,
      // The URL of the integration's directory: the page loads challenge.js from it.
      stringValue: `${integration.getResponseField('ApplicationIntegrationURL')}challenge.js`,
    });
    acknowledgeSdkCallFunction(this, 'Reads the web ACL once, at deploy, for its JavaScript integration URL.');
  }
}
