/**
 * Employee documents: what may be uploaded, where it is kept, and the stored record. Written in
 * the APPSYNC_JS subset (resolver bundles include it); the documents Lambda uses it too.
 */
import type { FieldProblem } from '../../model/errors.ts';
import type { DocumentKind, RequestDocumentUploadInput } from '../../generated/graphql.ts';
import { tenantKey } from '../../model/keys.ts';
import { documentItemKey } from './keys.ts';

const DOCUMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];
const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** Largest file per kind, in bytes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** How long presigned URLs live, in seconds. */
export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** The stored record (PIM table), keyed under the employee so their documents list with one Query. */
export interface DocumentRow {
  TenantId: string;
  EntityItem: string;
  id: string;
  employeeId: string;
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  status: 'UPLOAD_PENDING' | 'AVAILABLE';
  /** Object key in the documents bucket, always under `tenants/<tenantId>/`. */
  objectKey: string;
  createdAt: string;
  createdBy: string;
}

/**
 * What an employee may file into their own record. Contracts and payslips come from HR: only HR
 * admins (who handle every employee's documents) and internal callers file every kind.
 */
export const SELF_FILED_KINDS: readonly DocumentKind[] = ['ID_DOCUMENT', 'CERTIFICATE', 'OTHER', 'PROFILE_PHOTO'];

/** Whether a caller may file `kind`: `filesEveryKind` for HR admins and internal callers. */
export function mayFileKind(kind: DocumentKind, filesEveryKind: boolean): boolean {
  return filesEveryKind || SELF_FILED_KINDS.indexOf(kind) >= 0;
}

export function allowedContentTypes(kind: DocumentKind): readonly string[] {
  return kind === 'PROFILE_PHOTO' ? PHOTO_TYPES : DOCUMENT_TYPES;
}

function maxBytes(kind: DocumentKind): number {
  return kind === 'PROFILE_PHOTO' ? MAX_PHOTO_BYTES : MAX_DOCUMENT_BYTES;
}

/** Characters that would turn a file name into a path, a header injection or an unreadable key. */
function isSafeFileNameChar(c: string): boolean {
  return c >= ' ' && c !== '/' && c !== '\\' && c !== '"' && c !== '\u007f';
}

/** Problems with an upload request, one per field; empty when it may get a URL. */
export function validateUploadRequest(input: RequestDocumentUploadInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = input.fileName.trim();
  if (name.length < 1 || name.length > 200) problems.push({ field: 'fileName', message: 'must be 1 to 200 characters' });
  else if (!name.split('').every(isSafeFileNameChar) || name === '.' || name === '..') {
    problems.push({ field: 'fileName', message: 'may not contain folders, quotes or control characters' });
  }
  const type = input.contentType.trim().toLowerCase();
  if (!allowedContentTypes(input.kind).includes(type)) {
    problems.push({ field: 'contentType', message: `must be one of ${allowedContentTypes(input.kind).join(', ')} for ${input.kind}` });
  }
  if (input.sizeBytes < 1 || input.sizeBytes > maxBytes(input.kind)) {
    problems.push({ field: 'sizeBytes', message: `must be between 1 and ${maxBytes(input.kind)} bytes for ${input.kind}` });
  }
  return problems;
}

/** `tenants/<tenant>/employees/<employee>/documents/<id>`: the tenant prefix is what IAM scopes. */
export function documentObjectKey(tenantId: string, employeeId: string, documentId: string): string {
  return `tenants/${tenantId}/employees/${employeeId}/documents/${documentId}`;
}

export function newDocumentRow(
  tenantId: string,
  employeeId: string,
  documentId: string,
  input: RequestDocumentUploadInput,
  createdBy: string,
  now: string,
): DocumentRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: documentItemKey(employeeId, documentId),
    id: documentId,
    employeeId,
    kind: input.kind,
    fileName: input.fileName.trim(),
    contentType: input.contentType.trim().toLowerCase(),
    sizeBytes: input.sizeBytes,
    status: 'UPLOAD_PENDING',
    objectKey: documentObjectKey(tenantId, employeeId, documentId),
    createdAt: now,
    createdBy,
  };
}
