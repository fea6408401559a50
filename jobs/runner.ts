/**
 * The runner framework. A runner declares its name, scope and payload contract and a `run`
 * function; {@link defineRunner} turns it into a Lambda handler for the picker's dispatch
 * `{ tenantId, jobId, leaseOwner }` that:
 * 1. re-reads the job and goes on only while the lease is this delivery's own (duplicates and
 *    stale deliveries change nothing);
 * 2. validates the payload and hands per-tenant runners the tenant's scoped clients and nothing
 *    else, so IAM confines them to `TENANT#<id>` keys;
 * 3. records the outcome and a run-history item in one transaction conditional on the lease:
 *    success (one-off: `succeeded`; recurring: `pending` at the next occurrence), a retry with
 *    exponential backoff, or `dead` with the error once attempts are spent.
 *
 * Delivery is at least once, and a runner may crash after its effect but before the record: the
 * job is then picked again and runs again. Runners make their effects idempotent with
 * `ctx.idempotencyKey`, which is the same for every attempt and delivery of one occurrence.
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import { requiredEnv } from '../domain/env.ts';
import type { ErrorType } from '../domain/model/errors.ts';
import { dueShard, idempotencyKey, isRunnerName, jobFromItem, jobKey, nextOccurrence, statusIndexAttributes, type Job, type JobDispatch, type JobLastError, type JobProgress, type JobStatus, type RunnerDeclaration, type RunnerName } from '../domain/jobs/engine.ts';
import { jobRunKey } from '../domain/jobs/model/keys.ts';
import { isValidEntityId, isValidTenantId, tenantKey } from '../domain/model/keys.ts';
import { createLogger, type Logger } from '../domain/logger.ts';
import { embeddedMetrics, JOBS_NAMESPACE } from '../domain/metrics.ts';
import { tableEnvName, type TableId } from '../domain/model/tables.ts';
import { tenantClients, type TenantClients } from '../domain/tenant-credentials.ts';
import { tenantProfileReader, type TenantProfile } from '../domain/tenancy/settings.ts';

/**
 * A job whose tenant is not active when its run starts is put back this many seconds later
 * (the picker then skips it until the tenant is reactivated).
 */
export const INACTIVE_TENANT_DEFER_SECONDS = 60;

/** Default backoff base: retry n waits base × 2^n. */
export const DEFAULT_RETRY_BASE_SECONDS = 30;

/**
 * A failure a runner raises on purpose. `retryable: false` (bad input, a conflict that a retry
 * cannot fix) sends the job straight to `dead`; anything else thrown is retried.
 */
export class JobFailure extends Error {
  readonly retryable: boolean;
  readonly type: ErrorType | undefined;
  constructor(message: string, options: { retryable?: boolean; type?: ErrorType } = {}) {
    super(message);
    this.name = 'JobFailure';
    this.retryable = options.retryable ?? true;
    this.type = options.type;
  }
}

/** The AWS clients a run may use: the tenant's scoped session, or the system role's for system runners. */
export interface RunClients {
  readonly dynamodb: DynamoDBClient;
  readonly s3?: S3Client;
}

/** What `run` receives. */
export interface RunContext<P> {
  readonly tenantId: string;
  readonly jobId: string;
  readonly payload: P;
  /** 1 for the first attempt at this occurrence. */
  readonly attempt: number;
  /** Scheduled time of the occurrence being run. */
  readonly occurrenceAt: string;
  /** `<jobId>#<occurrenceAt>`: the same for every attempt and delivery of this occurrence. */
  readonly idempotencyKey: string;
  /** The injected clock at the start of the run. */
  readonly now: Date;
  /** The tenant's settings (time zone) and user pool, from its registry record. */
  readonly tenant: TenantProfile;
  readonly clients: RunClients;
  /** Physical table name of a declared table. */
  tableName(id: TableId): string;
  /** A logger carrying tenantId, jobId and runner. */
  readonly log: Logger;
  /**
   * Reports how far the run has got; admins read it on the job while it runs, and the run's
   * history keeps the last report. Writes at most once per {@link PROGRESS_INTERVAL_MS} (the
   * final report, `done === total`, always), and only while the lease is still this run's: a
   * run whose lease was taken over stops here with {@link LeaseLostError}.
   */
  progress(report: ProgressReport): Promise<void>;
}

