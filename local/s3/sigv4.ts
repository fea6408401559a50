/**
 * SigV4 verification for S3 requests: header-signed (`Authorization: AWS4-HMAC-SHA256 ...`) and
 * presigned (`X-Amz-Algorithm`, `X-Amz-Credential`, ... in the query). The signature is
 * recomputed with `@smithy/signature-v4` (the signer the SDKs use) over the request exactly as it
 * arrived: raw path, every query parameter but the signature, and the headers the client named
 * in SignedHeaders with the values actually received. So an edited key, query parameter or
 * signed header (content-type, content-length) fails the comparison, as it does on S3.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ALGORITHM_IDENTIFIER, createScope, SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../domain/sha256.ts';
import { s3Errors } from './errors.ts';

/** What a credential lookup answers for a known access key id. */
export interface S3Credential<P> {
  secretAccessKey: string;
  /** Set for temporary (STS) credentials: requests must carry exactly this token. */
  sessionToken?: string;
  /** When temporary credentials stop working (`ExpiredToken`). */
  expiresAt?: Date;
  /** Who signs with this key, handed to the authorize hook as is. */
  principal: P;
}

/** Finds the credential of an access key id; undefined when the key is unknown. */
export type CredentialLookup<P> = (accessKeyId: string) => S3Credential<P> | undefined | Promise<S3Credential<P> | undefined>;

/** How the request was signed: S3's `s3:authType` values. */
export type S3AuthType = 'REST-HEADER' | 'REST-QUERY-STRING';

/** A request whose signature verified. */
export interface Authenticated<P> {
  principal: P;
  accessKeyId: string;
  authType: S3AuthType;
  /** The lowercase names the client signed. */
  signedHeaders: ReadonlySet<string>;
  /**
   * The payload hash the signature covers: a lowercase hex SHA-256 the body must match,
   * `UNSIGNED-PAYLOAD`, or `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (aws-chunked body).
   */
  payloadHash: string;
  /** Milliseconds between the signing time and now (`s3:signatureAge`). */
  signatureAgeMs: number;
}

/** A request as the verifier needs it: everything as received, nothing normalised. */
export interface ReceivedRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  /** Query parameters in order, names and values percent-decoded. */
  query: readonly (readonly [string, string])[];
  headers: IncomingHttpHeaders;
}

type SmithyRequest = Parameters<SignatureV4['presign']>[0];

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const SIGNED_STREAMING = /^STREAMING-(AWS4-HMAC-SHA256|AWS4-ECDSA-P256-SHA256)-(PAYLOAD|PAYLOAD-TRAILER)$/;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
/** S3 refuses header-signed requests dated more than 15 minutes from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** The longest X-Amz-Expires S3 accepts: one week. */
const MAX_EXPIRES_SECONDS = 604_800;

/** Query parameters of presigned (query-string) authentication; never forwarded upstream. */
export const AUTH_QUERY_PARAMS = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  'X-Amz-Content-Sha256',
]);

/** The parts of either signature form, once parsed. */
interface SignatureParts {
  authType: S3AuthType;
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  scopeTerminator: string;
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  sessionToken: string | undefined;
  payloadHash: string;
  /** Presigned only: X-Amz-Expires as sent. */
  expires?: string;
}

