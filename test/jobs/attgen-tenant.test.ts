/**
 * AIML-SaaS-AttGen-Tenant against the local DynamoDB with the tenant's own session: given stored
 * schedules, contracts and punches, when the runner runs a job for a range (or, without one, for
 * the tenant's last settled days), then everyone under contract gets their daily records once,
 * nobody else does, another tenant's data is neither read nor written, and running again writes
 * nothing.
 */
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTENDANCE_PREFIXES, punchItemKey } from '../../domain/attendance/model/keys.ts';
import type { PunchRow } from '../../domain/attendance/model/records.ts';
import { generateTenantAttendance, generationRange } from '../../domain/attendance/tenant-generation.ts';
import type { ContractRow } from '../../domain/employment/model/contracts.ts';
import { contractItemKey } from '../../domain/employment/model/keys.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { tableName } from '../../domain/model/tables.ts';
import { patternItemKey, shiftTypeItemKey } from '../../domain/schedules/model/keys.ts';
import type { PatternRow } from '../../domain/schedules/model/rows.ts';
import { localDate } from '../../domain/time.ts';
import { pickDueJobs } from '../../jobs/picker.ts';
import { attGenTenant } from '../../jobs/runners/attgen-tenant.ts';
import { attendanceItems, putLocation, putWorker, startAttendanceTables, TABLES, type AttendanceTables } from '../domain/attendance/tables.ts';
import { shiftType } from '../domain/attendance/world.ts';
import { JOBS_TABLE, quiet, recordingDispatch, testClock } from './helpers.ts';

const stored = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const schedules = tableName('WorkSchedule', 'Dev');
let db: AttendanceTables;
let serial = 0;

const put = (table: string, item: object) => db.system.send(new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }));

/** A tenant with an office in Berlin working Monday to Friday 09:00-17:00 (pattern anchored on a Monday). */
async function officeTenant(tenantId: string): Promise<void> {
  await put(schedules, { ...shiftType(), TenantId: tenantKey(tenantId), EntityItem: shiftTypeItemKey('day') });
  const week: PatternRow = { TenantId: tenantKey(tenantId), EntityItem: patternItemKey('week'), ...stored, id: 'week', name: 'Office week', cycleDays: 7, anchorDate: '2027-01-04', days: ['day', 'day', 'day', 'day', 'day', null, null], archived: false };
  await put(schedules, week);
  await putLocation(db.system, tenantId, 'office', 'Europe/Berlin');
}

/** An employee with one contract on the office week from `startDate` (to `endDate`). */
async function worker(tenantId: string, startDate = '2027-01-04', endDate: string | null = null): Promise<string> {
  serial += 1;
  const id = `w${serial}`;
  await putWorker(db.system, tenantId, id, { employment: { locationId: 'office' } });
  const contract: ContractRow = {
    TenantId: tenantKey(tenantId), EntityItem: contractItemKey(id, 'c1'), id: 'c1', employeeId: id, startDate, endDate, probationEndDate: null, termination: null,
    versions: [{ id: 'v1', effectiveFrom: startDate, reason: null, createdAt: stored.createdAt, createdBy: 'test',
      terms: { employmentType: 'FULL_TIME', jobTitle: 'Clerk', locationId: 'office', departmentId: 'ops', workScheduleId: 'week', managerId: null } as ContractRow['versions'][number]['terms'] }],
    ...stored,
  };
  await put(tableName('Employment', 'Dev'), contract);
  return id;
}

async function punch(tenantId: string, employeeId: string, type: 'IN' | 'OUT', at: string): Promise<void> {
  serial += 1;
  const iso = new Date(at).toISOString();
  const row: PunchRow = {
    TenantId: tenantKey(tenantId), EntityItem: punchItemKey(employeeId, iso, `p${serial}`), id: `p${serial}`, employeeId, type, at: iso, source: 'SELF',
    timeZone: 'Europe/Berlin', localDate: localDate(new Date(iso), 'Europe/Berlin'), deviceTimeZone: 'Europe/Berlin', deviceTime: null, clockSkewSeconds: null,
    position: null, distanceMeters: null, flags: [], supersedes: null, correctionId: null, recordedBy: `user-${employeeId}`, createdAt: iso, idempotencyKey: null,
  };
  await put(TABLES.attendance, row);
}

