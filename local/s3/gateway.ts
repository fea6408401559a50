/**
 * The S3 gateway: the only door to the local S3. Every request is authenticated (SigV4, header
 * or presigned), authorized through the caller's hook with IAM action names, its body verified
 * where S3 verifies it, and only then proxied to s3rver, which trusts whatever reaches it.
 *
 * Upstream, the gateway signs as s3rver's own built-in account: s3rver only checks that the key
 * exists, and callers' keys are unknown to it by design.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Logger } from '../../domain/logger.ts';
import { NodeSha256 } from '../../domain/sha256.ts';
import { S3Error, s3Errors, sendS3Error } from './errors.ts';
import { deleteObjectsKeys, requiredPermissions, resolveTarget, type RequiredPermission, type S3Action } from './operations.ts';
import { MAX_SINGLE_PUT_BYTES, receiveBody, type ReceivedBody } from './payload.ts';
import { AUTH_QUERY_PARAMS, UNSIGNED_PAYLOAD, verifySignature, type Authenticated, type CredentialLookup } from './sigv4.ts';

/** What the authorize hook is asked: may `principal` perform `action` on this bucket/key? */
export interface AuthorizeRequest<P> {
  principal: P;
  action: S3Action;
  bucket: string;
  /** Object actions: the decoded key. */
  key?: string;
  /** ListBucket / ListBucketVersions: the `prefix` parameter ('' when absent). */
  prefix?: string;
  /** The IAM resource: `arn:aws:s3:::bucket`, `arn:aws:s3:::bucket/key`, or `*` for ListAllMyBuckets. */
  resource: string;
  /**
   * IAM condition keys S3 supplies with this request (`s3:prefix`, `s3:delimiter`, `s3:max-keys`,
   * `s3:authType`, `s3:signatureAge`, `s3:signatureversion`, `s3:x-amz-content-sha256`,
   * `aws:SecureTransport`, `aws:SourceIp`, `aws:CurrentTime`, `aws:EpochTime`).
   */
  context: Record<string, string>;
  requestId: string;
}

/** The hook's answer; `reason` is logged, never sent to the client (S3 only says Access Denied). */
export type AuthorizeDecision = { allowed: true } | { allowed: false; reason: string };

/** Decides whether an authenticated request may proceed, e.g. with IAM policy evaluation. */
export type AuthorizeHook<P> = (request: AuthorizeRequest<P>) => Promise<AuthorizeDecision>;

/** Options of {@link createS3Gateway}. */
export interface S3GatewayOptions<P> {
  /** The s3rver behind the gateway. */
  upstream: { host: string; port: number };
  region: string;
  lookupCredentials: CredentialLookup<P>;
  authorize?: AuthorizeHook<P>;
  /** Folder for bodies being verified (emptied by the caller on stop). */
  spoolDir: string;
  logger: Logger;
}

/** s3rver's built-in account (public in its source): the only key it accepts. */
const UPSTREAM_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
/** DeleteObjects lists at most 1,000 keys; its body stays far below this. */
const MAX_DELETE_BODY_BYTES = 2 * 1024 * 1024;
/** Headers that belong to one connection or one signature, never forwarded as they came. */
const HOP_HEADERS = new Set([
  'authorization', 'connection', 'expect', 'host', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token',
]);

