/**
 * The site's Content-Security-Policy: its own scripts and styles only (no inline code), AWS WAF's
 * challenge integration, and uploads to the evidence bucket. CloudFront sends it in AWS (infra/constructs/web-site.ts) and the
 * local gateway sends the same, so the browser tests run under it.
 */
export const contentSecurityPolicy = (evidenceOrigin: string, challengeOrigin?: string) =>
  [
    "default-src 'self'",
    // AWS WAF's JavaScript integration, which solves the sign-in challenge, comes from its own origin.
    `script-src 'self'${challengeOrigin ? ` ${challengeOrigin}` : ''}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${evidenceOrigin}${challengeOrigin ? ` ${challengeOrigin}` : ''}`,
    `form-action 'self' ${evidenceOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
