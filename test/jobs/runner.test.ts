/**
 * The runner framework and the CRUD runner, end to end with the picker, against the local
 * DynamoDB with IAM: duplicate deliveries change nothing, failures retry with backoff then die
 * with their error, a crash after the effect does not apply it twice, a CRUD job changes only
 * what the people module declares and by its rules (guards moved in the same transaction), and
 * a tenant's session cannot reach another tenant.
 */
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_RUNNERS, jobKey, type JobDispatch, type NewJobInput } from '../../domain/jobs/engine.ts';
import { employeeEmailKey, employeeHistoryKey } from '../../domain/people/model/keys.ts';
import { DEFAULT_TENANT_SETTINGS } from '../../domain/tenancy/registry.ts';
import { createLogger } from '../../domain/logger.ts';
import type { TenantClients } from '../../domain/tenant-credentials.ts';
import { pickDueJobs } from '../../jobs/picker.ts';
import { defineRunner, type RunClients } from '../../jobs/runner.ts';
import { applyCrudItem, crudItemRunner } from '../../jobs/runners/crud-item.ts';
import { dynamoClient } from '../local/iam/helpers.ts';
import { JOBS_TABLE, pimItem, putEmployee, quiet, recordingDispatch, startJobsStack, storedEmployee, tables, testClock, type JobsStack, type TestClock } from './helpers.ts';

const LEASE_SECONDS = 300;
const START = '2026-05-04T08:00:00.000Z';

let jobs: JobsStack;
let clock: TestClock;

beforeEach(async () => {
  jobs = await startJobsStack();
  clock = testClock(START);
});

afterEach(async () => {
  await jobs?.stop();
});

/** One picker tick at the test clock's time; returns what it dispatched. */
async function tick(owner = 'picker'): Promise<JobDispatch[]> {
  const { dispatched, dispatch } = recordingDispatch();
  await pickDueJobs({ dynamodb: jobs.system, tableName: JOBS_TABLE, now: clock.now(), owner, leaseSeconds: LEASE_SECONDS, dispatch, logger: quiet });
  return dispatched;
}

const employee = (tenantId: string, id: string) => storedEmployee(jobs.system, tenantId, id);

function rename(tenantId: string, jobId: string, extra: Partial<NewJobInput> = {}): NewJobInput {
  return { tenantId, jobId, runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: '001', set: { preferredName: 'Amazing Grace' } }, runAt: START, ...extra };
}

/** Creates the job, ticks, and runs the one delivery with the CRUD runner. */
async function runOnce(input: NewJobInput, deps = jobs.deps(clock)) {
  await jobs.create(input, clock.now());
  const [delivery] = await tick();
  return crudItemRunner.createHandler(deps)(delivery!);
}