/** Creates the gateway's request handler (not yet listening). */
export function createS3Gateway<P>(options: S3GatewayOptions<P>): { handle(req: IncomingMessage, res: ServerResponse): void; close(): void } {
  const { upstream, region, lookupCredentials, authorize, spoolDir, logger } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const upstreamSigner = new SignatureV4({ credentials: UPSTREAM_CREDENTIALS, region, service: 's3', sha256: NodeSha256, uriEscapePath: false });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    const [rawPath = '/', rawQuery = ''] = splitOnce(req.url ?? '/', '?');
    const query = parseQuery(rawQuery);
    // CORS preflights are answered from the bucket's CORS configuration, unauthenticated, as on S3.
    if (method === 'OPTIONS') return forward(req, res, { rawPath, rawQuery, query, body: { kind: 'stream' } });

    const target = resolveTarget(rawPath);
    const auth = await verifySignature({ method, rawPath, query, headers: req.headers }, lookupCredentials, region);
    // The buckets are private: S3 answers an anonymous request with AccessDenied.
    if (!auth) throw s3Errors.accessDenied();
    const log = logger.child({ requestId, accessKeyId: auth.accessKeyId, method, bucket: target.bucket, key: target.key });

    let permissions = requiredPermissions(method, target, query, header(req.headers, 'x-amz-copy-source'));
    const isDeleteObjects = method === 'POST' && target.key === undefined && query.some(([name]) => name === 'delete');
    // Authorize before reading a body, so a refused upload is not spooled; DeleteObjects names
    // its keys in the body, so it is authorized once that is read.
    if (!isDeleteObjects) await authorizeAll(permissions, auth, query, requestId, log);

    const body = await receiveBody(req, {
      headers: req.headers,
      query,
      payloadHash: auth.payloadHash,
      spool: isDeleteObjects,
      maxBytes: isDeleteObjects ? MAX_DELETE_BODY_BYTES : MAX_SINGLE_PUT_BYTES,
    }, spoolDir);
    try {
      if (isDeleteObjects) {
        if (body.kind !== 'file') throw s3Errors.malformedXml();
        const keys = deleteObjectsKeys(await readFile(body.path, 'utf8'));
        permissions = keys.map((key) => ({ action: 's3:DeleteObject', bucket: target.bucket!, key }));
        await authorizeAll(permissions, auth, query, requestId, log);
      }
      await forward(req, res, { rawPath, rawQuery, query, body });
      log.debug('s3 request forwarded', { actions: permissions.map((p) => p.action), status: res.statusCode });
    } finally {
      if (body.kind === 'file') await body.release();
    }
  }

  async function authorizeAll(permissions: RequiredPermission[], auth: Authenticated<P>, query: readonly (readonly [string, string])[], requestId: string, log: Logger): Promise<void> {
    if (!authorize) return;
    for (const permission of permissions) {
      const decision = await authorize({
        principal: auth.principal,
        ...permission,
        resource: resourceArn(permission),
        context: conditionContext(permission, auth, query),
        requestId,
      });
      if (!decision.allowed) {
        log.info('s3 request denied by policy', { action: permission.action, deniedKey: permission.key, reason: decision.reason });
        throw s3Errors.accessDenied();
      }
    }
  }

  interface Forwarding {
    rawPath: string;
    rawQuery: string;
    query: readonly (readonly [string, string])[];
    body: ReceivedBody;
  }

  /** Proxies the verified request to s3rver and streams its answer back unchanged. */
  async function forward(req: IncomingMessage, res: ServerResponse, { rawPath, rawQuery, query, body }: Forwarding): Promise<void> {
    const method = req.method ?? 'GET';
    const upstreamQuery = rawQuery
      .split('&')
      .filter((pair) => pair !== '' && !AUTH_QUERY_PARAMS.has(safeDecode(splitOnce(pair, '=')[0] ?? '')))
      .join('&');
    const headers = forwardedHeaders(req.headers, body);
    if (method !== 'OPTIONS') Object.assign(headers, await upstreamAuthorization(method, rawPath, query));
    headers.host = `${upstream.host}:${upstream.port}`;

    const upstreamReq = http.request({
      host: upstream.host,
      port: upstream.port,
      method,
      path: upstreamQuery ? `${rawPath}?${upstreamQuery}` : rawPath,
      headers,
      agent,
    });
    const answered = new Promise<void>((resolve, reject) => {
      upstreamReq.once('error', reject);
      upstreamReq.once('response', (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders(upstreamRes.headers));
        pipeline(upstreamRes, res).then(resolve, reject);
      });
    });
    const source = body.kind === 'file' ? createReadStream(body.path) : body.kind === 'stream' ? req : undefined;
    await Promise.all([source ? pipeline(source, upstreamReq) : new Promise<void>((resolve) => upstreamReq.end(resolve)), answered]);
  }

  /** A fresh SigV4 header signature for s3rver (which checks the key id and the date only). */
  async function upstreamAuthorization(method: string, rawPath: string, query: readonly (readonly [string, string])[]): Promise<OutgoingHttpHeaders> {
    const signed = await upstreamSigner.sign({
      method,
      protocol: 'http:',
      hostname: upstream.host,
      port: upstream.port,
      path: rawPath,
      query: Object.fromEntries(query.filter(([name]) => !AUTH_QUERY_PARAMS.has(name))),
      headers: { host: `${upstream.host}:${upstream.port}`, 'x-amz-content-sha256': UNSIGNED_PAYLOAD },
    });
    return {
      authorization: signed.headers.authorization,
      'x-amz-date': signed.headers['x-amz-date'],
      'x-amz-content-sha256': UNSIGNED_PAYLOAD,
    };
  }

  return {
    handle(req, res) {
      const requestId = randomBytes(8).toString('hex').toUpperCase();
      handle(req, res, requestId).catch((error: unknown) => {
        if (res.headersSent) {
          // A client that hangs up mid-download is ordinary; anything else cut the answer short.
          const clientGone = res.destroyed || req.destroyed;
          logger[clientGone ? 'debug' : 'warn']('s3 response interrupted', { requestId, error });
          res.destroy();
          return;
        }
        const s3Error = error instanceof S3Error ? error : undefined;
        if (s3Error) {
          // Refusals are expected traffic (expired links, denied tenants): info, without any signature.
          logger.info('s3 request refused', { requestId, method: req.method, code: s3Error.code, status: s3Error.status, why: s3Error.message });
        } else {
          logger.error('s3 gateway failure', { requestId, method: req.method, error });
        }
        // The rest of a refused upload is not wanted: close instead of draining it.
        if (!req.complete) res.shouldKeepAlive = false;
        sendS3Error(res, s3Error ?? s3Errors.internalError(), requestId, req.method, resourceOf(req.url));
      });
    },
    close: () => agent.destroy(),
  };
}

