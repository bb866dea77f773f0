/**
 * Who sent a signed request: SigV4 checked against the key's sealed secret, the key's role
 * checked against the route, and state-changing requests accepted once only.
 */
import type { Clock } from '../domain/clock';
import type { Principal, Role } from '../domain/credentials';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors';
import type { CredentialStore, ReplayGuard, SecretSealer } from '../domain/ports';
import { checkScope, checkSignature, parseSignature, sigv4Rules, type SignedRequest } from '../domain/sigv4';
import type { HttpEvent } from '../commons/http';

export interface SignedRequestDependencies {
  credentials: CredentialStore;
  sealer: SecretSealer;
  replays: ReplayGuard;
  clock: Clock;
  region: string;
}

const readOnlyMethods = ['GET', 'HEAD', 'OPTIONS'];

export const authenticateSignedUseCase =
  (deps: SignedRequestDependencies) =>
  async (request: SignedRequest, allowed: readonly Role[], service: string = sigv4Rules.service): Promise<Principal> => {
    const claims = parseSignature(request.headers);
    const now = deps.clock.now();
    checkScope(claims, { region: deps.region, service, now });
    const credential = await deps.credentials.get(claims.accessKeyId);
    if (!credential || credential.status !== 'ACTIVE') throw new UnauthenticatedError('The access key is not valid.');
    checkSignature(request, claims, await deps.sealer.open(credential.sealedSecret, credential.accessKeyId));
    if (!allowed.includes(credential.principal.role)) {
      throw new ForbiddenError(`A ${credential.principal.role} key cannot call this API.`);
    }
    if (!readOnlyMethods.includes(request.method.toUpperCase())) {
      await deps.replays.remember(claims.signature, new Date(now.getTime() + 2 * sigv4Rules.maxClockSkewMs));
    }
    return credential.principal;
  };

/** The request as the client signed it: API Gateway's requestContext.path keeps the stage prefix the client called. */
export const signedRequestOf = (event: HttpEvent): SignedRequest => ({
  method: event.httpMethod,
  path: event.requestContext?.path ?? event.path,
  query: Object.entries(event.multiValueQueryStringParameters ?? {}).flatMap(([name, values]) =>
    (values ?? []).map((value) => [name, value] as [string, string]),
  ),
  headers: Object.fromEntries(
    Object.entries(event.multiValueHeaders ?? {}).map(([name, values]) => [name.toLowerCase(), (values ?? []).join(',')]),
  ),
  body: event.body == null ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'),
});
