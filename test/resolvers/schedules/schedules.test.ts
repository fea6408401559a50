/**
 * The schedules module end to end: HTTP → local AppSync runtime → deployable resolver bundles (and
 * the schedules Lambda with date-holidays) → local DynamoDB, as clients see it. Shift types and
 * patterns, assignments and one-off changes, holiday calendars and the tenant's changes, rosters
 * across the nights the clocks change, who reads whose roster, and isolation: every operation
 * tried with another tenant's ids, and the tenant session refused another tenant's partition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName, type TableId } from '../../../domain/model/tables.ts';
import { createPlanSource } from '../../../domain/schedules/plan-source.ts';
import { tenantClients, type TenantClients } from '../../../domain/tenant-credentials.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql, type GraphQLResponse } from '../../support/stack.ts';

const SHIFT_TYPE = 'id name start end breakMinutes graceLateMinutes graceEarlyMinutes windowBeforeMinutes windowAfterMinutes halfDayMinutes fullDayMinutes overtime { beforeShift { multiplier minimumMinutes } afterShift { multiplier minimumMinutes } restDay { multiplier minimumMinutes } holiday { multiplier minimumMinutes } } archived version';
const PATTERN = 'id name cycleDays anchorDate days archived version';
const ASSIGNMENT = 'employeeId patternId from to note version';
const DAY = `employeeId date timeZone dayMinutes locationId departmentId kind source patternId holiday { name halfDay }
  shift { shiftTypeId name startAt endAt localStart localEnd endDate spanMinutes breakMinutes windowOpensAt windowClosesAt } overtime { afterShift { multiplier } }`;
const Q = {
  shiftTypes: `query ($limit: Int, $nextToken: String) { shiftTypes(limit: $limit, nextToken: $nextToken) { items { ${SHIFT_TYPE} } nextToken } }`,
  createShiftType: `mutation ($input: CreateShiftTypeInput!) { createShiftType(input: $input) { ${SHIFT_TYPE} } }`,
  updateShiftType: `mutation ($input: UpdateShiftTypeInput!) { updateShiftType(input: $input) { ${SHIFT_TYPE} } }`,
  archiveShiftType: `mutation ($id: ID!, $expectedVersion: Int!) { archiveShiftType(id: $id, expectedVersion: $expectedVersion) { ${SHIFT_TYPE} } }`,
  restoreShiftType: `mutation ($id: ID!, $expectedVersion: Int!) { restoreShiftType(id: $id, expectedVersion: $expectedVersion) { ${SHIFT_TYPE} } }`,
  workPatterns: `query ($limit: Int, $nextToken: String) { workPatterns(limit: $limit, nextToken: $nextToken) { items { ${PATTERN} } nextToken } }`,
  createWorkPattern: `mutation ($input: CreateWorkPatternInput!) { createWorkPattern(input: $input) { ${PATTERN} } }`,
  updateWorkPattern: `mutation ($input: UpdateWorkPatternInput!) { updateWorkPattern(input: $input) { ${PATTERN} } }`,
  archiveWorkPattern: `mutation ($id: ID!, $expectedVersion: Int!) { archiveWorkPattern(id: $id, expectedVersion: $expectedVersion) { ${PATTERN} } }`,
  restoreWorkPattern: `mutation ($id: ID!, $expectedVersion: Int!) { restoreWorkPattern(id: $id, expectedVersion: $expectedVersion) { ${PATTERN} } }`,
  scheduleAssignments: `query ($employeeId: ID!) { scheduleAssignments(employeeId: $employeeId) { ${ASSIGNMENT} } }`,
  assignSchedule: `mutation ($input: AssignScheduleInput!) { assignSchedule(input: $input) { ${ASSIGNMENT} } }`,
  endScheduleAssignment: `mutation ($input: EndScheduleAssignmentInput!) { endScheduleAssignment(input: $input) { ${ASSIGNMENT} } }`,
  removeScheduleAssignment: `mutation ($employeeId: ID!, $from: AWSDate!, $expectedVersion: Int!) { removeScheduleAssignment(employeeId: $employeeId, from: $from, expectedVersion: $expectedVersion) { ${ASSIGNMENT} } }`,
  setScheduleOverride: `mutation ($input: SetScheduleOverrideInput!) { setScheduleOverride(input: $input) { employeeId date shiftTypeId note version } }`,
  clearScheduleOverride: `mutation ($employeeId: ID!, $date: AWSDate!) { clearScheduleOverride(employeeId: $employeeId, date: $date) { employeeId date shiftTypeId version } }`,
  locationCalendar: `query ($locationId: ID!) { locationCalendar(locationId: $locationId) { locationId country state region isDefault version } }`,
  setLocationCalendar: `mutation ($input: SetLocationCalendarInput!) { setLocationCalendar(input: $input) { locationId country state region isDefault version } }`,
  holidays: `query ($locationId: ID, $calendar: HolidayCalendarInput, $year: Int!) { holidays(locationId: $locationId, calendar: $calendar, year: $year) { date name halfDay fromTime source } }`,
  holidayEdits: `query ($limit: Int, $nextToken: String) { holidayEdits(limit: $limit, nextToken: $nextToken) { items { scope locationId country state region date action name halfDay version } nextToken } }`,
  editHoliday: `mutation ($input: EditHolidayInput!) { editHoliday(input: $input) { scope locationId country state region date action name halfDay version } }`,
  undoHolidayEdit: `mutation ($scope: String!, $date: AWSDate!) { undoHolidayEdit(scope: $scope, date: $date) { scope date action name } }`,
  roster: `query ($employeeId: ID!, $from: AWSDate!, $to: AWSDate!) { roster(employeeId: $employeeId, from: $from, to: $to) { ${DAY} } }`,
  departmentRoster: `query ($departmentId: ID!, $from: AWSDate!, $to: AWSDate!, $limit: Int, $nextToken: String) {
    departmentRoster(departmentId: $departmentId, from: $from, to: $to, limit: $limit, nextToken: $nextToken) { items { employeeId firstName lastName days { date kind shift { localStart } } } nextToken } }`,
  createEmployee: `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`,
  createLocation: `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { id } }`,
  createDepartment: `mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`,
};

interface ShiftType { id: string; name: string; start: string; end: string; breakMinutes: number; halfDayMinutes: number; fullDayMinutes: number; archived: boolean; version: number; overtime: Record<string, { multiplier: string; minimumMinutes: number } | null> }
interface Pattern { id: string; days: (string | null)[]; cycleDays: number; archived: boolean; version: number }
interface Assignment { employeeId: string; patternId: string; from: string; to: string | null; version: number }
interface PlannedDay {
  date: string; timeZone: string; dayMinutes: number; kind: string; source: string; patternId: string | null; holiday: { name: string; halfDay: boolean } | null;
  shift: { shiftTypeId: string; startAt: string; endAt: string; localStart: string; localEnd: string; endDate: string; spanMinutes: number } | null;
}
type GqlError = NonNullable<GraphQLResponse['errors']>[number];

let stack: StackHandle;
let acme: Gql;
let globex: Gql;
let sessions: TenantClients;
let serial = 0;
/** acme's world: two sites, day and night shift types, an office week and a night rotation. */
const w = { berlin: '', newYork: '', day: '', night: '', office: '', nights: '' };

