/**
 * The finalisation step of a pay run (`AIML-SaaS-Payroll-Run`, step FINALIZE), with the tenant's
 * session. For each payslip, in this order and each step only once:
 * 1. its PDF is rendered (payslip-pdf.ts) and put in S3 under `tenants/<tenant>/payslips/<period>/`;
 * 2. one transaction files it: the employee's PAYSLIP document (PIM), the payslip marked with its
 *    document, and its copy under the employee (what self-service reads), each conditional, so a
 *    retry writes nothing twice;
 * 3. only then the employee is told (PAYSLIP_READY, an id derived from run and employee: the API
 *    delivers it once), and the payslip marked notified.
 * The run's `finalized` count follows; when every payslip is through, the run is FINALIZED and its
 * period closed in one transaction. A crash anywhere resumes at the first payslip not through, and
 * the run is never FINALIZED before every payslip is filed: it is FINALIZING until then.
 */
import { GetItemCommand, TransactionCanceledException, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DocumentRow } from '../documents/model/documents.ts';
import { documentItemKey } from '../documents/model/keys.ts';
import type { Logger } from '../logger.ts';
import { tenantKey } from '../model/keys.ts';
import { deterministicUlid, publishOnce, type Publish } from '../notifications/publish.ts';
import type { EmployeeRow } from '../people/model/employee.ts';
import { employeeItemKey } from '../people/model/keys.ts';
import { inPool } from '../pool.ts';
import { employeePayslipKey, payPeriodKey, payRunKey, payslipKey } from './model/keys.ts';
import { payslipObjectKey } from './objects.ts';
import { renderPayslipPdf } from './payslip-pdf.ts';
import { readRun, runPayslips, type PayrollStore, type PayslipRow } from './store.ts';

export interface FinalizeStore extends PayrollStore {
  pimTable: string;
  s3: S3Client;
  bucket: string;
}

export interface FinalizeInput {
  store: FinalizeStore;
  tenantId: string;
  runId: string;
  now: string;
  publish: Publish;
  companyName: string;
  progress?: (done: number, total: number) => Promise<void>;
  log?: Logger;
  concurrency?: number;
}

export interface FinalizeResult {
  outcome: 'finalized' | 'not-finalizing';
  payslips: number;
  filed: number;
  notified: number;
  /** Employees without an account: nobody to tell (their document is filed all the same). */
  noAccount: number;
}

/** The PAYSLIP document's id: one per run and employee. */
export const payslipDocumentId = (runId: string) => `payslip-${runId}`;

export async function finalizeRun(input: FinalizeInput): Promise<FinalizeResult> {
  const { store, tenantId, runId } = input;
  const run = await readRun(store, tenantId, runId);
  const result: FinalizeResult = { outcome: 'not-finalizing', payslips: 0, filed: 0, notified: 0, noAccount: 0 };
  if (!run || run.status !== 'FINALIZING') return result;
  const payslips = (await runPayslips(store, tenantId, runId)).sort((a, b) => a.employeeId.localeCompare(b.employeeId));
  result.payslips = payslips.length;
  let done = 0;
  await inPool(payslips, input.concurrency ?? 4, async (slip) => {
    if (!slip.documentId) {
      await file(input, slip);
      result.filed += 1;
    }
    if (!slip.notifiedAt) {
      const told = await tell(input, slip, Date.parse(run.createdAt));
      if (told) result.notified += 1;
      else result.noAccount += 1;
    }
    done += 1;
    if (done % 50 === 0 || done === payslips.length) {
      await store.dynamodb.send(new UpdateItemCommand({
        TableName: store.payrollTable,
        Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: payRunKey(runId) }),
        UpdateExpression: 'SET finalized = :n',
        ConditionExpression: '#s = :f',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: marshall({ ':n': done, ':f': 'FINALIZING' }),
      }));
      await input.progress?.(done, payslips.length);
    }
  });
  try {
    await store.dynamodb.send(new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: store.payrollTable,
            Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: payRunKey(runId) }),
            UpdateExpression: 'SET #s = :done, finalized = :n, updatedAt = :now, version = version + :one, jobId = :null',
            ConditionExpression: '#s = :f',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: marshall({ ':done': 'FINALIZED', ':n': payslips.length, ':now': input.now, ':one': 1, ':f': 'FINALIZING', ':null': null }),
          },
        },
        {
          Update: {
            TableName: store.payrollTable,
            Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: payPeriodKey(run.period) }),
            UpdateExpression: 'SET openRunId = :null, finalized = :true',
            ConditionExpression: 'openRunId = :run',
            ExpressionAttributeValues: marshall({ ':null': null, ':true': true, ':run': runId }),
          },
        },
      ],
    }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    // A duplicate delivery finished first: nothing left to do.
    const now = await readRun(store, tenantId, runId);
    if (now?.status !== 'FINALIZED') throw error;
  }
  input.log?.info('pay run finalised', { runId, payslips: result.payslips, filed: result.filed, notified: result.notified, noAccount: result.noAccount });
  return { ...result, outcome: 'finalized' };
}

