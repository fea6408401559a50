/**
 * JobPicker against the local DynamoDB with IAM: every due job is claimed exactly once, across
 * pages and across pickers racing on the same tick; finished jobs are never read; a job whose
 * runner crashed comes back when its lease expires.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelJob, JobStateError, jobKey, type JobDispatch, type NewJobInput } from '../../domain/jobs/engine.ts';
import { pickDueJobs, type PickDueJobsOptions } from '../../jobs/picker.ts';
import { JOBS_TABLE, quiet, recordingDispatch, startJobsStack, type JobsStack } from './helpers.ts';

let jobs: JobsStack;
/** Index items the picker's Queries examined, counted on the wire (ScannedCount). */
let scanned = 0;

// A fresh store per test: running jobs of an earlier test would rightly be reclaimed by a later tick.
beforeEach(async () => {
  jobs = await startJobsStack();
  jobs.system.middlewareStack.add((next, context) => async (args) => {
    const result = await next(args);
    if (context.commandName === 'QueryCommand') scanned += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
    return result;
  }, { step: 'initialize', name: 'countScanned' });
});

afterEach(async () => {
  await jobs?.stop();
});

function crudJob(tenantId: string, jobId: string, runAt: string): NewJobInput {
  return { tenantId, jobId, runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: `e-${jobId}`, set: { preferredName: 'Seen' } }, runAt };
}

function picker(now: string, owner: string, dispatch: PickDueJobsOptions['dispatch'], pageSize = 25): PickDueJobsOptions {
  return { dynamodb: jobs.system, tableName: JOBS_TABLE, now: new Date(now), owner, leaseSeconds: 300, dispatch, pageSize, logger: quiet };
}

async function createMany(count: number, make: (i: number) => NewJobInput, createdAt: string): Promise<void> {
  for (let i = 0; i < count; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => jobs.create(make(i + j), new Date(createdAt))));
  }
}

const ids = (dispatched: JobDispatch[]) => dispatched.map((d) => `${d.tenantId}/${d.jobId}`);

describe('given 250 due jobs and pages of 25', () => {
  it('claims and dispatches every job exactly once, and a second tick finds nothing', async () => {
    await createMany(250, (i) => crudJob('pages', `p${i}`, '2030-01-01T00:00:00Z'), '2029-12-31T00:00:00Z');
    const { dispatched, dispatch } = recordingDispatch();
    const result = await pickDueJobs(picker('2030-01-01T00:01:00Z', 'picker-a', dispatch));
    expect(result).toMatchObject({ read: 250, claimed: 250, dispatched: 250, lost: 0 });
    expect(new Set(ids(dispatched)).size).toBe(250);
    expect(await jobs.job('pages', 'p7')).toMatchObject({ status: 'running', attempts: 1, runs: 1, lease: { owner: 'picker-a#run-1' } });

    const again = await pickDueJobs(picker('2030-01-01T00:02:00Z', 'picker-b', dispatch));
    expect(again).toMatchObject({ read: 0, claimed: 0 });
  });
});

describe('given many finished jobs and a few due ones', () => {
  it('reads only the due ones', async () => {
    await createMany(60, (i) => crudJob('history', `h${i}`, '2031-01-01T00:00:00Z'), '2030-12-31T00:00:00Z');
    // Finish 50 of them the way a runner does: the index entry goes with the status.
    await Promise.all(Array.from({ length: 50 }, (_, i) => jobs.system.send(new UpdateItemCommand({
      TableName: JOBS_TABLE,
      Key: jobKey('history', `h${i}`),
      UpdateExpression: 'SET #s = :done REMOVE DueShard, DueAt',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':done': { S: 'succeeded' } },
    }))));
    const { dispatched, dispatch } = recordingDispatch();
    scanned = 0;
    const result = await pickDueJobs(picker('2031-01-01T00:00:30Z', 'picker-h', dispatch, 5));
    expect(result).toMatchObject({ read: 10, claimed: 10 });
    expect(scanned).toBe(10);
    expect(ids(dispatched).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `history/h${50 + i}`).sort());
  });

  it('does not read jobs due later', async () => {
    await jobs.create(crudJob('later', 'tomorrow', '2032-01-02T00:00:00Z'), new Date('2032-01-01T00:00:00Z'));
    scanned = 0;
    const result = await pickDueJobs(picker('2032-01-01T00:00:00Z', 'picker-l', recordingDispatch().dispatch));
    expect(result.read).toBe(0);
    expect(scanned).toBe(0);
  });
});