async function ok<T>(gql: Gql, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<Record<string, T>>(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

async function refused(gql: Gql, query: string, variables: Record<string, unknown> = {}): Promise<GqlError> {
  const result = await gql(query, variables);
  expect(result.errors, `expected an error from ${query.slice(0, 60)}`).toBeDefined();
  return result.errors![0]!;
}

/** The fields a VALIDATION_ERROR names. */
const fieldsOf = (error: GqlError) => ((error.errorInfo as { fields?: { field: string }[] } | null)?.fields ?? []).map((f) => f.field);

const shiftType = (gql: Gql, input: Record<string, unknown>) => ok<ShiftType>(gql, Q.createShiftType, { input: { name: `Shift ${(serial += 1)}`, ...input } });
const pattern = (gql: Gql, days: (string | null)[], extra: Record<string, unknown> = {}) =>
  ok<Pattern>(gql, Q.createWorkPattern, { input: { name: `Pattern ${(serial += 1)}`, cycleDays: days.length, anchorDate: '2027-01-04', days, ...extra } });

async function hire(gql: Gql, terms: Record<string, unknown> = {}, contract: Record<string, unknown> = {}, domain = 'acme.test'): Promise<string> {
  serial += 1;
  return (await ok<{ id: string }>(gql, Q.createEmployee, {
    input: {
      employeeNumber: `R-${serial}`, firstName: `Rosa${serial}`, lastName: `Roster${String(serial).padStart(3, '0')}`, email: `r${serial}@${domain}`,
      contract: { startDate: '2024-01-01', terms: { jobTitle: 'Operator', employmentType: 'FULL_TIME', ...terms }, ...contract },
    },
  })).id;
}

const site = (gql: Gql, name: string, timeZone: string, country: string) =>
  ok<{ id: string }>(gql, Q.createLocation, { input: { name, timeZone, address: { line1: '1 Demo Street', city: name, country } } }).then((l) => l.id);

const roster = (gql: Gql, employeeId: string, from: string, to: string) => ok<PlannedDay[]>(gql, Q.roster, { employeeId, from, to });
const dayOf = (days: PlannedDay[], date: string) => days.find((d) => d.date === date);

beforeAll(async () => {
  stack = await startTestStack();
  await stack.onboardTenant({ tenantId: 'acme', settings: { timeZone: 'America/New_York' } });
  [acme, globex] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' })]);
  sessions = tenantClients({ roleArn: process.env.TENANT_ROLE_ARN! });
  [w.berlin, w.newYork] = await Promise.all([site(acme, 'Berlin plant', 'Europe/Berlin', 'DE'), site(acme, 'New York HQ', 'America/New_York', 'US')]);
  await ok(acme, Q.setLocationCalendar, { input: { locationId: w.berlin, country: 'de', state: 'be' } });
  w.day = (await shiftType(acme, { start: '09:00', end: '17:00', breakMinutes: 30, overtime: { afterShift: { multiplier: '1.25', minimumMinutes: 15 } } })).id;
  w.night = (await shiftType(acme, { start: '22:00', end: '06:00', breakMinutes: 30 })).id;
  w.office = (await pattern(acme, [w.day, w.day, w.day, w.day, w.day, null, null])).id;
  w.nights = (await pattern(acme, [w.night])).id;
}, 60_000);

afterAll(async () => {
  sessions?.destroy();
  await stack?.stop();
});

describe('shift types', () => {
  it('are created with defaults for what is left out, listed with their archived flag, changed at the version read', async () => {
    const created = await shiftType(acme, { start: '06:00', end: '14:00', breakMinutes: 30 });
    expect(created).toMatchObject({ breakMinutes: 30, fullDayMinutes: 450, halfDayMinutes: 225, archived: false, version: 1, overtime: { beforeShift: null, afterShift: null, restDay: null, holiday: null } });
    const changed = await ok<ShiftType>(acme, Q.updateShiftType, { input: { id: created.id, expectedVersion: 1, end: '14:30', fullDayMinutes: 470, overtime: { restDay: { multiplier: '1.5', minimumMinutes: 0 } } } });
    expect(changed).toMatchObject({ end: '14:30', fullDayMinutes: 470, version: 2, overtime: { restDay: { multiplier: '1.50', minimumMinutes: 0 }, afterShift: null } });
    expect(await refused(acme, Q.updateShiftType, { input: { id: created.id, expectedVersion: 1, name: 'Stale' } })).toMatchObject({ errorType: 'CONFLICT' });
    const archived = await ok<ShiftType>(acme, Q.archiveShiftType, { id: created.id, expectedVersion: 2 });
    expect(archived).toMatchObject({ archived: true, version: 3 });
    const listed = await ok<{ items: ShiftType[] }>(acme, Q.shiftTypes, { limit: 100 });
    expect(listed.items.find((t) => t.id === created.id)).toMatchObject({ archived: true });
    expect(await ok<ShiftType>(acme, Q.restoreShiftType, { id: created.id, expectedVersion: 3 })).toMatchObject({ archived: false, version: 4 });
    expect(await refused(acme, Q.archiveShiftType, { id: 'no-such-type', expectedVersion: 1 })).toMatchObject({ errorType: 'NOT_FOUND' });
  });

  it('take a night shift ending the next day, and refuse times, breaks, graces, days and overtime out of bounds, naming each field', async () => {
    expect(await shiftType(acme, { start: '22:00', end: '06:00' })).toMatchObject({ fullDayMinutes: 480 });
    const error = await refused(acme, Q.createShiftType, {
      input: {
        name: 'Bad', start: '24:00', end: '9:00', breakMinutes: -1, graceLateMinutes: 721, windowAfterMinutes: -5, fullDayMinutes: 10, halfDayMinutes: 20,
        overtime: { afterShift: { multiplier: '5.01', minimumMinutes: 0 }, holiday: { multiplier: '1.234', minimumMinutes: 601 } },
      },
    });
    expect(error.errorType).toBe('VALIDATION_ERROR');
    expect(fieldsOf(error)).toEqual(['start', 'end', 'breakMinutes', 'graceLateMinutes', 'windowAfterMinutes', 'halfDayMinutes', 'overtime.afterShift.multiplier', 'overtime.holiday.multiplier', 'overtime.holiday.minimumMinutes']);
    const span = await refused(acme, Q.createShiftType, { input: { name: 'Long break', start: '09:00', end: '17:00', breakMinutes: 480 } });
    expect(fieldsOf(span)).toContain('breakMinutes');
    const full = await refused(acme, Q.createShiftType, { input: { name: 'Too full', start: '09:00', end: '17:00', breakMinutes: 30, fullDayMinutes: 451 } });
    expect(fieldsOf(full)).toEqual(['fullDayMinutes']);
  });
});

describe('work patterns', () => {
  it('refuse a pattern that does not cover its cycle, one without a working day, and shift types the tenant lacks or archived', async () => {
    const short = await refused(acme, Q.createWorkPattern, { input: { name: 'Short', cycleDays: 7, anchorDate: '2027-01-04', days: [w.day, w.day, w.day] } });
    expect(short).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining('must cover the cycle: exactly 7 entries') });
    expect(fieldsOf(await refused(acme, Q.createWorkPattern, { input: { name: 'Idle', cycleDays: 2, anchorDate: '2027-01-04', days: [null, null] } }))).toEqual(['days']);
    expect(fieldsOf(await refused(acme, Q.createWorkPattern, { input: { name: 'Long', cycleDays: 85, anchorDate: '2027-01-04', days: [w.day] } }))).toContain('cycleDays');
    const unknown = await refused(acme, Q.createWorkPattern, { input: { name: 'Ghost', cycleDays: 2, anchorDate: '2027-01-04', days: [w.day, 'no-such-type'] } });
    expect(unknown).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'days.1' }] } });
    const retired = await shiftType(acme, { start: '10:00', end: '18:00' });
    await ok(acme, Q.archiveShiftType, { id: retired.id, expectedVersion: 1 });
    expect(await refused(acme, Q.createWorkPattern, { input: { name: 'Retired', cycleDays: 1, anchorDate: '2027-01-04', days: [retired.id] } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect((await ok<{ items: { name: string }[] }>(acme, Q.workPatterns, { limit: 100 })).items.map((p) => p.name)).not.toEqual(expect.arrayContaining(['Ghost']));
  });

  it('change cycle and days together at the version read, and are archived and restored', async () => {
    const created = await pattern(acme, [w.day, null]);
    const changed = await ok<Pattern>(acme, Q.updateWorkPattern, { input: { id: created.id, expectedVersion: 1, cycleDays: 3, days: [w.day, w.night, null] } });
    expect(changed).toMatchObject({ cycleDays: 3, days: [w.day, w.night, null], version: 2 });
    expect(fieldsOf(await refused(acme, Q.updateWorkPattern, { input: { id: created.id, expectedVersion: 2, cycleDays: 4 } }))).toEqual(['days']);
    expect(await refused(acme, Q.updateWorkPattern, { input: { id: created.id, expectedVersion: 1, name: 'Stale' } })).toMatchObject({ errorType: 'CONFLICT' });
    expect(await ok<Pattern>(acme, Q.archiveWorkPattern, { id: created.id, expectedVersion: 2 })).toMatchObject({ archived: true, version: 3 });
    expect(await ok<Pattern>(acme, Q.restoreWorkPattern, { id: created.id, expectedVersion: 3 })).toMatchObject({ archived: false, version: 4 });
  });
});

