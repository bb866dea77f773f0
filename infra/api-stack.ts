/**
 * The REST API: its routes (functions/catalog.ts) on the `live` aliases of the API's functions
 * (infra/functions-stack.ts, where each is released gradually), the consumer authorizer, and the
 * regional web ACL that admits only CloudFront. A stack of its own, so that functions and routes
 * each keep room under CloudFormation's 500 resources.
 */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  RequestValidator,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import {
  authorizers,
  maxRequestBodyBytes,
  openDataCacheSeconds,
  payloadTooLargeResponse,
  routes,
  unauthenticatedResponse,
  type FunctionId,
} from '../functions/catalog';
import { originVerifyHeader, originVerifySecretName, originVerifyValue } from './constructs/web-site';
import type { StageSettings } from './stage';

/** API Gateway's own answers in the API's error format (a mapping template; messageString comes quoted). */
export const gatewayErrorTemplate =
  '{"error":{"code":"$context.error.responseType","message":$context.error.messageString}}';

/** The API's one stage, the first part of every path API Gateway sees. */
export const apiStageName = 'live';

export interface ApiStackProps extends StackProps {
  settings: StageSettings;
  /** Each API function's `live` alias, which API Gateway calls. */
  releases: ReadonlyMap<FunctionId, IFunction>;
}

