/** The web app's stack: pages and API on one CloudFront origin (infra/constructs/web-site.ts). */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { type SiteDomain, WebSite } from './constructs/web-site';
import type { StageSettings } from './stage';

export interface WebStackProps extends StackProps {
  settings: StageSettings;
  api: RestApi;
  evidenceBucket: IBucket;
  openDataBucket: IBucket;
  /** The site's own name and its certificate; without, the distribution's *.cloudfront.net name. */
  domain?: SiteDomain;
}

export class WebStack extends Stack {
  readonly site: WebSite;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    this.site = new WebSite(this, 'Web', props);
    new CfnOutput(this, 'SiteUrl', {
      value: `https://${props.domain?.name ?? this.site.distribution.distributionDomainName}/`,
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.site.distribution.distributionDomainName,
      description: 'Point the site’s DNS name here (CNAME, or an alias record in Route 53)',
    });
  }
}