describe('assignments', () => {
  it('are listed by first day, refused when they overlap (naming the clash), ended sooner or later, and removed only before they start', async () => {
    const employee = await hire(acme, { locationId: w.berlin, workScheduleId: w.office });
    const first = await ok<Assignment>(acme, Q.assignSchedule, { input: { employeeId: employee, patternId: w.nights, from: '2027-02-01', to: '2027-02-28', note: 'winter nights' } });
    expect(first).toMatchObject({ from: '2027-02-01', to: '2027-02-28', version: 1 });
    const clash = await refused(acme, Q.assignSchedule, { input: { employeeId: employee, patternId: w.office, from: '2027-02-20' } });
    expect(clash).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining(`overlaps the employee's assignment to pattern ${w.nights} from 2027-02-01 to 2027-02-28`) });
    const later = await ok<Assignment>(acme, Q.assignSchedule, { input: { employeeId: employee, patternId: w.office, from: '2099-03-10' } });
    // Ended later: up to the day before the next one, not into it.
    expect(await refused(acme, Q.endScheduleAssignment, { input: { employeeId: employee, from: '2027-02-01', expectedVersion: 1, to: '2099-03-10' } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect(await ok<Assignment>(acme, Q.endScheduleAssignment, { input: { employeeId: employee, from: '2027-02-01', expectedVersion: 1, to: '2099-03-09' } })).toMatchObject({ to: '2099-03-09', version: 2 });
    expect(await refused(acme, Q.endScheduleAssignment, { input: { employeeId: employee, from: '2027-02-01', expectedVersion: 1, to: '2027-02-15' } })).toMatchObject({ errorType: 'CONFLICT' });
    expect(await refused(acme, Q.endScheduleAssignment, { input: { employeeId: employee, from: '2027-02-01', expectedVersion: 2, to: '2027-01-31' } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect((await ok<Assignment[]>(acme, Q.scheduleAssignments, { employeeId: employee })).map((a) => [a.from, a.to])).toEqual([['2027-02-01', '2099-03-09'], ['2099-03-10', null]]);
    // The roster follows: nights in February, the office week after.
    expect(dayOf(await roster(acme, employee, '2027-02-05', '2027-02-05'), '2027-02-05')).toMatchObject({ source: 'ASSIGNMENT', shift: { shiftTypeId: w.night } });
    expect(await ok<Assignment>(acme, Q.removeScheduleAssignment, { employeeId: employee, from: later.from, expectedVersion: 1 })).toMatchObject({ from: '2099-03-10' });
    expect(await refused(acme, Q.removeScheduleAssignment, { employeeId: employee, from: later.from, expectedVersion: 1 })).toMatchObject({ errorType: 'NOT_FOUND' });
    // Removing is for the future only: one that has started in acme's today (New York) is ended instead.
    const started = await ok<Assignment>(acme, Q.assignSchedule, { input: { employeeId: employee, patternId: w.office, from: '2025-01-01', to: '2025-12-31' } });
    expect(await refused(acme, Q.removeScheduleAssignment, { employeeId: employee, from: started.from, expectedVersion: 1 })).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('has started') });
  });

  it('refuse an archived pattern, an unknown or archived employee, and dates the wrong way round', async () => {
    const retired = await pattern(acme, [w.day]);
    await ok(acme, Q.archiveWorkPattern, { id: retired.id, expectedVersion: 1 });
    const employee = await hire(acme);
    expect(await refused(acme, Q.assignSchedule, { input: { employeeId: employee, patternId: retired.id, from: '2027-01-01' } })).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'patternId' }] } });
    expect(await refused(acme, Q.assignSchedule, { input: { employeeId: 'nobody', patternId: w.office, from: '2027-01-01' } })).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(fieldsOf(await refused(acme, Q.assignSchedule, { input: { employeeId: employee, patternId: w.office, from: '2027-02-01', to: '2027-01-01' } }))).toEqual(['to']);
  });
});

