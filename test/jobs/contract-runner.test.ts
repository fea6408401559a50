/**
 * AIML-SaaS-Job-Runner, the daily contract processing, against the local stack: given contracts
 * that start, change and end around a day, when the runner runs for that day, then records follow,
 * leavers lose their sign-in, managers and HR are reminded once; again and again, nothing twice.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DEFAULT_TENANT_SETTINGS } from '../../domain/tenancy/registry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarItemKey } from '../../domain/employment/model/keys.ts';
import type { ContractRunnerPayload } from '../../domain/employment/runner-payload.ts';
import type { ContractTermsInput } from '../../domain/generated/graphql.ts';
import { iamGraphQL } from '../../domain/internal-graphql.ts';
import { jobFromItem, jobKey } from '../../domain/jobs/engine.ts';
import { createLogger } from '../../domain/logger.ts';
import { addDays } from '../../domain/model/dates.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { tableName, type TableId } from '../../domain/model/tables.ts';
import { PUBLISH_NOTIFICATION, type Publish } from '../../domain/notifications/publish.ts';
import type { EmployeeRow } from '../../domain/people/model/employee.ts';
import type { EmployeeHistoryRow } from '../../domain/people/model/history.ts';
import { employeeHistoryPrefix, employeeItemKey } from '../../domain/people/model/keys.ts';
import type { TenantProfile } from '../../domain/tenancy/settings.ts';
import { disableSignIn } from '../../domain/tenancy/users.ts';
import { tenantClients, type TenantClients } from '../../domain/tenant-credentials.ts';
import { localDate } from '../../domain/time.ts';
import { runContractDay } from '../../jobs/runners/contract-runner.ts';
import { syncEmployees } from '../../domain/employment/store.ts';
import type { StackHandle } from '../../local/stack.ts';
import { eventually } from '../support/eventually.ts';
import { signedIn, startTestStack, type Gql } from '../support/stack.ts';

const ZONE = 'America/New_York';
const CREATE = `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id employment { status } } }`;
const CONTRACTS = `query ($employeeId: ID!) { employeeContracts(employeeId: $employeeId) { id version } }`;
const AMEND = `mutation ($input: AmendContractInput!) { amendContract(input: $input) { id } }`;
const INBOX = `query { notifications(limit: 100) { items { id kind title body } } }`;
const CREATE_JOB = `mutation ($input: CreateJobInput!) { createJob(input: $input) { id status nextRunAt } }`;

let stack: StackHandle;
let admin: Gql;
let globex: Gql;
let system: DynamoDBClient;
let tenants: TenantClients;
let cognito: CognitoIdentityProviderClient;
let profile: TenantProfile;
let serial = 0;
const quiet = createLogger({ service: 'test', level: 'error', write: () => undefined });

/** The tenant's today, and the day after: the runner is run for tomorrow, as if tomorrow had come. */
const today = () => localDate(new Date(), ZONE);
const tomorrow = () => addDays(today(), 1);

async function hire(terms: Partial<ContractTermsInput>, contract: Record<string, unknown>, gql = admin): Promise<string> {
  serial += 1;
  const result = await gql<{ createEmployee: { id: string } }>(CREATE, {
    input: {
      employeeNumber: `R-${serial}`, firstName: `Run${serial}`, lastName: 'Ner', email: `run${serial}@runner.test`,
      contract: { startDate: '2024-01-01', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', ...terms }, ...contract },
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.createEmployee.id;
}

async function row(id: string, tenantId = 'acme'): Promise<EmployeeRow> {
  const found = await system.send(new GetItemCommand({ TableName: tableName('PIM', stack.stage), Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: employeeItemKey(id) } }, ConsistentRead: true }));
  return unmarshall(found.Item!) as EmployeeRow;
}

/** The employee's history entries, oldest first, as stored. */
async function historyOf(id: string): Promise<EmployeeHistoryRow[]> {
  const found = await system.send(new QueryCommand({
    TableName: tableName('PIM', stack.stage),
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey('acme') }, ':prefix': { S: employeeHistoryPrefix(id) } },
    ConsistentRead: true,
  }));
  return (found.Items ?? []).map((item) => unmarshall(item) as EmployeeHistoryRow);
}

async function inbox(gql: Gql) {
  const read = await gql<{ notifications: { items: { kind: string; title: string; body: string }[] } }>(INBOX);
  expect(read.errors).toBeUndefined();
  return read.data!.notifications.items;
}