const records = async (tenantId: string) => (await attendanceItems(db.system, tenantId, ATTENDANCE_PREFIXES.record)) as { employeeId: string; date: string; status: string; workedMinutes: number }[];
const summaryOf = (rows: Awaited<ReturnType<typeof records>>) => rows.map((r) => `${r.employeeId} ${r.date} ${r.status}`).sort();

let ada: string;
let bob: string;
let gone: string;
let later: string;
let hans: string;

beforeAll(async () => {
  db = await startAttendanceTables();
  await officeTenant('acme');
  await officeTenant('globex');
  ada = await worker('acme');
  bob = await worker('acme');
  gone = await worker('acme', '2027-01-04', '2027-02-26'); // left before the range
  later = await worker('acme', '2027-03-02'); // starts on its second day
  hans = await worker('globex');
  // Monday 1 March 2027: Ada works 08:58-17:02 (CET); Bob does not come; Hans (globex) works too.
  await punch('acme', ada, 'IN', '2027-03-01T07:58:00Z');
  await punch('acme', ada, 'OUT', '2027-03-01T16:02:00Z');
  await punch('globex', hans, 'IN', '2027-03-01T08:00:00Z');
  await punch('globex', hans, 'OUT', '2027-03-01T16:00:00Z');
});

afterAll(async () => {
  await db?.stop();
});

describe('the range of a job', () => {
  it('is its payload\'s day or range, else the tenant\'s last two settled days at the occurrence', () => {
    const at = new Date('2027-03-10T01:30:00.000Z'); // 02:30 in Berlin, 20:30 the day before in New York
    expect(generationRange({ from: '2027-03-01' }, at, 'Europe/Berlin')).toEqual({ from: '2027-03-01', to: '2027-03-01' });
    expect(generationRange({ from: '2027-03-01', to: '2027-03-05' }, at, 'Europe/Berlin')).toEqual({ from: '2027-03-01', to: '2027-03-05' });
    expect(generationRange({}, at, 'Europe/Berlin')).toEqual({ from: '2027-03-08', to: '2027-03-09' });
    expect(generationRange({}, at, 'America/New_York')).toEqual({ from: '2027-03-07', to: '2027-03-08' });
  });
});

