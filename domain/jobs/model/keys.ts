/** Keys and indexes of the jobs module (TenantJob table). */
import { TENANT_KEY, type IndexDeclaration } from '../../model/keys.ts';

export const JOB_PREFIXES = {
  /** One item per job, holding its current occurrence (and nothing else starts with it). */
  job: 'JOB#',
  /** Run history: `RUN#<job>#<run>`, apart from the jobs so listing never reads it. */
  run: 'RUN#',
  /** Ledger proving an occurrence's effect was applied: `EFFECT#<job>#<occurrence>`. */
  effect: 'EFFECT#',
  /** Partition of the DueJobs index a job waits in: `DUE#<n>`. */
  dueShard: 'DUE#',
} as const;

/**
 * Sparse: only jobs waiting to run carry DueShard, so the picker's cost follows due work, not
 * history. Read by the system role only (its partition key is not a tenant's).
 */
export const DUE_JOBS_INDEX: IndexDeclaration = {
  name: 'DueJobs',
  kind: 'GSI',
  partitionKey: { name: 'DueShard', type: 'S' },
  sortKey: { name: 'DueAt', type: 'S' },
  projection: 'ALL',
};

/** Admins list a tenant's jobs by status, most recent change first; only job items carry StatusAt. */
export const JOBS_BY_STATUS_INDEX: IndexDeclaration = {
  name: 'JobsByStatus',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'StatusAt', type: 'S' },
  projection: 'ALL',
};

/**
 * Admins list a tenant's jobs of one runner (and status), most recent change first within a
 * status: `RunnerAt` = `<runner>#<status>#<updatedAt>`, so both filters are key conditions and
 * pages are always full. Only job items carry RunnerAt; every status write sets it.
 */
export const JOBS_BY_RUNNER_INDEX: IndexDeclaration = {
  name: 'JobsByRunner',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'RunnerAt', type: 'S' },
  projection: 'ALL',
};

/** `JOB#<id>`: the job item's sort key. */
export function jobItemKey(jobId: string): string {
  return `${JOB_PREFIXES.job}${jobId}`;
}

/** The prefix of a job's run-history items, for a Query with `begins_with`. */
export function jobRunPrefix(jobId: string): string {
  return `${JOB_PREFIXES.run}${jobId}#`;
}

/** `RUN#<id>#000042`: one run's history item (zero-padded so runs sort in order). */
export function jobRunKey(jobId: string, run: number): string {
  const digits = `${run}`;
  return `${jobRunPrefix(jobId)}${'000000'.slice(digits.length)}${digits}`;
}

/** `EFFECT#<idempotency key>`: ledger item in TenantJob proving an occurrence's effect was applied. */
export function jobEffectKey(idempotencyKey: string): string {
  return `${JOB_PREFIXES.effect}${idempotencyKey}`;
}

/** `DUE#<n>`: the DueJobs partition number `n`. */
export function dueShardKey(n: number): string {
  return `${JOB_PREFIXES.dueShard}${n}`;
}
