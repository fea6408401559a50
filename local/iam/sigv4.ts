/**
 * Verification of AWS Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 ...` header), the way
 * AWS services check it: rebuild the canonical request from what arrived, sign it with the secret
 * the key id maps to, compare in constant time. Shared by the local STS and the DynamoDB hook.
 *
 * Not supported (the SDK clients here never use them): presigned query-string signatures, chunked
 * payload signing (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`), SigV4a.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A request as it arrived, with the raw body the client signed. */
export interface SignedRequest {
  method: string;
  /** Path and query, e.g. `/` or `/?Action=...`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The parts of the Authorization header. */
export interface SignatureClaim {
  accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** The `x-amz-date` header (`YYYYMMDDTHHMMSSZ`). */
  amzDate: string;
  /** The `x-amz-security-token` header, for temporary credentials. */
  sessionToken?: string;
}

/** Why a signature was not accepted. */
export type SignatureProblem =
  | { kind: 'missing' }
  | { kind: 'malformed'; message: string }
  | { kind: 'mismatch' }
  | { kind: 'expired'; message: string }
  | { kind: 'scope'; message: string };

/** How far a request's `x-amz-date` may be from the server's clock, as AWS allows. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const AUTH_PATTERN = /^AWS4-HMAC-SHA256\s+Credential=([^/\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Parses the Authorization header; a problem when it is absent or not SigV4. */
export function parseAuthorization(headers: IncomingHttpHeaders): SignatureClaim | SignatureProblem {
  const authorization = header(headers, 'authorization');
  if (!authorization) return { kind: 'missing' };
  const match = AUTH_PATTERN.exec(authorization.trim());
  const amzDate = header(headers, 'x-amz-date');
  if (!match || !amzDate) return { kind: 'malformed', message: 'Authorization header requires a SigV4 Credential, SignedHeaders, Signature and an X-Amz-Date header.' };
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string, string];
  const sessionToken = header(headers, 'x-amz-security-token');
  return {
    accessKeyId, date, region, service, signature, amzDate,
    signedHeaders: signedHeaders.split(';'),
    ...(sessionToken === undefined ? {} : { sessionToken }),
  };
}

export function isProblem(value: SignatureClaim | SignatureProblem): value is SignatureProblem {
  return 'kind' in value;
}

/** Signing keys are pure functions of (secret, date, region, service): derive each once. */
const signingKeys = new Map<string, Buffer>();
const MAX_SIGNING_KEYS = 1000;

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  return key;
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      return eq < 0 ? [uriEncode(decode(pair)), ''] : [uriEncode(decode(pair.slice(0, eq))), uriEncode(decode(pair.slice(eq + 1)))];
    })
    .sort(([a = '', av = ''], [b = '', bv = '']) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function canonicalPath(path: string): string {
  // Non-S3 services sign the path URI-encoded once more than it travels; '/' stays '/'.
  return path.split('/').map((segment) => uriEncode(decodeURIComponent(segment))).join('/') || '/';
}

/** The SigV4 canonical request for `request` under the claimed signed headers. */
export function canonicalRequest(request: SignedRequest, claim: SignatureClaim): string {
  const q = request.url.indexOf('?');
  const path = q < 0 ? request.url : request.url.slice(0, q);
  const query = q < 0 ? '' : request.url.slice(q + 1);
  const headers = claim.signedHeaders.map((name) => `${name}:${(header(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const payloadHash = header(request.headers, 'x-amz-content-sha256') ?? createHash('sha256').update(request.body).digest('hex');
  return [request.method.toUpperCase(), canonicalPath(path), canonicalQuery(query), headers, claim.signedHeaders.join(';'), payloadHash].join('\n');
}

/** The signature `secret` gives `request`. */
export function computeSignature(request: SignedRequest, claim: SignatureClaim, secret: string): string {
  const scope = `${claim.date}/${claim.region}/${claim.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', claim.amzDate, scope, createHash('sha256').update(canonicalRequest(request, claim)).digest('hex')].join('\n');
  return createHmac('sha256', signingKey(secret, claim.date, claim.region, claim.service)).update(stringToSign).digest('hex');
}

/** `20240102T030405Z` → epoch ms; NaN when malformed. */
function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : Number.NaN;
}

/**
 * Checks a claim against the secret of its key: scope (service, region), clock skew, the `host`
 * header being signed, and the signature itself. Resolves to nothing when all hold.
 */
export function verifySignature(
  request: SignedRequest,
  claim: SignatureClaim,
  secret: string,
  expect: { service: string; region: string; now: number },
): SignatureProblem | undefined {
  if (claim.service !== expect.service) return { kind: 'scope', message: `Credential should be scoped to correct service: '${expect.service}'. ` };
  if (claim.region !== expect.region) return { kind: 'scope', message: `Credential should be scoped to a valid region, not '${claim.region}'. ` };
  if (!claim.signedHeaders.includes('host')) return { kind: 'malformed', message: "'Host' must be a 'SignedHeader' in the AWS Authorization." };
  const signedAt = parseAmzDate(claim.amzDate);
  if (Number.isNaN(signedAt) || claim.amzDate.slice(0, 8) !== claim.date) return { kind: 'malformed', message: 'X-Amz-Date is malformed or does not match the credential scope date.' };
  if (Math.abs(expect.now - signedAt) > MAX_SKEW_MS) {
    return { kind: 'expired', message: `Signature expired: ${claim.amzDate} is now earlier than ${toAmzDate(expect.now - MAX_SKEW_MS)} (${toAmzDate(expect.now)} - 15 min.)` };
  }
  const expected = Buffer.from(computeSignature(request, claim, secret), 'hex');
  const given = Buffer.from(claim.signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given) ? undefined : { kind: 'mismatch' };
}

function toAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
