/**
 * Lambda resolver for payroll: settings, structures (checked whole: formulas, cycles, amounts),
 * assignments, pay runs (each step's job created in the transaction that moves the run), payslips,
 * the register (CSV to S3 under the tenant's prefix, read through a presigned URL) and the
 * employee's own payslips and their PDFs. It works with the tenant's STS session, so IAM confines
 * it to `TENANT#<id>` keys and `tenants/<id>/` objects even if the event named the wrong tenant.
 * Who may call which operation the authorizer decided; whose payslips, the pipeline (the employee
 * comes from the caller's token for myPayslips).
 * Environment: TENANT_ROLE_ARN, DOCUMENTS_BUCKET, PAYROLL_TABLE, TENANT_JOB_TABLE.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DomainError } from '../../../domain/domain-error.ts';
import { DOWNLOAD_URL_SECONDS } from '../../../domain/documents/model/documents.ts';
import { requiredEnv } from '../../../domain/env.ts';
import type { AssignSalaryStructureInput, CreatePayRunInput, PayrollSettingsInput, SalaryStructureInput } from '../../../domain/generated/graphql.ts';
import { createLogger } from '../../../domain/logger.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import { isValidEntityId, isValidTenantId } from '../../../domain/model/keys.ts';
import { tableEnvName } from '../../../domain/model/tables.ts';
import { payslipObjectKey, registerObjectKey } from '../../../domain/payroll/objects.ts';
import { formatMinor } from '../../../domain/payroll/money.ts';
import { buildRegister, registerCsv } from '../../../domain/payroll/register.ts';
import {
  approveRun, assignStructure, createRun, discardRun, employeeAssignments, employeePayslips, listRuns, listStructures, payslipPage, readRun, readSettings,
  requireRun, requireSettings, runPayslips, saveSettings, saveStructure, startCalculation, startFinalization, type Occasion, type PayrollStore,
} from '../../../domain/payroll/store.ts';
import { assignmentView, payslipView, runView, settingsView, structureView } from '../../../domain/payroll/views.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

/** What the payroll pipeline functions send; ids are minted by the resolver (util.autoUlid). */
export type PayrollEvent = { tenantId: string; requestedBy: string } & (
  | { operation: 'settings' }
  | { operation: 'saveSettings'; input: PayrollSettingsInput }
  | { operation: 'structures' }
  | { operation: 'createStructure'; id: string; input: SalaryStructureInput }
  | { operation: 'updateStructure'; id: string; expectedVersion: number; input: SalaryStructureInput }
  | { operation: 'assign'; employeeExists: boolean; input: AssignSalaryStructureInput }
  | { operation: 'assignments'; employeeId: string }
  | { operation: 'runs'; period: string | null }
  | { operation: 'run'; id: string }
  | { operation: 'createRun'; id: string; input: CreatePayRunInput }
  | { operation: 'calculate'; id: string }
  | { operation: 'approve'; id: string; expectedVersion: number }
  | { operation: 'finalize'; id: string }
  | { operation: 'discard'; id: string }
  | { operation: 'payslips'; runId: string; limit: number; nextToken: string | null }
  | { operation: 'register'; runId: string }
  | { operation: 'myPayslips'; employeeId: string }
  | { operation: 'myPayslipPdf'; employeeId: string; runId: string }
);

const log = createLogger({ service: 'payroll' });
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') });
const bucket = requiredEnv('DOCUMENTS_BUCKET');
const tables = { payrollTable: requiredEnv(tableEnvName('Payroll')), jobsTable: requiredEnv(tableEnvName('TenantJob')) };

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The event comes from our own resolvers, but it is input all the same: check its shape first. */
function problemWith(event: Partial<PayrollEvent> | null | undefined): string | null {
  if (!isObject(event)) return 'the event is not an object';
  if (!isValidTenantId(event.tenantId)) return 'tenantId is missing or malformed';
  if (typeof event.requestedBy !== 'string' || event.requestedBy === '') return 'requestedBy is missing';
  const e = event as Record<string, unknown>;
  const id = (name: string) => (isValidEntityId(e[name]) ? null : `${name} is missing or malformed`);
  const version = () => (Number.isInteger(e.expectedVersion) ? null : 'expectedVersion is missing');
  const input = () => (isObject(e.input) ? null : 'input is malformed');
  switch (event.operation) {
    case 'settings':
    case 'structures':
    case 'runs':
      return null;
    case 'saveSettings':
      return input();
    case 'createStructure':
    case 'createRun':
      return id('id') ?? input();
    case 'updateStructure':
      return id('id') ?? version() ?? input();
    case 'assign':
      return input() ?? (isValidEntityId((e.input as Record<string, unknown>).employeeId) && isValidEntityId((e.input as Record<string, unknown>).structureId) ? null : 'input ids are malformed');
    case 'assignments':
    case 'myPayslips':
      return id('employeeId');
    case 'run':
    case 'calculate':
    case 'finalize':
    case 'discard':
      return id('id');
    case 'approve':
      return id('id') ?? version();
    case 'payslips':
    case 'register':
      return id('runId');
    case 'myPayslipPdf':
      return id('employeeId') ?? id('runId');
    default:
      return `unknown operation ${String(event.operation)}`;
  }
}