describe('given a CRUD job delivered twice', () => {
  it('applies the effect once, records one run, and ignores the duplicate', async () => {
    await putEmployee(jobs.system, 'acme', '001');
    await jobs.create(rename('acme', 'd1'), clock.now());
    const [delivery] = await tick();
    const handle = crudItemRunner.createHandler(jobs.deps(clock));

    const [first, second] = await Promise.all([handle(delivery!), handle(delivery!)]);
    expect([first.outcome, second.outcome].sort()).toEqual(['ignored', 'succeeded']);
    expect(await handle(delivery!)).toMatchObject({ outcome: 'ignored' });

    expect(await employee('acme', '001')).toMatchObject({ preferredName: 'Amazing Grace', version: 2, updatedAt: START });
    // The version the job made has its history entry, once.
    expect(await pimItem(jobs.system, 'acme', employeeHistoryKey('001', 2))).toMatchObject({ version: 2, change: 'UPDATED', changedBy: 'system', fields: ['preferredName'], changedAt: START });
    expect(await pimItem(jobs.system, 'acme', employeeHistoryKey('001', 3))).toBeUndefined();
    expect(await jobs.job('acme', 'd1')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(await jobs.runs('acme', 'd1')).toEqual([expect.objectContaining({ outcome: 'succeeded', attempt: 1 })]);
    // Finished: out of the index, so no later tick sees it.
    clock.advanceSeconds(86_400);
    expect(await tick()).toEqual([]);
  });
});

describe('given a runner that keeps throwing', () => {
  it('retries with exponential backoff, then marks the job dead with the error', async () => {
    let calls = 0;
    const flaky = defineRunner({ ...JOB_RUNNERS['AIML-SaaS-Job-Runner'], async run() {
      calls += 1;
      throw new Error(`contract service unavailable (${calls})`);
    } });
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ service: 'jobs-test', level: 'info', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const handle = flaky.createHandler(jobs.deps(clock, { retryBaseSeconds: 10, logger }));
    await jobs.create({ tenantId: 'acme', jobId: 'f1', runner: 'AIML-SaaS-Job-Runner', payload: {}, runAt: START, maxAttempts: 3 }, clock.now());

    const [d1] = await tick();
    // base × 2^attempts: 10 s × 2 after the first attempt, 10 s × 4 after the second.
    expect(await handle(d1!)).toEqual({ outcome: 'retrying', nextRunAt: '2026-05-04T08:00:20.000Z', error: 'contract service unavailable (1)' });
    clock.advanceSeconds(19);
    expect(await tick()).toEqual([]);
    clock.advanceSeconds(1);
    const [d2] = await tick();
    expect(await handle(d2!)).toMatchObject({ outcome: 'retrying', nextRunAt: '2026-05-04T08:01:00.000Z' });
    clock.set('2026-05-04T08:01:00.000Z');
    const [d3] = await tick();
    expect(await handle(d3!)).toEqual({ outcome: 'dead', error: 'contract service unavailable (3)' });

    expect(await jobs.job('acme', 'f1')).toMatchObject({ status: 'dead', attempts: 3, lastError: { message: 'contract service unavailable (3)', attempt: 3 } });
    const runs = await jobs.runs('acme', 'f1');
    expect(runs.map((r) => [r.attempt, r.outcome])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'failed']]);
    clock.advanceSeconds(86_400);
    expect(await tick()).toEqual([]);
    expect(calls).toBe(3);

    // Each run's outcome is also a CloudWatch metric (Embedded Metric Format), its tenant on the same line.
    const finished = lines.filter((l) => l.message === 'run finished');
    expect(finished.map((l) => l.Outcome)).toEqual(['retrying', 'retrying', 'dead']);
    expect(finished[2]).toMatchObject({
      tenantId: 'acme', jobId: 'f1', Runner: 'AIML-SaaS-Job-Runner', JobRuns: 1, JobDuration: 0,
      _aws: { CloudWatchMetrics: [{ Namespace: 'OptimalHR/Jobs', Dimensions: [['Runner', 'Outcome']], Metrics: [{ Name: 'JobRuns', Unit: 'Count' }, { Name: 'JobDuration', Unit: 'Milliseconds' }] }] },
    });
  });

  it('sends a job whose payload is no longer valid straight to dead, writing nothing', async () => {
    await putEmployee(jobs.system, 'acme', '001');
    await jobs.create(rename('acme', 'v1'), clock.now());
    // Tampered after creation: the runner validates again before running.
    await jobs.system.send(new UpdateItemCommand({
      TableName: JOBS_TABLE, Key: jobKey('acme', 'v1'),
      UpdateExpression: 'SET payload.#set.UserId = :someone', ExpressionAttributeNames: { '#set': 'set' }, ExpressionAttributeValues: { ':someone': { S: 'someone-else' } },
    }));
    const [delivery] = await tick();
    expect(await crudItemRunner.createHandler(jobs.deps(clock))(delivery!)).toMatchObject({ outcome: 'dead', error: expect.stringContaining('set.UserId') });
    expect(await jobs.job('acme', 'v1')).toMatchObject({ status: 'dead', attempts: 1, lastError: { type: 'VALIDATION_ERROR' } });
    expect(await employee('acme', '001')).toMatchObject({ version: 1, preferredName: null });
    expect((await employee('acme', '001'))?.UserId).toBeUndefined();
  });

  it('sends a version conflict straight to dead with CONFLICT', async () => {
    await putEmployee(jobs.system, 'acme', '001');
    const outcome = await runOnce(rename('acme', 'x1', { payload: { entity: 'employee', id: '001', set: { preferredName: 'Late' }, expectedVersion: 4 } }));
    expect(outcome).toMatchObject({ outcome: 'dead' });
    expect(await jobs.job('acme', 'x1')).toMatchObject({ lastError: { type: 'CONFLICT' } });
    expect(await employee('acme', '001')).toMatchObject({ version: 1, preferredName: null });
  });

  it('sends a job for an employee that does not exist straight to dead with NOT_FOUND', async () => {
    expect(await runOnce(rename('acme', 'n1'))).toMatchObject({ outcome: 'dead', error: 'No employee 001 in this tenant.' });
    expect(await jobs.job('acme', 'n1')).toMatchObject({ lastError: { type: 'NOT_FOUND' } });
  });
});