/** Runs the day `date` as if it were `at` (an instant in that day, New York time). */
async function runDay(date: string, payload: ContractRunnerPayload = {}, publish?: Publish) {
  const send = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
  const clients = await tenants.forTenant('acme');
  return runContractDay({
    tenantId: 'acme',
    payload,
    occurrenceAt: new Date(`${date}T05:05:00Z`).toISOString(),
    now: new Date(`${laterOf(date, today())}T17:00:00Z`),
    tenant: profile,
    clients: { dynamodb: clients.dynamodb },
    tableName: (id: TableId) => tableName(id, stack.stage),
    log: quiet,
  }, {
    publish: publish ?? ((tenantId, input) => send(PUBLISH_NOTIFICATION, { tenantId, input })),
    disableSignIn: (userId) => disableSignIn(cognito, profile.userPoolId, userId),
  });
}
const laterOf = (a: string, b: string) => (a > b ? a : b);

beforeAll(async () => {
  stack = await startTestStack();
  const acme = await stack.onboardTenant({ tenantId: 'acme', settings: { timeZone: ZONE } });
  profile = { settings: { ...DEFAULT_TENANT_SETTINGS, timeZone: ZONE }, userPoolId: acme.identity.userPoolId, status: 'active' };
  [admin, globex] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' })]);
  system = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
  tenants = tenantClients({ roleArn: process.env.TENANT_ROLE_ARN! });
  cognito = new CognitoIdentityProviderClient({ endpoint: stack.cognito.endpoint, region: stack.region, credentials: stack.credentials });
});

afterAll(async () => {
  tenants?.destroy();
  cognito?.destroy();
  system?.destroy();
  await stack?.stop();
});

