/**
 * Leave requests (Node): asking, approving step by step, rejecting, cancelling, and the reads.
 *
 * - A request is one item under its employee, a pointer by id, one item per calendar day it covers
 *   (`LDAY#<employee>#<date>`, created only if absent: overlapping requests are refused atomically)
 *   and, while pending, a copy waiting for its current approver (`LWAIT#<approver>#<id>`). All are
 *   written in one transaction, conditional on the request's version: nothing is half-written.
 * - The final approval posts one TAKEN entry per counted day (keys from the request id and the
 *   date) and the balance's change under the type's negative-balance floor in the same transaction
 *   as the state change: a retry either finds the request approved or posts everything once.
 * - A cancellation after approval posts the reversals the same way.
 * - Approvers: the type's chain (steps whose aboveDays the request exceeds), each step's approver
 *   found when the step starts; one who is gone, has no sign-in or is on approved leave that day is
 *   skipped (SKIPPED in the history); a chain that ends with nobody falls to HR.
 */
import { GetItemCommand, QueryCommand, TransactionCanceledException, TransactWriteItemsCommand, type AttributeValue, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createHash } from 'node:crypto';
import { documentItemKey } from '../documents/model/keys.ts';
import { DomainError } from '../domain-error.ts';
import { tenantItems } from '../dynamo-query.ts';
import type { ContractRow } from '../employment/model/contracts.ts';
import { employeeContractsPrefix } from '../employment/model/keys.ts';
import type { LeaveRequestFilter, LeaveRequestStatus, NotificationKind, RequestLeaveInput } from '../generated/graphql.ts';
import { addDays, daysBetween, isCalendarDate } from '../model/dates.ts';
import type { FieldProblem } from '../model/errors.ts';
import { isValidEntityId, tenantKey } from '../model/keys.ts';
import { isSystemRole, type Role } from '../model/tenant-context.ts';
import type { DepartmentRow } from '../organisation/model/department.ts';
import { departmentItemKey } from '../organisation/model/keys.ts';
import type { EmployeeRow } from '../people/model/employee.ts';
import { EMPLOYEES_BY_DEPARTMENT, employeeItemKey } from '../people/model/keys.ts';
import { inPool } from '../pool.ts';
import type { PlanSource } from '../schedules/model/planned-day.ts';
import { departmentMembersRange } from '../schedules/model/roster.ts';
import type { LeaveTypeRow } from './definitions.ts';
import { readBalance, requestPostingWrites } from './ledger.ts';
import { employeeLeaveDaysPrefix, employeeRequestsPrefix, HR_APPROVER, leaveDayKey, leaveTypeKey, requestIdKey, requestKey, waitingKey, waitingPrefix } from './model/keys.ts';
import { formatAmount } from './quantity.ts';
import {
  applicableSteps,
  DEFAULT_BACKDATE_DAYS,
  MAX_REASON,
  requestLength,
  requestRuleProblems,
  requestShapeProblems,
  type Approver,
  type LeaveRequestRow,
  type RequestEvent,
} from './requests.ts';

/** Tells a user something; `key` makes the notification's id (and so its delivery) unique. */
export type Notify = (recipientUserId: string, kind: NotificationKind, title: string, body: string, key: string) => Promise<void>;

export interface RequestDeps {
  /** The tenant's own DynamoDB client. */
  dynamodb: DynamoDBClient;
  tables: { leave: string; pim: string; employment: string };
  tenantId: string;
  /** The tenant's today, and now. */
  today: string;
  now: string;
  plans: PlanSource;
  /** The tenant's limit on starting in the past (default {@link DEFAULT_BACKDATE_DAYS}). */
  backdateDays?: number;
  /** The users of the tenant's HR admins. */
  hrUsers(): Promise<string[]>;
  notify: Notify;
}

/** Who asks or decides: the signed-in user, their role and own employee record. */
export interface Actor {
  userId: string;
  role: Role;
  employeeId: string | null;
}

type Person = Pick<EmployeeRow, 'id' | 'employment' | 'ReportsPath' | 'UserId' | 'archived'>;

/** A day item: which request holds the employee's day, in which state. */
export interface LeaveDayRow {
  TenantId: string;
  EntityItem: string;
  employeeId: string;
  date: string;
  requestId: string;
  leaveTypeId: string;
  status: 'PENDING' | 'APPROVED';
  amount: number;
  unit: LeaveRequestRow['unit'];
}

const invalid = (message: string, fields: FieldProblem[]) => new DomainError('VALIDATION_ERROR', message, fields);
const key = (tenantId: string, entityItem: string): Record<string, AttributeValue> => ({ TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: entityItem } });

export const isHr = (actor: Actor): boolean => actor.role === 'TenantAdmin' || actor.role === 'SystemAdmin' || actor.role === 'SystemSuperuser';

