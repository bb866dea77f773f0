/**
 * Seals secrets (credential secrets, personal data) with a KMS key, what they belong to bound in as
 * encryption context (`accessKeyId` for credentials, `trackingNumber` for a complainant's name):
 * a sealed value copied onto another record does not open.
 */
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretSealer } from '../domain/ports';

export class KmsSecretSealer implements SecretSealer {
  constructor(
    private readonly client: KMSClient,
    private readonly keyId: string,
    private readonly contextName = 'accessKeyId',
  ) {}

  async seal(secret: string, context: string): Promise<string> {
    const { CiphertextBlob } = await this.client.send(
      new EncryptCommand({
        KeyId: this.keyId,
        Plaintext: Buffer.from(secret, 'utf8'),
        EncryptionContext: { [this.contextName]: context },
      }),
    );
    return Buffer.from(CiphertextBlob!).toString('base64');
  }

  async open(sealed: string, context: string): Promise<string> {
    const { Plaintext } = await this.client.send(
      new DecryptCommand({
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(sealed, 'base64'),
        EncryptionContext: { [this.contextName]: context },
      }),
    );
    return Buffer.from(Plaintext!).toString('utf8');
  }
}
