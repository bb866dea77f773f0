/**
 * Who sent a signed request: SigV4 checked against the key's sealed secret, the key's role
 * checked against the route, and state-changing requests accepted once only.
 */
import type { Clock } from '../domain/clock';
import type { Principal, Role } from '../domain/credentials';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors';
import type { CredentialStore, ReplayGuard, SecretSealer } from '../domain/ports';
import {
  checkScope,
  checkSignature,
  parseSignature,
  sigv4Rules,
  type SignatureClaims,
  type SignedRequest,
} from '../domain/sigv4';
import type { HttpEvent } from '../commons/http';

export interface SignedRequestDependencies {
  credentials: CredentialStore;
  sealer: SecretSealer;
  replays: ReplayGuard;
  clock: Clock;
  region: string;
}

const readOnlyMethods = ['GET', 'HEAD', 'OPTIONS'];

const signs = (request: SignedRequest, claims: SignatureClaims, secret: string) => {
  try {
    checkSignature(request, claims, secret);
    return true;
  } catch {
    return false;
  }
};

export const authenticateSignedUseCase =
  (deps: SignedRequestDependencies) =>
  async (
    signed: SignedRequest | readonly SignedRequest[],
    allowed: readonly Role[],
    service: string = sigv4Rules.service,
  ): Promise<Principal> => {
    // The request as it arrived first, then as the client may have seen it (behind the site's CloudFront).
    const [request, ...alternatives] = Array.isArray(signed) ? signed : [signed as SignedRequest];
    const claims = parseSignature(request!.headers);
    const now = deps.clock.now();
    checkScope(claims, { region: deps.region, service, now });
    const credential = await deps.credentials.get(claims.accessKeyId);
    if (credential?.status !== 'ACTIVE') throw new UnauthenticatedError('The access key is not valid.');
    const secret = await deps.sealer.open(credential.sealedSecret, credential.accessKeyId);
    try {
      checkSignature(request!, claims, secret);
    } catch (refusal) {
      if (!alternatives.some((alternative) => signs(alternative, claims, secret))) throw refusal;
    }
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
    Object.entries(event.multiValueHeaders ?? {}).map(([name, values]) => [
      name.toLowerCase(),
      (values ?? []).join(','),
    ]),
  ),
  body: event.body == null ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'),
});

/**
 * The ways a client may have signed `event`: as it arrived, and, behind the site's CloudFront
 * distribution, as the browser saw it: the site's host (which CloudFront passes on as
 * x-ccms-viewer-host, since API Gateway needs its own Host) and the path without the stage. The
 * signature must still match one of them exactly; a forged viewer host only changes which host a
 * signature is bound to, and each signature is accepted once.
 */
export const signedRequestsOf = (event: HttpEvent): SignedRequest[] => {
  const arrived = signedRequestOf(event);
  const viewerHost = arrived.headers['x-ccms-viewer-host'];
  return viewerHost
    ? [arrived, { ...arrived, path: event.path, headers: { ...arrived.headers, host: viewerHost } }]
    : [arrived];
};
