/**
 * `npm start`: the whole platform on this machine.
 *   npm start                      keep data in .local/ between runs
 *   npm start -- --fresh           start empty
 *   npm start -- --port 0          any free port (PORT=... works too)
 *   npm start -- --data-dir DIR    keep data elsewhere
 *   npm start -- --escalation-subscriptions FILE   regulators' subscriptions (default: cdk.json's context)
 *   npm start -- --watch-web       rebuild the web app on every change under web/src
 *   npm start -- --quiet-hours-for PREFIXES   quiet hours only for merchants whose id starts so (the tests' cloud)
 *   npm start -- --alert-rules FILE   the regulators' alert rules (default: functions/domain/alert-rules.json)
 */
import { smsProviders, type SmsProvider } from '../functions/bindings';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { alertRulesFromFile } from '../infra/alert-rules';
import { parseEscalationSubscriptions } from '../infra/escalation-subscriptions';
import { buildWeb } from '../web/build';
import { startLocalCloud } from './cloud';
import { demoMerchants } from './seed';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    /** A JSON file with regulators' escalation subscriptions; by default cdk.json's context `escalationSubscriptions`. */
    'escalation-subscriptions': { type: 'string' },
    'watch-web': { type: 'boolean', default: false },
    'sms-providers': { type: 'string' },
    /** Comma-separated merchant id prefixes whose complaints alone keep quiet hours; all complaints when not given. */
    'quiet-hours-for': { type: 'string' },
    /** A JSON file of alert rules, as context alertRulesFile gives a stage; the platform's own when not given. */
    'alert-rules': { type: 'string' },
  },
});

const projectRoot = path.join(import.meta.dirname, '..');

/** SMS providers in order (`sns`, `gateway`), comma-separated; SNS alone when not given. */
function smsProvidersOf(list: string | undefined): SmsProvider[] | undefined {
  if (list === undefined || list === '') return undefined;
  const providers = list.split(',').map((provider) => provider.trim());
  const unknown = providers.filter((provider) => !(smsProviders as readonly string[]).includes(provider));
  if (unknown.length > 0 || new Set(providers).size !== providers.length)
    throw new Error(`--sms-providers takes ${smsProviders.join(' and/or ')}, each once; got ${list}`);
  return providers as SmsProvider[];
}
const port = Number(values.port ?? process.env.PORT ?? 3000);
const dataDir = path.resolve(values['data-dir'] ?? path.join(projectRoot, '.local'));

try {
  const subscriptionsFile = values['escalation-subscriptions'];
  const escalationSubscriptions = parseEscalationSubscriptions(
    subscriptionsFile
      ? JSON.parse(readFileSync(path.resolve(subscriptionsFile), 'utf8'))
      : JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')).context?.escalationSubscriptions,
  );
  // The web app is built into this cloud's own data folder (after --fresh has emptied it), so two clouds never share a build.
  const webRoot = path.join(dataDir, 'web');
  const cloud = await startLocalCloud({
    dataDir,
    fresh: values.fresh,
    port,
    log: (line) => console.log(line),
    escalationSubscriptions,
    webRoot,
    // `gateway,sns` sends through the stand-in SMS aggregator first, as a stage with context smsProviders would.
    smsProviders: smsProvidersOf(values['sms-providers'] ?? process.env.CCMS_SMS_PROVIDERS),
    ...(values['quiet-hours-for'] && {
      quietHoursFor: values['quiet-hours-for'].split(',').map((prefix) => prefix.trim()),
    }),
    alertRules: alertRulesFromFile(values['alert-rules'] && path.resolve(values['alert-rules'])),
  });
  await buildWeb({
    outDir: webRoot,
    watch: values['watch-web'],
    site: { region: cloud.seedCredentials.region, wafIntegrationUrl: '/__local/waf/challenge.js' },
  });
  const { url } = cloud;
  console.log(`
CCMS local cloud (data in ${dataDir}${values.fresh ? ', started fresh' : ''})
  Web            ${url}/                   the pages (Bengali first; tracking at /track)
  API            ${url}/v1/complaints
  Outbox         ${url}/__local/outbox      every SMS, email, OTP and SNS message
  Clock          ${url}/__local/clock       POST {"advance":"P7D"} to move virtual time
  Executions     ${url}/__local/executions  workflow runs and the states they entered
  Logs           ${url}/__local/logs        each function's log lines (also in ${path.join(dataDir, 'logs')})
  DynamoDB Local ${cloud.endpoints.dynamoDb}   Step Functions ${cloud.endpoints.stepFunctions}
  SNS            ${cloud.endpoints.sns}   S3 ${cloud.endpoints.s3}
Demo merchants: ${demoMerchants.map((m) => m.merchantId).join(', ')}
API keys (also in ${cloud.credentialsFile}):
${Object.entries(cloud.seedCredentials.merchants)
  .map(([id, key]) => `  merchant ${id.padEnd(18)} ${key.accessKeyId} ${key.secretAccessKey}`)
  .join('\n')}
  regulator ${cloud.seedCredentials.regulator.agency.padEnd(17)} ${cloud.seedCredentials.regulator.accessKeyId} ${cloud.seedCredentials.regulator.secretAccessKey}
  operator ${cloud.seedCredentials.operator.operatorId.padEnd(18)} ${cloud.seedCredentials.operator.accessKeyId} ${cloud.seedCredentials.operator.secretAccessKey}
A merchant's signed call (SigV4, service ccms):
  curl -s --aws-sigv4 'aws:amz:${cloud.seedCredentials.region}:ccms' --user '${cloud.seedCredentials.merchants['demo-bazaar']!.accessKeyId}:${cloud.seedCredentials.merchants['demo-bazaar']!.secretAccessKey}' '${url}/v1/merchant/complaints?status=AWAITING_MERCHANT'
Verify a phone (the code arrives in the outbox), then file with the session token:
  curl -s -X POST ${url}/v1/otp -H 'content-type: application/json' -d '{"phone":"01712-345678"}'
  curl -s -X POST ${url}/v1/otp/verify -H 'content-type: application/json' -d '{"phone":"01712-345678","code":"<code>"}'
Press Ctrl-C to stop.
CCMS local cloud ready at ${url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the local cloud...');
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`\nThe local cloud could not start:\n${(error as Error).message}`);
  if (process.env.CCMS_DEBUG) console.error(error);
  process.exit(1);
}
