/**
 * AIML-SaaS-Employee-Earn-AL against the local stack, with the tenant's own credentials: given
 * employees hired, amended and terminated through the API and a policy, when a month is run, then
 * each earns exactly their share; again, nothing; after a correction, only the difference; at year
 * end the cut to the cap, and later only the unused carried part expires; a crash halfway resumes.
 */
import { DEFAULT_TENANT_SETTINGS } from '../../domain/tenancy/registry.ts';
import { DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobFromItem, jobKey } from '../../domain/jobs/engine.ts';
import { postCancellation, postTaken, type LedgerEntryRow } from '../../domain/leave/ledger.ts';
import { LEAVE_PREFIXES, ledgerPrefix } from '../../domain/leave/model/keys.ts';
import type { EarnRunnerPayload } from '../../domain/leave/runner-payload.ts';
import { createLogger } from '../../domain/logger.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { tableName, type TableId } from '../../domain/model/tables.ts';
import type { TenantProfile } from '../../domain/tenancy/settings.ts';
import { tenantClients, type TenantClients } from '../../domain/tenant-credentials.ts';
import { runEarnPeriod } from '../../jobs/runners/earn-al.ts';
import type { StackHandle } from '../../local/stack.ts';
import { eventually } from '../support/eventually.ts';
import { signedIn, startTestStack, type Gql } from '../support/stack.ts';

const ZONE = 'Europe/Berlin';
const CREATE = `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;
const CONTRACTS = `query ($employeeId: ID!) { employeeContracts(employeeId: $employeeId) { id version } }`;
const AMEND = `mutation ($input: AmendContractInput!) { amendContract(input: $input) { id } }`;
const CREATE_TYPE = `mutation ($input: LeaveTypeInput!) { createLeaveType(input: $input) { id } }`;
const CREATE_POLICY = `mutation ($input: LeavePolicyInput!) { createLeavePolicy(input: $input) { id version } }`;
const UPDATE_POLICY = `mutation ($input: UpdateLeavePolicyInput!) { updateLeavePolicy(input: $input) { id version } }`;
const CREATE_JOB = `mutation ($input: CreateJobInput!) { createJob(input: $input) { id status } }`;
const JOB_RUNS = `query ($id: ID!) { job(id: $id) { runs { items { outcome progress { done total unit } } } } }`;
const CREATE_DEPARTMENT = `mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`;

let stack: StackHandle;
let admin: Gql;
let globexAdmin: Gql;
let system: DynamoDBClient;
let tenants: TenantClients;
let profile: TenantProfile;
let serial = 0;
const quiet = createLogger({ service: 'test', level: 'error', write: () => undefined });

async function hire(gql: Gql, startDate: string, terms: Record<string, unknown> = {}, contract: Record<string, unknown> = {}): Promise<string> {
  if (typeof terms.departmentId === 'string') terms = { ...terms, departmentId: await department(gql, terms.departmentId) };
  serial += 1;
  const result = await gql<{ createEmployee: { id: string } }>(CREATE, {
    input: { employeeNumber: `E-${serial}`, firstName: `Earn${serial}`, lastName: 'Al', email: `earn${serial}@earn.test`, contract: { startDate, terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', ...terms }, ...contract } },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.createEmployee.id;
}

/** A department of the tenant, named by its test, so each test's policy applies to its own employees only. */
const departments = new Map<string, string>();
async function department(gql: Gql, name: string): Promise<string> {
  if (!departments.has(name)) {
    const created = await gql<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, { input: { name } });
    expect(created.errors).toBeUndefined();
    departments.set(name, created.data!.createDepartment.id);
  }
  return departments.get(name)!;
}

/** A type and a policy for the employees of a department of their own. */
async function policy(gql: Gql, name: string, extra: Record<string, unknown> = {}): Promise<{ typeId: string; policyId: string; input: Record<string, unknown> }> {
  const departmentId = await department(gql, name);
  serial += 1;
  const type = await gql<{ createLeaveType: { id: string } }>(CREATE_TYPE, { input: { name: `Annual ${serial}`, paid: true, unit: 'DAYS' } });
  expect(type.errors).toBeUndefined();
  const typeId = type.data!.createLeaveType.id;
  const input = { name: 'Annual', leaveTypeId: typeId, appliesTo: { departmentId }, effectiveFrom: '2020-01-01', annualEntitlement: '24', accrualFrequency: 'MONTHLY', ...extra };
  const created = await gql<{ createLeavePolicy: { id: string } }>(CREATE_POLICY, { input });
  expect(created.errors).toBeUndefined();
  return { typeId, policyId: created.data!.createLeavePolicy.id, input };
}

function run(period: string, tenantId = 'acme', clientsOf = tenantId) {
  return tenants.forTenant(clientsOf).then((clients) => runEarnPeriod({
    tenantId,
    payload: { period } satisfies EarnRunnerPayload,
    occurrenceAt: new Date().toISOString(),
    now: new Date(),
    tenant: profile,
    clients: { dynamodb: clients.dynamodb },
    tableName: (id: TableId) => tableName(id, stack.stage),
    log: quiet,
    progress: async () => undefined,
  }));
}

/** The ledger and the balance item of one employee and type, as stored. */
async function stored(employeeId: string, typeId: string, tenantId = 'acme') {
  const entries = await system.send(new QueryCommand({
    TableName: tableName('Leave', stack.stage),
    KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
    ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) }, ':p': { S: ledgerPrefix(employeeId, typeId) } },
    ConsistentRead: true,
  }));
  const rows = (entries.Items ?? []).map((i) => unmarshall(i) as LedgerEntryRow);
  const balance = await system.send(new GetItemCommand({ TableName: tableName('Leave', stack.stage), Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: `${LEAVE_PREFIXES.balance}${employeeId}#${typeId}` } }, ConsistentRead: true }));
  const item = balance.Item ? (unmarshall(balance.Item) as { total: number; entries: number }) : { total: 0, entries: 0 };
  expect(item.total).toBe(rows.reduce((s, r) => s + r.amount, 0));
  expect(item.entries).toBe(rows.length);
  return { rows, total: item.total };
}

