/**
 * The web app's deployment: the build (made offline during synth, by esbuild as web/build.ts
 * does) in a private bucket that only CloudFront reads (origin access control), and one
 * distribution that also sends `/v1/*` to the API, so pages and API share an origin (no CORS).
 * Security headers come from a response headers policy; page paths are answered with index.html
 * by a CloudFront Function, so the API's own 404s are never replaced by a page.
 */
import { Annotations, DockerImage, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AccessLevel,
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { openDataCacheSeconds } from '../../functions/catalog';
import { viewerAddressHeader } from '../../functions/commons/viewer-headers';
import { contentSecurityPolicy } from '../../web/security-headers';
import type { StageSettings } from '../stage';
import { edgeParameterNames } from '../edge-stack';
import { findingIn } from '../nag-findings';
import { acknowledgeGuard } from '../guard';
import { acknowledgeSdkCallFunction } from '../sdk-call-findings';

const root = path.join(import.meta.dirname, '..', '..');

export interface WebSiteProps {
  settings: StageSettings;
  api: RestApi;
  /** Evidence is uploaded from the browser straight to this bucket (a presigned POST). */
  evidenceBucket: IBucket;
  /** The open-data files by complaint, served under /open-data/. */
  openDataBucket: IBucket;
  domain?: SiteDomain;
}

/** The header CloudFront adds to every request it sends the API, and the secret (Secrets Manager) it holds: the API's web ACL refuses requests without it. */
export const originVerifyHeader = 'x-ccms-origin-verify';
export const originVerifySecretName = (stage: string) => `ccms/${stage}/origin-verify`;
/** The secret as CloudFormation resolves it at deploy; the template holds only this reference. */
export const originVerifyValue = (stage: string) =>
  `{{resolve:secretsmanager:${originVerifySecretName(stage)}:SecretString}}`;

/** A custom name for the site and its ACM certificate (us-east-1). */
export interface SiteDomain {
  name: string;
  certificateArn: string;
}

/** Page paths (no file extension) are the app's, answered by index.html; files and `/v1/*` pass through. */
const spaRouting = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

export class WebSite extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    const { settings } = props;
    const stack = Stack.of(this);
    const bucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Only the build lives here, rewritten on every deploy: it goes with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds the public build only, rewritten on every deploy; its reads are CloudFront’s.',
    });
    const publicBuild =
      'The bucket holds the public build only (no personal data), rewritten from the repository on every deploy';
    acknowledgeGuard(bucket, {
      'CT.S3.PR.2': `${publicBuild}; its reads are CloudFront’s.`,
      'CT.S3.PR.4': `${publicBuild}: nothing reacts to its files.`,
      'CT.S3.PR.6': `${publicBuild}: each deploy replaces and prunes it.`,
      'CT.S3.PR.9': `${publicBuild}: a lock would keep old builds that the deploy must delete.`,
      'CT.S3.PR.10': `${publicBuild}: SSE-S3 at rest; CloudFront reads it through origin access control.`,
      'CT.S3.PR.11': `${publicBuild}: git keeps its versions.`,
    });

    const evidenceOrigin = `https://${props.evidenceBucket.bucketRegionalDomainName}`;
    // The site's web ACL and its challenge integration, from the edge stack in us-east-1 (infra/edge-stack.ts).
    const names = edgeParameterNames(settings.stage);
    const edgeParameter = (id: string, name: string) =>
      new AwsCustomResource(this, id, {
        onUpdate: {
          service: 'SSM',
          action: 'GetParameter',
          parameters: { Name: name },
          region: 'us-east-1',
          physicalResourceId: PhysicalResourceId.of(name),
          outputPaths: ['Parameter.Value'],
        },
        policy: AwsCustomResourcePolicy.fromSdkCalls({
          resources: [
            stack.formatArn({
              service: 'ssm',
              region: 'us-east-1',
              resource: 'parameter',
              resourceName: name.slice(1),
            }),
          ],
        }),
        installLatestAwsSdk: false,
      }).getResponseField('Parameter.Value');
    const webAclArn = edgeParameter('EdgeWebAclArn', names.webAclArn);
    const wafIntegrationUrl = edgeParameter('EdgeWafIntegrationUrl', names.wafIntegrationUrl);
    const challengeOrigin = `https://${Fn.select(2, Fn.split('/', wafIntegrationUrl))}`;
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `CCMS ${settings.stage}: CSP, HSTS and friends`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(evidenceOrigin, challengeOrigin),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const apiOrigin = new RestApiOrigin(props.api, {
      customHeaders: { [originVerifyHeader]: originVerifyValue(settings.stage) },
    });
    // Open data is cached at the edge as long as the API says (Cache-Control), keyed as the stage cache is.
    const openData = new CachePolicy(this, 'OpenData', {
      comment: `CCMS ${settings.stage}: open data by query and Accept`,
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(openDataCacheSeconds),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList('Accept'),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Open data by complaint, from its bucket in the stateful stack. Named here by its name alone:
    // the bucket's own policy lets this account's distributions read open-data/ (a policy naming
    // this distribution would make the stateful stack wait for this one, which waits for it).
    const openDataFiles = S3BucketOrigin.withOriginAccessControl(
      Bucket.fromBucketAttributes(this, 'OpenDataFiles', {
        bucketName: props.openDataBucket.bucketName,
        region: stack.region,
      }),
      { originAccessLevels: [AccessLevel.READ] },
    );
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'The open-data bucket’s policy is set in the stateful stack, for this account’s distributions (infra/stateful-stack.ts).',
    );
    // What the API learns of the viewer, set on every API request, overwriting what a viewer sent:
    // its host (x-ccms-viewer-host, which SigV4 checks: functions/access) and its address (per-network limits).
    const viewerHeaders = new CloudFrontFunction(this, 'ViewerHost', {
      code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  request.headers['x-ccms-viewer-host'] = { value: request.headers.host.value };
  request.headers['${viewerAddressHeader}'] = { value: event.viewer.ip };
  return request;
}`),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `CCMS ${settings.stage}`,
      defaultRootObject: 'index.html',
      priceClass: PriceClass.PRICE_CLASS_200,
      webAclId: webAclArn,
      ...(props.domain && {
        domainNames: [props.domain.name],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'PageRouting', { code: FunctionCode.fromInline(spaRouting) }),
          },
        ],
      },
      additionalBehaviors: {
        // Each file says how long it may be kept (an hour): a rebuilt month reaches readers within it.
        '/open-data/*': {
          origin: openDataFiles,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
          compress: true,
        },
        '/v1/public/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          cachePolicy: openData,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          compress: true,
          functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: viewerHeaders }],
        },
        // Everything else of the API: never cached (answers depend on who asks), every header but Host sent on,
        // Authorization included, with the viewer's host and address.
        '/v1/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          functionAssociations: [
            {
              eventType: FunctionEventType.VIEWER_REQUEST,
              function: viewerHeaders,
            },
          ],
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Consumers abroad (migrant workers buying for family at home) must reach the service: no geo restriction.',
      },

      {
        id: 'AwsSolutions-CFR3',
        reason: 'The API’s access logs record every API request; the static pages carry no personal data.',
      },
    );
    acknowledgeGuard(this.distribution, {
      'CT.CLOUDFRONT.PR.4':
        'One origin of each kind (the pages bucket, the regional API); S3 and API Gateway are themselves multi-zone, and a second region would be a second deployment.',
      'CT.CLOUDFRONT.PR.5':
        'The API’s access logs record every API request; the static pages carry no personal data (as AwsSolutions-CFR3 here).',
    });
    if (!props.domain)
      acknowledgeGuard(this.distribution, {
        'CT.CLOUDFRONT.PR.6':
          'No site name given: the distribution’s own *.cloudfront.net name and certificate. With context siteUrl and siteCertificateArn it serves its own certificate.',
        'CT.CLOUDFRONT.PR.7':
          'No site name given: the *.cloudfront.net certificate, which CloudFront serves by SNI itself.',
        'CT.CLOUDFRONT.PR.9':
          'No site name given: the *.cloudfront.net certificate, whose security policy CloudFront sets. With a certificate it serves TLSv1.2_2021 and up.',
      });
    if (!props.domain)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No site name given: the distribution’s own *.cloudfront.net name and certificate. With context siteUrl and siteCertificateArn it serves TLSv1.2_2021 and up.',
      });

    new BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      distribution: this.distribution,
      sources: [
        Source.asset(path.join(root, 'web'), {
          // The build runs here, offline, as `npm run web:build` does; no container.
          bundling: {
            image: DockerImage.fromRegistry('none'),
            local: {
              tryBundle: (outputDir) => {
                execFileSync(
                  process.execPath,
                  ['--import', 'tsx/esm', path.join(root, 'web', 'build.ts'), '--out', outputDir],
                  { cwd: root, stdio: 'inherit' },
                );
                return true;
              },
            },
          },
        }),
        Source.jsonData('config.json', { region: stack.region, wafIntegrationUrl }),
      ],
    });
    acknowledgeSdkCallFunction(stack, 'Reads the edge stack’s web ACL ARN and challenge integration URL at deploy.');
    // The CDK's own copying function (one per stack, maintained by AWS): its role and runtime are the CDK's choice.
    for (const child of stack.node.findAll()) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      const findings = [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
          (action) => `AwsSolutions-IAM5[Action::${action}]`,
        ),
        findingIn(
          stack,
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        ),
        `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
        // CloudFront invalidations cannot be scoped to one distribution in the handler's policy.
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-L1',
      ];
      for (const id of findings)
        Validations.of(child).acknowledge({
          id,
          reason:
            'The CDK’s BucketDeployment handler (maintained by AWS), which copies the web build into the pages bucket and invalidates the distribution.',
        });
    }
  }
}