describe('given a CRUD job changing an employee', () => {
  it('applies the people rules as updateEmployee does: normalised values, version, updatedAt and name index moved on, guards kept in step', async () => {
    const before = await putEmployee(jobs.system, 'acme', '001');
    const outcome = await runOnce(rename('acme', 'p1', { payload: { entity: 'employee', id: '001', set: { firstName: '  Amazing ', email: 'Grace.New@ACME.example' } } }));
    expect(outcome).toMatchObject({ outcome: 'succeeded' });
    expect(await employee('acme', '001')).toMatchObject({
      firstName: 'Amazing', email: 'grace.new@acme.example', version: 2, updatedAt: START, createdAt: before.createdAt, NameKey: 'hopper#amazing#001',
      employment: before.employment,
    });
    expect(await pimItem(jobs.system, 'acme', employeeEmailKey('grace.new@acme.example'))).toMatchObject({ employeeId: '001' });
    expect(await pimItem(jobs.system, 'acme', employeeEmailKey(before.email))).toBeUndefined();
  });

  it("refuses a colleague's work email with CONFLICT: no duplicate, both records and guards unchanged", async () => {
    await putEmployee(jobs.system, 'acme', '001');
    const colleague = await putEmployee(jobs.system, 'acme', '002');
    const outcome = await runOnce(rename('acme', 'p2', { payload: { entity: 'employee', id: '001', set: { email: colleague.email } } }));
    expect(outcome).toMatchObject({ outcome: 'dead', error: 'Another employee of this tenant already has this work email.' });
    expect(await jobs.job('acme', 'p2')).toMatchObject({ lastError: { type: 'CONFLICT' } });
    expect(await employee('acme', '001')).toMatchObject({ email: '001@acme.example', version: 1 });
    expect(await pimItem(jobs.system, 'acme', employeeEmailKey('001@acme.example'))).toMatchObject({ employeeId: '001' });
    expect(await pimItem(jobs.system, 'acme', employeeEmailKey(colleague.email))).toMatchObject({ employeeId: '002' });
  });

  it('refuses what the people rules refuse when the job runs (too long a name, a birth date to come, an archived record): dead with VALIDATION_ERROR, nothing written', async () => {
    await putEmployee(jobs.system, 'acme', '001');
    const cases = [
      ['p3', { firstName: 'G'.repeat(101) }, 'set.firstName must be 1 to 100 characters'],
      ['p4', { dateOfBirth: '2999-01-01' }, 'set.dateOfBirth cannot be in the future'],
    ] as const;
    const archived = await putEmployee(jobs.system, 'acme', '003');
    await jobs.system.send(new UpdateItemCommand({ TableName: tables('PIM'), Key: { TenantId: { S: archived.TenantId }, EntityItem: { S: archived.EntityItem } }, UpdateExpression: 'SET archived = :yes', ExpressionAttributeValues: { ':yes': { BOOL: true } } }));
    expect(await runOnce(rename('acme', 'p5', { payload: { entity: 'employee', id: '003', set: { preferredName: 'Ghost' } } }))).toMatchObject({ outcome: 'dead', error: expect.stringContaining('archived employee') });
    expect(await employee('acme', '003')).toMatchObject({ version: 1 });
    for (const [jobId, set, message] of cases) {
      const outcome = await runOnce(rename('acme', jobId, { payload: { entity: 'employee', id: '001', set } }));
      expect(outcome).toMatchObject({ outcome: 'dead', error: expect.stringContaining(message) });
      expect(await jobs.job('acme', jobId)).toMatchObject({ lastError: { type: 'VALIDATION_ERROR' } });
    }
    expect(await employee('acme', '001')).toMatchObject({ version: 1, firstName: 'Grace', dateOfBirth: null });
  });
});

