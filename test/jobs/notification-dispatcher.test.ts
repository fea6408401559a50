/**
 * The notification dispatcher through the local stack: a job created over GraphQL, ticked by the
 * scheduler, reminds exactly the employees of its tenant whose shift starts (or ends) in its
 * window, once — also when the same occurrence runs again.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamGraphQL } from '../../domain/internal-graphql.ts';
import { idempotencyKey, jobFromItem, jobKey, type Job } from '../../domain/jobs/engine.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { createLogger } from '../../domain/logger.ts';
import { isUlid } from '../../domain/model/keys.ts';
import { type Shift } from '../../domain/schedules/shifts.ts';
import { shiftItemKey } from '../../domain/schedules/model/keys.ts';
import { tableName, type TableId } from '../../domain/model/tables.ts';
import type { StackHandle } from '../../local/stack.ts';
import { dispatchReminders } from '../../jobs/runners/notification-dispatcher.ts';
import { deterministicUlid, type Publish } from '../../domain/notifications/publish.ts';
import { signedIn, startTestStack, type Gql } from '../support/stack.ts';
import { eventually } from '../support/eventually.ts';

const CREATE_EMPLOYEE = `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;
const CREATE_JOB = `mutation ($input: CreateJobInput!) { createJob(input: $input) { id status occurrenceAt } }`;
const INBOX = `query { notifications(limit: 100) { items { id kind title body } } }`;

let stack: StackHandle;
let acmeAdmin: Gql;
let globexAdmin: Gql;
let system: DynamoDBClient;
let serial = 0;

beforeAll(async () => {
  stack = await startTestStack();
  [acmeAdmin, globexAdmin] = await Promise.all([
    signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' }),
  ]);
  system = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
});

afterAll(async () => {
  system?.destroy();
  await stack?.stop();
});

/** An employee of the admin's tenant; with `account`, also a signed-in user linked to the record. */
async function employee(admin: Gql, tenantId: string, account: boolean): Promise<{ id: string; gql?: Gql }> {
  serial += 1;
  const created = await admin<{ createEmployee: { id: string } }>(CREATE_EMPLOYEE, {
    input: { employeeNumber: `S-${serial}`, firstName: `Shift${serial}`, lastName: 'Worker', email: `shift${serial}@${tenantId}.test`, contract: { startDate: '2024-01-02', terms: { jobTitle: 'Operator', employmentType: 'FULL_TIME' } } },
  });
  expect(created.errors).toBeUndefined();
  const id = created.data!.createEmployee.id;
  return account ? { id, gql: await signedIn(stack, { tenantId, role: 'TenantUser', employeeId: id }) } : { id };
}

async function putShift(tenantId: string, shift: Shift): Promise<void> {
  await system.send(new PutItemCommand({
    TableName: tableName('WorkSchedule', stack.stage),
    Item: marshall({ TenantId: tenantKey(tenantId), EntityItem: shiftItemKey(shift), ...shift }),
  }));
}

async function storedJob(tenantId: string, jobId: string): Promise<Job | undefined> {
  const out = await system.send(new GetItemCommand({ TableName: tableName('TenantJob', stack.stage), Key: jobKey(tenantId, jobId), ConsistentRead: true }));
  return out.Item ? jobFromItem(out.Item) : undefined;
}

async function inbox(gql: Gql): Promise<{ id: string; kind: string; title: string; body: string }[]> {
  const read = await gql<{ notifications: { items: { id: string; kind: string; title: string; body: string }[] } }>(INBOX);
  expect(read.errors).toBeUndefined();
  return read.data!.notifications.items;
}

const minutes = (base: number, n: number) => new Date(base + n * 60_000).toISOString();