/** What a runner reports with `ctx.progress`. */
export interface ProgressReport {
  done: number;
  total?: number | null;
  unit: string;
  message?: string | null;
}

/** Progress reports closer together than this are not written (the last one before the end is). */
export const PROGRESS_INTERVAL_MS = 2_000;

/** The run no longer holds its job: another delivery claimed it after the lease expired. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`The lease of job ${jobId} was taken over; this run stops.`);
    this.name = 'LeaseLostError';
  }
}

/** A runner: its declaration (see `JOB_RUNNERS` in domain/jobs/engine.ts) plus what it does. */
export interface RunnerDefinition<P> extends RunnerDeclaration<P> {
  readonly name: RunnerName;
  run(ctx: RunContext<P>): Promise<void>;
}

/** What a runner handler needs; on AWS built from the environment by `handler`. */
export interface RunnerDeps {
  /** The runner's own client: job bookkeeping, and the clients of system runners. */
  dynamodb: DynamoDBClient;
  s3?: S3Client;
  tableName(id: TableId): string;
  /** Tenant sessions; required by per-tenant runners. */
  tenants?: TenantClients;
  /** Tenants' registry profiles; default: read from TenantRegistry with `dynamodb`, cached a minute. */
  profiles?: (tenantId: string) => Promise<TenantProfile>;
  now?: () => Date;
  retryBaseSeconds?: number;
  logger?: Logger;
}

/** What a delivery did. `ignored`: nothing changed (stale or duplicate delivery, unknown job). */
export type RunOutcome =
  | { outcome: 'succeeded' | 'rescheduled'; nextRunAt?: string }
  | { outcome: 'retrying'; nextRunAt: string; error: string }
  | { outcome: 'dead'; error: string }
  | { outcome: 'deferred'; nextRunAt: string; reason: string }
  | { outcome: 'ignored'; reason: string };

/** A deployable runner. */
export interface JobRunner<P> {
  readonly definition: RunnerDefinition<P>;
  /** The handler with explicit dependencies (tests, the local stack). */
  createHandler(deps: RunnerDeps): (event: JobDispatch) => Promise<RunOutcome>;
  /** The Lambda handler: dependencies from the environment (table variables, TENANT_ROLE_ARN). */
  handler(event: JobDispatch): Promise<RunOutcome>;
}

/**
 * @example
 * export const crudItem = defineRunner({ ...JOB_RUNNERS['AIML-SaaS-CRUD-Item'], async run(ctx) { ... } });
 * export const handler = crudItem.handler;
 */