describe('given a runner that crashes after its effect but before recording it', () => {
  it('reruns after the lease expires without applying the effect twice, and ends succeeded', async () => {
    await putEmployee(jobs.system, 'acme', '001');
    await jobs.create(rename('acme', 'c1'), clock.now());
    // The runner's bookkeeping client dies on its first outcome write, as a Lambda that times out would.
    const crashing: DynamoDBClient = dynamoClient(jobs.stack.dynamo.endpoint, jobs.stack.internal);
    let crashed = false;
    crashing.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && !crashed) {
        crashed = true;
        throw new Error('Task timed out after 900.00 seconds');
      }
      return next(args);
    }, { step: 'initialize', name: 'crashOnce' });

    const [first] = await tick();
    await expect(crudItemRunner.createHandler(jobs.deps(clock, { dynamodb: crashing }))(first!)).rejects.toThrow('timed out');
    expect(await employee('acme', '001')).toMatchObject({ preferredName: 'Amazing Grace', version: 2 });
    expect(await jobs.job('acme', 'c1')).toMatchObject({ status: 'running' });

    clock.advanceSeconds(LEASE_SECONDS - 1);
    expect(await tick()).toEqual([]);
    clock.advanceSeconds(1);
    const [second] = await tick();
    expect(second!.leaseOwner).not.toBe(first!.leaseOwner);
    // The first delivery, arriving again late, is stale now.
    const handle = crudItemRunner.createHandler(jobs.deps(clock, { dynamodb: crashing }));
    expect(await handle(first!)).toMatchObject({ outcome: 'ignored' });
    expect(await handle(second!)).toMatchObject({ outcome: 'succeeded' });

    expect(await employee('acme', '001')).toMatchObject({ preferredName: 'Amazing Grace', version: 2 });
    expect(await jobs.job('acme', 'c1')).toMatchObject({ status: 'succeeded', attempts: 2 });
    crashing.destroy();
  });
});

