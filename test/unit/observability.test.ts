/** Every function runs inside the observed chain (the logger's context, its metrics), traced by Lambda. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it, vi } from 'vitest';
import { functionCatalog } from '../../functions/catalog';

const functionsDir = path.join(import.meta.dirname, '..', '..', 'functions');

describe('observability of every function', () => {
  it('wraps each handler in httpHandler or observed (logger context, metrics)', () => {
    const unwrapped = Object.values(functionCatalog)
      .map((spec) => ({ entry: spec.entry, source: readFileSync(path.join(functionsDir, `${spec.entry}.ts`), 'utf8') }))
      .filter(({ source }) => !/export const handler = (httpHandler|observed)\(/.test(source))
      .map(({ entry }) => entry);
    expect(unwrapped).toEqual([]);
  });
});

describe('tracing without a tracing library', () => {
  it('passes the invocation’s X-Ray trace header on every AWS call (the SDK’s own middleware), so traces continue downstream', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'ccms-test');
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-67a1b2c3-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1');
    vi.stubEnv('AWS_REGION', 'ap-south-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    try {
      const { sns } = await import('../../functions/commons/clients/sns');
      const { dynamoDbLowLevel } = await import('../../functions/commons/clients/dynamodb');
      const sent: (string | undefined)[] = [];
      for (const client of [sns(), dynamoDbLowLevel()]) {
        // Just before the request would leave: record its header, and answer nothing.
        client.middlewareStack.add(
          () => async (args) => {
            sent.push((args.request as { headers: Record<string, string> }).headers['X-Amzn-Trace-Id']);
            throw new Error('not sent');
          },
          { step: 'finalizeRequest', priority: 'low', name: 'recordTraceHeader' },
        );
      }
      await expect(
        sns().send(new PublishCommand({ TopicArn: 'arn:aws:sns:ap-south-1:111122223333:t', Message: 'm' })),
      ).rejects.toThrow('not sent');
      await expect(
        dynamoDbLowLevel().send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } })),
      ).rejects.toThrow('not sent');
      expect(sent).toEqual([process.env._X_AMZN_TRACE_ID, process.env._X_AMZN_TRACE_ID]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
