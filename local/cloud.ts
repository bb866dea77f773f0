/**
 * The whole platform on this machine: DynamoDB Local, the lifecycle ASL on
 * aws-local-stepfunctions, SNS in-process, S3 on s3rver and the HTTP gateway, all on one virtual
 * clock. The functions run unchanged: the AWS SDK finds the local services through its standard
 * AWS_ENDPOINT_URL_<SERVICE> variables. This file starts the parts in order and wires them; each
 * part has its own file: the functions' environment (function-environment.ts), the state machines'
 * task bindings (task-bindings.ts), the queue-fed consumers (event-sources.ts), the gateway's
 * authorizers (authorizers.ts) and the dev-only endpoints (dev-endpoints.ts).
 */
import type { SmsProvider } from '../functions/bindings';
import { LocalSmsGateway } from './sms-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult, DynamoDBStreamEvent } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import S3rver from 's3rver';
import { authenticateSignedUseCase } from '../functions/access/signed-requests';
import { DynamoDbCredentialStore, DynamoDbReplayGuard } from '../functions/adapters/dynamodb-credentials';
import { DynamoDbMerchantDirectory, DynamoDbRegulatorRegistry } from '../functions/adapters/dynamodb-merchants';
import { KmsSecretSealer } from '../functions/adapters/kms-sealer';
import { keys } from '../functions/adapters/table-design';
import {
  emailEventConsumer,
  evidenceUploadConsumer,
  malwareScanConsumer,
  type FunctionId,
  type StreamConsumerId,
  streamConsumers,
} from '../functions/catalog';
import { wallClock } from '../functions/domain/clock';
import { evidenceLimits } from '../functions/domain/evidence';
import { changedComplaint } from '../functions/workflow/stream-records';
import type { EscalationSubscription } from '../infra/escalation-subscriptions';
import { contentSecurityPolicy } from '../web/security-headers';
import { localAuthorizer } from './authorizers';
import { devEndpoints } from './dev-endpoints';
import { LocalOpsServices } from './ops-services';
import { LocalWafChallenge } from './waf-challenge';
import {
  createCcmsTable,
  createIdempotencyTable,
  localClientConfig,
  localIdempotencyTableName,
  localTableName,
  startDynamoDbLocal,
} from './dynamodb';
import { startDynamoDbProxy } from './dynamodb-proxy';
import { queueDelivery } from './event-sources';
import { type FaultPoint, Faults, InjectedFault } from './faults';
import type { FilterPolicy } from './filter-policy';
import { buildFunctionBundles } from './function-bundles';
import { localAccount, localBuckets, localFunctionEnvironment, localTopicArn } from './function-environment';
import { LocalFunctions } from './functions';
import { LocalGateway } from './gateway';
import { LocalKms } from './kms';
import { Outbox } from './outbox';
import { LocalMalwareScan } from './malware-scan';
import { S3Front } from './s3-front';
import { demoMerchants, seedAccessKeys, type SeedCredentials } from './seed';
import { LocalSes } from './ses';
import { LocalSns } from './sns';
import { LocalStepFunctions } from './stepfunctions';
import { LocalTableStream, type DeadLetter } from './streams';
import { createStateMachines, localTaskFunctions } from './task-bindings';
import { VirtualClock } from './virtual-clock';

const region = localClientConfig.region;
const account = localAccount;

export interface LocalCloudOptions {
  /** Where data is kept between runs. */
  dataDir: string;
  /** Start from empty data. */
  fresh?: boolean;
  /** Gateway port; 0 picks a free one. */
  port: number;
  log?: (line: string) => void;
  /** Regulators' subscriptions to the escalations topic, as the stack takes them from context. */
  escalationSubscriptions?: EscalationSubscription[];
  /** Serve the web app from this build folder (web/dist) at the gateway's root. */
  webRoot?: string;
  /**
   * The SMS providers in the order they are tried, as a stage's context `smsProviders` names them:
   * `gateway` is the stand-in aggregator (local/sms-gateway.ts). SNS alone by default.
   */
  smsProviders?: readonly SmsProvider[];
  /**
   * Merchant id prefixes whose complaints alone keep quiet hours (functions/domain/quiet-hours.ts);
   * every complaint when absent, as in AWS. The tests' cloud scopes them, so that the virtual
   * clock's time of day decides nothing for the complaints of other tests.
   */
  quietHoursFor?: readonly string[];
  /** The alert rules as checked JSON (infra/alert-rules.ts); the platform's own when absent, as in AWS. */
  alertRules?: string;
}

