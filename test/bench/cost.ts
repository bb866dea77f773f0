/**
 * `npm run cost`: what a complaint costs on AWS, and where the design meets AWS's ceilings, from the
 * counts `npm run bench` measured on the local cloud (measured.json) and the list prices and quotas
 * in aws-prices.ts. Prints, for each lifecycle path, the cost per complaint and per million
 * complaints by service, with and without SMS and email; then each ceiling with the complaint
 * volume at which it is reached and what the design does before then.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { changesPerTransaction } from '../../functions/adapters/dynamodb-statistics';
import { routes } from '../../functions/catalog';
import {
  aggregatorUsdPerPart,
  assumptions,
  bdtPerUsd,
  prices,
  pricedRegion,
  pricesWrittenOn,
  quotas,
} from './aws-prices';
import type { UsageDelta } from './usage';

interface Measured {
  measuredAt: string;
  commit: string;
  counts: Record<string, unknown>;
}

type PathCounts = UsageDelta & { executionDays: number };

const measuredFile = path.join(import.meta.dirname, 'measured.json');
const measured = JSON.parse(readFileSync(measuredFile, 'utf8')) as Measured;
const signIn = measured.counts.signIn as UsageDelta;
const trackingRead = measured.counts.trackingRead as UsageDelta;
const paths = Object.entries(measured.counts)
  .filter(([key]) => key.startsWith('path:'))
  .map(([key, counts]) => [key.slice('path:'.length), counts as PathCounts] as const);
if (paths.length === 0 || !signIn || !trackingRead)
  throw new Error(`${measuredFile} has no lifecycle counts: run npm run bench first`);

/** Functions that answer the API: each invocation is one API Gateway request (and one WAF request). */
const apiFunctions = new Set<string>(routes.map((route) => route.function));

/** Everything one complaint sets off on a path: the path, its sign-in and its tracking reads. */
const perComplaint = (counts: PathCounts) => {
  const scaled = (field: (delta: UsageDelta) => number) =>
    field(counts) +
    assumptions.signInsPerComplaint * field(signIn) +
    assumptions.trackingReadsPerComplaint * field(trackingRead);
  const apiRequests = scaled((delta) =>
    Object.entries(delta.byFunction).reduce(
      (sum, [functionId, count]) => sum + (apiFunctions.has(functionId) ? count : 0),
      0,
    ),
  );
  const invocations = scaled((delta) => delta.invocations);
  return {
    apiRequests,
    invocations,
    gbSeconds: (scaled((delta) => delta.functionMs) / 1000) * 0.5,
    transitions: scaled((delta) => delta.stateTransitions),
    readUnits: scaled((delta) => delta.readUnits),
    writeUnits: scaled((delta) => delta.writeUnits),
    kmsRequests: scaled((delta) => delta.kmsRequests),
    snsPublishes: scaled((delta) => (delta.messages.sns ?? 0) + (delta.messages.sms ?? 0) + (delta.messages.otp ?? 0)),
    smsParts: scaled((delta) => delta.smsParts),
    emails: scaled((delta) => delta.messages.email ?? 0),
    logGb:
      scaled((delta) => delta.logBytes + delta.invocations * assumptions.platformLogBytesPerInvocation) / 1024 ** 3,
    executionDays: counts.executionDays,
  };
};

const costsOf = (counts: ReturnType<typeof perComplaint>) => ({
  'API Gateway': (counts.apiRequests / 1e6) * prices.apiGatewayPerMillionRequests.usd,
  WAF: (counts.apiRequests / 1e6) * prices.wafPerMillionRequests.usd,
  Lambda:
    (counts.invocations / 1e6) * prices.lambdaPerMillionRequests.usd +
    counts.gbSeconds * prices.lambdaPerGbSecondArm.usd,
  'Step Functions': (counts.transitions / 1000) * prices.stepFunctionsPerThousandTransitions.usd,
  DynamoDB:
    (counts.readUnits / 1e6) * prices.dynamoDbPerMillionReadUnits.usd +
    (counts.writeUnits / 1e6) * prices.dynamoDbPerMillionWriteUnits.usd +
    (assumptions.storedKbPerComplaint / 1024 ** 2) * prices.dynamoDbPerGbMonth.usd * 12 * assumptions.retentionYears,
  KMS: (counts.kmsRequests / 1e4) * prices.kmsPerTenThousandRequests.usd,
  'SNS (publishes)': (counts.snsPublishes / 1e6) * prices.snsPerMillionPublishes.usd,
  'CloudWatch Logs': counts.logGb * prices.cloudWatchLogsPerGbIngested.usd,
  'X-Ray': ((counts.apiRequests * assumptions.tracedShare) / 1e6) * prices.xRayPerMillionTraces.usd,
  'Email (SES)': (counts.emails / 1000) * prices.sesPerThousandEmails.usd,
});

