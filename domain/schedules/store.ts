/**
 * Schedule writes that need more than one table or Node (the schedules Lambda): assignments, whose
 * overlap rule reads the employee's others and whose transaction checks the employee's record;
 * the calendar a location follows and the tenant's holiday changes, which the holiday data must
 * confirm. Every function takes the tenant's own clients (an STS session tagged with the tenant),
 * so IAM confines it to `TENANT#<id>` keys; everything is written in one transaction with
 * conditions on what was read, so nothing is ever half-written.
 */
import { GetItemCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { tenantItems } from '../dynamo-query.ts';
import type { Occasion } from '../employment/store.ts';
import type {
  AssignScheduleInput,
  EditHolidayInput,
  EndScheduleAssignmentInput,
  HolidayCalendarInput,
  SetLocationCalendarInput,
} from '../generated/graphql.ts';
import { MAX_YEAR, MIN_YEAR } from '../model/dates.ts';
import type { FieldProblem } from '../model/errors.ts';
import { isValidEntityId, tenantKey } from '../model/keys.ts';
import { locationItemKey } from '../organisation/model/keys.ts';
import type { LocationRow } from '../organisation/model/location.ts';
import { absent, check, equal, exists, itemKey, put, remove, update, type GuardedWrite } from '../organisation/model/writes.ts';
import { cancellationOutcome, toTransactWriteItems } from '../organisation/sdk-writes.ts';
import type { EmployeeRow } from '../people/model/employee.ts';
import { employeeItemKey } from '../people/model/keys.ts';
import { calendarProblems, holidayEditProblem, holidaysOf, type CalendarRef, type HolidayDay } from './holidays.ts';
import { assignmentInput, newAssignmentRow, overlapProblems } from './model/assignments.ts';
import { calendarShapeProblems, holidayEditInput, holidayScopeOf, isLocationScope, normaliseCalendar, scopeKey } from './model/calendars.ts';
import {
  assignmentVersionKey,
  employeeAssignmentsPrefix,
  holidayEditItemKey,
  locationCalendarItemKey,
  patternItemKey,
  SCHEDULE_PREFIXES,
} from './model/keys.ts';
import type { AssignmentRow, HolidayEditRow, LocationCalendarRow, PatternRow } from './model/rows.ts';

/** Where the schedules module reads and writes, with the tenant's own client. */
export interface ScheduleStore {
  dynamodb: DynamoDBClient;
  scheduleTable: string;
  pimTable: string;
}

/** The version item of an employee's assignments (0: they have none yet). */
interface AssignmentVersion {
  version: number;
}

function refused(problems: FieldProblem[]): DomainError {
  return new DomainError('VALIDATION_ERROR', `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
}

async function getItem<T>(store: ScheduleStore, table: string, tenantId: string, entityItem: string): Promise<T | null> {
  const found = await store.dynamodb.send(new GetItemCommand({ TableName: table, Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: entityItem } }, ConsistentRead: true }));
  return found.Item ? (unmarshall(found.Item) as T) : null;
}

/**
 * Sends writes to several tables as one transaction. A failed condition becomes the typed error
 * its write names; a transaction that met another one on the same items is a CONFLICT to retry.
 */
async function transact(store: ScheduleStore, groups: { table: string; writes: GuardedWrite[] }[]): Promise<void> {
  const writes = groups.flatMap((group) => group.writes);
  try {
    await store.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: groups.flatMap((group) => toTransactWriteItems(group.table, group.writes)) }));
  } catch (error) {
    const outcome = cancellationOutcome(error, writes);
    if (outcome) throw new DomainError(outcome.type, outcome.message, outcome.field ? [{ field: outcome.field, message: outcome.message }] : []);
    if ((error as { name?: string }).name === 'TransactionCanceledException') throw new DomainError('CONFLICT', 'Someone changed the same schedule at the same moment; read it again and retry.');
    throw error;
  }
}

/** The employee, who must exist and not be archived (problems on `field`). */
async function usableEmployee(store: ScheduleStore, tenantId: string, employeeId: string): Promise<EmployeeRow> {
  if (!isValidEntityId(employeeId)) throw refused([{ field: 'employeeId', message: 'must be an id of 1-64 letters, digits, "-" or "_"' }]);
  const employee = await getItem<EmployeeRow>(store, store.pimTable, tenantId, employeeItemKey(employeeId));
  if (!employee) throw new DomainError('NOT_FOUND', `No employee ${employeeId} in this tenant.`);
  if (employee.archived === true) throw refused([{ field: 'employeeId', message: 'is archived: restore the employee first' }]);
  return employee;
}

/** The employee's assignments and the version item that guards them, read consistently. */
async function assignmentsOf(store: ScheduleStore, tenantId: string, employeeId: string): Promise<{ rows: AssignmentRow[]; version: number }> {
  const [rows, guard] = await Promise.all([
    tenantItems<AssignmentRow>(store.dynamodb, store.scheduleTable, tenantId, employeeAssignmentsPrefix(employeeId), { consistent: true }),
    getItem<AssignmentVersion>(store, store.scheduleTable, tenantId, assignmentVersionKey(employeeId)),
  ]);
  return { rows, version: guard?.version ?? 0 };
}

/** The guard's next version, on condition that no one moved it since `version` was read. */
function bumpAssignmentVersion(tenantId: string, employeeId: string, version: number, now: string): GuardedWrite {
  return update(
    itemKey(tenantKey(tenantId), assignmentVersionKey(employeeId)),
    { set: { employeeId, version: version + 1, updatedAt: now } },
    [version === 0 ? absent() : equal('version', version)],
    { type: 'CONFLICT', message: `Employee ${employeeId}'s assignments changed meanwhile; read them again and retry.` },
  );
}

/** Has an employee follow a pattern from a date; refused when it overlaps another of their assignments. */
export async function assignSchedule(store: ScheduleStore, occasion: Occasion, input: AssignScheduleInput): Promise<AssignmentRow> {
  const { tenantId, now } = occasion;
  const dates = assignmentInput(input);
  if (!isValidEntityId(input.patternId)) dates.problems.push({ field: 'patternId', message: 'must be an id of 1-64 letters, digits, "-" or "_"' });
  if (dates.problems.length > 0) throw refused(dates.problems);
  const employee = await usableEmployee(store, tenantId, input.employeeId);
  const pattern = await getItem<PatternRow>(store, store.scheduleTable, tenantId, patternItemKey(input.patternId));
  if (!pattern) throw refused([{ field: 'patternId', message: `no work pattern ${input.patternId} in this tenant` }]);
  if (pattern.archived) throw refused([{ field: 'patternId', message: `work pattern ${input.patternId} is archived` }]);
  const { rows, version } = await assignmentsOf(store, tenantId, input.employeeId);
  const overlap = overlapProblems(dates, rows, 'from');
  if (overlap.length > 0) throw refused(overlap);

  const row = newAssignmentRow(tenantId, input.employeeId, input.patternId, { from: dates.from, to: dates.to, note: dates.note }, now);
  const { TenantId, EntityItem, ...attributes } = row;
  await transact(store, [
    {
      table: store.scheduleTable,
      writes: [
        put({ TenantId, EntityItem }, attributes, [absent()], { type: 'CONFLICT', message: `Employee ${input.employeeId} already has an assignment from ${dates.from}.` }),
        bumpAssignmentVersion(tenantId, input.employeeId, version, now),
        check(itemKey(TenantId, pattern.EntityItem), [exists(), equal('archived', false)], { type: 'VALIDATION_ERROR', message: `Work pattern ${input.patternId} was archived meanwhile.`, field: 'patternId' }),
      ],
    },
    {
      table: store.pimTable,
      writes: [check(itemKey(TenantId, employee.EntityItem), [equal('version', employee.version)], { type: 'CONFLICT', message: `Employee ${input.employeeId} changed meanwhile; retry.` })],
    },
  ]);
  return row;
}

/** The assignment starting on `from`, at the version the caller read. */
function assignmentAt(rows: AssignmentRow[], employeeId: string, from: string, expectedVersion: number): AssignmentRow {
  const row = rows.find((r) => r.from === from);
  if (!row) throw new DomainError('NOT_FOUND', `Employee ${employeeId} has no assignment from ${from}.`);
  if (row.version !== expectedVersion) throw new DomainError('CONFLICT', `The assignment from ${from} is at version ${row.version}, not ${expectedVersion}: read it again and retry.`);
  return row;
}

/** Sets an assignment's last day, sooner or later, as long as it runs into none of the employee's others. */
export async function endAssignment(store: ScheduleStore, occasion: Occasion, input: EndScheduleAssignmentInput): Promise<AssignmentRow> {
  const { tenantId, now } = occasion;
  if (!isValidEntityId(input.employeeId)) throw refused([{ field: 'employeeId', message: 'must be an id of 1-64 letters, digits, "-" or "_"' }]);
  const dates = assignmentInput({ from: input.from, to: input.to });
  if (dates.problems.length > 0) throw refused(dates.problems);
  const { rows, version } = await assignmentsOf(store, tenantId, input.employeeId);
  const current = assignmentAt(rows, input.employeeId, dates.from, input.expectedVersion);
  const overlap = overlapProblems(dates, rows, 'to', current.from);
  if (overlap.length > 0) throw refused(overlap);
  const ended: AssignmentRow = { ...current, to: dates.to, version: current.version + 1, updatedAt: now };
  await transact(store, [{
    table: store.scheduleTable,
    writes: [
      update(itemKey(current.TenantId, current.EntityItem), { set: { to: ended.to, version: ended.version, updatedAt: now } }, [equal('version', current.version)], {
        type: 'CONFLICT',
        message: `The assignment from ${current.from} changed meanwhile; read it again and retry.`,
      }),
      bumpAssignmentVersion(tenantId, input.employeeId, version, now),
    ],
  }]);
  return ended;
}

/** Removes an assignment that has not started in the tenant's today; one that has is ended instead. */
export async function removeAssignment(store: ScheduleStore, occasion: Occasion, input: { employeeId: string; from: string; expectedVersion: number }): Promise<AssignmentRow> {
  const { tenantId, now } = occasion;
  if (!isValidEntityId(input.employeeId)) throw refused([{ field: 'employeeId', message: 'must be an id of 1-64 letters, digits, "-" or "_"' }]);
  const dates = assignmentInput({ from: input.from });
  if (dates.problems.length > 0) throw refused(dates.problems);
  const { rows, version } = await assignmentsOf(store, tenantId, input.employeeId);
  const current = assignmentAt(rows, input.employeeId, dates.from, input.expectedVersion);
  if (current.from <= occasion.today) {
    throw new DomainError('CONFLICT', `The assignment from ${current.from} has started (today is ${occasion.today}): end it instead (endScheduleAssignment), the past stays as it was planned.`);
  }
  await transact(store, [{
    table: store.scheduleTable,
    writes: [
      remove(itemKey(current.TenantId, current.EntityItem), [equal('version', current.version)], { type: 'CONFLICT', message: `The assignment from ${current.from} changed meanwhile; read it again and retry.` }),
      bumpAssignmentVersion(tenantId, input.employeeId, version, now),
    ],
  }]);
  return current;
}

async function locationOrNotFound(store: ScheduleStore, tenantId: string, locationId: string, field: string): Promise<LocationRow> {
  if (!isValidEntityId(locationId)) throw refused([{ field, message: 'must be an id of 1-64 letters, digits, "-" or "_"' }]);
  const location = await getItem<LocationRow>(store, store.pimTable, tenantId, locationItemKey(locationId));
  if (!location) throw new DomainError('NOT_FOUND', `No location ${locationId} in this tenant.`);
  return location;
}

/** The calendar a location follows: the tenant's choice, else its address's country. */
async function calendarOf(store: ScheduleStore, tenantId: string, location: LocationRow): Promise<CalendarRef> {
  const chosen = await getItem<LocationCalendarRow>(store, store.scheduleTable, tenantId, locationCalendarItemKey(location.id));
  return chosen ? { country: chosen.country, state: chosen.state, region: chosen.region } : { country: location.address.country, state: null, region: null };
}

/** The version fields of an item that replaces `current` (the item read, or none yet). */
function nextVersion(current: { version: number; createdAt: string } | null, now: string): { version: number; createdAt: string; updatedAt: string } {
  return { version: (current?.version ?? 0) + 1, createdAt: current?.createdAt ?? now, updatedAt: now };
}

/**
 * Puts `row` over `current` on condition that it is still the item read (CONFLICT `conflict`
 * otherwise), with the location it is about, if any, checked to still exist in the same transaction.
 */
async function replaceItem(store: ScheduleStore, row: LocationCalendarRow | HolidayEditRow, current: { version: number } | null, conflict: string, location: LocationRow | null): Promise<void> {
  const { TenantId, EntityItem, ...attributes } = row;
  await transact(store, [
    { table: store.scheduleTable, writes: [put({ TenantId, EntityItem }, attributes, [current ? equal('version', current.version) : absent()], { type: 'CONFLICT', message: conflict })] },
    ...(location ? [{ table: store.pimTable, writes: [check(itemKey(TenantId, location.EntityItem), [exists()], { type: 'NOT_FOUND' as const, message: `Location ${location.id} was deleted meanwhile.` })] }] : []),
  ]);
}

/** Sets the public-holiday calendar a location follows, once the holiday data knows it. */
export async function setLocationCalendar(store: ScheduleStore, occasion: Occasion, input: SetLocationCalendarInput): Promise<LocationCalendarRow> {
  const { tenantId, now } = occasion;
  const ref = normaliseCalendar(input);
  const shape = calendarShapeProblems(ref);
  const problems = shape.length > 0 ? shape : calendarProblems(ref);
  if (problems.length > 0) throw refused(problems);
  const location = await locationOrNotFound(store, tenantId, input.locationId, 'locationId');
  const current = await getItem<LocationCalendarRow>(store, store.scheduleTable, tenantId, locationCalendarItemKey(location.id));
  const row: LocationCalendarRow = {
    TenantId: tenantKey(tenantId),
    EntityItem: locationCalendarItemKey(location.id),
    locationId: location.id,
    ...ref,
    ...nextVersion(current, now),
  };
  await replaceItem(store, row, current, `The calendar of location ${location.id} changed meanwhile; retry.`, location);
  return row;
}

/**
 * Records a change to a holiday calendar: a company day added, a day off renamed or removed, for
 * a country, a state, a region or one location. The holiday data and the tenant's other changes
 * decide whether the day is off; the change replaces an earlier one of the same scope and date.
 */
export async function editHoliday(store: ScheduleStore, occasion: Occasion, input: EditHolidayInput): Promise<HolidayEditRow> {
  const { tenantId, now } = occasion;
  const { scope, problems } = holidayScopeOf(input.scope ?? {});
  const edit = holidayEditInput(input);
  if (problems.length + edit.problems.length > 0) throw refused([...problems, ...edit.problems]);
  const location = scope && isLocationScope(scope) ? await locationOrNotFound(store, tenantId, scope.locationId, 'scope.locationId') : null;
  const ref = location ? await calendarOf(store, tenantId, location) : (scope as CalendarRef);
  if (!location) {
    const unknown = calendarProblems(ref, 'scope.');
    if (unknown.length > 0) throw refused(unknown);
  }
  const key = scopeKey(scope!);
  const edits = await tenantItems<HolidayEditRow>(store.dynamodb, store.scheduleTable, tenantId, SCHEDULE_PREFIXES.holidayEdit, { consistent: true });
  const problem = holidayEditProblem(ref, location?.id ?? null, key, edit.date, input.action, edits);
  if (problem) throw refused([problem]);
  const current = edits.find((e) => e.scope === key && e.date === edit.date) ?? null;
  const row: HolidayEditRow = {
    TenantId: tenantKey(tenantId),
    EntityItem: holidayEditItemKey(key, edit.date),
    scope: key,
    date: edit.date,
    action: input.action,
    name: edit.name,
    halfDay: edit.halfDay,
    ...nextVersion(current, now),
  };
  await replaceItem(store, row, current, `The change of ${key} on ${edit.date} changed meanwhile; retry.`, location);
  return row;
}

/** The days off of a year: a location's (its calendar and every change that reaches it) or a calendar's. */
export async function holidaysFor(
  store: ScheduleStore,
  tenantId: string,
  query: { locationId: string | null; calendar: HolidayCalendarInput | null; year: number },
): Promise<HolidayDay[]> {
  if (!Number.isInteger(query.year) || query.year < MIN_YEAR || query.year > MAX_YEAR) throw refused([{ field: 'year', message: `must be from ${MIN_YEAR} to ${MAX_YEAR}` }]);
  let ref: CalendarRef;
  let locationId: string | null = null;
  if (query.locationId !== null) {
    const location = await locationOrNotFound(store, tenantId, query.locationId, 'locationId');
    ref = await calendarOf(store, tenantId, location);
    locationId = location.id;
  } else if (query.calendar) {
    ref = normaliseCalendar(query.calendar);
    const shape = calendarShapeProblems(ref, 'calendar.');
    const problems = shape.length > 0 ? shape : calendarProblems(ref, 'calendar.');
    if (problems.length > 0) throw refused(problems);
  } else {
    throw refused([{ field: 'locationId', message: 'give either a location (locationId) or a calendar' }]);
  }
  const edits = await tenantItems<HolidayEditRow>(store.dynamodb, store.scheduleTable, tenantId, SCHEDULE_PREFIXES.holidayEdit);
  return holidaysOf(ref, locationId, query.year, edits);
}