describe('one-off changes', () => {
  it('make a day a rest day or another shift, are replaced and cleared; an archived shift type is refused', async () => {
    const employee = await hire(acme, { locationId: w.berlin, workScheduleId: w.office });
    expect(await ok(acme, Q.setScheduleOverride, { input: { employeeId: employee, date: '2027-02-03', note: 'dentist' } })).toMatchObject({ shiftTypeId: null, version: 1 });
    expect(dayOf(await roster(acme, employee, '2027-02-03', '2027-02-03'), '2027-02-03')).toMatchObject({ kind: 'REST_DAY', source: 'OVERRIDE' });
    expect(await ok(acme, Q.setScheduleOverride, { input: { employeeId: employee, date: '2027-02-03', shiftTypeId: w.night } })).toMatchObject({ shiftTypeId: w.night, version: 2 });
    expect(dayOf(await roster(acme, employee, '2027-02-03', '2027-02-03'), '2027-02-03')).toMatchObject({ kind: 'SHIFT', shift: { localStart: '22:00', endDate: '2027-02-04' } });
    expect(await ok(acme, Q.clearScheduleOverride, { employeeId: employee, date: '2027-02-03' })).toMatchObject({ shiftTypeId: w.night });
    expect(await refused(acme, Q.clearScheduleOverride, { employeeId: employee, date: '2027-02-03' })).toMatchObject({ errorType: 'NOT_FOUND' });
    const retired = await shiftType(acme, { start: '07:00', end: '15:00' });
    await ok(acme, Q.archiveShiftType, { id: retired.id, expectedVersion: 1 });
    expect(await refused(acme, Q.setScheduleOverride, { input: { employeeId: employee, date: '2027-02-04', shiftTypeId: retired.id } })).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'shiftTypeId' }] } });
    expect(await refused(acme, Q.setScheduleOverride, { input: { employeeId: 'nobody', date: '2027-02-04' } })).toMatchObject({ errorType: 'NOT_FOUND' });
  });
});

