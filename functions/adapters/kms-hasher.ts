/** Keyed hashing with a KMS HMAC key: the key never leaves KMS, so a stolen table cannot be brute-forced offline. */
import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KeyedHasher } from '../domain/ports';

export class KmsKeyedHasher implements KeyedHasher {
  constructor(
    private readonly client: KMSClient,
    private readonly keyId: string,
  ) {}

  async hash(value: string): Promise<string> {
    const { Mac } = await this.client.send(
      new GenerateMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(value, 'utf8') }),
    );
    return Buffer.from(Mac!).toString('hex');
  }
}
