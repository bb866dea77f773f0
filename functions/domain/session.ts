/**
 * Consumer sessions: an opaque random bearer token handed out once after OTP verification.
 * Only its SHA-256 is stored, so a database read does not yield usable tokens.
 */
import { createHash } from 'node:crypto';

export const sessionRules = { validForMs: 60 * 60_000 } as const;

export interface ConsumerSession {
  tokenHash: string;
  consumerId: string;
  issuedAt: string;
  expiresAt: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const newSession = (input: { consumerId: string; randomBytes: (size: number) => Uint8Array; now: Date }) => {
  const token = Buffer.from(input.randomBytes(32)).toString('base64url');
  const session: ConsumerSession = {
    tokenHash: hashToken(token),
    consumerId: input.consumerId,
    issuedAt: input.now.toISOString(),
    expiresAt: new Date(input.now.getTime() + sessionRules.validForMs).toISOString(),
  };
  return { token, session };
};

export const isLive = (session: ConsumerSession | undefined, now: Date): session is ConsumerSession =>
  session !== undefined && now.getTime() < Date.parse(session.expiresAt);
