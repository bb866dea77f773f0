/**
 * AWS Signature Version 4 in the browser, with WebCrypto, for the merchant and regulator panels.
 * At sign-in the secret becomes a non-extractable HMAC key (of "AWS4" + secret) and the string
 * itself is dropped: page scripts can sign with it but never read it back, and it lives in this
 * tab's memory only (a reload asks for it again).
 */
const encoder = new TextEncoder();
/** WebCrypto's key type, named without the DOM's types (the signer is unit-tested under Node too). */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
const sha256Hex = async (text: string) => hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
const hmacKey = (raw: Uint8Array<ArrayBuffer> | ArrayBuffer) =>
  crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
const hmac = (key: HmacKey, text: string) => crypto.subtle.sign('HMAC', key, encoder.encode(text));

/** RFC 3986 encoding as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SigningKey {
  accessKeyId: string;
  region: string;
  service: string;
  /** HMAC-SHA256 key of "AWS4" + the secret, not extractable. */
  secret: HmacKey;
}

export const signingKeyOf = async (
  accessKeyId: string,
  secretAccessKey: string,
  region: string,
  service = 'ccms',
): Promise<SigningKey> => ({
  accessKeyId,
  region,
  service,
  secret: await hmacKey(encoder.encode(`AWS4${secretAccessKey}`)),
});

/**
 * The headers that sign `request` (sent to `url`, whose host is signed): x-amz-date, a unique
 * request id (two identical requests in one second would otherwise share a signature, and the
 * second be refused as a replay) and Authorization. Every header given is signed too.
 */
export const signRequest = async (
  key: SigningKey,
  request: { method: string; url: URL; body: string; headers: Record<string, string> },
  now = new Date(),
): Promise<Record<string, string>> => {
  const amzDate = now
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])),
    host: request.url.host,
    'x-amz-date': amzDate,
    'x-ccms-request-id': crypto.randomUUID(),
  };
  const names = Object.keys(headers).sort();
  const path = request.url.pathname.split('/').map(encode).join('/') || '/';
  const query = [...request.url.searchParams]
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonical = [
    request.method.toUpperCase(),
    path,
    query,
    names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, ' ')}\n`).join(''),
    names.join(';'),
    await sha256Hex(request.body),
  ].join('\n');
  const scope = `${day}/${key.region}/${key.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
  let signing = await hmacKey(await hmac(key.secret, day));
  for (const part of [key.region, key.service]) signing = await hmacKey(await hmac(signing, part));
  const signature = hex(await hmac(await hmacKey(await hmac(signing, 'aws4_request')), stringToSign));
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
};
