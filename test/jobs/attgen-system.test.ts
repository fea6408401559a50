/**
 * AIML-SaaS-AttGen-System: each night per tenant time zone, one AIML-SaaS-AttGen-Tenant job per
 * active customer tenant, created once however often it runs, through the registry's index.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightlyJobs, settledDay } from '../../domain/attendance/nightly.ts';
import { validateAttGenSystemPayload, validateAttGenTenantPayload } from '../../domain/attendance/runner-payloads.ts';
import { daysBetween } from '../../domain/model/dates.ts';
import { registryItem, type TenantRecord } from '../../domain/tenancy/registry.ts';
import { pickDueJobs } from '../../jobs/picker.ts';
import { attGenSystem } from '../../jobs/runners/attgen-system.ts';
import { JOBS_TABLE, quiet, recordingDispatch, startJobsStack, tables, testClock, type JobsStack } from './helpers.ts';

function tenant(tenantId: string, timeZone: string, extra: Partial<TenantRecord> = {}): TenantRecord {
  return {
    tenantId, kind: 'customer', displayName: tenantId, status: 'active', plan: 'standard', homeRegion: 'us-east-1', policyStoreId: `ps-${tenantId}`,
    identity: { userPoolId: `us-east-1_${tenantId}`, issuer: 'x', jwksUri: 'x', clientIds: {} }, settings: { timeZone }, createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z', ...extra,
  };
}

describe('the settled day of a tenant', () => {
  it('is yesterday in the tenant\'s zone once 02:00 has passed there, else the day before', () => {
    // 01:30 UTC on 10 March: 02:30 in Berlin, 20:30 the day before in New York.
    const at = new Date('2027-03-10T01:30:00.000Z');
    expect(settledDay(at, 'Europe/Berlin', '02:00')).toBe('2027-03-09');
    expect(settledDay(at, 'America/New_York', '02:00')).toBe('2027-03-08');
    expect(settledDay(new Date('2027-03-10T01:00:00.000Z'), 'Europe/Berlin', '02:00')).toBe('2027-03-09');
    expect(settledDay(new Date('2027-03-10T00:59:00.000Z'), 'Europe/Berlin', '02:00')).toBe('2027-03-08');
  });

  it('advances by exactly one day per day in every zone, also across DST nights that skip the settle hour: hourly runs miss no day and repeat none', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];
    fc.assert(fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 59 }), fc.constantFrom('02:00', '02:30', '03:00', '00:00'), (zone, minute, settle) => {
      let previous = settledDay(new Date(Date.UTC(2027, 0, 1, 0, minute)), zone, settle);
      for (let hour = 1; hour < 366 * 24; hour += 1) {
        const day = settledDay(new Date(Date.UTC(2027, 0, 1, hour, minute)), zone, settle);
        const step = daysBetween(previous, day);
        expect(step === 0 || step === 1).toBe(true);
        previous = day;
      }
    }), { seed: 20261207, numRuns: 12 });
  });

  it('gives each active customer tenant one job covering its last two settled days, and none to suspended, offboarding or system tenants', () => {
    const at = new Date('2027-03-28T03:10:00.000Z');
    const jobs = nightlyJobs([
      tenant('acme', 'America/New_York'),
      tenant('globex', 'Europe/Berlin'),
      tenant('initech', 'Asia/Kolkata', { status: 'suspended' }),
      tenant('umbrella', 'UTC', { status: 'offboarding' }),
      tenant('system', 'UTC', { kind: 'system' }),
    ], at, {});
    expect(jobs).toEqual([
      { tenantId: 'acme', jobId: 'attgen-2027-03-26', payload: { from: '2027-03-25', to: '2027-03-26' } },
      { tenantId: 'globex', jobId: 'attgen-2027-03-27', payload: { from: '2027-03-26', to: '2027-03-27' } },
    ]);
    expect(nightlyJobs([tenant('globex', 'Europe/Berlin')], at, { coverDays: 1, settleTime: '06:00' })).toEqual([
      { tenantId: 'globex', jobId: 'attgen-2027-03-26', payload: { from: '2027-03-26', to: '2027-03-26' } },
    ]);
  });
});

describe('the attendance runners\' payloads', () => {
  it('accept a day, a range of up to 31 days and a recompute for named employees; refuse the rest field by field', () => {
    expect(validateAttGenTenantPayload({})).toEqual({ ok: true, value: {} });
    expect(validateAttGenTenantPayload({ from: '2027-03-01', to: '2027-03-31', employeeIds: ['e1'] }).ok).toBe(true);
    const refused = (payload: unknown) => (validateAttGenTenantPayload(payload) as { problems: { field: string }[] }).problems?.map((p) => p.field);
    expect(refused({ from: '2027-02-30' })).toEqual(['from']);
    expect(refused({ to: '2027-03-01' })).toEqual(['to']);
    expect(refused({ from: '2027-03-01', to: '2027-04-01' })).toEqual(['to']);
    expect(refused({ from: '2027-03-02', to: '2027-03-01' })).toEqual(['to']);
    expect(refused({ employeeIds: [] })).toEqual(['employeeIds']);
    expect(refused({ employeeIds: ['ok', 'TENANT#globex#x'] })).toEqual(['employeeIds.1']);
    expect(refused({ tenantId: 'globex' })).toEqual(['tenantId']);
    expect(refused([])).toEqual(['']);
    expect(validateAttGenSystemPayload({ settleTime: '03:30', coverDays: 3 }).ok).toBe(true);
    expect((validateAttGenSystemPayload({ settleTime: '25:00', coverDays: 0, x: 1 }) as { problems: { field: string }[] }).problems.map((p) => p.field)).toEqual(['settleTime', 'coverDays', 'x']);
  });
});

describe('given the registry of a stage', () => {
  let jobs: JobsStack;
  beforeAll(async () => {
    jobs = await startJobsStack();
    for (const record of [tenant('acme', 'America/New_York'), tenant('globex', 'Europe/Berlin'), tenant('initech', 'Asia/Kolkata', { status: 'suspended' }), tenant('system', 'UTC', { kind: 'system' })]) {
      await jobs.system.send(new PutItemCommand({ TableName: tables('TenantRegistry'), Item: marshall(registryItem(record), { removeUndefinedValues: true }) }));
    }
  });
  afterAll(async () => {
    await jobs?.stop();
  });

  it('creates each active tenant\'s job for its settled day once, however many runs and deliveries ask for it, and reports the tenants done', async () => {
    const clock = testClock('2027-03-28T03:10:00.000Z');
    await jobs.create({ tenantId: 'system', jobId: 'attgen-nightly', runner: 'AIML-SaaS-AttGen-System', payload: {}, schedule: { rateMinutes: 60 } }, new Date('2027-03-28T02:10:00.000Z'));
    const handle = attGenSystem.createHandler(jobs.deps(clock));
    const tick = async () => {
      const { dispatched, dispatch } = recordingDispatch();
      await pickDueJobs({ dynamodb: jobs.system, tableName: JOBS_TABLE, now: clock.now(), owner: 'picker', leaseSeconds: 300, dispatch, logger: quiet });
      // The tenants' own jobs come due too; this runner gets only its own.
      return dispatched.filter((d) => d.runner === 'AIML-SaaS-AttGen-System');
    };
    const [first] = await tick();
    expect(await handle(first!)).toMatchObject({ outcome: 'rescheduled', nextRunAt: '2027-03-28T04:10:00.000Z' });
    expect(await jobs.job('acme', 'attgen-2027-03-26')).toMatchObject({ runner: 'AIML-SaaS-AttGen-Tenant', status: 'pending', payload: { from: '2027-03-25', to: '2027-03-26' }, nextRunAt: '2027-03-28T03:10:00.000Z' });
    expect(await jobs.job('globex', 'attgen-2027-03-27')).toMatchObject({ runner: 'AIML-SaaS-AttGen-Tenant', payload: { from: '2027-03-26', to: '2027-03-27' } });
    expect(await jobs.job('initech', 'attgen-2027-03-27')).toBeUndefined();
    expect(await jobs.job('system', 'attgen-2027-03-27')).toBeUndefined();
    expect(await jobs.job('system', 'attgen-nightly')).toMatchObject({ progress: { done: 2, total: 2, unit: 'tenants' } });

    // The next hour: the same days for both (it is still before 02:00 in New York), so nothing new.
    clock.set('2027-03-28T04:10:00.000Z');
    const [second] = await tick();
    expect(await handle(second!)).toMatchObject({ outcome: 'rescheduled', nextRunAt: '2027-03-28T05:10:00.000Z' });
    expect(await jobs.runs('system', 'attgen-nightly')).toHaveLength(2);
    expect(await jobs.job('acme', 'attgen-2027-03-27')).toBeUndefined();
    // A duplicate delivery of a finished occurrence changes nothing.
    expect(await handle(second!)).toMatchObject({ outcome: 'ignored' });

    // 06:10 UTC is 02:10 in New York: acme's next day comes due; globex already has its day.
    for (const at of ['2027-03-28T05:10:00.000Z', '2027-03-28T06:10:00.000Z']) {
      clock.set(at);
      const [delivery] = await tick();
      expect(await handle(delivery!)).toMatchObject({ outcome: 'rescheduled' });
    }
    expect(await jobs.job('acme', 'attgen-2027-03-27')).toMatchObject({ payload: { from: '2027-03-26', to: '2027-03-27' }, status: 'pending' });
    expect(await jobs.job('globex', 'attgen-2027-03-28')).toBeUndefined();
  });
});