beforeAll(async () => {
  stack = await startTestStack();
  const acme = await stack.onboardTenant({ tenantId: 'acme', settings: { timeZone: ZONE } });
  profile = { settings: { ...DEFAULT_TENANT_SETTINGS, timeZone: ZONE }, userPoolId: acme.identity.userPoolId, status: 'active' };
  [admin, globexAdmin] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' })]);
  system = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
  tenants = tenantClients({ roleArn: process.env.TENANT_ROLE_ARN! });
});

afterAll(async () => {
  tenants?.destroy();
  system?.destroy();
  await stack?.stop();
});

describe('a month', () => {
  it('accrues each employee\'s share: full-time, a joiner from the hire date, a part-timer from the amendment, a leaver to the last day', async () => {
    const { typeId } = await policy(admin, 'd-month');
    const full = await hire(admin, '2024-01-01', { departmentId: 'd-month' });
    const joiner = await hire(admin, '2027-03-16', { departmentId: 'd-month' });
    const partTimer = await hire(admin, '2024-01-01', { departmentId: 'd-month' });
    const [contract] = (await admin<{ employeeContracts: { id: string; version: number }[] }>(CONTRACTS, { employeeId: partTimer })).data!.employeeContracts;
    expect((await admin(AMEND, { input: { employeeId: partTimer, contractId: contract!.id, expectedVersion: contract!.version, effectiveFrom: '2027-03-17', reason: 'part-time', changes: { ftePercent: 50 } } })).errors).toBeUndefined();
    const leaver = await hire(admin, '2024-01-01', { departmentId: 'd-month' }, { endDate: '2027-03-10' });

    const first = await run('2027-03');
    expect(first.posted).toBeGreaterThanOrEqual(4);
    // 24 a year: 2 a month; March has 31 days
    expect((await stored(full, typeId)).total).toBe(2000);
    expect((await stored(joiner, typeId)).total).toBe(Math.round((2000 * 16) / 31));
    expect((await stored(partTimer, typeId)).total).toBe(Math.round((2000 * 16) / 31 + (1000 * 15) / 31));
    expect((await stored(leaver, typeId)).total).toBe(Math.round((2000 * 10) / 31));

    // a duplicate delivery, a re-run: nothing more
    const [again, duplicate] = await Promise.all([run('2027-03'), run('2027-03')]);
    expect(again.posted + duplicate.posted).toBe(0);
    expect((await stored(full, typeId)).rows).toHaveLength(1);
  });

  it('after a policy correction, a re-run of the past month posts only the difference, as an ADJUSTMENT', async () => {
    const { typeId, policyId, input } = await policy(admin, 'd-fix');
    const employee = await hire(admin, '2024-01-01', { departmentId: 'd-fix' });
    await run('2027-04');
    expect((await stored(employee, typeId)).total).toBe(2000);
    const fixed = await admin(UPDATE_POLICY, { input: { id: policyId, expectedVersion: 1, policy: { ...input, annualEntitlement: '30' } } });
    expect(fixed.errors).toBeUndefined();
    const rerun = await run('2027-04');
    expect(rerun.posted).toBe(1);
    const { rows, total } = await stored(employee, typeId);
    expect(total).toBe(2500);
    expect(rows.map((r) => [r.kind, r.amount])).toEqual([['ACCRUAL', 2000], ['ADJUSTMENT', 500]]);
    expect((await run('2027-04')).posted).toBe(0);
  });
});

