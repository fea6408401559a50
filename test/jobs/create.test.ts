/**
 * Creating a job: every bad input is refused with VALIDATION_ERROR naming the field to change.
 */
import { describe, expect, it } from 'vitest';
import { buildJob, JobValidationError, type NewJobInput } from '../../domain/jobs/engine.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const CRUD: NewJobInput = {
  tenantId: 'acme',
  jobId: 'job-1',
  runner: 'AIML-SaaS-CRUD-Item',
  payload: { table: 'PIM', entityItem: 'EMP#001', set: { status: 'inactive' } },
  runAt: '2026-03-02T00:00:00Z',
};

/** The fields a refused input names. */
function refusedFields(input: NewJobInput): string[] {
  try {
    buildJob(input, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(JobValidationError);
    expect((error as JobValidationError).errorType).toBe('VALIDATION_ERROR');
    return (error as JobValidationError).fields.map((f) => f.field);
  }
  throw new Error('the input was accepted');
}

describe('given a valid one-off CRUD job', () => {
  it('builds it pending at runAt with no attempts made', () => {
    const job = buildJob(CRUD, NOW);
    expect(job).toMatchObject({ status: 'pending', attempts: 0, maxAttempts: 5, nextRunAt: '2026-03-02T00:00:00.000Z', occurrenceAt: '2026-03-02T00:00:00.000Z' });
  });
});

describe('when the input is bad, creation is refused', () => {
  it('refuses an unknown runner', () => {
    expect(refusedFields({ ...CRUD, runner: 'AIML-SaaS-Bitcoin-Miner' })).toEqual(['runner']);
  });

  it('refuses a payload the runner does not accept', () => {
    expect(refusedFields({ ...CRUD, payload: { table: 'TenantRegistry', entityItem: '', set: { TenantId: 'x' }, extra: 1 } }))
      .toEqual(['payload.table', 'payload.entityItem', 'payload.set.TenantId', 'payload.extra']);
    expect(refusedFields({ ...CRUD, payload: 'update everything' })).toEqual(['payload']);
  });

  it('refuses a payload naming another tenant, by key or by tenant id', () => {
    expect(refusedFields({ ...CRUD, payload: { table: 'PIM', entityItem: 'TENANT#globex', set: { a: 1 } } })).toEqual(['payload.entityItem']);
    // A placeholder copied from an example is refused at once, not left to die at run time.
    expect(refusedFields({ ...CRUD, payload: { table: 'PIM', entityItem: 'EMP#<employee id>', set: { a: 1 } } })).toEqual(['payload.entityItem']);
    expect(refusedFields({ ...CRUD, payload: { table: 'PIM', entityItem: 'EMP#1', set: { note: 'TENANT#globex' } } })).toEqual(['payload.set.note']);
    expect(refusedFields({ ...CRUD, runner: 'AIML-SaaS-AttGen-Tenant', runAt: CRUD.runAt, payload: { tenantId: 'globex' } })).toEqual(['payload.tenantId']);
  });

  it('refuses a system-wide runner scheduled by a customer tenant', () => {
    expect(refusedFields({ ...CRUD, runner: 'AIML-SaaS-AttGen-System', payload: {} })).toEqual(['runner']);
  });

  it('refuses a cron that never fires', () => {
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: '0 0 30 2 *', timeZone: 'UTC' } })).toEqual(['schedule.cron']);
  });

  it('refuses a cron that fires more often than once a minute', () => {
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: '*/10 * * * * *', timeZone: 'UTC' } })).toEqual(['schedule.cron']);
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: '@secondly', timeZone: 'UTC' } })).toEqual(['schedule.cron']);
  });

  it('refuses a malformed cron and a bad time zone', () => {
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: 'every morning', timeZone: 'UTC' } })).toEqual(['schedule.cron']);
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { cron: '30 7 * * *', timeZone: 'Mars/Olympus' } })).toEqual(['schedule.timeZone']);
  });

  it('refuses a rate below one minute, a bad run time, and a job that is both one-off and recurring', () => {
    expect(refusedFields({ ...CRUD, runAt: undefined, schedule: { rateMinutes: 0.5 } })).toEqual(['schedule.rateMinutes']);
    expect(refusedFields({ ...CRUD, runAt: 'tomorrow' })).toEqual(['runAt']);
    expect(refusedFields({ ...CRUD, schedule: { rateMinutes: 5 } })).toEqual(['runAt']);
    expect(refusedFields({ ...CRUD, maxAttempts: 0 })).toEqual(['maxAttempts']);
  });
});
