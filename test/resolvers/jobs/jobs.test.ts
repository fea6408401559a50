/**
 * Job administration through HTTP against the local stack: create (every refusal typed), list
 * with filters and pages, one job with its run history, cancel, retry a dead job; and a tenant
 * admin trying to reach another tenant's job by its id.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJob, jobFromItem, jobKey, jobToItem, type Job } from '../../../domain/jobs/engine.ts';
import { tableName } from '../../../domain/model/tables.ts';
import { employeeEmailKey } from '../../../domain/people/model/keys.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql, type GraphQLResponse } from '../../support/stack.ts';
import { eventually } from '../../support/eventually.ts';

const JOB_FIELDS = 'id tenantId runner payload status attempts maxAttempts runs occurrenceAt nextRunAt leaseExpiresAt createdAt updatedAt schedule { cron timeZone rateMinutes } lastError { message type at attempt }';
const CREATE = `mutation ($input: CreateJobInput!, $tenantId: ID) { createJob(input: $input, tenantId: $tenantId) { ${JOB_FIELDS} } }`;
const CANCEL = `mutation ($id: ID!, $tenantId: ID) { cancelJob(id: $id, tenantId: $tenantId) { ${JOB_FIELDS} } }`;
const RETRY = `mutation ($id: ID!, $tenantId: ID) { retryJob(id: $id, tenantId: $tenantId) { ${JOB_FIELDS} } }`;
const LIST = `query ($filter: JobFilter, $limit: Int, $nextToken: String, $tenantId: ID) {
  jobs(filter: $filter, limit: $limit, nextToken: $nextToken, tenantId: $tenantId) { items { ${JOB_FIELDS} } nextToken } }`;
const GET = `query ($id: ID!, $runsLimit: Int, $runsNextToken: String, $tenantId: ID) {
  job(id: $id, runsLimit: $runsLimit, runsNextToken: $runsNextToken, tenantId: $tenantId) {
    job { ${JOB_FIELDS} } runs { items { run attempt occurrenceAt outcome error startedAt finishedAt } nextToken } } }`;

interface JobView {
  id: string;
  tenantId: string;
  runner: string;
  payload: string;
  status: string;
  attempts: number;
  runs: number;
  nextRunAt: string | null;
  schedule: { cron: string | null; timeZone: string | null; rateMinutes: number | null } | null;
  lastError: { message: string; type: string | null; attempt: number } | null;
}
interface RunView {
  run: number;
  outcome: string;
  error: string | null;
}

let stack: StackHandle;
let acme: Gql;
let globex: Gql;
let systemAdmin: Gql;
let support: Gql;
let system: DynamoDBClient;
const FAR = new Date(Date.now() + 10 * 365 * 86_400_000).toISOString();
let serial = 0;

function crud(extra: Record<string, unknown> = {}) {
  serial += 1;
  return { id: `job-${serial}`, runner: 'AIML-SaaS-CRUD-Item', payload: JSON.stringify({ entity: 'employee', id: `x${serial}`, set: { preferredName: 'Jo' } }), runAt: FAR, ...extra };
}

async function create(gql: Gql, input: Record<string, unknown>, tenantId?: string): Promise<GraphQLResponse<{ createJob: JobView }>> {
  return gql<{ createJob: JobView }>(CREATE, { input, ...(tenantId ? { tenantId } : {}) });
}

async function stored(tenantId: string, jobId: string): Promise<Job | undefined> {
  const out = await system.send(new GetItemCommand({ TableName: tableName('TenantJob', stack.stage), Key: jobKey(tenantId, jobId), ConsistentRead: true }));
  return out.Item ? jobFromItem(out.Item) : undefined;
}

async function putDead(tenantId: string, jobId: string): Promise<void> {
  const job = buildJob({ tenantId, jobId, runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: 'gone', set: { preferredName: 'Gone' } }, runAt: new Date().toISOString() }, new Date());
  const dead: Job = { ...job, status: 'dead', attempts: 5, runs: 5, lastError: { message: 'Item EMP#gone does not exist', type: 'NOT_FOUND', at: job.createdAt, attempt: 5 } };
  await system.send(new PutItemCommand({ TableName: tableName('TenantJob', stack.stage), Item: jobToItem(dead) }));
}

beforeAll(async () => {
  stack = await startTestStack();
  [acme, globex, systemAdmin, support] = await Promise.all([
    signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' }),
    signedIn(stack, { tenantId: 'system', role: 'SystemSupport' }),
  ]);
  system = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
});

afterAll(async () => {
  system?.destroy();
  await stack?.stop();
});

describe('createJob', () => {
  it('stores a one-off job, pending at its run time, and answers it', async () => {
    const input = crud();
    const result = await create(acme, input);
    expect(result.errors).toBeUndefined();
    expect(result.data!.createJob).toMatchObject({ id: input.id, tenantId: 'acme', runner: 'AIML-SaaS-CRUD-Item', status: 'PENDING', attempts: 0, runs: 0, nextRunAt: FAR, schedule: null });
    expect(JSON.parse(result.data!.createJob.payload)).toEqual(JSON.parse(input.payload));
    expect(await stored('acme', input.id)).toMatchObject({ status: 'pending', nextRunAt: FAR });
  });

  it('stores a recurring job at its next occurrence in its time zone', async () => {
    const result = await create(acme, { ...crud(), runAt: null, schedule: { cron: '30 7 * * *', timeZone: 'Europe/Berlin' } });
    expect(result.errors).toBeUndefined();
    const job = result.data!.createJob;
    expect(job.schedule).toEqual({ cron: '30 7 * * *', timeZone: 'Europe/Berlin', rateMinutes: null });
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(new Date(job.nextRunAt!));
    expect(local).toBe('07:30');
    expect(Date.parse(job.nextRunAt!)).toBeGreaterThan(Date.now());
  });

  it('refuses the same id twice with CONFLICT and keeps the first job', async () => {
    const input = crud();
    expect((await create(acme, input)).errors).toBeUndefined();
    const again = await create(acme, { ...input, payload: JSON.stringify({ entity: 'employee', id: 'other', set: { preferredName: 'Other' } }) });
    expect(again.errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    expect((await stored('acme', input.id))?.payload).toEqual(JSON.parse(input.payload));
  });

  it.each([
    ['an unknown runner', { runner: 'AIML-SaaS-Nope' }, 'runner'],
    ['a payload the runner refuses', { payload: JSON.stringify({ entity: 'employee', set: { preferredName: 'Jo' } }) }, 'payload.id'],
    ['a raw table and sort key instead of an entity and id', { payload: JSON.stringify({ table: 'PIM', entityItem: employeeEmailKey('grace@acme.example'), set: { employeeId: 'x' } }) }, 'payload.entity'],
    ['an attribute no module lets jobs set', { payload: JSON.stringify({ entity: 'employee', id: 'x1', set: { UserId: 'someone-else' } }) }, 'payload.set.UserId'],
    ['a value of the wrong type', { payload: JSON.stringify({ entity: 'employee', id: 'x1', set: { email: 42 } }) }, 'payload.set.email'],
    ['a payload that is not an object', { payload: JSON.stringify([1, 2]) }, 'payload'],
    ['a payload setting the tenant', { payload: JSON.stringify({ entity: 'employee', id: 'x1', set: { tenantId: 'globex' } }) }, 'payload.set.tenantId'],
    ['a payload holding another tenant key', { payload: JSON.stringify({ entity: 'employee', id: 'x1', set: { preferredName: 'TENANT#globex' } }) }, 'payload.set.preferredName'],
    ['a system-wide runner', { runner: 'AIML-SaaS-AttGen-System', payload: '{}' }, 'runner'],
    ['a cron that never fires', { runAt: null, schedule: { cron: '0 0 30 2 *', timeZone: 'UTC' } }, 'schedule.cron'],
    ['a cron firing every second', { runAt: null, schedule: { cron: '* * * * * *', timeZone: 'UTC' } }, 'schedule.cron'],
    ['an unknown time zone', { runAt: null, schedule: { cron: '0 8 * * *', timeZone: 'Mars/Olympus' } }, 'schedule.timeZone'],
    ['a rate below a minute', { runAt: null, schedule: { rateMinutes: 0 } }, 'schedule.rateMinutes'],
    ['both runAt and schedule', { schedule: { rateMinutes: 5 } }, 'runAt'],
    ['neither runAt nor schedule', { runAt: null }, 'runAt'],
    ['too many attempts', { maxAttempts: 50 }, 'maxAttempts'],
  ])('refuses %s with VALIDATION_ERROR and stores nothing', async (_case, change, field) => {
    const input = { ...crud(), ...change };
    const result = await create(acme, input);
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    const fields = (result.errors![0]!.errorInfo as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toContain(field);
    expect(await stored('acme', input.id)).toBeUndefined();
  });

  it('refuses a malformed id before anything runs', async () => {
    const result = await create(acme, { ...crud(), id: 'no spaces allowed' });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR' });
  });
});

describe('jobs', () => {
  it('pages through a tenant\'s jobs and shows no other tenant\'s', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const input = crud();
      ids.push(input.id);
      expect((await create(globex, input)).errors).toBeUndefined();
    }
    const seen: string[] = [];
    let nextToken: string | null = null;
    do {
      const page: GraphQLResponse<{ jobs: { items: JobView[]; nextToken: string | null } }> = await globex(LIST, { limit: 2, nextToken });
      expect(page.errors).toBeUndefined();
      expect(page.data!.jobs.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.data!.jobs.items.map((j) => j.id));
      nextToken = page.data!.jobs.nextToken;
    } while (nextToken);
    expect(seen.sort()).toEqual(ids.sort());
    const acmeList = await acme<{ jobs: { items: JobView[] } }>(LIST, { limit: 100 });
    expect(acmeList.data!.jobs.items.every((j) => j.tenantId === 'acme')).toBe(true);
    expect(acmeList.data!.jobs.items.some((j) => ids.includes(j.id))).toBe(false);
  });

  it('filters by status through the index, most recent change first, and by runner', async () => {
    const first = crud();
    const second = crud();
    await create(acme, first);
    await create(acme, second);
    expect((await acme(CANCEL, { id: first.id })).errors).toBeUndefined();
    expect((await acme(CANCEL, { id: second.id })).errors).toBeUndefined();
    const cancelled = await acme<{ jobs: { items: JobView[] } }>(LIST, { filter: { status: 'CANCELLED' } });
    expect(cancelled.errors).toBeUndefined();
    const order = cancelled.data!.jobs.items.map((j) => j.id);
    expect(order.indexOf(second.id)).toBeLessThan(order.indexOf(first.id));
    expect(cancelled.data!.jobs.items.every((j) => j.status === 'CANCELLED')).toBe(true);
    const byRunner = await acme<{ jobs: { items: JobView[] } }>(LIST, { filter: { runner: 'AIML-SaaS-Employee-Earn-AL' }, limit: 100 });
    expect(byRunner.data!.jobs.items).toEqual([]);
  });

  it('filters by runner, and by runner and status, through an index: full pages, this tenant only', async () => {
    const reminder = (id: string) => ({ id, runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', payload: JSON.stringify({ reminder: 'CLOCK_IN', leadMinutes: 15, windowMinutes: 5 }), runAt: FAR });
    // Sorted by id, another runner's job comes first: a filter after DynamoDB's Limit would answer an empty page.
    expect((await create(globex, { ...crud(), id: 'aa-runner-filter' })).errors).toBeUndefined();
    for (const id of ['rf-1', 'rf-2', 'rf-3']) expect((await create(globex, reminder(id))).errors).toBeUndefined();
    expect((await globex(CANCEL, { id: 'rf-2' })).errors).toBeUndefined();
    expect((await create(acme, reminder('rf-acme'))).errors).toBeUndefined();

    type Page = { jobs: { items: JobView[]; nextToken: string | null } };
    const pages = async (filter: Record<string, unknown>) => {
      const seen: string[][] = [];
      let nextToken: string | null = null;
      do {
        const page: GraphQLResponse<Page> = await globex<Page>(LIST, { filter, limit: 1, nextToken });
        expect(page.errors).toBeUndefined();
        seen.push(page.data!.jobs.items.map((j) => j.id));
        nextToken = page.data!.jobs.nextToken;
      } while (nextToken && seen.length < 10);
      return seen;
    };
    const byRunner = await pages({ runner: 'AIML-SaaS-Tenant-Notification-Dispatcher' });
    // Pending before cancelled (by status), each page full but a possible empty last one.
    expect(byRunner.slice(0, 3)).toEqual([['rf-3'], ['rf-1'], ['rf-2']]);
    expect(byRunner.slice(3).flat()).toEqual([]);
    const pending = await pages({ runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', status: 'PENDING' });
    expect(pending.flat()).toEqual(['rf-3', 'rf-1']);
    expect(pending[0]).toEqual(['rf-3']);
    const cancelled = await pages({ runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', status: 'CANCELLED' });
    expect(cancelled.flat()).toEqual(['rf-2']);
    const ofAcme = await acme<Page>(LIST, { filter: { runner: 'AIML-SaaS-Tenant-Notification-Dispatcher' }, limit: 100 });
    expect(ofAcme.data!.jobs.items.map((j) => j.id)).toEqual(['rf-acme']);
  });

  it.each([
    ['FAILED (a run outcome)', { status: 'FAILED' }, 'filter.status'],
    ['an unknown runner', { runner: 'nope' }, 'filter.runner'],
  ])('refuses a filter on %s', async (_case, filter, field) => {
    const result = await acme(LIST, { filter });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field })] } });
  });

  it('lets system roles name a tenant; support reads but does not change', async () => {
    const input = crud();
    await create(globex, input);
    const listed = await support<{ jobs: { items: JobView[] } }>(LIST, { tenantId: 'globex', limit: 100 });
    expect(listed.data!.jobs.items.map((j) => j.id)).toContain(input.id);
    const cancel = await support(CANCEL, { id: input.id, tenantId: 'globex' });
    expect(cancel.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    const byAdmin = await systemAdmin<{ cancelJob: JobView }>(CANCEL, { id: input.id, tenantId: 'globex' });
    expect(byAdmin.data!.cancelJob.status).toBe('CANCELLED');
  });
});

describe('job', () => {
  it('shows a job with its run history, newest run first, in pages', async () => {
    // A real run through the scheduler: tick → picker → runner → outcome and history item.
    const created = await acme<{ createEmployee: { id: string } }>(
      `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`,
      { input: { employeeNumber: 'JH-1', firstName: 'His', lastName: 'Tory', email: 'history@acme.test', contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } } } },
    );
    const input = crud({
      runAt: new Date(Date.now() - 1000).toISOString(),
      payload: JSON.stringify({ entity: 'employee', id: created.data!.createEmployee.id, set: { preferredName: 'Hist' } }),
    });
    await create(acme, input);
    await stack.tick();
    expect(await eventually(async () => (await stored('acme', input.id))?.status === 'succeeded')).toBe(true);

    const read = await acme<{ job: { job: JobView; runs: { items: RunView[]; nextToken: string | null } } }>(GET, { id: input.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.job.job).toMatchObject({ id: input.id, status: 'SUCCEEDED', runs: 1, attempts: 1, nextRunAt: null });
    expect(read.data!.job.runs.items).toEqual([expect.objectContaining({ run: 1, outcome: 'SUCCEEDED', error: null })]);
  });

  it('pages the history of a job with many runs', async () => {
    await putDead('acme', 'many-runs');
    const table = tableName('TenantJob', stack.stage);
    for (let run = 1; run <= 5; run += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, run)).toISOString();
      await system.send(new PutItemCommand({
        TableName: table,
        Item: {
          TenantId: { S: 'TENANT#acme' }, EntityItem: { S: `RUN#many-runs#00000${run}` }, jobId: { S: 'many-runs' }, run: { N: String(run) }, attempt: { N: String(run) },
          occurrenceAt: { S: at }, leaseOwner: { S: 'x' }, outcome: { S: 'failed' }, error: { S: `boom ${run}` }, startedAt: { S: at }, finishedAt: { S: at },
        },
      }));
    }
    const first = await acme<{ job: { runs: { items: RunView[]; nextToken: string | null } } }>(GET, { id: 'many-runs', runsLimit: 3 });
    expect(first.data!.job.runs.items.map((r) => r.run)).toEqual([5, 4, 3]);
    const second = await acme<{ job: { runs: { items: RunView[]; nextToken: string | null } } }>(GET, { id: 'many-runs', runsLimit: 3, runsNextToken: first.data!.job.runs.nextToken });
    expect(second.data!.job.runs.items.map((r) => r.run)).toEqual([2, 1]);
    expect(second.data!.job.runs.items[0]).toMatchObject({ outcome: 'FAILED', error: 'boom 2' });
  });

  it('answers null for an unknown job, and for another tenant\'s job named by its id', async () => {
    expect((await acme<{ job: unknown }>(GET, { id: 'no-such-job' })).data).toEqual({ job: null });
    const input = crud();
    await create(globex, input);
    const probe = await acme<{ job: unknown }>(GET, { id: input.id });
    expect(probe.errors).toBeUndefined();
    expect(probe.data).toEqual({ job: null });
    const named = await acme(GET, { id: input.id, tenantId: 'globex' });
    expect(named.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
  });
});

describe('cancelJob and retryJob', () => {
  it('cancels a pending job once; a second cancel is a CONFLICT; an unknown id NOT_FOUND', async () => {
    const input = crud();
    await create(acme, input);
    const cancelled = await acme<{ cancelJob: JobView }>(CANCEL, { id: input.id });
    expect(cancelled.data!.cancelJob).toMatchObject({ id: input.id, status: 'CANCELLED', nextRunAt: null });
    expect((await acme(CANCEL, { id: input.id })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    expect((await acme(CANCEL, { id: 'never-was' })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
  });

  it('retries a dead job: pending, due now, fresh attempts, the last error kept', async () => {
    await putDead('acme', 'dead-1');
    const before = Date.now();
    const retried = await acme<{ retryJob: JobView }>(RETRY, { id: 'dead-1' });
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryJob).toMatchObject({ status: 'PENDING', attempts: 0, lastError: { message: 'Item EMP#gone does not exist', type: 'NOT_FOUND', attempt: 5 } });
    expect(Date.parse(retried.data!.retryJob.nextRunAt!)).toBeGreaterThanOrEqual(before - 1000);
    const due = await stored('acme', 'dead-1');
    expect(due).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await acme(RETRY, { id: 'dead-1' })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
  });

  it('never reaches another tenant\'s job by its id', async () => {
    const input = crud();
    await create(globex, input);
    await putDead('globex', 'globex-dead');
    expect((await acme(CANCEL, { id: input.id })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await acme(RETRY, { id: 'globex-dead' })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(await stored('globex', input.id)).toMatchObject({ status: 'pending' });
    expect(await stored('globex', 'globex-dead')).toMatchObject({ status: 'dead' });
    expect(await stored('acme', input.id)).toBeUndefined();
  });
});