describe('the contract runner on a day', () => {
  it('activates starters, applies amendments, ends leavers (sign-in off), reminds managers and HR once', async () => {
    const day = tomorrow();
    const boss = await hire({}, {});
    const bossUser = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: boss });
    const starter = await hire({ managerId: boss }, { startDate: day });
    const mover = await hire({}, {});
    const [moverContract] = (await admin<{ employeeContracts: { id: string; version: number }[] }>(CONTRACTS, { employeeId: mover })).data!.employeeContracts;
    expect((await admin(AMEND, { input: { employeeId: mover, contractId: moverContract!.id, expectedVersion: moverContract!.version, effectiveFrom: day, reason: 'move', changes: { managerId: boss, jobTitle: 'Lead' } } })).errors).toBeUndefined();
    const leaver = await hire({ managerId: boss }, { endDate: today() });
    const leaverUser = `leaver-${serial}@runner.test`;
    await stack.addUser({ email: leaverUser, tenantId: 'acme', role: 'TenantUser', employeeId: leaver });
    const onProbation = await hire({ managerId: boss }, { probationEndDate: addDays(day, 14) });
    const fixedTerm = await hire({ managerId: boss }, { endDate: addDays(day, 30) });

    expect((await row(starter)).employment.status).toBe('PENDING');
    expect((await row(mover)).employment.jobTitle).toBe('Engineer');
    expect((await row(leaver)).employment.status).toBe('ACTIVE');

    const first = await runDay(day);
    expect(first).toMatchObject({ date: day, asOf: day, activated: 1, terminated: 1, signInsDisabled: 1 });
    expect(first.changed).toBeGreaterThanOrEqual(3);
    expect(first.reminders.sent).toBeGreaterThanOrEqual(2);
    expect((await row(starter)).employment.status).toBe('ACTIVE');
    expect((await row(mover)).employment).toMatchObject({ jobTitle: 'Lead', managerId: boss });
    expect((await row(mover)).ReportsPath).toBe(`/${boss}/`);
    expect((await row(leaver)).employment.status).toBe('TERMINATED');
    await expect(stack.signIn(leaverUser)).rejects.toThrow();

    const reminders = (await inbox(bossUser)).filter((n) => n.kind === 'CONTRACT_REMINDER');
    expect(reminders.map((n) => n.title).sort()).toEqual([`Fixed-term contract ends ${addDays(day, 30)}`, `Probation ends ${addDays(day, 14)}`]);
    expect(reminders.find((n) => n.title.startsWith('Probation'))!.body).toContain('in 14 days');
    expect(onProbation && fixedTerm).toBeTruthy();

    // The same day again (a retry, a duplicate delivery): nothing changes, nothing is sent twice.
    const second = await runDay(day);
    expect(second).toMatchObject({ changed: 0, activated: 0, terminated: 0, signInsDisabled: 0, reminders: { sent: 0 } });
    expect(second.reminders.alreadySent).toBe(first.reminders.sent);
    expect((await inbox(bossUser)).filter((n) => n.kind === 'CONTRACT_REMINDER')).toHaveLength(2);
  });

  it('finishes after a crash: what was done stays done, the rest follows on the next attempt', async () => {
    const day = addDays(today(), 2);
    const starters = [await hire({}, { startDate: day }), await hire({}, { startDate: day })];
    const boss = await hire({}, {});
    await hire({ managerId: boss }, { probationEndDate: addDays(day, 14) });
    // The first attempt dies while publishing (the records were already brought in step).
    await expect(runDay(day, {}, async () => { throw new Error('API unreachable'); })).rejects.toThrow('API unreachable');
    for (const id of starters) expect((await row(id)).employment.status).toBe('ACTIVE');
    const retry = await runDay(day);
    expect(retry).toMatchObject({ changed: 0, activated: 0 });
  });

  it('repairs a management line that a crash left half moved', async () => {
    const top = await hire({}, {});
    const middle = await hire({ managerId: top }, {});
    const bottom = await hire({ managerId: middle }, {});
    // As if a move of `middle` had stopped before re-pathing `bottom`.
    await system.send(new UpdateItemCommand({
      TableName: tableName('PIM', stack.stage),
      Key: { TenantId: { S: tenantKey('acme') }, EntityItem: { S: employeeItemKey(bottom) } },
      UpdateExpression: 'SET ReportsPath = :stale',
      ExpressionAttributeValues: { ':stale': { S: `/somewhere-else/${middle}/` } },
    }));
    const result = await runDay(tomorrow());
    expect(result.lineRepaired).toBeGreaterThanOrEqual(1);
    expect(result.lineChecked).toBeGreaterThanOrEqual(3);
    expect((await row(bottom)).ReportsPath).toBe(`/${top}/${middle}/`);
  });

  it('runs a missed day later: that day\'s events, records brought to today', async () => {
    const missed = addDays(today(), -3);
    const late = await hire({}, { startDate: missed, endDate: addDays(missed, 1) });
    // Hired today, so the hire itself already derived the record; a missed day must not set it back.
    const before = await row(late);
    const result = await runDay(today(), { date: missed });
    expect(result).toMatchObject({ date: missed, asOf: today() });
    expect((await row(late)).employment.status).toBe('TERMINATED');
    expect((await row(late)).version).toBe(before.version);
  });

  it('cannot reach another tenant, even through a calendar entry naming its employee', async () => {
    const foreign = await hire({}, { startDate: addDays(today(), 40) }, globex);
    const day = tomorrow();
    await system.send(new PutItemCommand({
      TableName: tableName('Employment', stack.stage),
      Item: marshall({ TenantId: tenantKey('acme'), EntityItem: calendarItemKey(day, 'START', foreign, 'C-FAKE'), employeeId: foreign, contractId: 'C-FAKE', date: day, kind: 'START' }),
    }));
    const before = await row(foreign, 'globex');
    await runDay(day);
    expect(await row(foreign, 'globex')).toEqual(before);
  });
});

describe('the organisation on a runner day', () => {
  it('counts starters into their department\'s headcount and leavers out of it', async () => {
    const created = await admin<{ createDepartment: { id: string } }>(`mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`, { input: { name: `Runner dept ${serial}` } });
    const departmentId = created.data!.createDepartment.id;
    const day = addDays(today(), 4);
    const starters = [await hire({ departmentId }, { startDate: day }), await hire({ departmentId }, { startDate: day }), await hire({ departmentId }, { startDate: day })];
    const leaver = await hire({ departmentId }, { endDate: addDays(day, -1) });
    const headcount = async () => (await admin<{ department: { headcount: number; assignmentCount: number } }>(`query ($id: ID!) { department(id: $id) { headcount assignmentCount } }`, { id: departmentId })).data!.department;
    expect(await headcount()).toEqual({ headcount: 1, assignmentCount: 8 });
    const result = await runDay(day);
    expect(result.activated).toBeGreaterThanOrEqual(3);
    expect(await headcount()).toEqual({ headcount: 3, assignmentCount: 8 });
    expect(starters.length + (leaver ? 1 : 0)).toBe(4);
  });
});