describe('AIML-SaaS-Tenant-Notification-Dispatcher', () => {
  it('reminds each employee of the tenant whose shift starts in the window, once, and no one else', async () => {
    const [due, later, noAccount] = [await employee(acmeAdmin, 'acme', true), await employee(acmeAdmin, 'acme', true), await employee(acmeAdmin, 'acme', false)];
    const foreign = await employee(globexAdmin, 'globex', true);
    const runAt = Date.now() - 1000;
    // Window: [runAt + 15 min, runAt + 20 min).
    await putShift('acme', { employeeId: due.id, startAt: minutes(runAt, 16), endAt: minutes(runAt, 16 + 480), location: 'Berlin plant' });
    await putShift('acme', { employeeId: later.id, startAt: minutes(runAt, 20), endAt: minutes(runAt, 500) });
    await putShift('acme', { employeeId: noAccount.id, startAt: minutes(runAt, 17), endAt: minutes(runAt, 497) });
    await putShift('globex', { employeeId: foreign.id, startAt: minutes(runAt, 16), endAt: minutes(runAt, 496) });

    const created = await acmeAdmin<{ createJob: { id: string } }>(CREATE_JOB, {
      input: { id: 'clock-in-reminders', runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', payload: JSON.stringify({ reminder: 'CLOCK_IN', leadMinutes: 15, windowMinutes: 5 }), runAt: new Date(runAt).toISOString() },
    });
    expect(created.errors).toBeUndefined();
    await stack.tick();
    expect(await eventually(async () => (await storedJob('acme', 'clock-in-reminders'))?.status === 'succeeded')).toBe(true);

    const received = await inbox(due.gql!);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ kind: 'CLOCK_REMINDER', title: 'Time to clock in' });
    expect(received[0]!.body).toContain('Berlin plant');
    expect(await inbox(later.gql!)).toEqual([]);
    expect(await inbox(foreign.gql!)).toEqual([]);

    // The same occurrence once more (a duplicate delivery, or a retry after a crash): nothing new.
    const job = (await storedJob('acme', 'clock-in-reminders'))!;
    const send = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
    const publish: Publish = (tenantId, input) => send(`mutation ($tenantId: ID!, $input: PublishNotificationInput!) { publishNotification(tenantId: $tenantId, input: $input) { id } }`, { tenantId, input });
    const again = await dispatchReminders({
      tenantId: 'acme',
      payload: { reminder: 'CLOCK_IN', leadMinutes: 15, windowMinutes: 5 },
      occurrenceAt: job.occurrenceAt,
      idempotencyKey: idempotencyKey(job),
      clients: { dynamodb: system },
      tableName: (id: TableId) => tableName(id, stack.stage),
      log: createLogger({ service: 'test', level: 'error', write: () => undefined }),
    }, publish);
    expect(again).toEqual({ shifts: 2, sent: 0, alreadySent: 1, noAccount: 1 });
    expect(await inbox(due.gql!)).toHaveLength(1);
  });

  it('reminds to clock out when a shift ends in the window', async () => {
    const worker = await employee(acmeAdmin, 'acme', true);
    const runAt = Date.now() - 1000;
    await putShift('acme', { employeeId: worker.id, startAt: minutes(runAt, -600), endAt: minutes(runAt, 12) });
    await acmeAdmin(CREATE_JOB, {
      input: { id: 'clock-out-reminders', runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', payload: JSON.stringify({ reminder: 'CLOCK_OUT', leadMinutes: 10, windowMinutes: 5 }), runAt: new Date(runAt).toISOString() },
    });
    await stack.tick();
    expect(await eventually(async () => (await storedJob('acme', 'clock-out-reminders'))?.status === 'succeeded')).toBe(true);
    expect((await inbox(worker.gql!)).map((n) => n.title)).toEqual(['Time to clock out']);
  });

  it.each([
    ['an unknown reminder', { reminder: 'LUNCH', leadMinutes: 15, windowMinutes: 5 }, 'payload.reminder'],
    ['a negative lead', { reminder: 'CLOCK_IN', leadMinutes: -5, windowMinutes: 5 }, 'payload.leadMinutes'],
    ['an empty window', { reminder: 'CLOCK_IN', leadMinutes: 5, windowMinutes: 0 }, 'payload.windowMinutes'],
    ['an unknown field', { reminder: 'CLOCK_IN', leadMinutes: 5, windowMinutes: 5, everyone: true }, 'payload.everyone'],
  ])('refuses %s at creation', async (_case, payload, field) => {
    const result = await acmeAdmin(CREATE_JOB, { input: { runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', payload: JSON.stringify(payload), runAt: new Date().toISOString() } });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field })] } });
  });

  it('refuses runners whose module has not arrived, rather than storing jobs that cannot run', async () => {
    const result = await acmeAdmin(CREATE_JOB, { input: { runner: 'AIML-SaaS-AttGen-Tenant', payload: JSON.stringify({ from: '2026-03-01' }), runAt: new Date().toISOString() } });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'runner' })] } });
  });
});

describe('deterministicUlid', () => {
  it('is a ULID, the same for the same key and time, different for another key, ordered by time', () => {
    const a = deterministicUlid(Date.UTC(2026, 10, 22, 7, 30), 'job#occ#SHIFT#1');
    expect(isUlid(a)).toBe(true);
    expect(deterministicUlid(Date.UTC(2026, 10, 22, 7, 30), 'job#occ#SHIFT#1')).toBe(a);
    expect(deterministicUlid(Date.UTC(2026, 10, 22, 7, 30), 'job#occ#SHIFT#2')).not.toBe(a);
    expect(deterministicUlid(Date.UTC(2026, 10, 22, 7, 31), 'job#occ#SHIFT#0') > a).toBe(true);
  });
});
