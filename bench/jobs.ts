/**
 * The jobs engine (part of `npm run bench`), against local DynamoDB children with IAM, set up as
 * the jobs tests set them up (test/jobs/helpers.ts):
 *
 * 1. Picker cost versus history: `pickDueJobs` claiming and dispatching (no-op) 100 due jobs in a
 *    TenantJob table that also holds few or many finished jobs (succeeded, dead, cancelled, with
 *    their run history). One child per history size, each seeded once, measured in alternation,
 *    so both sizes share the run's conditions. Goal: the large/small ratio of the medians stays
 *    under 1.5, i.e. the picker's cost follows due work, not history.
 * 2. Jobs completed per second end to end: one-off `AIML-SaaS-CRUD-Item` jobs, each updating its
 *    own employee item, picked by back-to-back ticks and run in process by the runner's handler
 *    with tenant sessions from the local STS, until every job is recorded. Each job must end
 *    `succeeded` with its effect applied exactly once, or the run says so.
 */
import { Agent } from 'node:http';
import {
  BatchGetItemCommand,
  DynamoDBClient,
  type AttributeValue,
  type BatchGetItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { STSClient } from '@aws-sdk/client-sts';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { buildJob, createJob, jobKey, jobToItem, type Job, type JobDispatch, type JobStatus } from '../domain/jobs/engine.ts';
import { jobRunKey } from '../domain/jobs/model/keys.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { createLogger } from '../domain/logger.ts';
import { tenantClients } from '../domain/tenant-credentials.ts';
import { pickDueJobs } from '../jobs/picker.ts';
import type { RunOutcome } from '../jobs/runner.ts';
import { crudItemRunner } from '../jobs/runners/crud-item.ts';
import { putAll, REGION, startBenchDynamo, tables, type BenchDynamo } from './dynamo.ts';
import { measure, type Measure } from './harness.ts';
import { employeeItemKey, TOP_OF_ORGANISATION } from '../domain/people/model/keys.ts';
import type { EmploymentRecord } from '../domain/employment/model/contracts.ts';
import { newEmployeeRow, normaliseNewEmployee } from '../domain/people/model/employee.ts';
import { DEFAULT_TENANT_SETTINGS } from '../domain/tenancy/registry.ts';
import type { TenantProfile } from '../domain/tenancy/settings.ts';

const JOBS_TABLE = tables('TenantJob');
const TENANTS = ['acme', 'globex', 'initech', 'umbrella'];
/** Due jobs per picker tick measured. */
const DUE_JOBS = 100;
const LEASE_SECONDS = 900;
/** Job creations in flight before the end-to-end run. */
const CREATE_CONCURRENCY = 16;
/** The end-to-end run gives up after this long, so a stuck job fails the measure instead of hanging the bench. */
const E2E_TIMEOUT_MS = 60_000;
const log = createLogger({ service: 'bench-jobs', level: 'error' });

/**
 * `count` finished jobs and their run history, spread over the tenants and the past weeks: mostly
 * succeeded (one run), one in twenty dead (three failed runs), one in twenty cancelled (none).
 */
function* finishedHistory(count: number, now: Date): Generator<Record<string, AttributeValue>> {
  for (let n = 0; n < count; n += 1) {
    const tenantId = TENANTS[n % TENANTS.length]!;
    const jobId = `done-${n}`;
    const status: JobStatus = n % 20 === 0 ? 'dead' : n % 20 === 1 ? 'cancelled' : 'succeeded';
    const runs = status === 'dead' ? 3 : status === 'cancelled' ? 0 : 1;
    const at = new Date(now.getTime() - (n + 60) * 20_000);
    const iso = (offsetMs: number) => new Date(at.getTime() + offsetMs).toISOString();
    const finishedAt = iso(runs * 1_000);
    const job: Job = {
      tenantId, jobId, runner: 'AIML-SaaS-CRUD-Item',
      payload: { entity: 'employee', id: `${n}`, set: { preferredName: 'Bench' } },
      status, attempts: runs, maxAttempts: 3, runs,
      occurrenceAt: at.toISOString(), nextRunAt: at.toISOString(),
      ...(status === 'dead' ? { lastError: { message: 'contract service unavailable', at: finishedAt, attempt: runs } } : {}),
      createdAt: iso(-3_600_000), updatedAt: finishedAt,
    };
    yield jobToItem(job);
    for (let run = 1; run <= runs; run += 1) {
      const failed = status === 'dead';
      yield marshall({
        TenantId: tenantKey(tenantId), EntityItem: jobRunKey(jobId, run), jobId, run, attempt: run,
        occurrenceAt: job.occurrenceAt, leaseOwner: `bench-seed#run-${run}`, outcome: failed ? 'failed' : 'succeeded',
        ...(failed ? { error: 'contract service unavailable' } : {}),
        startedAt: iso((run - 1) * 1_000), finishedAt: iso(run * 1_000 - 100),
      });
    }
  }
}

/** The same `DUE_JOBS` jobs, pending and due a second ago: writing them resets the last measurement's claims. */
function dueJobs(now: Date): Record<string, AttributeValue>[] {
  const runAt = new Date(now.getTime() - 1_000).toISOString();
  return Array.from({ length: DUE_JOBS }, (_, n) => jobToItem(buildJob({
    tenantId: TENANTS[n % TENANTS.length]!, jobId: `due-${n}`, runner: 'AIML-SaaS-CRUD-Item',
    payload: { entity: 'employee', id: `due-${n}`, set: { preferredName: 'Bench' } }, runAt,
  }, now)));
}

/**
 * One tick over `DUE_JOBS` fresh due jobs with a no-op dispatch: its time, and how many index
 * entries it read (more than `DUE_JOBS` would mean finished history reaches the picker).
 */
async function timedTick(stack: BenchDynamo, owner: string): Promise<{ ms: number; read: number }> {
  await putAll(stack.seed, JOBS_TABLE, dueJobs(new Date()).values());
  let dispatched = 0;
  const started = performance.now();
  const result = await pickDueJobs({
    dynamodb: stack.system, tableName: JOBS_TABLE, now: new Date(), owner, leaseSeconds: LEASE_SECONDS, logger: log,
    dispatch: async () => { dispatched += 1; },
  });
  const ms = performance.now() - started;
  if (result.claimed < DUE_JOBS || dispatched !== result.claimed) {
    throw new Error(`picker bench: expected all ${DUE_JOBS} due jobs claimed and dispatched, got ${JSON.stringify(result)}`);
  }
  return { ms, read: result.read };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const count = (n: number): string => n.toLocaleString('en-US');

/** Picker time for 100 due jobs with a small and a large finished history, measured in alternation. */
async function pickerMeasures(small: BenchDynamo, large: BenchDynamo, sizes: { small: number; large: number }, rounds: number): Promise<Measure[]> {
  const now = new Date();
  const [, seeded] = await Promise.all([
    putAll(small.seed, JOBS_TABLE, finishedHistory(sizes.small, now)),
    (async () => {
      const started = performance.now();
      const items = await putAll(large.seed, JOBS_TABLE, finishedHistory(sizes.large, now));
      return { items, seconds: (performance.now() - started) / 1000 };
    })(),
  ]);

  const times = { small: [] as number[], large: [] as number[] };
  let largeReads = 0;
  // One warm-up tick each, then alternate which size goes first so neither always follows the other.
  await timedTick(small, 'warmup');
  await timedTick(large, 'warmup');
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
    for (const size of order) {
      const tick = await timedTick(size === 'small' ? small : large, `bench-${round}`);
      times[size].push(tick.ms);
      if (size === 'large') largeReads = Math.max(largeReads, tick.read);
    }
  }
  const smallMs = median(times.small);
  const largeMs = median(times.large);
  const label = (n: number) => `picker: claim+dispatch ${DUE_JOBS} due jobs, ${count(n)} finished jobs in table (median of ${rounds})`;
  return [
    measure(label(sizes.small), smallMs, 'ms'),
    measure(label(sizes.large), largeMs, 'ms'),
    measure(`picker time ratio, ${count(sizes.large)} vs ${count(sizes.small)} finished jobs`, largeMs / smallMs, 'x', { max: 1.5 }),
    measure(`picker index entries read per tick, ${count(sizes.large)} finished jobs`, largeReads, 'entries', { max: DUE_JOBS + 1 }),
    measure(`seeding ${count(sizes.large)} finished jobs (${count(seeded.items)} items, BatchWriteItem)`, seeded.seconds, 's'),
  ];
}

/** Runs `task` over `0..total-1` with at most `limit` at a time. */
async function each(total: number, limit: number, task: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, total) }, async () => {
    while (next < total) await task(next++);
  }));
}

