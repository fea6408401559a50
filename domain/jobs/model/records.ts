/**
 * What the API knows of jobs without the engine: runner names, statuses, the stored job model, the keys of job and run
 * items, and how a stored job or run reads in GraphQL. Written in the APPSYNC_JS subset (resolver
 * bundles include it); the engine (domain/jobs/engine.ts) builds on it.
 */
import type { Job as JobView, JobRun as JobRunView, JobStatus as GraphQLJobStatus } from '../../generated/graphql.ts';

/** Every runner of the product (docs/architecture.md, "Jobs"); their contracts live in domain/jobs/engine.ts. */
export const RUNNER_NAMES = [
  'AIML-SaaS-Job-Runner',
  'AIML-SaaS-AttGen-System',
  'AIML-SaaS-AttGen-Tenant',
  'AIML-SaaS-Employee-Earn-AL',
  'AIML-SaaS-Payroll-Run',
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

/** `StatusAt` of a job item: `dead#2026-11-22T10:00:00.000Z`. Written with every status change. */
export function statusAt(status: JobStatus, at: string): string {
  return `${status}#${at}`;
}

/** Prefix of `RunnerAt` for one runner, or one runner's jobs in one status. */
export function runnerAtPrefix(runner: RunnerName, status?: JobStatus | null): string {
  return status ? `${runner}#${status}#` : `${runner}#`;
}

/** `RunnerAt` of a job item: `AIML-SaaS-CRUD-Item#dead#2026-11-22T10:00:00.000Z`. */
export function runnerAt(runner: RunnerName, status: JobStatus, at: string): string {
  return `${runnerAtPrefix(runner, status)}${at}`;
}

/** The index attributes every status write of a job sets with its status (JobsByStatus, JobsByRunner). */
export function statusIndexAttributes(runner: RunnerName, status: JobStatus, at: string): { StatusAt: string; RunnerAt: string } {
  return { StatusAt: statusAt(status, at), RunnerAt: runnerAt(runner, status, at) };
}

/** A recurring job's schedule: a 5-field cron in an IANA time zone, or a fixed rate. */
export type JobSchedule = { cron: string; timeZone: string } | { rateMinutes: number };

/** Who holds a running job, and until when. */
export interface JobLease {
  /** Unique per claim, so a delivery from an earlier claim never mistakes a later lease for its own. */
  owner: string;
  /** ISO time after which the job may be claimed again. */
  expiresAt: string;
}

/** The error of the last failed attempt, kept for admins when a job is dead. */
export interface JobLastError {
  message: string;
  /** The error type when the runner raised a typed error. */
  type?: string;
  at: string;
  attempt: number;
}

/** How far a run has got, as its runner reports it (`ctx.progress`). */
export interface JobProgress {
  /** The occurrence the run works on: progress of an earlier occurrence stays until the next one reports. */
  occurrenceAt: string;
  done: number;
  /** Null while the runner does not know the total yet. */
  total: number | null;
  /** What is counted: `employees`, `days`. */
  unit: string;
  message: string | null;
  at: string;
}

/** A job as stored in TenantJob (index attributes left out). */
export interface Job {
  tenantId: string;
  jobId: string;
  runner: RunnerName;
  payload: Record<string, unknown>;
  /** Absent for one-off jobs. */
  schedule?: JobSchedule;
  status: JobStatus;
  /** Attempts made at the current occurrence (a recurring job starts each occurrence at 0). */
  attempts: number;
  maxAttempts: number;
  /** Runs started over the job's life; numbers the run-history items. */
  runs: number;
  /** The scheduled time of the current occurrence; stable across its retries (idempotency keys use it). */
  occurrenceAt: string;
  /** When the job should next start: the occurrence, or a retry after backoff. */
  nextRunAt: string;
  /** Recurring jobs: the occurrence after the current one, fixed by the picker when it claims the job. */
  followingOccurrenceAt?: string;
  /**
   * Recurring jobs run by hand (`runJobNow` in jobs.ts): the current occurrence is an extra one, and
   * the schedule resumes at this occurrence, the one it was put in front of.
   */
  resumeAt?: string;
  lease?: JobLease;
  lastError?: JobLastError;
  /** The latest progress a run reported. */
  progress?: JobProgress;
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
  /** The last progress the run reported. */
  progress?: JobProgress;
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

function scheduleView(schedule: JobSchedule | undefined): JobView['schedule'] {
  if (!schedule) return null;
  // Read as optional fields: APPSYNC_JS has no `in` operator to narrow the union with.
  const { cron, timeZone, rateMinutes } = schedule as { cron?: string; timeZone?: string; rateMinutes?: number };
  return { cron: cron ?? null, timeZone: timeZone ?? null, rateMinutes: rateMinutes ?? null };
}

function progressView(progress: JobProgress | undefined): JobView['progress'] {
  if (!progress) return null;
  return { occurrenceAt: progress.occurrenceAt, done: progress.done, total: progress.total ?? null, unit: progress.unit, message: progress.message ?? null, at: progress.at };
}

/** A stored job as the GraphQL `Job` type shows it. */
export function jobView(job: Job): Omit<JobView, '__typename'> {
  return {
    id: job.jobId,
    tenantId: job.tenantId,
    runner: job.runner,
    payload: JSON.stringify(job.payload),
    schedule: scheduleView(job.schedule),
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
    progress: progressView(job.progress),
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
    progress: progressView(run.progress),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}
