/**
 * Lambda resolver for employee documents: records an upload and presigns the PUT, presigns the
 * GET of an uploaded file, or confirms a file is uploaded (a profile photo before the record
 * shows it). Everything runs with the tenant's own STS session (tag tenantId),
 * so IAM confines DynamoDB to `TENANT#<id>` keys and S3 to `tenants/<id>/` — even if the event
 * named the wrong tenant, it could not reach another tenant's data.
 * Environment: TENANT_ROLE_ARN, DOCUMENTS_BUCKET, PIM_TABLE, GRAPHQL_URL (for notifications).
 */
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DOWNLOAD_URL_SECONDS, newDocumentRow, UPLOAD_URL_SECONDS, validateUploadRequest, type DocumentRow } from '../../../domain/documents/model/documents.ts';
import { attachmentDisposition, inlineDisposition } from '../../../domain/documents/content-disposition.ts';
import { documentItemKey } from '../../../domain/documents/model/keys.ts';
import { requiredEnv } from '../../../domain/env.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import { tableEnvName } from '../../../domain/model/tables.ts';
import type { DocumentKind, RequestDocumentUploadInput } from '../../../domain/generated/graphql.ts';
import { isValidEntityId, isValidTenantId, tenantKey } from '../../../domain/model/keys.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { environmentPublish } from '../../../domain/notifications/publish.ts';
import { createLogger } from '../../../domain/logger.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

type DocumentsEvent =
  | { operation: 'requestUpload'; tenantId: string; employeeId: string; documentId: string; input: RequestDocumentUploadInput; requestedBy: string }
  /** `inline`: for showing (a profile photo) rather than saving. */
  | { operation: 'downloadUrl'; tenantId: string; employeeId: string; documentId: string; inline?: boolean }
  | { operation: 'verifyUpload'; tenantId: string; employeeId: string; documentId: string; kind: DocumentKind };

const log = createLogger({ service: 'documents' });
// Presigned PUTs carry no body checksum: the client sends the file later, and S3 would check the empty one.
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN'), s3: { requestChecksumCalculation: 'WHEN_REQUIRED' } });
const bucket = requiredEnv('DOCUMENTS_BUCKET');
const table = requiredEnv(tableEnvName('PIM'));

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });

/** The event comes from our own resolvers, but it is input all the same: check its shape first. */
function problemWith(event: Partial<DocumentsEvent> | null | undefined): string | null {
  if (!event || typeof event !== 'object') return 'the event is not an object';
  if (!isValidTenantId(event.tenantId)) return 'tenantId is missing or malformed';
  if (!isValidEntityId(event.employeeId)) return 'employeeId is missing or malformed';
  if (!isValidEntityId(event.documentId)) return 'documentId is missing or malformed';
  if (event.operation === 'requestUpload') {
    const input = (event as { input?: RequestDocumentUploadInput }).input;
    if (!input || typeof input.fileName !== 'string' || typeof input.contentType !== 'string' || typeof input.sizeBytes !== 'number') return 'input is malformed';
    if (input.employeeId !== event.employeeId) return 'input.employeeId differs from employeeId';
    return null;
  }
  if (event.operation === 'verifyUpload') return typeof (event as { kind?: unknown }).kind === 'string' ? null : 'kind is missing';
  return event.operation === 'downloadUrl' ? null : `unknown operation ${String(event.operation)}`;
}