describe('given a tenant\'s schedules, contracts and punches', () => {
  it('the runner gives everyone under contract their records for the range, once, and reports its progress; another tenant is untouched', async () => {
    const clock = testClock('2027-03-10T12:00:00.000Z');
    await db.stack.create({ tenantId: 'acme', jobId: 'attgen-range', runner: 'AIML-SaaS-AttGen-Tenant', payload: { from: '2027-03-01', to: '2027-03-02' }, runAt: clock.now().toISOString() }, clock.now());
    const { dispatched, dispatch } = recordingDispatch();
    await pickDueJobs({ dynamodb: db.system, tableName: JOBS_TABLE, now: clock.now(), owner: 'picker', leaseSeconds: 300, dispatch, logger: quiet });
    const delivery = dispatched.find((d) => d.jobId === 'attgen-range')!;
    const handle = attGenTenant.createHandler(db.stack.deps(clock));
    expect(await handle(delivery)).toMatchObject({ outcome: 'succeeded' });

    expect(summaryOf(await records('acme'))).toEqual([
      `${ada} 2027-03-01 PRESENT`, `${ada} 2027-03-02 ABSENT`,
      `${bob} 2027-03-01 ABSENT`, `${bob} 2027-03-02 ABSENT`,
      `${later} 2027-03-02 ABSENT`,
    ].sort());
    expect((await records('acme')).find((r) => r.employeeId === ada && r.date === '2027-03-01')?.workedMinutes).toBe(454);
    // Whose contract ended before the range has no record of it.
    expect((await records('acme')).filter((r) => r.employeeId === gone)).toEqual([]);
    expect(await records('globex')).toEqual([]);
    expect(await db.stack.job('acme', 'attgen-range')).toMatchObject({ status: 'succeeded', progress: { done: 3, total: 3, unit: 'employees' } });
    // A duplicate delivery of the finished job changes nothing.
    expect(await handle(delivery)).toMatchObject({ outcome: 'ignored' });
  });

  it('running again writes nothing; a late punch changes only its own day', async () => {
    const acme = await db.tenant('acme');
    const run = (client: DynamoDBClient, payload: object) =>
      generateTenantAttendance({ dynamodb: client, tableName: (t) => tableName(t, 'Dev'), timeZone: 'Europe/Berlin' }, 'acme', payload, { now: new Date('2027-03-10T12:00:00Z'), occurrenceAt: new Date('2027-03-10T12:00:00Z') });
    expect(await run(acme, { from: '2027-03-01', to: '2027-03-02' })).toMatchObject({ employees: 3, written: 0, unchanged: 5 });
    await punch('acme', bob, 'IN', '2027-03-02T08:00:00Z');
    await punch('acme', bob, 'OUT', '2027-03-02T16:00:00Z');
    expect(await run(acme, { from: '2027-03-01', to: '2027-03-02', employeeIds: [bob] })).toMatchObject({ employees: 1, written: 1, unchanged: 1 });
    expect(summaryOf(await records('acme'))).toContain(`${bob} 2027-03-02 PRESENT`);
  });

  it('a run that crashes halfway writes, when retried, only what the crash left out', async () => {
    await officeTenant('initech');
    const staff = await Promise.all(Array.from({ length: 60 }, () => worker('initech')));
    const client = await db.tenant('initech');
    let batches = 0;
    // The tenant's client, failing on its second batch write as a Lambda timing out mid-run would.
    const crashing = { send: (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'BatchWriteItemCommand' && (batches += 1) === 2) return Promise.reject(new Error('the Lambda timed out'));
      return client.send(command as never);
    } } as unknown as DynamoDBClient;
    const deps = (dynamodb: DynamoDBClient) => ({ dynamodb, tableName: (t: Parameters<typeof tableName>[0]) => tableName(t, 'Dev'), timeZone: 'Europe/Berlin' });
    const at = { now: new Date('2027-03-10T12:00:00Z'), occurrenceAt: new Date('2027-03-10T12:00:00Z') };
    await expect(generateTenantAttendance(deps(crashing), 'initech', { from: '2027-03-01' }, at)).rejects.toThrow('timed out');
    const partial = (await records('initech')).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(staff.length);
    const retried = await generateTenantAttendance(deps(client), 'initech', { from: '2027-03-01' }, at);
    expect(retried).toMatchObject({ employees: staff.length, written: staff.length - partial, unchanged: partial });
    expect(summaryOf(await records('initech'))).toEqual(staff.map((id) => `${id} 2027-03-01 ABSENT`).sort());
  });

  it('a job of one tenant that names another tenant\'s employee neither reads nor writes that tenant\'s data', async () => {
    const acme = await db.tenant('acme');
    const result = await generateTenantAttendance(
      { dynamodb: acme, tableName: (t) => tableName(t, 'Dev'), timeZone: 'Europe/Berlin' },
      'acme', { from: '2027-03-01', employeeIds: [hans] }, { now: new Date('2027-03-10T12:00:00Z'), occurrenceAt: new Date('2027-03-10T12:00:00Z') },
    );
    // Hans has no contract, plan or punch under acme's key: nothing to write, nothing of globex's read.
    expect(result).toMatchObject({ employees: 1, written: 0, deleted: 0 });
    expect(await records('globex')).toEqual([]);
    // And acme's session cannot generate for globex at all: IAM refuses the first read.
    await expect(generateTenantAttendance(
      { dynamodb: acme, tableName: (t) => tableName(t, 'Dev'), timeZone: 'Europe/Berlin' },
      'globex', { from: '2027-03-01' }, { now: new Date('2027-03-10T12:00:00Z'), occurrenceAt: new Date('2027-03-10T12:00:00Z') },
    )).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
