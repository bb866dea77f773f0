/**
 * Posts signed webhooks over node:http(s), never following a redirect (a 3xx is a failed attempt
 * like any other answer that is not 2xx), and connecting only to addresses a webhook may reach:
 * the address is checked when the name is resolved for the connection itself, so a name that
 * resolves to a public address at registration and to an internal one later (DNS rebinding) is
 * still refused.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isAllowedWebhookAddress } from '../domain/addresses';
import { RefusedError } from '../domain/errors';
import type { WebhookAddressGuard, WebhookPoster } from '../domain/ports';

export class WebhookAddressRefused extends Error {
  constructor(host: string) {
    super(`${host} is not a public address; webhooks are posted to public addresses only`);
  }
}

const resolveAll = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/** Resolves like dns.lookup, and fails unless every address the name has is allowed. */
const guardedLookup =
  (allowLoopback: boolean): LookupFunction =>
  (hostname, options, callback) => {
    resolveAll(hostname).then(
      (addresses) => {
        if (
          addresses.length === 0 ||
          addresses.some(({ address }) => !isAllowedWebhookAddress(address, allowLoopback))
        ) {
          callback(new WebhookAddressRefused(hostname), '', 4);
          return;
        }
        if ((options as { all?: boolean }).all)
          (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };

const withTimeout = <T>(work: Promise<T>, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

export class GuardedWebhookPoster implements WebhookPoster {
  constructor(
    private readonly allowLoopback: boolean,
    private readonly timeoutMs = 10_000,
  ) {}

  post(url: string, headers: Record<string, string>, body: string): Promise<number> {
    const target = new URL(url);
    const host = hostOf(target);
    if (isIP(host) !== 0 && !isAllowedWebhookAddress(host, this.allowLoopback))
      return Promise.reject(new WebhookAddressRefused(host));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const outgoing = send(
        target,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
          lookup: guardedLookup(this.allowLoopback),
          timeout: this.timeoutMs,
        },
        (response) => {
          // The answer's body is not needed; drain it so the socket is released.
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/**
 * At registration: the URL's host must resolve, and only to addresses a webhook may reach. The
 * merchant picks the name, so a resolver that never answers must not hold the request until the
 * function times out (a 5xx): after `timeoutMs` the name counts as not resolving.
 */
export class DnsWebhookAddressGuard implements WebhookAddressGuard {
  constructor(
    private readonly allowLoopback: boolean,
    private readonly timeoutMs = 3000,
    private readonly resolve: (hostname: string) => Promise<LookupAddress[]> = resolveAll,
  ) {}

  async check(url: string): Promise<void> {
    const host = hostOf(new URL(url));
    let addresses: string[];
    try {
      addresses =
        isIP(host) !== 0
          ? [host]
          : (await withTimeout(this.resolve(host), this.timeoutMs)).map(({ address }) => address);
    } catch {
      throw new RefusedError(
        'WEBHOOK_HOST_UNKNOWN',
        `${host} does not resolve to an address; register a webhook whose name resolves.`,
      );
    }
    if (addresses.length === 0 || addresses.some((address) => !isAllowedWebhookAddress(address, this.allowLoopback))) {
      throw new RefusedError(
        'WEBHOOK_ADDRESS_REFUSED',
        `${host} resolves to a private, loopback or link-local address; webhooks go to public addresses only.`,
      );
    }
  }
}