async function getItem<T>(deps: RequestDeps, table: string, entityItem: string): Promise<T | null> {
  const found = await deps.dynamodb.send(new GetItemCommand({ TableName: table, Key: key(deps.tenantId, entityItem), ConsistentRead: true }));
  return found.Item ? (unmarshall(found.Item) as T) : null;
}

async function person(deps: RequestDeps, employeeId: string): Promise<Person | null> {
  const found = await deps.dynamodb.send(new GetItemCommand({
    TableName: deps.tables.pim,
    Key: key(deps.tenantId, employeeItemKey(employeeId)),
    ConsistentRead: true,
    ProjectionExpression: '#id, #employment, #path, #user, #archived',
    ExpressionAttributeNames: { '#id': 'id', '#employment': 'employment', '#path': 'ReportsPath', '#user': 'UserId', '#archived': 'archived' },
  }));
  return found.Item ? (unmarshall(found.Item) as Person) : null;
}

/** The request id of a client's request id for an employee: the same pair is the same request. */
export function requestIdFor(employeeId: string, clientRequestId: string): string {
  const digest = createHash('sha256').update(`${employeeId}#${clientRequestId}`).digest('base64url');
  return `R${digest.replace(/[^A-Za-z0-9]/g, '').slice(0, 25)}`;
}

/** The request with id `requestId`, through its pointer (null: none in this tenant). */
export async function readRequest(deps: RequestDeps, requestId: string): Promise<LeaveRequestRow | null> {
  if (!isValidEntityId(requestId)) return null;
  const pointer = await getItem<{ employeeId: string; from: string }>(deps, deps.tables.leave, requestIdKey(requestId));
  if (!pointer) return null;
  return getItem<LeaveRequestRow>(deps, deps.tables.leave, requestKey(pointer.employeeId, pointer.from, requestId));
}

/** Whether someone is on approved leave on a date (one item). */
async function onLeave(deps: RequestDeps, employeeId: string, date: string): Promise<boolean> {
  const day = await getItem<LeaveDayRow>(deps, deps.tables.leave, leaveDayKey(employeeId, date));
  return day?.status === 'APPROVED' && day.amount > 0;
}

/** Why an approver cannot decide today, or null if they can. */
async function unavailable(deps: RequestDeps, candidateId: string | null | undefined, requesterId: string): Promise<Person | string> {
  if (!candidateId) return 'nobody holds the role';
  if (candidateId === requesterId) return 'the approver is the employee';
  const candidate = await person(deps, candidateId);
  if (!candidate) return 'the approver has no record';
  if (candidate.archived === true || candidate.employment.status === 'TERMINATED') return 'the approver has left';
  if (!candidate.UserId) return 'the approver has no sign-in';
  if (await onLeave(deps, candidateId, deps.today)) return 'the approver is on leave';
  return candidate;
}

/**
 * The approver of the first step from `index` on who can decide today; steps skipped on the way
 * are events of the history. Past the last step: HR (step = steps.length).
 */
export async function resolveApprover(deps: RequestDeps, steps: LeaveRequestRow['steps'], index: number, requester: Person): Promise<{ step: number; approver: Approver; userId: string | null; skipped: RequestEvent[] }> {
  const skipped: RequestEvent[] = [];
  for (let i = index; i < steps.length; i += 1) {
    const step = steps[i]!;
    if (step.kind === 'HR') return { step: i, approver: { kind: 'HR', employeeId: null }, userId: null, skipped };
    let candidateId: string | null | undefined;
    if (step.kind === 'LINE_MANAGER') candidateId = requester.employment.managerId;
    else {
      const department = step.departmentId ? await getItem<DepartmentRow>(deps, deps.tables.pim, departmentItemKey(step.departmentId)) : null;
      candidateId = department?.headEmployeeId;
    }
    const found = await unavailable(deps, candidateId, requester.id);
    if (typeof found !== 'string') return { step: i, approver: { kind: step.kind, employeeId: found.id }, userId: found.UserId ?? null, skipped };
    skipped.push({ step: i, kind: step.kind, outcome: 'SKIPPED', by: null, at: deps.now, note: found });
  }
  return { step: steps.length, approver: { kind: 'HR', employeeId: null }, userId: null, skipped };
}

function approverRef(approver: Approver): string {
  return approver.employeeId ?? HR_APPROVER;
}

/** Tells the approver(s) of a step that a request waits for them. */
async function tellApprover(deps: RequestDeps, row: LeaveRequestRow, userId: string | null): Promise<void> {
  const recipients = userId ? [userId] : await deps.hrUsers();
  const title = 'Leave request to decide';
  const body = `A request for ${formatAmount(row.total, row.unit)} ${row.unit.toLowerCase().replace('_', ' ')} from ${row.from} to ${row.to} waits for your decision.`;
  for (const recipient of recipients) await deps.notify(recipient, 'LEAVE_REQUESTED', title, body, `${row.id}#step-${row.step}#v${row.version}#${recipient}`);
}

