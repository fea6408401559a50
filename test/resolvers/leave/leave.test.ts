/**
 * Leave through the API against the local stack: HR defines types and policies (typed errors for
 * bad ones, optimistic versions), adjusts balances with a reason; the employee, their managers and
 * HR read balances and the ledger, others do not; balances project future accruals; another
 * tenant's ids reach nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/model/dates.ts';
import { localDate } from '../../../domain/time.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql } from '../../support/stack.ts';

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