async function employeeOf(store: FinalizeStore, tenantId: string, employeeId: string): Promise<EmployeeRow | null> {
  const found = await store.dynamodb.send(new GetItemCommand({ TableName: store.pimTable, Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: employeeItemKey(employeeId) }) }));
  return found.Item ? (unmarshall(found.Item) as EmployeeRow) : null;
}

async function file(input: FinalizeInput, slip: PayslipRow): Promise<void> {
  const { store, tenantId, runId } = input;
  const employee = await employeeOf(store, tenantId, slip.employeeId);
  const name = employee ? `${employee.firstName} ${employee.lastName}` : slip.employeeId;
  const pdf = await renderPayslipPdf({ payslip: slip, employeeName: name, employeeNumber: employee?.employeeNumber ?? null, companyName: input.companyName });
  const objectKey = payslipObjectKey(tenantId, slip.period, runId, slip.employeeId);
  await store.s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: objectKey, Body: pdf, ContentType: 'application/pdf' }));
  const documentId = payslipDocumentId(runId);
  const document: DocumentRow = {
    TenantId: tenantKey(tenantId), EntityItem: documentItemKey(slip.employeeId, documentId), id: documentId, employeeId: slip.employeeId, kind: 'PAYSLIP',
    fileName: `payslip-${slip.period}.pdf`, contentType: 'application/pdf', sizeBytes: pdf.byteLength, status: 'AVAILABLE', objectKey, createdAt: input.now, createdBy: 'payroll',
  };
  const filed: PayslipRow = { ...slip, EntityItem: employeePayslipKey(slip.employeeId, slip.period, runId), documentId };
  try {
    await store.dynamodb.send(new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: store.pimTable, Item: marshall(document), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
        { Put: { TableName: store.payrollTable, Item: marshall(filed, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
        {
          Update: {
            TableName: store.payrollTable,
            Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: payslipKey(runId, slip.employeeId) }),
            UpdateExpression: 'SET documentId = :d',
            ConditionExpression: 'attribute_exists(EntityItem) AND attribute_not_exists(documentId)',
            ExpressionAttributeValues: marshall({ ':d': documentId }),
          },
        },
      ],
    }));
  } catch (error) {
    // Filed by an earlier delivery (its document and copy exist): nothing to do.
    if (!(error instanceof TransactionCanceledException) || !error.CancellationReasons?.every((r) => r.Code === 'ConditionalCheckFailed')) throw error;
  }
}

async function tell(input: FinalizeInput, slip: PayslipRow, runCreatedMs: number): Promise<boolean> {
  const { store, tenantId, runId } = input;
  const employee = await employeeOf(store, tenantId, slip.employeeId);
  const recipient = employee?.UserId;
  if (recipient) {
    const outcome = await publishOnce(input.publish, tenantId, {
      id: deterministicUlid(runCreatedMs, `payslip#${tenantId}#${runId}#${slip.employeeId}`),
      recipientUserId: recipient,
      kind: 'PAYSLIP_READY',
      title: `Your payslip for ${slip.period}`,
      body: 'Your payslip is ready: see myPayslips.',
    });
    if (!outcome.sent && !outcome.already) throw new Error(`PAYSLIP_READY not sent: ${outcome.error}`);
  }
  for (const item of [payslipKey(runId, slip.employeeId), employeePayslipKey(slip.employeeId, slip.period, runId)]) {
    await store.dynamodb.send(new UpdateItemCommand({
      TableName: store.payrollTable,
      Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: item }),
      UpdateExpression: 'SET notifiedAt = :now',
      ConditionExpression: 'attribute_exists(EntityItem)',
      ExpressionAttributeValues: marshall({ ':now': input.now }),
    }));
  }
  return !!recipient;
}
