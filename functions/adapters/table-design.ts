/**
 * The single-table design, shared by the CDK stack (which creates the table) and the local cloud
 * (which creates the same table in DynamoDB Local). README.md lists the access patterns.
 */
/** A global secondary index: its keys, the sort key's type, and what it holds besides the keys (none named: all of the item). */
export type IndexDesign = {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly sortKeyType: 'S' | 'N';
  readonly projection?: readonly string[];
};

export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    /** A merchant's complaints in one status, newest first. */
    byMerchantStatus: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk', sortKeyType: 'S' },
    /** A consumer's complaints, newest first. */
    byConsumer: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk', sortKeyType: 'S' },
    /** Escalated complaints by month of escalation, in date order (sparse: only escalated items). */
    escalatedByDate: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk', sortKeyType: 'S' },
    /**
     * A merchant's escalated complaints in date order (sparse). Added on its own: DynamoDB creates
     * one index per table update, so a deployed stage takes a new index per deployment.
     */
    escalatedByMerchant: { partitionKey: 'gsi4pk', sortKey: 'gsi4sk', sortKeyType: 'S' },
    /**
     * Complaints by the day their current timer is due, in due order (sparse: only complaints with
     * a timer). A timer that fired replaces or drops its entry, so one still listed well past its
     * due time has no execution that will fire it: what the sweeper looks for.
     */
    timersDue: { partitionKey: 'gsi5pk', sortKey: 'gsi5sk', sortKeyType: 'S' },
    /**
     * Complaints closed for good and not yet erased, by the month they closed, in closing order
     * (sparse): what the retention job erases once their retention ends. An erasure drops the entry.
     */
    closedByMonth: { partitionKey: 'gsi6pk', sortKey: 'gsi6sk', sortKeyType: 'S' },
    /**
     * Each complaint's open-data row, by the month it was filed (functions/domain/open-data.ts),
     * spread over shards by merchant, and in each shard in the order of merchant, category and
     * district: a group the district rule counts arrives whole. It holds the row and nothing else
     * of the complaint (beside the table's keys): what the open-data builder reads.
     */
    openDataByMonth: { partitionKey: 'gsi7pk', sortKey: 'gsi7sk', sortKeyType: 'S', projection: ['openData'] },
    /**
     * Sellers not on CCMS, most reported first: the sort key is the number of consumers who
     * reported the seller (a Number, added to as reports come). A stage deployed before this index
     * and openDataByMonth takes them in two deployments (one new index per table update).
     */
    unlistedByReports: { partitionKey: 'gsi8pk', sortKey: 'gsi8sk', sortKeyType: 'N' },
  } satisfies Record<string, IndexDesign>,
  timeToLiveAttribute: 'expiresAt',
} as const;

/** The TTL attribute's value (epoch seconds) for an item that DynamoDB removes `days` after the instant `at`. */
export const expiresDaysAfter = (at: string, days: number) => Math.floor(Date.parse(at) / 1000) + days * 86_400;

export type IndexName = keyof typeof tableDesign.indexes;

/** Every index by name, each read through its design: what the stack and the local table create. */
export const indexDesigns: [IndexName, IndexDesign][] = Object.entries(tableDesign.indexes) as [
  IndexName,
  IndexDesign,
][];

/** How many partitions each month's open-data rows are spread over. */
export const openDataShards = 10;

/** The open-data partition of a complaint: its month filed and its merchant's shard. */
export const openDataPartition = (month: string, shard: number) => `FILED#${month}#${shard}`;

/** Where a row sorts in its partition: its group (merchant ids, categories and districts hold no `#`), then its complaint. */
export const openDataSortKey = (
  row: { merchantId: string; category: string; district: string | null },
  trackingNumber: string,
) => `${row.merchantId}#${row.category}#${row.district ?? ''}#${trackingNumber}`;

/** A merchant's shard: all its rows of a month in one partition, so that each of its groups is read whole. */
export const openDataShardOf = (merchantId: string) => {
  let sum = 0;
  for (const char of merchantId) sum = (sum * 31 + char.charCodeAt(0)) % 1_000_003;
  return sum % openDataShards;
};

/**
 * Powertools idempotency's records, in a table of their own: each record's partition key is the
 * function and a hash of caller and key, so retries spread over partitions (in the single table,
 * Powertools would put every record under one static partition key).
 */
export const idempotencyTableDesign = { partitionKey: 'id', timeToLiveAttribute: 'expiration' } as const;