describe('year end', () => {
  it('regression (carry-forward after a calendar change, frappe/hrms #2770): the cut works on the ledger at year end, under the policy then in force', async () => {
    // 24 a year from 2020, cap 5; from 2027-07 a new policy (another calendar), cap 3
    const { typeId, input } = await policy(admin, 'd-cal', { carryForwardMax: '5' });
    await admin(CREATE_POLICY, { input: { ...input, name: 'New calendar', effectiveFrom: '2027-07-01', carryForwardMax: '3', carryForwardExpiryMonths: 3 } });
    const employee = await hire(admin, '2027-01-01', { departmentId: 'd-cal' });
    const months = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11'];
    for (const month of months) await run(month);
    const clients = await tenants.forTenant('acme');
    const store = { dynamodb: clients.dynamodb, leaveTable: tableName('Leave', stack.stage) };
    const base = { tenantId: 'acme', employeeId: employee, leaveTypeId: typeId, unit: 'DAYS' as const, postedBy: 'test', postedAt: new Date().toISOString() };
    // 22 earned by November, 20 taken; December's 2 make 4: 3 carry (the cap then), 1 lapses
    expect(await postTaken(store, { ...base, requestId: 'r-2027', date: '2027-08-10', amount: 20_000, negativeLimit: 0 })).toBe('posted');
    await run('2027-12');
    const cutOf = async () => (await stored(employee, typeId)).rows.filter((r) => r.source.startsWith('C-2027'));
    expect((await cutOf()).map((r) => [r.kind, r.amount, r.carried])).toEqual([['CARRY_FORWARD', -1_000, 3_000]]);
    expect((await stored(employee, typeId)).total).toBe(3_000);
    // HR corrects November after the year end (+2): re-running December corrects the cut, it does not cut twice
    const { adjustBalance } = await import('../../domain/leave/store.ts');
    await adjustBalance({ ...store, employmentTable: tableName('Employment', stack.stage) }, { tenantId: 'acme', today: '2028-01-05', now: base.postedAt, requestedBy: 'hr' }, 'fix-nov', { employeeId: employee, leaveTypeId: typeId, amount: '2', date: '2027-11-20', reason: 'missed days' }, true);
    await run('2027-12');
    expect((await cutOf()).map((r) => [r.kind, r.amount])).toEqual([['CARRY_FORWARD', -1_000], ['ADJUSTMENT', -2_000]]);
    expect((await stored(employee, typeId)).total).toBe(3_000);
    expect((await run('2027-12')).posted).toBe(0);

    // 2028: 1 of the 3 carried days is used by the end of March; 2 expire, the March accruals stay
    expect(await postTaken(store, { ...base, requestId: 'r-2028', date: '2028-02-07', amount: 1_000, negativeLimit: 0 })).toBe('posted');
    // a cancelled request gives its days back and does not count as used
    expect(await postTaken(store, { ...base, requestId: 'r-2028b', date: '2028-03-07', amount: 1_000, negativeLimit: 0 })).toBe('posted');
    expect(await postCancellation(store, { ...base, requestId: 'r-2028b', takenDate: '2028-03-07', amount: 1_000 })).toBe('posted');
    expect(await postCancellation(store, { ...base, requestId: 'r-2028b', takenDate: '2028-03-07', amount: 1_000 })).toBe('duplicate');
    for (const month of ['2028-01', '2028-02', '2028-03']) await run(month);
    const { rows, total } = await stored(employee, typeId);
    expect(rows.filter((r) => r.kind === 'EXPIRY').map((r) => [r.date, r.amount])).toEqual([['2028-03-31', -2_000]]);
    expect(total).toBe(3_000 - 1_000 + 6_000 - 2_000);
    expect((await run('2028-03')).posted).toBe(0);
  });

  it('refuses a debit beyond the negative-balance limit, atomically, and a reversal of nothing', async () => {
    const { typeId } = await policy(admin, 'd-neg');
    const employee = await hire(admin, '2024-01-01', { departmentId: 'd-neg' });
    const clients = await tenants.forTenant('acme');
    const store = { dynamodb: clients.dynamodb, leaveTable: tableName('Leave', stack.stage) };
    const base = { tenantId: 'acme', employeeId: employee, leaveTypeId: typeId, unit: 'DAYS' as const, postedBy: 'test', postedAt: new Date().toISOString() };
    expect(await postTaken(store, { ...base, requestId: 'big', date: '2027-05-02', amount: 3_000, negativeLimit: 2_000 })).toBe('refused');
    expect(await postTaken(store, { ...base, requestId: 'ok', date: '2027-05-02', amount: 2_000, negativeLimit: 2_000 })).toBe('posted');
    expect(await postCancellation(store, { ...base, requestId: 'never', takenDate: '2027-05-02', amount: 2_000 })).toBe('refused');
    expect((await stored(employee, typeId)).total).toBe(-2_000);
  });
});