async function requestUpload(event: Extract<DocumentsEvent, { operation: 'requestUpload' }>): Promise<LambdaAnswer<unknown>> {
  const problems = validateUploadRequest(event.input);
  if (problems.length > 0) return failure('VALIDATION_ERROR', `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, { fields: problems });
  const row = newDocumentRow(event.tenantId, event.employeeId, event.documentId, event.input, event.requestedBy, new Date().toISOString());
  const { dynamodb } = await tenants.forTenant(event.tenantId);
  try {
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(row), ConditionExpression: 'attribute_not_exists(EntityItem)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return failure('CONFLICT', 'A document with this id already exists; request a new upload.');
    throw error;
  }
  const uploadUrl = await getSignedUrl(
    (await tenants.forTenant(event.tenantId)).s3,
    new PutObjectCommand({ Bucket: bucket, Key: row.objectKey, ContentType: row.contentType, ContentLength: row.sizeBytes }),
    // The URL accepts exactly the declared type and size: they are part of the signature.
    { expiresIn: UPLOAD_URL_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) },
  );
  log.info('upload url issued', { tenantId: event.tenantId, documentId: row.id, kind: row.kind });
  await tellEmployee(event.tenantId, event.employeeId, event.requestedBy, row);
  return {
    result: {
      document: row,
      uploadUrl,
      requiredHeaders: { 'content-type': row.contentType, 'content-length': String(row.sizeBytes) },
      expiresAt: new Date(Date.now() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    },
  };
}

/**
 * "A document was shared with you": when someone else (HR) files a document for an employee
 * who has an account, the employee is notified through the API's internal publish path. A
 * failed notification is logged, not fatal: the document itself is in place.
 */
async function tellEmployee(tenantId: string, employeeId: string, requestedBy: string, row: DocumentRow): Promise<void> {
  const { dynamodb } = await tenants.forTenant(tenantId);
  const found = await dynamodb.send(
    new GetItemCommand({ TableName: table, Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: employeeItemKey(employeeId) } }, ProjectionExpression: 'UserId' }),
  );
  const recipient = found.Item?.UserId?.S;
  if (!recipient || recipient === requestedBy) return;
  const answer = await environmentPublish()(tenantId, {
    recipientUserId: recipient,
    kind: row.kind === 'PAYSLIP' ? 'PAYSLIP_READY' : 'DOCUMENT_SHARED',
    title: `New document: ${row.fileName}`,
    body: `A ${row.kind.toLowerCase().replace('_', ' ')} was added to your records.`,
  }).catch((error: Error) => ({ errors: [{ errorType: null, message: error.message }] }));
  if (answer.errors) log.warn('document notification not sent', { tenantId, documentId: row.id, errors: answer.errors.map((e) => e.errorType ?? e.message) });
}

/** The document as stored once its file is in S3 (marked AVAILABLE on first sight), or why not. */
async function uploadedDocument(tenantId: string, employeeId: string, documentId: string): Promise<DocumentRow | 'missing' | 'not-uploaded'> {
  const { dynamodb, s3 } = await tenants.forTenant(tenantId);
  const key = { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: documentItemKey(employeeId, documentId) } };
  const found = await dynamodb.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }));
  if (!found.Item) return 'missing';
  const row = unmarshall(found.Item) as DocumentRow;
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: row.objectKey }));
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return 'not-uploaded';
    throw error;
  }
  if (row.status === 'UPLOAD_PENDING') {
    row.status = 'AVAILABLE';
    await dynamodb.send(
      new UpdateItemCommand({ TableName: table, Key: key, UpdateExpression: 'SET #s = :a', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':a': { S: 'AVAILABLE' } } }),
    );
  }
  return row;
}

async function downloadUrl(event: Extract<DocumentsEvent, { operation: 'downloadUrl' }>): Promise<LambdaAnswer<unknown>> {
  const row = await uploadedDocument(event.tenantId, event.employeeId, event.documentId);
  if (row === 'missing') return failure('NOT_FOUND', 'No such document for this employee.');
  if (row === 'not-uploaded') return failure('NOT_FOUND', 'The file has not been uploaded yet.');
  const { s3 } = await tenants.forTenant(event.tenantId);
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({ Bucket: bucket, Key: row.objectKey, ResponseContentDisposition: event.inline === true ? inlineDisposition(row.fileName) : attachmentDisposition(row.fileName) }),
    { expiresIn: DOWNLOAD_URL_SECONDS },
  );
  return { result: { document: row, downloadUrl: url, expiresAt: new Date(Date.now() + DOWNLOAD_URL_SECONDS * 1000).toISOString() } };
}

/** Confirms that `documentId` is an uploaded document of the employee, of the kind the caller needs; input.documentId is at fault otherwise. */
async function verifyUpload(event: Extract<DocumentsEvent, { operation: 'verifyUpload' }>): Promise<LambdaAnswer<unknown>> {
  const row = await uploadedDocument(event.tenantId, event.employeeId, event.documentId);
  const problem =
    row === 'missing' ? 'names no document of this employee'
    : row === 'not-uploaded' ? 'names a document whose file has not been uploaded yet'
    : row.kind !== event.kind ? `is a ${row.kind} document, not a ${event.kind}`
    : null;
  if (problem) return failure('VALIDATION_ERROR', `input.documentId ${problem}.`, { fields: [{ field: 'input.documentId', message: problem }] });
  return { result: row };
}

export async function handler(event: DocumentsEvent): Promise<LambdaAnswer<unknown>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid documents request: ${problem}.`);
  }
  switch (event.operation) {
    case 'requestUpload':
      return requestUpload(event);
    case 'verifyUpload':
      return verifyUpload(event);
    default:
      return downloadUrl(event);
  }
}