describe('given a runner that reports its progress', () => {
  it('shows the latest report on the job while it runs, writes at most one every two seconds (the final always), and keeps the last in the run history', async () => {
    const seen: unknown[] = [];
    const counting = defineRunner({ ...JOB_RUNNERS['AIML-SaaS-Job-Runner'], async run(ctx) {
      await ctx.progress({ done: 0, total: 3, unit: 'employees' });
      seen.push((await jobs.job('acme', 'p1'))?.progress);
      await ctx.progress({ done: 1, total: 3, unit: 'employees' });
      seen.push((await jobs.job('acme', 'p1'))?.progress);
      clock.advanceSeconds(2);
      await ctx.progress({ done: 2, total: 3, unit: 'employees', message: 'halfway' });
      seen.push((await jobs.job('acme', 'p1'))?.progress);
      await ctx.progress({ done: 3, total: 3, unit: 'employees' });
      seen.push((await jobs.job('acme', 'p1'))?.progress);
    } });
    await jobs.create({ tenantId: 'acme', jobId: 'p1', runner: 'AIML-SaaS-Job-Runner', payload: {}, runAt: START }, clock.now());
    const [delivery] = await tick();
    expect(await counting.createHandler(jobs.deps(clock))(delivery!)).toMatchObject({ outcome: 'succeeded' });
    expect(seen).toEqual([
      { occurrenceAt: START, done: 0, total: 3, unit: 'employees', message: null, at: START },
      // Within two seconds of the last write: not written.
      { occurrenceAt: START, done: 0, total: 3, unit: 'employees', message: null, at: START },
      { occurrenceAt: START, done: 2, total: 3, unit: 'employees', message: 'halfway', at: '2026-05-04T08:00:02.000Z' },
      // The final report is written however soon it comes.
      { occurrenceAt: START, done: 3, total: 3, unit: 'employees', message: null, at: '2026-05-04T08:00:02.000Z' },
    ]);
    expect(await jobs.job('acme', 'p1')).toMatchObject({ status: 'succeeded', progress: { done: 3, total: 3 } });
    expect((await jobs.runs('acme', 'p1'))[0]).toMatchObject({ outcome: 'succeeded', progress: { done: 3, total: 3, unit: 'employees' } });
  });

  it('stops a run whose lease was taken over at its next report, writing nothing to the job', async () => {
    const slow = defineRunner({ ...JOB_RUNNERS['AIML-SaaS-Job-Runner'], async run(ctx) {
      clock.advanceSeconds(LEASE_SECONDS);
      // Meanwhile the picker hands the expired job to another delivery.
      await tick('second-picker');
      await ctx.progress({ done: 1, total: 10, unit: 'employees' });
    } });
    await jobs.create({ tenantId: 'acme', jobId: 'p2', runner: 'AIML-SaaS-Job-Runner', payload: {}, runAt: START }, clock.now());
    const [delivery] = await tick();
    expect(await slow.createHandler(jobs.deps(clock))(delivery!)).toMatchObject({ outcome: 'ignored', reason: 'lease lost before the outcome was recorded' });
    const job = await jobs.job('acme', 'p2');
    expect(job).toMatchObject({ status: 'running' });
    expect(job?.progress).toBeUndefined();
    expect(job?.lease?.owner).not.toBe(delivery!.leaseOwner);
  });

  it('refuses a report that does not count whole items', async () => {
    const wrong = defineRunner({ ...JOB_RUNNERS['AIML-SaaS-Job-Runner'], async run(ctx) {
      await ctx.progress({ done: 1.5, total: 3, unit: 'employees' });
    } });
    await jobs.create({ tenantId: 'acme', jobId: 'p3', runner: 'AIML-SaaS-Job-Runner', payload: {}, runAt: START, maxAttempts: 1 }, clock.now());
    const [delivery] = await tick();
    expect(await wrong.createHandler(jobs.deps(clock))(delivery!)).toMatchObject({ outcome: 'dead', error: expect.stringContaining('whole items') });
  });
});

