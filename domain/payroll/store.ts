/**
 * The payroll store (Payroll table, with the tenant's session): settings, structures, assignments,
 * pay runs and their period guards, payslips. Every state change of a run is one conditional write
 * or transaction, so two callers can never both move it, and a run and its period guard change
 * together: at most one open run per period, none after the period is finalised except off-cycle.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { queryAll, tenantItems } from '../dynamo-query.ts';
import { currencyDecimals } from '../employment/model/contracts.ts';
import type { AssignSalaryStructureInput, CreatePayRunInput, PayrollSettingsInput, PayRunKind, PayRunStatus, SalaryStructureInput } from '../generated/graphql.ts';
import { buildJob, jobToItem } from '../jobs/engine.ts';
import { calendarDateOf } from '../model/dates.ts';
import type { FieldProblem } from '../model/errors.ts';
import { tenantKey } from '../model/keys.ts';
import { monthlyPeriod } from './calculate.ts';
import { assignmentKey, employeeAssignmentsPrefix, employeePayslipsPrefix, PAYROLL_PREFIXES, payPeriodKey, payRunKey, payrollSettingsKey, runPayslipsPrefix, structureKey } from './model/keys.ts';
import type { Rounding } from './money.ts';
import { PAYROLL_RUNNER, type PayrollRunnerPayload } from './runner-payload.ts';
import { checkStructure, type StructureRow } from './structures.ts';

export interface PayrollStore {
  dynamodb: DynamoDBClient;
  payrollTable: string;
  /** TenantJob: runs are calculated and finalised by jobs created with their state change. */
  jobsTable: string;
}

export interface Occasion {
  tenantId: string;
  now: string;
  requestedBy: string;
}

export interface SettingsRow {
  TenantId: string;
  EntityItem: string;
  currency: string;
  rounding: Rounding;
  frequency: 'MONTHLY';
  version: number;
  updatedAt: string;
}

export interface AssignmentRow {
  TenantId: string;
  EntityItem: string;
  employeeId: string;
  structureId: string;
  effectiveFrom: string;
  assignedBy: string;
  assignedAt: string;
}

export interface RunTotals {
  currency: string;
  gross: string;
  deductions: string;
  net: string;
}

