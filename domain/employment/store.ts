/**
 * Employment writes (Node): hiring, new contracts, amendments, terminations and withdrawals, and
 * keeping each employee's record in step with their contracts. Every function takes the tenant's
 * own clients (an STS session tagged with the tenant), so IAM confines it to `TENANT#<id>` keys.
 *
 * One rule decides what an employee's record says: {@link syncEmployee} derives the employment
 * summary and the place in the management line from the contracts for a date and writes the
 * difference, if any. The API calls it after each contract change, the daily runner for each
 * contract event of the day; running it twice changes nothing the second time.
 */
import {
  BatchGetItemCommand,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { employeeDocumentsPrefix } from '../documents/model/keys.ts';
import { assignmentWritesForAll, type NamedChange, type OrgAssignment } from '../organisation/assignments.ts';
import { ORGANISATION_PREFIXES } from '../organisation/model/keys.ts';
import type { DocumentRow } from '../documents/model/documents.ts';
import { DomainError } from '../domain-error.ts';
import { queryAll } from '../dynamo-query.ts';
import type { AmendContractInput, CreateEmployeeInput, NewContractInput, TerminateContractInput } from '../generated/graphql.ts';
import { calendarDateOf } from '../model/dates.ts';
import type { ErrorType, FieldProblem } from '../model/errors.ts';
import { tenantKey } from '../model/keys.ts';
import {
  employeeIdFromKey,
  newEmployeeRow,
  normaliseNewEmployee,
  validateEmployee,
  withIndexKeys,
  type EmployeeRow,
} from '../people/model/employee.ts';
import { historyEntry, historyItem, type EmployeeHistoryRow } from '../people/model/history.ts';
import {
  EMPLOYEES_BY_REPORTS,
  employeeEmailKey,
  employeeHistoryPrefix,
  employeeItemKey,
  employeeNumberKey,
  managementLine,
  reportsPathUnder,
  reportsPrefix,
  TOP_OF_ORGANISATION,
} from '../people/model/keys.ts';
import {
  amendedTerms,
  amendmentProblems,
  calendarChanges,
  calendarEntryKey,
  contractStatusOn,
  employmentOn,
  latestVersion,
  newContractProblems,
  newContractRow,
  overlapProblems,
  termsProblems,
  terminationProblems,
  type CalendarEntry,
  type ContractRow,
  type EmploymentRecord,
} from './model/contracts.ts';
import { contractItemKey, employeeContractsPrefix } from './model/keys.ts';
import { patternItemKey } from '../schedules/model/keys.ts';
import type { PatternRow } from '../schedules/model/rows.ts';
import { inPool } from '../pool.ts';

/** How many managers may stand above anyone: bounds every walk up the line and keeps index keys short. */
export const MAX_MANAGEMENT_DEPTH = 20;
/** Descendants updated at once when a move re-paths a whole subtree. */
const RECHAIN_CONCURRENCY = 8;

/** Where and with what the employment module reads and writes. */
export interface EmploymentStore {
  /** The tenant's own DynamoDB client. */
  dynamodb: DynamoDBClient;
  /** The tenant's own S3 client (withdrawing a hire removes their files). */
  s3?: S3Client;
  documentsBucket?: string;
  pimTable: string;
  employmentTable: string;
  /** Where the work patterns a contract's workScheduleId names are (needed to write contracts that name one). */
  workScheduleTable?: string;
  /**
   * Disables a leaver's sign-in (with the caller's own Cognito rights: a tenant session has none).
   * Called when a record turns TERMINATED; without it, sign-ins stay as they are.
   */
  disableSignIn?: (userId: string) => Promise<void>;
}

/** Who does what, when: the tenant's "today" decides which contract terms are in force. */
export interface Occasion {
  tenantId: string;
  /** The tenant's current date (YYYY-MM-DD) in its time zone. */
  today: string;
  /** ISO instant for createdAt/updatedAt. */
  now: string;
  /** User id (Cognito sub) of whoever asked; `system` for the runner. */
  requestedBy: string;
}

function refused(problems: FieldProblem[]): DomainError {
  return new DomainError('VALIDATION_ERROR', `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
}

function key(tenantId: string, entityItem: string): Record<string, AttributeValue> {
  return { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: entityItem } };
}

export async function readEmployee(store: EmploymentStore, tenantId: string, employeeId: string): Promise<EmployeeRow | null> {
  const found = await store.dynamodb.send(new GetItemCommand({ TableName: store.pimTable, Key: key(tenantId, employeeItemKey(employeeId)), ConsistentRead: true }));
  return found.Item ? (unmarshall(found.Item) as EmployeeRow) : null;
}

/** The employee's contracts (any order). */
export async function readContracts(store: EmploymentStore, tenantId: string, employeeId: string): Promise<ContractRow[]> {
  const items = await queryAll(store.dynamodb, {
    TableName: store.employmentTable,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: employeeContractsPrefix(employeeId) } },
    ConsistentRead: true,
  });
  return items.map((item) => unmarshall(item) as ContractRow);
}

/** One write of a transaction and what to tell the caller when its condition fails. */
interface GuardedWrite {
  item: TransactWriteItem;
  /** `field`: the input field at fault, reported in errorInfo.fields. */
  onConditionFailed: { type: ErrorType; message: string; field?: string };
}

/** A transaction refused by the condition of its write at `index`: the typed error that write names. */
class WriteRefused extends DomainError {
  constructor(readonly index: number, outcome: GuardedWrite['onConditionFailed']) {
    super(outcome.type, outcome.message, outcome.field ? [{ field: outcome.field, message: outcome.message }] : []);
    this.name = 'WriteRefused';
  }
}

/** Attempts of a transaction that meets another one on the same item (a department's counters, say). */
const CONFLICT_ATTEMPTS = 6;

/**
 * Sends one transaction. A failed condition becomes the typed error of its write; a conflict with
 * a concurrent transaction on the same item (DynamoDB's TransactionConflict) is retried with
 * backoff, since counters several writers share make those normal.
 */
async function transact(store: EmploymentStore, writes: GuardedWrite[]): Promise<void> {
  if (writes.length > 100) throw new Error(`A transaction of ${writes.length} writes exceeds DynamoDB's 100.`);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await store.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: writes.map((w) => w.item) }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      const outcome = failed >= 0 ? writes[failed]?.onConditionFailed : undefined;
      if (outcome) throw new WriteRefused(failed, outcome);
      if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < CONFLICT_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 10));
        continue;
      }
      throw error;
    }
  }
}

