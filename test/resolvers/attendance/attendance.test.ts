/**
 * Attendance end to end: HTTP → local AppSync runtime → the attendance resolver bundles and Lambda
 * → local DynamoDB, as clients see it, with users signed in through Cognito and the authorizer's
 * decisions. Clocking in and out (retries, races, kiosks), a correction approved after its day was
 * generated (generateDays with the tenant's own session, as the AttGen runner will call it), the
 * manager's views, and every operation tried with another tenant's ids. One stack for the file.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDays, statusLeave } from '../../../domain/attendance/store.ts';
import { addDays } from '../../../domain/model/dates.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { tableName, type TableId } from '../../../domain/model/tables.ts';
import { patternItemKey, shiftTypeItemKey } from '../../../domain/schedules/model/keys.ts';
import type { PatternRow, ShiftTypeRow } from '../../../domain/schedules/model/rows.ts';
import { createPlanSource } from '../../../domain/schedules/plan-source.ts';
import { tenantClients, type TenantClients } from '../../../domain/tenant-credentials.ts';
import { localDate, zonedInstant } from '../../../domain/time.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql, type GraphQLResponse } from '../../support/stack.ts';

const PUNCH = 'id employeeId type at source timeZone localDate deviceTimeZone clockSkewSeconds flags distanceMeters recordedBy';
const DAY = 'date status workedMinutes lateMinutes flags punchIds';
const CORRECTION = 'id employeeId kind punchType proposedAt status decidedBy correctionPunchId version';
const Q = {
  clockIn: `mutation ($input: PunchInput!) { clockIn(input: $input) { ${PUNCH} } }`,
  clockOut: `mutation ($input: PunchInput!) { clockOut(input: $input) { ${PUNCH} } }`,
  myAttendance: `query ($month: String!) { myAttendance(month: $month) { employeeId month days { ${DAY} } punches { ${PUNCH} } } }`,
  request: `mutation ($input: RequestAttendanceCorrectionInput!) { requestAttendanceCorrection(input: $input) { ${CORRECTION} } }`,
  mine: `query { myAttendanceCorrections { items { ${CORRECTION} } } }`,
  toDecide: `query ($tenantId: ID) { attendanceCorrectionsToDecide(tenantId: $tenantId) { items { ${CORRECTION} } } }`,
  approve: `mutation ($input: DecideAttendanceCorrectionInput!, $tenantId: ID) { approveAttendanceCorrection(input: $input, tenantId: $tenantId) { ${CORRECTION} } }`,
  reject: `mutation ($input: DecideAttendanceCorrectionInput!, $tenantId: ID) { rejectAttendanceCorrection(input: $input, tenantId: $tenantId) { ${CORRECTION} } }`,
  team: `query ($managerId: ID, $tenantId: ID) { teamAttendanceToday(managerId: $managerId, tenantId: $tenantId) { managerId members { employeeId state late } } }`,
  grid: `query ($departmentId: ID!, $month: String!, $tenantId: ID) { departmentAttendance(departmentId: $departmentId, month: $month, tenantId: $tenantId) { departmentId days rows { employeeId cells { date status } } } }`,
  notifications: `query { notifications { items { kind } } }`,
  createEmployee: `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`,
  createLocation: `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { id } }`,
  createDepartment: `mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`,
};
const ZONE = 'Europe/Berlin';

let stack: StackHandle;
let sessions: TenantClients;
let acmeAdmin: Gql;
let globexAdmin: Gql;
let kiosk: Gql;
let serial = 0;
let berlin: string;
let plant: string;
let department: string;

/** Runs an operation that must succeed and returns its single root field. */
async function ok<T>(gql: Gql, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<Record<string, T>>(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

function refusedAs(result: GraphQLResponse, errorType: string, reason?: string): void {
  expect(result.errors?.[0]).toMatchObject({ errorType });
  if (reason) expect(result.errors?.[0]?.errorInfo).toMatchObject({ reason });
}

const punchInput = (extra: Record<string, unknown> = {}) => ({ idempotencyKey: `e2e-key-${(serial += 1)}-${Date.now()}`, deviceTimeZone: ZONE, ...extra });

/** An employee of `tenantId` (Berlin, the pattern `every-day`), signed in as themselves. */
async function employee(admin: Gql, tenantId: string, terms: Record<string, unknown> = {}): Promise<{ id: string; self: Gql }> {
  serial += 1;
  const { id } = await ok<{ id: string }>(admin, Q.createEmployee, {
    input: {
      employeeNumber: `T-${serial}`, firstName: 'Att', lastName: `Endance${serial}`, email: `att${serial}@${tenantId}.test`,
      contract: { startDate: '2023-03-01', terms: { jobTitle: 'Operator', employmentType: 'FULL_TIME', ...terms } },
    },
  });
  return { id, self: await signedIn(stack, { tenantId, role: 'TenantUser', employeeId: id }) };
}

beforeAll(async () => {
  stack = await startTestStack();
  [acmeAdmin, globexAdmin, kiosk] = await Promise.all([
    signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'acme', role: 'Kiosk' }),
  ]);
  sessions = tenantClients({ roleArn: process.env.TENANT_ROLE_ARN! });
});