describe('bringing many employees in step at once', () => {
  it('falls back to one at a time when a record changes between the batch read and the batch write', async () => {
    const day = addDays(today(), 3);
    const ids = [await hire({}, { startDate: day }), await hire({}, { startDate: day }), await hire({}, { startDate: day })];
    const { dynamodb } = await tenants.forTenant('acme');
    // A colleague renames the second employee just as the batch write goes out.
    let raced = false;
    const racing = {
      send: async (command: { constructor: { name: string } }) => {
        if (!raced && command.constructor.name === 'TransactWriteItemsCommand') {
          raced = true;
          const renamed = await admin(`mutation ($input: UpdateEmployeeInput!) { updateEmployee(input: $input) { id } }`, { input: { id: ids[1], expectedVersion: (await row(ids[1]!)).version, preferredName: 'Renamed' } });
          expect(renamed.errors).toBeUndefined();
        }
        return dynamodb.send(command as never);
      },
    } as unknown as DynamoDBClient;
    const store = { dynamodb: racing, pimTable: tableName('PIM', stack.stage), employmentTable: tableName('Employment', stack.stage) };
    const results = await syncEmployees(store, { tenantId: 'acme', today: day, now: new Date().toISOString(), requestedBy: 'system' }, ids);
    expect(raced).toBe(true);
    expect(results.map((r) => r.changed)).toEqual([true, true, true]);
    for (const id of ids) expect((await row(id)).employment.status).toBe('ACTIVE');
    // The concurrent change survived: the fallback started from a fresh read.
    expect((await row(ids[1]!)).preferredName).toBe('Renamed');
    // Every version has its entry, the batch's and the fallback's as much as the rename's; none for the write that lost.
    for (const id of ids) {
      const entries = await historyOf(id);
      expect(entries.map((e) => e.version), id).toEqual(Array.from({ length: (await row(id)).version }, (_, i) => i + 1));
      expect(entries.at(-1)).toMatchObject({ change: 'EMPLOYMENT_CHANGED', changedBy: 'system', fields: expect.arrayContaining(['employment.status']) });
    }
    expect((await historyOf(ids[1]!)).map((e) => e.change)).toEqual(['HIRED', 'UPDATED', 'EMPLOYMENT_CHANGED']);
  });
});

describe('the contract runner as a scheduled job', () => {
  it('is created over GraphQL daily after midnight in the tenant\'s zone and runs through the scheduler', async () => {
    const created = await admin<{ createJob: { id: string; status: string; nextRunAt: string } }>(CREATE_JOB, {
      input: { id: 'contracts-daily', runner: 'AIML-SaaS-Job-Runner', payload: JSON.stringify({ probationReminderDays: 7 }), schedule: { cron: '5 0 * * *', timeZone: ZONE } },
    });
    expect(created.errors).toBeUndefined();
    const next = new Date(created.data!.createJob.nextRunAt);
    expect(next.toLocaleString('en-US', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe('00:05');
    // Due now, as `npm run job -- run` makes it.
    await system.send(new UpdateItemCommand({
      TableName: tableName('TenantJob', stack.stage),
      Key: jobKey('acme', 'contracts-daily'),
      UpdateExpression: 'SET nextRunAt = :now, DueAt = :now',
      ExpressionAttributeValues: { ':now': { S: new Date().toISOString() } },
    }));
    await stack.tick();
    const status = async () => jobFromItem((await system.send(new GetItemCommand({ TableName: tableName('TenantJob', stack.stage), Key: jobKey('acme', 'contracts-daily'), ConsistentRead: true }))).Item!);
    expect(await eventually(async () => (await status()).runs === 1 && (await status()).status === 'pending')).toBe(true);
    expect((await status()).lastError).toBeUndefined();
  });

  it.each([
    ['a date that does not exist', { date: '2027-02-30' }, 'payload.date'],
    ['a negative reminder lead', { probationReminderDays: -1 }, 'payload.probationReminderDays'],
    ['an unknown field', { everyone: true }, 'payload.everyone'],
  ])('refuses %s at creation', async (_case, payload, field) => {
    const result = await admin(CREATE_JOB, { input: { runner: 'AIML-SaaS-Job-Runner', payload: JSON.stringify(payload), runAt: new Date().toISOString() } });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field })] } });
  });
});
