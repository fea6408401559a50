/**
 * The calculation step of a pay run (`AIML-SaaS-Payroll-Run`, step CALCULATE), with the tenant's
 * session. It reads the tenant's structures, assignments, contracts and unpaid leave types once,
 * then per batch of employees their unpaid-leave ledger entries and attendance records of the
 * period (the ledger's key range of each unpaid type, the records by key), calculates every payslip (calculate.ts) and writes them under
 * deterministic keys (`PSLIP#<run>#<employee>`) in transactions that also check the run is still
 * CALCULATING this calculation. So a duplicate delivery or a retry after a crash rewrites the same
 * items (never a second payslip), a job of a superseded calculation or a discarded run writes
 * nothing, and payslips of employees no longer in scope are removed before the run is CALCULATED.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, TransactWriteItemsCommand, UpdateItemCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { queryAll, tenantItems } from '../dynamo-query.ts';
import { recordItemKey } from '../attendance/model/keys.ts';
import type { DailyRecordRow } from '../attendance/model/records.ts';
import type { ContractRow } from '../employment/model/contracts.ts';
import { EMPLOYMENT_PREFIXES } from '../employment/model/keys.ts';
import type { LeaveTypeRow } from '../leave/definitions.ts';
import { batchGet, type LedgerEntryRow } from '../leave/ledger.ts';
import { balanceKey, LEAVE_PREFIXES, ledgerPrefix } from '../leave/model/keys.ts';
import { tokenBucket, type Pacer } from '../leave/pacing.ts';
import type { Logger } from '../logger.ts';
import { addDays } from '../model/dates.ts';
import { tenantKey } from '../model/keys.ts';
import { inPool } from '../pool.ts';
import { calculatePayslip, inScope, monthlyPeriod, type AttendanceDayInput, type PayPeriod, type PayrollRules, type UnpaidLeaveEntry } from './calculate.ts';
import { PAYROLL_PREFIXES, payRunKey, payslipKey, runPayslipsPrefix } from './model/keys.ts';
import { formatMinor } from './money.ts';
import { readRun, requireSettings, type AssignmentRow, type PayrollStore, type PayslipRow, type RunRow } from './store.ts';
import { compileStructure, type CompiledStructure, type StructureRow } from './structures.ts';

/** Items written per second by default: under one partition's 1,000 WCU, as the leave runner does. */
export const DEFAULT_WRITES_PER_SECOND = 1_000;
/** Employees per batch of reads and writes. */
const BATCH = 200;
/** Payslips per transaction, beside the run's condition check (DynamoDB takes 100 items). */
const PER_TRANSACTION = 99;

export interface RunStore extends PayrollStore {
  employmentTable: string;
  leaveTable: string;
  attendanceTable: string;
}

export interface CalculateRunInput {
  store: RunStore;
  tenantId: string;
  runId: string;
  calculation: number;
  now: string;
  writesPerSecond?: number;
  pacer?: Pacer;
  /** Employees read at once (queries in flight; default 16). */
  readConcurrency?: number;
  progress?: (done: number, total: number) => Promise<void>;
  log?: Logger;
}

export interface CalculateRunResult {
  /** `superseded`: the run is no longer CALCULATING this calculation; nothing was written. */
  outcome: 'calculated' | 'superseded';
  employees: number;
  errors: number;
  removed: number;
}

/** The run is no longer this calculation's: stop without writing. */
class Superseded extends Error {}

function runCheck(store: PayrollStore, tenantId: string, runId: string, calculation: number): TransactWriteItem {
  return {
    ConditionCheck: {
      TableName: store.payrollTable,
      Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: payRunKey(runId) }),
      ConditionExpression: '#s = :calculating AND calculation = :c',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: marshall({ ':calculating': 'CALCULATING', ':c': calculation }),
    },
  };
}

async function writeChecked(dynamodb: DynamoDBClient, check: TransactWriteItem, items: TransactWriteItem[]): Promise<void> {
  try {
    await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [check, ...items] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') throw new Superseded();
    throw error;
  }
}

/** The day an employee's structure is taken on: the period's end, or their last day under contract in it. */
function lastPayableDay(contracts: ContractRow[], period: PayPeriod): string {
  let last = period.start;
  for (const c of contracts) {
    if (c.startDate > period.end || (c.endDate !== null && c.endDate < period.start)) continue;
    const end = c.endDate === null || c.endDate > period.end ? period.end : c.endDate;
    if (end > last) last = end;
  }
  return last;
}

