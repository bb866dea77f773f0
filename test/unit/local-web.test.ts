import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalGateway } from '../../local/gateway';

/** The local gateway serving a web build, as the deployed distribution will: files, page paths as index.html, nothing outside the build. */
describe('the local gateway’s web pages', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'ccms-web-'));
  const root = path.join(parent, 'web');
  writeFileSync(path.join(parent, 'secret.txt'), 'not for the web');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>CCMS</title>');
  writeFileSync(path.join(root, 'assets', 'main-ABC.js'), 'console.log(1)');
  const gateway = new LocalGateway(
    async () => ({ statusCode: 200, body: '{"api":true}', headers: { 'content-type': 'application/json' } }),
    async () => ({}),
    [],
    { root, headers: { 'content-security-policy': "default-src 'self'" } },
  );
  let base = '';
  beforeAll(async () => {
    base = `http://127.0.0.1:${await gateway.listen(0)}`;
  });
  afterAll(() => gateway.close());

  it('serves a built file with a long cache, and any page path as index.html, asked again each time', async () => {
    const script = await fetch(`${base}/assets/main-ABC.js`);
    expect(await script.text()).toBe('console.log(1)');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
    const page = await fetch(`${base}/track/7K3M9-Q2TXB`);
    expect(await page.text()).toContain('<title>CCMS</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends text gzipped to a browser that accepts it, as CloudFront does, and plain to one that does not', async () => {
    const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve) =>
      get(`${base}/assets/main-ABC.js`, { headers: { 'accept-encoding': 'gzip, br' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }),
        );
      }),
    );
    expect(zipped.encoding).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe('console.log(1)');
    const plain = await new Promise<string | undefined>((resolve) =>
      get(`${base}/assets/main-ABC.js`, (response) => resolve(response.headers['content-encoding'])),
    );
    expect(plain).toBeUndefined();
  });

  it('answers a missing asset 404, and never a file outside the build however the path is spelled', async () => {
    expect((await fetch(`${base}/assets/gone.js`)).status).toBe(404);
    for (const attempt of ['/..%2Fsecret.txt', '/%2E%2E/secret.txt', '/assets/..%2F..%2Fsecret.txt']) {
      const answer = await fetch(`${base}${attempt}`);
      expect(await answer.text()).not.toContain('not for the web');
    }
    // A page path that does not decode is still a page (the app says there is none); a file's is refused.
    const page = await fetch(`${base}/track/%E0%A4%A`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${base}/assets/%E0%A4.js`)).status).toBe(400);
  });

  it('leaves /v1 to the API', async () => {
    expect(await (await fetch(`${base}/v1/categories`)).json()).toEqual({ api: true });
  });
});