/** Partition-key prefixes that IAM grants name (dynamodb:LeadingKeys): a function may create only these items. */
export const tableKeyPrefixes = {
  replay: 'REPLAY#',
  accessLog: 'ACCESS#',
  statistics: 'STATS#',
  countedChange: 'COUNTED#',
  undeliverable: 'UNDELIVERABLE#',
  sentMessage: 'SENT#',
  suppressedEmail: 'SUPPRESSED#',
  evidence: 'EVIDENCE#',
  exportJob: 'EXPORT#',
  caseRecord: 'RECORD#',
  emailConfirmation: 'EMAILCONFIRM#',
  oneTapLink: 'ONETAP#',
  erasure: 'ERASURE#',
  alert: 'ALERT#',
  collective: 'COLLECTIVE#',
  orderCount: 'ORDERS#',
  unlisted: 'UNLISTED#',
} as const;

const alertsPartition = `${tableKeyPrefixes.alert}ALL`;
const collectiveMemberPrefix = 'MEMBER#';

const pad = (seq: number) => String(seq).padStart(6, '0');

export const keys = {
  complaint: (trackingNumber: string) => ({ pk: `COMPLAINT#${trackingNumber}`, sk: 'COMPLAINT' }),
  timelineEntry: (trackingNumber: string, seq: number) => ({
    pk: `COMPLAINT#${trackingNumber}`,
    sk: `TIMELINE#${pad(seq)}`,
  }),
  timelinePrefix: 'TIMELINE#',
  merchant: (merchantId: string) => ({ pk: `MERCHANT#${merchantId}`, sk: 'PROFILE' }),
  /** The open complaint of an order at a merchant: `orderHash` is the SHA-256 of the order's key (functions/domain/filing-rules.ts). */
  openOrder: (merchantId: string, orderHash: string) => ({ pk: `ORDER#${merchantId}#${orderHash}`, sk: 'OPEN' }),
  /** scope: `ALL` or `MERCHANT#<id>`; period: `TOTAL` or `MONTH#YYYY-MM`. */
  statistics: (scope: string, period: string) => ({ pk: `${tableKeyPrefixes.statistics}${scope}`, sk: period }),
  /** Marks a change whose counters were applied (kept a week, longer than the stream keeps a record). */
  countedChange: (trackingNumber: string, seq: number) => ({
    pk: `${tableKeyPrefixes.countedChange}${trackingNumber}`,
    sk: pad(seq),
  }),
  /** A complaint's evidence: one item per file, and per party the count of slots in use. Apart from the complaint, so the evidence functions can write nothing else. */
  evidenceFile: (trackingNumber: string, attachmentId: string) => ({
    pk: `${tableKeyPrefixes.evidence}${trackingNumber}`,
    sk: `FILE#${attachmentId}`,
  }),
  evidenceFilePrefix: 'FILE#',
  /** An issued version of a case's formal record. */
  caseRecord: (trackingNumber: string, version: number) => ({
    pk: `${tableKeyPrefixes.caseRecord}${trackingNumber}`,
    sk: pad(version),
  }),
  /** The public merchant directory: one item per search key of a merchant's name (functions/domain/merchant.ts). */
  merchantName: (searchKey: string, merchantId: string) => ({
    pk: 'DIRECTORY#MERCHANTS',
    sk: `${searchKey}#${merchantId}`,
  }),
  merchantDirectory: 'DIRECTORY#MERCHANTS',
  /** A regulator's CSV export job (kept a week, as its file is). */
  exportJob: (exportId: string) => ({ pk: `${tableKeyPrefixes.exportJob}${exportId}`, sk: 'JOB' }),
  /** A complaint's email confirmation (a sent link's token hash, when confirmed). */
  emailConfirmation: (trackingNumber: string) => ({
    pk: `${tableKeyPrefixes.emailConfirmation}${trackingNumber}`,
    sk: 'EMAIL',
  }),
  /** A one-tap link from an SMS, by its code's hash (nothing of the person). */
  oneTapLink: (codeHash: string) => ({ pk: `${tableKeyPrefixes.oneTapLink}${codeHash}`, sk: 'LINK' }),
  /** The erasure log: one item per complaint erased, one per consumer's request (no personal data). */
  erasure: (
    entry: { kind: 'COMPLAINT'; trackingNumber: string } | { kind: 'CONSUMER'; consumer: string; at: string },
  ) =>
    entry.kind === 'COMPLAINT'
      ? { pk: `${tableKeyPrefixes.erasure}COMPLAINT#${entry.trackingNumber}`, sk: 'ERASED' }
      : { pk: `${tableKeyPrefixes.erasure}CONSUMER#${entry.consumer}`, sk: entry.at },
  /** The regulators' alerts, newest week first: few (at most a handful per merchant a week), written by one scheduled job. */
  alert: (week: string, ruleId: string, merchantId: string) => ({
    pk: alertsPartition,
    sk: `${week}#${ruleId}#${merchantId}`,
  }),
  alerts: () => alertsPartition,
  /** The same alert in its merchant's own list: one merchant's alerts are read without the others'. */
  merchantAlert: (week: string, ruleId: string, merchantId: string) => ({
    pk: `${tableKeyPrefixes.alert}MERCHANT#${merchantId}`,
    sk: `${week}#${ruleId}`,
  }),
  merchantAlerts: (merchantId: string) => `${tableKeyPrefixes.alert}MERCHANT#${merchantId}`,
  /** A collective case (`CASE`), its members (`MEMBER#<tracking number>`) and its last run's progress (`PROGRESS`). */
  collectiveCase: (caseId: string) => ({ pk: `${tableKeyPrefixes.collective}${caseId}`, sk: 'CASE' }),
  collectiveMember: (caseId: string, trackingNumber: string) => ({
    pk: `${tableKeyPrefixes.collective}${caseId}`,
    sk: `${collectiveMemberPrefix}${trackingNumber}`,
  }),
  collectiveMemberPrefix,
  collectiveProgress: (caseId: string) => ({ pk: `${tableKeyPrefixes.collective}${caseId}`, sk: 'PROGRESS' }),
  /** The collective case a complaint belongs to: one at most (a conditional put claims it). */
  collectiveMembership: (trackingNumber: string) => ({
    pk: `${tableKeyPrefixes.collective}MEMBERSHIP#${trackingNumber}`,
    sk: 'CLAIM',
  }),
  /** The collective cases newest first, all of them or one merchant's: few, written by regulators' hands. */
  collectiveListing: (createdAt: string, caseId: string, merchantId?: string) => ({
    pk: keys.collectiveList(merchantId),
    sk: `${createdAt}#${caseId}`,
  }),
  collectiveList: (merchantId?: string) =>
    merchantId ? `${tableKeyPrefixes.collective}MERCHANT#${merchantId}` : `${tableKeyPrefixes.collective}ALL`,
  /** A merchant's order count of a month (the denominator of its complaint rate), with its corrections. */
  orderCount: (merchantId: string, month: string) => ({
    pk: `${tableKeyPrefixes.orderCount}MERCHANT#${merchantId}`,
    sk: `MONTH#${month}`,
  }),
  /** A consumer's report of a seller not on CCMS. */
  unlistedReport: (reportId: string) => ({ pk: `${tableKeyPrefixes.unlisted}REPORT#${reportId}`, sk: 'REPORT' }),
  /** A seller not on CCMS, by one normalized identifier: its summary, and under it who reported it and each report. */
  unlistedSeller: (key: string) => ({ pk: `${tableKeyPrefixes.unlisted}SELLER#${key}`, sk: 'SELLER' }),
  unlistedReporter: (key: string, consumerId: string) => ({
    pk: `${tableKeyPrefixes.unlisted}SELLER#${key}`,
    sk: `BY#${consumerId}`,
  }),
  unlistedSellerReport: (key: string, reportedAt: string, reportId: string) => ({
    pk: `${tableKeyPrefixes.unlisted}SELLER#${key}`,
    sk: `REPORT#${reportedAt}#${reportId}`,
  }),
  unlistedSellerReportPrefix: 'REPORT#',
  /** How many sellers a consumer reported in a Dhaka day. */
  unlistedReportsOfDay: (consumerId: string, day: string) => ({
    pk: `${tableKeyPrefixes.unlisted}DAY#${consumerId}`,
    sk: day,
  }),
  evidenceSlots: (trackingNumber: string, party: string) => ({
    pk: `${tableKeyPrefixes.evidence}${trackingNumber}`,
    sk: `SLOTS#${party}`,
  }),
};

const keyAttributes = [
  tableDesign.partitionKey,
  tableDesign.sortKey,
  ...Object.values(tableDesign.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
  // Derived for an index alone: the complaint's open-data row.
  'openData',
];

/** An item without the table's and the indexes' key attributes (and what is derived for an index). */
export const stripKeys = <T extends object>(item: Record<string, unknown>): T => {
  const copy = { ...item };
  for (const name of keyAttributes) delete copy[name];
  return copy as T;
};