/** The tenant-wide inputs of a calculation, read once. */
async function runInputs(store: RunStore, tenantId: string, decimals: number) {
  const [structures, assignments, contracts, leaveTypes] = await Promise.all([
    tenantItems<StructureRow>(store.dynamodb, store.payrollTable, tenantId, PAYROLL_PREFIXES.structure),
    tenantItems<AssignmentRow>(store.dynamodb, store.payrollTable, tenantId, PAYROLL_PREFIXES.assignment),
    tenantItems<ContractRow>(store.dynamodb, store.employmentTable, tenantId, EMPLOYMENT_PREFIXES.contract),
    tenantItems<LeaveTypeRow>(store.dynamodb, store.leaveTable, tenantId, LEAVE_PREFIXES.type),
  ]);
  const compiled = new Map<string, CompiledStructure | { problem: string }>(structures.map((s) => [s.id, compileStructure(s, decimals)]));
  const assignmentsOf = new Map<string, AssignmentRow[]>();
  for (const a of assignments) assignmentsOf.set(a.employeeId, [...(assignmentsOf.get(a.employeeId) ?? []), a]);
  const contractsOf = new Map<string, ContractRow[]>();
  for (const c of contracts) contractsOf.set(c.employeeId, [...(contractsOf.get(c.employeeId) ?? []), c]);
  return { compiled, assignmentsOf, contractsOf, unpaidTypes: leaveTypes.filter((t) => !t.paid) };
}

/**
 * One employee's unpaid leave entries (TAKEN, CANCELLED) dated in the period. `withLedger`: the
 * unpaid types whose balance item exists for the employee (no balance item, no entry ever: the
 * ledger is not read).
 */
async function unpaidLeaveOf(store: RunStore, tenantId: string, employeeId: string, period: PayPeriod, withLedger: LeaveTypeRow[]): Promise<UnpaidLeaveEntry[]> {
  const ledgers = await Promise.all(withLedger.map((type) => {
    const prefix = ledgerPrefix(employeeId, type.id);
    return tenantItems<LedgerEntryRow>(store.dynamodb, store.leaveTable, tenantId, { from: `${prefix}${period.start}`, to: `${prefix}${period.end}#~` });
  }));
  return ledgers.flat()
    .filter((e) => e.kind === 'TAKEN' || e.kind === 'CANCELLED')
    .map((e) => ({ date: e.date, amount: e.amount, unit: e.unit }));
}

/** The period's days, first to last. */
function periodDays(period: PayPeriod): string[] {
  const days: string[] = [];
  for (let day = period.start; day <= period.end; day = addDays(day, 1)) days.push(day);
  return days;
}

