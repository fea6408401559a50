/**
 * Leave requests against the local DynamoDB, given/when/then: a request goes through its chain
 * (the line manager, HR above N days, a department head), approval posts TAKEN per day with the
 * state change and a retry posts nothing twice; refusals write nothing; approvers on leave or gone
 * are skipped; cancellation gives approved days back; attendance reads approved days; another
 * tenant's ids reach nothing. Plans are fixed: weekdays 09:00-17:00 UTC, weekends rest days.
 */
import { CreateTableCommand, PutItemCommand, QueryCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentItemKey } from '../../../domain/documents/model/keys.ts';
import { DomainError } from '../../../domain/domain-error.ts';
import { employeeContractsPrefix } from '../../../domain/employment/model/keys.ts';
import type { RequestLeaveInput } from '../../../domain/generated/graphql.ts';
import { approvedLeave } from '../../../domain/leave/attendance-source.ts';
import type { ApprovalStepRow } from '../../../domain/leave/definitions.ts';
import { post, readBalance, type LedgerEntryRow } from '../../../domain/leave/ledger.ts';
import { LEAVE_PREFIXES, leaveTypeKey } from '../../../domain/leave/model/keys.ts';
import { approveLeave, cancelLeave, listRequests, readableRequest, rejectLeave, requestLeave, teamCalendar, waitingFor, type Actor, type RequestDeps } from '../../../domain/leave/request-store.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { TABLES } from '../../../domain/model/tables.ts';
import { departmentItemKey } from '../../../domain/organisation/model/keys.ts';
import { departmentKey, employeeItemKey } from '../../../domain/people/model/keys.ts';
import { createTableInput } from '../../../local/tables.ts';
import { startTestDynamo, type TestDynamo } from '../../local/dynamodb/helpers.ts';
import { contract, weekdayPlans } from './fixtures.ts';

let dynamo: TestDynamo;
const tables = { leave: 'LeaveRequests', pim: 'PimRequests', employment: 'EmploymentRequests' };
const TODAY = '2027-03-01'; // a Monday

interface World {
  deps: RequestDeps;
  sent: { to: string; kind: string; title: string }[];
  actors: Record<'employee' | 'manager' | 'boss' | 'colleague' | 'hr' | 'head', Actor>;
}

let serial = 0;

async function put(table: string, item: Record<string, unknown>) {
  await dynamo.client.send(new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }));
}

/** A tenant: boss ← manager ← employee (and a colleague under the manager), a department with a head, HR, an annual type with `balance` days. */
async function world(options: { chain?: ApprovalStepRow[]; balance?: number; type?: Record<string, unknown>; tenantId?: string } = {}): Promise<World> {
  serial += 1;
  const tenantId = options.tenantId ?? `req-${serial}`;
  const t = tenantKey(tenantId);
  const people: [string, string | null, string][] = [['boss', null, '/'], ['manager', 'boss', '/boss/'], ['employee', 'manager', '/boss/manager/'], ['colleague', 'manager', '/boss/manager/'], ['head', null, '/']];
  for (const [id, managerId, path] of people) {
    await put(tables.pim, {
      TenantId: t, EntityItem: employeeItemKey(id), id, ReportsPath: path, UserId: `user-${id}`, archived: false,
      employment: { status: 'ACTIVE', managerId, departmentId: 'dep' }, DepartmentKey: departmentKey('dep', 'ACTIVE', `${id}#x#${id}`),
    });
    await put(tables.employment, { ...contract(id, '2020-01-01'), TenantId: t, EntityItem: `${employeeContractsPrefix(id)}c1` });
  }
  await put(tables.pim, { TenantId: t, EntityItem: departmentItemKey('dep'), id: 'dep', headEmployeeId: 'head' });
  await put(tables.pim, { TenantId: t, EntityItem: documentItemKey('employee', 'note'), id: 'note' });
  await put(tables.pim, { TenantId: t, EntityItem: documentItemKey('colleague', 'other-note'), id: 'other-note' });
  await put(tables.leave, {
    TenantId: t, EntityItem: leaveTypeKey('annual'), id: 'annual', name: 'Annual leave', paid: true, unit: 'DAYS', countsHolidays: false, countsRestDays: false,
    maxConsecutiveDays: null, minNoticeDays: 0, applicableAfterServiceDays: 0, attachmentRequiredAboveDays: null, negativeBalanceLimit: 0, countsAsWorkedTime: false,
    ...(options.chain ? { approvalChain: options.chain } : {}), version: 1, createdAt: 'x', updatedAt: 'x', ...options.type,
  });
  if ((options.balance ?? 10) !== 0) await adjust(tenantId, (options.balance ?? 10) * 1000, 'seed');
  const sent: World['sent'] = [];
  const deps: RequestDeps = {
    dynamodb: dynamo.client, tables, tenantId, today: TODAY, now: `${TODAY}T10:00:00.000Z`, plans: weekdayPlans,
    hrUsers: async () => ['user-hr'],
    notify: async (to, kind, title) => { sent.push({ to, kind, title }); },
  };
  const actor = (id: string): Actor => ({ userId: `user-${id}`, role: 'TenantUser', employeeId: id });
  return { deps, sent, actors: { employee: actor('employee'), manager: actor('manager'), boss: actor('boss'), colleague: actor('colleague'), head: actor('head'), hr: { userId: 'user-hr', role: 'TenantAdmin', employeeId: null } } };
}

