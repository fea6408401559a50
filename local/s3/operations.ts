/**
 * What an S3 request is about: its bucket and key (path-style addressing), and the IAM actions
 * it needs, named as IAM names them, so the authorize hook can evaluate real policy JSON.
 *
 * Only operations with a known action pass: anything else is refused with `NotImplemented`
 * rather than forwarded unchecked (fail closed).
 */
import { s3Errors } from './errors.ts';

/** IAM actions of the S3 operations the gateway forwards. */
export type S3Action =
  | 's3:ListAllMyBuckets'
  | 's3:CreateBucket'
  | 's3:DeleteBucket'
  | 's3:ListBucket'
  | 's3:ListBucketVersions'
  | 's3:ListBucketMultipartUploads'
  | 's3:GetBucketLocation'
  | 's3:GetBucketAcl'
  | 's3:PutBucketAcl'
  | 's3:GetBucketCORS'
  | 's3:PutBucketCORS'
  | 's3:GetBucketWebsite'
  | 's3:PutBucketWebsite'
  | 's3:DeleteBucketWebsite'
  | 's3:GetBucketVersioning'
  | 's3:PutBucketVersioning'
  | 's3:GetBucketTagging'
  | 's3:PutBucketTagging'
  | 's3:GetObject'
  | 's3:GetObjectVersion'
  | 's3:GetObjectAcl'
  | 's3:PutObjectAcl'
  | 's3:GetObjectTagging'
  | 's3:PutObjectTagging'
  | 's3:DeleteObjectTagging'
  | 's3:PutObject'
  | 's3:DeleteObject'
  | 's3:DeleteObjectVersion'
  | 's3:AbortMultipartUpload'
  | 's3:ListMultipartUploadParts';

/** One permission a request needs: an action on a bucket, or on one object of it. */
export interface RequiredPermission {
  action: S3Action;
  bucket: string;
  /** The object key, decoded, for object actions. */
  key?: string;
  /** ListBucket's `prefix` parameter ('' when absent), the `s3:prefix` condition key. */
  prefix?: string;
}

/** The target of a path-style request. */
export interface S3Target {
  /** Undefined for the service itself (ListBuckets). */
  bucket?: string;
  /** Undefined for bucket-level requests. */
  key?: string;
}

type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
type ActionTable = Record<string, Partial<Record<Method, S3Action>>>;

/** Query parameters that select a sub-resource (a different operation), as S3 knows them. */
const SUBRESOURCES = new Set([
  'accelerate', 'acl', 'analytics', 'attributes', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory',
  'legal-hold', 'lifecycle', 'location', 'logging', 'metrics', 'notification', 'object-lock', 'ownershipControls',
  'partNumber', 'policy', 'policyStatus', 'publicAccessBlock', 'replication', 'requestPayment', 'restore', 'retention',
  'select', 'tagging', 'torrent', 'uploadId', 'uploads', 'versioning', 'versions', 'website',
]);

const BUCKET_ACTIONS: ActionTable = {
  '': { GET: 's3:ListBucket', HEAD: 's3:ListBucket', PUT: 's3:CreateBucket', DELETE: 's3:DeleteBucket' },
  acl: { GET: 's3:GetBucketAcl', PUT: 's3:PutBucketAcl' },
  cors: { GET: 's3:GetBucketCORS', PUT: 's3:PutBucketCORS', DELETE: 's3:PutBucketCORS' },
  location: { GET: 's3:GetBucketLocation' },
  tagging: { GET: 's3:GetBucketTagging', PUT: 's3:PutBucketTagging', DELETE: 's3:PutBucketTagging' },
  uploads: { GET: 's3:ListBucketMultipartUploads' },
  versioning: { GET: 's3:GetBucketVersioning', PUT: 's3:PutBucketVersioning' },
  versions: { GET: 's3:ListBucketVersions' },
  website: { GET: 's3:GetBucketWebsite', PUT: 's3:PutBucketWebsite', DELETE: 's3:DeleteBucketWebsite' },
  // DeleteObjects: IAM checks s3:DeleteObject per key listed in the body (see deleteObjectsKeys).
  delete: { POST: 's3:DeleteObject' },
};

const OBJECT_ACTIONS: ActionTable = {
  '': { GET: 's3:GetObject', HEAD: 's3:GetObject', PUT: 's3:PutObject', DELETE: 's3:DeleteObject' },
  acl: { GET: 's3:GetObjectAcl', PUT: 's3:PutObjectAcl' },
  tagging: { GET: 's3:GetObjectTagging', PUT: 's3:PutObjectTagging', DELETE: 's3:DeleteObjectTagging' },
  // Multipart: CreateMultipartUpload, UploadPart and CompleteMultipartUpload are all s3:PutObject.
  uploads: { POST: 's3:PutObject' },
  uploadId: { GET: 's3:ListMultipartUploadParts', PUT: 's3:PutObject', POST: 's3:PutObject', DELETE: 's3:AbortMultipartUpload' },
};

