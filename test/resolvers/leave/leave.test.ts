/**
 * Leave through the API against the local stack: HR defines types and policies (typed errors for
 * bad ones, optimistic versions), adjusts balances with a reason; the employee, their managers and
 * HR read balances and the ledger, others do not; balances project future accruals; a request end
 * to end with real clients (the manager's subscription hears of it, the approval reaches the
 * employee as LEAVE_DECISION, the balance drops, attendance shows ON_LEAVE); another tenant's ids
 * reach nothing, through every operation.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDays } from '../../../domain/attendance/store.ts';
import { approvedLeave } from '../../../domain/leave/attendance-source.ts';
import { addDays } from '../../../domain/model/dates.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { tableName, type TableId } from '../../../domain/model/tables.ts';
import { patternItemKey, shiftTypeItemKey } from '../../../domain/schedules/model/keys.ts';
import { createPlanSource } from '../../../domain/schedules/plan-source.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import { localDate } from '../../../domain/time.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { graphqlWith, signedIn, startTestStack, type Gql } from '../../support/stack.ts';

const TYPE = 'id name unit paid negativeBalanceLimit version';
const CREATE_TYPE = `mutation ($input: LeaveTypeInput!, $tenantId: ID) { createLeaveType(input: $input, tenantId: $tenantId) { ${TYPE} } }`;
const UPDATE_TYPE = `mutation ($input: UpdateLeaveTypeInput!) { updateLeaveType(input: $input) { ${TYPE} } }`;
const DELETE_TYPE = `mutation ($id: ID!, $expectedVersion: Int!) { deleteLeaveType(id: $id, expectedVersion: $expectedVersion) { id } }`;
const TYPES = `query { leaveTypes { ${TYPE} } }`;
const POLICY = 'id name leaveTypeId annualEntitlement accrualFrequency roundingStep carryForwardMax carryForwardExpiryMonths senioritySteps { afterYears extra } version';
const CREATE_POLICY = `mutation ($input: LeavePolicyInput!) { createLeavePolicy(input: $input) { ${POLICY} } }`;
const UPDATE_POLICY = `mutation ($input: UpdateLeavePolicyInput!) { updateLeavePolicy(input: $input) { ${POLICY} } }`;
const DELETE_POLICY = `mutation ($id: ID!, $expectedVersion: Int!) { deleteLeavePolicy(id: $id, expectedVersion: $expectedVersion) { id } }`;
const POLICIES = `query { leavePolicies { ${POLICY} } }`;
const ADJUST = `mutation ($input: AdjustLeaveBalanceInput!) { adjustLeaveBalance(input: $input) { id kind amount date reason postedBy } }`;
const BALANCES = `query ($employeeId: ID!, $asOf: AWSDate) { employeeLeaveBalances(employeeId: $employeeId, asOf: $asOf) { leaveTypeId unit amount asOf projected } }`;
const MY_BALANCES = `query ($asOf: AWSDate) { myLeaveBalances(asOf: $asOf) { leaveTypeId amount } }`;
const LEDGER = `query ($employeeId: ID!, $leaveTypeId: ID!, $limit: Int, $nextToken: String) {
  employeeLeaveLedger(employeeId: $employeeId, leaveTypeId: $leaveTypeId, limit: $limit, nextToken: $nextToken) { items { id kind amount date reason } nextToken } }`;
const CREATE = `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;

type Balance = { leaveTypeId: string; unit: string; amount: string; asOf: string; projected: boolean };

let stack: StackHandle;
let admin: Gql;
let globex: Gql;
let serial = 0;
const ZONE = 'America/New_York';
const today = () => localDate(new Date(), ZONE);

async function hire(gql: Gql, terms: Record<string, unknown> = {}, startDate = '2024-01-01'): Promise<string> {
  serial += 1;
  const result = await gql<{ createEmployee: { id: string } }>(CREATE, {
    input: { employeeNumber: `L-${serial}`, firstName: `Lee${serial}`, lastName: 'Leave', email: `lee${serial}@leave.test`, contract: { startDate, terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', ...terms } } },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.createEmployee.id;
}

async function leaveType(gql: Gql, input: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  serial += 1;
  const result = await gql<{ createLeaveType: { id: string; version: number } }>(CREATE_TYPE, { input: { name: `Annual ${serial}`, paid: true, unit: 'DAYS', ...input } });
  expect(result.errors).toBeUndefined();
  return result.data!.createLeaveType;
}

function policyInput(leaveTypeId: string, extra: Record<string, unknown> = {}) {
  return { name: 'Standard', leaveTypeId, effectiveFrom: '2020-01-01', annualEntitlement: '25', accrualFrequency: 'MONTHLY', ...extra };
}

async function balances(gql: Gql, employeeId: string, asOf?: string) {
  return gql<{ employeeLeaveBalances: Balance[] }>(BALANCES, { employeeId, ...(asOf ? { asOf } : {}) });
}

const fieldsOf = (result: { errors?: { errorInfo: unknown }[] }) => ((result.errors?.[0]?.errorInfo as { fields?: { field: string }[] })?.fields ?? []).map((f) => f.field);

beforeAll(async () => {
  stack = await startTestStack();
  await stack.onboardTenant({ tenantId: 'acme', settings: { timeZone: ZONE } });
  [admin, globex] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' })]);
});

afterAll(async () => {
  await stack?.stop();
});

describe('leave types and policies', () => {
  it('given HR, when it defines a type and a policy, then every user of the tenant reads them', async () => {
    const type = await leaveType(admin, { unit: 'HOURS', negativeBalanceLimit: '7.5' });
    expect(type).toMatchObject({ unit: 'HOURS', negativeBalanceLimit: '7.5', version: 1 });
    const created = await admin<{ createLeavePolicy: { id: string; annualEntitlement: string; roundingStep: string } }>(CREATE_POLICY, {
      input: policyInput(type.id, { annualEntitlement: '200', carryForwardMax: '40', carryForwardExpiryMonths: 3, senioritySteps: [{ afterYears: 5, extra: '15.25' }] }),
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createLeavePolicy).toMatchObject({ annualEntitlement: '200', roundingStep: '0.02', carryForwardMax: '40', senioritySteps: [{ afterYears: 5, extra: '15.25' }] });
    const user = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser' });
    const read = await user<{ leaveTypes: { id: string }[]; }>(TYPES);
    expect(read.data!.leaveTypes.map((t) => t.id)).toContain(type.id);
    const policies = await user<{ leavePolicies: { id: string }[] }>(POLICIES);
    expect(policies.data!.leavePolicies.map((p) => p.id)).toContain(created.data!.createLeavePolicy.id);
  });

  it.each([
    ['a negative entitlement', { annualEntitlement: '-5' }, 'input.annualEntitlement'],
    ['expiry before the carry-forward', { carryForwardMax: '5', carryForwardExpiryMonths: 0 }, 'input.carryForwardExpiryMonths'],
    ['an expiry with nothing carried', { carryForwardMax: '0', carryForwardExpiryMonths: 3 }, 'input.carryForwardExpiryMonths'],
    ['more decimals than the unit has', { annualEntitlement: '25.0001' }, 'input.annualEntitlement'],
    ['pay-period fields on a monthly policy', { payPeriodDays: 14 }, 'input.payPeriodDays'],
    ['a pay-period policy without its period', { accrualFrequency: 'PAY_PERIOD' }, 'input.payPeriodDays'],
    ['seniority steps out of order', { senioritySteps: [{ afterYears: 5, extra: '2' }, { afterYears: 3, extra: '1' }] }, 'input.senioritySteps.1.afterYears'],
    ['a zero rounding step', { roundingStep: '0' }, 'input.roundingStep'],
  ])('refuses a policy with %s, naming the field, writing nothing', async (_case, extra, field) => {
    const type = await leaveType(admin);
    const result = await admin(CREATE_POLICY, { input: policyInput(type.id, extra) });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect(fieldsOf(result)).toContain(field);
    const policies = await admin<{ leavePolicies: { leaveTypeId: string }[] }>(POLICIES);
    expect(policies.data!.leavePolicies.some((p) => p.leaveTypeId === type.id)).toBe(false);
  });

  it('refuses amounts in the wrong unit: half days of a half-day type, whole minutes of an hours type', async () => {
    const halves = await leaveType(admin, { unit: 'HALF_DAYS' });
    expect(fieldsOf(await admin(CREATE_POLICY, { input: policyInput(halves.id, { carryForwardMax: '2.3' }) }))).toEqual(['input.carryForwardMax']);
    const hours = await leaveType(admin, { unit: 'HOURS' });
    expect(fieldsOf(await admin(CREATE_POLICY, { input: policyInput(hours.id, { annualEntitlement: '100.01' }) }))).toEqual(['input.annualEntitlement']);
    expect(fieldsOf(await admin(CREATE_TYPE, { input: { name: 'Bad', paid: true, unit: 'DAYS', minNoticeDays: -1, negativeBalanceLimit: '-1' } }))).toEqual(['input.minNoticeDays', 'input.negativeBalanceLimit']);
  });

  it('changes only the version read, and refuses to delete a type a policy uses', async () => {
    const type = await leaveType(admin);
    const update = (expectedVersion: number, name: string) => admin<{ updateLeaveType: { name: string; version: number } }>(UPDATE_TYPE, { input: { id: type.id, expectedVersion, type: { name, paid: false, unit: 'DAYS' } } });
    expect((await update(1, 'Renamed')).data!.updateLeaveType).toMatchObject({ name: 'Renamed', version: 2 });
    expect((await update(1, 'Stale')).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    const policy = (await admin<{ createLeavePolicy: { id: string; version: number } }>(CREATE_POLICY, { input: policyInput(type.id) })).data!.createLeavePolicy;
    expect((await admin(DELETE_TYPE, { id: type.id, expectedVersion: 2 })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    // a type with policies keeps its unit: their amounts are in it
    expect(fieldsOf(await admin(UPDATE_TYPE, { input: { id: type.id, expectedVersion: 2, type: { name: 'x', paid: true, unit: 'HOURS' } } }))).toEqual(['input.type.unit']);
    const changed = await admin<{ updateLeavePolicy: { annualEntitlement: string; version: number } }>(UPDATE_POLICY, { input: { id: policy.id, expectedVersion: 1, policy: policyInput(type.id, { annualEntitlement: '30' }) } });
    expect(changed.data!.updateLeavePolicy).toMatchObject({ annualEntitlement: '30', version: 2 });
    expect((await admin(DELETE_POLICY, { id: policy.id, expectedVersion: 1 })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    expect((await admin(DELETE_POLICY, { id: policy.id, expectedVersion: 2 })).errors).toBeUndefined();
    expect((await admin(DELETE_TYPE, { id: type.id, expectedVersion: 2 })).errors).toBeUndefined();
    expect((await admin(DELETE_TYPE, { id: type.id, expectedVersion: 2 })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
  });
});

describe('balances and the ledger', () => {
  it('given an adjustment with a reason, then the employee, their manager and HR read it; a colleague does not', async () => {
    const type = await leaveType(admin);
    const boss = await hire(admin);
    const employee = await hire(admin, { managerId: boss });
    const colleague = await hire(admin);
    const adjusted = await admin<{ adjustLeaveBalance: { kind: string; amount: string; reason: string; postedBy: string } }>(ADJUST, {
      input: { employeeId: employee, leaveTypeId: type.id, amount: '2.5', reason: 'Welcome days', date: '2026-01-15', adjustmentId: `adj-${serial}` },
    });
    expect(adjusted.errors).toBeUndefined();
    expect(adjusted.data!.adjustLeaveBalance).toMatchObject({ kind: 'ADJUSTMENT', amount: '2.5', reason: 'Welcome days' });
    // the same adjustment again is the same entry, not a second one
    expect((await admin(ADJUST, { input: { employeeId: employee, leaveTypeId: type.id, amount: '2.5', reason: 'Welcome days', date: '2026-01-15', adjustmentId: `adj-${serial}` } })).errors).toBeUndefined();
    expect((await admin(ADJUST, { input: { employeeId: employee, leaveTypeId: type.id, amount: '-1', reason: 'Correction', date: '2026-02-01' } })).errors).toBeUndefined();

    const amountFor = (rows: Balance[]) => rows.find((b) => b.leaveTypeId === type.id)?.amount;
    const own = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: employee });
    const manager = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: boss });
    const other = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: colleague });
    expect(amountFor((await balances(admin, employee)).data!.employeeLeaveBalances)).toBe('1.5');
    expect(amountFor((await balances(manager, employee)).data!.employeeLeaveBalances)).toBe('1.5');
    expect(amountFor((await own<{ myLeaveBalances: Balance[] }>(MY_BALANCES)).data!.myLeaveBalances)).toBe('1.5');
    expect((await balances(other, employee)).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await other(LEDGER, { employeeId: employee, leaveTypeId: type.id })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    // as of a day between the two entries
    expect(amountFor((await balances(admin, employee, '2026-01-20')).data!.employeeLeaveBalances)).toBe('2.5');

    const first = await own<{ employeeLeaveLedger: { items: { kind: string; amount: string; reason: string }[]; nextToken: string | null } }>(LEDGER, { employeeId: employee, leaveTypeId: type.id, limit: 1 });
    expect(first.data!.employeeLeaveLedger.items).toEqual([expect.objectContaining({ amount: '-1', reason: 'Correction' })]);
    const second = await own<{ employeeLeaveLedger: { items: { amount: string }[]; nextToken: string | null } }>(LEDGER, { employeeId: employee, leaveTypeId: type.id, limit: 1, nextToken: first.data!.employeeLeaveLedger.nextToken });
    expect(second.data!.employeeLeaveLedger.items.map((i) => i.amount)).toEqual(['2.5']);
  });

  it('refuses an adjustment without a reason, of zero, or for a user who is not HR', async () => {
    const type = await leaveType(admin);
    const employee = await hire(admin);
    expect(fieldsOf(await admin(ADJUST, { input: { employeeId: employee, leaveTypeId: type.id, amount: '0', reason: ' ' } }))).toEqual(['input.amount', 'input.reason']);
    const user = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: employee });
    expect((await user(ADJUST, { input: { employeeId: employee, leaveTypeId: type.id, amount: '10', reason: 'Gift to myself' } })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
  });

  it('projects a future day: posted entries plus the monthly accruals not posted yet', async () => {
    const type = await leaveType(admin);
    expect((await admin(CREATE_POLICY, { input: policyInput(type.id, { annualEntitlement: '12' }) })).errors).toBeUndefined();
    const employee = await hire(admin);
    const now = today();
    const inThreeMonths = addDays(`${now.slice(0, 7)}-01`, 95).slice(0, 7);
    const asOf = `${inThreeMonths}-01`;
    const projected = (await balances(admin, employee, asOf)).data!.employeeLeaveBalances.find((b) => b.leaveTypeId === type.id)!;
    // this month and the next two end before asOf: one day each
    expect(projected).toMatchObject({ projected: true, amount: '3', asOf });
    const current = (await balances(admin, employee)).data!.employeeLeaveBalances.find((b) => b.leaveTypeId === type.id)!;
    expect(current).toMatchObject({ projected: false, amount: '0', asOf: now });
  });
});

describe('isolation', () => {
  it('another tenant\'s employee, type and policy ids reach nothing through any operation', async () => {
    const type = await leaveType(admin);
    const policy = (await admin<{ createLeavePolicy: { id: string } }>(CREATE_POLICY, { input: policyInput(type.id) })).data!.createLeavePolicy;
    const employee = await hire(admin);
    expect((await admin(ADJUST, { input: { employeeId: employee, leaveTypeId: type.id, amount: '3', reason: 'Seed' } })).errors).toBeUndefined();
    const globexType = await leaveType(globex);
    const globexEmployee = await hire(globex);

    expect((await balances(globex, employee)).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(LEDGER, { employeeId: employee, leaveTypeId: type.id })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(ADJUST, { input: { employeeId: employee, leaveTypeId: globexType.id, amount: '3', reason: 'Reach' } })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(ADJUST, { input: { employeeId: globexEmployee, leaveTypeId: type.id, amount: '3', reason: 'Reach' } })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(UPDATE_TYPE, { input: { id: type.id, expectedVersion: 1, type: { name: 'Taken over', paid: true, unit: 'DAYS' } } })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(DELETE_TYPE, { id: type.id, expectedVersion: 1 })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(fieldsOf(await globex(CREATE_POLICY, { input: policyInput(type.id) }))).toEqual(['input.leaveTypeId']);
    expect((await globex(UPDATE_POLICY, { input: { id: policy.id, expectedVersion: 1, policy: policyInput(globexType.id) } })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(DELETE_POLICY, { id: policy.id, expectedVersion: 1 })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex<{ leaveTypes: { id: string }[] }>(TYPES)).data!.leaveTypes.map((t) => t.id)).not.toContain(type.id);
    expect((await globex<{ leavePolicies: { id: string }[] }>(POLICIES)).data!.leavePolicies.map((p) => p.id)).not.toContain(policy.id);
    // a globex user whose employee claim names acme's employee sees nothing of acme's
    const claimed = await signedIn(stack, { tenantId: 'globex', role: 'TenantUser', employeeId: employee });
    const mine = await claimed<{ myLeaveBalances: Balance[] }>(MY_BALANCES);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myLeaveBalances.every((b) => b.amount === '0' && b.leaveTypeId !== type.id)).toBe(true);
    // and acme's balance is as it was
    expect((await balances(admin, employee)).data!.employeeLeaveBalances.find((b) => b.leaveTypeId === type.id)?.amount).toBe('3');
  });
});

const REQUEST = 'id employeeId leaveTypeId from to amount status step waitingFor { kind employeeId } version days { date amount }';
const R = {
  request: `mutation ($input: RequestLeaveInput!, $tenantId: ID) { requestLeave(input: $input, tenantId: $tenantId) { ${REQUEST} } }`,
  approve: `mutation ($id: ID!, $expectedVersion: Int!, $tenantId: ID) { approveLeave(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { ${REQUEST} } }`,
  reject: `mutation ($id: ID!, $reason: String!, $tenantId: ID) { rejectLeave(id: $id, reason: $reason, tenantId: $tenantId) { ${REQUEST} } }`,
  cancel: `mutation ($id: ID!, $tenantId: ID) { cancelLeave(id: $id, tenantId: $tenantId) { ${REQUEST} } }`,
  one: `query ($id: ID!, $tenantId: ID) { leaveRequest(id: $id, tenantId: $tenantId) { ${REQUEST} } }`,
  mine: `query ($filter: LeaveRequestFilter) { myLeaveRequests(filter: $filter) { items { ${REQUEST} } nextToken } }`,
  waiting: `query ($tenantId: ID) { leaveRequestsWaitingForMe(tenantId: $tenantId) { ${REQUEST} } }`,
  employee: `query ($employeeId: ID!, $tenantId: ID) { employeeLeaveRequests(employeeId: $employeeId, tenantId: $tenantId) { items { ${REQUEST} } } }`,
  calendar: `query ($departmentId: ID!, $from: AWSDate!, $to: AWSDate!, $tenantId: ID) { teamLeaveCalendar(departmentId: $departmentId, from: $from, to: $to, tenantId: $tenantId) { items { employeeId date status amount } nextToken } }`,
  department: `mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`,
  attendance: `query ($month: String!) { myAttendance(month: $month) { days { date status } } }`,
};

/** A 09:00-17:00 shift every day (the schedules module's rows), for the employees of the request tests. */
const EVERY_DAY = 'leave-every-day';
let sessions: ReturnType<typeof tenantClients>;

