/** Seals credential secrets with KMS, the access key id bound in as encryption context. */
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretSealer } from '../domain/ports';

export class KmsSecretSealer implements SecretSealer {
  constructor(
    private readonly client: KMSClient,
    private readonly keyId: string,
  ) {}

  async seal(secret: string, context: string): Promise<string> {
    const { CiphertextBlob } = await this.client.send(
      new EncryptCommand({ KeyId: this.keyId, Plaintext: Buffer.from(secret, 'utf8'), EncryptionContext: { accessKeyId: context } }),
    );
    return Buffer.from(CiphertextBlob!).toString('base64');
  }

  async open(sealed: string, context: string): Promise<string> {
    const { Plaintext } = await this.client.send(
      new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: Buffer.from(sealed, 'base64'), EncryptionContext: { accessKeyId: context } }),
    );
    return Buffer.from(Plaintext!).toString('utf8');
  }
}
