/**
 * The job model of the TenantJob table, shared by job creation, the JobPicker and the runners.
 *
 * One item per job, `JOB#<id>` in its tenant's partition, holds the job's current occurrence:
 * a recurring job moves the same item to its next occurrence, so there can never be two pending
 * occurrences of one job. Each run leaves a history item `RUN#<id>#<run>` (apart from the jobs,
 * so listing a tenant's jobs never reads their history).
 *
 * Due work lives only in the sparse `DueJobs` index (`DueShard`, `DueAt`):
 * - pending: `DueAt` = `nextRunAt`, so the picker finds the job once it is due;
 * - running: `DueAt` = lease expiry, so a job whose runner crashed becomes due again by itself;
 * - succeeded, dead, cancelled: no `DueShard`/`DueAt`, so finished history is never read.
 * `DueShard` spreads due work over {@link DUE_SHARDS} partitions, so no index partition runs hot.
 *
 * Admins list a tenant's jobs by status through the `JobsByStatus` index (`TenantId`,
 * `StatusAt` = `<status>#<updatedAt>`) and by runner through `JobsByRunner` (`RunnerAt` =
 * `<runner>#<status>#<updatedAt>`): every status write sets both with it
 * ({@link statusIndexAttributes}).
 */
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { CronExpressionParser } from 'cron-parser';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain-error.ts';
import type { FieldProblem } from '../model/errors.ts';
import { isValidEntityId, isValidTenantId, TENANT_KEY_PREFIX, tenantKey } from '../model/keys.ts';
import { SYSTEM_TENANT_ID } from '../model/tenant-context.ts';
import { dueShardKey, jobItemKey } from './model/keys.ts';
import { isRunnerName, statusIndexAttributes, type Job, type JobSchedule, type JobStatus, type RunnerName } from './model/records.ts';
import { CRUD_ENTITIES, crudEntity } from './crud-entities.ts';
import { isTimeZone } from '../time.ts';
import { validateContractRunnerPayload } from '../employment/runner-payload.ts';
import { validateAttGenSystemPayload, validateAttGenTenantPayload } from '../attendance/runner-payloads.ts';
import { validateEarnRunnerPayload } from '../leave/runner-payload.ts';
import { validatePayrollRunnerPayload } from '../payroll/runner-payload.ts';

export {
  isRunnerName,
  JOB_STATUSES,
  statusAt,
  statusIndexAttributes,
  type Job,
  type JobLastError,
  type JobLease,
  type JobProgress,
  type JobSchedule,
  type JobStatus,
  type RunnerName,
} from './model/records.ts';

/** How many `DueShard` partitions the `DueJobs` index uses; the picker reads each of them. */
export const DUE_SHARDS = 4;
/** EventBridge Scheduler runs the JobPicker this often (the deployed schedule and the local tick). */
export const PICKER_SCHEDULE_MINUTES = 1;
/** How long a runner may take before its job comes due again (Lambda's maximum is 15 minutes; runners time out a minute earlier). */
export const LEASE_SECONDS = 15 * 60;
/** Attempts per occurrence when the creator names none. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Upper bound of `maxAttempts`: backoff doubles per attempt, so more would wait for years. */
export const MAX_ATTEMPTS_LIMIT = 20;
/** Shortest rate schedule: the scheduler ticks once a minute, so faster schedules could not be honoured. */
export const MIN_RATE_MINUTES = 1;
/** Most levels of objects and lists in a payload: every runner's contract fits, and every level is checked for other tenants. */
export const MAX_PAYLOAD_DEPTH = 8;
/** Largest payload, as JSON: far below DynamoDB's 400 KB item, and above any runner's contract. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/** What the picker hands to a runner: a reference, never the job itself, so the runner re-reads it. */
export interface JobDispatch {
  tenantId: string;
  jobId: string;
  /** The lease this delivery belongs to. */
  leaseOwner: string;
  /** Which runner to invoke (on AWS: which Lambda function). */
  runner: RunnerName;
}

/** The answer of a payload check: the typed payload, or one problem per bad field. */
export type PayloadCheck<P> = { ok: true; value: P } | { ok: false; problems: FieldProblem[] };