describe('holiday calendars', () => {
  it('a location follows its address\'s country until the tenant chooses; unknown countries and states are refused', async () => {
    expect(await ok(acme, Q.locationCalendar, { locationId: w.newYork })).toMatchObject({ country: 'US', state: null, isDefault: true, version: 0 });
    expect(await ok(acme, Q.setLocationCalendar, { input: { locationId: w.newYork, country: 'US', state: 'NY' } })).toMatchObject({ country: 'US', state: 'NY', isDefault: false, version: 1 });
    expect(await ok(acme, Q.locationCalendar, { locationId: w.newYork })).toMatchObject({ state: 'NY', isDefault: false });
    const unknown = await refused(acme, Q.setLocationCalendar, { input: { locationId: w.newYork, country: 'XX' } });
    expect(unknown).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'country' }] } });
    const state = await refused(acme, Q.setLocationCalendar, { input: { locationId: w.newYork, country: 'DE', state: 'ZZ' } });
    expect(state).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'state', message: expect.stringContaining('BE') }] } });
    expect(await refused(acme, Q.setLocationCalendar, { input: { locationId: 'nowhere', country: 'US' } })).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(await refused(acme, Q.holidays, { calendar: { country: 'XX' }, year: 2027 })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
  });

  it('list a year\'s days off: New York\'s state days and observed days, Berlin\'s half days, never observances', async () => {
    const newYork = await ok<{ date: string; name: string; halfDay: boolean; source: string }[]>(acme, Q.holidays, { locationId: w.newYork, year: 2027 });
    expect(newYork.map((d) => d.name)).toEqual(expect.arrayContaining(["Lincoln's Birthday", 'Independence Day (substitute day)']));
    const berlin = await ok<{ date: string; name: string; halfDay: boolean; fromTime: string | null }[]>(acme, Q.holidays, { calendar: { country: 'DE', state: 'BE' }, year: 2027 });
    expect(berlin.find((d) => d.date === '2027-12-24')).toMatchObject({ halfDay: true, fromTime: '14:00' });
    expect(berlin.map((d) => d.name)).not.toContain('Valentinstag');
    expect(await refused(acme, Q.holidays, { year: 2027 })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
  });

  it('take the tenant\'s changes: a company day added, a day renamed or removed, each checked against the calendar, and undone', async () => {
    const added = await ok(acme, Q.editHoliday, { input: { scope: { locationId: w.berlin }, date: '2027-06-25', action: 'ADD', name: 'Summer party', halfDay: true } });
    expect(added).toMatchObject({ scope: `LOC:${w.berlin}`, locationId: w.berlin, country: null, action: 'ADD', halfDay: true, version: 1 });
    const renamed = await ok(acme, Q.editHoliday, { input: { scope: { country: 'DE', state: 'BE' }, date: '2027-03-08', action: 'RENAME', name: "Women's Day" } });
    expect(renamed).toMatchObject({ scope: 'DE-BE', country: 'DE', state: 'BE', locationId: null });
    await ok(acme, Q.editHoliday, { input: { scope: { country: 'DE' }, date: '2027-10-03', action: 'REMOVE' } });
    const berlin = await ok<{ date: string; name: string; source: string; halfDay: boolean }[]>(acme, Q.holidays, { locationId: w.berlin, year: 2027 });
    expect(berlin.find((d) => d.date === '2027-06-25')).toMatchObject({ name: 'Summer party', source: 'COMPANY', halfDay: true });
    expect(berlin.find((d) => d.date === '2027-03-08')).toMatchObject({ name: "Women's Day", source: 'PUBLIC' });
    expect(berlin.map((d) => d.date)).not.toContain('2027-10-03');
    // New York follows none of these.
    expect((await ok<{ date: string }[]>(acme, Q.holidays, { locationId: w.newYork, year: 2027 })).map((d) => d.date)).not.toContain('2027-06-25');

    const notAHoliday = await refused(acme, Q.editHoliday, { input: { scope: { country: 'DE', state: 'BE' }, date: '2027-03-09', action: 'RENAME', name: 'Nothing' } });
    expect(notAHoliday).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'date', message: expect.stringContaining('not a day off') }] } });
    expect(await refused(acme, Q.editHoliday, { input: { scope: { locationId: w.berlin }, date: '2027-12-25', action: 'ADD', name: 'Again' } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect(fieldsOf(await refused(acme, Q.editHoliday, { input: { scope: { country: 'DE', state: 'ZZ' }, date: '2027-12-25', action: 'REMOVE' } }))).toEqual(['scope.state']);
    expect(fieldsOf(await refused(acme, Q.editHoliday, { input: { scope: { country: 'DE', locationId: w.berlin }, date: '2027-12-25', action: 'REMOVE' } }))).toEqual(['scope']);
    expect(fieldsOf(await refused(acme, Q.editHoliday, { input: { scope: { country: 'DE' }, date: '2027-12-25', action: 'RENAME' } }))).toEqual(['name']);

    const edits = await ok<{ items: { scope: string; date: string }[] }>(acme, Q.holidayEdits, { limit: 100 });
    expect(edits.items.map((e) => `${e.scope}@${e.date}`)).toEqual(expect.arrayContaining(['DE@2027-10-03', 'DE-BE@2027-03-08', `LOC:${w.berlin}@2027-06-25`]));
    expect(await ok(acme, Q.undoHolidayEdit, { scope: 'DE', date: '2027-10-03' })).toMatchObject({ action: 'REMOVE' });
    expect((await ok<{ date: string }[]>(acme, Q.holidays, { locationId: w.berlin, year: 2027 })).map((d) => d.date)).toContain('2027-10-03');
    expect(await refused(acme, Q.undoHolidayEdit, { scope: 'DE', date: '2027-10-03' })).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(fieldsOf(await refused(acme, Q.undoHolidayEdit, { scope: 'not a scope', date: '2027-10-03' }))).toEqual(['scope']);
  });
});

