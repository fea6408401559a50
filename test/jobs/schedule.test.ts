/**
 * Recurring jobs: cron occurrences are computed in the job's time zone (a daily 07:30 in Berlin
 * stays 07:30 local across both DST changes), rate schedules stay on their grid, and a recurring
 * job always has exactly one pending occurrence, whatever the duplicates.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_RUNNERS, nextOccurrence, runJobNow, type JobSchedule } from '../../domain/jobs/engine.ts';
import { pickDueJobs } from '../../jobs/picker.ts';
import { defineRunner } from '../../jobs/runner.ts';
import { JOBS_TABLE, quiet, recordingDispatch, startJobsStack, testClock, type JobsStack, type TestClock } from './helpers.ts';

const BERLIN_0730: JobSchedule = { cron: '30 7 * * *', timeZone: 'Europe/Berlin' };

/** `2026-03-29 07:30` in Berlin's wall-clock time. */
function berlin(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

describe('nextOccurrence', () => {
  it('keeps a daily 07:30 Berlin job at 07:30 local across the spring change (2026-03-29)', () => {
    let at = new Date('2026-03-27T12:00:00Z');
    const seen: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      at = nextOccurrence(BERLIN_0730, at);
      seen.push(at.toISOString());
    }
    expect(seen).toEqual(['2026-03-28T06:30:00.000Z', '2026-03-29T05:30:00.000Z', '2026-03-30T05:30:00.000Z', '2026-03-31T05:30:00.000Z']);
    expect(seen.map(berlin)).toEqual(['2026-03-28 07:30', '2026-03-29 07:30', '2026-03-30 07:30', '2026-03-31 07:30']);
  });

  it('keeps it at 07:30 local across the autumn change (2026-10-25)', () => {
    const seen = [nextOccurrence(BERLIN_0730, new Date('2026-10-24T12:00:00Z')), nextOccurrence(BERLIN_0730, new Date('2026-10-25T12:00:00Z'))];
    expect(seen.map((d) => d.toISOString())).toEqual(['2026-10-25T06:30:00.000Z', '2026-10-26T06:30:00.000Z']);
    expect(nextOccurrence(BERLIN_0730, new Date('2026-10-23T12:00:00Z')).toISOString()).toBe('2026-10-24T05:30:00.000Z');
  });

  it('keeps a rate schedule on the grid of its previous occurrence, skipping what was missed', () => {
    const anchor = new Date('2026-05-04T08:00:00Z');
    expect(nextOccurrence({ rateMinutes: 15 }, new Date('2026-05-04T08:02:00Z'), anchor).toISOString()).toBe('2026-05-04T08:15:00.000Z');
    expect(nextOccurrence({ rateMinutes: 15 }, new Date('2026-05-04T08:15:00Z'), anchor).toISOString()).toBe('2026-05-04T08:30:00.000Z');
    expect(nextOccurrence({ rateMinutes: 15 }, new Date('2026-05-04T09:41:00Z'), anchor).toISOString()).toBe('2026-05-04T09:45:00.000Z');
  });
});