/** Checks a payload for one runner; field names are relative to the payload (`set.name`). */
export type PayloadValidator<P> = (payload: unknown) => PayloadCheck<P>;

/** A runner as declared to the rest of the product: its name, reach, and payload contract. */
export interface RunnerDeclaration<P = Record<string, unknown>> {
  readonly name: string;
  /** `tenant`: runs with the job tenant's scoped credentials; `system`: cross-tenant, system tenant only. */
  readonly scope: 'tenant' | 'system';
  readonly payload: PayloadValidator<P>;
  /** Set while the runner's module is not built: the module that brings its function (the API refuses its jobs until then). */
  readonly comesWith?: string;
}

/** Payload of `AIML-SaaS-CRUD-Item`: change declared fields of one entity of the job's tenant. */
export interface CrudItemPayload {
  /** An entity some module declares in `CRUD_ENTITIES` (domain/jobs/crud-entities.ts), e.g. `employee`. */
  entity: string;
  /** The entity's id; the runner builds the key, always in the job's tenant. */
  id: string;
  /** The fields to change: only those the entity declares updatable, checked by its module's rules. */
  set: Record<string, unknown>;
  /** When given, the change applies only while the entity's `version` still equals it. */
  expectedVersion?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function check<P>(problems: FieldProblem[], value: unknown): PayloadCheck<P> {
  return problems.length === 0 ? { ok: true, value: value as P } : { ok: false, problems };
}

/** The payload contract of `AIML-SaaS-CRUD-Item`, read from the entities the modules declare. */
export function validateCrudItemPayload(payload: unknown): PayloadCheck<CrudItemPayload> {
  const entities = CRUD_ENTITIES.map((e) => e.entity).join(', ');
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', message: `must be an object { entity, id, set, expectedVersion? }; entity one of ${entities}` }] };
  const problems: FieldProblem[] = [];
  const entity = crudEntity(payload.entity);
  if (!entity) problems.push({ field: 'entity', message: `must be one of ${entities}` });
  if (!isValidEntityId(payload.id)) problems.push({ field: 'id', message: 'must be the entity\'s id (1-64 letters, digits, - or _); the tenant comes from the job' });
  const set = payload.set;
  if (!isRecord(set) || Object.keys(set).length === 0) {
    problems.push({ field: 'set', message: `must be an object of the fields to change${entity ? `: ${entity.updatable.join(', ')}` : ''}` });
  } else if (entity) {
    const undeclared = Object.keys(set).filter((field) => !entity.updatable.includes(field));
    problems.push(...undeclared.map((field) => ({ field: `set.${field}`, message: `is not a field a job may set on ${entity.entity}; it may set ${entity.updatable.join(', ')}` })));
    if (undeclared.length === 0) problems.push(...entity.checkChanges(set).map((p) => ({ field: `set.${p.field}`, message: p.message })));
  }
  const expected = payload.expectedVersion;
  if (expected !== undefined && (!Number.isInteger(expected) || (expected as number) < 1)) {
    problems.push({ field: 'expectedVersion', message: 'must be a whole number ≥ 1 (the version you read)' });
  }
  const known = new Set(['entity', 'id', 'set', 'expectedVersion']);
  for (const field of Object.keys(payload)) if (!known.has(field)) problems.push({ field, message: 'is not a field of this runner' });
  return check(problems, payload);
}

/** Payload of `AIML-SaaS-Tenant-Notification-Dispatcher`: remind employees of shifts starting or ending soon. */
export interface NotificationDispatcherPayload {
  /** `CLOCK_IN`: shifts starting in the window; `CLOCK_OUT`: shifts ending in it. */
  reminder: 'CLOCK_IN' | 'CLOCK_OUT';
  /** The window opens this many minutes after the occurrence (how early the reminder comes). */
  leadMinutes: number;
  /** The window's length; give it the job's rate so consecutive occurrences cover every minute once. */
  windowMinutes: number;
}

const MAX_LEAD_MINUTES = 24 * 60;

/** The payload contract of `AIML-SaaS-Tenant-Notification-Dispatcher`. */
export function validateNotificationDispatcherPayload(payload: unknown): PayloadCheck<NotificationDispatcherPayload> {
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', message: 'must be an object with reminder, leadMinutes and windowMinutes' }] };
  const problems: FieldProblem[] = [];
  if (payload.reminder !== 'CLOCK_IN' && payload.reminder !== 'CLOCK_OUT') problems.push({ field: 'reminder', message: 'must be CLOCK_IN or CLOCK_OUT' });
  const lead = payload.leadMinutes;
  if (!Number.isInteger(lead) || (lead as number) < 0 || (lead as number) > MAX_LEAD_MINUTES) {
    problems.push({ field: 'leadMinutes', message: `must be a whole number of minutes from 0 to ${MAX_LEAD_MINUTES}` });
  }
  const window = payload.windowMinutes;
  if (!Number.isInteger(window) || (window as number) < 1 || (window as number) > MAX_LEAD_MINUTES) {
    problems.push({ field: 'windowMinutes', message: `must be a whole number of minutes from 1 to ${MAX_LEAD_MINUTES}` });
  }
  const known = new Set(['reminder', 'leadMinutes', 'windowMinutes']);
  for (const field of Object.keys(payload)) if (!known.has(field)) problems.push({ field, message: 'is not a field of this runner' });
  return check(problems, payload);
}

/** Every runner of the product (docs/architecture.md, "Jobs"), declared once. */
export const JOB_RUNNERS = {
  'AIML-SaaS-Job-Runner': { name: 'AIML-SaaS-Job-Runner', scope: 'tenant', payload: validateContractRunnerPayload },
  'AIML-SaaS-AttGen-System': { name: 'AIML-SaaS-AttGen-System', scope: 'system', payload: validateAttGenSystemPayload },
  'AIML-SaaS-AttGen-Tenant': { name: 'AIML-SaaS-AttGen-Tenant', scope: 'tenant', payload: validateAttGenTenantPayload },
  'AIML-SaaS-Employee-Earn-AL': { name: 'AIML-SaaS-Employee-Earn-AL', scope: 'tenant', payload: validateEarnRunnerPayload },
  'AIML-SaaS-Payroll-Run': { name: 'AIML-SaaS-Payroll-Run', scope: 'tenant', payload: validatePayrollRunnerPayload },
  'AIML-SaaS-CRUD-Item': { name: 'AIML-SaaS-CRUD-Item', scope: 'tenant', payload: validateCrudItemPayload },
  'AIML-SaaS-Tenant-Notification-Dispatcher': { name: 'AIML-SaaS-Tenant-Notification-Dispatcher', scope: 'tenant', payload: validateNotificationDispatcherPayload },
} as const satisfies Record<RunnerName, RunnerDeclaration<unknown>>;

/**
 * A job input was refused. `errorType` is always `VALIDATION_ERROR`; `fields` says which inputs to change.
 */
export class JobValidationError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super('VALIDATION_ERROR', `Invalid job: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, fields);
    this.name = 'JobValidationError';
  }
}

/** The key of a job item. */
export function jobKey(tenantId: string, jobId: string): Record<string, AttributeValue> {
  return { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: jobItemKey(jobId) } };
}

/**
 * Deterministic idempotency key of one occurrence of a job: the same for every attempt and every
 * duplicate delivery of that occurrence, different for the next occurrence.
 */
export function idempotencyKey(job: Pick<Job, 'jobId' | 'occurrenceAt'>): string {
  return `${job.jobId}#${job.occurrenceAt}`;
}

/** `DUE#<n>`: the index partition of a job, stable for its whole life (FNV-1a of tenant and id). */
export function dueShard(tenantId: string, jobId: string): string {
  let hash = 0x811c9dc5;
  for (const c of `${tenantId}/${jobId}`) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return dueShardKey(hash % DUE_SHARDS);
}

/** Every `DueShard` value, for the picker. */
export function allDueShards(): string[] {
  return Array.from({ length: DUE_SHARDS }, (_, n) => dueShardKey(n));
}

/**
 * Problems of a schedule (fields `schedule.*`): a malformed cron, one that never fires, one that
 * fires more often than once a minute (a seconds field), an unknown time zone, a bad rate.
 */
export function scheduleProblems(schedule: unknown, now: Date): FieldProblem[] {
  if (!isRecord(schedule)) return [{ field: 'schedule', message: 'must be { cron, timeZone } or { rateMinutes }' }];
  if ('rateMinutes' in schedule) {
    const rate = schedule.rateMinutes;
    const ok = Number.isInteger(rate) && (rate as number) >= MIN_RATE_MINUTES && (rate as number) <= 366 * 24 * 60;
    return ok ? [] : [{ field: 'schedule.rateMinutes', message: `must be a whole number of minutes, at least ${MIN_RATE_MINUTES}` }];
  }
  const problems: FieldProblem[] = [];
  if (!isTimeZone(schedule.timeZone)) {
    problems.push({ field: 'schedule.timeZone', message: 'must be an IANA time zone such as Europe/Berlin' });
  }
  if (typeof schedule.cron !== 'string' || schedule.cron.trim() === '') {
    problems.push({ field: 'schedule.cron', message: 'must be a cron expression such as "30 7 * * 1-5"' });
    return problems;
  }
  if (problems.length > 0) return problems;
  try {
    const expression = CronExpressionParser.parse(schedule.cron, { currentDate: now, tz: schedule.timeZone as string });
    if (expression.fields.second.values.length > 1) {
      problems.push({ field: 'schedule.cron', message: 'fires more often than once a minute; use at most one run per minute' });
    } else {
      expression.next();
    }
  } catch (error) {
    // cron-parser refuses impossible dates ("30 2 *") at parse time and gives up on a next() it cannot find.
    problems.push({ field: 'schedule.cron', message: `never fires or is malformed (${(error as Error).message})` });
  }
  return problems;
}

/**
 * The first occurrence of a schedule strictly after `after`. Cron times are computed in the
 * schedule's time zone, so a daily 07:30 stays at 07:30 local across DST changes; rate
 * schedules stay on the grid of `anchor` (the previous occurrence), so late runs do not drift.
 */
export function nextOccurrence(schedule: JobSchedule, after: Date, anchor: Date = after): Date {
  if ('rateMinutes' in schedule) {
    const step = schedule.rateMinutes * 60_000;
    const steps = Math.max(1, Math.floor((after.getTime() - anchor.getTime()) / step) + 1);
    return new Date(anchor.getTime() + steps * step);
  }
  return CronExpressionParser.parse(schedule.cron, { currentDate: after, tz: schedule.timeZone }).next().toDate();
}

/** How many levels of objects and lists `value` nests, counted level by level (no recursion) and no further than `limit + 1`. */
function nestingDepth(value: unknown, limit: number): number {
  let level: unknown[] = [value];
  let depth = 0;
  for (;;) {
    const containers = level.filter((v) => typeof v === 'object' && v !== null);
    if (containers.length === 0 || depth > limit) return depth;
    depth += 1;
    level = containers.flatMap((c) => Object.values(c as object));
  }
}

/** Problems of a payload's depth and size (field '' is the payload itself), checked before anything else reads it. */
function payloadBoundsProblems(payload: unknown): FieldProblem[] {
  if (nestingDepth(payload, MAX_PAYLOAD_DEPTH) > MAX_PAYLOAD_DEPTH) {
    return [{ field: '', message: `nests objects and lists more than ${MAX_PAYLOAD_DEPTH} levels deep` }];
  }
  const bytes = Buffer.byteLength(JSON.stringify(payload) ?? '');
  return bytes > MAX_PAYLOAD_BYTES ? [{ field: '', message: `is ${bytes} bytes as JSON; at most ${MAX_PAYLOAD_BYTES} are allowed` }] : [];
}

/** Problems of a payload that names a tenant other than the job's, searched through the whole (bounded) payload. */
function foreignTenantProblems(value: unknown, tenantId: string, path: string, depth = 0): FieldProblem[] {
  if (depth > MAX_PAYLOAD_DEPTH) return [];
  if (typeof value === 'string') {
    const foreign = value.startsWith(TENANT_KEY_PREFIX) && value !== tenantKey(tenantId);
    return foreign ? [{ field: path, message: 'names another tenant; a job may only touch its own tenant' }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => foreignTenantProblems(v, tenantId, `${path}.${i}`, depth + 1));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const field = `${path}.${k}`;
    if (k.toLowerCase() === 'tenantid' && v !== tenantId) {
      return [{ field, message: 'names another tenant; a job may only touch its own tenant' }];
    }
    return foreignTenantProblems(v, tenantId, field, depth + 1);
  });
}

