/**
 * generateDays against the local DynamoDB with a tenant's own session: given plans and punches,
 * when days are generated (again, later, after changes, paced, in bulk), then the stored records
 * are the classification's, written once, removed when their day has nothing left, and never
 * another tenant's.
 */
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideCorrection, requestCorrection, type CorrectionContext } from '../../../domain/attendance/corrections.ts';
import { ATTENDANCE_PREFIXES, employeeRecordsPrefix, punchItemKey } from '../../../domain/attendance/model/keys.ts';
import type { Punch, PunchRow } from '../../../domain/attendance/model/records.ts';
import { writeLimiter } from '../../../domain/attendance/pacing.ts';
import { generateDays, statusLeave, type GenerationDeps } from '../../../domain/attendance/store.ts';
import type { ContractRow } from '../../../domain/employment/model/contracts.ts';
import { contractItemKey } from '../../../domain/employment/model/keys.ts';
import { addDays } from '../../../domain/model/dates.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { tableName } from '../../../domain/model/tables.ts';
import type { PlannedDay } from '../../../domain/schedules/model/planned-day.ts';
import { patternItemKey, shiftTypeItemKey } from '../../../domain/schedules/model/keys.ts';
import type { PatternRow } from '../../../domain/schedules/model/rows.ts';
import { createPlanSource } from '../../../domain/schedules/plan-source.ts';
import { localDate } from '../../../domain/time.ts';
import { attendanceItems, fixedPlans, locationsOf, putLocation, putWorker, startAttendanceTables, TABLES, type AttendanceTables } from './tables.ts';
import { LATER, OVERTIME, plan, shiftType } from './world.ts';

let db: AttendanceTables;
let acme: DynamoDBClient;
let serial = 0;
const id = (prefix: string) => `${prefix}-${(serial += 1)}`;

/** A punch stored as the API stores one (the tenant's zone Berlin). */
async function storePunch(employeeId: string, type: 'IN' | 'OUT', at: string, extra: Partial<Punch> = {}): Promise<Punch> {
  const iso = new Date(at).toISOString();
  const punch: Punch = {
    id: id('P'), employeeId, type, at: iso, source: 'SELF', timeZone: 'Europe/Berlin', localDate: localDate(new Date(iso), 'Europe/Berlin'),
    deviceTimeZone: 'Europe/Berlin', deviceTime: null, clockSkewSeconds: null, position: null, distanceMeters: null, flags: [],
    supersedes: null, correctionId: null, recordedBy: `user-${employeeId}`, createdAt: iso, ...extra,
  };
  const row: PunchRow = { TenantId: tenantKey('acme'), EntityItem: punchItemKey(employeeId, iso, punch.id), ...punch, idempotencyKey: null };
  await db.system.send(new PutItemCommand({ TableName: TABLES.attendance, Item: marshall(row) }));
  return punch;
}

function deps(plans: () => PlannedDay[], extra: Omit<Partial<GenerationDeps>, 'plans'> = {}): GenerationDeps & { plans: ReturnType<typeof fixedPlans> } {
  return { dynamodb: acme, table: TABLES.attendance, ...extra, plans: fixedPlans(plans) };
}

const records = async (employeeId: string) => attendanceItems(db.system, 'acme', employeeRecordsPrefix(employeeId));

/** A week of office days (Mon-Fri 09:00-17:00 Berlin, weekend rest days) for an employee. */
function week(employeeId: string, monday: string): PlannedDay[] {
  return Array.from({ length: 7 }, (_, i) => plan(addDays(monday, i), { employeeId, kind: i < 5 ? 'SHIFT' : 'REST_DAY', overtime: OVERTIME }));
}

beforeAll(async () => {
  db = await startAttendanceTables();
  acme = await db.tenant('acme');
});

afterAll(async () => {
  await db?.stop();
});

