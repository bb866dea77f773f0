/**
 * AWS WAF's challenge, locally. In AWS the web ACL challenges `POST /v1/otp`: a request without a
 * valid token gets 202 with no body and `x-amzn-waf-action: challenge`; the page loads AWS WAF's
 * JavaScript integration, whose `AwsWafIntegration.getToken()` solves the challenge and answers a
 * token, sent back as the `x-aws-waf-token` header (or the `aws-waf-token` cookie) and good for the
 * immunity time (300 seconds by default). Here the local gateway does the refusing, and a stand-in
 * script with the same `getToken()` obtains a token from the gateway, so the web app's own code
 * path (web/src/waf.ts) is the one the browser tests run.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isChallenged } from '../functions/catalog';

/** How long a solved challenge lasts: AWS WAF's default immunity time. */
export const immunitySeconds = 300;

/** The stand-in for AWS WAF's challenge.js: the same global and the same `getToken()` the web app calls. */
export const standInScript = `"use strict";
(function () {
  var token;
  var expiresAt = 0;
  window.AwsWafIntegration = {
    hasToken: function () { return token !== undefined && Date.now() < expiresAt; },
    getToken: function () {
      if (window.AwsWafIntegration.hasToken()) return Promise.resolve(token);
      return fetch('/__local/waf/token', { method: 'POST' })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          token = answer.token;
          expiresAt = Date.now() + answer.immunitySeconds * 1000 - 5000;
          return token;
        });
    },
  };
})();
`;

export class LocalWafChallenge {
  private readonly secret = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  /** A token good for the immunity time from now (the cloud's clock). */
  issue(): { token: string; immunitySeconds: number } {
    const expiresAt = String(this.now() + immunitySeconds * 1000);
    return { token: `${expiresAt}.${this.mac(expiresAt)}`, immunitySeconds };
  }

  /** Whether the request is challenged and carries no valid, unexpired token. */
  refuses(method: string, path: string, headers: IncomingHttpHeaders): boolean {
    if (!isChallenged(method, path)) return false;
    const header = headers['x-aws-waf-token'];
    const cookie = /(?:^|;\s*)aws-waf-token=([^;]+)/.exec(String(headers.cookie ?? ''))?.[1];
    const token = (Array.isArray(header) ? header[0] : header) ?? cookie;
    return !this.valid(token);
  }

  private valid(token: string | undefined): boolean {
    const [expiresAt, mac] = (token ?? '').split('.');
    if (!expiresAt || !mac || !/^\d+$/.test(expiresAt) || Number(expiresAt) <= this.now()) return false;
    const expected = Buffer.from(this.mac(expiresAt));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(text: string) {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }
}
