/** Behind CloudFront the per-network limits count the viewer's address, not CloudFront's. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { viewerAddress } from '../../functions/commons/http';

const event = (headers: Record<string, string>, sourceIp = '130.176.1.10') =>
  ({ headers, requestContext: { identity: { sourceIp } } }) as unknown as APIGatewayProxyEvent;

describe('the viewer address', () => {
  it('is CloudFront’s CloudFront-Viewer-Address without its port, IPv4 or IPv6, whatever the header’s case', () => {
    expect(viewerAddress(event({ 'CloudFront-Viewer-Address': '103.4.145.2:51234' }))).toBe('103.4.145.2');
    expect(viewerAddress(event({ 'cloudfront-viewer-address': '2001:db8:85a3::8a2e:370:7334:46532' }))).toBe(
      '2001:db8:85a3::8a2e:370:7334',
    );
  });

  it('is the source address when the request did not come through CloudFront', () => {
    expect(viewerAddress(event({}))).toBe('130.176.1.10');
    expect(viewerAddress(event({ 'CloudFront-Viewer-Address': '' }))).toBe('130.176.1.10');
  });
});
