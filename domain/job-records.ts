/**
 * What the API knows of jobs without the engine: runner names, statuses, the keys of job and run
 * items, and how a stored job or run reads in GraphQL. Written in the APPSYNC_JS subset (resolver
 * bundles include it); the engine (domain/jobs.ts) builds on it.
 */
import type { Job as JobView, JobRun as JobRunView, JobStatus as GraphQLJobStatus } from './generated/graphql.ts';

/** Every runner of the product (docs/architecture.md, "Jobs"); their contracts live in domain/jobs.ts. */
export const RUNNER_NAMES = [
  'AIML-SaaS-Job-Runner',
  'AIML-SaaS-AttGen-System',
  'AIML-SaaS-AttGen-Tenant',
  'AIML-SaaS-Employee-Earn-AL',
  'AIML-SaaS-CRUD-Item',
  'AIML-SaaS-Tenant-Notification-Dispatcher',
] as const;

export type RunnerName = (typeof RUNNER_NAMES)[number];

export function isRunnerName(name: unknown): name is RunnerName {
  return typeof name === 'string' && RUNNER_NAMES.indexOf(name as RunnerName) >= 0;
}

export const JOB_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'dead', 'cancelled'] as const;
/**
 * `failed` is reserved for a run record whose attempt failed; the job itself goes back to
 * `pending` (retry) or to `dead` (attempts exhausted).
 */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Sort-key prefix of every job item of a tenant (and of nothing else). */
export const JOB_ITEM_PREFIX = 'JOB#';

/** `JOB#<id>`: the job item's sort key. */
export function jobItemKey(jobId: string): string {
  return `${JOB_ITEM_PREFIX}${jobId}`;
}

/** The prefix of a job's run-history items, for a Query with `begins_with`. */
export function jobRunPrefix(jobId: string): string {
  return `RUN#${jobId}#`;
}

/** `RUN#<id>#000042`: one run's history item (zero-padded so runs sort in order). */
export function jobRunKey(jobId: string, run: number): string {
  const digits = `${run}`;
  return `${jobRunPrefix(jobId)}${'000000'.slice(digits.length)}${digits}`;
}

/** The index admins list a tenant's jobs by status with, most recent change first. */
export const JOBS_BY_STATUS_INDEX = 'JobsByStatus';

/** `StatusAt` of a job item: `dead#2026-11-22T10:00:00.000Z`. Written with every status change. */
export function statusAt(status: JobStatus, at: string): string {
  return `${status}#${at}`;
}

/** A job item as stored (the fields the API shows; domain/jobs.ts has the full model). */
export interface StoredJob {
  tenantId: string;
  jobId: string;
  runner: string;
  payload: Record<string, unknown>;
  schedule?: { cron?: string; timeZone?: string; rateMinutes?: number };
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runs: number;
  occurrenceAt: string;
  nextRunAt: string;
  lease?: { owner: string; expiresAt: string };
  lastError?: { message: string; type?: string; at: string; attempt: number };
  createdAt: string;
  updatedAt: string;
}

/** A run-history item as stored. */
export interface StoredJobRun {
  run: number;
  attempt: number;
  occurrenceAt: string;
  outcome: 'succeeded' | 'failed';
  error?: string;
  startedAt: string;
  finishedAt: string;
}

function graphQLStatus(status: JobStatus): GraphQLJobStatus {
  return status.toUpperCase() as GraphQLJobStatus;
}

/** The stored status for a GraphQL one (`DEAD` → `dead`), or null when it names none. */
export function storedStatus(status: string): JobStatus | null {
  const lower = status.toLowerCase();
  return JOB_STATUSES.indexOf(lower as JobStatus) >= 0 ? (lower as JobStatus) : null;
}

/** A stored job as the GraphQL `Job` type shows it. */
export function jobView(job: StoredJob): Omit<JobView, '__typename'> {
  return {
    id: job.jobId,
    tenantId: job.tenantId,
    runner: job.runner,
    payload: JSON.stringify(job.payload),
    schedule: job.schedule
      ? { cron: job.schedule.cron ?? null, timeZone: job.schedule.timeZone ?? null, rateMinutes: job.schedule.rateMinutes ?? null }
      : null,
    status: graphQLStatus(job.status),
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runs: job.runs,
    occurrenceAt: job.occurrenceAt,
    nextRunAt: job.status === 'pending' ? job.nextRunAt : null,
    leaseExpiresAt: job.status === 'running' && job.lease ? job.lease.expiresAt : null,
    lastError: job.lastError
      ? { message: job.lastError.message, type: job.lastError.type ?? null, at: job.lastError.at, attempt: job.lastError.attempt }
      : null,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

/** A stored run as the GraphQL `JobRun` type shows it. */
export function jobRunView(run: StoredJobRun): Omit<JobRunView, '__typename'> {
  return {
    run: run.run,
    attempt: run.attempt,
    occurrenceAt: run.occurrenceAt,
    outcome: graphQLStatus(run.outcome),
    error: run.error ?? null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}