/** What an employee record counts in the organisation: its references, and its headcount while ACTIVE or ON_LEAVE. */
function employeeAssignment(employment: EmploymentRecord | null | undefined): OrgAssignment | null {
  if (!employment) return null;
  return {
    departmentId: employment.departmentId,
    locationId: employment.locationId,
    positionId: employment.positionId,
    costCentreId: employment.costCentreId,
    countsInHeadcount: employment.status === 'ACTIVE' || employment.status === 'ON_LEAVE',
  };
}

/**
 * What a contract counts: the references of its latest terms (so nothing a future amendment names
 * can be deleted before it takes effect); never headcount, which is its employee's.
 */
function contractAssignment(contract: ContractRow | null): OrgAssignment | null {
  if (!contract) return null;
  const { terms } = latestVersion(contract);
  return { departmentId: terms.departmentId, locationId: terms.locationId, positionId: terms.positionId, costCentreId: terms.costCentreId, countsInHeadcount: false };
}

/**
 * The organisation's writes for records changing together (domain/organisation/assignments.ts):
 * references checked and counted, headcounts moved, as items of the caller's transaction.
 */
async function organisationWrites(store: EmploymentStore, tenantId: string, changes: NamedChange[], allowArchived = false): Promise<GuardedWrite[]> {
  const relevant = changes.filter(({ change }) => change.before !== null || change.after !== null);
  if (relevant.length === 0) return [];
  const org = await assignmentWritesForAll({ dynamodb: store.dynamodb, tableName: store.pimTable }, tenantId, relevant, { allowArchived });
  return org.items.map((item, i) => ({ item, onConditionFailed: org.outcomes[i]! }));
}

const CHANGED = (what: string) => ({ type: 'CONFLICT' as const, message: `The ${what} changed since you read it; read it again and retry.` });