async function register(store: PayrollStore, s3: Awaited<ReturnType<typeof tenants.forTenant>>['s3'], tenantId: string, runId: string) {
  const run = await requireRun(store, tenantId, runId);
  if (!['CALCULATED', 'APPROVED', 'FINALIZING', 'FINALIZED'].includes(run.status)) {
    throw new DomainError('CONFLICT', `Pay run ${runId} is ${run.status}; its register exists once it is CALCULATED.`, [], { reason: 'RUN_STATUS', status: run.status });
  }
  const settings = await requireSettings(store, tenantId);
  const payslips = await runPayslips(store, tenantId, runId);
  const built = buildRegister(payslips, settings.decimals);
  const key = registerObjectKey(tenantId, run.period, runId, run.calculation);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: registerCsv(payslips, built, settings.decimals), ContentType: 'text/csv; charset=utf-8' }));
  const csvUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="payroll-register-${run.period}.csv"` }), { expiresIn: DOWNLOAD_URL_SECONDS });
  const money = (minor: bigint) => formatMinor(minor, settings.decimals);
  return {
    runId, employees: built.employees, currency: settings.currency,
    totals: built.totals.map((t) => ({ code: t.code, kind: t.kind, amount: money(t.minor) })),
    gross: money(built.gross), deductions: money(built.deductions), net: money(built.net),
    csvUrl, expiresAt: new Date(Date.now() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
  };
}

async function perform(event: PayrollEvent, store: PayrollStore, s3: Awaited<ReturnType<typeof tenants.forTenant>>['s3'], occasion: Occasion): Promise<unknown> {
  const { tenantId } = event;
  switch (event.operation) {
    case 'settings': {
      const row = await readSettings(store, tenantId);
      return row ? settingsView(row) : null;
    }
    case 'saveSettings':
      return settingsView(await saveSettings(store, occasion, event.input));
    case 'structures':
      return (await listStructures(store, tenantId)).map(structureView);
    case 'createStructure':
      return structureView(await saveStructure(store, occasion, event.id, null, event.input));
    case 'updateStructure':
      return structureView(await saveStructure(store, occasion, event.id, event.expectedVersion, event.input));
    case 'assign':
      return assignmentView(await assignStructure(store, occasion, event.input, event.employeeExists));
    case 'assignments':
      return (await employeeAssignments(store, tenantId, event.employeeId)).map(assignmentView);
    case 'runs':
      return (await listRuns(store, tenantId, event.period)).map(runView);
    case 'run': {
      const row = await readRun(store, tenantId, event.id);
      return row ? runView(row) : null;
    }
    case 'createRun':
      return runView(await createRun(store, occasion, event.id, event.input));
    case 'calculate':
      return runView(await startCalculation(store, occasion, event.id));
    case 'approve':
      return runView(await approveRun(store, occasion, event.id, event.expectedVersion));
    case 'finalize':
      return runView(await startFinalization(store, occasion, event.id));
    case 'discard':
      return runView(await discardRun(store, occasion, event.id));
    case 'payslips': {
      if (!Number.isInteger(event.limit) || event.limit < 1 || event.limit > 100) throw new DomainError('VALIDATION_ERROR', 'limit must be 1 to 100.', [{ field: 'limit', message: 'must be 1 to 100' }]);
      await requireRun(store, tenantId, event.runId);
      const page = await payslipPage(store, tenantId, event.runId, event.limit, event.nextToken);
      return { items: page.items.map(payslipView), nextToken: page.nextToken };
    }
    case 'register':
      return register(store, s3, tenantId, event.runId);
    case 'myPayslips':
      return (await employeePayslips(store, tenantId, event.employeeId)).map(payslipView);
    case 'myPayslipPdf': {
      const own = (await employeePayslips(store, tenantId, event.employeeId)).find((p) => p.runId === event.runId);
      if (!own?.documentId) throw new DomainError('NOT_FOUND', 'You have no finalised payslip of this pay run.');
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: payslipObjectKey(tenantId, own.period, own.runId, own.employeeId), ResponseContentDisposition: `attachment; filename="payslip-${own.period}.pdf"` }), { expiresIn: DOWNLOAD_URL_SECONDS });
      return { url, expiresAt: new Date(Date.now() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
    }
  }
}

export async function handler(event: PayrollEvent): Promise<LambdaAnswer<unknown>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid payroll request: ${problem}.`);
  }
  try {
    const { dynamodb, s3 } = await tenants.forTenant(event.tenantId);
    const occasion: Occasion = { tenantId: event.tenantId, now: new Date().toISOString(), requestedBy: event.requestedBy };
    const result = await perform(event, { dynamodb, ...tables }, s3, occasion);
    log.info(`payroll ${event.operation}`, { tenantId: event.tenantId, userId: event.requestedBy });
    return { result };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return failure(error.errorType, error.message, error.errorInfo());
  }
}
