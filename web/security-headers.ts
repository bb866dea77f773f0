/**
 * The site's Content-Security-Policy: its own scripts and styles only (no inline code), and
 * uploads to the evidence bucket. CloudFront sends it in AWS (infra/constructs/web-site.ts) and the
 * local gateway sends the same, so the browser tests run under it.
 */
export const contentSecurityPolicy = (evidenceOrigin: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${evidenceOrigin}`,
    `form-action 'self' ${evidenceOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
