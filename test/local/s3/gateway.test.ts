/**
 * The local S3 gateway through the unmodified SDK: signatures (header and presigned), expiry,
 * signed content-type/length, body integrity, the authorize hook, and tenant isolation.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ACME, ADMIN, BUCKET, EXPIRED, s3ErrorOf, startTestS3, type TestS3 } from './helpers.ts';

let s3: TestS3;
let admin: S3Client;
let acme: S3Client;
/** Presigns as the product must: without the SDK's default CRC32 of the (absent) body. */
let presigner: S3Client;

beforeAll(async () => {
  s3 = await startTestS3();
  admin = s3.client(ADMIN);
  acme = s3.client(ACME);
  presigner = s3.client(ADMIN, { requestChecksumCalculation: 'WHEN_REQUIRED' });
});

afterAll(async () => {
  await s3?.stop();
});

const text = (body: { transformToString(): Promise<string> } | undefined) => body!.transformToString();

interface TamperedRequest {
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A client whose requests are altered after signing, as a man in the middle would. */
function tampered(alter: (request: TamperedRequest) => void): S3Client {
  const client = s3.client(ADMIN);
  const tamper = (next: (args: { request: TamperedRequest }) => Promise<unknown>) => async (args: { request: TamperedRequest }) => {
    alter(args.request);
    return next(args);
  };
  // Right after signing, so the signature covers the original request only.
  client.middlewareStack.addRelativeTo(tamper as unknown as Parameters<S3Client['middlewareStack']['addRelativeTo']>[0], {
    relation: 'after',
    toMiddleware: 'httpSigningMiddleware',
    name: 'tamper',
  });
  return client;
}

describe('signed requests', () => {
  it('puts, gets, lists and deletes objects with valid credentials', async () => {
    const key = 'tenants/acme/employees/e1/contract (v2).txt';
    await admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'signed contract', ContentType: 'text/plain', Metadata: { owner: 'hr' } }));
    const got = await admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await text(got.Body)).toBe('signed contract');
    expect(got.ContentType).toBe('text/plain');
    expect(got.Metadata).toEqual({ owner: 'hr' });

