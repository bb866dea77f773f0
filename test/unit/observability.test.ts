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

describe('what a release alarm counts (infra/functions-stack.ts)', () => {
  /** The metric names in the embedded-metric-format lines written while `run` runs, with their FunctionName. */
  const emittedWhile = async (run: () => Promise<unknown>) => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await run().catch(() => undefined);
    } finally {
      write.mockRestore();
    }
    return lines
      .flatMap((line) => line.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .flatMap((line) => {
        const record = JSON.parse(line) as {
          _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] };
          FunctionName?: string;
        };
        return record._aws.CloudWatchMetrics.flatMap((group) =>
          group.Metrics.map((metric) => `${metric.Name} ${record.FunctionName}`),
        );
      });
  };
  const context = { functionName: 'ccms-test', awsRequestId: 'r-1', getRemainingTimeInMillis: () => 10_000 } as never;

  it('counts a request failed by a defect or by running out of time, per function; not a refusal, not AWS being busy', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'ccms-dev-GetComplaint');
    try {
      const { httpHandler } = await import('../../functions/commons/http');
      const { InvalidRequestError } = await import('../../functions/domain/errors');
      const failing = (error: Error) =>
        httpHandler(async () => {
          throw error;
        });
      const timedOut = Object.assign(new Error('Timeout'), { name: 'TimeoutError', cause: { package: '@middy/core' } });
      const throttled = Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $fault: 'client',
        $retryable: { throttling: true },
        $metadata: { httpStatusCode: 400 },
      });
      const event = { headers: {}, pathParameters: null, requestContext: {} } as never;
      const counted = 'UnexpectedErrors ccms-dev-GetComplaint';
      expect(await emittedWhile(() => failing(new TypeError('a defect'))(event, context))).toEqual([counted]);
      expect(await emittedWhile(() => failing(timedOut)(event, context))).toEqual([counted]);
      expect(await emittedWhile(() => failing(new InvalidRequestError('no'))(event, context))).toEqual([]);
      expect(await emittedWhile(() => failing(throttled)(event, context))).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
