/**
 * A local KMS for the one call CCMS makes, GenerateMac (HMAC-SHA-256), over the KMS JSON
 * protocol. The key is random and kept in the data folder, so hashes stay stable across runs.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class LocalKms {
  private readonly key: Buffer;
  private server?: Server;

  constructor(
    keyFile: string,
    readonly keyArn: string,
  ) {
    if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('hex'));
    this.key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
  }

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const send = (status: number, body: unknown) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify(body));
        };
        const action = String(request.headers['x-amz-target'] ?? '').replace('TrentService.', '');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { KeyId?: string; Message?: string; MacAlgorithm?: string };
        if (action !== 'GenerateMac') return send(400, { __type: 'UnsupportedOperationException', message: `The local KMS supports GenerateMac only, not ${action}.` });
        if (body.KeyId !== this.keyArn) return send(400, { __type: 'NotFoundException', message: `Key '${body.KeyId}' does not exist` });
        if (body.MacAlgorithm !== 'HMAC_SHA_256') return send(400, { __type: 'InvalidKeyUsageException', message: 'The local key is HMAC_SHA_256' });
        const mac = createHmac('sha256', this.key).update(Buffer.from(body.Message ?? '', 'base64')).digest('base64');
        send(200, { KeyId: this.keyArn, Mac: mac, MacAlgorithm: body.MacAlgorithm });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close() {
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