    const listed = await admin.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tenants/acme/employees/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);

    await admin.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    await expect(admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('stores a streamed upload (aws-chunked with a CRC32 trailer) as plain bytes', async () => {
    const key = 'tenants/acme/payslips/2024-03.pdf';
    const parts = [Buffer.from('%PDF-1.7 '), Buffer.alloc(70_000, 'x'), Buffer.from(' %%EOF')];
    const size = parts.reduce((n, p) => n + p.length, 0);
    await admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Readable.from(parts), ContentLength: size, ContentType: 'application/pdf' }));
    const got = await admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);
    expect(got.ContentLength).toBe(size);
  });

  it('refuses an unknown access key id with InvalidAccessKeyId', async () => {
    const stranger = s3.client({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'whatever' });
    await expect(stranger.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/x' }))).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const forger = s3.client({ accessKeyId: ADMIN.accessKeyId, secretAccessKey: 'not-the-secret' });
    await expect(forger.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/forged', Body: 'x' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses a request whose key or signed header was changed after signing', async () => {
    await admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/globex/secret.txt', Body: 'globex only' }));
    const redirected = tampered((request) => {
      request.path = request.path.replace('tenants/acme/', 'tenants/globex/');
    });
    await expect(redirected.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/secret.txt' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    const retyped = tampered((request) => {
      request.headers['content-type'] = 'text/html';
    });
    await expect(retyped.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/page', Body: 'x', ContentType: 'text/plain' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
  });

  it('refuses a body that does not match its signed x-amz-content-sha256', async () => {
    const swapped = tampered((request) => {
      if (request.body === 'original') request.body = 'replaced';
    });
    await expect(swapped.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/swapped', Body: 'original' }))).rejects.toMatchObject({
      name: 'XAmzContentSHA256Mismatch',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/swapped' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('refuses anonymous requests with AccessDenied', async () => {
    const response = await fetch(`${s3.endpoint}/${BUCKET}/tenants/globex/secret.txt`);
    expect(await s3ErrorOf(response)).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('refuses keys that the file-system store would resolve into another folder', async () => {
    await expect(acme.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/../globex/secret.txt', Body: 'overwrite' }))).rejects.toMatchObject({
      name: 'InvalidArgument',
      $metadata: { httpStatusCode: 400 },
    });
    const kept = await admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/globex/secret.txt' }));
    expect(await text(kept.Body)).toBe('globex only');
  });
});

describe('presigned URLs', () => {
  it('round-trips a presigned PUT and GET', async () => {
    const key = 'tenants/acme/photos/e1.png';
    const putUrl = await getSignedUrl(presigner, new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: 'image/png' }), {
      expiresIn: 300,
      signableHeaders: new Set(['content-type']),
    });
    const put = await fetch(putUrl, { method: 'PUT', body: 'png bytes', headers: { 'content-type': 'image/png' } });
    expect(put.status).toBe(200);

    const getUrl = await getSignedUrl(presigner, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 300 });
    const get = await fetch(getUrl);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('image/png');
    expect(await get.text()).toBe('png bytes');
  });

  it('refuses a URL whose key was edited', async () => {
    const url = await getSignedUrl(presigner, new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/secret.txt' }), { expiresIn: 300 });
    const response = await fetch(url.replace('tenants/acme/', 'tenants/globex/'));
    expect(await s3ErrorOf(response)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a URL whose query was edited', async () => {
    const url = new URL(await getSignedUrl(presigner, new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/globex/secret.txt' }), { expiresIn: 60 }));
    url.searchParams.set('X-Amz-Expires', '604800');
    expect(await s3ErrorOf(await fetch(url))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });

    const overridden = new URL(await getSignedUrl(presigner, new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/globex/secret.txt' }), { expiresIn: 60 }));
    overridden.searchParams.set('response-content-type', 'text/html');
    expect(await s3ErrorOf(await fetch(overridden))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a URL past its expiry with AccessDenied "Request has expired"', async () => {
    const url = await getSignedUrl(presigner, new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/globex/secret.txt' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 61_000),
    });
    expect(await s3ErrorOf(await fetch(url))).toEqual({ status: 403, code: 'AccessDenied', message: 'Request has expired' });
  });

  it('enforces a signed content-length', async () => {
    const url = await getSignedUrl(presigner, new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/cv.pdf', ContentLength: 10 }), { expiresIn: 300 });
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    const larger = await fetch(url, { method: 'PUT', body: 'x'.repeat(5_000) });
    expect(await s3ErrorOf(larger)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const exact = await fetch(url, { method: 'PUT', body: '0123456789' });
    expect(exact.status).toBe(200);
  });

  it('enforces a signed content-type', async () => {
    const url = await getSignedUrl(presigner, new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/cv.pdf', ContentType: 'application/pdf' }), {
      expiresIn: 300,
      signableHeaders: new Set(['content-type']),
    });
    const html = await fetch(url, { method: 'PUT', body: '<script>', headers: { 'content-type': 'text/html' } });
    expect(await s3ErrorOf(html)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses x-amz-* headers the URL did not sign (no turning a PUT into a copy)', async () => {
    const url = await getSignedUrl(presigner, new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/stolen.txt' }), { expiresIn: 300 });
    const response = await fetch(url, { method: 'PUT', headers: { 'x-amz-copy-source': `/${BUCKET}/tenants/globex/secret.txt` } });
    expect(await s3ErrorOf(response)).toMatchObject({ status: 403, code: 'AccessDenied', message: 'There were headers present in the request which were not signed' });
  });

  it('checks the CRC32 a default-configured presigner bakes in, as S3 does (BadDigest)', async () => {
    const url = await getSignedUrl(admin, new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/default.txt' }), { expiresIn: 300 });
    expect(new URL(url).searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
    expect(await s3ErrorOf(await fetch(url, { method: 'PUT', body: 'not empty' }))).toMatchObject({ status: 400, code: 'BadDigest' });
  });
});

describe('authorization and temporary credentials', () => {
  it('asks the authorize hook with the action, bucket and key, and answers its denial with AccessDenied', async () => {
    s3.authorizations.length = 0;
    await acme.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/leave/l1.json', Body: '{}' }));
    await expect(acme.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/globex/secret.txt' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(acme.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tenants/globex/' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await acme.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tenants/acme/leave/' }));

    expect(s3.authorizations.map(({ action, bucket, key, prefix, resource }) => ({ action, bucket, key, prefix, resource }))).toEqual([
      { action: 's3:PutObject', bucket: BUCKET, key: 'tenants/acme/leave/l1.json', prefix: undefined, resource: `arn:aws:s3:::${BUCKET}/tenants/acme/leave/l1.json` },
      { action: 's3:GetObject', bucket: BUCKET, key: 'tenants/globex/secret.txt', prefix: undefined, resource: `arn:aws:s3:::${BUCKET}/tenants/globex/secret.txt` },
      { action: 's3:ListBucket', bucket: BUCKET, key: undefined, prefix: 'tenants/globex/', resource: `arn:aws:s3:::${BUCKET}` },
      { action: 's3:ListBucket', bucket: BUCKET, key: undefined, prefix: 'tenants/acme/leave/', resource: `arn:aws:s3:::${BUCKET}` },
    ]);
    expect(s3.authorizations[0]!.principal).toEqual({ name: 'acme-role', tenantId: 'acme' });
    expect(s3.authorizations[0]!.context).toMatchObject({ 's3:authType': 'REST-HEADER', 'aws:SecureTransport': 'false' });
  });

  it('authorizes every key of a DeleteObjects and the source of a copy', async () => {
    s3.authorizations.length = 0;
    await expect(
      acme.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'tenants/acme/leave/l1.json' }, { Key: 'tenants/globex/secret.txt' }] } })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(s3.authorizations.map((a) => `${a.action} ${a.key}`)).toEqual(['s3:DeleteObject tenants/acme/leave/l1.json', 's3:DeleteObject tenants/globex/secret.txt']);

    await expect(
      acme.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/copy.txt', CopySource: `${BUCKET}/tenants/globex/secret.txt` })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(s3.authorizations.slice(-2).map((a) => `${a.action} ${a.key}`)).toEqual(['s3:PutObject tenants/acme/copy.txt', 's3:GetObject tenants/globex/secret.txt']);

    const kept = await admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/globex/secret.txt' }));
    expect(await text(kept.Body)).toBe('globex only');
  });

  it('refuses expired session credentials with ExpiredToken, header-signed and presigned', async () => {
    const expired = s3.client(EXPIRED);
    await expect(expired.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/leave/l1.json' }))).rejects.toMatchObject({
      name: 'ExpiredToken',
      $metadata: { httpStatusCode: 400 },
    });
    const url = await getSignedUrl(expired, new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/leave/l1.json' }), { expiresIn: 300 });
    expect(await s3ErrorOf(await fetch(url))).toMatchObject({ status: 400, code: 'ExpiredToken' });
  });

  it('refuses a session key used with another session token', async () => {
    const wrongToken = s3.client({ ...ACME, sessionToken: 'someone-elses-token' });
    await expect(wrongToken.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenants/acme/leave/l1.json' }))).rejects.toMatchObject({ name: 'InvalidToken' });
  });
});
