/**
 * `npm run smoke -- --url <site> --merchant-key <id:secret> --regulator-key <id:secret>`: checks a
 * deployment end to end as far as it can without a phone, and prints what passed.
 *   - the site's pages and config.json; public routes (categories, statistics, merchants); the
 *     OpenAPI document (3.1, unique operationIds);
 *   - sign-in is challenged by the firewall (202, x-amzn-waf-action: challenge);
 *   - signed merchant and regulator calls (SigV4, service `ccms`, the site's region);
 *   - where the stage can give a smoke-test consumer a code without a phone (a local cloud, whose
 *     outbox holds the SMS), a complaint filed through the challenge, OTP and identity check, seen
 *     on its tracking page and in the merchant's queue.
 * Exit 1 if anything failed; a check that cannot run is SKIPPED, with why.
 */
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { parseArgs } from 'node:util';

type Outcome = 'PASS' | 'FAIL' | 'SKIP';
const results: { outcome: Outcome; name: string; detail: string }[] = [];
const report = (outcome: Outcome, name: string, detail = '') => {
  results.push({ outcome, name, detail });
  console.log(`${outcome.padEnd(4)} ${name}${detail ? `: ${detail}` : ''}`);
};
const check = async (name: string, run: () => Promise<string | undefined>) => {
  try {
    report('PASS', name, (await run()) ?? '');
  } catch (error) {
    report('FAIL', name, (error as Error).message);
  }
};
const expect = (condition: unknown, message: string) => {
  if (!condition) throw new Error(message);
};

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'merchant-key': { type: 'string' },
    'regulator-key': { type: 'string' },
  },
});
if (!values.url) {
  console.error('Usage: npm run smoke -- --url <site url> [--merchant-key <id:secret>] [--regulator-key <id:secret>]');
  process.exit(2);
}
const site = new URL(values.url);
const at = (path: string) => new URL(path, site).toString();
const json = async (response: Response) => {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
};
const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(at(path), { headers: { accept: 'application/json', ...headers } });
  return {
    response,
    body: response.headers.get('content-type')?.includes('json') ? await json(response) : await response.text(),
  };
};
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(at(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { response, body: text === '' ? undefined : JSON.parse(text) };
};

let region: string | undefined;
await check('the site answers its home page and config.json', async () => {
  const page = await fetch(at('/'));
  expect(page.status === 200, `home page answered ${page.status}`);
  expect((await page.text()).includes('<div id="app">'), 'the home page is not the web app');
  const config = await get('/config.json');
  expect(config.response.status === 200, `config.json answered ${config.response.status}`);
  region = config.body.region;
  expect(typeof region === 'string', 'config.json names no region');
  return `region ${region}${config.body.wafIntegrationUrl ? ', challenge integration named' : ', no challenge integration'}`;
});

await check('public routes answer: categories, statistics, merchants', async () => {
  for (const path of ['/v1/categories', '/v1/public/stats', '/v1/public/merchants']) {
    const { response } = await get(path);
    expect(response.status === 200, `${path} answered ${response.status}`);
  }
  return undefined;
});

await check('the OpenAPI document is 3.1 with unique operationIds', async () => {
  const { response, body } = await get('/v1/openapi.json');
  expect(response.status === 200, `answered ${response.status}`);
  expect(String(body.openapi).startsWith('3.1'), `openapi is ${body.openapi}`);
  const ids = Object.values(body.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
    (operations) =>
      Object.values(operations).flatMap((operation) => (operation.operationId ? [operation.operationId] : [])),
  );
  expect(ids.length > 0 && new Set(ids).size === ids.length, 'operationIds are missing or repeated');
  return `${ids.length} operations`;
});

await check('asking for a code is challenged by the firewall first', async () => {
  const { response, body } = await post('/v1/otp', { phone: '+8801700000000' });
  expect(response.status === 202, `answered ${response.status}`);
  expect(response.headers.get('x-amzn-waf-action') === 'challenge', 'no x-amzn-waf-action: challenge');
  expect(body === undefined, 'the challenge has a body');
  return undefined;
});

const signer = (key: string | undefined) => {
  const [accessKeyId, secretAccessKey] = (key ?? '').split(':');
  if (!accessKeyId || !secretAccessKey || !region) return undefined;
  const sigv4 = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region,
    service: 'ccms',
    sha256: Hash.bind(null, 'sha256'),
  });
  return async (path: string) => {
    const url = new URL(at(path));
    const signed = await sigv4.sign({
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port && { port: Number(url.port) }),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, 'x-ccms-request-id': crypto.randomUUID() },
    });
    const { host: _host, ...headers } = signed.headers as Record<string, string>;
    return get(path, headers);
  };
};
const merchant = signer(values['merchant-key']);
const regulator = signer(values['regulator-key']);