async function tellEmployee(deps: RequestDeps, row: LeaveRequestRow, title: string, body: string): Promise<void> {
  const employee = await person(deps, row.employeeId);
  if (employee?.UserId) await deps.notify(employee.UserId, 'LEAVE_DECISION', title, body, `${row.id}#v${row.version}#employee`);
}

function waitingPut(deps: RequestDeps, row: LeaveRequestRow): TransactWriteItem {
  return { Put: { TableName: deps.tables.leave, Item: marshall({ TenantId: tenantKey(deps.tenantId), EntityItem: waitingKey(approverRef(row.waitingFor!), row.id), request: row }, { removeUndefinedValues: true }) } };
}

function waitingDelete(deps: RequestDeps, row: LeaveRequestRow): TransactWriteItem {
  return { Delete: { TableName: deps.tables.leave, Key: key(deps.tenantId, waitingKey(approverRef(row.waitingFor!), row.id)) } };
}

/** The request item replaced by `next`, only if it is still at `current`'s version. */
function requestPut(deps: RequestDeps, next: LeaveRequestRow, current: LeaveRequestRow): TransactWriteItem {
  return {
    Put: {
      TableName: deps.tables.leave,
      Item: marshall(next, { removeUndefinedValues: true }),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': { N: String(current.version) } },
    },
  };
}

const heldBy = (requestId: string) => ({ ConditionExpression: 'requestId = :request', ExpressionAttributeValues: { ':request': { S: requestId } } });

function dayDeletes(deps: RequestDeps, row: LeaveRequestRow): TransactWriteItem[] {
  return row.days.map((d) => ({ Delete: { TableName: deps.tables.leave, Key: key(deps.tenantId, leaveDayKey(row.employeeId, d.date)), ...heldBy(row.id) } }));
}