describe('given recurring jobs in the store', () => {
  let jobs: JobsStack;
  let clock: TestClock;
  let runs: string[];
  const recurring = defineRunner({ ...JOB_RUNNERS['AIML-SaaS-AttGen-Tenant'], async run(ctx) {
    runs.push(ctx.idempotencyKey);
  } });

  beforeEach(async () => {
    jobs = await startJobsStack();
    runs = [];
  });

  afterEach(async () => {
    await jobs?.stop();
  });

  /** Ticks at the job's next run time, runs what was dispatched, and returns the occurrence run. */
  async function runNextOccurrence(tenantId: string, jobId: string, lateSeconds = 0): Promise<string> {
    const job = await jobs.job(tenantId, jobId);
    clock.set(job!.nextRunAt);
    clock.advanceSeconds(lateSeconds);
    const { dispatched, dispatch } = recordingDispatch();
    await pickDueJobs({ dynamodb: jobs.system, tableName: JOBS_TABLE, now: clock.now(), owner: 'scheduler', leaseSeconds: 300, dispatch, logger: quiet });
    expect(dispatched).toHaveLength(1);
    const handle = recurring.createHandler(jobs.deps(clock));
    expect(await handle(dispatched[0]!)).toMatchObject({ outcome: 'rescheduled' });
    // A duplicate delivery of the same run changes nothing: still one pending occurrence.
    expect(await handle(dispatched[0]!)).toMatchObject({ outcome: 'ignored' });
    return job!.nextRunAt;
  }

  it('runs a daily 07:30 Berlin job at 07:30 local through the spring DST change', async () => {
    clock = testClock('2026-03-27T12:00:00Z');
    await jobs.create({ tenantId: 'acme', jobId: 'daily', runner: 'AIML-SaaS-AttGen-Tenant', payload: {}, schedule: BERLIN_0730 }, clock.now());
    const ran = [];
    for (let i = 0; i < 3; i += 1) ran.push(await runNextOccurrence('acme', 'daily', 20));
    expect(ran.map(berlin)).toEqual(['2026-03-28 07:30', '2026-03-29 07:30', '2026-03-30 07:30']);
    expect(await jobs.job('acme', 'daily')).toMatchObject({ status: 'pending', attempts: 0, nextRunAt: '2026-03-31T05:30:00.000Z', runs: 3 });
    expect(runs).toEqual(ran.map((at) => `daily#${at}`));
  });

  it('and through the autumn DST change', async () => {
    clock = testClock('2026-10-23T12:00:00Z');
    await jobs.create({ tenantId: 'acme', jobId: 'daily', runner: 'AIML-SaaS-AttGen-Tenant', payload: {}, schedule: BERLIN_0730 }, clock.now());
    const ran = [];
    for (let i = 0; i < 3; i += 1) ran.push(await runNextOccurrence('acme', 'daily'));
    expect(ran).toEqual(['2026-10-24T05:30:00.000Z', '2026-10-25T06:30:00.000Z', '2026-10-26T06:30:00.000Z']);
    expect(ran.map(berlin)).toEqual(['2026-10-24 07:30', '2026-10-25 07:30', '2026-10-26 07:30']);
  });

  it('runs a 15-minute rate job on its grid even when a tick is late', async () => {
    clock = testClock('2026-05-04T08:00:00Z');
    await jobs.create({ tenantId: 'acme', jobId: 'rate', runner: 'AIML-SaaS-AttGen-Tenant', payload: {}, schedule: { rateMinutes: 15 } }, clock.now());
    expect(await runNextOccurrence('acme', 'rate')).toBe('2026-05-04T08:15:00.000Z');
    expect(await runNextOccurrence('acme', 'rate', 150)).toBe('2026-05-04T08:30:00.000Z');
    expect(await jobs.job('acme', 'rate')).toMatchObject({ nextRunAt: '2026-05-04T08:45:00.000Z' });
  });

  it('runs a recurring job by hand as an extra occurrence, and still runs the scheduled one after it', async () => {
    clock = testClock('2026-03-27T12:00:00Z');
    await jobs.create({ tenantId: 'acme', jobId: 'daily', runner: 'AIML-SaaS-AttGen-Tenant', payload: {}, schedule: BERLIN_0730 }, clock.now());
    clock.set('2026-03-27T15:00:00Z');
    const store = { dynamodb: jobs.system, tableName: JOBS_TABLE };
    await runJobNow(store, 'acme', 'daily', clock.now());
    // Asked twice before the tick: still one extra run, and the schedule's place is kept.
    expect(await runJobNow(store, 'acme', 'daily', clock.now())).toMatchObject({ nextRunAt: '2026-03-27T15:00:00.000Z', resumeAt: '2026-03-28T06:30:00.000Z' });
    expect(await runNextOccurrence('acme', 'daily')).toBe('2026-03-27T15:00:00.000Z');
    expect(await jobs.job('acme', 'daily')).toMatchObject({ status: 'pending', nextRunAt: '2026-03-28T06:30:00.000Z', occurrenceAt: '2026-03-28T06:30:00.000Z' });
    expect(await runNextOccurrence('acme', 'daily')).toBe('2026-03-28T06:30:00.000Z');
    expect(runs).toEqual(['daily#2026-03-27T15:00:00.000Z', 'daily#2026-03-28T06:30:00.000Z']);
    expect((await jobs.job('acme', 'daily'))?.resumeAt).toBeUndefined();
  });

  it('keeps a rate job on its grid after a run by hand', async () => {
    clock = testClock('2026-05-04T08:00:00Z');
    await jobs.create({ tenantId: 'acme', jobId: 'rate', runner: 'AIML-SaaS-AttGen-Tenant', payload: {}, schedule: { rateMinutes: 15 } }, clock.now());
    clock.set('2026-05-04T08:07:00Z');
    await runJobNow({ dynamodb: jobs.system, tableName: JOBS_TABLE }, 'acme', 'rate', clock.now());
    expect(await runNextOccurrence('acme', 'rate')).toBe('2026-05-04T08:07:00.000Z');
    expect(await runNextOccurrence('acme', 'rate')).toBe('2026-05-04T08:15:00.000Z');
    expect(await jobs.job('acme', 'rate')).toMatchObject({ nextRunAt: '2026-05-04T08:30:00.000Z' });
  });
});