export interface RunRow {
  TenantId: string;
  EntityItem: string;
  id: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  kind: PayRunKind;
  status: PayRunStatus;
  calculation: number;
  jobId: string | null;
  payslips: number;
  payslipErrors: number;
  totals: RunTotals | null;
  finalized: number;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface PayslipRow {
  TenantId: string;
  EntityItem: string;
  runId: string;
  employeeId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  structureId: string | null;
  lines: { code: string; name: string; kind: 'EARNING' | 'DEDUCTION'; amount: string }[];
  gross: string;
  deductions: string;
  net: string;
  trace: { name: string; value: string }[];
  error: string | null;
  calculation: number;
  calculatedAt: string;
  documentId?: string | null;
  notifiedAt?: string | null;
}

const invalid = (message: string, fields: FieldProblem[]) => new DomainError('VALIDATION_ERROR', message, fields);
const notFound = (what: string) => new DomainError('NOT_FOUND', `No ${what} in your tenant.`);
const key = (tenantId: string, item: string) => marshall({ TenantId: tenantKey(tenantId), EntityItem: item });

async function getItem<T>(store: PayrollStore, tenantId: string, item: string): Promise<T | null> {
  const read = await store.dynamodb.send(new GetItemCommand({ TableName: store.payrollTable, Key: key(tenantId, item), ConsistentRead: true }));
  return read.Item ? (unmarshall(read.Item) as T) : null;
}

// ---- settings

export const readSettings = (store: PayrollStore, tenantId: string) => getItem<SettingsRow>(store, tenantId, payrollSettingsKey());

/** The settings a run or structure needs: VALIDATION_ERROR until HR saved them. */
export async function requireSettings(store: PayrollStore, tenantId: string): Promise<SettingsRow & { decimals: number }> {
  const settings = await readSettings(store, tenantId);
  if (!settings) throw invalid('Save the payroll settings (currency, rounding) first.', [{ field: 'settings', message: 'are not saved yet (updatePayrollSettings)' }]);
  return { ...settings, decimals: currencyDecimals(settings.currency) };
}

export async function saveSettings(store: PayrollStore, occasion: Occasion, input: PayrollSettingsInput): Promise<SettingsRow> {
  const problems: FieldProblem[] = [];
  const currency = (input.currency ?? '').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.push({ field: 'input.currency', message: 'must be an ISO 4217 code such as EUR' });
  if (input.rounding !== 'HALF_UP' && input.rounding !== 'HALF_EVEN') problems.push({ field: 'input.rounding', message: 'must be HALF_UP or HALF_EVEN' });
  if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) problems.push({ field: 'input.expectedVersion', message: 'must be the version read (0 before the first save)' });
  if (problems.length > 0) throw invalid('Invalid payroll settings.', problems);
  const row: SettingsRow = { TenantId: tenantKey(occasion.tenantId), EntityItem: payrollSettingsKey(), currency, rounding: input.rounding, frequency: 'MONTHLY', version: input.expectedVersion + 1, updatedAt: occasion.now };
  try {
    await store.dynamodb.send(new PutItemCommand({
      TableName: store.payrollTable,
      Item: marshall(row),
      ...(input.expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(EntityItem)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: marshall({ ':v': input.expectedVersion }) }),
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new DomainError('CONFLICT', 'The payroll settings changed since you read them (or were never saved: use expectedVersion 0). Read them again.');
    throw error;
  }
  return row;
}

// ---- structures

export const listStructures = async (store: PayrollStore, tenantId: string) =>
  (await tenantItems<StructureRow>(store.dynamodb, store.payrollTable, tenantId, PAYROLL_PREFIXES.structure)).sort((a, b) => a.name.localeCompare(b.name));

export async function saveStructure(store: PayrollStore, occasion: Occasion, id: string, expectedVersion: number | null, input: SalaryStructureInput): Promise<StructureRow> {
  const settings = await requireSettings(store, occasion.tenantId);
  const checked = checkStructure(input, settings.decimals);
  if (!checked.ok) throw invalid(`Invalid salary structure: ${checked.problems.map((p) => p.message).join('; ')}.`, checked.problems.map((p) => ({ ...p, field: `input.${p.field}` })));
  const existing = expectedVersion === null ? null : await getItem<StructureRow>(store, occasion.tenantId, structureKey(id));
  if (expectedVersion !== null && !existing) throw notFound('salary structure with this id');
  const row: StructureRow = {
    TenantId: tenantKey(occasion.tenantId),
    EntityItem: structureKey(id),
    id,
    name: input.name.trim(),
    components: checked.components,
    version: (expectedVersion ?? 0) + 1,
    createdAt: existing?.createdAt ?? occasion.now,
    updatedAt: occasion.now,
  };
  try {
    await store.dynamodb.send(new PutItemCommand({
      TableName: store.payrollTable,
      Item: marshall(row, { removeUndefinedValues: true }),
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(EntityItem)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: marshall({ ':v': expectedVersion }) }),
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new DomainError('CONFLICT', 'The salary structure changed since you read it (or its id is taken). Read it again.');
    throw error;
  }
  return row;
}

// ---- assignments

export async function assignStructure(store: PayrollStore, occasion: Occasion, input: AssignSalaryStructureInput, employeeExists: boolean): Promise<AssignmentRow> {
  if (!employeeExists) throw notFound('employee with this id');
  const effectiveFrom = calendarDateOf(input.effectiveFrom);
  if (!effectiveFrom) throw invalid('effectiveFrom must be a date.', [{ field: 'input.effectiveFrom', message: 'must be a real date (YYYY-MM-DD)' }]);
  const row: AssignmentRow = { TenantId: tenantKey(occasion.tenantId), EntityItem: assignmentKey(input.employeeId, effectiveFrom), employeeId: input.employeeId, structureId: input.structureId, effectiveFrom, assignedBy: occasion.requestedBy, assignedAt: occasion.now };
  try {
    await store.dynamodb.send(new TransactWriteItemsCommand({
      TransactItems: [
        { ConditionCheck: { TableName: store.payrollTable, Key: key(occasion.tenantId, structureKey(input.structureId)), ConditionExpression: 'attribute_exists(EntityItem)' } },
        { Put: { TableName: store.payrollTable, Item: marshall(row) } },
      ],
    }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw notFound('salary structure with this id');
    throw error;
  }
  return row;
}

export const employeeAssignments = (store: PayrollStore, tenantId: string, employeeId: string) =>
  tenantItems<AssignmentRow>(store.dynamodb, store.payrollTable, tenantId, employeeAssignmentsPrefix(employeeId));

// ---- runs

export interface PeriodRow {
  TenantId: string;
  EntityItem: string;
  period: string;
  openRunId: string | null;
  finalized: boolean;
}

export const readRun = (store: PayrollStore, tenantId: string, runId: string) => getItem<RunRow>(store, tenantId, payRunKey(runId));

export async function requireRun(store: PayrollStore, tenantId: string, runId: string): Promise<RunRow> {
  const run = await readRun(store, tenantId, runId);
  if (!run) throw notFound('pay run with this id');
  return run;
}

export async function listRuns(store: PayrollStore, tenantId: string, period: string | null): Promise<RunRow[]> {
  const runs = await tenantItems<RunRow>(store.dynamodb, store.payrollTable, tenantId, PAYROLL_PREFIXES.run);
  return runs.filter((r) => period === null || r.period === period).sort((a, b) => b.period.localeCompare(a.period) || b.createdAt.localeCompare(a.createdAt));
}

/** Opens a run (DRAFT) for a period, with its guard in the same transaction. */
export async function createRun(store: PayrollStore, occasion: Occasion, runId: string, input: CreatePayRunInput): Promise<RunRow> {
  const period = monthlyPeriod(input.period);
  const kind: PayRunKind = input.kind ?? 'REGULAR';
  if (!period) throw invalid('period must be a month.', [{ field: 'input.period', message: 'must be a month YYYY-MM (2000-2999)' }]);
  await requireSettings(store, occasion.tenantId);
  const run: RunRow = {
    TenantId: tenantKey(occasion.tenantId), EntityItem: payRunKey(runId), id: runId, period: period.label, periodStart: period.start, periodEnd: period.end,
    kind, status: 'DRAFT', calculation: 0, jobId: null, payslips: 0, payslipErrors: 0, totals: null, finalized: 0, version: 1,
    createdAt: occasion.now, createdBy: occasion.requestedBy, updatedAt: occasion.now,
  };
  const finalizedRule = kind === 'REGULAR' ? '(attribute_not_exists(finalized) OR finalized = :false)' : 'finalized = :true';
  try {
    await store.dynamodb.send(new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: store.payrollTable, Item: marshall(run), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
        {
          Update: {
            TableName: store.payrollTable,
            Key: key(occasion.tenantId, payPeriodKey(period.label)),
            UpdateExpression: 'SET openRunId = :run, period = :period',
            ConditionExpression: `(attribute_not_exists(openRunId) OR openRunId = :null) AND ${finalizedRule}`,
            ExpressionAttributeValues: marshall({ ':run': runId, ':period': period.label, ':null': null, ...(kind === 'REGULAR' ? { ':false': false } : { ':true': true }) }),
          },
        },
      ],
    }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const guard = await getItem<PeriodRow>(store, occasion.tenantId, payPeriodKey(period.label));
    if (guard?.openRunId) throw new DomainError('CONFLICT', `Pay run ${guard.openRunId} is open for ${period.label}; finalise or discard it first.`, [], { reason: 'RUN_OPEN', runId: guard.openRunId });
    if (kind === 'REGULAR' && guard?.finalized) throw new DomainError('CONFLICT', `${period.label} is finalised; a correction is an OFF_CYCLE run.`, [], { reason: 'PERIOD_FINALIZED' });
    if (kind === 'OFF_CYCLE') throw new DomainError('CONFLICT', `${period.label} is not finalised; an OFF_CYCLE run corrects a finalised period only.`, [], { reason: 'PERIOD_NOT_FINALIZED' });
    throw new DomainError('CONFLICT', 'The pay run id is taken; retry.');
  }
  return run;
}

function refuse(run: RunRow, allowed: PayRunStatus[], action: string): never {
  throw new DomainError('CONFLICT', `Pay run ${run.id} is ${run.status}; only a run that is ${allowed.join(' or ')} can be ${action}.`, [], { reason: 'RUN_STATUS', status: run.status });
}

/** The run's update at the version read, with more writes in the same transaction; CONFLICT when it moved meanwhile. */
async function moveRun(store: PayrollStore, occasion: Occasion, run: RunRow, changes: Partial<RunRow>, more: TransactWriteItem[] = []): Promise<RunRow> {
  const next: RunRow = { ...run, ...changes, version: run.version + 1, updatedAt: occasion.now };
  try {
    await store.dynamodb.send(new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: store.payrollTable, Item: marshall(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: marshall({ ':v': run.version }) } },
        ...more,
      ],
    }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new DomainError('CONFLICT', `Pay run ${run.id} changed meanwhile; read it again.`);
    throw error;
  }
  return next;
}

function jobWrite(store: PayrollStore, occasion: Occasion, jobId: string, payload: PayrollRunnerPayload): TransactWriteItem {
  const job = buildJob({ tenantId: occasion.tenantId, jobId, runner: PAYROLL_RUNNER, payload, runAt: occasion.now, maxAttempts: 5 }, new Date(occasion.now));
  return { Put: { TableName: store.jobsTable, Item: jobToItem(job), ConditionExpression: 'attribute_not_exists(EntityItem)' } };
}

/** Starts a (re)calculation: CALCULATING with the next calculation number and its job, in one transaction. */
export async function startCalculation(store: PayrollStore, occasion: Occasion, runId: string): Promise<RunRow> {
  const run = await requireRun(store, occasion.tenantId, runId);
  // A run stuck CALCULATING (its job dead) may start again: the newer calculation supersedes it.
  if (!['DRAFT', 'CALCULATING', 'CALCULATED'].includes(run.status)) refuse(run, ['DRAFT', 'CALCULATING', 'CALCULATED'], 'calculated');
  const calculation = run.calculation + 1;
  const jobId = `payroll-${runId}-calc-${calculation}`;
  return moveRun(store, occasion, run, { status: 'CALCULATING', calculation, jobId }, [jobWrite(store, occasion, jobId, { runId, step: 'CALCULATE', calculation })]);
}

export async function approveRun(store: PayrollStore, occasion: Occasion, runId: string, expectedVersion: number): Promise<RunRow> {
  const run = await requireRun(store, occasion.tenantId, runId);
  if (run.version !== expectedVersion) throw new DomainError('CONFLICT', `Pay run ${runId} changed since you read it (version ${run.version}); read it again.`);
  if (run.status !== 'CALCULATED') refuse(run, ['CALCULATED'], 'approved');
  if (run.payslipErrors > 0) throw new DomainError('CONFLICT', `Pay run ${runId} has ${run.payslipErrors} payslip(s) in error; fix their causes and recalculate before approving.`, [], { reason: 'PAYSLIP_ERRORS', payslipErrors: run.payslipErrors });
  return moveRun(store, occasion, run, { status: 'APPROVED' });
}

export async function startFinalization(store: PayrollStore, occasion: Occasion, runId: string): Promise<RunRow> {
  const run = await requireRun(store, occasion.tenantId, runId);
  if (run.status !== 'APPROVED' && run.status !== 'FINALIZING') refuse(run, ['APPROVED', 'FINALIZING'], 'finalised');
  // FINALIZING again (its job dead): a new job resumes where the last one stopped.
  const attempt = run.status === 'FINALIZING' ? run.version : 0;
  const jobId = `payroll-${runId}-final-${attempt}`;
  return moveRun(store, occasion, run, { status: 'FINALIZING', jobId }, [jobWrite(store, occasion, jobId, { runId, step: 'FINALIZE', calculation: run.calculation })]);
}

export async function discardRun(store: PayrollStore, occasion: Occasion, runId: string): Promise<RunRow> {
  const run = await requireRun(store, occasion.tenantId, runId);
  if (!['DRAFT', 'CALCULATING', 'CALCULATED'].includes(run.status)) refuse(run, ['DRAFT', 'CALCULATING', 'CALCULATED'], 'discarded');
  return moveRun(store, occasion, run, { status: 'DISCARDED', jobId: null }, [{
    Update: {
      TableName: store.payrollTable,
      Key: key(occasion.tenantId, payPeriodKey(run.period)),
      UpdateExpression: 'SET openRunId = :null',
      ConditionExpression: 'openRunId = :run',
      ExpressionAttributeValues: marshall({ ':run': runId, ':null': null }),
    },
  }]);
}

// ---- payslips

export async function payslipPage(store: PayrollStore, tenantId: string, runId: string, limit: number, nextToken: string | null): Promise<{ items: PayslipRow[]; nextToken: string | null }> {
  const prefix = runPayslipsPrefix(runId);
  if (nextToken !== null && (!nextToken.startsWith(prefix) || nextToken.length > 200)) throw new DomainError('INVALID_PAGINATION_TOKEN', 'The nextToken belongs to another run or is malformed; start again without it.');
  const page = await store.dynamodb.send(new QueryCommand({
    TableName: store.payrollTable,
    KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
    ExpressionAttributeValues: marshall({ ':t': tenantKey(tenantId), ':p': prefix }),
    Limit: limit,
    ...(nextToken ? { ExclusiveStartKey: key(tenantId, nextToken) } : {}),
  }));
  const items = (page.Items ?? []).map((i) => unmarshall(i) as PayslipRow);
  const last = page.LastEvaluatedKey ? (unmarshall(page.LastEvaluatedKey).EntityItem as string) : null;
  return { items, nextToken: last };
}

/** Every payslip of a run (what the register and the runner read). */
export async function runPayslips(store: PayrollStore, tenantId: string, runId: string): Promise<PayslipRow[]> {
  const items = await queryAll(store.dynamodb, {
    TableName: store.payrollTable,
    KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
    ExpressionAttributeValues: marshall({ ':t': tenantKey(tenantId), ':p': runPayslipsPrefix(runId) }),
  });
  return items.map((i) => unmarshall(i) as PayslipRow);
}

/** An employee's finalised payslips, newest period first. */
export async function employeePayslips(store: PayrollStore, tenantId: string, employeeId: string): Promise<PayslipRow[]> {
  const rows = await tenantItems<PayslipRow>(store.dynamodb, store.payrollTable, tenantId, employeePayslipsPrefix(employeeId));
  return rows.sort((a, b) => b.period.localeCompare(a.period) || b.runId.localeCompare(a.runId));
}