describe('resilience and isolation', () => {
  it('resumes after a crash halfway: the second run posts the rest, nothing twice', async () => {
    const { typeId } = await policy(admin, 'd-crash');
    const employees = await Promise.all(Array.from({ length: 4 }, () => hire(admin, '2024-01-01', { departmentId: 'd-crash' })));
    const clients = await tenants.forTenant('acme');
    let writes = 0;
    const crashing = new Proxy(clients.dynamodb, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (command: unknown) => {
          if (command instanceof TransactWriteItemsCommand && (writes += 1) > 1) throw new Error('Lambda timed out');
          return target.send(command as never);
        };
      },
    });
    const { earnPeriod } = await import('../../domain/leave/earn.ts');
    const store = { dynamodb: crashing, leaveTable: tableName('Leave', stack.stage), employmentTable: tableName('Employment', stack.stage) };
    await expect(earnPeriod({ store, tenantId: 'acme', period: '2027-06', postedAt: new Date().toISOString(), batchSize: 2 })).rejects.toThrow('timed out');
    expect(writes).toBe(2);
    await run('2027-06');
    for (const id of employees) expect((await stored(id, typeId)).rows.map((r) => r.source)).toEqual(['M-2027-06']);
  });

  it('with the tenant\'s credentials, a run for another tenant is refused by IAM and writes nothing there', async () => {
    const { typeId } = await policy(globexAdmin, 'd-iso');
    const employee = await hire(globexAdmin, '2024-01-01', { departmentId: 'd-iso' });
    await expect(run('2027-06', 'globex', 'acme')).rejects.toThrow();
    expect((await stored(employee, typeId, 'globex')).rows).toEqual([]);
  });

  it('runs as a job through the scheduler and records its progress', async () => {
    const created = await admin<{ createJob: { id: string } }>(CREATE_JOB, { input: { id: 'earn-al-monthly', runner: 'AIML-SaaS-Employee-Earn-AL', payload: JSON.stringify({ period: '2027-07' }), schedule: { cron: '30 0 1 * *', timeZone: ZONE } } });
    expect(created.errors).toBeUndefined();
    await system.send(new UpdateItemCommand({
      TableName: tableName('TenantJob', stack.stage),
      Key: jobKey('acme', 'earn-al-monthly'),
      UpdateExpression: 'SET nextRunAt = :now, DueAt = :now',
      ExpressionAttributeValues: { ':now': { S: new Date().toISOString() } },
    }));
    await stack.tick();
    const status = async () => jobFromItem((await system.send(new GetItemCommand({ TableName: tableName('TenantJob', stack.stage), Key: jobKey('acme', 'earn-al-monthly'), ConsistentRead: true }))).Item!);
    expect(await eventually(async () => (await status()).runs === 1 && (await status()).status === 'pending')).toBe(true);
    expect((await status()).lastError).toBeUndefined();
    const runs = await admin<{ job: { runs: { items: { outcome: string; progress: { done: number; total: number; unit: string } | null }[] } } }>(JOB_RUNS, { id: 'earn-al-monthly' });
    expect(runs.errors).toBeUndefined();
    expect(runs.data!.job.runs.items[0]).toMatchObject({ outcome: 'SUCCEEDED', progress: { unit: 'employees' } });
    const { done, total } = runs.data!.job.runs.items[0]!.progress!;
    expect(done).toBe(total);
  });

  it.each([
    ['a month that does not exist', { period: '2027-13' }, 'payload.period'],
    ['a pace beyond a partition', { writesPerSecond: 5000 }, 'payload.writesPerSecond'],
    ['an unknown field', { everyone: true }, 'payload.everyone'],
  ])('refuses %s at creation', async (_case, payload, field) => {
    const result = await admin(CREATE_JOB, { input: { runner: 'AIML-SaaS-Employee-Earn-AL', payload: JSON.stringify(payload), runAt: new Date().toISOString() } });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field })] } });
  });
});
