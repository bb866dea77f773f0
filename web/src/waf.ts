/**
 * AWS WAF's challenge. The web ACL challenges sign-in (POST /v1/otp): a request without a token
 * gets 202 with no body and `x-amzn-waf-action: challenge`. AWS WAF's JavaScript integration,
 * loaded from the web ACL's integration URL (config.json; the CSP allows its origin), solves the
 * challenge in the browser and answers a token, which the request then carries as
 * `x-aws-waf-token`. Locally the gateway challenges the same request and config.json names a
 * stand-in script with the same `getToken()` (local/waf-challenge.ts).
 */
import { siteConfig } from './site-config';

interface WafIntegration {
  getToken(): Promise<string>;
}

declare global {
  interface Window {
    AwsWafIntegration?: WafIntegration;
  }
}

const load = (url: string) =>
  new Promise<WafIntegration>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () =>
      window.AwsWafIntegration
        ? resolve(window.AwsWafIntegration)
        : reject(new Error('The challenge script loaded without AwsWafIntegration'));
    script.onerror = () => {
      script.remove();
      reject(new Error(`The challenge script ${url} did not load`));
    };
    document.head.append(script);
  });

let integration: Promise<WafIntegration> | undefined;

/** Solves the challenge (loading the integration the first time) and answers the token. */
export const challengeToken = async (): Promise<string> => {
  integration ??= siteConfig()
    .then(({ wafIntegrationUrl }) => {
      if (!wafIntegrationUrl) throw new Error('The site names no challenge integration');
      return load(wafIntegrationUrl);
    })
    .catch((error: unknown) => {
      integration = undefined;
      throw error;
    });
  return (await integration).getToken();
};
