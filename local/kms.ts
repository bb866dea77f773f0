/**
 * A local KMS for the calls CCMS makes, over the KMS JSON protocol: GenerateMac with the identity
 * hash key, Encrypt and Decrypt (AES-256-GCM, the encryption context bound in) with the credentials
 * and personal-data keys, each its own AES key (what one key sealed, another does not open). The key material is random and kept in the data folder, so it stays stable across runs.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class LocalKms {
  private readonly key: Buffer;
  private server?: Server;
  /** Requests so far (KMS bills per request). */
  requests = 0;

  constructor(
    keyFile: string,
    readonly keyArn: string,
    readonly encryptionKeyArn: string,
    readonly personalDataKeyArn: string,
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
        this.requests++;
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
          KeyId?: string;
          Message?: string;
          MacAlgorithm?: string;
          Plaintext?: string;
          CiphertextBlob?: string;
          EncryptionContext?: Record<string, string>;
        };
        if (action === 'Encrypt' || action === 'Decrypt') {
          const keyId = body.KeyId ?? '';
          if (keyId !== this.encryptionKeyArn && keyId !== this.personalDataKeyArn)
            return send(400, { __type: 'NotFoundException', message: `Key '${keyId}' does not exist` });
          try {
            return send(
              200,
              action === 'Encrypt'
                ? this.encrypt(keyId, body.Plaintext ?? '', body.EncryptionContext)
                : this.decrypt(keyId, body.CiphertextBlob ?? '', body.EncryptionContext),
            );
          } catch {
            return send(400, {
              __type: 'InvalidCiphertextException',
              message: 'The ciphertext or its encryption context does not match.',
            });
          }
        }
        if (action !== 'GenerateMac')
          return send(400, {
            __type: 'UnsupportedOperationException',
            message: `The local KMS does not support ${action}.`,
          });
        if (body.KeyId !== this.keyArn)
          return send(400, { __type: 'NotFoundException', message: `Key '${body.KeyId}' does not exist` });
        if (body.MacAlgorithm !== 'HMAC_SHA_256')
          return send(400, { __type: 'InvalidKeyUsageException', message: 'The local key is HMAC_SHA_256' });
        const mac = createHmac('sha256', this.key)
          .update(Buffer.from(body.Message ?? '', 'base64'))
          .digest('base64');
        send(200, { KeyId: this.keyArn, Mac: mac, MacAlgorithm: body.MacAlgorithm });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private aesKey(keyId: string) {
    // The credentials key's derivation predates the second key: kept, so sealed secrets in an existing data folder still open.
    return createHmac('sha256', this.key)
      .update(keyId === this.encryptionKeyArn ? 'ccms-local-encryption-key' : `ccms-local-encryption-key:${keyId}`)
      .digest();
  }

  private static context(context: Record<string, string> = {}) {
    return Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : 1))));
  }

  private encrypt(keyId: string, plaintextBase64: string, context?: Record<string, string>) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.aesKey(keyId), iv);
    cipher.setAAD(LocalKms.context(context));
    const data = Buffer.concat([cipher.update(Buffer.from(plaintextBase64, 'base64')), cipher.final()]);
    return { KeyId: keyId, CiphertextBlob: Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64') };
  }

  private decrypt(keyId: string, ciphertextBase64: string, context?: Record<string, string>) {
    const blob = Buffer.from(ciphertextBase64, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.aesKey(keyId), blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    decipher.setAAD(LocalKms.context(context));
    const plaintext = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
    return { KeyId: keyId, Plaintext: plaintext.toString('base64') };
  }

  async close() {
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