/** DNS-compatible bucket names (which also rules out `.` and `..`). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Splits a path-style request path into bucket and key. Keys that the file-system store behind
 * the gateway would resolve (`.`/`..` segments, NUL) are refused: s3rver joins key segments into a
 * file path, so `tenants/acme/../globex/x` would land in another tenant's folder although the
 * authorize hook saw a key under `tenants/acme/`. Amazon S3 keeps such keys literal.
 */
export function resolveTarget(rawPath: string): S3Target {
  const [bucketPart = '', ...keyParts] = rawPath.replace(/^\//, '').split('/');
  if (bucketPart === '') return {};
  const bucket = decode(bucketPart);
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) throw s3Errors.invalidBucketName(bucket);
  if (keyParts.length === 0 || (keyParts.length === 1 && keyParts[0] === '')) return { bucket };
  const key = keyParts.map(decode).join('/');
  checkKey(key);
  return { bucket, key };
}

/** Refuses keys the local store cannot keep literally (see {@link resolveTarget}). */
export function checkKey(key: string): void {
  if (key.includes('\0') || key.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw s3Errors.unsupportedKey(key);
  }
}

/** The permissions a request needs before it may be forwarded. Throws NotImplemented for unknown operations. */
export function requiredPermissions(method: string, target: S3Target, query: readonly (readonly [string, string])[], copySource: string | undefined): RequiredPermission[] {
  if (target.bucket === undefined) {
    if (method === 'GET') return [{ action: 's3:ListAllMyBuckets', bucket: '' }];
    throw s3Errors.notImplemented('parameter');
  }
  const names = new Set(query.map(([name]) => name));
  const subresources = [...names].filter((name) => SUBRESOURCES.has(name) && name !== 'partNumber');
  if (subresources.length > 1) throw s3Errors.notImplemented('parameter');
  const subresource = subresources[0] ?? '';
  const table = target.key === undefined ? BUCKET_ACTIONS : OBJECT_ACTIONS;
  let action = table[subresource]?.[method as Method];
  if (!action) throw s3Errors.notImplemented('parameter');

  const { bucket, key } = target;
  if (key === undefined) {
    if (action === 's3:ListBucket' || action === 's3:ListBucketVersions') {
      return [{ action, bucket, prefix: query.find(([name]) => name === 'prefix')?.[1] ?? '' }];
    }
    return [{ action, bucket }];
  }
  if (names.has('versionId')) {
    if (action === 's3:GetObject') action = 's3:GetObjectVersion';
    else if (action === 's3:DeleteObject') action = 's3:DeleteObjectVersion';
  }
  const permissions: RequiredPermission[] = [{ action, bucket, key }];
  // CopyObject and UploadPartCopy read the source object: IAM wants s3:GetObject on it too.
  if (copySource !== undefined && method === 'PUT') permissions.push({ action: 's3:GetObject', ...parseCopySource(copySource) });
  return permissions;
}

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=...]`, URL-encoded. */
function parseCopySource(header: string): { bucket: string; key: string } {
  const [path = ''] = header.split('?');
  const target = resolveTarget(`/${path.replace(/^\//, '')}`);
  if (target.bucket === undefined || target.key === undefined) throw s3Errors.notImplemented('header');
  return { bucket: target.bucket, key: target.key };
}

/**
 * The keys a DeleteObjects body names. Parsed strictly (plain `<Key>` elements, XML entities only):
 * anything this reader might see differently from the store's XML parser, such as CDATA or
 * comments, is refused, so no key can escape the per-key authorization.
 */
export function deleteObjectsKeys(body: string): string[] {
  if (/<!|<\?(?!xml\s)/.test(body.replace(/^<\?xml[^>]*\?>/, ''))) throw s3Errors.malformedXml();
  const keys = [...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => decodeXmlText(m[1]!));
  const keyTags = (body.match(/<Key[\s>/]/g) ?? []).length;
  const objects = (body.match(/<Object[\s>/]/g) ?? []).length;
  if (keys.length === 0 || keys.length !== keyTags || keys.length !== objects) throw s3Errors.malformedXml();
  for (const key of keys) checkKey(key);
  return keys;
}

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (entity, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name] ?? entity;
  });
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw s3Errors.invalidUri();
  }
}
