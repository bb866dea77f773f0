/**
 * What the operators' tools (`npm run ops`) call in AWS, locally, on one port:
 * - SQS, for the stream consumers' on-failure queues: a change set aside is a message in AWS's
 *   on-failure format (where it is in the stream, which function failed). ReceiveMessage (with a
 *   visibility timeout), ChangeMessageVisibility and DeleteMessage, in the SDK's JSON protocol.
 * - Lambda's Invoke, for the functions of the local cloud (`ccms-local-<functionId>` or its ARN).
 * The unchanged SDK clients reach them with an endpoint, as the functions reach the other services.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FunctionId, functionCatalog } from '../functions/catalog';

interface QueuedMessage {
  messageId: string;
  body: string;
  /** Hidden from receivers until then (epoch ms), after a receive. */
  invisibleUntil: number;
  receiptHandle?: string;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });

export class LocalOpsServices {
  private readonly queues = new Map<string, QueuedMessage[]>();
  private server?: Server;
  private endpoint = '';

  constructor(
    private readonly options: {
      account: string;
      invoke: (functionId: FunctionId, event: unknown) => Promise<unknown>;
    },
  ) {}

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        if (!response.headersSent) this.json(response, 500, { __type: 'InternalFailure', message: error.message });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  async close() {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** The URL of a queue of this server (made on first use), as SQS names queues. */
  queueUrl(name: string): string {
    if (!this.queues.has(name)) this.queues.set(name, []);
    return `${this.endpoint}/${this.options.account}/${name}`;
  }

  /** Puts a message on a queue, as a Lambda on-failure destination does. */
  send(queueName: string, body: object) {
    this.queueUrl(queueName);
    this.queues.get(queueName)!.push({ messageId: randomUUID(), body: JSON.stringify(body), invisibleUntil: 0 });
  }

  /** The messages a queue holds (visible or not), for the dev endpoints. */
  messages(queueName: string): unknown[] {
    return (this.queues.get(queueName) ?? []).map((message) => JSON.parse(message.body));
  }

  private json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers });
    response.end(JSON.stringify(body));
  }

  private queueOf(queueUrl: unknown): QueuedMessage[] | undefined {
    return typeof queueUrl === 'string' ? this.queues.get(queueUrl.split('/').at(-1) ?? '') : undefined;
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const text = await readBody(request);
    const invocation = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '');
    if (invocation) return this.invoke(decodeURIComponent(invocation[1]!), text, response);

    const target = String(request.headers['x-amz-target'] ?? '');
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    const queue = this.queueOf(body.QueueUrl);
    if (!queue)
      return this.json(response, 400, {
        __type: 'com.amazonaws.sqs#QueueDoesNotExist',
        message: 'The specified queue does not exist.',
      });
    if (target === 'AmazonSQS.ReceiveMessage') {
      const now = Date.now();
      const wanted = Math.min(Number(body.MaxNumberOfMessages ?? 1), 10);
      const visibilityMs = Number(body.VisibilityTimeout ?? 30) * 1000;
      const received = queue.filter((message) => message.invisibleUntil <= now).slice(0, wanted);
      for (const message of received) {
        message.invisibleUntil = now + visibilityMs;
        message.receiptHandle = randomUUID();
      }
      return this.json(response, 200, {
        Messages: received.map((message) => ({
          MessageId: message.messageId,
          ReceiptHandle: message.receiptHandle,
          MD5OfBody: createHash('md5').update(message.body).digest('hex'),
          Body: message.body,
        })),
      });
    }
    if (target === 'AmazonSQS.ChangeMessageVisibility') {
      const message = queue.find((candidate) => candidate.receiptHandle === body.ReceiptHandle);
      if (!message)
        return this.json(response, 400, {
          __type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid',
          message: 'The receipt handle is not valid.',
        });
      message.invisibleUntil = Date.now() + Number(body.VisibilityTimeout ?? 0) * 1000;
      return this.json(response, 200, {});
    }
    if (target === 'AmazonSQS.DeleteMessage') {
      const index = queue.findIndex((message) => message.receiptHandle === body.ReceiptHandle);
      if (index >= 0) queue.splice(index, 1);
      return this.json(response, 200, {});
    }
    return this.json(response, 400, {
      __type: 'com.amazonaws.sqs#UnsupportedOperation',
      message: `${target} is not emulated`,
    });
  }

  private async invoke(name: string, payload: string, response: ServerResponse) {
    const functionId = name
      .split(':')
      .find((part) => part.startsWith('ccms-local-'))
      ?.slice('ccms-local-'.length);
    if (!functionId || !(functionId in functionCatalog))
      return this.json(response, 404, {
        Type: 'User',
        Message: `Function not found: ${name}`,
        __type: 'ResourceNotFoundException',
      });
    try {
      const result = await this.options.invoke(functionId as FunctionId, payload === '' ? {} : JSON.parse(payload));
      return this.json(response, 200, result ?? null, { 'x-amz-executed-version': '$LATEST' });
    } catch (error) {
      return this.json(
        response,
        200,
        { errorType: (error as Error).name, errorMessage: (error as Error).message },
        { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' },
      );
    }
  }
}
