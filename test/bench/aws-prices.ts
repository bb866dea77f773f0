/**
 * The AWS list prices and quotas `npm run cost` uses: one place, each with its source page. Prices
 * are on-demand list prices for US East (N. Virginia), written down on the date below from the AWS
 * pricing pages listed; Asia Pacific (Mumbai), the region nearest Bangladesh, is dearer for some
 * services (Step Functions: $0.0285 per 1,000 transitions). Check them before budgeting a deployment.
 */
export const pricesWrittenOn = '2026-11-24';
export const pricedRegion = 'us-east-1 (US East, N. Virginia)';

export const prices = {
  apiGatewayPerMillionRequests: {
    usd: 3.5,
    source: 'https://aws.amazon.com/api-gateway/pricing/ (REST APIs, first 333 million a month)',
  },
  lambdaPerMillionRequests: { usd: 0.2, source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaPerGbSecondArm: {
    usd: 0.0000133334,
    source: 'https://aws.amazon.com/lambda/pricing/ (Arm, first 7.5 billion GB-seconds a month)',
  },
  stepFunctionsPerThousandTransitions: {
    usd: 0.025,
    source: 'https://aws.amazon.com/step-functions/pricing/ (Standard; Mumbai $0.0285)',
  },
  dynamoDbPerMillionWriteUnits: { usd: 0.625, source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  dynamoDbPerMillionReadUnits: { usd: 0.125, source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  dynamoDbPerGbMonth: {
    usd: 0.25,
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ (Standard table class)',
  },
  kmsPerTenThousandRequests: { usd: 0.03, source: 'https://aws.amazon.com/kms/pricing/' },
  snsPerMillionPublishes: { usd: 0.5, source: 'https://aws.amazon.com/sns/pricing/ (standard topics)' },
  sesPerThousandEmails: { usd: 0.1, source: 'https://aws.amazon.com/ses/pricing/' },
  cloudWatchLogsPerGbIngested: { usd: 0.5, source: 'https://aws.amazon.com/cloudwatch/pricing/ (standard log class)' },
  xRayPerMillionTraces: { usd: 5.0, source: 'https://aws.amazon.com/xray/pricing/ (traces recorded)' },
  wafPerMillionRequests: { usd: 0.6, source: 'https://aws.amazon.com/waf/pricing/' },
  /**
   * An assumption, not a list price: SMS to Bangladesh through SNS is priced per message part by
   * destination and carrier and changes often; AWS End User Messaging's page gives the current one.
   */
  smsPerPartToBangladesh: {
    usd: 0.3,
    source: 'ASSUMED; see https://aws.amazon.com/end-user-messaging/pricing/ for Bangladesh',
  },
  /**
   * A Bangladeshi aggregator's published price for masking SMS (the registered sender id the
   * gateway adapter sends as), at its largest tier (50,000 SMS and more; a platform sends millions).
   * Bangladeshi aggregators charge a Bengali SMS per part of 70 characters (Greenweb's note below),
   * as our SMS are. The only published price found from this machine is a small Dhaka reseller's
   * page as published on 2019-03-19; current contracted prices from the large aggregators are
   * what an operator should put here. The BTRC's ceiling for a person's Bengali SMS, BDT 0.25
   * (2019), is lower still.
   */
  smsPerPartAggregatorBangladesh: {
    bdt: 0.5,
    publishedOn: '2019-03-19',
    source:
      'FEITS "Masking Bulk SMS", Platinum tier "BDT0.50/SMS, Masking, 50,000 + SMS, API Access: Yes": github.com/Aftabur-Rahman-Parvez/feits19 masking-sms.php at 1330d20 (the site feits.co as published 2019-03-19); per part of 70 Bengali characters: https://blog.greenweb.com.bd/--56.html',
  },
} as const;

/** Taka per US dollar, for prices published in taka. */
export const bdtPerUsd = {
  value: 122.3,
  on: '2025-12-22',
  source:
    'Bangladesh Bank\'s rate as reported by Prothom Alo, 2025-12-22 ("১২২ টাকা ৩০ পয়সা"): https://www.prothomalo.com/business/bank/csfdb7xo5p',
};

/** The aggregator's price of one SMS part, in US dollars. */
export const aggregatorUsdPerPart = prices.smsPerPartAggregatorBangladesh.bdt / bdtPerUsd.value;

/** What the cost model adds that the local cloud cannot measure. */
export const assumptions = {
  /** Lambda writes START, END and REPORT lines for every invocation. */
  platformLogBytesPerInvocation: 350,
  /** X-Ray's default sampling: 1 request a second, then 5%. */
  tracedShare: 0.05,
  /** Times a consumer or someone else looks a complaint up on the public tracking page. */
  trackingReadsPerComplaint: 5,
  /** One sign-in (OTP and identity check) per complaint: most consumers file once. */
  signInsPerComplaint: 1,
  /** A complaint's items and timeline kept for seven years (records retention). */
  storedKbPerComplaint: 12,
  retentionYears: 7,
};

/** Default quotas per account and region, with their sources: the ceilings the design meets first. */
export const quotas = {
  stepFunctionsOpenExecutions: {
    value: 1_000_000,
    source: 'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (adjustable)',
  },
  stepFunctionsStartExecutionPerSecond: {
    value: 150,
    burst: 800,
    source:
      'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (Standard, regions other than us-east-1, us-west-2, eu-west-1: refill 150/s, bucket 800)',
  },
  stateTransitionsPerSecond: {
    value: 800,
    source:
      'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (StateTransition, other regions; new accounts start lower)',
  },
  dynamoDbPartitionWriteUnitsPerSecond: {
    value: 1_000,
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html',
  },
  dynamoDbPartitionReadUnitsPerSecond: {
    value: 3_000,
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html',
  },
  sesEmailsPerSecond: {
    value: 14,
    perDay: 50_000,
    source:
      'https://docs.aws.amazon.com/ses/latest/dg/quotas.html (first production quota; the sandbox is 1/s, 200 a day)',
  },
  smsPerSecond: {
    value: 20,
    source: 'https://docs.aws.amazon.com/sns/latest/dg/sns-sms-quotas (transactional SMS per second, per account)',
  },
  smsSpendPerMonthUsd: {
    value: 1,
    source: 'https://docs.aws.amazon.com/sns/latest/dg/channels-sms-awssupport-spend-threshold.html (new accounts)',
  },
  lambdaConcurrency: {
    value: 1_000,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  },
  apiGatewayRequestsPerSecond: {
    value: 10_000,
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
  },
};
