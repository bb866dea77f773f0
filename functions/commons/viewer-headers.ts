/**
 * What the site's CloudFront Function adds to every API request (infra/constructs/web-site.ts),
 * overwriting a value a viewer sent under the same name.
 */

/** The viewer's address (`event.viewer.ip`): per-network limits count it, not CloudFront's. */
export const viewerAddressHeader = 'x-ccms-viewer-address';