export class ApiStack extends Stack {
  readonly api: RestApi;
  /** The API's regional web ACL. */
  readonly firewall: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { settings } = props;
    // Each alias as this stack's own reference, so that the permissions API Gateway needs to call it
    // are made here, beside the API, not in the functions' stack (which would then depend on this one).
    const invoked = (functionId: FunctionId): IFunction => {
      const existing = this.node.tryFindChild(`${functionId}Live`) as IFunction | undefined;
      const alias = props.releases.get(functionId);
      if (!alias) throw new Error(`${functionId} is not released as an API function`);
      return (
        existing ??
        LambdaFunction.fromFunctionAttributes(this, `${functionId}Live`, {
          functionArn: alias.functionArn,
          sameEnvironment: true,
        })
      );
    };
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.api = new RestApi(this, 'CcmsApi', {
      description: `CCMS ${settings.stage} API`,
      cloudWatchRole: true,
      deployOptions: {
        stageName: apiStageName,
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.INFO,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
        // The stage cache serves open data (routes with `cache`) and nothing else: every other
        // answer depends on who asks, and a cached one would be given to anyone.
        cacheClusterEnabled: true,
        // The smallest cache (0.5 GB, about US$0.02 an hour): open data is a few hundred KB.
        cacheClusterSize: '0.5',
        cachingEnabled: false,
        // Whatever a method caches is encrypted at rest (Control Tower's CT.APIGATEWAY.PR.3).
        cacheDataEncrypted: true,
        methodOptions: Object.fromEntries(
          routes
            .filter((route) => route.cache)
            .map((route) => [
              `${route.path}/${route.method}`,
              { cachingEnabled: true, cacheTtl: Duration.seconds(openDataCacheSeconds), cacheDataEncrypted: true },
            ]),
        ),
      },
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The account-level role API Gateway needs to write execution logs; AWS maintains this policy for exactly that.',
    });
    const validator = new RequestValidator(this, 'RequestValidator', {
      restApi: this.api,
      validateRequestParameters: true,
      // No body models: bodies are validated by zod in the function, which explains each field.
      validateRequestBody: true,
    });
    const consumerAuthorizer = new RequestAuthorizer(this, 'ConsumerAuthorizer', {
      handler: invoked(authorizers.consumer),
      identitySources: [IdentitySource.header('Authorization')],
      // Each decision names one method ARN, so a cached one must not serve another route.
      resultsCacheTtl: Duration.seconds(0),
    });
    this.api.addGatewayResponse('UnauthorizedResponse', {
      type: ResponseType.UNAUTHORIZED,
      statusCode: String(unauthenticatedResponse.status),
      templates: { 'application/json': JSON.stringify(unauthenticatedResponse.body) },
    });
    // Whatever API Gateway answers itself (throttled, an unknown route, a timeout, a firewall block)
    // comes in the API's error format too: its response type as the code, its message as the message.
    for (const [id, type] of [
      ['DefaultClientErrorResponse', ResponseType.DEFAULT_4XX],
      ['DefaultServerErrorResponse', ResponseType.DEFAULT_5XX],
    ] as const)
      this.api.addGatewayResponse(id, { type, templates: { 'application/json': gatewayErrorTemplate } });
    for (const route of routes) {
      const fn = invoked(route.function);
      // A cached route's answer is keyed by its path parameters, its query parameters and Accept (JSON or CSV).
      const cacheKeys = route.cache && [
        ...[...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => `method.request.path.${name}`),
        ...route.cache.query.map((name) => `method.request.querystring.${name}`),
        'method.request.header.Accept',
      ];
      const method = this.api.root.resourceForPath(route.path).addMethod(
        route.method,
        new LambdaIntegration(fn, {
          // No console test-invoke permission: one resource less per route (CloudFormation's 500).
          allowTestInvoke: false,
          ...(cacheKeys && { cacheKeyParameters: cacheKeys }),
        }),
        {
          requestValidator: validator,
          ...(cacheKeys && {
            requestParameters: Object.fromEntries(
              cacheKeys.map((key) => [key, key.startsWith('method.request.path.')]),
            ),
          }),
          ...(route.access === 'consumer' && { authorizer: consumerAuthorizer }),
          ...(route.access === 'operator' && { authorizationType: AuthorizationType.IAM }),
        },
      );
      if (route.access === 'public') {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Public by design: phone verification, a complaint by its unguessable tracking number, the categories and the merchant widget script.',
        });
      } else if (route.access === 'merchant' || route.access === 'regulator') {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'SigV4 (service ccms) is verified in the function, against the exact body, which an authorizer cannot see.',
        });
      }
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason: 'CCMS does not use Cognito: consumers verify by OTP, merchants sign with SigV4.',
      });
    }

    // The secret CloudFront sends the API (infra/constructs/web-site.ts), made here, where it is checked.
    const originVerify = new Secret(this, 'OriginVerifySecret', {
      secretName: originVerifySecretName(settings.stage),
      description: `CCMS ${settings.stage}: the header CloudFront adds to the API's requests; the API's web ACL refuses any without it`,
      generateSecretString: { excludePunctuation: true, passwordLength: 40 },
    });
    Validations.of(originVerify).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront and the web ACL read it at deploy: rotate by putting a new value and deploying the API and web stacks (docs/runbook.md#origin-secret).',
    });
    const webAcl = (this.firewall = new CfnWebACL(this, 'ApiFirewall', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `ccms-${settings.stage}-api`,
        sampledRequestsEnabled: true,
      },
      // Inspect bodies up to our own limit (the default for API Gateway is 8 KB).
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: 'KB_64' } } },
      customResponseBodies: {
        payloadTooLarge: { contentType: 'APPLICATION_JSON', content: JSON.stringify(payloadTooLargeResponse.body) },
      },
      rules: [
        {
          // Only CloudFront may call the API (its viewer limits and challenge are at the edge: infra/edge-stack.ts):
          // it adds the origin header with the secret. Operators' IAM-signed admin calls go to the API's own URL.
          name: 'RequireCloudFront',
          priority: 0,
          action: { block: {} },
          statement: {
            andStatement: {
              statements: [
                {
                  notStatement: {
                    statement: {
                      byteMatchStatement: {
                        fieldToMatch: { singleHeader: { Name: originVerifyHeader } },
                        positionalConstraint: 'EXACTLY',
                        searchString: originVerifyValue(settings.stage),
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                  },
                },
                {
                  notStatement: {
                    statement: {
                      byteMatchStatement: {
                        fieldToMatch: { uriPath: {} },
                        positionalConstraint: 'STARTS_WITH',
                        searchString: `/${apiStageName}/v1/admin/`,
                        // Decoded and normalized first: /live/v1/admin/../otp or %2e%2e is not an admin path.
                        textTransformations: [
                          { priority: 0, type: 'URL_DECODE' },
                          { priority: 1, type: 'NORMALIZE_PATH' },
                        ],
                      },
                    },
                  },
                },
              ],
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'require-cloudfront',
            sampledRequestsEnabled: true,
          },
        },
        {
          name: 'AwsCommonRules',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Its 8 KB body limit refuses long Bengali complaints (3 bytes a character): counted only, BodySizeLimit decides.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'common-rules',
            sampledRequestsEnabled: true,
          },
        },
        {
          name: 'BodySizeLimit',
          priority: 2,
          action: {
            block: {
              customResponse: {
                responseCode: payloadTooLargeResponse.status,
                customResponseBodyKey: 'payloadTooLarge',
              },
            },
          },
          statement: {
            sizeConstraintStatement: {
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: maxRequestBodyBytes,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'body-size', sampledRequestsEnabled: true },
        },
      ],
    }));
    new CfnWebACLAssociation(this, 'ApiFirewallAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: webAcl.attrArn,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
  }
}