export interface LocalCloud {
  url: string;
  seedCredentials: SeedCredentials;
  credentialsFile: string;
  endpoints: Record<string, string>;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export const startLocalCloud = async (options: LocalCloudOptions): Promise<LocalCloud> => {
  const log = options.log ?? (() => undefined);
  if (options.fresh) rmSync(options.dataDir, { recursive: true, force: true });
  for (const dir of ['dynamodb', 's3']) mkdirSync(path.join(options.dataDir, dir), { recursive: true });

  const clockFile = path.join(options.dataDir, 'clock.json');
  const savedOffset = existsSync(clockFile)
    ? (JSON.parse(readFileSync(clockFile, 'utf8')) as { offsetMs: number }).offsetMs
    : 0;
  const clock = new VirtualClock(savedOffset);
  const track = <T>(work: () => Promise<T>) => clock.track(work);

  // Made once the state machines exist: a function's environment names them.
  let functions: LocalFunctions | undefined;
  const invoke = (functionId: FunctionId, event: unknown) => {
    if (!functions) throw new Error(`${functionId} was invoked before the local cloud finished starting`);
    return functions.invoke(functionId, event);
  };
  const toQueueConsumer = queueDelivery({ region, invoke, track, log });

  const dynamoDb = await startDynamoDbLocal({
    dataDir: path.join(options.dataDir, 'dynamodb'),
    port: await freePort(),
  });
  // The functions reach DynamoDB Local through a proxy that refuses overlapping transactions, as DynamoDB does.
  const outbox = new Outbox(path.join(options.dataDir, 'outbox.jsonl'));
  // A fault may target a complaint's consumer or merchant: calls that carry only its tracking number are looked up.
  let complaintParties: (trackingNumber: string) => Promise<string> = async () => '';
  const faults = new Faults((trackingNumber) => complaintParties(trackingNumber));
  const dynamoDbProxy = await startDynamoDbProxy(dynamoDb.endpoint, faults);
  const topics = {
    notifications: localTopicArn(region, 'notifications'),
    escalations: localTopicArn(region, 'escalations'),
  };
  const sns = new LocalSns(Object.values(topics), outbox, track, faults);
  // SES: every email goes to the outbox; a bounce or complaint (a dev fault) reaches the event consumer as an SQS record, as in AWS.
  const ses = new LocalSes(outbox, faults, (sesEvent) =>
    toQueueConsumer(emailEventConsumer, 'ccms-local-email-events', sesEvent, 'An SES event'),
  );
  const sesEndpoint = await ses.listen();
  // The stand-in SMS aggregator, and the Secrets Manager that holds its API key.
  const smsGateway = new LocalSmsGateway(outbox, faults, () => clock.now(), track);
  const smsGatewayEndpoint = await smsGateway.listen();
  const snsEndpoint = await sns.listen();
  // The stack's subscriptions, with the same filter policies; each delivery goes to the outbox (channel `subscription`).
  for (const subscription of options.escalationSubscriptions ?? []) {
    sns.subscribe({
      topicArn: topics.escalations,
      filterPolicy: subscription.filterPolicy as FilterPolicy | undefined,
      deliver: async (message) => {
        outbox.record({
          channel: 'subscription',
          to: `${subscription.protocol}:${subscription.endpoint}`,
          body: JSON.parse(message.message),
          attributes: message.attributes,
        });
      },
    });
  }

  const s3 = new S3rver({
    address: '127.0.0.1',
    port: await freePort(),
    directory: path.join(options.dataDir, 's3'),
    silent: true,
    // s3rver has no Object Lock: the case-record bucket is an ordinary one here (the stack's is write-once).
    configureBuckets: [
      { name: localBuckets.evidence, configs: [] },
      { name: localBuckets.caseRecords, configs: [] },
      { name: localBuckets.openData, configs: [] },
    ],
  });
  const s3Address = (await s3.run()) as { port: number };
  const malwareScan = new LocalMalwareScan(path.join(options.dataDir, 'malware-flagged.json'));
  // Browsers and download links reach S3 through a front that checks policies, signatures and expiry as S3 does.
  const s3Front = new S3Front({
    target: `http://127.0.0.1:${s3Address.port}`,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    now: () => clock.now(),
    maxUploadBytes: evidenceLimits.maxBytes,
    withholds: (bucket, key) => malwareScan.withholds(bucket, key),
    faults,
  });
  const s3Endpoint = await s3Front.listen();
  // S3's object-created notifications for complaints/, as the SQS queue in AWS delivers them to the
  // check; GuardDuty's scan of the same file first (local/malware-scan.ts), whose finding of a threat
  // reaches the quarantine's queue. s3rver is a Koa application: it emits each S3 event on itself.
  (s3 as unknown as NodeJS.EventEmitter).on(
    'event',
    (notification: { Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string } } }[] }) => {
      const [record] = notification.Records;
      if (!record?.eventName.startsWith('ObjectCreated:') || !record.s3.object.key.startsWith('complaints/')) return;
      const { key } = record.s3.object;
      const bucket = record.s3.bucket.name;
      void track(async () => {
        try {
          const stored = await fetch(`http://127.0.0.1:${s3Address.port}/${bucket}/${key}`);
          const finding = stored.ok
            ? malwareScan.scan(bucket, key, Buffer.from(await stored.arrayBuffer()), region)
            : undefined;
          if (finding)
            toQueueConsumer(malwareScanConsumer, 'ccms-local-malware-scan-results', finding, `The scan of ${key}`);
        } finally {
          toQueueConsumer(
            evidenceUploadConsumer,
            'ccms-local-evidence-uploads',
            notification,
            `The evidence upload ${key}`,
          );
        }
      }).catch((error: Error) => log(`The malware scan of ${key} failed: ${error.message}`));
    },
  );

  const kms = new LocalKms(
    path.join(options.dataDir, 'kms.key'),
    `arn:aws:kms:${region}:${account}:key/ccms-local-identity-hash`,
    `arn:aws:kms:${region}:${account}:key/ccms-local-credentials`,
    `arn:aws:kms:${region}:${account}:key/ccms-local-personal-data`,
  );
  const kmsEndpoint = await kms.listen();

  const stepFunctions = new LocalStepFunctions({
    region,
    account,
    journalFile: path.join(options.dataDir, 'executions.jsonl'),
    legacyExecutionsFile: path.join(options.dataDir, 'executions.json'),
    taskFunctions: localTaskFunctions(invoke, outbox),
    sns,
    track,
    faults,
  });
  const stateMachines = createStateMachines(stepFunctions);
  const sfnEndpoint = await stepFunctions.listen();

  // The gateway's port is chosen now: the site is this gateway, and messages link to its tracking pages.
  const port = options.port === 0 ? await freePort() : options.port;
  const url = `http://localhost:${port}`;
  // As deployed: INFO lines go to each function's log file (`<dataDir>/logs`), warnings and errors to the console too.
  const logDir = path.join(options.dataDir, 'logs');
  // SQS (the set-aside queues) and Lambda's Invoke, for the sweeper's replays and the
  // operators' tools (npm run ops). Its invocations start once the functions below exist.
  const opsServices = new LocalOpsServices({
    account,
    invoke: (functionId, event) =>
      track(() =>
        functionId in streamConsumers
          ? invokeConsumer(functionId as StreamConsumerId, event)
          : invoke(functionId, event),
      ),
  });
  const opsEndpoint = await opsServices.listen();
  const setAsideQueueOf = (consumerId: StreamConsumerId) => `ccms-local-${consumerId}-set-aside`;
  const bundles = await buildFunctionBundles();
  functions = new LocalFunctions({
    bundles,
    environmentOf: localFunctionEnvironment(
      {
        region,
        siteUrl: url,
        stateMachines,
        keys: { identityHash: kms.keyArn, credentials: kms.encryptionKeyArn, personalData: kms.personalDataKeyArn },
        smsProviders: options.smsProviders,
        ...(options.quietHoursFor && { quietHoursFor: options.quietHoursFor }),
        ...(options.alertRules && { alertRules: options.alertRules }),
        endpoints: {
          dynamoDb: dynamoDbProxy.endpoint,
          dynamoDbStreams: dynamoDb.endpoint,
          sns: snsEndpoint,
          sfn: sfnEndpoint,
          s3: s3Endpoint,
          kms: kmsEndpoint,
          ses: sesEndpoint,
          secretsManager: smsGatewayEndpoint,
          sqs: opsEndpoint,
          lambda: opsEndpoint,
        },
        setAsideQueues: Object.fromEntries(
          Object.keys(streamConsumers).map((consumerId) => [
            consumerId,
            opsServices.queueUrl(setAsideQueueOf(consumerId as StreamConsumerId)),
          ]),
        ),
      },
      process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    ),
    now: () => clock.now().getTime(),
    logDir,
  });

  const tableName = localTableName;
  const dynamoDbClient = new DynamoDBClient({ endpoint: dynamoDb.endpoint, ...localClientConfig });
  await createCcmsTable(dynamoDbClient, tableName);
  await createIdempotencyTable(dynamoDbClient, localIdempotencyTableName);
  const documentClient = DynamoDBDocumentClient.from(dynamoDbClient);
  complaintParties = async (trackingNumber) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: keys.complaint(trackingNumber), ConsistentRead: true }),
    );
    return Item ? `${Item.consumerId} ${Item.merchantId}` : '';
  };
  const merchants = new DynamoDbMerchantDirectory(documentClient, tableName);
  for (const merchant of demoMerchants) await merchants.put(merchant);
  const kmsClient = new KMSClient({ endpoint: kmsEndpoint, ...localClientConfig });
  const signedRequests = {
    credentials: new DynamoDbCredentialStore(documentClient, tableName),
    sealer: new KmsSecretSealer(kmsClient, kms.encryptionKeyArn),
    replays: new DynamoDbReplayGuard(documentClient, tableName),
    clock: wallClock,
    region,
  };
  const credentialsFile = path.join(options.dataDir, 'seed-credentials.json');
  const seedCredentials = await seedAccessKeys(credentialsFile, {
    ...signedRequests,
    regulators: new DynamoDbRegulatorRegistry(documentClient, tableName),
    randomBytes,
  });

  // Each stream consumer reads the table's stream from its own position, as its own event source
  // mapping does in AWS; what one sets aside goes to its on-failure destination (an SQS queue there).
  const deadLetters: DeadLetter[] = [];
  /**
   * The fault that fails each consumer's invocations (see local/faults.ts), and the records of a
   * batch it is about: counting fails for a complaint's own changes (the complaint item), not for
   * every item that mentions its consumer (an OTP, a session), so it trips where counting happens.
   */
  const complaintItemsOf = (event: unknown) =>
    (event as DynamoDBStreamEvent).Records.filter((record) => changedComplaint(record) !== undefined);
  const consumerFaults: Record<
    StreamConsumerId,
    { point: FaultPoint; afterRun: boolean; about: (event: unknown) => unknown }
  > = {
    onComplaintChange: { point: 'stream.crashAfterRun', afterRun: true, about: (event) => event },
    countComplaintChanges: { point: 'stream.countingFails', afterRun: false, about: complaintItemsOf },
  };
  // A consumer's faults hold for every invocation of it: by its stream, and by a replay (npm run ops -- redrive).
  const invokeConsumer = async (consumerId: StreamConsumerId, event: unknown) => {
    const { point, afterRun, about } = consumerFaults[consumerId];
    const trips = () => faults.tripFor(point, JSON.stringify(about(event)));
    if (!afterRun && (await trips())) throw new InjectedFault(point);
    const result = await invoke(consumerId, event);
    if (afterRun && (await trips())) throw new InjectedFault(point);
    return result;
  };
  const streamOf = (consumerId: StreamConsumerId) =>
    new LocalTableStream({
      endpoint: dynamoDb.endpoint,
      dynamoDb: dynamoDbClient,
      tableName,
      name: consumerId,
      // The change consumer keeps the file name it has always had, so an existing data folder resumes where it was.
      positionsFile: path.join(
        options.dataDir,
        consumerId === 'onComplaintChange' ? 'stream-positions.json' : `stream-positions-${consumerId}.json`,
      ),
      consumer: (event) => track(() => invokeConsumer(consumerId, event)),
      log,
      policy: streamConsumers[consumerId],
      onFailure: (letter) => {
        deadLetters.push(letter);
        // As Lambda's on-failure destination writes it to the consumer's set-aside queue.
        opsServices.send(setAsideQueueOf(consumerId), {
          version: '1.0',
          timestamp: letter.at,
          requestContext: {
            requestId: randomUUID(),
            functionArn: `arn:aws:lambda:${region}:${account}:function:ccms-local-${consumerId}`,
            condition: letter.condition,
            approximateInvokeCount: streamConsumers[consumerId].retryAttempts + 1,
          },
          responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
          DDBStreamBatchInfo: {
            shardId: letter.shardId,
            startSequenceNumber: letter.sequenceNumber,
            endSequenceNumber: letter.sequenceNumber,
            batchSize: 1,
            streamArn: letter.streamArn,
          },
        });
        log(
          `A complaint change was set aside by ${consumerId} after ${streamConsumers[consumerId].retryAttempts} retries: ${JSON.stringify(letter)}`,
        );
      },
    });
  const streams = {
    onComplaintChange: streamOf('onComplaintChange'),
    countComplaintChanges: streamOf('countComplaintChanges'),
  } satisfies Record<StreamConsumerId, LocalTableStream>;
  for (const stream of Object.values(streams)) {
    await stream.start();
    clock.addDrainer(() => stream.drain());
  }

  const resumed = stepFunctions.resumeInterruptedExecutions();
  if (resumed > 0) log(`Resumed ${resumed} workflow execution(s) that were running when the local cloud last stopped.`);

  // The web ACL's challenge on POST /v1/otp, as AWS WAF does it (local/waf-challenge.ts).
  const challenge = new LocalWafChallenge(() => clock.now().getTime());
  const gateway = new LocalGateway(
    (route, event) => track(() => invoke(route.function, event) as Promise<APIGatewayProxyResult>),
    // IAM authorization, as API Gateway does it for the admin routes: SigV4 for execute-api.
    localAuthorizer({
      region,
      account,
      authenticateOperator: authenticateSignedUseCase(signedRequests),
      invoke,
      track,
    }),
    devEndpoints({
      clock,
      clockFile,
      outbox,
      functions,
      logDir,
      deadLetters,
      dynamoDbProxy,
      kms,
      stepFunctions,
      faults,
      streams,
      challenge,
      resources: {
        region,
        tableName,
        lifecycleStateMachineArn: stateMachines.lifecycle,
        setAsideQueues: {
          onComplaintChange: opsServices.queueUrl(setAsideQueueOf('onComplaintChange')),
          countComplaintChanges: opsServices.queueUrl(setAsideQueueOf('countComplaintChanges')),
        },
        endpoints: {
          dynamodb: dynamoDbProxy.endpoint,
          dynamodbStreams: dynamoDb.endpoint,
          sfn: sfnEndpoint,
          sqs: opsEndpoint,
          lambda: opsEndpoint,
        },
      },
    }),
    options.webRoot
      ? {
          root: options.webRoot,
          headers: { 'content-security-policy': contentSecurityPolicy(new URL(s3Endpoint).origin) },
        }
      : undefined,
    { challenge, openDataOrigin: `http://127.0.0.1:${s3Address.port}/${localBuckets.openData}` },
  );
  await gateway.listen(port);
  smsGateway.reportTo(`${url}/v1/sms/delivery-reports`);

  return {
    url,
    seedCredentials,
    credentialsFile,
    endpoints: {
      dynamoDb: dynamoDb.endpoint,
      sns: snsEndpoint,
      ses: sesEndpoint,
      smsGateway: smsGatewayEndpoint,
      stepFunctions: sfnEndpoint,
      s3: s3Endpoint,
      kms: kmsEndpoint,
    },
    stop: async () => {
      await gateway.close();
      for (const stream of Object.values(streams)) await stream.stop();
      await stepFunctions.close();
      await opsServices.close();
      await functions?.close();
      bundles.remove();
      await sns.close();
      await ses.close();
      await smsGateway.close();
      await s3Front.close();
      await s3.close();
      await kms.close();
      await dynamoDbProxy.close();
      dynamoDbClient.destroy();
      kmsClient.destroy();
      dynamoDb.process.kill('SIGTERM');
      writeFileSync(clockFile, JSON.stringify({ offsetMs: clock.offsetMs() }));
      clock.uninstall();
    },
  };
};
