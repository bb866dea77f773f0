/** The local gateway turns odd requests into events or clear 4xx answers, never a 500 of its own. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalGateway } from '../../local/gateway';

describe('the local gateway on odd input', () => {
  let gateway: LocalGateway | undefined;
  afterEach(() => gateway?.close());
  const started = async () => {
    const events: APIGatewayProxyEvent[] = [];
    gateway = new LocalGateway(
      async (_route, event) => {
        events.push(event);
        return { statusCode: 200, body: '{}' };
      },
      async () => ({}),
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
});