/** The SMS of one complaint through each provider (functions/bindings.ts smsProviders): the aggregator first. */
const smsCostsOf = (counts: ReturnType<typeof perComplaint>) => ({
  aggregator: counts.smsParts * aggregatorUsdPerPart,
  sns: counts.smsParts * prices.smsPerPartToBangladesh.usd,
});

const messaging = new Set(['Email (SES)']);
/** Issue 25: a complaint on the common path, messages (through the aggregator) and AWS together. */
const commonPathTarget = 0.03;
const usd = (value: number) =>
  value >= 1 ? `$${value.toLocaleString('en', { maximumFractionDigits: 2 })}` : `$${value.toPrecision(3)}`;
const budget = 0.001;

const lines: string[] = [];
lines.push(
  `CCMS cost model: counts measured by npm run bench on ${measured.measuredAt} (commit ${measured.commit}), AWS list prices of ${pricedRegion} written down on ${pricesWrittenOn} (test/bench/aws-prices.ts).`,
);
lines.push(
  `SMS through the aggregator at BDT ${prices.smsPerPartAggregatorBangladesh.bdt} a part (published ${prices.smsPerPartAggregatorBangladesh.publishedOn}) at BDT ${bdtPerUsd.value} to the dollar (${bdtPerUsd.on}): $${aggregatorUsdPerPart.toPrecision(2)} a part; sources in test/bench/aws-prices.ts.`,
);
lines.push(
  `Each complaint includes its path, ${assumptions.signInsPerComplaint} sign-in (OTP and identity check) and ${assumptions.trackingReadsPerComplaint} public tracking reads; DynamoDB storage for ${assumptions.retentionYears} years of ${assumptions.storedKbPerComplaint} KB; Lambda at 512 MB for the time measured locally.`,
);
for (const [name, counts] of paths) {
  const complaint = perComplaint(counts);
  const costs = costsOf(complaint);
  const withoutMessages = Object.entries(costs)
    .filter(([service]) => !messaging.has(service))
    .reduce((sum, [, value]) => sum + value, 0);
  const sms = smsCostsOf(complaint);
  const withoutSms = Object.values(costs).reduce((sum, value) => sum + value, 0);
  const total = withoutSms + sms.aggregator;
  lines.push('', `## ${name}`, '');
  lines.push(
    `Counts per complaint: ${complaint.apiRequests} API requests, ${complaint.invocations} Lambda invocations (${complaint.gbSeconds.toFixed(2)} GB-s), ${complaint.transitions} state transitions, ${complaint.readUnits} RRU, ${complaint.writeUnits} WRU, ${complaint.kmsRequests} KMS requests, ${complaint.smsParts} SMS parts, ${complaint.emails} emails, ${(complaint.logGb * 1024 ** 2).toFixed(0)} KB of logs.`,
    '',
  );
  lines.push('| service | per complaint | per million complaints |', '|---|---|---|');
  for (const [service, value] of Object.entries(costs))
    lines.push(`| ${service} | ${usd(value)} | ${usd(value * 1e6)} |`);
  lines.push(
    `| SMS through the aggregator (BDT ${prices.smsPerPartAggregatorBangladesh.bdt} a part) | ${usd(sms.aggregator)} | ${usd(sms.aggregator * 1e6)} |`,
  );
  lines.push(`| **without SMS and email** | **${usd(withoutMessages)}** | **${usd(withoutMessages * 1e6)}** |`);
  lines.push(`| **with SMS (aggregator) and email** | **${usd(total)}** | **${usd(total * 1e6)}** |`);
  lines.push(
    `| with SMS through SNS instead (assumed $${prices.smsPerPartToBangladesh.usd} a part) | ${usd(withoutSms + sms.sns)} | ${usd((withoutSms + sms.sns) * 1e6)} |`,
  );
  lines.push(
    '',
    `Budget: under ${usd(budget)} per complaint before SMS and email: ${withoutMessages < budget ? `met (${((withoutMessages / budget) * 100).toFixed(0)}% of it)` : `missed by ${usd(withoutMessages - budget)}`}.`,
  );
  if (name === paths[0]![0])
    lines.push(
      `Target (issue 25): at most ${usd(commonPathTarget)} per complaint on this, the common path, messages through the aggregator and AWS together: ${total <= commonPathTarget ? `met (${usd(total)}, ${((total / commonPathTarget) * 100).toFixed(0)}% of it)` : `missed by ${usd(total - commonPathTarget)}`}.`,
    );
}

// Ceilings: the common path's counts, at an even rate with the busiest hour at 5 times the average.
const common = perComplaint(paths[0]![1]);
const peak = 5;
const perDayAt = (perSecondLimit: number, perComplaintCount: number) =>
  Math.floor((perSecondLimit / perComplaintCount / peak) * 86_400);