/** The request's headers minus hop-by-hop and signature headers; framing adjusted to the body sent. */
function forwardedHeaders(incoming: IncomingHttpHeaders, body: ReceivedBody): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) headers[name] = value;
  }
  if (incoming['transfer-encoding'] !== undefined && body.kind === 'stream') headers['transfer-encoding'] = 'chunked';
  if (body.kind === 'file') {
    headers['content-length'] = String(body.length);
    if (body.decodedChunks) {
      // The body is plain bytes now: drop aws-chunked and its companions, keep any other coding.
      const codings = String(incoming['content-encoding'] ?? '').split(',').map((c) => c.trim()).filter((c) => c && c !== 'aws-chunked');
      if (codings.length) headers['content-encoding'] = codings.join(', ');
      else delete headers['content-encoding'];
      delete headers['x-amz-decoded-content-length'];
      delete headers['x-amz-trailer'];
    }
  }
  return headers;
}

function responseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value !== undefined && name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding') headers[name] = value;
  }
  return headers;
}

/** IAM condition keys S3 puts in the request context. */
function conditionContext(permission: RequiredPermission, auth: Authenticated<unknown>, query: readonly (readonly [string, string])[]): Record<string, string> {
  const now = new Date();
  const context: Record<string, string> = {
    's3:authType': auth.authType,
    's3:signatureversion': 'AWS4-HMAC-SHA256',
    's3:signatureAge': String(auth.signatureAgeMs),
    's3:x-amz-content-sha256': auth.payloadHash,
    'aws:SecureTransport': 'false',
    'aws:SourceIp': '127.0.0.1',
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
  if (permission.action === 's3:ListBucket' || permission.action === 's3:ListBucketVersions') {
    context['s3:prefix'] = permission.prefix ?? '';
    for (const [param, key] of [['delimiter', 's3:delimiter'], ['max-keys', 's3:max-keys']] as const) {
      const value = query.find(([name]) => name === param)?.[1];
      if (value !== undefined) context[key] = value;
    }
  }
  return context;
}

function resourceArn(permission: RequiredPermission): string {
  if (permission.action === 's3:ListAllMyBuckets') return '*';
  return permission.key === undefined ? `arn:aws:s3:::${permission.bucket}` : `arn:aws:s3:::${permission.bucket}/${permission.key}`;
}

/** S3's `<Resource>` element: the request path, decoded. */
function resourceOf(url: string | undefined): string {
  const path = splitOnce(url ?? '/', '?')[0] ?? '/';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Query parameters in order, percent-decoded; `+` stays a plus, as SigV4 canonicalisation expects. */
function parseQuery(rawQuery: string): [string, string][] {
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', value = ''] = splitOnce(pair, '=');
      return [safeDecode(name), safeDecode(value)];
    });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw s3Errors.invalidUri();
  }
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