async function adjust(tenantId: string, amount: number, id: string, employeeId = 'employee') {
  await post({ dynamodb: dynamo.client, leaveTable: tables.leave }, { tenantId, employeeId, leaveTypeId: 'annual', unit: 'DAYS', kind: 'ADJUSTMENT', amount, date: '2027-01-01', source: `ADJ-${id}`, reason: 'seed', postedBy: 'hr', postedAt: 'x' });
}

const input = (overrides: Partial<RequestLeaveInput> = {}): RequestLeaveInput => ({ clientRequestId: `c-${(serial += 1)}`, leaveTypeId: 'annual', from: '2027-03-08', to: '2027-03-12', reason: 'Holiday', ...overrides });

async function balanceOf(w: World): Promise<number> {
  return (await readBalance({ dynamodb: dynamo.client, leaveTable: tables.leave }, w.deps.tenantId, 'employee', 'annual'))?.total ?? 0;
}

async function entries(w: World): Promise<LedgerEntryRow[]> {
  const found = await dynamo.client.send(new QueryCommand({ TableName: tables.leave, KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)', ExpressionAttributeValues: marshall({ ':t': tenantKey(w.deps.tenantId), ':p': LEAVE_PREFIXES.ledger }), ConsistentRead: true }));
  return (found.Items ?? []).map((i) => unmarshall(i) as LedgerEntryRow);
}

async function refusal(promise: Promise<unknown>): Promise<{ type: string; fields: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { type: error.errorType, fields: ((error.errorInfo() as { fields?: { field: string }[] } | undefined)?.fields ?? []).map((f) => f.field) };
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  dynamo = await startTestDynamo();
  for (const [name, table] of [[tables.leave, TABLES.Leave], [tables.pim, TABLES.PIM], [tables.employment, TABLES.Employment]] as const) {
    await dynamo.client.send(new CreateTableCommand(createTableInput(name, table)));
    await waitUntilTableExists({ client: dynamo.client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
  }
});

afterAll(async () => {
  await dynamo?.stop();
});

describe('a request through its chain', () => {
  it('given a week off, when the manager approves, then five days are taken with the state change, attendance sees them, both sides are told', async () => {
    const w = await world();
    const request = await requestLeave(w.deps, input(), w.actors.employee);
    expect(request).toMatchObject({ status: 'PENDING', total: 5000, step: 0, waitingFor: { kind: 'LINE_MANAGER', employeeId: 'manager' } });
    expect(w.sent).toEqual([expect.objectContaining({ to: 'user-manager', kind: 'LEAVE_REQUESTED' })]);
    expect((await waitingFor(w.deps, w.actors.manager, 20)).map((r) => r.id)).toEqual([request.id]);
    expect(await balanceOf(w)).toBe(10_000);

    const approved = await approveLeave(w.deps, request.id, 1, 'Enjoy', w.actors.manager);
    expect(approved).toMatchObject({ status: 'APPROVED', version: 2 });
    expect(await balanceOf(w)).toBe(5000);
    const taken = (await entries(w)).filter((e) => e.kind === 'TAKEN');
    expect(taken.map((e) => e.date)).toEqual(['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12']);
    expect(w.sent.at(-1)).toMatchObject({ to: 'user-employee', kind: 'LEAVE_DECISION', title: 'Leave approved' });
    expect(await waitingFor(w.deps, w.actors.manager, 20)).toEqual([]);

    // the same approval again (a client retry): the same answer, nothing posted twice
    expect((await approveLeave(w.deps, request.id, 1, 'Enjoy', w.actors.manager)).version).toBe(2);
    expect(await balanceOf(w)).toBe(5000);
    expect((await entries(w)).filter((e) => e.kind === 'TAKEN')).toHaveLength(5);

    const leave = await approvedLeave(dynamo.client, tables.leave).leaveDays(w.deps.tenantId, ['employee', 'colleague'], '2027-03-07', '2027-03-13');
    expect([...leave.keys()].sort()).toEqual(['employee#2027-03-08', 'employee#2027-03-09', 'employee#2027-03-10', 'employee#2027-03-11', 'employee#2027-03-12']);
  });

  it('given HR above three days, when the manager approves a week, then it waits for HR, and HR\'s approval is final', async () => {
    const w = await world({ chain: [{ kind: 'LINE_MANAGER', departmentId: null, aboveDays: null }, { kind: 'HR', departmentId: null, aboveDays: 3 }] });
    const request = await requestLeave(w.deps, input(), w.actors.employee);
    const moved = await approveLeave(w.deps, request.id, 1, null, w.actors.manager);
    expect(moved).toMatchObject({ status: 'PENDING', step: 1, waitingFor: { kind: 'HR', employeeId: null } });
    expect(await balanceOf(w)).toBe(10_000);
    expect(w.sent.map((s) => `${s.to}:${s.kind}`)).toEqual(['user-manager:LEAVE_REQUESTED', 'user-hr:LEAVE_REQUESTED', 'user-employee:LEAVE_DECISION']);
    // the manager's step is done: not theirs to decide again
    expect((await refusal(approveLeave(w.deps, request.id, 2, null, w.actors.manager))).type).toBe('UNAUTHORIZED_ACCESS');
    expect((await approveLeave(w.deps, request.id, 2, null, w.actors.hr)).status).toBe('APPROVED');
    expect(await balanceOf(w)).toBe(5000);
    // two days: the manager alone
    const short = await requestLeave(w.deps, input({ from: '2027-03-15', to: '2027-03-16' }), w.actors.employee);
    expect((await approveLeave(w.deps, short.id, 1, null, w.actors.manager)).status).toBe('APPROVED');
  });

  it('given a department head step, then the head decides', async () => {
    const w = await world({ chain: [{ kind: 'DEPARTMENT_HEAD', departmentId: 'dep', aboveDays: null }] });
    const request = await requestLeave(w.deps, input(), w.actors.employee);
    expect(request.waitingFor).toEqual({ kind: 'DEPARTMENT_HEAD', employeeId: 'head' });
    expect((await refusal(approveLeave(w.deps, request.id, 1, null, w.actors.manager))).type).toBe('UNAUTHORIZED_ACCESS');
    expect((await approveLeave(w.deps, request.id, 1, null, w.actors.head)).status).toBe('APPROVED');
  });
});

describe('delegation', () => {
  it('given the manager on approved leave today, then their step is skipped to the next, and a chain that ends with nobody falls to HR', async () => {
    const w = await world({ chain: [{ kind: 'LINE_MANAGER', departmentId: null, aboveDays: null }, { kind: 'DEPARTMENT_HEAD', departmentId: 'dep', aboveDays: null }] });
    // the manager's own leave today, approved by the boss
    await adjust(w.deps.tenantId, 3000, 'manager-seed', 'manager');
    const away = await requestLeave(w.deps, input({ employeeId: 'manager', from: TODAY, to: TODAY }), w.actors.hr);
    await approveLeave(w.deps, away.id, 1, null, w.actors.boss);
    expect((await approveLeave(w.deps, away.id, 2, null, w.actors.head)).status).toBe('APPROVED');
    const request = await requestLeave(w.deps, input(), w.actors.employee);
    expect(request.waitingFor).toEqual({ kind: 'DEPARTMENT_HEAD', employeeId: 'head' });
    expect(request.history).toEqual([expect.objectContaining({ step: 0, outcome: 'SKIPPED', note: 'the approver is on leave' })]);

    // the head has left: nobody remains, HR decides
    await put(w.deps.tables.pim, { TenantId: tenantKey(w.deps.tenantId), EntityItem: employeeItemKey('head'), id: 'head', ReportsPath: '/', UserId: 'user-head', archived: false, employment: { status: 'TERMINATED', managerId: null, departmentId: 'dep' } });
    const second = await requestLeave(w.deps, input({ from: '2027-03-15', to: '2027-03-16' }), w.actors.employee);
    expect(second).toMatchObject({ step: 2, waitingFor: { kind: 'HR', employeeId: null } });
    expect(second.history.map((e) => e.note)).toEqual(['the approver is on leave', 'the approver has left']);
    expect(w.sent.filter((s) => s.kind === 'LEAVE_REQUESTED').at(-1)).toMatchObject({ to: 'user-hr' });
    expect((await approveLeave(w.deps, second.id, 1, null, w.actors.hr)).status).toBe('APPROVED');
  });

  it('given an archived manager, then HR decides', async () => {
    const w = await world();
    await put(w.deps.tables.pim, { TenantId: tenantKey(w.deps.tenantId), EntityItem: employeeItemKey('manager'), id: 'manager', ReportsPath: '/boss/', UserId: 'user-manager', archived: true, employment: { status: 'TERMINATED', managerId: 'boss', departmentId: 'dep' } });
    const request = await requestLeave(w.deps, input(), w.actors.employee);
    expect(request.waitingFor).toEqual({ kind: 'HR', employeeId: null });
  });
});

describe('refusals write nothing', () => {
  it.each([
    ['only a weekend (zero length)', { from: '2027-03-06', to: '2027-03-07' }, 'VALIDATION_ERROR', 'input.to'],
    ['a start beyond the tenant\'s past limit', { from: '2027-01-04', to: '2027-01-05' }, 'VALIDATION_ERROR', 'input.from'],
    ['more than the balance', { from: '2027-03-08', to: '2027-03-26' }, 'VALIDATION_ERROR', 'input.leaveTypeId'],
    ['a document of another employee', { attachmentDocumentId: 'other-note' }, 'VALIDATION_ERROR', 'input.attachmentDocumentId'],
    ['an unknown type', { leaveTypeId: 'nope' }, 'NOT_FOUND', null],
  ] as const)('refuses %s', async (_case, overrides, type, field) => {
    const w = await world();
    const result = await refusal(requestLeave(w.deps, input(overrides), w.actors.employee));
    expect(result.type).toBe(type);
    if (field) expect(result.fields).toContain(field);
    expect(await listRequests(w.deps, 'employee', null, 20, null)).toEqual({ items: [], nextToken: null });
    expect(w.sent).toEqual([]);
  });

  it('given notice, service, consecutive-day and attachment rules, then each refuses by its field', async () => {
    const w = await world({ type: { minNoticeDays: 14, maxConsecutiveDays: 3, applicableAfterServiceDays: 20000, attachmentRequiredAboveDays: 2 } });
    const result = await refusal(requestLeave(w.deps, input(), w.actors.employee));
    expect(result.fields.sort()).toEqual(['input.attachmentDocumentId', 'input.from', 'input.leaveTypeId', 'input.to']);
  });

  it('given an attachment of the employee, then a request above the attachment limit is accepted', async () => {
    const w = await world({ type: { attachmentRequiredAboveDays: 2 } });
    expect((await requestLeave(w.deps, input({ attachmentDocumentId: 'note' }), w.actors.employee)).attachmentDocumentId).toBe('note');
  });

  it('given a negative-balance allowance, then a request may go that far below zero and no further', async () => {
    const w = await world({ balance: 0, type: { negativeBalanceLimit: 2000 } });
    expect((await refusal(requestLeave(w.deps, input({ from: '2027-03-08', to: '2027-03-10' }), w.actors.employee))).fields).toEqual(['input.leaveTypeId']);
    const two = await requestLeave(w.deps, input({ from: '2027-03-08', to: '2027-03-09' }), w.actors.employee);
    await approveLeave(w.deps, two.id, 1, null, w.actors.manager);
    expect(await balanceOf(w)).toBe(-2000);
  });

  it('given an overlapping pending request, then CONFLICT; once it is rejected, the days are free again', async () => {
    const w = await world();
    const first = await requestLeave(w.deps, input(), w.actors.employee);
    expect((await refusal(requestLeave(w.deps, input({ from: '2027-03-12', to: '2027-03-15' }), w.actors.employee))).type).toBe('CONFLICT');
    expect((await refusal(rejectLeave(w.deps, first.id, ' ', w.actors.manager))).fields).toEqual(['reason']);
    const rejected = await rejectLeave(w.deps, first.id, 'Busy week', w.actors.manager);
    expect(rejected.status).toBe('REJECTED');
    expect(w.sent.at(-1)).toMatchObject({ to: 'user-employee', kind: 'LEAVE_DECISION', title: 'Leave rejected' });
    expect((await requestLeave(w.deps, input({ from: '2027-03-12', to: '2027-03-15' }), w.actors.employee)).status).toBe('PENDING');
    expect((await refusal(approveLeave(w.deps, first.id, 2, null, w.actors.manager))).type).toBe('CONFLICT');
  });

  it('given two requests for the same days at once, then exactly one is filed', async () => {
    const w = await world();
    const outcomes = await Promise.allSettled([requestLeave(w.deps, input(), w.actors.employee), requestLeave(w.deps, input(), w.actors.employee)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((await listRequests(w.deps, 'employee', null, 20, null)).items).toHaveLength(1);
  });

  it('given the same clientRequestId again, then the same request; for other dates, CONFLICT', async () => {
    const w = await world();
    const once = input();
    const first = await requestLeave(w.deps, once, w.actors.employee);
    expect((await requestLeave(w.deps, once, w.actors.employee)).id).toBe(first.id);
    expect((await refusal(requestLeave(w.deps, { ...once, to: '2027-03-09' }, w.actors.employee))).type).toBe('CONFLICT');
    expect((await listRequests(w.deps, 'employee', null, 20, null)).items).toHaveLength(1);
  });

  it('given the balance spent meanwhile, then the final approval is refused and the request stays pending', async () => {
    const w = await world({ balance: 5 });
    const request = await requestLeave(w.deps, input(), w.actors.employee);
    await adjust(w.deps.tenantId, -1000, 'spent');
    expect((await refusal(approveLeave(w.deps, request.id, 1, null, w.actors.manager))).type).toBe('VALIDATION_ERROR');
    expect((await readableRequest(w.deps, request.id, w.actors.employee)).status).toBe('PENDING');
    expect(await balanceOf(w)).toBe(4000);
  });
});

describe('who may act', () => {
  it('a user asks for themselves only, HR for anyone; only the step\'s approver or HR decides, never the employee', async () => {
    const w = await world();
    expect((await refusal(requestLeave(w.deps, input({ employeeId: 'colleague' }), w.actors.employee))).type).toBe('UNAUTHORIZED_ACCESS');
    const byHr = await requestLeave(w.deps, input({ employeeId: 'employee' }), w.actors.hr);
    expect(byHr.requestedBy).toBe('user-hr');
    expect((await refusal(approveLeave(w.deps, byHr.id, 1, null, w.actors.colleague))).type).toBe('UNAUTHORIZED_ACCESS');
    expect((await refusal(approveLeave(w.deps, byHr.id, 1, null, w.actors.employee))).type).toBe('UNAUTHORIZED_ACCESS');
    expect((await refusal(approveLeave(w.deps, byHr.id, 7, null, w.actors.manager))).type).toBe('CONFLICT');
    expect((await refusal(readableRequest(w.deps, byHr.id, w.actors.colleague))).type).toBe('UNAUTHORIZED_ACCESS');
    expect((await readableRequest(w.deps, byHr.id, w.actors.boss)).id).toBe(byHr.id);
    expect((await refusal(cancelLeave(w.deps, byHr.id, w.actors.manager))).type).toBe('UNAUTHORIZED_ACCESS');
  });
});

describe('cancellation', () => {
  it('given an approved week, when the employee cancels, then the days come back once; a second cancel is a CONFLICT', async () => {
    const w = await world();
    const request = await requestLeave(w.deps, input(), w.actors.employee);
    await approveLeave(w.deps, request.id, 1, null, w.actors.manager);
    const cancelled = await cancelLeave(w.deps, request.id, w.actors.employee);
    expect(cancelled.status).toBe('CANCELLED');
    expect(await balanceOf(w)).toBe(10_000);
    expect((await entries(w)).filter((e) => e.kind === 'CANCELLED')).toHaveLength(5);
    expect((await refusal(cancelLeave(w.deps, request.id, w.actors.hr))).type).toBe('CONFLICT');
    expect((await approvedLeave(dynamo.client, tables.leave).leaveDays(w.deps.tenantId, ['employee'], '2027-03-08', '2027-03-12')).size).toBe(0);
  });

  it('given a pending request cancelled by HR, then nothing is posted, the approver\'s list empties and the employee is told', async () => {
    const w = await world();
    const request = await requestLeave(w.deps, input(), w.actors.employee);
    await cancelLeave(w.deps, request.id, w.actors.hr);
    expect(await entries(w)).toHaveLength(1); // the seed adjustment only
    expect(await waitingFor(w.deps, w.actors.manager, 20)).toEqual([]);
    expect(w.sent.at(-1)).toMatchObject({ to: 'user-employee', kind: 'LEAVE_DECISION', title: 'Leave cancelled' });
  });
});

describe('reads', () => {
  it('lists by status and period, pages, and shows the department who is away when', async () => {
    const w = await world();
    const march = await requestLeave(w.deps, input(), w.actors.employee);
    const april = await requestLeave(w.deps, input({ from: '2027-04-05', to: '2027-04-06' }), w.actors.employee);
    await approveLeave(w.deps, march.id, 1, null, w.actors.manager);
    expect((await listRequests(w.deps, 'employee', { status: 'APPROVED' }, 20, null)).items.map((r) => r.id)).toEqual([march.id]);
    expect((await listRequests(w.deps, 'employee', { from: '2027-04-01', to: '2027-04-30' }, 20, null)).items.map((r) => r.id)).toEqual([april.id]);
    const first = await listRequests(w.deps, 'employee', null, 1, null);
    expect(first.items.map((r) => r.id)).toEqual([april.id]);
    expect((await listRequests(w.deps, 'employee', null, 1, first.nextToken)).items.map((r) => r.id)).toEqual([march.id]);
    expect((await refusal(listRequests(w.deps, 'colleague', null, 1, first.nextToken))).type).toBe('INVALID_PAGINATION_TOKEN');

    const calendar = await teamCalendar(w.deps, w.actors.colleague, 'dep', '2027-03-01', '2027-04-30', 50, null);
    expect(calendar.items.map((d) => `${d.employeeId}:${d.date}:${d.status}`)).toEqual([
      ...['08', '09', '10', '11', '12'].map((d) => `employee:2027-03-${d}:APPROVED`), 'employee:2027-04-05:PENDING', 'employee:2027-04-06:PENDING',
    ]);
    expect((await refusal(teamCalendar(w.deps, w.actors.colleague, 'dep', '2027-03-01', '2027-06-30', 50, null))).fields).toEqual(['to']);
    // a user without an employee record is no member of a department without a head
    await put(tables.pim, { TenantId: tenantKey(w.deps.tenantId), EntityItem: departmentItemKey('headless'), id: 'headless', headEmployeeId: null });
    const unlinked: Actor = { userId: 'user-x', role: 'TenantUser', employeeId: null };
    expect((await refusal(teamCalendar(w.deps, unlinked, 'headless', '2027-03-01', '2027-03-31', 50, null))).type).toBe('UNAUTHORIZED_ACCESS');
    expect((await refusal(teamCalendar(w.deps, w.actors.colleague, 'headless', '2027-03-01', '2027-03-31', 50, null))).type).toBe('UNAUTHORIZED_ACCESS');
    expect((await teamCalendar(w.deps, w.actors.hr, 'headless', '2027-03-01', '2027-03-31', 50, null)).items).toEqual([]);
  });
});

describe('isolation', () => {
  it('another tenant\'s request, type and employee ids reach nothing', async () => {
    const acme = await world();
    const globex = await world();
    const request = await requestLeave(acme.deps, input(), acme.actors.employee);
    // globex's HR names acme's request id: not found in globex, and acme's request is untouched
    for (const action of [
      () => approveLeave(globex.deps, request.id, 1, null, globex.actors.hr),
      () => rejectLeave(globex.deps, request.id, 'No', globex.actors.hr),
      () => cancelLeave(globex.deps, request.id, globex.actors.hr),
      () => readableRequest(globex.deps, request.id, globex.actors.hr),
    ]) expect((await refusal(action())).type).toBe('NOT_FOUND');
    expect(await waitingFor(globex.deps, globex.actors.hr, 20)).toEqual([]);
    expect((await readableRequest(acme.deps, request.id, acme.actors.employee)).status).toBe('PENDING');
    // acme's employee and type ids mean globex's own records (or none) in globex
    expect((await refusal(requestLeave(globex.deps, input({ employeeId: 'stranger' }), globex.actors.hr))).type).toBe('NOT_FOUND');
    expect((await refusal(teamCalendar(globex.deps, globex.actors.hr, 'no-such-dep', '2027-03-01', '2027-03-31', 20, null))).type).toBe('NOT_FOUND');
  });
});