/** Reads items by key, 100 per BatchGetItem, answering them in no particular order. */
async function getAll(ddb: DynamoDBClient, table: string, keys: Record<string, AttributeValue>[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    for (let pending: Record<string, AttributeValue>[] | undefined = keys.slice(i, i + 100); pending?.length; ) {
      const out: BatchGetItemCommandOutput = await ddb.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(out.Responses?.[table] ?? []).map((item) => unmarshall(item)));
      pending = out.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return found;
}

/**
 * Creates `total` CRUD jobs (and their employee items), then ticks the picker back to back,
 * dispatching to the runner in process as an asynchronous invoke would, until every job is
 * recorded. Answers how long that took and how many jobs ended succeeded with their effect
 * applied exactly once.
 */
async function runCrudJobs(stack: BenchDynamo, prefix: string, total: number, handle: (job: JobDispatch) => Promise<RunOutcome>): Promise<{ seconds: number; ok: number; problems: string[] }> {
  const employee = (n: number) => ({ tenantId: TENANTS[n % TENANTS.length]!, id: `${prefix}-${n}`, entityItem: employeeItemKey(`${prefix}-${n}`) });
  // Employees as the API stores them (the runner validates the whole record); a preferred name is all the jobs change.
  const employment: EmploymentRecord = {
    contractId: 'bench', costCentreId: null, departmentId: null, employmentType: 'FULL_TIME', ftePercent: 100, hireDate: '2024-01-02',
    jobTitle: 'Benchmark', locationId: null, managerId: null, positionId: null, status: 'ACTIVE', terminationDate: null,
  };
  await putAll(stack.seed, tables('PIM'), Array.from({ length: total }, (_, n) => marshall(newEmployeeRow(employee(n).tenantId, employee(n).id, normaliseNewEmployee({
    employeeNumber: `B-${n}`, firstName: 'Bench', lastName: `Mark${n}`, email: `${employee(n).id}@bench.example`,
    contract: { startDate: employment.hireDate, terms: { jobTitle: employment.jobTitle, employmentType: employment.employmentType } },
  }), employment, TOP_OF_ORGANISATION, new Date().toISOString()), { removeUndefinedValues: true })).values());
  const created = new Date();
  await each(total, CREATE_CONCURRENCY, async (n) => {
    await createJob({ dynamodb: stack.system, tableName: JOBS_TABLE }, {
      tenantId: employee(n).tenantId, jobId: `${prefix}-${n}`, runner: 'AIML-SaaS-CRUD-Item',
      payload: { entity: 'employee', id: employee(n).id, set: { preferredName: prefix } }, runAt: created.toISOString(),
    }, created);
  });

  const problems: string[] = [];
  const started = performance.now();
  const deadline = started + E2E_TIMEOUT_MS;
  let recorded = 0;
  for (let tick = 0; recorded < total && performance.now() < deadline; tick += 1) {
    const runs: Promise<RunOutcome>[] = [];
    const picked = await pickDueJobs({
      dynamodb: stack.system, tableName: JOBS_TABLE, now: new Date(), owner: `${prefix}-tick-${tick}`, leaseSeconds: LEASE_SECONDS, logger: log,
      dispatch: async (job) => { runs.push(handle(job)); },
    });
    for (const settled of await Promise.allSettled(runs)) {
      if (settled.status === 'rejected') problems.push(`runner threw: ${String(settled.reason)}`);
      else if (settled.value.outcome !== 'ignored') recorded += 1;
      if (settled.status === 'fulfilled' && settled.value.outcome !== 'succeeded') problems.push(JSON.stringify(settled.value));
    }
    // Nothing due and nothing in flight: whatever is left waits for a retry, which would not come in time.
    if (picked.read === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;

  const jobs = await getAll(stack.system, JOBS_TABLE, Array.from({ length: total }, (_, n) => jobKey(employee(n).tenantId, `${prefix}-${n}`)));
  const items = await getAll(stack.system, tables('PIM'), Array.from({ length: total }, (_, n) => ({ TenantId: { S: tenantKey(employee(n).tenantId) }, EntityItem: { S: employee(n).entityItem } })));
  const succeeded = new Set(jobs.filter((job) => job.status === 'succeeded').map((job) => `${String(job.tenantId)}/${String(job.jobId)}`));
  // Applied exactly once: the version moved from 1 to 2, no further.
  const applied = new Set(items.filter((item) => item.preferredName === prefix && item.version === 2).map((item) => String(item.EntityItem)));
  const ok = Array.from({ length: total }, (_, n) => n).filter((n) => succeeded.has(`${employee(n).tenantId}/${prefix}-${n}`) && applied.has(employee(n).entityItem)).length;
  return { seconds, ok, problems };
}

/** Jobs completed per second, picker tick to recorded success, with the CRUD runner in process. */
async function endToEndMeasures(stack: BenchDynamo, total: number): Promise<Measure[]> {
  const sts = new STSClient({ endpoint: stack.dynamo.stsEndpoint, region: REGION, credentials: stack.internal });
  const tenants = tenantClients({
    roleArn: stack.roleArns.tenantScoped, sts, logger: log,
    dynamodb: { region: REGION, endpoint: stack.dynamo.endpoint, requestHandler: { httpAgent: new Agent({ keepAlive: true }) } },
  });
  // The bench's tenants have no registry records: every one works in UTC, with no user pool.
  const profiles = async (): Promise<TenantProfile> => ({ settings: { ...DEFAULT_TENANT_SETTINGS }, userPoolId: 'none', status: 'active' });
  const handle = crudItemRunner.createHandler({ dynamodb: stack.system, tableName: tables, tenants, profiles, logger: log });
  try {
    // Warm-up: tenant sessions, connections and JIT, as warm runner Lambdas would have them.
    await runCrudJobs(stack, 'warm', 40, handle);
    const run = await runCrudJobs(stack, 'e2e', total, handle);
    if (run.problems.length > 0) log.error('end-to-end jobs did not all succeed', { problems: run.problems.slice(0, 5), count: run.problems.length });
    return [
      measure(`jobs completed end to end (${count(total)} CRUD-Item jobs, runner in process)`, run.ok / run.seconds, 'jobs/s', { min: 50 }),
      measure('end-to-end jobs not succeeded with their effect applied once', total - run.ok, 'jobs', { max: 1 }),
    ];
  } finally {
    tenants.destroy();
    sts.destroy();
  }
}

/** Starts two local DynamoDB children (small and large finished history) and measures the jobs engine. */
export async function jobsMeasures(options: { quick: boolean }): Promise<Measure[]> {
  const sizes = options.quick ? { small: 1_000, large: 10_000 } : { small: 1_000, large: 100_000 };
  const started = await Promise.allSettled([startBenchDynamo(), startBenchDynamo()]);
  const [small, large] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
  try {
    if (!small || !large) throw started.find((s) => s.status === 'rejected')?.reason;
    const picker = await pickerMeasures(small, large, sizes, options.quick ? 7 : 9);
    // The large history has served; freeing its child leaves the end-to-end run the whole machine.
    await large.stop();
    return [...picker, ...(await endToEndMeasures(small, options.quick ? 300 : 1_000))];
  } finally {
    await Promise.allSettled([small?.stop(), large?.stop()]);
  }
}