/** Files a request (see the module's rules). A retry with the same clientRequestId returns the first. */
export async function requestLeave(deps: RequestDeps, input: RequestLeaveInput, actor: Actor): Promise<LeaveRequestRow> {
  const idProblems: FieldProblem[] = [];
  if (!isValidEntityId(input.clientRequestId)) idProblems.push({ field: 'input.clientRequestId', message: 'must be 1-64 letters, digits, "-" or "_"' });
  if (!isValidEntityId(input.leaveTypeId)) idProblems.push({ field: 'input.leaveTypeId', message: 'must be a leave type\'s id' });
  if (input.employeeId !== null && input.employeeId !== undefined && !isValidEntityId(input.employeeId)) idProblems.push({ field: 'input.employeeId', message: 'must be an employee\'s id' });
  if (input.attachmentDocumentId !== null && input.attachmentDocumentId !== undefined && !isValidEntityId(input.attachmentDocumentId)) idProblems.push({ field: 'input.attachmentDocumentId', message: 'must be a document\'s id' });
  if (idProblems.length > 0) throw invalid('The request is invalid; see errorInfo for each field.', idProblems);
  const employeeId = input.employeeId ?? actor.employeeId;
  if (!employeeId) throw new DomainError('UNAUTHORIZED_ACCESS', 'Your sign-in is not linked to an employee record of this tenant: name the employee (HR) or sign in as one.');
  const hr = isHr(actor);
  if (employeeId !== actor.employeeId && !hr) throw new DomainError('UNAUTHORIZED_ACCESS', 'You may ask for leave for yourself only; HR asks for others.');

  const id = requestIdFor(employeeId, input.clientRequestId);
  const earlier = await readRequest(deps, id);
  if (earlier) return sameRequest(earlier, input);

  const [type, employee, contracts] = await Promise.all([
    getItem<LeaveTypeRow>(deps, deps.tables.leave, leaveTypeKey(input.leaveTypeId)),
    person(deps, employeeId),
    tenantItems<ContractRow>(deps.dynamodb, deps.tables.employment, deps.tenantId, employeeContractsPrefix(employeeId), { consistent: true }),
  ]);
  if (!employee) throw new DomainError('NOT_FOUND', `No employee ${employeeId} in this tenant.`);
  if (!type) throw new DomainError('NOT_FOUND', `No leave type ${input.leaveTypeId} in this tenant.`);
  const shape = requestShapeProblems(input, type.unit);
  if (shape.problems.length > 0) throw invalid('The request is invalid; see errorInfo for each field.', shape.problems);

  const [plans, attachment] = await Promise.all([
    deps.plans.plannedDays(deps.tenantId, [employeeId], input.from, input.to),
    input.attachmentDocumentId ? getItem(deps, deps.tables.pim, documentItemKey(employeeId, input.attachmentDocumentId)) : Promise.resolve(undefined),
  ]);
  const length = requestLength(type, plans, input.from, input.to, { halfDay: input.halfDay ?? false, minutes: shape.minutes });
  const problems = requestRuleProblems(input, {
    type, today: deps.today, backdateDays: hr ? null : (deps.backdateDays ?? DEFAULT_BACKDATE_DAYS), contracts, length,
    attachmentFound: input.attachmentDocumentId ? attachment !== null : null,
  });
  if (problems.length > 0) throw invalid('The request breaks a rule of its leave type; see errorInfo.', problems);
  await refuseOverlap(deps, employeeId, input.from, input.to);
  await refuseAboveBalance(deps, employeeId, type, length.total);

  const steps = applicableSteps(type, length.countedDays);
  const first = await resolveApprover(deps, steps, 0, employee);
  const row: LeaveRequestRow = {
    TenantId: tenantKey(deps.tenantId),
    EntityItem: requestKey(employeeId, input.from, id),
    id, employeeId, leaveTypeId: type.id, from: input.from, to: input.to,
    halfDay: input.halfDay ?? false, minutes: shape.minutes, unit: type.unit, total: length.total, days: length.days,
    reason: input.reason.trim(), attachmentDocumentId: input.attachmentDocumentId ?? null,
    status: 'PENDING', steps, step: first.step, waitingFor: first.approver, history: first.skipped,
    negativeBalanceLimit: type.negativeBalanceLimit, clientRequestId: input.clientRequestId,
    requestedBy: actor.userId, requestedAt: deps.now, version: 1,
  };
  const items: TransactWriteItem[] = [
    { Put: { TableName: deps.tables.leave, Item: marshall(row, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
    { Put: { TableName: deps.tables.leave, Item: marshall({ TenantId: row.TenantId, EntityItem: requestIdKey(id), employeeId, from: row.from }), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
    waitingPut(deps, row),
    ...row.days.map((d): TransactWriteItem => {
      const day: LeaveDayRow = { TenantId: row.TenantId, EntityItem: leaveDayKey(employeeId, d.date), employeeId, date: d.date, requestId: id, leaveTypeId: type.id, status: 'PENDING', amount: d.amount, unit: type.unit };
      return { Put: { TableName: deps.tables.leave, Item: marshall(day), ConditionExpression: 'attribute_not_exists(EntityItem)' } };
    }),
  ];
  try {
    await deps.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    if (reasons[0] === 'ConditionalCheckFailed' || reasons[1] === 'ConditionalCheckFailed') {
      const raced = await readRequest(deps, id);
      if (raced) return sameRequest(raced, input);
    }
    const day = reasons.findIndex((r, i) => i >= 3 && r === 'ConditionalCheckFailed');
    if (day >= 3) throw new DomainError('CONFLICT', `The employee already has a pending or approved request on ${row.days[day - 3]!.date}.`);
    throw new DomainError('CONFLICT', 'The employee\'s requests changed meanwhile; read them again and retry.');
  }
  await tellApprover(deps, row, first.userId);
  return row;
}

/** A retry's answer: the first request if it asked for the same, CONFLICT otherwise. */
function sameRequest(earlier: LeaveRequestRow, input: RequestLeaveInput): LeaveRequestRow {
  if (earlier.leaveTypeId === input.leaveTypeId && earlier.from === input.from && earlier.to === input.to) return earlier;
  throw new DomainError('CONFLICT', `Request ${input.clientRequestId} was made already for other dates or another type; use a new clientRequestId.`);
}

async function refuseOverlap(deps: RequestDeps, employeeId: string, from: string, to: string): Promise<void> {
  const prefix = employeeLeaveDaysPrefix(employeeId);
  const held = await tenantItems<LeaveDayRow>(deps.dynamodb, deps.tables.leave, deps.tenantId, { from: `${prefix}${from}`, to: `${prefix}${to}` }, { consistent: true });
  if (held.length > 0) throw new DomainError('CONFLICT', `The employee already has a ${held[0]!.status.toLowerCase()} request (${held[0]!.requestId}) on ${held[0]!.date}; cancel it or ask for other dates.`);
}

async function refuseAboveBalance(deps: RequestDeps, employeeId: string, type: Pick<LeaveTypeRow, 'id' | 'name' | 'unit' | 'negativeBalanceLimit'>, amount: number): Promise<void> {
  const balance = (await readBalance({ dynamodb: deps.dynamodb, leaveTable: deps.tables.leave }, deps.tenantId, employeeId, type.id))?.total ?? 0;
  if (balance - amount < -type.negativeBalanceLimit) {
    throw invalid('The request is above the balance.', [{
      field: 'input.leaveTypeId',
      message: `takes ${formatAmount(amount, type.unit)} of a balance of ${formatAmount(balance, type.unit)}; ${type.name} may go ${formatAmount(type.negativeBalanceLimit, type.unit)} below zero`,
    }]);
  }
}

/** The request, for an action by `actor` on it; NOT_FOUND if it is not this tenant's. */
async function actionable(deps: RequestDeps, requestId: string): Promise<LeaveRequestRow> {
  const row = await readRequest(deps, requestId);
  if (!row) throw new DomainError('NOT_FOUND', `No leave request ${requestId} in this tenant.`);
  return row;
}

function mayDecide(row: LeaveRequestRow, actor: Actor): void {
  if (actor.employeeId && actor.employeeId === row.employeeId) throw new DomainError('UNAUTHORIZED_ACCESS', 'You cannot decide your own leave request.');
  const approver = row.waitingFor;
  const isApprover = !!approver?.employeeId && approver.employeeId === actor.employeeId;
  if (!isApprover && !isHr(actor)) throw new DomainError('UNAUTHORIZED_ACCESS', 'Only the approver of the request\'s current step, or HR, decides it.');
}

const decidedAlready = (row: LeaveRequestRow) => new DomainError('CONFLICT', `The request is ${row.status.toLowerCase()} already.`);

/** Approves the current step; the last one takes the leave (see the module's rules). */
export async function approveLeave(deps: RequestDeps, requestId: string, expectedVersion: number, note: string | null | undefined, actor: Actor): Promise<LeaveRequestRow> {
  const text = note?.trim() || null;
  if (text !== null && text.length > MAX_REASON) throw invalid('The note is too long.', [{ field: 'note', message: `must be at most ${MAX_REASON} characters` }]);
  const current = await actionable(deps, requestId);
  // A retry of the approval that went through: the same answer.
  const last = current.history.at(-1);
  if (current.version === expectedVersion + 1 && last?.outcome === 'APPROVED' && last.by === actor.userId) return current;
  if (current.status !== 'PENDING') throw decidedAlready(current);
  mayDecide(current, actor);
  if (current.version !== expectedVersion) throw new DomainError('CONFLICT', `The request is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);

  const event: RequestEvent = { step: current.step!, kind: current.waitingFor!.kind, outcome: 'APPROVED', by: actor.userId, at: deps.now, note: text };
  const requester = await person(deps, current.employeeId);
  const next = requester && current.step! + 1 < current.steps.length ? await resolveApprover(deps, current.steps, current.step! + 1, requester) : null;
  if (next) {
    const moved: LeaveRequestRow = { ...current, step: next.step, waitingFor: next.approver, history: [...current.history, event, ...next.skipped], version: current.version + 1 };
    await transact(deps, [requestPut(deps, moved, current), waitingDelete(deps, current), waitingPut(deps, moved)]);
    await tellApprover(deps, moved, next.userId);
    await tellEmployee(deps, moved, 'Leave request: a step approved', `Your request from ${moved.from} to ${moved.to} was approved at one step and now waits for the next.`);
    return moved;
  }
  const type = await getItem<LeaveTypeRow>(deps, deps.tables.leave, leaveTypeKey(current.leaveTypeId));
  const limit = type?.negativeBalanceLimit ?? current.negativeBalanceLimit;
  await refuseAboveBalance(deps, current.employeeId, { id: current.leaveTypeId, name: type?.name ?? 'the type', unit: current.unit, negativeBalanceLimit: limit }, current.total);
  const approved: LeaveRequestRow = { ...current, status: 'APPROVED', step: null, history: [...current.history, event], version: current.version + 1 };
  const items: TransactWriteItem[] = [
    requestPut(deps, approved, current),
    waitingDelete(deps, current),
    ...current.days.map((d): TransactWriteItem => ({
      Update: {
        TableName: deps.tables.leave, Key: key(deps.tenantId, leaveDayKey(current.employeeId, d.date)),
        UpdateExpression: 'SET #status = :approved', ConditionExpression: 'requestId = :request',
        ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':approved': { S: 'APPROVED' }, ':request': { S: current.id } },
      },
    })),
    ...requestPostingWrites(deps.tables.leave, {
      tenantId: deps.tenantId, employeeId: current.employeeId, leaveTypeId: current.leaveTypeId, unit: current.unit, requestId: current.id,
      days: current.days, kind: 'TAKEN', negativeLimit: limit, postedBy: actor.userId, postedAt: deps.now,
    }),
  ];
  await transact(deps, items, items.length - 1);
  await tellEmployee(deps, approved, 'Leave approved', `Your leave from ${approved.from} to ${approved.to} (${formatAmount(approved.total, approved.unit)} ${approved.unit.toLowerCase().replace('_', ' ')}) was approved.`);
  return approved;
}

/** Rejects a pending request with a reason. */
export async function rejectLeave(deps: RequestDeps, requestId: string, reason: string, actor: Actor): Promise<LeaveRequestRow> {
  const text = (reason ?? '').trim();
  if (text.length < 1 || text.length > MAX_REASON) throw invalid('A rejection says why.', [{ field: 'reason', message: `must be 1 to ${MAX_REASON} characters` }]);
  const current = await actionable(deps, requestId);
  if (current.status !== 'PENDING') throw decidedAlready(current);
  mayDecide(current, actor);
  const rejected: LeaveRequestRow = {
    ...current, status: 'REJECTED', step: null,
    history: [...current.history, { step: current.step!, kind: current.waitingFor!.kind, outcome: 'REJECTED', by: actor.userId, at: deps.now, note: text }],
    version: current.version + 1,
  };
  await transact(deps, [requestPut(deps, rejected, current), waitingDelete(deps, current), ...dayDeletes(deps, current)]);
  await tellEmployee(deps, rejected, 'Leave rejected', `Your request from ${rejected.from} to ${rejected.to} was rejected: ${text}`);
  return rejected;
}

/** Cancels a pending or approved request (the employee or HR); an approved one's days are given back. */
export async function cancelLeave(deps: RequestDeps, requestId: string, actor: Actor): Promise<LeaveRequestRow> {
  const current = await actionable(deps, requestId);
  const own = !!actor.employeeId && actor.employeeId === current.employeeId;
  if (!own && !isHr(actor)) throw new DomainError('UNAUTHORIZED_ACCESS', 'Only the employee or HR cancels a leave request.');
  if (current.status !== 'PENDING' && current.status !== 'APPROVED') throw decidedAlready(current);
  const cancelled: LeaveRequestRow = {
    ...current, status: 'CANCELLED', step: null,
    history: [...current.history, { step: current.step ?? current.steps.length, kind: current.waitingFor?.kind ?? 'HR', outcome: 'CANCELLED', by: actor.userId, at: deps.now, note: null }],
    version: current.version + 1,
  };
  const items: TransactWriteItem[] = [requestPut(deps, cancelled, current), ...dayDeletes(deps, current)];
  if (current.status === 'PENDING') items.push(waitingDelete(deps, current));
  else {
    items.push(...requestPostingWrites(deps.tables.leave, {
      tenantId: deps.tenantId, employeeId: current.employeeId, leaveTypeId: current.leaveTypeId, unit: current.unit, requestId: current.id,
      days: current.days, kind: 'CANCELLED', postedBy: actor.userId, postedAt: deps.now,
    }));
  }
  await transact(deps, items);
  if (!own) await tellEmployee(deps, cancelled, 'Leave cancelled', `Your ${current.status === 'APPROVED' ? 'approved leave' : 'request'} from ${current.from} to ${current.to} was cancelled by HR.`);
  else {
    const approver = current.status === 'PENDING' && current.waitingFor?.employeeId ? await person(deps, current.waitingFor.employeeId) : null;
    const recipients = current.status === 'PENDING' ? (approver?.UserId ? [approver.UserId] : current.waitingFor?.employeeId ? [] : await deps.hrUsers()) : [];
    for (const recipient of recipients) await deps.notify(recipient, 'LEAVE_DECISION', 'Leave request withdrawn', `A request from ${current.from} to ${current.to} waiting for you was cancelled by the employee.`, `${current.id}#cancelled#${recipient}`);
  }
  return cancelled;
}

/**
 * Runs a state change. A cancelled transaction: the request changed meanwhile (CONFLICT), or the
 * item at `balanceIndex` (the balance under its floor) refused: above the balance.
 */
async function transact(deps: RequestDeps, items: TransactWriteItem[], balanceIndex = -1): Promise<void> {
  try {
    await deps.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    if (balanceIndex >= 0 && reasons[balanceIndex] === 'ConditionalCheckFailed' && reasons.filter((r) => r === 'ConditionalCheckFailed').length === 1) {
      throw invalid('The request is above the balance now.', [{ field: 'id', message: 'takes more than the balance allows under the type\'s negative-balance rule; the request stays pending' }]);
    }
    throw new DomainError('CONFLICT', 'The request changed meanwhile: read it again and retry.');
  }
}

/** Who reads a request: the employee, anyone above them in the management line, its current approver, HR and platform staff. */
export async function readableRequest(deps: RequestDeps, requestId: string, actor: Actor): Promise<LeaveRequestRow> {
  const row = await actionable(deps, requestId);
  if (isHr(actor) || isSystemRole(actor.role) || (actor.employeeId && (actor.employeeId === row.employeeId || row.waitingFor?.employeeId === actor.employeeId))) return row;
  const employee = actor.employeeId ? await person(deps, row.employeeId) : null;
  if (employee && employee.ReportsPath.includes(`/${actor.employeeId}/`)) return row;
  throw new DomainError('UNAUTHORIZED_ACCESS', 'You may read your own leave requests, those of the people below you and those waiting for you.');
}

const STATUSES: LeaveRequestStatus[] = ['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED'];

function pageProblems(filter: LeaveRequestFilter | null | undefined, limit: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) problems.push({ field: 'limit', message: 'must be 1 to 100' });
  if (filter?.status && !STATUSES.includes(filter.status)) problems.push({ field: 'filter.status', message: `must be one of ${STATUSES.join(', ')}` });
  const hasFrom = filter?.from !== null && filter?.from !== undefined;
  const hasTo = filter?.to !== null && filter?.to !== undefined;
  if (hasFrom !== hasTo) problems.push({ field: hasFrom ? 'filter.to' : 'filter.from', message: 'give both from and to, or neither' });
  if (hasFrom && !isCalendarDate(filter!.from)) problems.push({ field: 'filter.from', message: 'must be a real date' });
  if (hasTo && !isCalendarDate(filter!.to)) problems.push({ field: 'filter.to', message: 'must be a real date' });
  if (hasFrom && hasTo && isCalendarDate(filter!.from) && isCalendarDate(filter!.to) && (filter!.to! < filter!.from! || daysBetween(filter!.from!, filter!.to!) > 366)) problems.push({ field: 'filter.to', message: 'must be from filter.from up to a year later' });
  return problems;
}

function decodeToken(token: string | null | undefined, prefix: string): Record<string, AttributeValue> | undefined {
  if (!token) return undefined;
  let entityItem: string | null = null;
  try {
    entityItem = Buffer.from(token, 'base64url').toString('utf8');
  } catch {
    entityItem = null;
  }
  if (!entityItem || !entityItem.startsWith(prefix)) throw new DomainError('INVALID_PAGINATION_TOKEN', 'The nextToken is malformed or belongs to another query; start again without it.');
  return { TenantId: { S: '' }, EntityItem: { S: entityItem } };
}

/** An employee's requests, newest start first, filtered by status and overlap with a period. */
export async function listRequests(deps: RequestDeps, employeeId: string, filter: LeaveRequestFilter | null | undefined, limit: number, nextToken: string | null | undefined): Promise<{ items: LeaveRequestRow[]; nextToken: string | null }> {
  const problems = pageProblems(filter, limit);
  if (problems.length > 0) throw invalid('The listing is invalid; see errorInfo.', problems);
  const prefix = employeeRequestsPrefix(employeeId);
  const start = decodeToken(nextToken, prefix);
  if (start) start.TenantId = { S: tenantKey(deps.tenantId) };
  const values: Record<string, AttributeValue> = { ':tenant': { S: tenantKey(deps.tenantId) } };
  const names: Record<string, string> = {};
  const filters: string[] = [];
  let condition = 'TenantId = :tenant AND begins_with(EntityItem, :prefix)';
  if (filter?.from && filter.to) {
    // a request starts at most MAX_REQUEST_DAYS before it ends: starts from there up to the period's end
    condition = 'TenantId = :tenant AND EntityItem BETWEEN :low AND :high';
    values[':low'] = { S: `${prefix}${addDays(filter.from, -31)}` };
    values[':high'] = { S: `${prefix}${filter.to}~` };
    values[':periodFrom'] = { S: filter.from };
    names['#to'] = 'to';
    filters.push('#to >= :periodFrom');
  } else values[':prefix'] = { S: prefix };
  if (filter?.status) {
    values[':status'] = { S: filter.status };
    names['#status'] = 'status';
    filters.push('#status = :status');
  }
  const page = await deps.dynamodb.send(new QueryCommand({
    TableName: deps.tables.leave,
    KeyConditionExpression: condition,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    Limit: limit,
    ConsistentRead: true,
    ...(start ? { ExclusiveStartKey: start } : {}),
  }));
  const items = (page.Items ?? []).map((i) => unmarshall(i) as LeaveRequestRow);
  const last = page.LastEvaluatedKey ? (unmarshall(page.LastEvaluatedKey) as { EntityItem: string }).EntityItem : null;
  return { items, nextToken: last ? Buffer.from(last, 'utf8').toString('base64url') : null };
}

/** Requests waiting for the actor: as an approver of their own, and (HR) those waiting for HR; oldest first. */
export async function waitingFor(deps: RequestDeps, actor: Actor, limit: number): Promise<LeaveRequestRow[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid('limit must be 1 to 100.', [{ field: 'limit', message: 'must be 1 to 100' }]);
  const refs = [...(actor.employeeId ? [actor.employeeId] : []), ...(isHr(actor) ? [HR_APPROVER] : [])];
  const lists = await Promise.all(refs.map((ref) => tenantItems<{ request: LeaveRequestRow }>(deps.dynamodb, deps.tables.leave, deps.tenantId, waitingPrefix(ref), { consistent: true })));
  return lists.flat().map((w) => w.request).filter((r) => r.employeeId !== actor.employeeId).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id)).slice(0, limit);
}

/** An employee's leave days (pending and approved) from..to, one Query on their own keys. */
export function leaveDaysOf(dynamodb: DynamoDBClient, leaveTable: string, tenantId: string, employeeId: string, from: string, to: string): Promise<LeaveDayRow[]> {
  const prefix = employeeLeaveDaysPrefix(employeeId);
  return tenantItems<LeaveDayRow>(dynamodb, leaveTable, tenantId, { from: `${prefix}${from}`, to: `${prefix}${to}` });
}

export const MAX_CALENDAR_DAYS = 62;

/**
 * Who of a department is away from..to: a page of its employees now in it (by name), each one's
 * pending and approved days that take something. HR and platform staff read any department; others
 * their own department's, or one whose head they are.
 */
export async function teamCalendar(deps: RequestDeps, actor: Actor, departmentId: string, from: string, to: string, limit: number, nextToken: string | null | undefined) {
  const problems: FieldProblem[] = [];
  if (!isValidEntityId(departmentId)) problems.push({ field: 'departmentId', message: 'must be a department\'s id' });
  if (!isCalendarDate(from)) problems.push({ field: 'from', message: 'must be a real date' });
  if (!isCalendarDate(to)) problems.push({ field: 'to', message: 'must be a real date' });
  else if (isCalendarDate(from) && (to < from || daysBetween(from, to) >= MAX_CALENDAR_DAYS)) problems.push({ field: 'to', message: `must be from ${from} up to ${MAX_CALENDAR_DAYS - 1} days later` });
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) problems.push({ field: 'limit', message: 'must be 1 to 50' });
  if (problems.length > 0) throw invalid('The calendar is invalid; see errorInfo.', problems);
  const department = await getItem<DepartmentRow>(deps, deps.tables.pim, departmentItemKey(departmentId));
  if (!department) throw new DomainError('NOT_FOUND', `No department ${departmentId} in this tenant.`);
  if (!isHr(actor) && !isSystemRole(actor.role)) {
    const me = actor.employeeId ? await person(deps, actor.employeeId) : null;
    const member = !!me && me.employment.departmentId === departmentId;
    const head = !!actor.employeeId && department.headEmployeeId === actor.employeeId;
    if (!member && !head) throw new DomainError('UNAUTHORIZED_ACCESS', 'You may read the leave calendar of your own department, or of one you head.');
  }
  const range = departmentMembersRange(departmentId);
  let start: Record<string, AttributeValue> | undefined;
  if (nextToken) {
    try {
      start = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) as Record<string, AttributeValue>;
    } catch {
      start = undefined;
    }
    if (!start || start.TenantId?.S !== tenantKey(deps.tenantId) || typeof start.DepartmentKey?.S !== 'string' || !start.DepartmentKey.S.startsWith(`${departmentId}#`)) {
      throw new DomainError('INVALID_PAGINATION_TOKEN', 'The nextToken is malformed or belongs to another query; start again without it.');
    }
  }
  const page = await deps.dynamodb.send(new QueryCommand({
    TableName: deps.tables.pim,
    IndexName: EMPLOYEES_BY_DEPARTMENT.name,
    KeyConditionExpression: 'TenantId = :tenant AND DepartmentKey BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(deps.tenantId) }, ':from': { S: range.from }, ':to': { S: range.to } },
    ProjectionExpression: 'TenantId, EntityItem, DepartmentKey, id',
    Limit: limit,
    ...(start ? { ExclusiveStartKey: start } : {}),
  }));
  const ids = (page.Items ?? []).map((i) => (unmarshall(i) as { id: string }).id);
  const days = await inPool(ids, 8, (id) => leaveDaysOf(deps.dynamodb, deps.tables.leave, deps.tenantId, id, from, to));
  const items = days.flat().filter((d) => d.amount > 0).map((d) => ({ employeeId: d.employeeId, date: d.date, requestId: d.requestId, leaveTypeId: d.leaveTypeId, status: d.status, amount: formatAmount(d.amount, d.unit) }));
  return { items, nextToken: page.LastEvaluatedKey ? Buffer.from(JSON.stringify(page.LastEvaluatedKey), 'utf8').toString('base64url') : null };
}

