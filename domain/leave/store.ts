/**
 * The leave module's writes and reads outside the runner: leave types and policies (optimistic
 * versions, conditional writes), manual adjustments, balances as of a day and projected.
 */
import { ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { tenantItems } from '../dynamo-query.ts';
import { employeeContractsPrefix } from '../employment/model/keys.ts';
import type { ContractRow } from '../employment/model/contracts.ts';
import type { AdjustLeaveBalanceInput, LeaveBalance, LeavePolicyInput, LeaveTypeInput } from '../generated/graphql.ts';
import { addDays, calendarDateOf } from '../model/dates.ts';
import { isValidEntityId, tenantKey } from '../model/keys.ts';
import { departmentItemKey } from '../organisation/model/keys.ts';
import { accrualSlots, EmployeeYear } from './accrual.ts';
import {
  leavePolicyFields,
  leavePolicyProblems,
  leaveTypeFields,
  leaveTypeProblems,
  newLeavePolicyRow,
  newLeaveTypeRow,
  type LeavePolicyRow,
  type LeaveTypeRow,
} from './definitions.ts';
import { entriesFrom, post, readBalances, type LedgerEntryRow, type LedgerStore } from './ledger.ts';
import { LEAVE_PREFIXES, ledgerEntryKey, ledgerPrefix, leavePolicyKey, leaveTypeKey } from './model/keys.ts';
import { formatAmount, parseAmount } from './quantity.ts';

export interface LeaveStore extends LedgerStore {
  employmentTable: string;
  /** PIM, where the departments an approval chain names are checked (absent: not checked). */
  pimTable?: string;
}

/** Problems of a chain's departments: each DEPARTMENT_HEAD step must name a department of the tenant. */
async function chainDepartmentProblems(store: LeaveStore, tenantId: string, input: LeaveTypeInput, prefix: string): Promise<{ field: string; message: string }[]> {
  const pimTable = store.pimTable;
  if (!pimTable) return [];
  const steps = (input.approvalChain ?? []).map((step, i) => ({ step, i })).filter(({ step }) => step.kind === 'DEPARTMENT_HEAD' && isValidEntityId(step.departmentId));
  const found = await Promise.all(steps.map(({ step }) => store.dynamodb.send(new GetItemCommand({
    TableName: pimTable, Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: departmentItemKey(step.departmentId!) }), ProjectionExpression: 'EntityItem',
  }))));
  return steps.filter((_, n) => !found[n]!.Item).map(({ i }) => ({ field: `${prefix}approvalChain.${i}.departmentId`, message: 'names no department of this tenant' }));
}

export interface Occasion {
  tenantId: string;
  /** The tenant's today. */
  today: string;
  now: string;
  requestedBy: string;
}

const invalid = (message: string, fields: { field: string; message: string }[]) => new DomainError('VALIDATION_ERROR', message, fields);

async function getRow<T>(store: LeaveStore, tenantId: string, key: string): Promise<T | null> {
  const found = await store.dynamodb.send(new GetItemCommand({ TableName: store.leaveTable, Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: key }), ConsistentRead: true }));
  return found.Item ? (unmarshall(found.Item) as T) : null;
}

export function readLeaveType(store: LeaveStore, tenantId: string, typeId: string): Promise<LeaveTypeRow | null> {
  return getRow<LeaveTypeRow>(store, tenantId, leaveTypeKey(typeId));
}

