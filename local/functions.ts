/**
 * Loads the functions of functions/catalog.ts in this process and invokes their exported
 * `handler` exactly as Lambda would, with a Lambda-shaped context.
 */
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { functionCatalog, type FunctionId } from '../functions/catalog';

const functionsDir = path.join(import.meta.dirname, '..', 'functions');

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const contextFor = (functionId: FunctionId): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: `ccms-local-${functionId}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:ccms-local-${functionId}`,
  memoryLimitInMB: '512',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/ccms-local-${functionId}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

export class LocalFunctions {
  private readonly loaded = new Map<FunctionId, Promise<Handler>>();

  /** Modules are imported on first use, after the local cloud has set the environment they read. */
  private handlerOf(functionId: FunctionId): Promise<Handler> {
    let handler = this.loaded.get(functionId);
    if (!handler) {
      const file = path.join(functionsDir, `${functionCatalog[functionId].entry}.ts`);
      handler = import(pathToFileURL(file).href).then((module: { handler: Handler }) => module.handler);
      this.loaded.set(functionId, handler);
    }
    return handler;
  }

  async invoke(functionId: FunctionId, event: unknown): Promise<unknown> {
    const handler = await this.handlerOf(functionId);
    return handler(event, contextFor(functionId));
  }
}