describe('generating days', () => {
  it('given a week of plans and punches, writes each day\'s record (with the department grid\'s key); again, writes nothing', async () => {
    const ada = id('ada');
    await storePunch(ada, 'IN', '2027-02-01T08:00Z');
    await storePunch(ada, 'OUT', '2027-02-01T16:00Z');
    await storePunch(ada, 'IN', '2027-02-02T08:10Z');
    await storePunch(ada, 'OUT', '2027-02-02T16:30Z');
    await storePunch(ada, 'IN', '2027-02-06T09:00Z');
    await storePunch(ada, 'OUT', '2027-02-06T11:00Z');
    const d = deps(() => week(ada, '2027-02-01'));
    const first = await generateDays(d, 'acme', [ada], '2027-02-01', '2027-02-07', LATER);
    expect(first).toEqual({ employees: 1, days: 7, written: 7, deleted: 0, unchanged: 0, pending: 0 });
    const stored = await records(ada);
    expect(stored.map((r) => [r.date, r.status, r.workedMinutes])).toEqual([
      ['2027-02-01', 'PRESENT', 450], ['2027-02-02', 'LATE', 470], ['2027-02-03', 'ABSENT', 0], ['2027-02-04', 'ABSENT', 0],
      ['2027-02-05', 'ABSENT', 0], ['2027-02-06', 'REST_DAY', 120], ['2027-02-07', 'REST_DAY', 0],
    ]);
    expect(stored[0]).toMatchObject({ DepartmentMonthKey: `eng#2027-02#${ada}#01`, generatedAt: LATER.toISOString(), departmentId: 'eng' });
    expect(stored[5]!.overtime).toEqual([{ kind: 'REST_DAY', minutes: 120, multiplier: '2.0' }]);

    const again = await generateDays(d, 'acme', [ada], '2027-02-01', '2027-02-07', new Date(LATER.getTime() + 3_600_000));
    expect(again).toMatchObject({ written: 0, unchanged: 7 });
    expect((await records(ada)).map((r) => r.generatedAt)).toEqual(Array(7).fill(LATER.toISOString()));
  });

  it('leaves a day whose punch window is still open alone: never ABSENT before the window closes', async () => {
    const ada = id('ada');
    const monday = plan('2027-02-01', { employeeId: ada });
    const d = deps(() => [monday]);
    const justBefore = new Date(Date.parse(monday.shift!.windowClosesAt) - 1);
    expect(await generateDays(d, 'acme', [ada], '2027-02-01', '2027-02-01', justBefore)).toMatchObject({ written: 0, pending: 1 });
    expect(await records(ada)).toEqual([]);
    expect(await generateDays(d, 'acme', [ada], '2027-02-01', '2027-02-01', new Date(monday.shift!.windowClosesAt))).toMatchObject({ written: 1 });
    expect((await records(ada))[0]).toMatchObject({ status: 'ABSENT' });
  });

  it('rewrites a record whose punches changed (a late punch) and removes one whose day has neither plan nor punches any more', async () => {
    const ada = id('ada');
    let plans = [plan('2027-02-01', { employeeId: ada })];
    const d = deps(() => plans);
    await generateDays(d, 'acme', [ada], '2027-02-01', '2027-02-01', LATER);
    expect((await records(ada))[0]).toMatchObject({ status: 'ABSENT' });
    await storePunch(ada, 'IN', '2027-02-01T08:00Z');
    expect(await generateDays(d, 'acme', [ada], '2027-02-01', '2027-02-01', LATER)).toMatchObject({ written: 1 });
    expect((await records(ada))[0]).toMatchObject({ status: 'PRESENT', flags: ['FORGOTTEN_CHECKOUT'] });
    plans = [];
    await storePunch(ada, 'OUT', '2027-02-01T16:00Z', { supersedes: null });
    // No plan, but punches: an unscheduled day.
    await generateDays(d, 'acme', [ada], '2027-02-01', '2027-02-01', LATER);
    expect((await records(ada))[0]).toMatchObject({ status: 'PRESENT', flags: ['UNSCHEDULED'], workedMinutes: 480 });
    const other = id('bob');
    const bobPlans = deps(() => plans);
    plans = [plan('2027-02-01', { employeeId: other })];
    await generateDays(bobPlans, 'acme', [other], '2027-02-01', '2027-02-01', LATER);
    plans = [];
    expect(await generateDays(bobPlans, 'acme', [other], '2027-02-01', '2027-02-01', LATER)).toMatchObject({ deleted: 1 });
    expect(await records(other)).toEqual([]);
  });

  it('marks ON_LEAVE from the employee\'s status (the input the leave module will feed with approved leave)', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'), { employment: { status: 'ON_LEAVE' } })).id;
    const d = deps(() => [plan('2027-02-01', { employeeId: ada })], { leave: statusLeave(acme, TABLES.pim) });
    await generateDays(d, 'acme', [ada], '2027-02-01', '2027-02-01', LATER);
    expect((await records(ada))[0]).toMatchObject({ status: 'ON_LEAVE' });
  });

  it('refuses a range that is empty, backwards or too long', async () => {
    const d = deps(() => []);
    await expect(generateDays(d, 'acme', ['x'], '2027-02-02', '2027-02-01', LATER)).rejects.toMatchObject({ errorType: 'VALIDATION_ERROR' });
    await expect(generateDays(d, 'acme', ['x'], '2027-01-01', '2027-03-31', LATER)).rejects.toMatchObject({ errorType: 'VALIDATION_ERROR' });
  });

  it('with a tenant\'s session, reaches only that tenant: generating another tenant\'s days is refused by IAM', async () => {
    const gus = id('gus');
    const d = deps(() => [plan('2027-02-01', { employeeId: gus })]);
    const error = await generateDays(d, 'globex', [gus], '2027-02-01', '2027-02-01', LATER).then(() => null, (e: Error) => e);
    expect(error?.name).toBe('AccessDeniedException');
    expect(await attendanceItems(db.system, 'globex', ATTENDANCE_PREFIXES.record)).toEqual([]);
  });
});

