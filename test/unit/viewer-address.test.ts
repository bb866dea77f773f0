/** Behind CloudFront the per-network limits count the viewer's address, not CloudFront's. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { viewerAddress } from '../../functions/commons/http';

const event = (headers: Record<string, string>, sourceIp = '130.176.1.10') =>
  ({ headers, requestContext: { identity: { sourceIp } } }) as unknown as APIGatewayProxyEvent;

describe('the viewer address', () => {
  it('is the address the site’s CloudFront Function set, IPv4 or IPv6, whatever the header’s case', () => {
    expect(viewerAddress(event({ 'x-ccms-viewer-address': '103.4.145.2' }))).toBe('103.4.145.2');
    expect(viewerAddress(event({ 'X-Ccms-Viewer-Address': '2001:db8:85a3::8a2e:370:7334' }))).toBe(
      '2001:db8:85a3::8a2e:370:7334',
    );
  });

  it('ignores CloudFront-Viewer-Address, which a viewer could send itself', () => {
    expect(viewerAddress(event({ 'CloudFront-Viewer-Address': '10.9.9.9:1234' }))).toBe('130.176.1.10');
  });

  it('is the source address when the request did not come through CloudFront', () => {
    expect(viewerAddress(event({}))).toBe('130.176.1.10');
    expect(viewerAddress(event({ 'x-ccms-viewer-address': ' ' }))).toBe('130.176.1.10');
  });
});
