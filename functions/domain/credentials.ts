/**
 * API credentials for merchants, regulators and (locally) operators: an access key id and a
 * secret, shown once. SigV4 needs the secret itself to check a signature, so it is stored sealed
 * (KMS encryption bound to the key id), never in clear. Two keys may be active at once, for rotation.
 */
export type Principal =
  | { role: 'merchant'; merchantId: string }
  | { role: 'regulator'; regulatorId: string; agency: string }
  | { role: 'operator'; operatorId: string };

export type Role = Principal['role'];

export const credentialRules = { maxActiveKeys: 2 } as const;

export interface StoredCredential {
  accessKeyId: string;
  principal: Principal;
  sealedSecret: string;
  status: 'ACTIVE' | 'REVOKED';
  createdAt: string;
  revokedAt?: string;
}

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const prefixes: Record<Role, string> = { merchant: 'CCMSM', regulator: 'CCMSR', operator: 'CCMSO' };

export const principalKey = (principal: Principal) =>
  principal.role === 'merchant'
    ? `merchant#${principal.merchantId}`
    : principal.role === 'regulator'
      ? `regulator#${principal.regulatorId}`
      : `operator#${principal.operatorId}`;

/**
 * What can be a key id: letters and digits, at most 128 (AWS's own bound; ours are 21). Anything else
 * is no key, and is refused before the store sees it: past 2,048 bytes DynamoDB refuses it as a key
 * (a ValidationException, a 500, for a request with no key at all).
 */
export const isAccessKeyId = (id: string) => /^[A-Za-z0-9]{1,128}$/.test(id);

/** A new key pair: `CCMSM` + 16 symbols (merchants; CCMSR regulators, CCMSO operators) and a 40-character secret. */
export const newAccessKey = (role: Role, randomBytes: (size: number) => Uint8Array) => {
  const idBytes = randomBytes(16);
  const accessKeyId = prefixes[role] + [...idBytes].map((byte) => alphabet[byte % 32]).join('');
  const secretAccessKey = Buffer.from(randomBytes(30)).toString('base64url');
  return { accessKeyId, secretAccessKey };
};
