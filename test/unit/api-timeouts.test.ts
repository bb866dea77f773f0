/**
 * API Gateway waits 29 seconds for an integration, then answers 504 on its own. Every function
 * behind the API must give up first, so that its own answer (503 with Retry-After) is the one the
 * caller gets; the local gateway keeps API Gateway's limit, so a slower function is seen here too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  apiFunctionTimeoutSeconds,
  authorizers,
  functionCatalog,
  type FunctionId,
  integrationTimeoutSeconds,
  routes,
  timeoutSecondsOf,
} from '../../functions/catalog';
import { LocalGateway } from '../../local/gateway';

describe('API function timeouts', () => {
  it('gives every route’s and authorizer’s function a timeout that ends well inside API Gateway’s 29 seconds', () => {
    const apiFunctions = [...routes.map((route) => route.function), ...Object.values(authorizers)];
    for (const functionId of apiFunctions) expect(timeoutSecondsOf(functionId), functionId).toBeLessThanOrEqual(25);
    expect(apiFunctionTimeoutSeconds + 4).toBeLessThanOrEqual(integrationTimeoutSeconds);
    // Work behind queues and workflows keeps its own (longer) time.
    expect(timeoutSecondsOf('runExport')).toBe(900);
  });

  it('refuses an API function that asks for longer than API Gateway waits', () => {
    const spec = functionCatalog.fileComplaint as { timeoutSeconds?: number };
    spec.timeoutSeconds = 30;
    try {
      expect(() => timeoutSecondsOf('fileComplaint' satisfies FunctionId)).toThrow(/at most 25 s/);
    } finally {
      delete spec.timeoutSeconds;
    }
  });
});

describe('the local gateway’s integration timeout', () => {
  let gateway: LocalGateway | undefined;
  afterEach(() => gateway?.close());

  it('answers 504 "Endpoint request timed out" when the function has not answered in time, as API Gateway does (in the API’s error format, as its gateway response gives it)', async () => {
    let answer: ((value: { statusCode: number; body: string }) => void) | undefined;
    gateway = new LocalGateway(
      () => new Promise((resolve) => (answer = resolve)),
      async () => ({}),
      [],
      undefined,
      { integrationTimeoutMs: 50 },
    );
    const base = `http://127.0.0.1:${await gateway.listen(0)}`;
    const response = await fetch(`${base}/v1/categories`);
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({
      error: { code: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out' },
    });
    answer?.({ statusCode: 200, body: '{}' });
  });

  it('passes on an answer that comes in time', async () => {
    gateway = new LocalGateway(
      async () => ({ statusCode: 200, body: '{"ok":true}' }),
      async () => ({}),
      [],
      undefined,
      { integrationTimeoutMs: 1000 },
    );
    const base = `http://127.0.0.1:${await gateway.listen(0)}`;
    const response = await fetch(`${base}/v1/categories`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
