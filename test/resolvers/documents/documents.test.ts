/**
 * Employee documents end to end: GraphQL asks for a presigned URL, the client moves the file
 * itself, S3 (behind the signature-checking gateway) holds it under the tenant's prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../../domain/documents/content-disposition.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql } from '../../support/stack.ts';

const CREATE = `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;
const UPLOAD = `mutation ($input: RequestDocumentUploadInput!, $tenantId: ID) {
  requestDocumentUpload(input: $input, tenantId: $tenantId) { document { id kind fileName contentType sizeBytes status createdBy } uploadUrl requiredHeaders expiresAt } }`;
const DOWNLOAD = `query ($employeeId: ID!, $documentId: ID!, $tenantId: ID) {
  documentDownloadUrl(employeeId: $employeeId, documentId: $documentId, tenantId: $tenantId) { document { id status } downloadUrl expiresAt } }`;
const LIST = `query ($employeeId: ID!) { employeeDocuments(employeeId: $employeeId) { items { id fileName status } nextToken } }`;
const BODY = '%PDF-1.7 a small contract';

interface Upload {
  document: { id: string; status: string; createdBy: string };
  uploadUrl: string;
  requiredHeaders: string;
  expiresAt: string;
}

let stack: StackHandle;
let admin: Gql;
let globexAdmin: Gql;
let employeeId: string;
let colleagueId: string;
let serial = 0;

async function createEmployee(gql: Gql): Promise<string> {
  serial += 1;
  const result = await gql<{ createEmployee: { id: string } }>(CREATE, {
    input: {
      employeeNumber: `D-${serial}`,
      firstName: 'Doc',
      lastName: `Holder${serial}`,
      email: `doc${serial}@example.com`,
      contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } },
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.createEmployee.id;
}

function pdf(overrides: Record<string, unknown> = {}) {
  return { employeeId, kind: 'CONTRACT', fileName: 'employment contract.pdf', contentType: 'application/pdf', sizeBytes: BODY.length, ...overrides };
}

async function requestUpload(gql: Gql, input: Record<string, unknown>) {
  return gql<{ requestDocumentUpload: Upload }>(UPLOAD, { input });
}

async function put(upload: Upload, body = BODY, headers: Record<string, string> = JSON.parse(upload.requiredHeaders) as Record<string, string>) {
  return fetch(upload.uploadUrl, { method: 'PUT', headers, body });
}

beforeAll(async () => {
  stack = await startTestStack();
  [admin, globexAdmin] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' })]);
  employeeId = await createEmployee(admin);
  colleagueId = await createEmployee(admin);
});

afterAll(async () => {
  await stack?.stop();
});

describe('uploading and downloading a document', () => {
  it('issues an upload URL for exactly the declared file, then serves it back', async () => {
    const requested = await requestUpload(admin, pdf());
    expect(requested.errors).toBeUndefined();
    const upload = requested.data!.requestDocumentUpload;
    expect(upload.document).toMatchObject({ status: 'UPLOAD_PENDING' });
    expect(new URL(upload.uploadUrl).pathname).toContain(`/tenants/acme/employees/${employeeId}/documents/${upload.document.id}`);
    expect(JSON.parse(upload.requiredHeaders)).toEqual({ 'content-type': 'application/pdf', 'content-length': String(BODY.length) });
    expect(Date.parse(upload.expiresAt)).toBeGreaterThan(Date.now());

    expect((await put(upload)).status).toBe(200);

    const download = await admin<{ documentDownloadUrl: { document: { status: string }; downloadUrl: string } }>(DOWNLOAD, { employeeId, documentId: upload.document.id });
    expect(download.errors).toBeUndefined();
    expect(download.data!.documentDownloadUrl.document.status).toBe('AVAILABLE');
    const file = await fetch(download.data!.documentDownloadUrl.downloadUrl);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(BODY);

    const listed = await admin<{ employeeDocuments: { items: { id: string; status: string }[] } }>(LIST, { employeeId });
    expect(listed.data!.employeeDocuments.items).toContainEqual(expect.objectContaining({ id: upload.document.id, status: 'AVAILABLE' }));
  });

  it('refuses an upload that differs from what was declared', async () => {
    const upload = (await requestUpload(admin, pdf())).data!.requestDocumentUpload;
    expect((await put(upload, BODY, { 'content-type': 'text/html', 'content-length': String(BODY.length) })).status).toBe(403);
    expect((await put(upload, `${BODY}!`, { 'content-type': 'application/pdf' })).ok).toBe(false);
  });

  it('answers NOT_FOUND for a document whose file never arrived', async () => {
    const upload = (await requestUpload(admin, pdf())).data!.requestDocumentUpload;
    const download = await admin(DOWNLOAD, { employeeId, documentId: upload.document.id });
    expect(download.errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND', message: expect.stringContaining('not been uploaded') });
  });
});

describe('checks before any URL is issued', () => {
  it.each([
    ['a type the kind does not allow', { contentType: 'application/x-msdownload' }, 'contentType'],
    ['a photo that is a PDF', { kind: 'PROFILE_PHOTO', contentType: 'application/pdf' }, 'contentType'],
    ['an empty file', { sizeBytes: 0 }, 'sizeBytes'],
    ['a file over the limit', { sizeBytes: 10 * 1024 * 1024 + 1 }, 'sizeBytes'],
    ['a name with a folder in it', { fileName: '../../etc/passwd' }, 'fileName'],
  ])('refuses %s and records nothing', async (_case, overrides, field) => {
    const before = (await admin<{ employeeDocuments: { items: unknown[] } }>(LIST, { employeeId: colleagueId })).data!.employeeDocuments.items.length;
    const result = await requestUpload(admin, pdf({ employeeId: colleagueId, ...overrides }));
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect((result.errors?.[0]?.errorInfo as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(field);
    const after = (await admin<{ employeeDocuments: { items: unknown[] } }>(LIST, { employeeId: colleagueId })).data!.employeeDocuments.items.length;
    expect(after).toBe(before);
  });
});

describe('whose documents', () => {
  it('lets an employee handle their own documents and no one else\'s', async () => {
    const self = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: colleagueId });
    const own = await requestUpload(self, pdf({ employeeId: colleagueId, kind: 'CERTIFICATE' }));
    expect(own.errors).toBeUndefined();
    expect((await put(own.data!.requestDocumentUpload)).status).toBe(200);
    expect((await self(DOWNLOAD, { employeeId: colleagueId, documentId: own.data!.requestDocumentUpload.document.id })).errors).toBeUndefined();
    const other = await requestUpload(self, pdf({ kind: 'CERTIFICATE' }));
    expect(other.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await self(LIST, { employeeId })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
  });

  it("keeps another tenant's admin out by every path", async () => {
    const upload = (await requestUpload(admin, pdf())).data!.requestDocumentUpload;
    await put(upload);
    expect((await globexAdmin(DOWNLOAD, { employeeId, documentId: upload.document.id })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globexAdmin(DOWNLOAD, { employeeId, documentId: upload.document.id, tenantId: 'acme' })).errors?.[0]).toMatchObject({
      errorType: 'UNAUTHORIZED_ACCESS',
    });
    expect((await globexAdmin(UPLOAD, { input: pdf(), tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
  });

  it('refuses a presigned URL edited to point into another tenant', async () => {
    const upload = (await requestUpload(admin, pdf())).data!.requestDocumentUpload;
    const edited = upload.uploadUrl.replace('/tenants/acme/', '/tenants/globex/');
    const response = await fetch(edited, { method: 'PUT', headers: JSON.parse(upload.requiredHeaders) as Record<string, string>, body: BODY });
    expect(response.status).toBe(403);
  });
});

describe('which kinds of document', () => {
  const kinds = {
    ID_DOCUMENT: {}, CERTIFICATE: {}, OTHER: {}, PROFILE_PHOTO: { contentType: 'image/png', fileName: 'me.png' },
    CONTRACT: {}, PAYSLIP: {},
  } as const;
  const count = async (gql: Gql, id: string) => (await gql<{ employeeDocuments: { items: unknown[] } }>(LIST, { employeeId: id })).data!.employeeDocuments.items.length;

  it('an employee files only their own ID documents, certificates, photos and others; contracts and payslips are refused', async () => {
    const ownId = await createEmployee(admin);
    const self = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: ownId });
    for (const kind of ['ID_DOCUMENT', 'CERTIFICATE', 'OTHER', 'PROFILE_PHOTO'] as const) {
      const filed = await requestUpload(self, pdf({ employeeId: ownId, kind, ...kinds[kind] }));
      expect(filed.errors, kind).toBeUndefined();
    }
    for (const kind of ['CONTRACT', 'PAYSLIP'] as const) {
      const refused = await requestUpload(self, pdf({ employeeId: ownId, kind }));
      expect(refused.errors?.[0], kind).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS', message: expect.stringContaining(`${kind} documents are added by HR`) });
    }
    expect(await count(self, ownId)).toBe(4);
  });

  it('HR admins file every kind, contracts and payslips included', async () => {
    const id = await createEmployee(admin);
    for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
      expect((await requestUpload(admin, pdf({ employeeId: id, kind, ...kinds[kind] }))).errors, kind).toBeUndefined();
    }
    expect(await count(admin, id)).toBe(6);
  });

  it("an employee of another tenant files nothing into this tenant's record, even linked to the same employee id", async () => {
    const id = await createEmployee(admin);
    const stranger = await signedIn(stack, { tenantId: 'globex', role: 'TenantUser', employeeId: id });
    const attempt = await requestUpload(stranger, pdf({ employeeId: id, kind: 'CERTIFICATE' }));
    expect(attempt.errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(attempt.data ?? null).toBeNull();
    expect(await count(admin, id)).toBe(0);
  });
});

describe('the file name in a download', () => {
  it('is sent as an RFC 6266 attachment whose name cannot end the header: ASCII stand-in and the exact UTF-8 name', async () => {
    const fileName = "Zeugnis Müller; 2024 (final) – 'v2'.pdf";
    const upload = (await requestUpload(admin, pdf({ fileName }))).data!.requestDocumentUpload;
    expect((await put(upload)).status).toBe(200);
    const download = await admin<{ documentDownloadUrl: { downloadUrl: string } }>(DOWNLOAD, { employeeId, documentId: upload.document.id });
    const url = new URL(download.data!.documentDownloadUrl.downloadUrl);
    const expected = attachmentDisposition(fileName);
    expect(expected).toBe(`attachment; filename="Zeugnis M_ller_ 2024 (final) _ 'v2'.pdf"; filename*=UTF-8''Zeugnis%20M%C3%BCller%3B%202024%20%28final%29%20%E2%80%93%20%27v2%27.pdf`);
    expect(url.searchParams.get('response-content-disposition')).toBe(expected);
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(expected);
  });

  it.each([
    ['a CR/LF header injection', 'report.pdf\r\nSet-Cookie: a=b'],
    ['a lone LF', 'report\n.pdf'],
    ['quotes', 'the "best" report.pdf'],
  ])('refuses %s at upload', async (_case, fileName) => {
    const result = await requestUpload(admin, pdf({ fileName }));
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'fileName' })] } });
  });
});

describe('a document shared with an employee', () => {
  const INBOX = `{ notifications { items { kind title } } }`;

  it('notifies the employee when HR files it, and not when they file their own', async () => {
    const ownerId = await createEmployee(admin);
    const owner = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: ownerId });
    expect((await requestUpload(admin, pdf({ employeeId: ownerId, fileName: 'offer letter.pdf' }))).errors).toBeUndefined();
    const inbox = await owner<{ notifications: { items: { kind: string; title: string }[] } }>(INBOX);
    expect(inbox.data!.notifications.items).toEqual([{ kind: 'DOCUMENT_SHARED', title: 'New document: offer letter.pdf' }]);

    expect((await requestUpload(owner, pdf({ employeeId: ownerId, kind: 'CERTIFICATE', fileName: 'my certificate.pdf' }))).errors).toBeUndefined();
    expect((await owner<{ notifications: { items: unknown[] } }>(INBOX)).data!.notifications.items).toHaveLength(1);
  });
});