describe('rosters', () => {
  it('in Berlin across the spring-forward and fall-back nights: a 7- and a 9-hour night shift on 23- and 25-hour days', async () => {
    const employee = await hire(acme, { locationId: w.berlin, workScheduleId: w.nights });
    const spring = await roster(acme, employee, '2027-03-27', '2027-03-28');
    expect(dayOf(spring, '2027-03-27')).toMatchObject({
      kind: 'SHIFT', source: 'CONTRACT', timeZone: 'Europe/Berlin', dayMinutes: 1440,
      shift: { startAt: '2027-03-27T21:00:00.000Z', endAt: '2027-03-28T04:00:00.000Z', localStart: '22:00', localEnd: '06:00', endDate: '2027-03-28', spanMinutes: 420 },
    });
    expect(dayOf(spring, '2027-03-28')).toMatchObject({ dayMinutes: 1380 });
    const autumn = await roster(acme, employee, '2027-10-30', '2027-10-31');
    expect(dayOf(autumn, '2027-10-30')!.shift).toMatchObject({ spanMinutes: 540, localEnd: '06:00' });
    expect(dayOf(autumn, '2027-10-31')).toMatchObject({ dayMinutes: 1500 });
    // A start inside the spring-forward gap (02:30 does not exist that night) moves forward by the gap.
    const gap = await shiftType(acme, { start: '02:30', end: '10:30' });
    await ok(acme, Q.setScheduleOverride, { input: { employeeId: employee, date: '2027-03-28', shiftTypeId: gap.id } });
    expect(dayOf(await roster(acme, employee, '2027-03-28', '2027-03-28'), '2027-03-28')!.shift).toMatchObject({ localStart: '03:30', localEnd: '10:30', spanMinutes: 420 });
  });

  it('in New York across its own spring-forward night (a week earlier than Berlin\'s), with its holidays', async () => {
    const employee = await hire(acme, { locationId: w.newYork, workScheduleId: w.nights });
    const march = await roster(acme, employee, '2027-03-13', '2027-03-14');
    expect(dayOf(march, '2027-03-13')).toMatchObject({ timeZone: 'America/New_York', shift: { startAt: '2027-03-14T03:00:00.000Z', endAt: '2027-03-14T10:00:00.000Z', spanMinutes: 420 } });
    expect(dayOf(march, '2027-03-14')).toMatchObject({ dayMinutes: 1380 });
    const office = await hire(acme, { locationId: w.newYork, workScheduleId: w.office });
    const july = await roster(acme, office, '2027-07-04', '2027-07-06');
    expect(dayOf(july, '2027-07-05')).toMatchObject({ kind: 'HOLIDAY', holiday: { name: 'Independence Day (substitute day)' }, shift: { localStart: '09:00' } });
    expect(dayOf(july, '2027-07-06')).toMatchObject({ kind: 'SHIFT', shift: { startAt: '2027-07-06T13:00:00.000Z', localStart: '09:00', spanMinutes: 480 }, overtime: { afterShift: { multiplier: '1.25' } } });
    expect(dayOf(july, '2027-07-04')).toMatchObject({ kind: 'REST_DAY', shift: null });
  });

  it('cover at most 62 days; a day without a contract in force is left out', async () => {
    const employee = await hire(acme, { locationId: w.berlin, workScheduleId: w.office }, { startDate: '2027-02-01' });
    expect(fieldsOf(await refused(acme, Q.roster, { employeeId: employee, from: '2027-01-01', to: '2027-03-04' }))).toEqual(['to']);
    expect(fieldsOf(await refused(acme, Q.roster, { employeeId: employee, from: '2027-02-02', to: '2027-02-01' }))).toEqual(['to']);
    const days = await roster(acme, employee, '2027-01-30', '2027-02-02');
    expect(days.map((d) => d.date)).toEqual(['2027-02-01', '2027-02-02']);
    expect(await refused(acme, Q.roster, { employeeId: 'nobody', from: '2027-02-01', to: '2027-02-02' })).toMatchObject({ errorType: 'NOT_FOUND' });
  });

  it('are read by the employee, their managers up the line and HR, not by colleagues; a department\'s pages hold its current people', async () => {
    const department = (await ok<{ id: string }>(acme, Q.createDepartment, { input: { name: `Rostered ${(serial += 1)}` } })).id;
    const placed = { departmentId: department, locationId: w.berlin, workScheduleId: w.office };
    const boss = await hire(acme, placed);
    const report = await hire(acme, { ...placed, managerId: boss });
    const below = await hire(acme, { managerId: report, locationId: w.berlin, workScheduleId: w.office });
    const colleague = await hire(acme, placed);
    await hire(acme, placed, { startDate: '2099-01-02' });
    await hire(acme, placed, { startDate: '2020-01-01', endDate: '2021-12-31' });
    const as = (employeeId: string) => signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId });
    const asBoss = await as(boss);
    const asReport = await as(report);
    const asStranger = await as(await hire(acme));
    const week = { from: '2027-02-01', to: '2027-02-07' };
    expect(await roster(asReport, report, week.from, week.to)).toHaveLength(7);
    expect(await roster(asBoss, below, week.from, week.to)).toHaveLength(7);
    expect(await refused(asReport, Q.roster, { employeeId: boss, ...week })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect(await refused(asStranger, Q.roster, { employeeId: colleague, ...week })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect(await refused(asStranger, Q.scheduleAssignments, { employeeId: colleague })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });

    type Page = { items: { employeeId: string; days: { date: string; kind: string }[] }[]; nextToken: string | null };
    const everyone: string[] = [];
    let nextToken: string | null = null;
    do {
      const page: Page = await ok<Page>(acme, Q.departmentRoster, { departmentId: department, ...week, limit: 2, nextToken });
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) expect(item.days.map((d) => d.kind)).toEqual(['SHIFT', 'SHIFT', 'SHIFT', 'SHIFT', 'SHIFT', 'REST_DAY', 'REST_DAY']);
      everyone.push(...page.items.map((i) => i.employeeId));
      nextToken = page.nextToken;
    } while (nextToken);
    // Pending and former employees are not in the department's roster; by name within status.
    expect(everyone).toEqual([boss, report, colleague]);
    const bossView = await ok<Page>(asBoss, Q.departmentRoster, { departmentId: department, ...week });
    expect(bossView.items.map((i) => i.employeeId)).toEqual([boss, report]);
    expect(fieldsOf(await refused(acme, Q.departmentRoster, { departmentId: department, ...week, limit: 51 }))).toEqual(['limit']);
    expect(await refused(acme, Q.departmentRoster, { departmentId: 'nowhere', ...week })).toMatchObject({ errorType: 'NOT_FOUND' });
  });
});

