/**
 * `npm run ops -- <command>`: the operators' tools the runbook (docs/runbook.md) names.
 *   npm run ops -- redrive [--consumer onComplaintChange|countComplaintChanges]   replay set-aside changes
 *   npm run ops -- rearm <trackingNumber> [...]                                   give timers a live execution
 *   npm run ops -- index-closed                                                   index complaints closed before retention existed
 *   npm run ops -- index-open-data                                                give complaints stored before open data by complaint their row
 * Against a deployed stage: `--stage prod` (default dev), with the AWS SDK's own credentials and
 * region (AWS_PROFILE, AWS_REGION). Against a local cloud: `--local http://localhost:3000`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { streamConsumers, type StreamConsumerId } from '../functions/catalog';
import { DynamoDbComplaintRepository } from '../functions/adapters/dynamodb-complaints';
import { type RearmOutcome, rearm } from '../functions/workflow/rearm';
import { redrive } from '../functions/workflow/redrive';
import { clientConfig, deployedResources, localResources } from './resources';

const usage = `Usage:
  npm run ops -- redrive [--consumer onComplaintChange|countComplaintChanges] [--stage NAME | --local URL]
  npm run ops -- rearm <trackingNumber> [<trackingNumber> ...] [--stage NAME | --local URL]
  npm run ops -- index-closed [--stage NAME | --local URL]
  npm run ops -- index-open-data [--stage NAME | --local URL]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    stage: { type: 'string', default: 'dev' },
    local: { type: 'string' },
    region: { type: 'string' },
    consumer: { type: 'string' },
  },
});
const [command, ...rest] = positionals;

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

if (command !== 'redrive' && command !== 'rearm' && command !== 'index-closed' && command !== 'index-open-data')
  fail(usage);
const resources = values.local
  ? await localResources(values.local)
  : await deployedResources(values.stage, values.region);
console.log(
  `Working on ${values.local ? `the local cloud at ${values.local}` : `stage ${values.stage} in ${resources.region}`}`,
);

const said = (result: RearmOutcome) => {
  switch (result.outcome) {
    case 'NOT_FOUND':
      return 'no such complaint';
    case 'NO_TIMER':
      return 'no timer to re-arm';
    case 'ALREADY_WAITING':
      return `already waiting in ${result.execution}`;
    case 'REARMED':
      return `re-armed as ${result.execution}, due ${result.dueAt} (wakes ${result.wakeAt})`;
  }
};

// Complaints stored before an index existed have no entry in it: the retention job (closedByMonth)
// or the monthly open data (openDataByMonth) would never reach them. Each is written again with it.
if (command === 'index-closed' || command === 'index-open-data') {
  const complaints = new DynamoDbComplaintRepository(
    DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(resources, 'dynamodb'))),
    resources.tableName,
  );
  const { indexed, changedMeanwhile } =
    command === 'index-closed' ? await complaints.indexClosed() : await complaints.indexOpenData();
  const what =
    command === 'index-closed' ? 'closed complaints indexed for retention' : 'complaints given their open-data row';
  console.log(`${indexed} ${what}, ${changedMeanwhile} changed meanwhile (indexed by that change)`);
  process.exit(0);
}

if (command === 'rearm') {
  if (rest.length === 0) fail(usage);
  const complaints = new DynamoDbComplaintRepository(
    DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(resources, 'dynamodb'))),
    resources.tableName,
  );
  const sfn = new SFNClient(clientConfig(resources, 'sfn'));
  // Locally the clock is the cloud's virtual one.
  const now = values.local
    ? new Date(((await (await fetch(new URL('/__local/clock', values.local))).json()) as { now: string }).now)
    : new Date();
  let failed = false;
  for (const trackingNumber of rest) {
    const result = await rearm(
      { complaints, sfn, stateMachineArn: resources.lifecycleStateMachineArn, now: () => now },
      trackingNumber,
    );
    failed ||= result.outcome === 'NOT_FOUND';
    console.log(`${trackingNumber}: ${said(result)}`);
  }
  process.exit(failed ? 1 : 0);
}

const consumers = (values.consumer ? [values.consumer] : Object.keys(streamConsumers)) as StreamConsumerId[];
for (const consumer of consumers)
  if (!(consumer in streamConsumers)) fail(`--consumer must be one of ${Object.keys(streamConsumers).join(', ')}`);
const deps = {
  sqs: new SQSClient(clientConfig(resources, 'sqs')),
  streams: new DynamoDBStreamsClient(clientConfig(resources, 'dynamodbStreams')),
  lambda: new LambdaClient(clientConfig(resources, 'lambda')),
};
let left = 0;
for (const consumer of consumers) {
  const totals = await redrive(deps, resources.setAsideQueues[consumer], (result) =>
    console.log(
      `${consumer}: ${result.outcome}${'reason' in result ? `: ${result.reason}` : ''}${'keys' in result ? ` ${JSON.stringify(result.keys)}` : ''}`,
    ),
  );
  console.log(
    `${consumer}: ${totals.replayed} replayed, ${totals.failedAgain} failed again, ${totals.expired} too old, ${totals.unreadable} unreadable`,
  );
  left += totals.failedAgain + totals.expired + totals.unreadable;
}
process.exit(left > 0 ? 1 : 0);