function putNew(table: string, row: Record<string, unknown>, exists: { type: ErrorType; message: string }): GuardedWrite {
  return {
    item: { Put: { TableName: table, Item: marshall(row, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
    onConditionFailed: exists,
  };
}

function putAtVersion(table: string, row: { version: number } & Record<string, unknown>, expectedVersion: number, what: string): GuardedWrite {
  return {
    item: {
      Put: {
        TableName: table,
        Item: marshall(row, { removeUndefinedValues: true }),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
      },
    },
    onConditionFailed: CHANGED(what),
  };
}

/** A history entry of an employee row's version (people's model decides what it says), for the transaction that writes that version. */
function historyPut(table: string, entry: EmployeeHistoryRow): GuardedWrite {
  return { item: { Put: { TableName: table, Item: marshall(entry, { removeUndefinedValues: true }) } }, onConditionFailed: CHANGED('employee') };
}

/** The entry of a change contracts made to a record: the fields that differ between `before` and `after`. */
function historyWrite(table: string, before: EmployeeRow, after: EmployeeRow, requestedBy: string): GuardedWrite {
  return historyPut(table, historyEntry(before, after, 'EMPLOYMENT_CHANGED', requestedBy));
}

function guard(table: string, tenantId: string, entityItem: string, employeeId: string, what: string): GuardedWrite {
  return putNew(table, { TenantId: tenantKey(tenantId), EntityItem: entityItem, employeeId }, { type: 'CONFLICT', message: `Another employee of this tenant already has this ${what}.` });
}

/** The manager stays as read (same version, so the same place in the line) until the write commits. */
function managerUnchanged(table: string, manager: EmployeeRow): GuardedWrite {
  return {
    item: {
      ConditionCheck: {
        TableName: table,
        Key: { TenantId: { S: manager.TenantId }, EntityItem: { S: manager.EntityItem } },
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': { N: String(manager.version) } },
      },
    },
    onConditionFailed: { type: 'CONFLICT', message: 'The manager\'s record changed meanwhile; retry.' },
  };
}

/**
 * The work pattern a contract's terms newly name (`workScheduleId`): it must be a pattern of the
 * tenant that is not archived. Checked when read (VALIDATION_ERROR on `field`) and again by a
 * condition of the contract's own transaction, so an archive in between cannot slip through.
 * Nothing to check when the terms name none, or the same one as before.
 */
async function workScheduleChecks(store: EmploymentStore, tenantId: string, workScheduleId: string | null | undefined, before: string | null | undefined, field: string): Promise<GuardedWrite[]> {
  if (!workScheduleId || workScheduleId === before) return [];
  if (!store.workScheduleTable) throw new Error('Contracts naming a work pattern need the WorkSchedule table (EmploymentStore.workScheduleTable).');
  const found = await store.dynamodb.send(new GetItemCommand({ TableName: store.workScheduleTable, Key: key(tenantId, patternItemKey(workScheduleId)), ConsistentRead: true }));
  const pattern = found.Item ? (unmarshall(found.Item) as PatternRow) : null;
  if (!pattern) throw refused([{ field, message: `no work pattern ${workScheduleId} in this tenant (workPatterns lists them)` }]);
  if (pattern.archived) throw refused([{ field, message: `work pattern ${workScheduleId} is archived: choose a current one` }]);
  return [{
    item: {
      ConditionCheck: {
        TableName: store.workScheduleTable,
        Key: key(tenantId, patternItemKey(workScheduleId)),
        ConditionExpression: 'attribute_exists(EntityItem) AND #archived = :false',
        ExpressionAttributeNames: { '#archived': 'archived' },
        ExpressionAttributeValues: { ':false': { BOOL: false } },
      },
    },
    onConditionFailed: { type: 'VALIDATION_ERROR', message: `Work pattern ${workScheduleId} was archived or removed meanwhile; choose a current one.`, field },
  }];
}

function calendarWrites(store: EmploymentStore, tenantId: string, before: ContractRow | null, after: ContractRow): GuardedWrite[] {
  const { put, remove } = calendarChanges(before, after);
  const itemOf = (entry: CalendarEntry) => ({
    TenantId: tenantKey(tenantId),
    EntityItem: calendarEntryKey(after, entry),
    employeeId: after.employeeId,
    contractId: after.id,
    date: entry.date,
    kind: entry.kind,
    versionId: entry.versionId,
  });
  return [
    ...put.map((entry) => ({
      item: { Put: { TableName: store.employmentTable, Item: marshall(itemOf(entry), { removeUndefinedValues: true }) } },
      onConditionFailed: CHANGED('contract'),
    })),
    ...remove.map((entry) => ({
      item: { Delete: { TableName: store.employmentTable, Key: key(tenantId, calendarEntryKey(after, entry)) } },
      onConditionFailed: CHANGED('contract'),
    })),
  ];
}

/** Where an employee sits under a manager, and the manager as read (null without one). */
interface Placement {
  reportsPath: string;
  manager: EmployeeRow | null;
}

/**
 * The employee's place under `managerId`: the manager must be another employee of the tenant who
 * has not left, and must not stand below the employee (no cycles); the line stays at most
 * {@link MAX_MANAGEMENT_DEPTH} deep. Problems are reported on `field`.
 */
async function placeUnder(store: EmploymentStore, tenantId: string, employeeId: string, managerId: string | null, field: string): Promise<Placement> {
  if (!managerId) return { reportsPath: TOP_OF_ORGANISATION, manager: null };
  if (managerId === employeeId) throw refused([{ field, message: 'an employee cannot be their own manager' }]);
  const manager = await readEmployee(store, tenantId, managerId);
  if (!manager) throw refused([{ field, message: `no employee ${managerId} in this tenant` }]);
  if (manager.employment.status === 'TERMINATED') throw refused([{ field, message: `${managerId} has left; choose a current employee` }]);
  const line = managementLine(manager.ReportsPath);
  if (line.indexOf(employeeId) >= 0) throw refused([{ field, message: `${managerId} reports to this employee (directly or not): that would make a cycle` }]);
  if (line.length + 1 > MAX_MANAGEMENT_DEPTH) throw refused([{ field, message: `would put the employee more than ${MAX_MANAGEMENT_DEPTH} levels down the management line` }]);
  return { reportsPath: reportsPathUnder(manager.ReportsPath, managerId), manager };
}

function sameEmployment(a: EmploymentRecord, b: EmploymentRecord): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

function isoDate(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : calendarDateOf(value);
}

/**
 * Hires: the employee, their uniqueness guards, their first contract and its calendar entries, in
 * one transaction. The record's employment is what the contract makes of them today.
 */
export async function hire(store: EmploymentStore, occasion: Occasion, ids: { employeeId: string; contractId: string; versionId: string }, input: CreateEmployeeInput): Promise<EmployeeRow> {
  const { tenantId, today, now } = occasion;
  const person = normaliseNewEmployee(input);
  const problems = validateEmployee(person, today).concat(newContractProblems(input.contract, 'contract'));
  const start = isoDate(input.contract.startDate);
  if (person.dateOfBirth && start && person.dateOfBirth >= start) problems.push({ field: 'dateOfBirth', message: 'must be before contract.startDate' });
  if (problems.length > 0) throw refused(problems);

  const contract = newContractRow(tenantId, ids.employeeId, ids.contractId, ids.versionId, input.contract, occasion.requestedBy, now);
  const employment = employmentOn([contract], today) as EmploymentRecord;
  const placement = await placeUnder(store, tenantId, ids.employeeId, employment.managerId ?? null, 'contract.terms.managerId');
  const row = newEmployeeRow(tenantId, ids.employeeId, person, employment, placement.reportsPath, now);
  const organisation = await organisationWrites(store, tenantId, [
    { change: { before: null, after: employeeAssignment(row.employment) }, fieldPrefix: 'contract.terms.' },
    { change: { before: null, after: contractAssignment(contract) }, fieldPrefix: 'contract.terms.' },
  ]);
  const schedule = await workScheduleChecks(store, tenantId, latestVersion(contract).terms.workScheduleId, null, 'contract.terms.workScheduleId');
  await transact(store, [
    putNew(store.pimTable, row, { type: 'CONFLICT', message: 'An employee with this id already exists.' }),
    historyPut(store.pimTable, historyEntry(null, row, 'HIRED', occasion.requestedBy)),
    guard(store.pimTable, tenantId, employeeEmailKey(row.email), ids.employeeId, 'work email'),
    guard(store.pimTable, tenantId, employeeNumberKey(row.employeeNumber), ids.employeeId, 'employee number'),
    putNew(store.employmentTable, contract as unknown as Record<string, unknown>, { type: 'CONFLICT', message: 'A contract with this id already exists.' }),
    ...calendarWrites(store, tenantId, null, contract),
    ...(placement.manager ? [managerUnchanged(store.pimTable, placement.manager)] : []),
    ...organisation,
    ...schedule,
  ]);
  return row;
}

async function employeeOrNotFound(store: EmploymentStore, tenantId: string, employeeId: string): Promise<EmployeeRow> {
  const employee = await readEmployee(store, tenantId, employeeId);
  if (!employee) throw new DomainError('NOT_FOUND', `No employee ${employeeId} in this tenant.`);
  return employee;
}

async function contractOf(store: EmploymentStore, tenantId: string, employeeId: string, contractId: string, expectedVersion: number): Promise<ContractRow> {
  const found = await store.dynamodb.send(
    new GetItemCommand({ TableName: store.employmentTable, Key: key(tenantId, contractItemKey(employeeId, contractId)), ConsistentRead: true }),
  );
  if (!found.Item) throw new DomainError('NOT_FOUND', `Employee ${employeeId} has no contract ${contractId}.`);
  const contract = unmarshall(found.Item) as ContractRow;
  if (contract.version !== expectedVersion) {
    throw new DomainError('CONFLICT', `Contract ${contractId} is at version ${contract.version}, not ${expectedVersion}: read it again and retry.`);
  }
  return contract;
}

/** A new contract for an employee whose contracts have all ended (a rehire), then their record brought in step. */
export async function startContract(
  store: EmploymentStore,
  occasion: Occasion,
  ids: { contractId: string; versionId: string },
  input: { employeeId: string; expectedVersion: number; contract: NewContractInput },
): Promise<ContractRow> {
  const { tenantId } = occasion;
  const employee = await employeeOrNotFound(store, tenantId, input.employeeId);
  if (employee.version !== input.expectedVersion) {
    throw new DomainError('CONFLICT', `Employee ${input.employeeId} is at version ${employee.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  if (employee.archived === true) throw new DomainError('CONFLICT', `Employee ${input.employeeId} is archived: restore them (restoreEmployee) before a new contract.`);
  const problems = newContractProblems(input.contract, 'contract');
  if (problems.length > 0) throw refused(problems);
  const contract = newContractRow(tenantId, input.employeeId, ids.contractId, ids.versionId, input.contract, occasion.requestedBy, occasion.now);
  const others = await readContracts(store, tenantId, input.employeeId);
  const overlaps = overlapProblems(contract, others, 'contract.startDate');
  if (employee.dateOfBirth && employee.dateOfBirth >= contract.startDate) overlaps.push({ field: 'contract.startDate', message: 'must be after the employee\'s date of birth' });
  if (overlaps.length > 0) throw refused(overlaps);
  // The manager is checked now, as for any assignment; the record follows when the contract is in force.
  await placeUnder(store, tenantId, input.employeeId, latestVersion(contract).terms.managerId ?? null, 'contract.terms.managerId');
  const organisation = await organisationWrites(store, tenantId, [{ change: { before: null, after: contractAssignment(contract) }, fieldPrefix: 'contract.terms.' }]);
  const schedule = await workScheduleChecks(store, tenantId, latestVersion(contract).terms.workScheduleId, null, 'contract.terms.workScheduleId');
  await transact(store, [
    // The employee's record must still be what the caller read; it lists the new contract from now on.
    {
      item: {
        Update: {
          TableName: store.pimTable,
          Key: key(tenantId, employeeItemKey(input.employeeId)),
          ConditionExpression: '#version = :version',
          UpdateExpression: 'SET #contracts = list_append(if_not_exists(#contracts, :none), :contract), #version = :next, #updated = :now',
          ExpressionAttributeNames: { '#version': 'version', '#contracts': 'ContractIds', '#updated': 'updatedAt' },
          ExpressionAttributeValues: {
            ':version': { N: String(employee.version) },
            ':next': { N: String(employee.version + 1) },
            ':none': { L: [] },
            ':contract': { L: [{ S: contract.id }] },
            ':now': { S: occasion.now },
          },
        },
      },
      onConditionFailed: CHANGED('employee'),
    },
    historyPut(store.pimTable, historyItem({ ...employee, version: employee.version + 1, updatedAt: occasion.now }, 'EMPLOYMENT_CHANGED', occasion.requestedBy, ['contracts'])),
    putNew(store.employmentTable, contract as unknown as Record<string, unknown>, { type: 'CONFLICT', message: 'A contract with this id already exists.' }),
    ...calendarWrites(store, tenantId, null, contract),
    ...organisation,
    ...schedule,
  ]);
  await syncEmployee(store, occasion, input.employeeId);
  return contract;
}

/** A new version of a contract's terms from a date; the employee's record follows if it is in force today. */
export async function amendContract(store: EmploymentStore, occasion: Occasion, versionId: string, input: AmendContractInput): Promise<ContractRow> {
  const { tenantId, now } = occasion;
  const effectiveFrom = calendarDateOf(input.effectiveFrom);
  if (!effectiveFrom) throw refused([{ field: 'effectiveFrom', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' }]);
  const contract = await contractOf(store, tenantId, input.employeeId, input.contractId, input.expectedVersion);
  const current = latestVersion(contract);
  const terms = amendedTerms(current.terms, input.changes);
  const problems = amendmentProblems(contract, effectiveFrom, input.reason).concat(termsProblems(terms, 'changes'));
  if (problems.length > 0) throw refused(problems);
  if (terms.managerId !== current.terms.managerId) await placeUnder(store, tenantId, input.employeeId, terms.managerId ?? null, 'changes.managerId');
  const amended: ContractRow = {
    ...contract,
    versions: [...contract.versions, { id: versionId, effectiveFrom, reason: input.reason.trim(), terms, createdAt: now, createdBy: occasion.requestedBy }],
    version: contract.version + 1,
    updatedAt: now,
  };
  const organisation = await organisationWrites(store, tenantId, [{ change: { before: contractAssignment(contract), after: contractAssignment(amended) }, fieldPrefix: 'changes.' }]);
  const schedule = await workScheduleChecks(store, tenantId, terms.workScheduleId, current.terms.workScheduleId, 'changes.workScheduleId');
  await transact(store, [
    putAtVersion(store.employmentTable, amended as unknown as ContractRow & Record<string, unknown>, contract.version, 'contract'),
    ...calendarWrites(store, tenantId, contract, amended),
    ...organisation,
    ...schedule,
  ]);
  await syncEmployee(store, occasion, input.employeeId);
  return amended;
}

/** Ends a contract on its last working day; the employee's record follows once that day is past. */
export async function terminateContract(store: EmploymentStore, occasion: Occasion, input: TerminateContractInput): Promise<ContractRow> {
  const { tenantId, now } = occasion;
  const lastWorkingDay = calendarDateOf(input.lastWorkingDay);
  const noticeGivenOn = input.noticeGivenOn ? calendarDateOf(input.noticeGivenOn) : null;
  const dateProblems: FieldProblem[] = [];
  if (!lastWorkingDay) dateProblems.push({ field: 'lastWorkingDay', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  if (input.noticeGivenOn && !noticeGivenOn) dateProblems.push({ field: 'noticeGivenOn', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  if (dateProblems.length > 0) throw refused(dateProblems);
  const contract = await contractOf(store, tenantId, input.employeeId, input.contractId, input.expectedVersion);
  const note = input.note?.trim() || null;
  const problems = terminationProblems(contract, lastWorkingDay as string, noticeGivenOn, note);
  if (problems.length > 0) throw refused(problems);
  const terminated: ContractRow = {
    ...contract,
    endDate: lastWorkingDay,
    termination: { reason: input.reason, note, noticeGivenOn, lastWorkingDay: lastWorkingDay as string, recordedAt: now, recordedBy: occasion.requestedBy },
    version: contract.version + 1,
    updatedAt: now,
  };
  await transact(store, [
    putAtVersion(store.employmentTable, terminated as unknown as ContractRow & Record<string, unknown>, contract.version, 'contract'),
    ...calendarWrites(store, tenantId, contract, terminated),
  ]);
  await syncEmployee(store, occasion, input.employeeId);
  return terminated;
}

/** What {@link syncEmployee} did. */
export interface SyncResult {
  /** The record as it is now (null: no such employee). */
  employee: EmployeeRow | null;
  /** Whether this call changed it. */
  changed: boolean;
  /** The employment before, when it changed. */
  before?: EmploymentRecord;
  /** Descendants re-pathed because the employee moved in the management line. */
  rechained: number;
  /** Whether the employee has just left and their sign-in was disabled. */
  signInDisabled: boolean;
}

/**
 * Brings the employee's record in step with their contracts as of `occasion.today`: the employment
 * summary, and the place in the management line under the manager those terms name (everyone
 * below them moves along). Writes nothing when the record already agrees, so it may run any number
 * of times. Retries a few times when the record changes under it.
 */
export async function syncEmployee(store: EmploymentStore, occasion: Occasion, employeeId: string): Promise<SyncResult> {
  const { tenantId, today, now } = occasion;
  for (let attempt = 1; ; attempt += 1) {
    const employee = await readEmployee(store, tenantId, employeeId);
    if (!employee) return { employee: null, changed: false, rechained: 0, signInDisabled: false };
    const employment = employmentOn(await readContracts(store, tenantId, employeeId), today);
    if (!employment) return { employee, changed: false, rechained: 0, signInDisabled: false };
    const reportsPath = await currentPath(store, tenantId, employeeId, employment.managerId ?? null, employee.ReportsPath);
    if (sameEmployment(employment, employee.employment) && reportsPath === employee.ReportsPath) return { employee, changed: false, rechained: 0, signInDisabled: false };
    const updated = withIndexKeys({ ...employee, employment, ReportsPath: reportsPath, version: employee.version + 1, updatedAt: now });
    // Terms agreed earlier take effect even if an entity they name was archived since.
    const organisation = await organisationWrites(store, tenantId, [{ change: { before: employeeAssignment(employee.employment), after: employeeAssignment(employment) }, fieldPrefix: 'employment.' }], true);
    try {
      await transact(store, [putAtVersion(store.pimTable, updated, employee.version, 'employee'), historyWrite(store.pimTable, employee, updated, occasion.requestedBy), ...organisation]);
    } catch (error) {
      // The record changed under us: read it again (the organisation's own refusals are final).
      if (error instanceof WriteRefused && error.index === 0 && attempt < 5) continue;
      throw error;
    }
    const rechained = await rechainBelow(store, tenantId, employeeId, employee.ReportsPath, reportsPath, now, occasion.requestedBy);
    const signInDisabled = await disableIfLeft(store, employee, updated);
    return { employee: updated, changed: true, before: employee.employment, rechained, signInDisabled };
  }
}

/** Employees brought in step by one write transaction in {@link syncEmployees}. */
const SYNC_WRITE_BATCH = 25;

/** Reads items by key, 100 per BatchGetItem, retrying what DynamoDB leaves unprocessed. */
async function getAll<T>(store: EmploymentStore, table: string, keys: Record<string, AttributeValue>[]): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, AttributeValue>[] = keys.slice(i, i + 100);
    while (pending.length > 0) {
      const answer = await store.dynamodb.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of answer.Responses?.[table] ?? []) rows.push(unmarshall(item) as T);
      pending = answer.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return rows;
}

/**
 * {@link syncEmployee} for many employees at once, with the same rule and result: batch work (the
 * daily runner) reads employees, their contracts and their managers by key in batches and writes
 * the records that changed in transactions of 25, each conditional on the version it read. A
 * transaction that meets a concurrent change falls back to one sync per employee; moves below a
 * changed place follow each write.
 */
export async function syncEmployees(store: EmploymentStore, occasion: Occasion, employeeIds: string[]): Promise<SyncResult[]> {
  const { tenantId, today, now } = occasion;
  const employees = await getAll<EmployeeRow>(store, store.pimTable, [...new Set(employeeIds)].map((id) => key(tenantId, employeeItemKey(id))));
  const byId = new Map(employees.map((row) => [employeeIdFromKey(row.EntityItem), row]));

  // Contracts by key where the record lists them; by Query where it does not (older records) or a listed one is missing.
  const contractKeys = employees.flatMap((row) => (row.ContractIds ?? []).map((c) => key(tenantId, contractItemKey(employeeIdFromKey(row.EntityItem), c))));
  const contracts = new Map<string, ContractRow[]>();
  for (const contract of await getAll<ContractRow>(store, store.employmentTable, contractKeys)) {
    contracts.set(contract.employeeId, [...(contracts.get(contract.employeeId) ?? []), contract]);
  }
  for (const row of employees) {
    const id = employeeIdFromKey(row.EntityItem);
    if ((contracts.get(id)?.length ?? 0) !== (row.ContractIds?.length ?? -1)) contracts.set(id, await readContracts(store, tenantId, id));
  }

  // Managers: from this batch where they are in it, otherwise read once each.
  const wanted = new Map<string, EmploymentRecord>();
  for (const row of employees) {
    const id = employeeIdFromKey(row.EntityItem);
    const employment = employmentOn(contracts.get(id) ?? [], today);
    if (employment) wanted.set(id, employment);
  }
  const managerIds = [...new Set([...wanted.values()].flatMap((e) => (e.managerId && !byId.has(e.managerId) ? [e.managerId] : [])))];
  const managers = new Map(byId);
  for (const row of await getAll<EmployeeRow>(store, store.pimTable, managerIds.map((id) => key(tenantId, employeeItemKey(id))))) {
    managers.set(employeeIdFromKey(row.EntityItem), row);
  }

  const results = new Map<string, SyncResult>();
  const changes: { before: EmployeeRow; after: EmployeeRow }[] = [];
  for (const [id, row] of byId) {
    const employment = wanted.get(id);
    if (!employment) {
      results.set(id, { employee: row, changed: false, rechained: 0, signInDisabled: false });
      continue;
    }
    const manager = employment.managerId ? managers.get(employment.managerId) : undefined;
    const reportsPath = pathUnder(id, employment.managerId ?? null, manager ?? null, row.ReportsPath);
    if (sameEmployment(employment, row.employment) && reportsPath === row.ReportsPath) {
      results.set(id, { employee: row, changed: false, rechained: 0, signInDisabled: false });
      continue;
    }
    changes.push({ before: row, after: withIndexKeys({ ...row, employment, ReportsPath: reportsPath, version: row.version + 1, updatedAt: now }) });
  }

  type Change = (typeof changes)[number];
  /** Writes a group of changed records with their organisation writes in one transaction, halving it when it would not fit. */
  const write = async (group: Change[]): Promise<void> => {
    const organisation = await organisationWrites(store, tenantId, group.map(({ before, after }) => ({
      change: { before: employeeAssignment(before.employment), after: employeeAssignment(after.employment) },
      fieldPrefix: 'employment.',
    })), true);
    if (2 * group.length + organisation.length > 100 && group.length > 1) {
      const half = Math.ceil(group.length / 2);
      await write(group.slice(0, half));
      await write(group.slice(half));
      return;
    }
    try {
      await transact(store, [
        ...group.flatMap(({ before, after }) => [putAtVersion(store.pimTable, after, before.version, 'employee'), historyWrite(store.pimTable, before, after, occasion.requestedBy)]),
        ...organisation,
      ]);
    } catch (error) {
      if (!(error instanceof WriteRefused)) throw error;
      // Someone changed one of them meanwhile: each is brought in step on its own, from a fresh read.
      for (const { before } of group) {
        const id = employeeIdFromKey(before.EntityItem);
        results.set(id, await syncEmployee(store, occasion, id));
      }
      return;
    }
    for (const { before, after } of group) {
      const id = employeeIdFromKey(after.EntityItem);
      const rechained = await rechainBelow(store, tenantId, id, before.ReportsPath, after.ReportsPath, now, occasion.requestedBy);
      const signInDisabled = await disableIfLeft(store, before, after);
      results.set(id, { employee: after, changed: true, before: before.employment, rechained, signInDisabled });
    }
  };
  for (let i = 0; i < changes.length; i += SYNC_WRITE_BATCH) await write(changes.slice(i, i + SYNC_WRITE_BATCH));
  return employeeIds.map((id) => results.get(id) ?? { employee: null, changed: false, rechained: 0, signInDisabled: false });
}

/** Disables the sign-in of someone whose record has just turned TERMINATED, if they have an account. */
async function disableIfLeft(store: EmploymentStore, before: EmployeeRow, after: EmployeeRow): Promise<boolean> {
  const left = after.employment.status === 'TERMINATED' && before.employment.status !== 'TERMINATED';
  if (!left || !before.UserId || !store.disableSignIn) return false;
  await store.disableSignIn(before.UserId);
  return true;
}

/**
 * Where an employee sits under a manager as read: a manager who has since left or gone keeps the
 * employee where the contract put them (the record still names the manager); a move that would
 * make a cycle (possible only through concurrent moves) leaves the employee at the top, to be
 * fixed by a new assignment.
 */
function pathUnder(employeeId: string, managerId: string | null, manager: EmployeeRow | null, stored: string): string {
  if (!managerId) return TOP_OF_ORGANISATION;
  if (!manager) return stored;
  const line = managementLine(manager.ReportsPath);
  if (line.indexOf(employeeId) >= 0 || line.length + 1 > MAX_MANAGEMENT_DEPTH) return TOP_OF_ORGANISATION;
  return reportsPathUnder(manager.ReportsPath, managerId);
}

/** Where the employee sits under `managerId` now (see {@link pathUnder}). */
async function currentPath(store: EmploymentStore, tenantId: string, employeeId: string, managerId: string | null, stored: string): Promise<string> {
  return pathUnder(employeeId, managerId, managerId ? await readEmployee(store, tenantId, managerId) : null, stored);
}

/**
 * Moves everyone below the employee along when the employee's own path changes: each descendant's
 * path keeps its part below the employee. Each update is conditional on the path and name it was
 * computed from, and re-read on conflict, so concurrent moves and renames cannot leave a stale key.
 */
export async function rechainBelow(store: EmploymentStore, tenantId: string, employeeId: string, oldPath: string, newPath: string, now: string, requestedBy = 'system'): Promise<number> {
  if (oldPath === newPath) return 0;
  const oldPrefix = reportsPrefix(oldPath, employeeId, true);
  const newPrefix = reportsPrefix(newPath, employeeId, true);
  const below = await queryAll(store.dynamodb, {
    TableName: store.pimTable,
    IndexName: EMPLOYEES_BY_REPORTS.name,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(ReportsKey, :prefix)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: oldPrefix } },
  });
  const rows = below.map((item) => unmarshall(item) as EmployeeRow);
  const moved = await inPool(rows, RECHAIN_CONCURRENCY, (row) => repath(store, row, oldPrefix, newPrefix, now, requestedBy));
  return moved.filter(Boolean).length;
}

async function repath(store: EmploymentStore, read: EmployeeRow, oldPrefix: string, newPrefix: string, now: string, requestedBy: string): Promise<boolean> {
  let row: EmployeeRow | null = read;
  for (let attempt = 1; row && attempt <= 5; attempt += 1) {
    if (!row.ReportsPath.startsWith(oldPrefix)) return false;
    const moved = withIndexKeys({ ...row, ReportsPath: `${newPrefix}${row.ReportsPath.slice(oldPrefix.length)}`, version: row.version + 1, updatedAt: now });
    try {
      await transact(store, [putAtVersion(store.pimTable, moved, row.version, 'employee'), historyWrite(store.pimTable, row, moved, requestedBy)]);
      return true;
    } catch (error) {
      // The record changed meanwhile: read it again.
      if (!(error instanceof WriteRefused && error.index === 0)) throw error;
      const tenantId = row.TenantId.slice(tenantKey('').length);
      row = await readEmployee(store, tenantId, moved.id);
    }
  }
  throw new Error(`Could not move employee ${read.id} along the management line after 5 attempts.`);
}

/** The departments the employee heads (a tenant has few departments: one key range read). */
async function departmentsHeadedBy(store: EmploymentStore, tenantId: string, employeeId: string): Promise<string[]> {
  const departments = await queryAll(store.dynamodb, {
    TableName: store.pimTable,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
    FilterExpression: 'headEmployeeId = :employee',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: ORGANISATION_PREFIXES.department }, ':employee': { S: employeeId } },
    ConsistentRead: true,
  });
  return departments.map((item) => String(unmarshall(item).id));
}

/**
 * Withdraws a hire made by mistake: only while the employee has not started (no contract in force
 * or past), has no user account and manages no one. Removes the record, its guards, history, contracts,
 * calendar entries and documents (files too) — nothing of theirs is left behind.
 */
export async function withdrawEmployee(store: EmploymentStore, occasion: Occasion, employeeId: string, expectedVersion: number | null): Promise<EmployeeRow> {
  const { tenantId, today } = occasion;
  const employee = await employeeOrNotFound(store, tenantId, employeeId);
  if (expectedVersion !== null && employee.version !== expectedVersion) {
    throw new DomainError('CONFLICT', `Employee ${employeeId} is at version ${employee.version}, not ${expectedVersion}: read it again and retry.`);
  }
  const contracts = await readContracts(store, tenantId, employeeId);
  if (contracts.some((c) => contractStatusOn(c, today) !== 'PENDING')) {
    throw new DomainError('CONFLICT', `Employee ${employeeId} has started work: leavers are terminated and archived, never deleted.`);
  }
  if (employee.UserId) throw new DomainError('CONFLICT', `Employee ${employeeId} has a user account; disable the account before withdrawing the hire.`);
  const reports = await store.dynamodb.send(new QueryCommand({
    TableName: store.pimTable,
    IndexName: EMPLOYEES_BY_REPORTS.name,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(ReportsKey, :prefix)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: reportsPrefix(employee.ReportsPath, employeeId, false) } },
    Limit: 1,
  }));
  if ((reports.Items ?? []).length > 0) throw new DomainError('CONFLICT', `Employee ${employeeId} has reports; give them another manager first.`);
  const headed = await departmentsHeadedBy(store, tenantId, employeeId);
  if (headed.length > 0) throw new DomainError('CONFLICT', `Employee ${employeeId} heads department ${headed.join(', ')}; give it another head first.`);
  const documents = (await queryAll(store.dynamodb, {
    TableName: store.pimTable,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: employeeDocumentsPrefix(employeeId) } },
    ConsistentRead: true,
  })).map((item) => unmarshall(item) as DocumentRow);
  const history = await queryAll(store.dynamodb, {
    TableName: store.pimTable,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: employeeHistoryPrefix(employeeId) } },
    ProjectionExpression: 'EntityItem',
    ConsistentRead: true,
  });

  const remove = (table: string, entityItem: string): GuardedWrite => ({
    item: { Delete: { TableName: table, Key: key(tenantId, entityItem) } },
    onConditionFailed: CHANGED('employee'),
  });
  const organisation = await organisationWrites(store, tenantId, [
    { change: { before: employeeAssignment(employee.employment), after: null } },
    ...contracts.map((contract) => ({ change: { before: contractAssignment(contract), after: null } })),
  ], true);
  await transact(store, [
    {
      item: {
        Delete: {
          TableName: store.pimTable,
          Key: key(tenantId, employeeItemKey(employeeId)),
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': { N: String(employee.version) } },
        },
      },
      onConditionFailed: CHANGED('employee'),
    },
    remove(store.pimTable, employeeEmailKey(employee.email)),
    remove(store.pimTable, employeeNumberKey(employee.employeeNumber)),
    ...contracts.flatMap((contract) => [
      remove(store.employmentTable, contract.EntityItem),
      ...calendarChanges(null, contract).put.map((entry) => remove(store.employmentTable, calendarEntryKey(contract, entry))),
    ]),
    ...documents.map((document) => remove(store.pimTable, document.EntityItem)),
    ...history.map((entry) => remove(store.pimTable, entry.EntityItem!.S!)),
    ...organisation,
  ]);
  // The records are gone in one step; the files follow (a failure leaves only unreachable objects under the tenant's prefix).
  if (store.s3 && store.documentsBucket) {
    for (const document of documents) await store.s3.send(new DeleteObjectCommand({ Bucket: store.documentsBucket, Key: document.objectKey }));
  }
  return employee;
}