/** Each write to a complaint (a filing, a step) is one change on the table's stream. */
const complaintChanges = Math.max(
  1,
  (paths[0]![1].dynamoDbCalls.TransactWriteItems ?? 0) + (paths[0]![1].dynamoDbCalls.PutItem ?? 0),
);
const executionDaysMax = Math.max(...paths.map(([, counts]) => counts.executionDays));
const ceilings: [string, string, number, string][] = [
  [
    'Step Functions open executions',
    `${quotas.stepFunctionsOpenExecutions.value.toLocaleString('en')} per account and region; a complaint's timers stay open ${executionDaysMax.toFixed(1)} execution-days at most (measured)`,
    Math.floor(quotas.stepFunctionsOpenExecutions.value / executionDaysMax),
    'Each timer is its own execution and stops as soon as its wait is moot (tested in lifecycle.test.ts); past the volume, raise the quota (adjustable to millions) or move the long waits (the 15-day reopen window) to EventBridge Scheduler.',
  ],
  [
    'StartExecution rate',
    `${quotas.stepFunctionsStartExecutionPerSecond.value}/s refill (bucket ${quotas.stepFunctionsStartExecutionPerSecond.burst}); ${(paths[0]![1].executions / 1).toFixed(0)} executions per complaint`,
    perDayAt(quotas.stepFunctionsStartExecutionPerSecond.value, paths[0]![1].executions),
    'Executions start from the table stream (onComplaintChange): a throttled start fails the batch, which is retried with bisection, so timers start late, never lost (fault-injection.test.ts arms StartExecution failures).',
  ],
  [
    'State transitions rate',
    `${quotas.stateTransitionsPerSecond.value}/s; ${common.transitions} per complaint`,
    perDayAt(quotas.stateTransitionsPerSecond.value, common.transitions),
    'Transitions are spread over each complaint’s weeks; raise the quota before the volume.',
  ],
  [
    'DynamoDB partition (hottest item)',
    `${quotas.dynamoDbPartitionWriteUnitsPerSecond.value} WRU/s per partition; the hottest items, the overall statistics counters, take one transactional ADD (2 WRU) per ${changesPerTransaction} changes; ${complaintChanges} changes per complaint`,
    perDayAt((quotas.dynamoDbPartitionWriteUnitsPerSecond.value / 2) * changesPerTransaction, complaintChanges),
    `The counting consumer merges up to ${changesPerTransaction} changes (mergedDeltas) into one transaction that writes each counter item once; every other item is keyed by complaint, merchant or month. Transactions from different shards on the same counter can also conflict and retry. Past that volume, shard the overall counters by a suffix and sum the shards on read.`,
  ],
  [
    'SES sending',
    `${quotas.sesEmailsPerSecond.value}/s and ${quotas.sesEmailsPerSecond.perDay.toLocaleString('en')} a day (first production quota); ${common.emails} emails per complaint when the consumer gives an address`,
    Math.min(
      perDayAt(quotas.sesEmailsPerSecond.value, common.emails),
      Math.floor(quotas.sesEmailsPerSecond.perDay / common.emails),
    ),
    'Email is optional for consumers; a throttled send is retried with the batch, and a bounce suppresses the address. Ask for a higher quota before launch (SES raises it with good sending).',
  ],
  [
    'SMS sending',
    `${quotas.smsPerSecond.value}/s; ${common.smsParts} SMS parts per complaint (Bengali is 70 characters a part); new accounts may spend $${quotas.smsSpendPerMonthUsd.value} a month`,
    perDayAt(quotas.smsPerSecond.value, common.smsParts),
    `The $${quotas.smsSpendPerMonthUsd.value} monthly spend limit of a new account stops SMS after ${Math.floor(quotas.smsSpendPerMonthUsd.value / prices.smsPerPartToBangladesh.usd)} SMS parts, within the first complaint: raise it before launch. A failed SMS is kept as undeliverable and the complaint goes on.`,
  ],
  [
    'Lambda concurrency',
    `${quotas.lambdaConcurrency.value} concurrent per region; about ${(common.gbSeconds / 0.5 / common.invocations).toFixed(2)} s per invocation measured locally`,
    perDayAt(quotas.lambdaConcurrency.value / (common.gbSeconds / 0.5 / common.invocations), common.invocations),
    'Raise the regional quota; API Gateway answers 429 when it is reached.',
  ],
];
lines.push('', `## Scale ceilings (the common path; the busiest hour at ${peak}x the day's average rate)`, '');
lines.push(
  '| ceiling | quota and use | complaints a day when reached | what the design does before then |',
  '|---|---|---|---|',
);
for (const [name, use, perDay, design] of ceilings.sort((a, b) => a[2] - b[2]))
  lines.push(`| ${name} | ${use} | ${perDay.toLocaleString('en')} | ${design} |`);
lines.push('', 'Sources of the quotas: test/bench/aws-prices.ts.');
console.log(lines.join('\n'));