/** Recomputes signatures with the SDKs' own canonicalisation and signing-key derivation. */
class SignatureRecomputer extends SignatureV4 {
  constructor(accessKeyId: string, secretAccessKey: string, region: string) {
    // S3 signs the path as sent (no second URI-escaping) and states the payload hash itself.
    super({ credentials: { accessKeyId, secretAccessKey }, region, service: 's3', sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
  }

  async recompute(request: SmithyRequest, canonicalHeaders: Record<string, string>, payloadHash: string, signingDate: Date, scope: string) {
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const { longDate } = this.formatDate(signingDate);
    const stringToSign = await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER);
    const signature = await this.sign(stringToSign, { signingDate });
    return { canonicalRequest, stringToSign, signature };
  }
}

/**
 * Verifies the request's SigV4 signature against `lookup`. Resolves to undefined for an
 * anonymous request (no signature at all); rejects with the S3Error (errors.ts) S3 would answer.
 */
export async function verifySignature<P>(request: ReceivedRequest, lookup: CredentialLookup<P>, region: string, now = new Date()): Promise<Authenticated<P> | undefined> {
  const parts = parseSignature(request);
  if (!parts) return undefined;
  const { authType } = parts;
  const malformed = authType === 'REST-HEADER' ? s3Errors.authorizationHeaderMalformed : s3Errors.authorizationQueryParametersError;
  const credentialPrefix = authType === 'REST-HEADER' ? 'The authorization header is malformed;' : 'Error parsing the X-Amz-Credential parameter;';

  const signingDate = parseAmzDate(parts.amzDate);
  if (!signingDate) {
    throw authType === 'REST-HEADER'
      ? s3Errors.accessDenied('AWS authentication requires a valid Date or x-amz-date header')
      : malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  if (parts.scopeTerminator !== 'aws4_request') throw malformed(`${credentialPrefix} the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
  if (parts.scopeRegion !== region) throw malformed(`${credentialPrefix} the region '${parts.scopeRegion}' is wrong; expecting '${region}'`);
  if (parts.scopeService !== 's3') throw malformed(`${credentialPrefix} incorrect service '${parts.scopeService}'. This endpoint belongs to 's3'.`);
  if (parts.scopeDate !== parts.amzDate.slice(0, 8)) throw malformed(`${credentialPrefix} Invalid credential date. Date is not the same as X-Amz-Date.`);

  const credential = await lookup(parts.accessKeyId);
  if (!credential) throw s3Errors.invalidAccessKeyId(parts.accessKeyId);
  // Temporary credentials work only until they expire (checked first: a store may keep no token
  // for expired sessions), and only with their own token.
  if (credential.expiresAt && credential.expiresAt.getTime() <= now.getTime()) throw s3Errors.expiredToken();
  if (credential.sessionToken === undefined ? parts.sessionToken !== undefined : !sameText(parts.sessionToken ?? '', credential.sessionToken)) {
    throw s3Errors.invalidToken();
  }

  checkTime(parts, signingDate, now);

  const signedHeaders = new Set(parts.signedHeaders);
  if (!signedHeaders.has('host')) throw s3Errors.headersNotSigned(['host']);
  // Every x-amz-* header sent must be signed: otherwise a holder of a presigned PUT could add,
  // say, x-amz-copy-source and turn it into a copy of someone else's object.
  const unsigned = Object.keys(request.headers).filter((name) => name.startsWith('x-amz-') && !signedHeaders.has(name));
  if (unsigned.length > 0) throw s3Errors.headersNotSigned(unsigned.sort());

  const canonicalHeaders = Object.fromEntries(parts.signedHeaders.map((name) => [name, canonicalHeaderValue(request.headers[name])]));
  const scope = createScope(parts.scopeDate, region, 's3');
  const recomputer = new SignatureRecomputer(parts.accessKeyId, credential.secretAccessKey, region);
  const expected = await recomputer.recompute(smithyRequest(request), canonicalHeaders, parts.payloadHash, signingDate, scope);
  if (!sameText(expected.signature, parts.signature.toLowerCase())) {
    throw s3Errors.signatureDoesNotMatch({
      AWSAccessKeyId: parts.accessKeyId,
      StringToSign: expected.stringToSign,
      SignatureProvided: parts.signature,
      CanonicalRequest: expected.canonicalRequest,
    });
  }

  return {
    principal: credential.principal,
    accessKeyId: parts.accessKeyId,
    authType,
    signedHeaders,
    payloadHash: HEX_SHA256.test(parts.payloadHash) ? parts.payloadHash.toLowerCase() : parts.payloadHash,
    signatureAgeMs: Math.max(0, now.getTime() - signingDate.getTime()),
  };
}

/** Parses whichever signature form the request carries; undefined when it carries none. */
function parseSignature(request: ReceivedRequest): SignatureParts | undefined {
  const authorization = firstHeader(request.headers.authorization);
  const queryValue = (name: string) => request.query.find(([key]) => key === name)?.[1];
  const presigned = queryValue('X-Amz-Algorithm') !== undefined || queryValue('X-Amz-Signature') !== undefined;
  const sigV2Query = queryValue('Signature') !== undefined && queryValue('AWSAccessKeyId') !== undefined;
  if ([authorization !== undefined, presigned, sigV2Query].filter(Boolean).length > 1) throw s3Errors.oneAuthMechanism();
  if (sigV2Query) throw s3Errors.unsupportedAuthorization();
  if (authorization !== undefined) return parseAuthorizationHeader(authorization, request.headers);
  if (presigned) return parsePresignedQuery(queryValue);
  return undefined;
}

function parseAuthorizationHeader(authorization: string, headers: IncomingHttpHeaders): SignatureParts {
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM_IDENTIFIER) throw s3Errors.unsupportedAuthorization();
  const components = new Map(
    authorization
      .slice(space + 1)
      .split(',')
      .map((component) => component.trim())
      .filter(Boolean)
      .map((component) => {
        const eq = component.indexOf('=');
        return [eq < 0 ? component : component.slice(0, eq), eq < 0 ? '' : component.slice(eq + 1)] as const;
      }),
  );
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!components.get(name)) {
      throw s3Errors.authorizationHeaderMalformed(`The authorization header is malformed; missing ${name}.`);
    }
  }
  const [accessKeyId = '', scopeDate = '', scopeRegion = '', scopeService = '', scopeTerminator = '', ...extra] = components.get('Credential')!.split('/');
  if (extra.length > 0 || !accessKeyId) {
    throw s3Errors.authorizationHeaderMalformed('The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }

  const payloadHash = firstHeader(headers['x-amz-content-sha256']);
  if (payloadHash === undefined) throw s3Errors.missingContentSha256();
  if (SIGNED_STREAMING.test(payloadHash)) throw s3Errors.notImplemented('header');
  if (payloadHash !== UNSIGNED_PAYLOAD && payloadHash !== STREAMING_UNSIGNED_TRAILER && !HEX_SHA256.test(payloadHash)) throw s3Errors.invalidContentSha256();

  return {
    authType: 'REST-HEADER',
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    scopeTerminator,
    amzDate: firstHeader(headers['x-amz-date']) ?? '',
    signedHeaders: components.get('SignedHeaders')!.split(';'),
    signature: components.get('Signature')!,
    sessionToken: firstHeader(headers['x-amz-security-token']),
    payloadHash,
  };
}

function parsePresignedQuery(queryValue: (name: string) => string | undefined): SignatureParts {
  if (queryValue('X-Amz-Algorithm') !== ALGORITHM_IDENTIFIER) throw s3Errors.authorizationQueryParametersError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const required = ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
  if (required.some((name) => !queryValue(name))) {
    throw s3Errors.authorizationQueryParametersError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const [accessKeyId = '', scopeDate = '', scopeRegion = '', scopeService = '', scopeTerminator = '', ...extra] = queryValue('X-Amz-Credential')!.split('/');
  if (extra.length > 0 || !accessKeyId) {
    throw s3Errors.authorizationQueryParametersError('Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  // A presigned URL cannot know its body: S3 takes the payload as unsigned unless the URL says otherwise.
  const payloadHash = queryValue('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD;
  if (payloadHash !== UNSIGNED_PAYLOAD && !HEX_SHA256.test(payloadHash)) throw s3Errors.invalidContentSha256();
  return {
    authType: 'REST-QUERY-STRING',
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    scopeTerminator,
    amzDate: queryValue('X-Amz-Date')!,
    signedHeaders: queryValue('X-Amz-SignedHeaders')!.split(';'),
    signature: queryValue('X-Amz-Signature')!,
    sessionToken: queryValue('X-Amz-Security-Token'),
    payloadHash,
    expires: queryValue('X-Amz-Expires')!,
  };
}

/** Header-signed requests must be recent; presigned ones must be inside their validity window. */
function checkTime(parts: SignatureParts, signingDate: Date, now: Date): void {
  const serverTime = isoSeconds(now);
  if (parts.authType === 'REST-HEADER') {
    if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
      throw s3Errors.requestTimeTooSkewed({ RequestTime: parts.amzDate, ServerTime: serverTime, MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS) });
    }
    return;
  }
  const expires = parts.expires ?? '';
  if (!/^\d+$/.test(expires)) throw s3Errors.authorizationQueryParametersError('X-Amz-Expires should be a number');
  const seconds = Number(expires);
  if (seconds < 1) throw s3Errors.authorizationQueryParametersError('X-Amz-Expires must be non-negative');
  if (seconds > MAX_EXPIRES_SECONDS) {
    throw s3Errors.authorizationQueryParametersError('X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds');
  }
  if (signingDate.getTime() - now.getTime() > MAX_SKEW_MS) throw s3Errors.requestNotYetValid({ 'X-Amz-Date': parts.amzDate, ServerTime: serverTime });
  const expiresAt = new Date(signingDate.getTime() + seconds * 1000);
  if (now.getTime() > expiresAt.getTime()) throw s3Errors.requestExpired({ 'X-Amz-Expires': expires, Expires: isoSeconds(expiresAt), ServerTime: serverTime });
}

/** The request in the shape the smithy signer canonicalises: raw path, decoded query, no headers (passed separately). */
function smithyRequest(request: ReceivedRequest): SmithyRequest {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of request.query) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { method: request.method, protocol: 'http:', hostname: '', path: request.rawPath, query, headers: {} };
}

/** SigV4 canonical header value: trimmed, runs of whitespace folded to one space. */
function canonicalHeaderValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Constant-time comparison, so a caller cannot learn a secret value byte by byte. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