let merchantId: string | undefined;
if (!merchant) report('SKIP', 'a signed merchant call', 'no --merchant-key id:secret');
else
  await check('a signed merchant call: its scorecard and its queue', async () => {
    const scorecard = await merchant('/v1/merchant/scorecard');
    expect(scorecard.response.status === 200, `scorecard answered ${scorecard.response.status}`);
    merchantId = scorecard.body.merchant.merchantId;
    const queue = await merchant('/v1/merchant/complaints?status=AWAITING_MERCHANT');
    expect(queue.response.status === 200, `queue answered ${queue.response.status}`);
    return merchantId;
  });
if (!regulator) report('SKIP', 'a signed regulator call', 'no --regulator-key id:secret');
else
  await check('a signed regulator call: the escalated cases', async () => {
    const cases = await regulator('/v1/regulator/cases?limit=1');
    expect(cases.response.status === 200, `answered ${cases.response.status}`);
    return undefined;
  });

// A code without a phone: only where the stage keeps its SMS in an outbox (a local cloud).
const local = (await fetch(at('/__local/clock')).catch(() => undefined))?.status === 200;
if (!local) report('SKIP', 'a complaint filed by a smoke-test consumer', 'this stage sends codes to real phones only');
else if (!merchantId) report('SKIP', 'a complaint filed by a smoke-test consumer', 'no merchant to file against');
else
  await check('a complaint filed by a smoke-test consumer, seen on its page and by the merchant', async () => {
    const now = new Date((await get('/__local/clock')).body.now);
    const dhakaDay = (daysAgo: number) =>
      new Date(now.getTime() + 6 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const phone = `+88017${String(now.getTime() % 100_000_000).padStart(8, '0')}`;
    const token = (await post('/__local/waf/token', {})).body.token as string;
    const client = { 'x-forwarded-for': `10.99.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
    const sent = await post('/v1/otp', { phone, language: 'en' }, { ...client, 'x-aws-waf-token': token });
    expect(
      sent.response.status === 202 && sent.body?.phone === phone,
      `the code request answered ${sent.response.status}`,
    );
    const outbox = (await get(`/__local/outbox?channel=sms&to=${encodeURIComponent(phone)}`)).body as {
      body: string;
    }[];
    const code = /\d{6}/.exec(String(outbox.at(-1)?.body))?.[0];
    expect(code, 'no code in the outbox');
    const verified = await post('/v1/otp/verify', { phone, code }, client);
    expect(verified.response.status === 200, `verification answered ${verified.response.status}`);
    const session = { authorization: `Bearer ${verified.body.sessionToken}` };
    const identity = await post(
      '/v1/identity',
      { document: 'NID', nidNumber: '1990123456', dateOfBirth: '1990-01-15' },
      session,
    );
    expect(identity.response.status === 200, `identity answered ${identity.response.status}`);
    const filed = await post(
      '/v1/complaints',
      {
        merchantId,
        category: 'REFUND_NOT_RECEIVED',
        description: 'Smoke test: a refund that has not arrived.',
        orderRef: `SMOKE-${now.getTime()}`,
        orderDate: dhakaDay(14),
        amount: 100,
        paymentMethod: 'BKASH',
        deliveryDistrict: 'dhaka',
        priorContact: { date: dhakaDay(2), channel: 'PHONE', merchantAnswer: 'No answer yet.' },
        remedySought: 'REFUND',
        complainantName: 'Smoke Test',
        consent: true,
      },
      { ...session, 'idempotency-key': crypto.randomUUID() },
    );
    expect(filed.response.status === 201, `filing answered ${filed.response.status}: ${JSON.stringify(filed.body)}`);
    const trackingNumber = filed.body.trackingNumber as string;
    const tracked = await get(`/v1/complaints/${trackingNumber}`);
    expect(tracked.response.status === 200, `the tracking page answered ${tracked.response.status}`);
    for (let tries = 0; tries < 60; tries++) {
      const seen = await merchant!(`/v1/merchant/complaints/${trackingNumber}`);
      if (seen.response.status === 200) return trackingNumber;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the merchant does not see ${trackingNumber} after 30 s`);
  });

const failed = results.filter((result) => result.outcome === 'FAIL').length;
const passed = results.filter((result) => result.outcome === 'PASS').length;
const skipped = results.filter((result) => result.outcome === 'SKIP').length;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