export async function listLeaveTypes(store: LeaveStore, tenantId: string): Promise<LeaveTypeRow[]> {
  const rows = await tenantItems<LeaveTypeRow>(store.dynamodb, store.leaveTable, tenantId, LEAVE_PREFIXES.type);
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export async function listLeavePolicies(store: LeaveStore, tenantId: string): Promise<LeavePolicyRow[]> {
  const rows = await tenantItems<LeavePolicyRow>(store.dynamodb, store.leaveTable, tenantId, LEAVE_PREFIXES.policy);
  return rows.sort((a, b) => a.leaveTypeId.localeCompare(b.leaveTypeId) || a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id.localeCompare(b.id));
}

/** Writes a row: new (must not exist) or replacing `expectedVersion`. CONFLICT otherwise. */
async function putRow(store: LeaveStore, row: { EntityItem: string; version: number }, what: string): Promise<void> {
  const expected = row.version - 1;
  try {
    await store.dynamodb.send(new PutItemCommand({
      TableName: store.leaveTable,
      Item: marshall(row, { removeUndefinedValues: true }),
      ...(expected === 0
        ? { ConditionExpression: 'attribute_not_exists(EntityItem)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: marshall({ ':expected': expected }) }),
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new DomainError('CONFLICT', `The ${what} changed since you read it (or already exists). Read it again and retry.`);
    throw error;
  }
}

export async function createLeaveType(store: LeaveStore, occasion: Occasion, id: string, input: LeaveTypeInput): Promise<LeaveTypeRow> {
  const problems = leaveTypeProblems(input, 'input.');
  if (problems.length === 0) problems.push(...(await chainDepartmentProblems(store, occasion.tenantId, input, 'input.')));
  if (problems.length > 0) throw invalid('The leave type is invalid; see errorInfo for each field.', problems);
  const row = newLeaveTypeRow(tenantKey(occasion.tenantId), id, input, occasion.now);
  await putRow(store, row, 'leave type');
  return row;
}

export async function updateLeaveType(store: LeaveStore, occasion: Occasion, id: string, expectedVersion: number, input: LeaveTypeInput): Promise<LeaveTypeRow> {
  const current = await readLeaveType(store, occasion.tenantId, id);
  if (!current) throw new DomainError('NOT_FOUND', `No leave type ${id} in this tenant.`);
  if (current.version !== expectedVersion) throw new DomainError('CONFLICT', `The leave type is at version ${current.version}, not ${expectedVersion}. Read it again and retry.`);
  const problems = leaveTypeProblems(input, 'input.type.');
  if (problems.length === 0) problems.push(...(await chainDepartmentProblems(store, occasion.tenantId, input, 'input.type.')));
  if (input.unit !== current.unit && (await policiesOf(store, occasion.tenantId, id)).length > 0) {
    problems.push({ field: 'input.type.unit', message: `cannot change from ${current.unit} while policies use the type: their amounts are in ${current.unit}` });
  }
  if (problems.length > 0) throw invalid('The leave type is invalid; see errorInfo for each field.', problems);
  const row: LeaveTypeRow = { ...current, ...leaveTypeFields(input), version: current.version + 1, updatedAt: occasion.now };
  await putRow(store, row, 'leave type');
  return row;
}

async function policiesOf(store: LeaveStore, tenantId: string, typeId: string): Promise<LeavePolicyRow[]> {
  return (await listLeavePolicies(store, tenantId)).filter((p) => p.leaveTypeId === typeId);
}

export async function deleteLeaveType(store: LeaveStore, occasion: Occasion, id: string, expectedVersion: number): Promise<LeaveTypeRow> {
  const current = await readLeaveType(store, occasion.tenantId, id);
  if (!current) throw new DomainError('NOT_FOUND', `No leave type ${id} in this tenant.`);
  const users = await policiesOf(store, occasion.tenantId, id);
  if (users.length > 0) throw new DomainError('CONFLICT', `Policies use this leave type (${users.map((p) => p.id).join(', ')}); delete them first.`);
  await deleteRow(store, occasion.tenantId, current.EntityItem, expectedVersion, 'leave type');
  return current;
}

async function deleteRow(store: LeaveStore, tenantId: string, key: string, expectedVersion: number, what: string): Promise<void> {
  try {
    await store.dynamodb.send(new DeleteItemCommand({
      TableName: store.leaveTable,
      Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: key }),
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: marshall({ ':expected': expectedVersion }),
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new DomainError('CONFLICT', `The ${what} changed since you read it. Read it again and retry.`);
    throw error;
  }
}

async function checkedPolicy(store: LeaveStore, tenantId: string, input: LeavePolicyInput, prefix: string): Promise<LeaveTypeRow> {
  if (!isValidEntityId(input.leaveTypeId)) throw invalid('The policy names no leave type.', [{ field: `${prefix}leaveTypeId`, message: 'must be a leave type\'s id (1-64 letters, digits, "-" or "_")' }]);
  const type = await readLeaveType(store, tenantId, input.leaveTypeId);
  if (!type) throw invalid('The policy names no leave type of this tenant.', [{ field: `${prefix}leaveTypeId`, message: 'names no leave type of this tenant' }]);
  const problems = leavePolicyProblems(input, type.unit, prefix);
  if (problems.length > 0) throw invalid('The leave policy is invalid; see errorInfo for each field.', problems);
  return type;
}

export async function createLeavePolicy(store: LeaveStore, occasion: Occasion, id: string, input: LeavePolicyInput): Promise<LeavePolicyRow> {
  const type = await checkedPolicy(store, occasion.tenantId, input, 'input.');
  const row = newLeavePolicyRow(tenantKey(occasion.tenantId), id, input, type.unit, occasion.now);
  await putRow(store, row, 'leave policy');
  return row;
}

export async function updateLeavePolicy(store: LeaveStore, occasion: Occasion, id: string, expectedVersion: number, input: LeavePolicyInput): Promise<LeavePolicyRow> {
  const current = await getRow<LeavePolicyRow>(store, occasion.tenantId, leavePolicyKey(id));
  if (!current) throw new DomainError('NOT_FOUND', `No leave policy ${id} in this tenant.`);
  if (current.version !== expectedVersion) throw new DomainError('CONFLICT', `The leave policy is at version ${current.version}, not ${expectedVersion}. Read it again and retry.`);
  const type = await checkedPolicy(store, occasion.tenantId, input, 'input.policy.');
  const row: LeavePolicyRow = { ...current, ...leavePolicyFields(input, type.unit), version: current.version + 1, updatedAt: occasion.now };
  await putRow(store, row, 'leave policy');
  return row;
}

export async function deleteLeavePolicy(store: LeaveStore, occasion: Occasion, id: string, expectedVersion: number): Promise<LeavePolicyRow> {
  const current = await getRow<LeavePolicyRow>(store, occasion.tenantId, leavePolicyKey(id));
  if (!current) throw new DomainError('NOT_FOUND', `No leave policy ${id} in this tenant.`);
  await deleteRow(store, occasion.tenantId, current.EntityItem, expectedVersion, 'leave policy');
  return current;
}

/** HR's manual adjustment: an ADJUSTMENT entry with its reason and author; a retry with the same adjustmentId is a no-op. */
export async function adjustBalance(store: LeaveStore, occasion: Occasion, adjustmentId: string, input: AdjustLeaveBalanceInput, employeeExists: boolean): Promise<LedgerEntryRow> {
  if (!employeeExists) throw new DomainError('NOT_FOUND', `No employee ${input.employeeId} in this tenant.`);
  const type = await readLeaveType(store, occasion.tenantId, input.leaveTypeId);
  if (!type) throw new DomainError('NOT_FOUND', `No leave type ${input.leaveTypeId} in this tenant.`);
  const problems: { field: string; message: string }[] = [];
  const amount = parseAmount(input.amount, type.unit, { allowNegative: true });
  if (amount === null || amount === 0) problems.push({ field: 'input.amount', message: `must be a signed decimal other than 0, in ${type.unit.toLowerCase().replace('_', ' ')}, a whole number of ${type.unit === 'HOURS' ? 'minutes' : 'thousandths of a day'}` });
  else if (type.unit === 'HALF_DAYS' && amount % 500 !== 0) problems.push({ field: 'input.amount', message: 'must be a whole number of half days' });
  const date = input.date === null || input.date === undefined ? occasion.today : calendarDateOf(input.date);
  if (!date) problems.push({ field: 'input.date', message: 'must be a real date (YYYY-MM-DD)' });
  const reason = (input.reason ?? '').trim();
  if (reason.length < 1 || reason.length > 500) problems.push({ field: 'input.reason', message: 'must be 1 to 500 characters: say why' });
  if (problems.length > 0 || amount === null || !date) throw invalid('The adjustment is invalid; see errorInfo for each field.', problems);
  const posting = {
    tenantId: occasion.tenantId, employeeId: input.employeeId, leaveTypeId: type.id, unit: type.unit,
    kind: 'ADJUSTMENT' as const, amount, date, source: `ADJ-${adjustmentId}`, reason, postedBy: occasion.requestedBy, postedAt: occasion.now,
  };
  const outcome = await post(store, posting);
  const stored = await getRow<LedgerEntryRow>(store, occasion.tenantId, ledgerEntryKey(input.employeeId, type.id, date, posting.source));
  if (outcome === 'refused' || !stored) throw new DomainError('CONFLICT', 'The adjustment could not be posted. Read the balance again and retry.');
  if (outcome === 'duplicate' && (stored.amount !== amount || stored.reason !== reason)) {
    throw new DomainError('CONFLICT', `Adjustment ${adjustmentId} was posted already with other values; use a new adjustmentId.`);
  }
  return stored;
}

export function readContracts(store: LeaveStore, tenantId: string, employeeId: string): Promise<ContractRow[]> {
  return tenantItems<ContractRow>(store.dynamodb, store.employmentTable, tenantId, employeeContractsPrefix(employeeId), { consistent: true });
}

type BalanceView = Omit<LeaveBalance, '__typename'>;

/**
 * An employee's balances as of `asOf`: posted entries up to that day. A day after today adds the
 * accruals the runner has not posted yet for the months from this one up to it (computed, not
 * posted: year-end cuts and expiries are not projected).
 */
export async function balancesOf(store: LeaveStore, tenantId: string, employeeId: string, asOf: string, today: string): Promise<{ rows: BalanceView[]; itemsRead: number }> {
  const [types, balances] = await Promise.all([listLeaveTypes(store, tenantId), readBalances(store, tenantId, employeeId)]);
  let itemsRead = balances.length;
  const projected = asOf > today;
  const policies = projected ? await listLeavePolicies(store, tenantId) : [];
  const contracts = projected ? await readContracts(store, tenantId, employeeId) : [];
  const rows = await Promise.all(types.map(async (type) => {
    const balance = balances.find((b) => b.leaveTypeId === type.id);
    const later = balance ? await entriesFrom(store, tenantId, employeeId, type.id, addDays(asOf, 1)) : [];
    itemsRead += later.length;
    let amount = (balance?.total ?? 0) - later.reduce((s, e) => s + e.amount, 0);
    if (projected) amount += await futureAccruals(store, tenantId, employeeId, type.id, contracts, policies.filter((p) => p.leaveTypeId === type.id), today, asOf);
    return { employeeId, leaveTypeId: type.id, unit: type.unit, amount, asOf, projected };
  }));
  return { rows: rows.map((r) => ({ ...r, amount: formatAmount(r.amount, r.unit) })), itemsRead };
}


/** Accruals of the months from today's up to `asOf` that no slot has posted yet. */
async function futureAccruals(store: LeaveStore, tenantId: string, employeeId: string, typeId: string, contracts: ContractRow[], policies: LeavePolicyRow[], today: string, asOf: string): Promise<number> {
  if (policies.length === 0) return 0;
  const employee = new EmployeeYear(contracts, policies);
  const posted = new Set((await entriesFrom(store, tenantId, employeeId, typeId, today.slice(0, 7) + '-01')).map((e) => e.source));
  let total = 0;
  for (let month = today.slice(0, 7); month <= asOf.slice(0, 7); month = nextMonth(month)) {
    for (const slot of accrualSlots(employee, month)) if (slot.date <= asOf && slot.date >= today.slice(0, 7) + '-01' && !posted.has(slot.name)) total += slot.amount;
  }
  return total;
}

function nextMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** A page of an employee's ledger of one type, newest first. */
export async function ledgerPage(store: LeaveStore, tenantId: string, employeeId: string, typeId: string, limit: number, nextToken: string | null): Promise<{ items: LedgerEntryRow[]; nextToken: string | null }> {
  const prefix = ledgerPrefix(employeeId, typeId);
  let start: Record<string, unknown> | undefined;
  if (nextToken) {
    let key: string | null = null;
    try {
      key = Buffer.from(nextToken, 'base64url').toString('utf8');
    } catch {
      key = null;
    }
    if (!key || !key.startsWith(prefix)) throw new DomainError('INVALID_PAGINATION_TOKEN', 'The nextToken is malformed or belongs to another query; start again without it.');
    start = { TenantId: tenantKey(tenantId), EntityItem: key };
  }
  const page = await store.dynamodb.send(new QueryCommand({
    TableName: store.leaveTable,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
    ExpressionAttributeValues: marshall({ ':tenant': tenantKey(tenantId), ':prefix': prefix }),
    ScanIndexForward: false,
    Limit: limit,
    ConsistentRead: true,
    ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
  }));
  const items = (page.Items ?? []).map((i) => unmarshall(i) as LedgerEntryRow);
  const last = page.LastEvaluatedKey ? (unmarshall(page.LastEvaluatedKey) as { EntityItem: string }).EntityItem : null;
  return { items, nextToken: last ? Buffer.from(last, 'utf8').toString('base64url') : null };
}