describe('given a cancelled job', () => {
  it('never picks it, and refuses to cancel a job that is already running', async () => {
    await jobs.create(crudJob('cancel', 'k1', '2036-01-01T00:00:00Z'), new Date('2035-12-31T00:00:00Z'));
    await jobs.create(crudJob('cancel', 'k2', '2036-01-01T00:00:00Z'), new Date('2035-12-31T00:00:00Z'));
    await cancelJob({ dynamodb: jobs.system, tableName: JOBS_TABLE }, 'cancel', 'k1', new Date('2035-12-31T12:00:00Z'));
    const { dispatched, dispatch } = recordingDispatch();
    expect(await pickDueJobs(picker('2036-01-01T00:00:00Z', 'p', dispatch))).toMatchObject({ read: 1, claimed: 1 });
    expect(ids(dispatched)).toEqual(['cancel/k2']);
    expect(await jobs.job('cancel', 'k1')).toMatchObject({ status: 'cancelled' });
    await expect(cancelJob({ dynamodb: jobs.system, tableName: JOBS_TABLE }, 'cancel', 'k2', new Date('2036-01-01T00:00:01Z'))).rejects.toBeInstanceOf(JobStateError);
  });
});

describe('given two pickers on the same tick', () => {
  it('claims each job once between them', async () => {
    await createMany(120, (i) => crudJob('race', `r${i}`, '2033-01-01T00:00:00Z'), '2032-12-31T00:00:00Z');
    const a = recordingDispatch();
    const b = recordingDispatch();
    const [ra, rb] = await Promise.all([
      pickDueJobs(picker('2033-01-01T00:00:00Z', 'picker-a', a.dispatch, 10)),
      pickDueJobs(picker('2033-01-01T00:00:00Z', 'picker-b', b.dispatch, 10)),
    ]);
    const all = [...ids(a.dispatched), ...ids(b.dispatched)];
    expect(all).toHaveLength(120);
    expect(new Set(all).size).toBe(120);
    expect(ra.claimed + rb.claimed).toBe(120);
  });
});

describe('given a runner that never reports', () => {
  it('makes the job due again at lease expiry, reclaims it once, and ends it dead after its last attempt', async () => {
    await jobs.create({ ...crudJob('crash', 'c1', '2034-01-01T00:00:00Z'), maxAttempts: 2 }, new Date('2033-12-31T00:00:00Z'));
    const { dispatched, dispatch } = recordingDispatch();
    expect(await pickDueJobs(picker('2034-01-01T00:00:00Z', 'p', dispatch))).toMatchObject({ claimed: 1 });
    // Lease of 300 s: still running a minute before expiry, so nothing to do.
    expect(await pickDueJobs(picker('2034-01-01T00:04:00Z', 'p', dispatch))).toMatchObject({ read: 0 });

    const [first, second] = await Promise.all([
      pickDueJobs(picker('2034-01-01T00:05:00Z', 'p', dispatch)),
      pickDueJobs(picker('2034-01-01T00:05:00Z', 'q', dispatch)),
    ]);
    expect(first.reclaimed + second.reclaimed).toBe(1);
    expect(dispatched).toHaveLength(2);
    expect(await jobs.job('crash', 'c1')).toMatchObject({ status: 'running', attempts: 2, runs: 2 });

    expect(await pickDueJobs(picker('2034-01-01T00:10:00Z', 'p', dispatch))).toMatchObject({ dead: 1, reclaimed: 0 });
    const dead = await jobs.job('crash', 'c1');
    expect(dead).toMatchObject({ status: 'dead', attempts: 2, lastError: { message: expect.stringContaining('lease') } });
    expect(dead?.lease).toBeUndefined();
    expect(await pickDueJobs(picker('2034-01-02T00:00:00Z', 'p', dispatch))).toMatchObject({ read: 0 });
  });

  it('keeps a job whose dispatch failed, and picks it again after the lease', async () => {
    await jobs.create(crudJob('undelivered', 'u1', '2035-01-01T00:00:00Z'), new Date('2034-12-31T00:00:00Z'));
    const failing = async () => { throw new Error('Lambda throttled'); };
    expect(await pickDueJobs(picker('2035-01-01T00:00:00Z', 'p', failing))).toMatchObject({ claimed: 1, dispatchFailed: 1 });
    const { dispatched, dispatch } = recordingDispatch();
    expect(await pickDueJobs(picker('2035-01-01T00:05:00Z', 'p', dispatch))).toMatchObject({ reclaimed: 1, dispatched: 1 });
    expect(dispatched[0]).toMatchObject({ tenantId: 'undelivered', jobId: 'u1', leaseOwner: 'p#run-2' });
  });
});