beforeAll(async () => {
  const address = { line1: '1 Test Street', city: 'Berlin', country: 'DE' };
  berlin = (await ok<{ id: string }>(acmeAdmin, Q.createLocation, { input: { name: 'Berlin', timeZone: ZONE, address } })).id;
  // A plant with a 200 m geofence (the tenant's policy: FLAG by default).
  plant = (await ok<{ id: string }>(acmeAdmin, Q.createLocation, { input: { name: 'Plant', timeZone: ZONE, address, geofence: { latitude: 52.52, longitude: 13.405, radiusMeters: 200 } } })).id;
  department = (await ok<{ id: string }>(acmeAdmin, Q.createDepartment, { input: { name: 'Operations' } })).id;
  // The schedules module's rows (its API lands separately): a 09:00-17:00 shift every day.
  const stored = { TenantId: tenantKey('acme'), version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const day: ShiftTypeRow = {
    ...stored, EntityItem: shiftTypeItemKey('day'), id: 'day', name: 'Day', start: '09:00', end: '17:00', breakMinutes: 30, graceLateMinutes: 5, graceEarlyMinutes: 5,
    windowBeforeMinutes: 120, windowAfterMinutes: 240, halfDayMinutes: 240, fullDayMinutes: 450, overtime: {}, archived: false,
  };
  const everyDay: PatternRow = { ...stored, EntityItem: patternItemKey('every-day'), id: 'every-day', name: 'Every day', cycleDays: 1, anchorDate: '2026-01-05', days: ['day'], archived: false };
  const { dynamodb } = await sessions.forTenant('acme');
  for (const row of [day, everyDay]) await dynamodb.send(new PutItemCommand({ TableName: tableName('WorkSchedule', stack.stage), Item: marshall(row) }));
});

afterAll(async () => {
  sessions?.destroy();
  await stack?.stop();
});

describe('clocking in and out', () => {
  it('records server time, the work zone\'s date and the device\'s zone; a skewed device clock and a position outside the geofence are flagged; myAttendance shows the punches', async () => {
    const ada = await employee(acmeAdmin, 'acme', { locationId: plant });
    const before = Date.now();
    const tenMinutesAhead = new Date(Date.now() + 10 * 60_000).toISOString();
    const inPunch = await ok<Record<string, unknown>>(ada.self, Q.clockIn, { input: punchInput({ deviceTimeZone: 'Asia/Tokyo', deviceTime: tenMinutesAhead, position: { latitude: 52.53, longitude: 13.405 } }) });
    expect(inPunch).toMatchObject({ employeeId: ada.id, type: 'IN', source: 'SELF', timeZone: ZONE, deviceTimeZone: 'Asia/Tokyo', recordedBy: expect.any(String) });
    expect(Date.parse(inPunch.at as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(inPunch.localDate).toBe(localDate(new Date(inPunch.at as string), ZONE));
    expect(inPunch.clockSkewSeconds as number).toBeGreaterThan(500);
    expect(inPunch.flags).toEqual(['CLOCK_SKEW', 'OUTSIDE_GEOFENCE']);
    expect(inPunch.distanceMeters as number).toBeGreaterThan(1000);
    const outPunch = await ok<Record<string, unknown>>(ada.self, Q.clockOut, { input: punchInput({ position: { latitude: 52.52, longitude: 13.405, accuracyMeters: 10 } }) });
    expect(outPunch).toMatchObject({ type: 'OUT', flags: [] });

    const month = await ok<{ employeeId: string; punches: { id: string }[] }>(ada.self, Q.myAttendance, { month: (inPunch.localDate as string).slice(0, 7) });
    expect(month.employeeId).toBe(ada.id);
    expect(month.punches.map((p) => p.id)).toEqual(expect.arrayContaining([inPunch.id, outPunch.id]));
  });

  it('refuses malformed input with the fields named, and a device clock a day off', async () => {
    const bo = await employee(acmeAdmin, 'acme');
    const bad = await bo.self(Q.clockIn, { input: { idempotencyKey: 'x', deviceTimeZone: 'Mars/Olympus', position: { latitude: 91, longitude: 0 } } });
    refusedAs(bad, 'VALIDATION_ERROR');
    const fields = (bad.errors![0]!.errorInfo as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['input.idempotencyKey', 'input.deviceTimeZone', 'input.position.latitude']));
    refusedAs(await bo.self(Q.clockIn, { input: punchInput({ deviceTime: new Date(Date.now() + 25 * 3_600_000).toISOString() }) }), 'VALIDATION_ERROR');
    refusedAs(await bo.self(Q.myAttendance, { month: '2027-13' }), 'VALIDATION_ERROR');
  });

  it('given a double clock-in with one key, answers both with the first punch and stores one; the key with another request is refused', async () => {
    const cy = await employee(acmeAdmin, 'acme');
    const input = punchInput();
    const first = await ok<{ id: string; localDate: string }>(cy.self, Q.clockIn, { input });
    const again = await ok<{ id: string }>(cy.self, Q.clockIn, { input });
    expect(again.id).toBe(first.id);
    refusedAs(await cy.self(Q.clockOut, { input }), 'CONFLICT', 'IDEMPOTENCY_KEY_REUSED');
    refusedAs(await cy.self(Q.clockIn, { input: { ...input, deviceTimeZone: 'Europe/Paris' } }), 'CONFLICT', 'IDEMPOTENCY_KEY_REUSED');
    const month = await ok<{ punches: { id: string }[] }>(cy.self, Q.myAttendance, { month: first.localDate.slice(0, 7) });
    expect(month.punches.map((p) => p.id)).toEqual([first.id]);
  });

  it('refuses a clock-in while clocked in and a clock-out while not (typed CONFLICTs)', async () => {
    const di = await employee(acmeAdmin, 'acme');
    refusedAs(await di.self(Q.clockOut, { input: punchInput() }), 'CONFLICT', 'NOT_CLOCKED_IN');
    await ok(di.self, Q.clockIn, { input: punchInput() });
    refusedAs(await di.self(Q.clockIn, { input: punchInput() }), 'CONFLICT', 'ALREADY_CLOCKED_IN');
    await ok(di.self, Q.clockOut, { input: punchInput() });
    refusedAs(await di.self(Q.clockOut, { input: punchInput() }), 'CONFLICT', 'NOT_CLOCKED_IN');
  });

  it('given eight concurrent clock-ins with different keys, exactly one succeeds and one punch is stored', async () => {
    const ed = await employee(acmeAdmin, 'acme');
    const results = await Promise.all(Array.from({ length: 8 }, () => ed.self<{ clockIn: { id: string; localDate: string } }>(Q.clockIn, { input: punchInput() })));
    const succeeded = results.filter((r) => !r.errors);
    expect(succeeded).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) refusedAs(r, 'CONFLICT');
    const month = await ok<{ punches: { id: string }[] }>(ed.self, Q.myAttendance, { month: succeeded[0]!.data!.clockIn.localDate.slice(0, 7) });
    expect(month.punches.map((p) => p.id)).toEqual([succeeded[0]!.data!.clockIn.id]);
  });
});

describe('punching for someone else', () => {
  it('is refused to an employee and to an admin (UNAUTHORIZED_ACCESS), and nothing is stored', async () => {
    const fay = await employee(acmeAdmin, 'acme');
    const gil = await employee(acmeAdmin, 'acme');
    refusedAs(await fay.self(Q.clockIn, { input: punchInput({ employeeId: gil.id }) }), 'UNAUTHORIZED_ACCESS');
    refusedAs(await acmeAdmin(Q.clockIn, { input: punchInput({ employeeId: gil.id }) }), 'UNAUTHORIZED_ACCESS');
    const month = await ok<{ punches: unknown[] }>(gil.self, Q.myAttendance, { month: new Date().toISOString().slice(0, 7) });
    expect(month.punches).toEqual([]);
  });

  it('from the tenant\'s kiosk records a KIOSK punch by the kiosk; the kiosk does nothing else', async () => {
    const hal = await employee(acmeAdmin, 'acme');
    const punch = await ok<Record<string, unknown>>(kiosk, Q.clockIn, { input: punchInput({ employeeId: hal.id }) });
    expect(punch).toMatchObject({ employeeId: hal.id, source: 'KIOSK', type: 'IN' });
    const own = await ok<{ punches: { id: string; source: string; recordedBy: string }[] }>(hal.self, Q.myAttendance, { month: (punch.localDate as string).slice(0, 7) });
    expect(own.punches).toEqual([expect.objectContaining({ id: punch.id, source: 'KIOSK', recordedBy: punch.recordedBy })]);
    // The employee clocks out on their own device.
    await ok(hal.self, Q.clockOut, { input: punchInput() });
    refusedAs(await kiosk(Q.myAttendance, { month: '2027-01' }), 'UNAUTHORIZED_ACCESS');
    refusedAs(await kiosk(Q.team, { managerId: hal.id }), 'UNAUTHORIZED_ACCESS');
    refusedAs(await kiosk(`query { employees { items { id } } }`), 'UNAUTHORIZED_ACCESS');
  });

  it('from a kiosk, never for another tenant\'s employee (NOT_FOUND), who keeps no punch', async () => {
    const gus = await employee(globexAdmin, 'globex');
    refusedAs(await kiosk(Q.clockIn, { input: punchInput({ employeeId: gus.id }) }), 'NOT_FOUND');
    const month = await ok<{ punches: unknown[] }>(gus.self, Q.myAttendance, { month: new Date().toISOString().slice(0, 7) });
    expect(month.punches).toEqual([]);
  });
});

describe('a correction approved after its day was generated', () => {
  it('adds CORRECTION punches, recomputes the stored day at once, and tells both sides', async () => {
    const boss = await employee(acmeAdmin, 'acme', { locationId: berlin, departmentId: department });
    const ida = await employee(acmeAdmin, 'acme', { locationId: berlin, departmentId: department, workScheduleId: 'every-day', managerId: boss.id });
    // Three days ago in Berlin: the shift's punch window has long closed.
    const date = addDays(localDate(new Date(), ZONE), -3);
    const { dynamodb } = await sessions.forTenant('acme');
    const table = (t: TableId) => tableName(t, stack.stage);
    const deps = { dynamodb, table: table('TimeAttendance'), plans: createPlanSource({ dynamodb, tableName: table, tenantZone: async () => 'UTC' }), leave: statusLeave(dynamodb, table('PIM')) };
    await generateDays(deps, 'acme', [ida.id], date, date, new Date());
    const month = date.slice(0, 7);
    const generated = await ok<{ days: { date: string; status: string }[] }>(ida.self, Q.myAttendance, { month });
    expect(generated.days.find((d) => d.date === date)).toMatchObject({ status: 'ABSENT', workedMinutes: 0 });

    // She forgot both punches that day: 09:00 and 17:00 Berlin time.
    const asks = [];
    for (const [punchType, time] of [['IN', '09:00'], ['OUT', '17:00']] as const) {
      asks.push(await ok<{ id: string; status: string }>(ida.self, Q.request, { input: { kind: 'MISSING_PUNCH', punchType, proposedAt: zonedInstant(date, time, ZONE).toISOString(), reason: 'Badge reader was down' } }));
    }
    expect(asks.map((a) => a.status)).toEqual(['PENDING', 'PENDING']);
    expect((await ok<{ items: { id: string }[] }>(ida.self, Q.mine)).items.map((c) => c.id).sort()).toEqual(asks.map((a) => a.id).sort());
    const waiting = await ok<{ items: { id: string }[] }>(boss.self, Q.toDecide);
    expect(waiting.items.map((c) => c.id).sort()).toEqual(asks.map((a) => a.id).sort());
    expect((await ok<{ items: { kind: string }[] }>(boss.self, Q.notifications)).items.map((n) => n.kind)).toContain('ATTENDANCE_CORRECTION_REQUESTED');

    // Never her own; her manager approves each once.
    refusedAs(await ida.self(Q.approve, { input: { employeeId: ida.id, correctionId: asks[0]!.id, expectedVersion: 1 } }), 'UNAUTHORIZED_ACCESS');
    for (const ask of asks) {
      const decided = await ok<{ status: string; correctionPunchId: string; decidedBy: string }>(boss.self, Q.approve, { input: { employeeId: ida.id, correctionId: ask.id, expectedVersion: 1, note: 'OK' } });
      expect(decided).toMatchObject({ status: 'APPROVED', correctionPunchId: expect.any(String) });
    }
    refusedAs(await boss.self(Q.reject, { input: { employeeId: ida.id, correctionId: asks[0]!.id, expectedVersion: 2 } }), 'CONFLICT');
    expect((await ok<{ items: unknown[] }>(boss.self, Q.toDecide)).items).toEqual([]);

    const after = await ok<{ days: { date: string; status: string; workedMinutes: number; flags: string[]; punchIds: string[] }[]; punches: { id: string; source: string }[] }>(ida.self, Q.myAttendance, { month });
    const day = after.days.find((d) => d.date === date)!;
    expect(day).toMatchObject({ status: 'PRESENT', workedMinutes: 450, lateMinutes: 0, flags: ['CORRECTED'] });
    expect(after.punches.filter((p) => day.punchIds.includes(p.id)).map((p) => p.source)).toEqual(['CORRECTION', 'CORRECTION']);
    expect((await ok<{ items: { kind: string }[] }>(ida.self, Q.notifications)).items.map((n) => n.kind)).toContain('ATTENDANCE_CORRECTION_DECIDED');

    // The department's month: her manager sees her row, a colleague without reports sees none, HR sees it.
    const row = (grid: { rows: { employeeId: string; cells: ({ date: string; status: string } | null)[] }[] }) => grid.rows.find((r) => r.employeeId === ida.id);
    const managerGrid = await ok<{ days: string[]; rows: { employeeId: string; cells: ({ date: string; status: string } | null)[] }[] }>(boss.self, Q.grid, { departmentId: department, month });
    expect(row(managerGrid)?.cells[managerGrid.days.indexOf(date)]).toMatchObject({ date, status: 'PRESENT' });
    const colleague = await employee(acmeAdmin, 'acme', { departmentId: department });
    expect(row(await ok(colleague.self, Q.grid, { departmentId: department, month }))).toBeUndefined();
    expect(row(await ok(acmeAdmin, Q.grid, { departmentId: department, month }))).toBeDefined();
  });

  it('a rejected request adds no punch; the employee is told', async () => {
    const boss = await employee(acmeAdmin, 'acme');
    const jo = await employee(acmeAdmin, 'acme', { managerId: boss.id });
    const ask = await ok<{ id: string }>(jo.self, Q.request, { input: { kind: 'MISSING_PUNCH', punchType: 'IN', proposedAt: new Date(Date.now() - 3_600_000).toISOString(), reason: 'Forgot' } });
    const decided = await ok<{ status: string; correctionPunchId: string | null }>(acmeAdmin, Q.reject, { input: { employeeId: jo.id, correctionId: ask.id, expectedVersion: 1, note: 'You were on leave' } });
    expect(decided).toMatchObject({ status: 'REJECTED', correctionPunchId: null });
    expect((await ok<{ punches: unknown[] }>(jo.self, Q.myAttendance, { month: new Date().toISOString().slice(0, 7) })).punches).toEqual([]);
    expect((await ok<{ items: { kind: string }[] }>(jo.self, Q.notifications)).items.map((n) => n.kind)).toContain('ATTENDANCE_CORRECTION_DECIDED');
  });
});

describe('a manager\'s team today', () => {
  it('lists their direct reports live; a colleague may not see it; HR may', async () => {
    const boss = await employee(acmeAdmin, 'acme');
    const [kim, lou] = [await employee(acmeAdmin, 'acme', { managerId: boss.id }), await employee(acmeAdmin, 'acme', { managerId: boss.id })];
    await ok(kim.self, Q.clockIn, { input: punchInput() });
    const team = await ok<{ managerId: string; members: { employeeId: string; state: string }[] }>(boss.self, Q.team);
    expect(team.managerId).toBe(boss.id);
    expect(team.members.map((m) => m.employeeId).sort()).toEqual([kim.id, lou.id].sort());
    expect(team.members.find((m) => m.employeeId === kim.id)?.state).toBe('IN');
    refusedAs(await lou.self(Q.team, { managerId: boss.id }), 'UNAUTHORIZED_ACCESS');
    expect((await ok<{ members: unknown[] }>(acmeAdmin, Q.team, { managerId: boss.id })).members).toHaveLength(2);
  });
});

describe('isolation: another tenant\'s ids through every operation', () => {
  it('punches, corrections, decisions, the team and the grid never reach globex\'s records', async () => {
    const gboss = await employee(globexAdmin, 'globex');
    const gus = await employee(globexAdmin, 'globex', { managerId: gboss.id });
    const punch = await ok<{ id: string; localDate: string }>(gus.self, Q.clockIn, { input: punchInput() });
    const ask = await ok<{ id: string }>(gus.self, Q.request, { input: { kind: 'MISSING_PUNCH', punchType: 'OUT', proposedAt: new Date(Date.now() - 60_000).toISOString(), reason: 'Test' } });
    const gdept = (await ok<{ id: string }>(globexAdmin, Q.createDepartment, { input: { name: 'Globex ops' } })).id;
    const acmeMe = await employee(acmeAdmin, 'acme');

    // By id, within acme's own scope: nothing of globex is found.
    refusedAs(await kiosk(Q.clockOut, { input: punchInput({ employeeId: gus.id }) }), 'NOT_FOUND');
    refusedAs(await acmeMe.self(Q.request, { input: { kind: 'WRONG_TIME', punchId: punch.id, proposedAt: new Date(Date.now() - 60_000).toISOString(), reason: 'Not mine' } }), 'NOT_FOUND');
    refusedAs(await acmeAdmin(Q.approve, { input: { employeeId: gus.id, correctionId: ask.id, expectedVersion: 1 } }), 'NOT_FOUND');
    refusedAs(await acmeAdmin(Q.reject, { input: { employeeId: gus.id, correctionId: ask.id, expectedVersion: 1 } }), 'NOT_FOUND');
    refusedAs(await acmeAdmin(Q.team, { managerId: gboss.id }), 'NOT_FOUND');
    refusedAs(await acmeAdmin(Q.grid, { departmentId: gdept, month: punch.localDate.slice(0, 7) }), 'NOT_FOUND');
    expect((await ok<{ items: { id: string }[] }>(acmeAdmin, Q.toDecide)).items.map((c) => c.id)).not.toContain(ask.id);
    // Naming the tenant: refused before any resolver runs.
    for (const [query, variables] of [
      [Q.approve, { input: { employeeId: gus.id, correctionId: ask.id, expectedVersion: 1 } }],
      [Q.team, { managerId: gboss.id }],
      [Q.grid, { departmentId: gdept, month: punch.localDate.slice(0, 7) }],
      [Q.toDecide, {}],
    ] as const) {
      refusedAs(await acmeAdmin(query, { ...variables, tenantId: 'globex' }), 'UNAUTHORIZED_ACCESS');
    }
    // A sign-in of acme whose employee claim names globex's employee reaches nothing of theirs.
    const crossed = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: gus.id });
    refusedAs(await crossed(Q.clockOut, { input: punchInput() }), 'UNAUTHORIZED_ACCESS');
    expect((await ok<{ punches: unknown[]; days: unknown[] }>(crossed, Q.myAttendance, { month: punch.localDate.slice(0, 7) }))).toMatchObject({ punches: [], days: [] });
    expect((await ok<{ items: unknown[] }>(crossed, Q.mine)).items).toEqual([]);

    // Globex's own records are as they were.
    const theirs = await ok<{ items: { id: string; status: string }[] }>(gboss.self, Q.toDecide);
    expect(theirs.items).toEqual([expect.objectContaining({ id: ask.id, status: 'PENDING' })]);
    expect((await ok<{ punches: { id: string }[] }>(gus.self, Q.myAttendance, { month: punch.localDate.slice(0, 7) })).punches.map((p) => p.id)).toEqual([punch.id]);
  });
});
