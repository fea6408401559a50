/**
 * Lambda resolver of the schedules: what needs Node (planning rosters in time zones, the holiday
 * data of date-holidays) or a transaction across tables (assignments checked against the
 * employee's record, location calendars and holiday changes against the location). It works with
 * the tenant's STS session, so IAM confines it to `TENANT#<id>` keys even if the event named the
 * wrong tenant; "today" and the zone of employees without a location are the tenant's, from its
 * registry record. Everything else of the module is APPSYNC_JS.
 * Environment: TENANT_ROLE_ARN, WORK_SCHEDULE_TABLE, PIM_TABLE, EMPLOYMENT_TABLE, TENANT_REGISTRY_TABLE.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../../domain/domain-error.ts';
import type { Occasion } from '../../../domain/employment/store.ts';
import { requiredEnv } from '../../../domain/env.ts';
import type { AssignScheduleInput, EditHolidayInput, EndScheduleAssignmentInput, HolidayCalendarInput, SetLocationCalendarInput } from '../../../domain/generated/graphql.ts';
import { createLogger } from '../../../domain/logger.ts';
import { isCalendarDate } from '../../../domain/model/dates.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import { isValidEntityId, isValidTenantId } from '../../../domain/model/keys.ts';
import { tableEnvName, type TableId } from '../../../domain/model/tables.ts';
import { assignmentView } from '../../../domain/schedules/model/assignments.ts';
import { holidayEditView, locationCalendarView } from '../../../domain/schedules/model/calendars.ts';
import { MAX_ROSTER_DAYS } from '../../../domain/schedules/model/roster.ts';
import { createPlanSource } from '../../../domain/schedules/plan-source.ts';
import { plannedDayView } from '../../../domain/schedules/roster.ts';
import { assignSchedule, editHoliday, endAssignment, holidaysFor, removeAssignment, setLocationCalendar, type ScheduleStore } from '../../../domain/schedules/store.ts';
import { tenantProfileReader } from '../../../domain/tenancy/settings.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import { daysBetween } from '../../../domain/model/dates.ts';
import { localDate } from '../../../domain/time.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

/** What the schedules pipeline functions send. */
export type SchedulesEvent = { tenantId: string; requestedBy: string } & (
  | { operation: 'plan'; employeeIds: string[]; from: string; to: string }
  | { operation: 'holidays'; locationId: string | null; calendar: HolidayCalendarInput | null; year: number }
  | { operation: 'assignSchedule'; input: AssignScheduleInput }
  | { operation: 'endScheduleAssignment'; input: EndScheduleAssignmentInput }
  | { operation: 'removeScheduleAssignment'; employeeId: string; from: string; expectedVersion: number }
  | { operation: 'setLocationCalendar'; input: SetLocationCalendarInput }
  | { operation: 'editHoliday'; input: EditHolidayInput }
);

/** The most employees one plan covers: a department roster's page. */
const MAX_PLANNED_EMPLOYEES = 50;

const log = createLogger({ service: 'schedules' });
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') });
const profileOf = tenantProfileReader(new DynamoDBClient({}), requiredEnv(tableEnvName('TenantRegistry')));
const tables: Partial<Record<TableId, string>> = {
  WorkSchedule: requiredEnv(tableEnvName('WorkSchedule')),
  PIM: requiredEnv(tableEnvName('PIM')),
  Employment: requiredEnv(tableEnvName('Employment')),
};
const tableName = (id: TableId): string => {
  const name = tables[id];
  if (!name) throw new Error(`The schedules Lambda does not read the ${id} table.`);
  return name;
};

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The event comes from our own resolvers, but it is input all the same: check its shape first. */
function problemWith(event: Partial<SchedulesEvent> | null | undefined): string | null {
  if (!isObject(event)) return 'the event is not an object';
  if (!isValidTenantId(event.tenantId)) return 'tenantId is missing or malformed';
  if (typeof event.requestedBy !== 'string' || event.requestedBy === '') return 'requestedBy is missing';
  const e = event as Record<string, unknown>;
  switch (event.operation) {
    case 'plan': {
      const ids = e.employeeIds;
      if (!Array.isArray(ids) || ids.length > MAX_PLANNED_EMPLOYEES || !ids.every(isValidEntityId)) return `employeeIds must be up to ${MAX_PLANNED_EMPLOYEES} employee ids`;
      const { from, to } = e;
      if (!isCalendarDate(from) || !isCalendarDate(to) || to < from || daysBetween(from, to) >= MAX_ROSTER_DAYS) return `from and to must be dates at most ${MAX_ROSTER_DAYS} days apart`;
      return null;
    }
    case 'holidays':
      return Number.isInteger(e.year) && (e.locationId === null || isValidEntityId(e.locationId)) && (e.calendar === null || isObject(e.calendar)) ? null : 'locationId, calendar or year is malformed';
    case 'assignSchedule':
    case 'endScheduleAssignment':
    case 'setLocationCalendar':
    case 'editHoliday':
      return isObject(e.input) ? null : 'input is malformed';
    case 'removeScheduleAssignment':
      return typeof e.employeeId === 'string' && typeof e.from === 'string' && Number.isInteger(e.expectedVersion) ? null : 'employeeId, from or expectedVersion is malformed';
    default:
      return `unknown operation ${String(event.operation)}`;
  }
}

async function perform(event: SchedulesEvent, store: ScheduleStore, occasion: Occasion, tenantZone: string): Promise<unknown> {
  switch (event.operation) {
    case 'plan': {
      const source = createPlanSource({ dynamodb: store.dynamodb, tableName, tenantZone: async () => tenantZone });
      return (await source.plannedDays(event.tenantId, event.employeeIds, event.from, event.to)).map(plannedDayView);
    }
    case 'holidays':
      return holidaysFor(store, event.tenantId, event);
    case 'assignSchedule':
      return assignmentView(await assignSchedule(store, occasion, event.input));
    case 'endScheduleAssignment':
      return assignmentView(await endAssignment(store, occasion, event.input));
    case 'removeScheduleAssignment':
      return assignmentView(await removeAssignment(store, occasion, event));
    case 'setLocationCalendar': {
      const row = await setLocationCalendar(store, occasion, event.input);
      return locationCalendarView(row.locationId, row, row.country);
    }
    case 'editHoliday':
      return holidayEditView(await editHoliday(store, occasion, event.input));
  }
}

export async function handler(event: SchedulesEvent): Promise<LambdaAnswer<unknown>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid schedules request: ${problem}.`);
  }
  const context = { tenantId: event.tenantId, userId: event.requestedBy, operation: event.operation };
  try {
    const { timeZone } = (await profileOf(event.tenantId)).settings;
    const { dynamodb } = await tenants.forTenant(event.tenantId);
    const now = new Date();
    const occasion: Occasion = { tenantId: event.tenantId, today: localDate(now, timeZone), now: now.toISOString(), requestedBy: event.requestedBy };
    const result = await perform(event, { dynamodb, scheduleTable: tableName('WorkSchedule'), pimTable: tableName('PIM') }, occasion, timeZone);
    log.info(`schedules ${event.operation}`, context);
    return { result };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    log.info(`schedules ${event.operation} refused`, { ...context, errorType: error.errorType });
    return failure(error.errorType, error.message, error.fields.length > 0 ? { fields: error.fields } : undefined);
  }
}