describe('many employees', () => {
  it('paces the writes (fake clock) and reports progress, reading plans once', async () => {
    const ids = Array.from({ length: 120 }, () => id('many'));
    const plans = ids.flatMap((e) => [plan('2027-02-01', { employeeId: e }), plan('2027-02-02', { employeeId: e })]);
    let virtual = 0;
    const clock = { now: () => virtual, sleep: async (ms: number) => { virtual += ms; } };
    const progress: [number, number][] = [];
    const d = deps(() => plans, { limiter: writeLimiter(100, clock), onProgress: (done, total) => { progress.push([done, total]); } });
    const summary = await generateDays(d, 'acme', ids, '2027-02-01', '2027-02-02', LATER);
    expect(summary).toMatchObject({ employees: 120, days: 240, written: 240 });
    // 240 writes at 100 a second: the last batch of 25 is granted 2.15 s after the first.
    expect(virtual).toBeCloseTo((240 - 15) * 10, 5);
    expect(progress).toEqual([[100, 120], [120, 120]]);
    expect(d.plans.calls).toBe(1);
  });
});

describe('with the schedules module\'s stored plans', () => {
  const stored = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const put = (table: string, item: object) => db.system.send(new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }));

  it('a night shift across the spring-forward night is one 7-hour day, and a correction approved after the day was generated recomputes it', async () => {
    const night = shiftType({ id: 'night', name: 'Night', start: '22:00', end: '06:00', breakMinutes: 0, windowBeforeMinutes: 60, windowAfterMinutes: 120, halfDayMinutes: 200, fullDayMinutes: 400 });
    await put(tableName('WorkSchedule', 'Dev'), { ...night, TenantId: tenantKey('acme'), EntityItem: shiftTypeItemKey('night') });
    const nights: PatternRow = { TenantId: tenantKey('acme'), EntityItem: patternItemKey('nights'), ...stored, id: 'nights', name: 'Nights', cycleDays: 1, anchorDate: '2027-01-04', days: ['night'], archived: false };
    await put(tableName('WorkSchedule', 'Dev'), nights);
    await putLocation(db.system, 'acme', 'plant', 'Europe/Berlin');
    const manager = (await putWorker(db.system, 'acme', id('boss'))).id;
    const nora = (await putWorker(db.system, 'acme', id('nora'), { employment: { managerId: manager, locationId: 'plant' } })).id;
    const contract: ContractRow = {
      TenantId: tenantKey('acme'), EntityItem: contractItemKey(nora, 'c1'), id: 'c1', employeeId: nora, startDate: '2027-01-01', endDate: null, probationEndDate: null, termination: null,
      versions: [{ id: 'v1', effectiveFrom: '2027-01-01', reason: null, createdAt: stored.createdAt, createdBy: 'test',
        terms: { employmentType: 'FULL_TIME', jobTitle: 'Operator', locationId: 'plant', departmentId: 'ops', workScheduleId: 'nights', managerId: manager } as ContractRow['versions'][number]['terms'] }],
      ...stored,
    };
    await put(tableName('Employment', 'Dev'), contract);
    const plans = createPlanSource({ dynamodb: acme, tableName: (t) => tableName(t, 'Dev'), tenantZone: async () => 'UTC' });
    const d: GenerationDeps = { dynamodb: acme, table: TABLES.attendance, plans };

    // 22:00 CET = 21:00Z; she forgets to clock out at 06:00 CEST (04:00Z).
    await storePunch(nora, 'IN', '2027-03-27T21:00Z');
    await generateDays(d, 'acme', [nora], '2027-03-27', '2027-03-28', new Date('2027-03-29T12:00Z'));
    const [saturday] = await records(nora);
    expect(saturday).toMatchObject({ date: '2027-03-27', status: 'PRESENT', workedMinutes: 420, flags: ['FORGOTTEN_CHECKOUT'], plannedEnd: '2027-03-28T04:00:00.000Z', DepartmentMonthKey: `ops#2027-03#${nora}#27` });

    // She asks for the missing clock-out (05:58 CEST, within the grace minutes); her manager approves it.
    const now = new Date('2027-03-29T12:00Z');
    const ctx: CorrectionContext = {
      dynamodb: acme, tables: TABLES, tenantId: 'acme', now, tenantZone: 'UTC', locationOf: locationsOf(acme, 'acme'),
      usersWithRole: async () => [], notify: async () => undefined,
    };
    const request = await requestCorrection(ctx, id('C'), { kind: 'MISSING_PUNCH', punchType: 'OUT', proposedAt: '2027-03-28T05:58:00+02:00', reason: 'Forgot to clock out' }, { userId: `user-${nora}`, role: 'TenantUser', employeeId: nora });
    const decision = await decideCorrection(ctx, { employeeId: nora, correctionId: request.id, expectedVersion: 1, note: null, approve: true, correctionPunchId: id('CP'), by: { userId: `user-${manager}`, role: 'TenantUser', employeeId: manager } });
    expect(decision.recompute).toEqual(['2027-03-27', '2027-03-28']);
    await generateDays(d, 'acme', [nora], '2027-03-27', '2027-03-28', now);
    const [corrected] = await records(nora);
    expect(corrected).toMatchObject({ status: 'PRESENT', workedMinutes: 418, earlyExitMinutes: 0, flags: ['CORRECTED'], lastOut: '2027-03-28T03:58:00.000Z' });
    expect(corrected!.punchIds).toEqual([(saturday!.punchIds as string[])[0], decision.punch!.id]);
  });
});
