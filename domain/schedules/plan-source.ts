/**
 * The PlanSource Lambdas and runners use: loads one tenant's schedule book from WorkSchedule,
 * Employment and PIM with a bounded number of Queries (a handful for the tenant's configuration,
 * then per employee for a few employees or the whole prefix for many), all within the tenant's
 * partition, and plans each employee and date from it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tenantItems } from '../dynamo-query.ts';
import type { ContractRow } from '../employment/model/contracts.ts';
import { EMPLOYMENT_PREFIXES, employeeContractsPrefix } from '../employment/model/keys.ts';
import { DomainError } from '../domain-error.ts';
import { addDays, daysBetween, isCalendarDate } from '../model/dates.ts';
import type { TableId } from '../model/tables.ts';
import type { LocationRow } from '../organisation/model/location.ts';
import { ORGANISATION_PREFIXES } from '../organisation/model/keys.ts';
import { SCHEDULE_PREFIXES, employeeAssignmentsPrefix, overrideDatePrefix } from './model/keys.ts';
import type { PlannedDay, PlanSource } from './model/planned-day.ts';
import type { AssignmentRow, HolidayEditRow, LocationCalendarRow, OverrideRow, PatternRow, ShiftTypeRow } from './model/rows.ts';
import { planDay, type PlanLocation, type ScheduleBook } from './plan.ts';

/** Up to this many employees are read one by one; more, and the tenant's whole prefix is read once. */
export const PER_EMPLOYEE_READS_UP_TO = 20;
/** Longest range one call plans. */
export const MAX_PLAN_DAYS = 366;

export interface PlanSourceDeps {
  dynamodb: DynamoDBClient;
  tableName: (table: TableId) => string;
  /** The tenant's own zone (settings), for employees without a location. */
  tenantZone: (tenantId: string) => Promise<string>;
}

function byEmployee<T extends { employeeId: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.employeeId);
    if (list) list.push(row);
    else grouped.set(row.employeeId, [row]);
  }
  return grouped;
}

/** Every employee of the tenant: what a whole-tenant run (the attendance generator) loads. */
export const EVERYONE = 'everyone';

/** Reads `perEmployee(id)` for each of a few employees, or `all` once, keeping only the employees asked for. */
async function rowsOf<T extends { employeeId: string }>(employeeIds: readonly string[] | typeof EVERYONE, perEmployee: (id: string) => Promise<T[]>, all: () => Promise<T[]>): Promise<T[]> {
  if (employeeIds === EVERYONE) return all();
  if (employeeIds.length <= PER_EMPLOYEE_READS_UP_TO) return (await Promise.all([...new Set(employeeIds)].map(perEmployee))).flat();
  const wanted = new Set(employeeIds);
  return (await all()).filter((row) => wanted.has(row.employeeId));
}

/** Loads the schedule book of a tenant for `employeeIds` (or {@link EVERYONE}) over `from`..`to`. */
export async function loadScheduleBook(deps: PlanSourceDeps, tenantId: string, employeeIds: readonly string[] | typeof EVERYONE, from: string, to: string): Promise<ScheduleBook> {
  const { dynamodb } = deps;
  const schedules = deps.tableName('WorkSchedule');
  const employment = deps.tableName('Employment');
  const pim = deps.tableName('PIM');
  const items = <T>(table: string, range: string | { from: string; to: string }) => tenantItems<T>(dynamodb, table, tenantId, range);
  const [tenantZone, shiftTypes, patterns, calendars, holidayEdits, locations, overrides, assignments, contracts] = await Promise.all([
    deps.tenantZone(tenantId),
    items<ShiftTypeRow>(schedules, SCHEDULE_PREFIXES.shiftType),
    items<PatternRow>(schedules, SCHEDULE_PREFIXES.pattern),
    items<LocationCalendarRow>(schedules, SCHEDULE_PREFIXES.locationCalendar),
    items<HolidayEditRow>(schedules, SCHEDULE_PREFIXES.holidayEdit),
    items<LocationRow>(pim, ORGANISATION_PREFIXES.location),
    // Every one-off change in the range: `OVERRIDE#<from>#` up to (not including) the day after `to`.
    items<OverrideRow>(schedules, { from: overrideDatePrefix(from), to: overrideDatePrefix(addDays(to, 1)) }),
    rowsOf(employeeIds, (id) => items<AssignmentRow>(schedules, employeeAssignmentsPrefix(id)), () => items<AssignmentRow>(schedules, SCHEDULE_PREFIXES.assignment)),
    rowsOf(employeeIds, (id) => items<ContractRow>(employment, employeeContractsPrefix(id)), () => items<ContractRow>(employment, EMPLOYMENT_PREFIXES.contract)),
  ]);
  const calendarOf = new Map(calendars.map((c) => [c.locationId, c]));
  return {
    tenantZone,
    shiftTypes: new Map(shiftTypes.map((t) => [t.id, t])),
    patterns: new Map(patterns.map((p) => [p.id, p])),
    assignments: byEmployee(assignments),
    overrides: new Map(overrides.map((o) => [`${o.date}#${o.employeeId}`, o])),
    contracts: byEmployee(contracts),
    locations: new Map(locations.map((location): [string, PlanLocation] => {
      const chosen = calendarOf.get(location.id);
      const calendar = chosen
        ? { country: chosen.country, state: chosen.state, region: chosen.region }
        : location.address?.country ? { country: location.address.country, state: null, region: null } : null;
      return [location.id, { timeZone: location.timeZone, calendar }];
    })),
    holidayEdits,
  };
}

/** Plans for every employee and date of a loaded book. */
export function planAll(book: ScheduleBook, employeeIds: readonly string[], from: string, to: string): PlannedDay[] {
  const plans: PlannedDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const employeeId of employeeIds) {
      const plan = planDay(book, employeeId, date);
      if (plan) plans.push(plan);
    }
  }
  return plans;
}

/** The employees of a loaded book with a contract in force on some day of `from`..`to`. */
export function employeesUnderContract(book: ScheduleBook, from: string, to: string): string[] {
  const ids: string[] = [];
  for (const [employeeId, contracts] of book.contracts) {
    if (contracts.some((c) => c.startDate <= to && (c.endDate === null || c.endDate >= from))) ids.push(employeeId);
  }
  return ids.sort();
}

/** A PlanSource answering from a book already loaded (for the dates it was loaded for). */
export function bookPlanSource(book: ScheduleBook): PlanSource {
  return { plannedDays: async (_tenantId, employeeIds, from, to) => planAll(book, employeeIds, from, to) };
}

/** The PlanSource over the tenant's stored schedules. */
export function createPlanSource(deps: PlanSourceDeps): PlanSource {
  return {
    async plannedDays(tenantId, employeeIds, from, to) {
      if (!isCalendarDate(from) || !isCalendarDate(to) || to < from || daysBetween(from, to) >= MAX_PLAN_DAYS) {
        throw new DomainError('VALIDATION_ERROR', `A plan covers a range of 1 to ${MAX_PLAN_DAYS} calendar days.`, [{ field: 'to', message: `must be a date from ${from} up to ${MAX_PLAN_DAYS - 1} days later` }]);
      }
      if (employeeIds.length === 0) return [];
      const book = await loadScheduleBook(deps, tenantId, employeeIds, from, to);
      return planAll(book, employeeIds, from, to);
    },
  };
}
