/**
 * Identity verifiers. `HttpIdentityVerifier` calls the national ID gateway (production);
 * `FixtureIdentityVerifier` knows the test identities listed in README.md (local cloud only;
 * the CDK stack never selects it).
 */
import type { DocumentKind } from '../domain/identity';
import { ServiceUnavailableError } from '../domain/errors';
import type { IdentityVerifier } from '../domain/ports';

export class HttpIdentityVerifier implements IdentityVerifier {
  /** `apiKey` is asked for on each check; in AWS it comes from Secrets Manager through Powertools' cache. */
  constructor(
    private readonly url: string,
    private readonly apiKey: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async verify(document: DocumentKind, number: string, dateOfBirth: string): Promise<boolean> {
    let apiKey: string;
    try {
      apiKey = await this.apiKey();
    } catch {
      throw new ServiceUnavailableError(
        'Identity verification cannot reach its credentials just now. Please try again in a few minutes.',
      );
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ documentType: document, number, dateOfBirth }),
        signal: AbortSignal.timeout(8000),
      });
    } catch {
      throw new ServiceUnavailableError(
        'The national identity service did not answer. Please try again in a few minutes.',
      );
    }
    if (!response.ok)
      throw new ServiceUnavailableError(
        'The national identity service is unavailable. Please try again in a few minutes.',
      );
    let body: { match?: unknown } | null;
    try {
      body = (await response.json()) as { match?: unknown } | null;
    } catch {
      body = null;
    }
    if (typeof body?.match !== 'boolean')
      throw new ServiceUnavailableError('The national identity service gave an answer we could not read.');
    return body.match;
  }
}

/** The test identities of the local cloud (README.md, "Test identities"). */
export const fixtureIdentities: readonly { document: DocumentKind; number: string; dateOfBirth: string }[] = [
  { document: 'NID', number: '1990123456', dateOfBirth: '1990-01-15' },
  { document: 'NID', number: '19851234567890123', dateOfBirth: '1985-06-30' },
  { document: 'BIRTH_REGISTRATION', number: '20101234567890123', dateOfBirth: '2010-03-05' },
];

export class FixtureIdentityVerifier implements IdentityVerifier {
  async verify(document: DocumentKind, number: string, dateOfBirth: string): Promise<boolean> {
    return fixtureIdentities.some(
      (id) => id.document === document && id.number === number && id.dateOfBirth === dateOfBirth,
    );
  }
}

/** A deployment with no gateway configured: says so instead of failing obscurely. */
export class UnconfiguredIdentityVerifier implements IdentityVerifier {
  async verify(): Promise<boolean> {
    throw new ServiceUnavailableError(
      'Identity verification is not configured for this deployment yet; please try again later.',
    );
  }
}