export function defineRunner<P>(definition: RunnerDefinition<P>): JobRunner<P> {
  let fromEnvironment: ((event: JobDispatch) => Promise<RunOutcome>) | undefined;
  return {
    definition,
    createHandler: (deps) => createHandler(definition, deps),
    handler(event) {
      fromEnvironment ??= createHandler(definition, {
        dynamodb: new DynamoDBClient({}),
        tableName: (id) => requiredEnv(tableEnvName(id)),
        ...(definition.scope === 'tenant' ? { tenants: tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') }) } : {}),
      });
      return fromEnvironment(event);
    },
  };
}

function isDispatch(event: unknown): event is JobDispatch {
  const e = event as Partial<JobDispatch> | null;
  return !!e && isValidTenantId(e.tenantId) && isValidEntityId(e.jobId) && typeof e.leaseOwner === 'string' && isRunnerName(e.runner);
}

function createHandler<P>(definition: RunnerDefinition<P>, deps: RunnerDeps): (event: JobDispatch) => Promise<RunOutcome> {
  const clock = deps.now ?? (() => new Date());
  const baseLog = (deps.logger ?? createLogger({ service: 'job-runner' })).child({ runner: definition.name });
  const jobTable = deps.tableName('TenantJob');
  const profiles = deps.profiles ?? tenantProfileReader(deps.dynamodb, deps.tableName('TenantRegistry'));
  if (definition.scope === 'tenant' && !deps.tenants) throw new Error(`Runner ${definition.name} is per tenant and needs tenant sessions (deps.tenants).`);

  return async function handle(event) {
    if (!isDispatch(event)) {
      baseLog.warn('refused malformed dispatch');
      return { outcome: 'ignored', reason: 'malformed dispatch' };
    }
    const log = baseLog.child({ tenantId: event.tenantId, jobId: event.jobId });
    const found = await deps.dynamodb.send(new GetItemCommand({ TableName: jobTable, Key: jobKey(event.tenantId, event.jobId), ConsistentRead: true }));
    if (!found.Item) return ignore(log, 'job not found');
    const job = jobFromItem(found.Item);
    const startedAt = clock();
    if (job.runner !== definition.name) return ignore(log, `job belongs to runner ${job.runner}`);
    if (job.status !== 'running' || job.lease?.owner !== event.leaseOwner) return ignore(log, 'stale delivery: the lease is not this delivery\'s');
    if (Date.parse(job.lease.expiresAt) <= startedAt.getTime()) return ignore(log, 'lease expired before the run started');

    let progressOf: () => JobProgress | undefined = () => undefined;
    const record = (error?: unknown) => recordOutcome(job, event.leaseOwner, startedAt, clock(), error, { deps, jobTable, log }, progressOf());
    const checked = definition.payload(job.payload);
    if (!checked.ok) {
      const fields = checked.problems.map((p) => `${p.field || 'payload'} ${p.message}`).join('; ');
      return record(new JobFailure(`Invalid payload: ${fields}`, { retryable: false, type: 'VALIDATION_ERROR' }));
    }
    try {
      const tenant = await profiles(job.tenantId);
      // A tenant suspended since the pick: the run does nothing, and the job goes back as it was.
      if (tenant.status !== 'active') return await deferJob(job, event.leaseOwner, clock(), { deps, jobTable, log }, `tenant is ${tenant.status}`);
      // Per-tenant runners see the tenant's session and nothing else: IAM confines them to its keys.
      const clients: RunClients = definition.scope === 'tenant'
        ? await deps.tenants!.forTenant(job.tenantId)
        : { dynamodb: deps.dynamodb, ...(deps.s3 ? { s3: deps.s3 } : {}) };
      log.info('run started', { attempt: job.attempts, occurrenceAt: job.occurrenceAt });
      const reporter = progressReporter(job, event.leaseOwner, { deps, jobTable, log }, clock);
      progressOf = reporter.last;
      await definition.run({
        tenantId: job.tenantId,
        jobId: job.jobId,
        payload: checked.value,
        attempt: job.attempts,
        occurrenceAt: job.occurrenceAt,
        idempotencyKey: idempotencyKey(job),
        now: startedAt,
        tenant,
        clients,
        tableName: deps.tableName,
        log,
        progress: reporter.report,
      });
    } catch (error) {
      return record(error);
    }
    return record();
  };
}

/**
 * The run's `ctx.progress`: a lease-conditioned update of the job's `progress`, throttled, plus
 * the last report for the run's history.
 */
function progressReporter(job: Job, leaseOwner: string, scope: RecordScope, clock: () => Date) {
  let last: JobProgress | undefined;
  let writtenAt = -Infinity;
  const report = async (update: ProgressReport): Promise<void> => {
    const total = update.total ?? null;
    if (!Number.isInteger(update.done) || update.done < 0 || (total !== null && (!Number.isInteger(total) || total < 0))) {
      throw new Error(`progress must count whole items (done ${update.done}, total ${total})`);
    }
    const now = clock();
    last = { occurrenceAt: job.occurrenceAt, done: update.done, total, unit: update.unit, message: update.message ?? null, at: now.toISOString() };
    const final = total !== null && update.done >= total;
    if (!final && now.getTime() - writtenAt < PROGRESS_INTERVAL_MS) return;
    writtenAt = now.getTime();
    try {
      await scope.deps.dynamodb.send(new UpdateItemCommand({
        TableName: scope.jobTable,
        Key: jobKey(job.tenantId, job.jobId),
        ConditionExpression: '#status = :running AND #lease.#owner = :owner',
        UpdateExpression: 'SET #progress = :progress',
        ExpressionAttributeNames: { '#status': 'status', '#lease': 'lease', '#owner': 'owner', '#progress': 'progress' },
        ExpressionAttributeValues: { ':running': { S: 'running' }, ':owner': { S: leaseOwner }, ':progress': { M: marshall(last) } },
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new LeaseLostError(job.jobId);
      throw error;
    }
  };
  return { report, last: () => last };
}

/**
 * Puts a claimed job back untouched: pending at the same occurrence, the attempt the claim counted
 * given back, due again in {@link INACTIVE_TENANT_DEFER_SECONDS}; conditional on the lease, so a
 * stale delivery changes nothing. No run-history item: nothing ran.
 */
async function deferJob(job: Job, leaseOwner: string, now: Date, scope: RecordScope, reason: string): Promise<RunOutcome> {
  const at = new Date(now.getTime() + INACTIVE_TENANT_DEFER_SECONDS * 1000).toISOString();
  const indexed = statusIndexAttributes(job.runner, 'pending', now.toISOString());
  try {
    await scope.deps.dynamodb.send(new UpdateItemCommand({
      TableName: scope.jobTable,
      Key: jobKey(job.tenantId, job.jobId),
      ConditionExpression: '#status = :running AND #lease.#owner = :owner',
      UpdateExpression: 'SET #status = :pending, StatusAt = :statusAt, RunnerAt = :runnerAt, attempts = attempts - :one, nextRunAt = :at, DueShard = :shard, DueAt = :at, updatedAt = :now REMOVE #lease',
      ExpressionAttributeNames: { '#status': 'status', '#lease': 'lease', '#owner': 'owner' },
      ExpressionAttributeValues: {
        ':running': { S: 'running' },
        ':owner': { S: leaseOwner },
        ':pending': { S: 'pending' },
        ':statusAt': { S: indexed.StatusAt },
        ':runnerAt': { S: indexed.RunnerAt },
        ':one': { N: '1' },
        ':at': { S: at },
        ':shard': { S: dueShard(job.tenantId, job.jobId) },
        ':now': { S: now.toISOString() },
      },
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return ignore(scope.log, 'lease lost before the job was put back');
    throw error;
  }
  scope.log.info('run deferred', { reason, nextRunAt: at });
  return { outcome: 'deferred', nextRunAt: at, reason };
}

function ignore(log: Logger, reason: string): RunOutcome {
  log.info('delivery ignored', { reason });
  return { outcome: 'ignored', reason };
}

interface RecordScope {
  deps: RunnerDeps;
  jobTable: string;
  log: Logger;
}

/** The job's state after a run: what to SET and REMOVE, and what the caller is told. */
interface Transition {
  status: JobStatus;
  /** What to SET besides the status, its index attributes and `updatedAt`. */
  set: Record<string, AttributeValue>;
  remove: string[];
  outcome: RunOutcome;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function transitionAfter(job: Job, finishedAt: Date, error: unknown, retryBaseSeconds: number): Transition {
  const now = finishedAt.toISOString();
  const shard = { S: dueShard(job.tenantId, job.jobId) };
  if (error === undefined) {
    if (!job.schedule) return { status: 'succeeded', set: {}, remove: ['lease', 'DueShard', 'DueAt'], outcome: { outcome: 'succeeded' } };
    const next = job.followingOccurrenceAt
      ?? nextOccurrence(job.schedule, new Date(Math.max(finishedAt.getTime(), Date.parse(job.occurrenceAt))), new Date(job.occurrenceAt)).toISOString();
    return {
      status: 'pending',
      set: { attempts: { N: '0' }, occurrenceAt: { S: next }, nextRunAt: { S: next }, DueShard: shard, DueAt: { S: next } },
      remove: ['lease', 'followingOccurrenceAt', 'resumeAt'],
      outcome: { outcome: 'rescheduled', nextRunAt: next },
    };
  }
  const failure = error instanceof JobFailure ? error : undefined;
  const message = errorMessage(error);
  const lastError: JobLastError = { message, at: now, attempt: job.attempts, ...(failure?.type ? { type: failure.type } : {}) };
  const errorValue = { M: marshall(lastError) };
  if ((failure?.retryable ?? true) && job.attempts < job.maxAttempts) {
    // Jitter-free on purpose: the retry time is a pure function of the attempt, so tests can assert it.
    const retryAt = new Date(finishedAt.getTime() + retryBaseSeconds * 1000 * 2 ** job.attempts).toISOString();
    return {
      status: 'pending',
      set: { nextRunAt: { S: retryAt }, lastError: errorValue, DueShard: shard, DueAt: { S: retryAt } },
      remove: ['lease'],
      outcome: { outcome: 'retrying', nextRunAt: retryAt, error: message },
    };
  }
  return { status: 'dead', set: { lastError: errorValue }, remove: ['lease', 'DueShard', 'DueAt'], outcome: { outcome: 'dead', error: message } };
}

/**
 * Writes the run-history item and the job's new state in one transaction, both conditional:
 * the history item must be new and the lease still this delivery's. A stale or duplicate
 * delivery therefore changes nothing.
 */
async function recordOutcome(job: Job, leaseOwner: string, startedAt: Date, finishedAt: Date, error: unknown, scope: RecordScope, progress?: JobProgress): Promise<RunOutcome> {
  const { deps, jobTable, log } = scope;
  const transition = transitionAfter(job, finishedAt, error, deps.retryBaseSeconds ?? DEFAULT_RETRY_BASE_SECONDS);
  transition.set.status = { S: transition.status };
  Object.assign(transition.set, marshall(statusIndexAttributes(job.runner, transition.status, finishedAt.toISOString())));
  transition.set.updatedAt = { S: finishedAt.toISOString() };
  const names: Record<string, string> = { '#owner': 'owner', '#leaseAttr': 'lease', '#statusAttr': 'status' };
  const values: Record<string, AttributeValue> = { ':running': { S: 'running' }, ':leaseOwner': { S: leaseOwner } };
  const sets = Object.entries(transition.set).map(([attribute, value], i) => {
    names[`#s${i}`] = attribute;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = transition.remove.map((attribute, i) => {
    names[`#r${i}`] = attribute;
    return `#r${i}`;
  });
  const runItem = {
    TenantId: tenantKey(job.tenantId),
    EntityItem: jobRunKey(job.jobId, job.runs),
    jobId: job.jobId,
    run: job.runs,
    attempt: job.attempts,
    occurrenceAt: job.occurrenceAt,
    leaseOwner,
    outcome: error === undefined ? 'succeeded' : 'failed',
    ...(error === undefined ? {} : { error: errorMessage(error) }),
    ...(progress ? { progress } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
  };
  const items: TransactWriteItem[] = [
    { Put: { TableName: jobTable, Item: marshall(runItem, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
    {
      Update: {
        TableName: jobTable,
        Key: jobKey(job.tenantId, job.jobId),
        ConditionExpression: '#statusAttr = :running AND #leaseAttr.#owner = :leaseOwner',
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  ];
  try {
    await deps.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }));
  } catch (failure) {
    if (failure instanceof TransactionCanceledException) return ignore(log, 'lease lost before the outcome was recorded');
    throw failure;
  }
  const level = transition.outcome.outcome === 'dead' ? 'error' : transition.outcome.outcome === 'retrying' ? 'warn' : 'info';
  log[level]('run finished', {
    ...transition.outcome,
    attempt: job.attempts,
    run: job.runs,
    ...embeddedMetrics(JOBS_NAMESPACE, { Runner: job.runner, Outcome: transition.outcome.outcome }, {
      JobRuns: { value: 1, unit: 'Count' },
      JobDuration: { value: finishedAt.getTime() - startedAt.getTime(), unit: 'Milliseconds' },
    }, finishedAt),
  });
  return transition.outcome;
}
