/**
 * JobPicker: EventBridge Scheduler invokes it every minute. It reads due jobs from the sparse
 * `DueJobs` index of TenantJob (cost follows due work, never finished history), claims each with
 * a conditional write, and dispatches a reference to the job's runner.
 *
 * Claiming moves the job to `running` under a lease and moves its index entry to the lease expiry,
 * so it leaves the due range now and comes back by itself if the runner never reports (crash,
 * timeout): the next tick then reclaims it, or marks it dead when its attempts are spent.
 */
import { ConditionalCheckFailedException, QueryCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { allDueShards, jobFromItem, jobKey, nextOccurrence, statusIndexAttributes, type Job, type JobDispatch, type JobLastError } from '../domain/jobs/engine.ts';
import { createLogger, type Logger } from '../domain/logger.ts';
import { embeddedMetrics, JOBS_NAMESPACE } from '../domain/metrics.ts';
import { DUE_JOBS_INDEX } from '../domain/jobs/model/keys.ts';

/** Options of {@link pickDueJobs}. */
export interface PickDueJobsOptions {
  /** A client allowed to query the `DueJobs` index and update jobs of every tenant (the system role). */
  dynamodb: DynamoDBClient;
  /** Physical TenantJob table name. */
  tableName: string;
  /** The tick's time: jobs due at or before it are picked. */
  now: Date;
  /** This picker's identity (e.g. the invocation's request id); each claim's lease owner derives from it. */
  owner: string;
  /** How long a runner may take before its job is due again. */
  leaseSeconds: number;
  /** Hands a claimed job to its runner (on AWS an asynchronous Lambda invoke). */
  dispatch: (job: JobDispatch) => Promise<void>;
  /**
   * Whether a tenant is active (its registry record); asked once per tenant per tick. A suspended
   * (or unknown) tenant's due jobs are skipped: they stay due, untouched, and run at the first
   * tick after it is reactivated. Default: every tenant is active.
   */
  tenantActive?: (tenantId: string) => Promise<boolean>;
  /** Index items per Query page; default 100. */
  pageSize?: number;
  logger?: Logger;
}

/** What one tick did. */
export interface PickResult {
  /** Index entries read (all of them due). */
  read: number;
  /** Pending jobs claimed. */
  claimed: number;
  /** Running jobs whose lease had expired, claimed again. */
  reclaimed: number;
  /** Jobs whose lease expired on their last attempt, now dead. */
  dead: number;
  /** Claims another picker won first. */
  lost: number;
  dispatched: number;
  /** Dispatches that failed; those jobs come back when their lease expires. */
  dispatchFailed: number;
  /** Due jobs of tenants that are not active, left as they were. */
  skipped: number;
}

/** The error kept on a job whose runner never reported. */
const LEASE_EXPIRED = 'The runner did not finish within its lease (crash or timeout).';

/**
 * Picks every job due by `now` from every shard, page by page, claims and dispatches each.
 *
 * @example
 * const result = await pickDueJobs({ dynamodb, tableName: 'TenantJobDev', now: new Date(), owner: context.awsRequestId,
 *   leaseSeconds: 900, dispatch: (job) => invokeRunner(job) });
 */
export async function pickDueJobs(options: PickDueJobsOptions): Promise<PickResult> {
  const result: PickResult = { read: 0, claimed: 0, reclaimed: 0, dead: 0, lost: 0, dispatched: 0, dispatchFailed: 0, skipped: 0 };
  const log = (options.logger ?? createLogger({ service: 'job-picker' })).child({ owner: options.owner });
  const asked = new Map<string, Promise<boolean>>();
  const active = (tenantId: string): Promise<boolean> => {
    if (!options.tenantActive) return Promise.resolve(true);
    let answer = asked.get(tenantId);
    if (!answer) {
      answer = options.tenantActive(tenantId);
      asked.set(tenantId, answer);
    }
    return answer;
  };
  await Promise.all(allDueShards().map(async (shard) => {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await options.dynamodb.send(new QueryCommand({
        TableName: options.tableName,
        IndexName: DUE_JOBS_INDEX.name,
        KeyConditionExpression: 'DueShard = :shard AND DueAt <= :now',
        ExpressionAttributeValues: { ':shard': { S: shard }, ':now': { S: options.now.toISOString() } },
        Limit: options.pageSize ?? 100,
        ExclusiveStartKey: start,
      }));
      const items = page.Items ?? [];
      result.read += items.length;
      await Promise.all(items.map(async (item) => {
        const entry = { job: jobFromItem(item), dueAt: item.DueAt?.S ?? '' };
        if (!(await active(entry.job.tenantId))) {
          result.skipped += 1;
          return;
        }
        await pickOne(entry, options, result, log);
      }));
      start = page.LastEvaluatedKey;
    } while (start);
  }));
  log.info('tick done', {
    ...result,
    ...embeddedMetrics(JOBS_NAMESPACE, { Component: 'JobPicker' }, {
      JobsClaimed: { value: result.claimed + result.reclaimed, unit: 'Count' },
      JobsDispatchFailed: { value: result.dispatchFailed, unit: 'Count' },
      JobsDeadOnLeaseExpiry: { value: result.dead, unit: 'Count' },
      JobsSkippedInactiveTenant: { value: result.skipped, unit: 'Count' },
    }, options.now),
  });
  return result;
}

