/**
 * The whole platform on this machine: DynamoDB Local, the lifecycle ASL on
 * aws-local-stepfunctions, SNS in-process, S3 on s3rver and the HTTP gateway, all on one virtual
 * clock. The functions run unchanged: the AWS SDK finds the local services through its standard
 * AWS_ENDPOINT_URL_<SERVICE> variables.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import S3rver from 's3rver';
import { KMSClient } from '@aws-sdk/client-kms';
import { randomBytes, randomUUID } from 'node:crypto';
import { authenticateSignedUseCase, signedRequestOf } from '../functions/access/signed-requests';
import { DynamoDbCredentialStore, DynamoDbReplayGuard } from '../functions/adapters/dynamodb-credentials';
import { DynamoDbMerchantDirectory, DynamoDbRegulatorRegistry } from '../functions/adapters/dynamodb-merchants';
import { KmsSecretSealer } from '../functions/adapters/kms-sealer';
import { baseEnvironment, bindingEffects, type BindingResources } from '../functions/bindings';
import {
  authorizers,
  complaintChangeConsumer,
  complaintChangeStream,
  emailEventConsumer,
  evidenceUploadConsumer,
  functionCatalog,
  lifecycleTaskFunctions,
  webhookDeliveryTaskFunctions,
  caseExportTaskFunctions,
  caseRecordTaskFunctions,
  type FunctionId,
} from '../functions/catalog';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { keys, tableDesign } from '../functions/adapters/table-design';
import { wallClock } from '../functions/domain/clock';
import {
  createCcmsTable,
  createIdempotencyTable,
  localClientConfig,
  localIdempotencyTableName,
  localTableName,
  startDynamoDbLocal,
} from './dynamodb';
import { startDynamoDbProxy } from './dynamodb-proxy';
import { faultPoints, Faults, InjectedFault, type FaultPoint } from './faults';
import { buildFunctionBundles } from './function-bundles';
import { LocalFunctions } from './functions';
import { contentSecurityPolicy } from '../web/security-headers';
import { LocalGateway, type DevEndpoint } from './gateway';
import { LocalKms } from './kms';
import { Outbox, smsPartsOf } from './outbox';
import { demoMerchants, seedAccessKeys, type SeedCredentials } from './seed';
import { LocalSes } from './ses';
import type { FilterPolicy } from './filter-policy';
import type { EscalationSubscription } from '../infra/escalation-subscriptions';
import { S3Front } from './s3-front';
import { evidenceLimits } from '../functions/domain/evidence';
import { LocalSns } from './sns';
import { LocalStepFunctions, type TaskFunction } from './stepfunctions';
import { LocalTableStream, type DeadLetter } from './streams';
import { parseIsoDuration, VirtualClock } from './virtual-clock';

const region = localClientConfig.region;
const account = '000000000000';
const statemachinesDir = path.join(import.meta.dirname, '..', 'statemachines');

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

const countsOf = (names: readonly string[]) => {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
};

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

  const dynamoDb = await startDynamoDbLocal({
    dataDir: path.join(options.dataDir, 'dynamodb'),
    port: await freePort(),
  });
  // The functions reach DynamoDB Local through a proxy that refuses overlapping transactions, as DynamoDB does.
  const dynamoDbProxy = await startDynamoDbProxy(dynamoDb.endpoint);
  const outbox = new Outbox(path.join(options.dataDir, 'outbox.jsonl'));
  // A fault may target a complaint's consumer or merchant: calls that carry only its tracking number are looked up.
  let complaintParties: (trackingNumber: string) => Promise<string> = async () => '';
  const faults = new Faults((trackingNumber) => complaintParties(trackingNumber));
  const topicArn = (name: string) => `arn:aws:sns:${region}:${account}:ccms-local-${name}`;
  const topics = { notifications: topicArn('notifications'), escalations: topicArn('escalations') };
  const sns = new LocalSns(Object.values(topics), outbox, track, faults);
  // SES: every email goes to the outbox; a bounce or complaint (a dev fault) reaches the event consumer as an SQS record, as in AWS.
  const ses = new LocalSes(outbox, faults, (sesEvent) => {
    const record = {
      messageId: randomUUID(),
      receiptHandle: 'local',
      body: JSON.stringify(sesEvent),
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${region}:${account}:ccms-local-email-events`,
      awsRegion: region,
    };
    void track(async () => {
      const response = (await invoke(emailEventConsumer, { Records: [record] })) as { batchItemFailures?: unknown[] };
      if (response?.batchItemFailures?.length)
        log(
          `An SES event could not be applied (in AWS it would be retried, then kept in the dead-letter queue): ${record.messageId}`,
        );
    }).catch((error: Error) => log(`The email event consumer failed: ${error.message}`));
  });
  const sesEndpoint = await ses.listen();
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

  const bucketName = 'ccms-local-evidence';
  const caseRecordBucketName = 'ccms-local-case-records';
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: await freePort(),
    directory: path.join(options.dataDir, 's3'),
    silent: true,
    // s3rver has no Object Lock: the case-record bucket is an ordinary one here (the stack's is write-once).
    configureBuckets: [
      { name: bucketName, configs: [] },
      { name: caseRecordBucketName, configs: [] },
    ],
  });
  const s3Address = (await s3.run()) as { port: number };
  // Browsers and download links reach S3 through a front that checks policies, signatures and expiry as S3 does.
  const s3Front = new S3Front({
    target: `http://127.0.0.1:${s3Address.port}`,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    now: () => clock.now(),
    maxUploadBytes: evidenceLimits.maxBytes,
  });
  const s3Endpoint = await s3Front.listen();
  // S3's object-created notifications for complaints/, as the SQS queue in AWS delivers them to the check.
  // s3rver is a Koa application: it emits each S3 event on itself.
  (s3 as unknown as NodeJS.EventEmitter).on(
    'event',
    (notification: { Records: { eventName: string; s3: { object: { key: string } } }[] }) => {
      const [record] = notification.Records;
      if (!record?.eventName.startsWith('ObjectCreated:') || !record.s3.object.key.startsWith('complaints/')) return;
      const message = {
        messageId: randomUUID(),
        receiptHandle: 'local',
        body: JSON.stringify(notification),
        attributes: {},
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${region}:${account}:ccms-local-evidence-uploads`,
        awsRegion: region,
      };
      void track(async () => {
        const response = (await invoke(evidenceUploadConsumer, { Records: [message] })) as {
          batchItemFailures?: unknown[];
        };
        if (response?.batchItemFailures?.length)
          log(
            `An evidence upload could not be checked (in AWS it would be retried, then kept in the dead-letter queue): ${record.s3.object.key}`,
          );
      }).catch((error: Error) => log(`The evidence check failed: ${error.message}`));
    },
  );

  const kms = new LocalKms(
    path.join(options.dataDir, 'kms.key'),
    `arn:aws:kms:${region}:${account}:key/ccms-local-identity-hash`,
    `arn:aws:kms:${region}:${account}:key/ccms-local-credentials`,
    `arn:aws:kms:${region}:${account}:key/ccms-local-personal-data`,
  );
  const kmsEndpoint = await kms.listen();

  // Made once the state machines exist: a function's environment names them.
  let functions: LocalFunctions | undefined;
  const invoke = (functionId: FunctionId, event: unknown) => {
    if (!functions) throw new Error(`${functionId} was invoked before the local cloud finished starting`);
    return functions.invoke(functionId, event);
  };
  const taskFunctions: Record<string, TaskFunction> = {};
  /** The ASL's definition substitutions: each task function by a local name. */
  const substitutionsFor = (tasks: Record<string, FunctionId>) => {
    const substitutions: Record<string, string> = {};
    for (const [substitution, functionId] of Object.entries(tasks)) {
      substitutions[substitution] = `ccms-local-${functionId}`;
      taskFunctions[`ccms-local-${functionId}`] = (payload) => {
        // Webhook attempts show in the outbox too (the receiver and the delivery log have the rest).
        if (functionId === 'deliverWebhook') {
          const { merchantId, event, trackingNumber, deliveryId } = payload as Record<string, string>;
          outbox.record({
            channel: 'webhook',
            to: merchantId!,
            subject: event,
            body: { deliveryId, event, trackingNumber },
          });
        }
        return invoke(functionId, payload);
      };
    }
    return substitutions;
  };
  const stepFunctions = new LocalStepFunctions({
    region,
    account,
    journalFile: path.join(options.dataDir, 'executions.jsonl'),
    legacyExecutionsFile: path.join(options.dataDir, 'executions.json'),
    taskFunctions,
    sns,
    track,
    faults,
  });
  /** Each state machine of the stack, from its ASL file, with its task functions. */
  const createStateMachine = (name: string, aslFile: string, tasks: Record<string, FunctionId>) =>
    stepFunctions.createStateMachine(
      `ccms-local-${name}`,
      readFileSync(path.join(statemachinesDir, aslFile), 'utf8'),
      substitutionsFor(tasks),
    );
  const stateMachineArn = createStateMachine(
    'complaint-lifecycle',
    'complaint-lifecycle.asl.json',
    lifecycleTaskFunctions,
  );
  const webhookStateMachineArn = createStateMachine(
    'webhook-delivery',
    'webhook-delivery.asl.json',
    webhookDeliveryTaskFunctions,
  );
  const exportStateMachineArn = createStateMachine('case-export', 'case-export.asl.json', caseExportTaskFunctions);
  const caseRecordStateMachineArn = createStateMachine('case-record', 'case-record.asl.json', caseRecordTaskFunctions);
  const sfnEndpoint = await stepFunctions.listen();

  // The gateway's port is chosen now: the site is this gateway, and messages link to its tracking pages.
  const port = options.port === 0 ? await freePort() : options.port;
  const url = `http://localhost:${port}`;
  const tableName = localTableName;
  const tableArn = `arn:aws:dynamodb:${region}:${account}:table/${tableName}`;
  const bindingResources: BindingResources = {
    tableName,
    tableArn,
    tableIndexArns: Object.keys(tableDesign.indexes).map((indexName) => `${tableArn}/index/${indexName}`),
    notificationsTopicArn: topics.notifications,
    escalationsTopicArn: topics.escalations,
    topicKeyArn: `arn:aws:kms:${region}:${account}:key/ccms-local-topics`,
    anyTopicArn: 'arn:aws:sns:*:*:*',
    identityHashKeyArn: kms.keyArn,
    credentialsKeyArn: kms.encryptionKeyArn,
    personalDataKeyArn: kms.personalDataKeyArn,
    evidenceBucketName: bucketName,
    evidenceBucketArn: `arn:aws:s3:::${bucketName}`,
    idempotencyTableName: localIdempotencyTableName,
    idempotencyTableArn: `arn:aws:dynamodb:${region}:${account}:table/${localIdempotencyTableName}`,
    lifecycleStateMachineArn: stateMachineArn,
    lifecycleExecutionsArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:*`,
    webhookStateMachineArn,
    exportStateMachineArn,
    caseRecordStateMachineArn,
    caseRecordBucketName,
    caseRecordBucketArn: `arn:aws:s3:::${caseRecordBucketName}`,
    // The test identities of README.md; the deployed stack never uses the fixture verifier.
    identityVerifier: 'fixture',
    email: {
      from: 'no-reply@ccms.local',
      configurationSetName: 'ccms-local',
      identityArn: `arn:aws:ses:${region}:${account}:identity/ccms.local`,
      configurationSetArn: `arn:aws:ses:${region}:${account}:configuration-set/ccms-local`,
    },
    siteUrl: url,
    // Webhook receivers on this machine (tests, a developer's listener) may use plain http.
    allowLoopbackWebhooks: true,
  };
  /** What Lambda's runtime gives every function; the endpoints point the SDK at the local services. */
  const runtimeEnvironment = (functionId: FunctionId) => ({
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: `ccms-local-${functionId}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    // The SDK adds `app/<id>` to its User-Agent: the DynamoDB proxy records which function made each request.
    AWS_SDK_UA_APP_ID: functionId,
    // Lambda runs Node.js 22; this machine's Node.js 20 would make the SDK warn in every sandbox.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDbProxy.endpoint,
    AWS_ENDPOINT_URL_SNS: snsEndpoint,
    AWS_ENDPOINT_URL_SFN: sfnEndpoint,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    AWS_ENDPOINT_URL_KMS: kmsEndpoint,
    AWS_ENDPOINT_URL_SESV2: sesEndpoint,
  });
  // As deployed: INFO lines go to each function's log file (`<dataDir>/logs`), warnings and errors to the console too.
  const logLevel = process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO';
  const logDir = path.join(options.dataDir, 'logs');
  const bundles = await buildFunctionBundles();
  functions = new LocalFunctions({
    bundles,
    environmentOf: (functionId) => ({
      ...runtimeEnvironment(functionId),
      ...baseEnvironment,
      POWERTOOLS_LOG_LEVEL: logLevel,
      ...bindingEffects(functionCatalog[functionId].bindings, bindingResources).environment,
    }),
    now: () => clock.now().getTime(),
    logDir,
  });

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
  // IAM authorization, as API Gateway does it for the admin routes: SigV4 for execute-api.
  const authenticateOperator = authenticateSignedUseCase(signedRequests);

  // The stream's on-failure destination (an SQS queue in AWS).
  const deadLetters: DeadLetter[] = [];
  const stream = new LocalTableStream(
    dynamoDb.endpoint,
    dynamoDbClient,
    tableName,
    path.join(options.dataDir, 'stream-positions.json'),
    (event) =>
      track(async () => {
        const result = await invoke(complaintChangeConsumer, event);
        if (await faults.tripFor('stream.crashAfterRun', JSON.stringify(event)))
          throw new InjectedFault('stream.crashAfterRun');
        return result;
      }),
    log,
    complaintChangeStream,
    (letter) => {
      deadLetters.push(letter);
      log(
        `A complaint change was set aside after ${complaintChangeStream.retryAttempts} retries: ${JSON.stringify(letter)}`,
      );
    },
  );
  await stream.start();
  clock.addDrainer(() => stream.drain());

  const resumed = stepFunctions.resumeInterruptedExecutions();
  if (resumed > 0) log(`Resumed ${resumed} workflow execution(s) that were running when the local cloud last stopped.`);

  const devEndpoints: DevEndpoint[] = [
    { method: 'GET', path: '/__local/outbox', handle: async () => ({ status: 200, body: outbox.list() }) },
    {
      method: 'GET',
      path: '/__local/clock',
      handle: async () => ({ status: 200, body: { now: clock.now().toISOString() } }),
    },
    {
      method: 'POST',
      path: '/__local/clock',
      handle: async (body) => {
        const advance = (body as { advance?: unknown } | undefined)?.advance;
        let ms: number;
        try {
          if (typeof advance !== 'string')
            throw new Error('Send {"advance": "<ISO-8601 duration>"}, for example {"advance": "P7D"}.');
          ms = parseIsoDuration(advance);
        } catch (error) {
          return { status: 400, body: { error: { code: 'INVALID_REQUEST', message: (error as Error).message } } };
        }
        const before = clock.now().toISOString();
        const now = await clock.advance(ms);
        writeFileSync(clockFile, JSON.stringify({ offsetMs: clock.offsetMs() }));
        return { status: 200, body: { before, now: now.toISOString(), advancedBy: advance } };
      },
    },
    {
      method: 'GET',
      path: '/__local/functions',
      // Each function's environment variable names (values hold endpoints and ARNs only, but names are what a test compares).
      handle: async () => ({
        status: 200,
        body: Object.fromEntries(
          (Object.keys(functionCatalog) as FunctionId[]).map((functionId) => [
            functionId,
            Object.keys(functions!.environmentOf(functionId)).sort(),
          ]),
        ),
      }),
    },
    {
      method: 'GET',
      path: '/__local/logs',
      // Each function's log lines, as its CloudWatch log group would hold them.
      handle: async () => ({
        status: 200,
        body: Object.fromEntries(
          (Object.keys(functionCatalog) as FunctionId[]).map((functionId) => {
            const file = path.join(logDir, `${functionId}.log`);
            return [
              functionId,
              existsSync(file)
                ? readFileSync(file, 'utf8')
                    .split('\n')
                    .filter((line) => line.trim() !== '')
                : [],
            ];
          }),
        ),
      }),
    },
    { method: 'GET', path: '/__local/dead-letters', handle: async () => ({ status: 200, body: deadLetters }) },
    {
      method: 'GET',
      path: '/__local/dynamodb',
      handle: async () => ({
        status: 200,
        body: {
          endpoint: dynamoDbProxy.endpoint,
          transactionConflicts: dynamoDbProxy.conflicts(),
          usage: dynamoDbProxy.usage(),
        },
      }),
    },
    {
      method: 'GET',
      path: '/__local/usage',
      // What AWS would bill so far: function invocations, time and log bytes; DynamoDB units; state transitions; messages.
      handle: async () => ({
        status: 200,
        body: {
          functions: functions!.usage(),
          dynamoDb: dynamoDbProxy.usage(),
          kmsRequests: kms.requests,
          stateTransitions: stepFunctions
            .listExecutions()
            .executions.reduce((sum, execution) => sum + execution.statesEntered.length, 0),
          executions: stepFunctions.listExecutions().executions.length,
          messages: countsOf(outbox.list().map((message) => message.channel)),
          smsParts: outbox
            .list()
            .reduce(
              (sum, message) =>
                sum + (message.channel === 'sms' || message.channel === 'otp' ? smsPartsOf(String(message.body)) : 0),
              0,
            ),
        },
      }),
    },
    {
      method: 'POST',
      path: '/__local/dynamodb/requests',
      // The latest requests after {"after": <sequence>}, for `npm run bench` to replay as a floor.
      handle: async (body) => ({
        status: 200,
        body: dynamoDbProxy.requestsAfter(Number((body as { after?: unknown } | undefined)?.after) || 0),
      }),
    },
    {
      method: 'GET',
      path: '/__local/faults',
      handle: async () => ({ status: 200, body: { points: faultPoints, ...faults.report() } }),
    },
    {
      method: 'POST',
      path: '/__local/faults',
      handle: async (body) => {
        const {
          point,
          times = 1,
          target,
          clear,
        } = (body ?? {}) as { point?: string; times?: number; target?: unknown; clear?: boolean };
        if (clear === true) {
          faults.clear();
          return { status: 200, body: faults.report() };
        }
        const validTarget = typeof target === 'string' && target.trim().length >= 3;
        if (
          !faultPoints.includes(point as FaultPoint) ||
          !Number.isInteger(times) ||
          times < 1 ||
          times > 100 ||
          !validTarget
        ) {
          const message = `Send {"point": one of ${faultPoints.join(', ')}, "times": 1-100, "target": a phone, tracking number, merchant id or topic the fault is for}, or {"clear": true}.`;
          return { status: 400, body: { error: { code: 'INVALID_REQUEST', message } } };
        }
        faults.arm(point as FaultPoint, times, target);
        return { status: 200, body: faults.report() };
      },
    },
    {
      method: 'GET',
      path: '/__local/executions',
      handle: async () => ({ status: 200, body: stepFunctions.listExecutions().executions }),
    },
  ];

  const gateway = new LocalGateway(
    (route, event) => track(() => invoke(route.function, event) as Promise<APIGatewayProxyResult>),
    async (route, event) => {
      if (route.access === 'public' || route.access === 'merchant' || route.access === 'regulator') return {};
      if (route.access === 'operator') {
        try {
          const principal = await authenticateOperator(signedRequestOf(event), ['operator'], 'execute-api');
          return {
            identity: {
              userArn: `arn:aws:iam::${account}:user/${principal.role === 'operator' ? principal.operatorId : 'unknown'}`,
            },
          };
        } catch {
          return undefined;
        }
      }
      const authorizerEvent = {
        type: 'REQUEST',
        methodArn: `arn:aws:execute-api:${region}:${account}:local/local/${route.method}${route.path}`,
        resource: route.path,
        path: event.path,
        httpMethod: route.method,
        headers: event.headers,
        multiValueHeaders: event.multiValueHeaders,
        pathParameters: event.pathParameters,
        queryStringParameters: event.queryStringParameters,
        multiValueQueryStringParameters: event.multiValueQueryStringParameters,
        stageVariables: null,
        requestContext: event.requestContext,
      } as unknown as APIGatewayRequestAuthorizerEvent;
      try {
        const decision = (await track(() =>
          invoke(authorizers[route.access as 'consumer'], authorizerEvent),
        )) as APIGatewayAuthorizerResult;
        const allowed = decision.policyDocument.Statement.some((statement) => statement.Effect === 'Allow');
        return allowed
          ? { authorizer: Object.fromEntries(Object.entries(decision.context ?? {}).map(([k, v]) => [k, String(v)])) }
          : undefined;
      } catch {
        return undefined;
      }
    },
    devEndpoints,
    options.webRoot
      ? {
          root: options.webRoot,
          headers: { 'content-security-policy': contentSecurityPolicy(new URL(s3Endpoint).origin) },
        }
      : undefined,
  );
  await gateway.listen(port);

  return {
    url,
    seedCredentials,
    credentialsFile,
    endpoints: {
      dynamoDb: dynamoDb.endpoint,
      sns: snsEndpoint,
      ses: sesEndpoint,
      stepFunctions: sfnEndpoint,
      s3: s3Endpoint,
      kms: kmsEndpoint,
    },
    stop: async () => {
      await gateway.close();
      await stream.stop();
      await stepFunctions.close();
      await functions?.close();
      bundles.remove();
      await sns.close();
      await ses.close();
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