describe('tenant isolation', () => {
  it('another tenant\'s admin reaches nothing of acme\'s by its ids: not found, or not usable', async () => {
    const employee = await hire(acme, { locationId: w.berlin, workScheduleId: w.office, departmentId: (await ok<{ id: string }>(acme, Q.createDepartment, { input: { name: `Isolated ${(serial += 1)}` } })).id });
    const department = (await ok<{ items: { id: string }[] }>(acme, `query { departments(limit: 100) { items { id } } }`)).items.map((d) => d.id);
    await ok(acme, Q.assignSchedule, { input: { employeeId: employee, patternId: w.nights, from: '2027-05-01', to: '2027-05-31' } });
    await ok(acme, Q.setScheduleOverride, { input: { employeeId: employee, date: '2027-05-03' } });
    await ok(acme, Q.editHoliday, { input: { scope: { locationId: w.berlin }, date: '2027-08-20', action: 'ADD', name: 'Acme only' } });
    const globexEmployee = await hire(globex, {}, {}, 'globex.test');
    const notFound = async (query: string, variables: Record<string, unknown>) => expect(await refused(globex, query, variables), query.slice(0, 50)).toMatchObject({ errorType: 'NOT_FOUND' });
    const invalid = async (query: string, variables: Record<string, unknown>) => expect(await refused(globex, query, variables), query.slice(0, 50)).toMatchObject({ errorType: 'VALIDATION_ERROR' });

    await notFound(Q.updateShiftType, { input: { id: w.day, expectedVersion: 1, name: 'Taken' } });
    await notFound(Q.archiveShiftType, { id: w.day, expectedVersion: 1 });
    await notFound(Q.restoreShiftType, { id: w.day, expectedVersion: 1 });
    await notFound(Q.updateWorkPattern, { input: { id: w.office, expectedVersion: 1, name: 'Taken' } });
    await notFound(Q.archiveWorkPattern, { id: w.office, expectedVersion: 1 });
    await notFound(Q.restoreWorkPattern, { id: w.office, expectedVersion: 1 });
    await invalid(Q.createWorkPattern, { input: { name: 'Borrowed', cycleDays: 1, anchorDate: '2027-01-04', days: [w.day] } });
    await notFound(Q.assignSchedule, { input: { employeeId: employee, patternId: w.office, from: '2028-01-01' } });
    await invalid(Q.assignSchedule, { input: { employeeId: globexEmployee, patternId: w.office, from: '2028-01-01' } });
    await notFound(Q.endScheduleAssignment, { input: { employeeId: employee, from: '2027-05-01', expectedVersion: 1, to: '2027-05-02' } });
    await notFound(Q.removeScheduleAssignment, { employeeId: employee, from: '2027-05-01', expectedVersion: 1 });
    await notFound(Q.scheduleAssignments, { employeeId: employee });
    await notFound(Q.setScheduleOverride, { input: { employeeId: employee, date: '2027-05-04' } });
    await invalid(Q.setScheduleOverride, { input: { employeeId: globexEmployee, date: '2027-05-04', shiftTypeId: w.day } });
    await notFound(Q.clearScheduleOverride, { employeeId: employee, date: '2027-05-03' });
    await notFound(Q.roster, { employeeId: employee, from: '2027-05-01', to: '2027-05-07' });
    for (const id of department) await notFound(Q.departmentRoster, { departmentId: id, from: '2027-05-01', to: '2027-05-07' });
    await notFound(Q.locationCalendar, { locationId: w.berlin });
    await notFound(Q.setLocationCalendar, { input: { locationId: w.berlin, country: 'US' } });
    await notFound(Q.holidays, { locationId: w.berlin, year: 2027 });
    await notFound(Q.editHoliday, { input: { scope: { locationId: w.berlin }, date: '2027-08-21', action: 'ADD', name: 'Theirs' } });
    await notFound(Q.undoHolidayEdit, { scope: `LOC:${w.berlin}`, date: '2027-08-20' });
    // Listings show the tenant's own only; acme's things are all still there, unchanged.
    expect((await ok<{ items: { id: string }[] }>(globex, Q.shiftTypes, { limit: 100 })).items.map((t) => t.id)).not.toContain(w.day);
    expect((await ok<{ items: { id: string }[] }>(globex, Q.workPatterns, { limit: 100 })).items.map((p) => p.id)).not.toContain(w.office);
    expect((await ok<{ items: { date: string }[] }>(globex, Q.holidayEdits, { limit: 100 })).items.map((e) => e.date)).not.toContain('2027-08-20');
    expect(await ok<Assignment[]>(acme, Q.scheduleAssignments, { employeeId: employee })).toMatchObject([{ from: '2027-05-01', to: '2027-05-31', version: 1 }]);
    expect(dayOf(await roster(acme, employee, '2027-05-03', '2027-05-03'), '2027-05-03')).toMatchObject({ source: 'OVERRIDE' });
    expect((await ok<{ items: ShiftType[] }>(acme, Q.shiftTypes, { limit: 100 })).items.find((t) => t.id === w.day)).toMatchObject({ version: 1, archived: false });
  });

  it('a tenant session (what the schedules Lambda and the runners use) cannot plan from another tenant\'s partition', async () => {
    const { dynamodb } = await sessions.forTenant('globex');
    const plans = createPlanSource({ dynamodb, tableName: (id: TableId) => tableName(id, stack.stage), tenantZone: async () => 'UTC' });
    await expect(plans.plannedDays('acme', ['anyone'], '2027-01-04', '2027-01-04')).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const own = await sessions.forTenant('acme');
    const acmePlans = createPlanSource({ dynamodb: own.dynamodb, tableName: (id: TableId) => tableName(id, stack.stage), tenantZone: async () => 'America/New_York' });
    const employee = await hire(acme, { locationId: w.newYork, workScheduleId: w.office });
    expect(await acmePlans.plannedDays('acme', [employee], '2027-01-04', '2027-01-04')).toMatchObject([{ kind: 'SHIFT', date: '2027-01-04' }]);
  });
});