/** What a caller gives to create a job. Exactly one of `runAt` (one-off) and `schedule` (recurring). */
export interface NewJobInput {
  tenantId: string;
  /** Caller-chosen id makes creation idempotent; default a random UUID. */
  jobId?: string;
  runner: string;
  payload: unknown;
  /** One-off: when to run (ISO time). */
  runAt?: string;
  /** Recurring: the schedule; the first occurrence is the next one after creation. */
  schedule?: JobSchedule;
  maxAttempts?: number;
}

/**
 * Validates a job input and builds the job (status `pending`). Throws {@link JobValidationError}
 * listing every problem: unknown runner, payload invalid for the runner or naming another tenant,
 * bad schedule or time zone, bad run time or attempts.
 */
export function buildJob(input: NewJobInput, now: Date): Job {
  const problems: FieldProblem[] = [];
  if (!isValidTenantId(input.tenantId)) problems.push({ field: 'tenantId', message: 'must be a tenant id such as acme' });
  const jobId = input.jobId ?? randomUUID();
  if (!isValidEntityId(jobId)) problems.push({ field: 'jobId', message: 'must be 1-64 letters, digits, - or _' });

  let payload: Record<string, unknown> = {};
  if (!isRunnerName(input.runner)) {
    problems.push({ field: 'runner', message: `must be one of ${Object.keys(JOB_RUNNERS).join(', ')}` });
  } else {
    const runner: RunnerDeclaration<unknown> = JOB_RUNNERS[input.runner];
    if (runner.scope === 'system' && input.tenantId !== SYSTEM_TENANT_ID) {
      problems.push({ field: 'runner', message: `is a system-wide runner; only the ${SYSTEM_TENANT_ID} tenant may schedule it` });
    }
    const bounds = payloadBoundsProblems(input.payload);
    const checked: PayloadCheck<unknown> = bounds.length > 0 ? { ok: false, problems: bounds } : runner.payload(input.payload);
    if (!checked.ok) {
      problems.push(...checked.problems.map((p) => ({ field: p.field ? `payload.${p.field}` : 'payload', message: p.message })));
    } else {
      payload = checked.value as Record<string, unknown>;
      // Cross-tenant reach belongs to system runners alone.
      if (runner.scope === 'tenant') problems.push(...foreignTenantProblems(payload, input.tenantId, 'payload'));
    }
  }

  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    problems.push({ field: 'maxAttempts', message: `must be a whole number from 1 to ${MAX_ATTEMPTS_LIMIT}` });
  }

  let firstRun: Date | undefined;
  if ((input.runAt === undefined) === (input.schedule === undefined)) {
    problems.push({ field: 'runAt', message: 'give either runAt (one-off job) or schedule (recurring job), not both or neither' });
  } else if (input.runAt !== undefined) {
    const at = new Date(input.runAt);
    if (typeof input.runAt !== 'string' || Number.isNaN(at.getTime())) problems.push({ field: 'runAt', message: 'must be an ISO date-time' });
    else firstRun = at;
  } else {
    const scheduleIssues = scheduleProblems(input.schedule, now);
    problems.push(...scheduleIssues);
    if (scheduleIssues.length === 0) firstRun = nextOccurrence(input.schedule as JobSchedule, now);
  }

  if (problems.length > 0 || !firstRun) throw new JobValidationError(problems);
  const at = firstRun.toISOString();
  return {
    tenantId: input.tenantId,
    jobId,
    runner: input.runner as RunnerName,
    payload,
    ...(input.schedule ? { schedule: input.schedule } : {}),
    status: 'pending',
    attempts: 0,
    maxAttempts,
    runs: 0,
    occurrenceAt: at,
    nextRunAt: at,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The stored item of a job: key, attributes, and the index entry while it waits. */
export function jobToItem(job: Job): Record<string, AttributeValue> {
  const due = job.status === 'pending' ? job.nextRunAt : job.status === 'running' ? job.lease?.expiresAt : undefined;
  return {
    ...jobKey(job.tenantId, job.jobId),
    ...marshall(job, { removeUndefinedValues: true }),
    ...marshall(statusIndexAttributes(job.runner, job.status, job.updatedAt)),
    ...(due ? { DueShard: { S: dueShard(job.tenantId, job.jobId) }, DueAt: { S: due } } : {}),
  };
}

/** A job from its stored item (keys and index attributes dropped). */
export function jobFromItem(item: Record<string, AttributeValue>): Job {
  const { TenantId: _t, EntityItem: _e, DueShard: _s, DueAt: _a, StatusAt: _st, RunnerAt: _r, ...rest } = unmarshall(item);
  return rest as Job;
}

/** Where jobs are written. */
export interface JobStore {
  dynamodb: DynamoDBClient;
  /** Physical TenantJob table name (`tableName('TenantJob', stage)`). */
  tableName: string;
}

/**
 * Validates and stores a new job. Creating the same `jobId` twice fails with `CONFLICT`, so a
 * retried create with a caller-chosen id cannot schedule the work twice.
 *
 * @example
 * await createJob({ dynamodb, tableName }, { tenantId: 'acme', runner: 'AIML-SaaS-CRUD-Item',
 *   payload: { entity: 'employee', id: '01J0EXAMPLE', set: { preferredName: 'Gracie' } }, runAt: '2026-04-01T00:00:00Z' }, new Date());
 */
export async function createJob(store: JobStore, input: NewJobInput, now: Date): Promise<Job> {
  const job = buildJob(input, now);
  try {
    await store.dynamodb.send(new PutItemCommand({
      TableName: store.tableName,
      Item: jobToItem(job),
      ConditionExpression: 'attribute_not_exists(EntityItem)',
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new JobConflictError(job.jobId);
    throw error;
  }
  return job;
}

/** A job with this id already exists in the tenant. */
export class JobConflictError extends DomainError {
  constructor(readonly jobId: string) {
    super('CONFLICT', `A job with id ${jobId} already exists in this tenant; choose another id or read the existing job.`);
    this.name = 'JobConflictError';
  }
}

/**
 * Cancels a pending job: status `cancelled`, out of the due index. A job that is running or
 * finished is not cancelled (`CONFLICT`), so a run already under way is never cut off midway.
 * Answers the cancelled job.
 */
export function cancelJob(store: JobStore, tenantId: string, jobId: string, now: Date): Promise<Job> {
  return changeStatus(store, tenantId, jobId, {
    from: 'pending',
    to: 'cancelled',
    now,
    remove: ['DueShard', 'DueAt'],
    refusal: 'only a pending job can be cancelled',
  });
}

/**
 * Gives a dead job a fresh set of attempts at the occurrence it died on, due at once. Its last
 * error stays for reference until the next run records its own. Answers the job, pending again.
 */
export function retryJob(store: JobStore, tenantId: string, jobId: string, now: Date): Promise<Job> {
  const at = now.toISOString();
  return changeStatus(store, tenantId, jobId, {
    from: 'dead',
    to: 'pending',
    now,
    set: { attempts: { N: '0' }, nextRunAt: { S: at }, DueShard: { S: dueShard(tenantId, jobId) }, DueAt: { S: at } },
    refusal: 'only a dead job can be retried',
  });
}

/**
 * Makes a pending job due now (the next tick picks it), for a demo or an operator; a dead job is
 * retried. A one-off job runs its one occurrence now; a job waiting to retry retries now. A
 * recurring job gets an extra occurrence now (its own idempotency key) and `resumeAt` its next
 * scheduled one, so the schedule still runs that occurrence: running by hand takes nothing away.
 * Answers the job.
 */
export async function runJobNow(store: JobStore, tenantId: string, jobId: string, now: Date): Promise<Job> {
  const at = now.toISOString();
  const found = await store.dynamodb.send(new GetItemCommand({ TableName: store.tableName, Key: jobKey(tenantId, jobId), ConsistentRead: true }));
  if (!found.Item) throw new JobNotFoundError(jobId);
  const job = jobFromItem(found.Item);
  if (job.status === 'dead') return retryJob(store, tenantId, jobId, now);
  const set: Record<string, AttributeValue> = { nextRunAt: { S: at }, DueShard: { S: dueShard(tenantId, jobId) }, DueAt: { S: at } };
  // Not while it retries a failed occurrence, nor twice before the extra occurrence ran.
  const extraOccurrence = job.schedule !== undefined && job.attempts === 0 && job.resumeAt === undefined;
  if (extraOccurrence) Object.assign(set, { occurrenceAt: { S: at }, resumeAt: { S: job.occurrenceAt } });
  return changeStatus(store, tenantId, jobId, {
    from: 'pending',
    to: 'pending',
    now,
    set,
    // The job as read: a run recorded in between moved it on, and the caller should look again.
    expect: { occurrenceAt: { S: job.occurrenceAt }, runs: { N: String(job.runs) } },
    refusal: 'only a pending or dead job can be run now',
  });
}

interface StatusChange {
  from: JobStatus;
  to: JobStatus;
  now: Date;
  set?: Record<string, AttributeValue>;
  remove?: string[];
  /** Further attributes that must still hold these values. */
  expect?: Record<string, AttributeValue>;
  /** Why the change is refused when the job is missing or not `from` (or not as expected). */
  refusal: string;
}

/**
 * One conditional status change of a job item, its index attributes and `updatedAt` with it. The
 * job is read first: `RunnerAt` needs its runner, and a missing job is told apart from one in
 * another state.
 */
async function changeStatus(store: JobStore, tenantId: string, jobId: string, change: StatusChange): Promise<Job> {
  const found = await store.dynamodb.send(new GetItemCommand({ TableName: store.tableName, Key: jobKey(tenantId, jobId), ConsistentRead: true }));
  if (!found.Item) throw new JobNotFoundError(jobId);
  const job = jobFromItem(found.Item);
  if (job.status !== change.from) throw new JobStateError(jobId, change.refusal);
  const at = change.now.toISOString();
  const set: Record<string, AttributeValue> = {
    ...change.set,
    status: { S: change.to },
    ...marshall(statusIndexAttributes(job.runner, change.to, at)),
    updatedAt: { S: at },
  };
  const names: Record<string, string> = { '#from': 'status' };
  const values: Record<string, AttributeValue> = { ':from': { S: change.from } };
  const conditions = ['#from = :from'];
  for (const [i, [attribute, value]] of Object.entries(change.expect ?? {}).entries()) {
    names[`#e${i}`] = attribute;
    values[`:e${i}`] = value;
    conditions.push(`#e${i} = :e${i}`);
  }
  const assignments = Object.entries(set).map(([attribute, value], i) => {
    names[`#s${i}`] = attribute;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removals = (change.remove ?? []).map((attribute, i) => {
    names[`#r${i}`] = attribute;
    return `#r${i}`;
  });
  try {
    const answer = await store.dynamodb.send(new UpdateItemCommand({
      TableName: store.tableName,
      Key: jobKey(tenantId, jobId),
      ConditionExpression: conditions.join(' AND '),
      UpdateExpression: `SET ${assignments.join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }));
    return jobFromItem(answer.Attributes ?? {});
  } catch (error) {
    // Claimed or changed by someone else between the read and the write.
    if (error instanceof ConditionalCheckFailedException) throw new JobStateError(jobId, change.refusal);
    throw error;
  }
}

/** No job with this id in the tenant. */
export class JobNotFoundError extends DomainError {
  constructor(readonly jobId: string) {
    super('NOT_FOUND', `No job ${jobId} in this tenant.`);
    this.name = 'JobNotFoundError';
  }
}

/** The job is missing or not in a state that allows the operation. */
export class JobStateError extends DomainError {
  constructor(readonly jobId: string, reason: string) {
    super('CONFLICT', `Job ${jobId} cannot change: ${reason}. Read the job and check its status.`);
    this.name = 'JobStateError';
  }
}