describe('given tenants acme and globex', () => {
  it('hands a per-tenant runner the tenant session and nothing else', async () => {
    let seen: RunClients | undefined;
    const probe = defineRunner({ ...JOB_RUNNERS['AIML-SaaS-Job-Runner'], async run(ctx) { seen = ctx.clients; } });
    await jobs.create({ tenantId: 'acme', jobId: 'p1', runner: 'AIML-SaaS-Job-Runner', payload: {}, runAt: START }, clock.now());
    const [delivery] = await tick();
    expect(await probe.createHandler(jobs.deps(clock))(delivery!)).toMatchObject({ outcome: 'succeeded' });
    const acme = await jobs.tenants.forTenant('acme');
    expect(seen?.dynamodb).toBe(acme.dynamodb);
    expect(seen?.dynamodb).not.toBe(jobs.system);
  });

  it('refuses, through IAM, an update of globex made with acme\'s session', async () => {
    const original = await putEmployee(jobs.system, 'globex', '001');
    const acme = await jobs.tenants.forTenant('acme');
    const ctx: Parameters<typeof applyCrudItem>[0] = {
      tenantId: 'globex', jobId: 'evil', idempotencyKey: 'evil#1', now: clock.now(), clients: acme, tableName: tables,
      tenant: { settings: { ...DEFAULT_TENANT_SETTINGS }, userPoolId: 'none', status: 'active' },
      payload: { entity: 'employee', id: '001', set: { preferredName: 'Fired' } },
    };
    await expect(applyCrudItem(ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(await employee('globex', '001')).toEqual(JSON.parse(JSON.stringify(original)));
  });

  it('a globex job run with acme\'s session writes nothing and fails with AccessDenied', async () => {
    await putEmployee(jobs.system, 'globex', '001');
    await jobs.create(rename('globex', 'g1', { maxAttempts: 1 }), clock.now());
    const acme = await jobs.tenants.forTenant('acme');
    // A mis-wired credential provider: the last line of defence is IAM, and it holds.
    const miswired = { ...jobs.tenants, forTenant: async () => acme } as TenantClients;
    const [delivery] = await tick();
    const outcome = await crudItemRunner.createHandler(jobs.deps(clock, { tenants: miswired }))(delivery!);
    expect(outcome).toMatchObject({ outcome: 'dead' });
    expect(await jobs.job('globex', 'g1')).toMatchObject({ status: 'dead', lastError: { message: expect.stringMatching(/not authorized|denied/i) } });
    expect(await employee('globex', '001')).toMatchObject({ preferredName: null, version: 1 });
  });

  it('builds keys in the job\'s tenant only, so acme\'s job never touches globex\'s item of the same id', async () => {
    await putEmployee(jobs.system, 'acme', '001');
    await putEmployee(jobs.system, 'globex', '001');
    expect(await runOnce(rename('acme', 'a1'))).toMatchObject({ outcome: 'succeeded' });
    expect(await employee('acme', '001')).toMatchObject({ preferredName: 'Amazing Grace' });
    expect(await employee('globex', '001')).toMatchObject({ preferredName: null, version: 1 });
  });
});

describe('given a job claimed just before its tenant was suspended', () => {
  it('when the runner starts, then it runs nothing and puts the job back pending with its attempt given back; after reactivation it runs', async () => {
    await putEmployee(jobs.system, 'acme', '001');
    await jobs.create(rename('acme', 's1'), clock.now());
    const [delivery] = await tick();
    const suspended = jobs.deps(clock, { profiles: async () => ({ settings: DEFAULT_TENANT_SETTINGS, userPoolId: 'pool', status: 'suspended' as const }) });
    expect(await crudItemRunner.createHandler(suspended)(delivery!)).toMatchObject({ outcome: 'deferred', reason: 'tenant is suspended' });
    expect(await employee('acme', '001')).toMatchObject({ version: 1 });
    expect(await jobs.job('acme', 's1')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await jobs.runs('acme', 's1')).toEqual([]);
    // A stale copy of the same delivery changes nothing.
    expect(await crudItemRunner.createHandler(suspended)(delivery!)).toMatchObject({ outcome: 'ignored' });

    clock.advanceSeconds(60);
    const [again] = await tick();
    expect(await crudItemRunner.createHandler(jobs.deps(clock))(again!)).toMatchObject({ outcome: 'succeeded' });
    expect(await jobs.job('acme', 's1')).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('the picker skips the due jobs of a tenant that is not active, and leaves them as they were', async () => {
    await jobs.create(rename('acme', 's2'), clock.now());
    await jobs.create(rename('globex', 's3'), clock.now());
    const { dispatched, dispatch } = recordingDispatch();
    const result = await pickDueJobs({ dynamodb: jobs.system, tableName: JOBS_TABLE, now: clock.now(), owner: 'p', leaseSeconds: LEASE_SECONDS, dispatch, logger: quiet, tenantActive: async (tenantId) => tenantId !== 'acme' });
    expect(result).toMatchObject({ skipped: 1, claimed: 1 });
    expect(dispatched.map((d) => d.tenantId)).toEqual(['globex']);
    expect(await jobs.job('acme', 's2')).toMatchObject({ status: 'pending', attempts: 0, runs: 0 });
  });
});