export async function calculateRun(input: CalculateRunInput): Promise<CalculateRunResult> {
  const { store, tenantId, runId, calculation } = input;
  const superseded: CalculateRunResult = { outcome: 'superseded', employees: 0, errors: 0, removed: 0 };
  const run = await readRun(store, tenantId, runId);
  if (!run || run.status !== 'CALCULATING' || run.calculation !== calculation) return superseded;
  const settings = await requireSettings(store, tenantId);
  const rules: PayrollRules = { currency: settings.currency, decimals: settings.decimals, rounding: settings.rounding };
  const period = monthlyPeriod(run.period)!;
  const pacer = input.pacer ?? tokenBucket(input.writesPerSecond ?? DEFAULT_WRITES_PER_SECOND);
  const { compiled, assignmentsOf, contractsOf, unpaidTypes } = await runInputs(store, tenantId, settings.decimals);
  const employees = [...contractsOf.keys()].filter((id) => inScope(contractsOf.get(id)!, period)).sort();
  const check = runCheck(store, tenantId, runId, calculation);
  const days = periodDays(period);
  const totals = { gross: 0n, deductions: 0n, net: 0n };
  let errors = 0;
  try {
    for (let i = 0; i < employees.length; i += BATCH) {
      const batch = employees.slice(i, i + BATCH);
      // Which employees have ever had unpaid leave of each type: their balance items, 100 a read.
      const balances = unpaidTypes.length === 0 ? new Map<string, unknown>() : await batchGet<unknown>({ dynamodb: store.dynamodb, leaveTable: store.leaveTable }, tenantId, batch.flatMap((e) => unpaidTypes.map((t) => balanceKey(e, t.id))));
      // The batch's attendance records of the period by key (ATT#<employee>#<date>), 100 keys a read.
      const records = await batchGet<DailyRecordRow>({ dynamodb: store.dynamodb, leaveTable: store.attendanceTable }, tenantId, batch.flatMap((e) => days.map((d) => recordItemKey(e, d))));
      const rows = await inPool(batch, input.readConcurrency ?? 16, async (employeeId) => {
        const contracts = contractsOf.get(employeeId)!;
        const day = lastPayableDay(contracts, period);
        const assignment = (assignmentsOf.get(employeeId) ?? []).filter((a) => a.effectiveFrom <= day).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).at(-1);
        const structure = assignment ? (compiled.get(assignment.structureId) ?? { problem: `structure ${assignment.structureId} no longer exists` }) : null;
        const unpaidLeave = await unpaidLeaveOf(store, tenantId, employeeId, period, unpaidTypes.filter((t) => balances.has(balanceKey(employeeId, t.id))));
        const attendance: AttendanceDayInput[] = days.flatMap((d) => {
          const r = records.get(recordItemKey(employeeId, d));
          return r ? [{ date: r.date, workedMinutes: r.workedMinutes, overtime: r.overtime.map((o) => ({ minutes: o.minutes, multiplier: o.multiplier })) }] : [];
        });
        const slip = calculatePayslip({ employeeId, contracts, structure, unpaidLeave, attendance }, period, rules);
        const row: PayslipRow = {
          TenantId: tenantKey(tenantId), EntityItem: payslipKey(runId, employeeId), runId, employeeId,
          period: period.label, periodStart: period.start, periodEnd: period.end, currency: rules.currency, structureId: slip.structureId,
          lines: slip.lines.map((l) => ({ code: l.code, name: l.name, kind: l.kind, amount: formatMinor(l.minor, rules.decimals) })),
          gross: formatMinor(slip.gross, rules.decimals), deductions: formatMinor(slip.deductions, rules.decimals), net: formatMinor(slip.net, rules.decimals),
          trace: slip.trace, error: slip.error, calculation, calculatedAt: input.now,
        };
        if (slip.error) errors += 1;
        totals.gross += slip.gross;
        totals.deductions += slip.deductions;
        totals.net += slip.net;
        return row;
      });
      const chunks: PayslipRow[][] = [];
      for (let j = 0; j < rows.length; j += PER_TRANSACTION) chunks.push(rows.slice(j, j + PER_TRANSACTION));
      await inPool(chunks, 4, async (chunk) => {
        await pacer.take(chunk.length * 2);
        await writeChecked(store.dynamodb, check, chunk.map((row) => ({ Put: { TableName: store.payrollTable, Item: marshall(row, { removeUndefinedValues: true }) } })));
      });
      await input.progress?.(Math.min(i + BATCH, employees.length), employees.length);
    }
    const removed = await removeStale(store, tenantId, runId, calculation, check, pacer);
    const finished: Partial<RunRow> = {
      status: 'CALCULATED', payslips: employees.length, payslipErrors: errors,
      totals: { currency: rules.currency, gross: formatMinor(totals.gross, rules.decimals), deductions: formatMinor(totals.deductions, rules.decimals), net: formatMinor(totals.net, rules.decimals) },
      updatedAt: input.now,
    };
    await finishRun(store, tenantId, runId, calculation, finished, input.now);
    input.log?.info('pay run calculated', { runId, calculation, employees: employees.length, errors, removed });
    return { outcome: 'calculated', employees: employees.length, errors, removed };
  } catch (error) {
    if (error instanceof Superseded) {
      input.log?.info('pay run calculation superseded', { runId, calculation });
      return superseded;
    }
    throw error;
  }
}

async function finishRun(store: PayrollStore, tenantId: string, runId: string, calculation: number, finished: Partial<RunRow>, now: string): Promise<void> {
  try {
    await store.dynamodb.send(new UpdateItemCommand({
      TableName: store.payrollTable,
      Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: payRunKey(runId) }),
      UpdateExpression: 'SET #s = :s, payslips = :p, payslipErrors = :e, totals = :t, updatedAt = :u, version = version + :one',
      ConditionExpression: '#s = :calculating AND calculation = :c',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: marshall({ ':s': finished.status, ':p': finished.payslips, ':e': finished.payslipErrors, ':t': finished.totals, ':u': now, ':one': 1, ':calculating': 'CALCULATING', ':c': calculation }),
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new Superseded();
    throw error;
  }
}

/** Deletes the run's payslips left from earlier calculations (employees no longer in scope). */
async function removeStale(store: PayrollStore, tenantId: string, runId: string, calculation: number, check: TransactWriteItem, pacer: Pacer): Promise<number> {
  const items = await queryAll(store.dynamodb, {
    TableName: store.payrollTable,
    KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
    FilterExpression: 'calculation < :c',
    ProjectionExpression: 'EntityItem',
    ExpressionAttributeValues: marshall({ ':t': tenantKey(tenantId), ':p': runPayslipsPrefix(runId), ':c': calculation }),
  });
  for (let i = 0; i < items.length; i += PER_TRANSACTION) {
    const chunk = items.slice(i, i + PER_TRANSACTION);
    await pacer.take(chunk.length * 2);
    await writeChecked(store.dynamodb, check, chunk.map((item) => ({
      Delete: { TableName: store.payrollTable, Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: item.EntityItem! }, ConditionExpression: 'calculation < :c', ExpressionAttributeValues: marshall({ ':c': calculation }) },
    })));
  }
  return items.length;
}
