/** The local gateway turns odd requests into events or clear 4xx answers, never a 500 of its own. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalGateway } from '../../local/gateway';

describe('the local gateway on odd input', () => {
  let gateway: LocalGateway | undefined;
  afterEach(() => gateway?.close());
  const started = async (authorize: () => Promise<object | undefined> = async () => ({})) => {
    const events: APIGatewayProxyEvent[] = [];
    gateway = new LocalGateway(
      async (_route, event) => {
        events.push(event);
        return { statusCode: 200, body: '{}' };
      },
      authorize,
      [],
    );
    return { base: `http://127.0.0.1:${await gateway.listen(0)}`, events };
  };

  it('passes query keys named like object built-ins on as plain keys (it answered 500)', async () => {
    const { base, events } = await started();
    const response = await fetch(`${base}/v1/categories?constructor=1&__proto__=2&toString=3&toString=4`);
    expect(response.status).toBe(200);
    const [event] = events;
    expect(Object.entries(event!.queryStringParameters!)).toEqual([
      ['constructor', '1'],
      ['__proto__', '2'],
      ['toString', '4'],
    ]);
    expect(event!.multiValueQueryStringParameters!.toString).toEqual(['3', '4']);
  });

  it('answers a path with malformed percent-encoding 400 in the API’s error format (it answered 500)', async () => {
    const { base, events } = await started();
    const response = await fetch(`${base}/v1/complaints/%FF`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_REQUEST');
    expect(events).toEqual([]);
  });

  it('refuses an operator route in the API’s error format, as API Gateway’s gateway responses do: unsigned or not allowed', async () => {
    const { base, events } = await started(async () => undefined);
    const unsigned = await fetch(`${base}/v1/admin/access-log?trackingNumber=7K3M9-Q2TXB`);
    expect([unsigned.status, ((await unsigned.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'MISSING_AUTHENTICATION_TOKEN',
    ]);
    const signed = await fetch(`${base}/v1/admin/access-log?trackingNumber=7K3M9-Q2TXB`, {
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/ap-south-1/execute-api/aws4_request',
      },
    });
    expect([signed.status, ((await signed.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'ACCESS_DENIED',
    ]);
    expect(events).toEqual([]);
  });
});