/** A job as the index showed it, with the index entry that made it due. */
interface DueEntry {
  job: Job;
  dueAt: string;
}

async function pickOne(entry: DueEntry, options: PickDueJobsOptions, result: PickResult, log: Logger): Promise<void> {
  const { job } = entry;
  const jobLog = log.child({ tenantId: job.tenantId, jobId: job.jobId });
  const expired = job.status === 'running';
  if (expired && job.attempts >= job.maxAttempts) {
    if (await markDead(entry, options)) result.dead += 1;
    else result.lost += 1;
    jobLog.warn('lease expired on the last attempt; job is dead', { attempts: job.attempts });
    return;
  }
  const dispatch = await claim(entry, options);
  if (!dispatch) {
    result.lost += 1;
    return;
  }
  if (expired) result.reclaimed += 1;
  else result.claimed += 1;
  try {
    await options.dispatch(dispatch);
    result.dispatched += 1;
  } catch (error) {
    // The lease stays: the job is due again when it expires, so nothing is lost.
    result.dispatchFailed += 1;
    jobLog.error('dispatch failed', { runner: job.runner, error });
  }
}

/**
 * The condition that the job is still exactly as the index showed it: same status, same run
 * count, same due entry. Any claim, reclaim or outcome in between changes one of them, so of two
 * pickers acting on the same entry only the first write succeeds.
 */
function unchangedSince({ job, dueAt }: DueEntry): { condition: string; values: Record<string, AttributeValue> } {
  const values: Record<string, AttributeValue> = { ':was': { S: job.status }, ':runs': { N: String(job.runs) }, ':due': { S: dueAt } };
  return { condition: '#status = :was AND runs = :runs AND DueAt = :due', values };
}

/** Claims a due job; returns its dispatch reference, or null when another picker won. */
async function claim(entry: DueEntry, options: PickDueJobsOptions): Promise<JobDispatch | null> {
  const { job } = entry;
  const run = job.runs + 1;
  // One owner per claim: a late delivery of an earlier claim must never pass for the current one.
  const leaseOwner = `${options.owner}#run-${run}`;
  const expiresAt = new Date(options.now.getTime() + options.leaseSeconds * 1000).toISOString();
  const { condition, values } = unchangedSince(entry);
  const sets = ['#status = :running', 'StatusAt = :statusAt', 'RunnerAt = :runnerAt', '#lease = :lease', 'attempts = attempts + :one', 'runs = :run', 'DueAt = :expires', 'updatedAt = :now'];
  const indexed = statusIndexAttributes(job.runner, 'running', options.now.toISOString());
  const extra: Record<string, AttributeValue> = {};
  if (job.schedule) {
    // Fixed at claim time and derived only from the schedule, the occurrence and the tick, so the
    // recurring job's next occurrence is the same whichever delivery of this run records it.
    // An extra occurrence run by hand is followed by the scheduled one it was put in front of.
    const after = new Date(Math.max(options.now.getTime(), Date.parse(job.occurrenceAt)));
    sets.push('followingOccurrenceAt = :following');
    extra[':following'] = { S: job.resumeAt ?? nextOccurrence(job.schedule, after, new Date(job.occurrenceAt)).toISOString() };
  }
  try {
    await options.dynamodb.send(new UpdateItemCommand({
      TableName: options.tableName,
      Key: jobKey(job.tenantId, job.jobId),
      ConditionExpression: condition,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: { '#status': 'status', '#lease': 'lease' },
      ExpressionAttributeValues: {
        ...values,
        ...extra,
        ':running': { S: 'running' },
        ':statusAt': { S: indexed.StatusAt },
        ':runnerAt': { S: indexed.RunnerAt },
        ':lease': { M: marshall({ owner: leaseOwner, expiresAt }) },
        ':one': { N: '1' },
        ':run': { N: String(run) },
        ':expires': { S: expiresAt },
        ':now': { S: options.now.toISOString() },
      },
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return null;
    throw error;
  }
  return { tenantId: job.tenantId, jobId: job.jobId, leaseOwner, runner: job.runner };
}

/** Ends a job whose last attempt never reported; false when another picker got there first. */
async function markDead(entry: DueEntry, options: PickDueJobsOptions): Promise<boolean> {
  const { job } = entry;
  const { condition, values } = unchangedSince(entry);
  const lastError: JobLastError = { message: LEASE_EXPIRED, at: options.now.toISOString(), attempt: job.attempts };
  const indexed = statusIndexAttributes(job.runner, 'dead', options.now.toISOString());
  try {
    await options.dynamodb.send(new UpdateItemCommand({
      TableName: options.tableName,
      Key: jobKey(job.tenantId, job.jobId),
      ConditionExpression: condition,
      UpdateExpression: 'SET #status = :dead, StatusAt = :statusAt, RunnerAt = :runnerAt, lastError = :error, updatedAt = :now REMOVE #lease, DueShard, DueAt',
      ExpressionAttributeNames: { '#status': 'status', '#lease': 'lease' },
      ExpressionAttributeValues: {
        ...values,
        ':dead': { S: 'dead' },
        ':statusAt': { S: indexed.StatusAt },
        ':runnerAt': { S: indexed.RunnerAt },
        ':error': { M: marshall(lastError) },
        ':now': { S: options.now.toISOString() },
      },
    }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