beforeAll(async () => {
  sessions = tenantClients({ roleArn: process.env.TENANT_ROLE_ARN! });
  const { dynamodb } = await sessions.forTenant('acme');
  const stored = { TenantId: tenantKey('acme'), version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  await dynamodb.send(new PutItemCommand({ TableName: tableName('WorkSchedule', stack.stage), Item: marshall({ ...stored, EntityItem: shiftTypeItemKey('leave-day'), id: 'leave-day', name: 'Day', start: '09:00', end: '17:00', breakMinutes: 30, graceLateMinutes: 5, graceEarlyMinutes: 5, windowBeforeMinutes: 120, windowAfterMinutes: 240, halfDayMinutes: 240, fullDayMinutes: 450, overtime: {}, archived: false }) }));
  await dynamodb.send(new PutItemCommand({ TableName: tableName('WorkSchedule', stack.stage), Item: marshall({ ...stored, EntityItem: patternItemKey(EVERY_DAY), id: EVERY_DAY, name: 'Every day', cycleDays: 1, anchorDate: '2026-01-05', days: ['leave-day'], archived: false }) }));
});

afterAll(() => {
  sessions?.destroy();
});

describe('leave requests end to end', () => {
  async function subscribe(token: string) {
    const { RealtimeClient } = await import('../../fixtures/appsync/realtime/harness.ts');
    const host = new URL(stack.graphql.http).host;
    const client = RealtimeClient.connect(stack.graphql.http, { Authorization: token, host });
    await client.init();
    client.send({ type: 'start', id: 'n', payload: { data: JSON.stringify({ query: 'subscription { onNotification { kind title } }', variables: {} }), extensions: { authorization: { Authorization: token, host } } } });
    await client.next('start_ack', 'n');
    return client;
  }

  /** A user linked to an employee, signed in; their token for the real-time endpoint too. */
  async function person(employeeId: string) {
    serial += 1;
    const email = `leave-${serial}@acme.test`;
    await stack.addUser({ email, tenantId: 'acme', role: 'TenantUser', employeeId });
    const token = await stack.signIn(email);
    return { token, gql: graphqlWith(stack, token) };
  }

  it('the employee asks, the manager hears of it live and approves, the employee hears the decision, the balance drops and attendance shows ON_LEAVE', async () => {
    // two days of leave to take
    const { dynamodb } = await sessions.forTenant('acme');
    const type = await leaveType(admin);
    const boss = await hire(admin);
    const employee = await hire(admin, { managerId: boss, workScheduleId: EVERY_DAY });
    expect((await admin(ADJUST, { input: { employeeId: employee, leaveTypeId: type.id, amount: '2', reason: 'Starting balance' } })).errors).toBeUndefined();
    const [me, manager] = await Promise.all([person(employee), person(boss)]);
    const [mySocket, managerSocket] = await Promise.all([subscribe(me.token), subscribe(manager.token)]);
    try {
      const day = addDays(today(), -2);
      const asked = await me.gql<{ requestLeave: { id: string; status: string; amount: string; waitingFor: { employeeId: string } } }>(R.request, { input: { clientRequestId: 'e2e-1', leaveTypeId: type.id, from: day, to: day, reason: 'Family' } });
      expect(asked.errors).toBeUndefined();
      expect(asked.data!.requestLeave).toMatchObject({ status: 'PENDING', amount: '1', waitingFor: { employeeId: boss } });
      expect((await managerSocket.next('data', 'n')).payload?.data).toMatchObject({ onNotification: { kind: 'LEAVE_REQUESTED' } });
      const id = asked.data!.requestLeave.id;
      expect((await manager.gql<{ leaveRequestsWaitingForMe: { id: string }[] }>(R.waiting)).data!.leaveRequestsWaitingForMe.map((r) => r.id)).toEqual([id]);
      // the employee cannot approve their own; the manager can, once
      expect((await me.gql(R.approve, { id, expectedVersion: 1 })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
      const approved = await manager.gql<{ approveLeave: { status: string; version: number } }>(R.approve, { id, expectedVersion: 1 });
      expect(approved.data!.approveLeave).toMatchObject({ status: 'APPROVED', version: 2 });
      expect((await mySocket.next('data', 'n')).payload?.data).toMatchObject({ onNotification: { kind: 'LEAVE_DECISION', title: 'Leave approved' } });
      expect((await balances(me.gql, employee)).data!.employeeLeaveBalances.find((b) => b.leaveTypeId === type.id)?.amount).toBe('1');
      expect((await me.gql<{ myLeaveRequests: { items: { id: string; status: string }[] } }>(R.mine, { filter: { status: 'APPROVED' } })).data!.myLeaveRequests.items.map((r) => r.id)).toEqual([id]);

      // attendance's generation reads the approved day through the leave module's seam
      const table = (t: TableId) => tableName(t, stack.stage);
      await generateDays({ dynamodb, table: table('TimeAttendance'), plans: createPlanSource({ dynamodb, tableName: table, tenantZone: async () => ZONE }), leave: approvedLeave(dynamodb, table('Leave')) }, 'acme', [employee], day, day, new Date());
      const month = await me.gql<{ myAttendance: { days: { date: string; status: string }[] } }>(R.attendance, { month: day.slice(0, 7) });
      expect(month.data!.myAttendance.days.find((d) => d.date === day)).toMatchObject({ status: 'ON_LEAVE' });

      // cancelled after approval: the day comes back
      expect((await me.gql<{ cancelLeave: { status: string } }>(R.cancel, { id })).data!.cancelLeave.status).toBe('CANCELLED');
      expect((await balances(admin, employee)).data!.employeeLeaveBalances.find((b) => b.leaveTypeId === type.id)?.amount).toBe('2');
    } finally {
      for (const socket of [mySocket, managerSocket]) socket.socket.close();
    }
  });

  it('refuses a type whose chain names no department for a head, and a request over a weekend-free zero length', async () => {
    const bad = await admin(CREATE_TYPE, { input: { name: 'Chained', paid: true, unit: 'DAYS', approvalChain: [{ kind: 'DEPARTMENT_HEAD' }, { kind: 'HR', aboveDays: -1 }] } });
    expect(fieldsOf(bad)).toEqual(['input.approvalChain.0.departmentId', 'input.approvalChain.1.aboveDays']);
    // a department of another tenant (or none) is no department here
    const globexDepartment = (await globex<{ createDepartment: { id: string } }>(R.department, { input: { name: `Globex team ${serial}` } })).data!.createDepartment.id;
    expect(fieldsOf(await admin(CREATE_TYPE, { input: { name: 'Headed', paid: true, unit: 'DAYS', approvalChain: [{ kind: 'DEPARTMENT_HEAD', departmentId: globexDepartment }] } }))).toEqual(['input.approvalChain.0.departmentId']);
    const type = await leaveType(admin, { approvalChain: [{ kind: 'LINE_MANAGER' }, { kind: 'HR', aboveDays: 3 }] });
    // an employee without a schedule: no day of theirs counts
    const employee = await hire(admin);
    const result = await admin(R.request, { input: { clientRequestId: 'zero', employeeId: employee, leaveTypeId: type.id, from: today(), to: today(), reason: 'x' } });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect(fieldsOf(result)).toEqual(['input.to']);
  });
});

describe('leave requests: isolation', () => {
  it('another tenant\'s request, type, employee and department ids reach nothing through any request operation', async () => {
    const type = await leaveType(admin, { negativeBalanceLimit: '5' });
    const department = (await admin<{ createDepartment: { id: string } }>(R.department, { input: { name: `Leave team ${serial}` } })).data!.createDepartment.id;
    const employee = await hire(admin, { workScheduleId: EVERY_DAY, departmentId: department });
    const asked = await admin<{ requestLeave: { id: string } }>(R.request, { input: { clientRequestId: 'iso-1', employeeId: employee, leaveTypeId: type.id, from: today(), to: today(), reason: 'x' } });
    expect(asked.errors).toBeUndefined();
    const requestId = asked.data!.requestLeave.id;
    expect((await admin<{ teamLeaveCalendar: { items: { employeeId: string }[] } }>(R.calendar, { departmentId: department, from: today(), to: today() })).data!.teamLeaveCalendar.items.map((d) => d.employeeId)).toEqual([employee]);
    const globexType = await leaveType(globex);
    const refused = async (query: string, variables: Record<string, unknown>, errorType = 'NOT_FOUND') => expect((await globex(query, variables)).errors?.[0]).toMatchObject({ errorType });
    await refused(R.approve, { id: requestId, expectedVersion: 1 });
    await refused(R.reject, { id: requestId, reason: 'no' });
    await refused(R.cancel, { id: requestId });
    await refused(R.one, { id: requestId });
    await refused(R.employee, { employeeId: employee });
    await refused(R.request, { input: { clientRequestId: 'iso-2', employeeId: employee, leaveTypeId: globexType.id, from: today(), to: today(), reason: 'x' } });
    await refused(R.calendar, { departmentId: department, from: today(), to: today() });
    expect((await globex<{ leaveRequestsWaitingForMe: unknown[] }>(R.waiting)).data!.leaveRequestsWaitingForMe).toEqual([]);
    // a globex user whose employee claim names acme's employee has no requests there
    const claimed = await signedIn(stack, { tenantId: 'globex', role: 'TenantUser', employeeId: employee });
    expect((await claimed<{ myLeaveRequests: { items: unknown[] } }>(R.mine)).data!.myLeaveRequests.items).toEqual([]);
    // an acme user names acme's ids in globex with tenantId: refused by the authorizer
    const user = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: employee });
    expect((await user(R.one, { id: requestId, tenantId: 'globex' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    // and acme's request is as it was
    expect((await user<{ leaveRequest: { status: string } }>(R.one, { id: requestId })).data!.leaveRequest.status).toBe('PENDING');
  });
});
