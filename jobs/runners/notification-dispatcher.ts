/**
 * `AIML-SaaS-Tenant-Notification-Dispatcher`: a tenant's scheduled notifications. Each occurrence
 * reminds the employees whose shift starts (`CLOCK_IN`) or ends (`CLOCK_OUT`) in the window
 * `[occurrence + leadMinutes, + windowMinutes)` to clock in or out, through the API's
 * `publishNotification` mutation over IAM, so subscribed phones get it live.
 *
 * Whose shifts: the tenant's ACTIVE employees with an account (PIM's EmployeesByStatus index, so
 * leavers and people on leave are not asked), planned by the schedules module (createPlanSource:
 * their contract in force, its working schedule or an assignment, one-off changes, their
 * location's zone and holiday calendar) for the calendar dates that can hold a shift starting or
 * ending in the window in any zone. No contract in force, no plan; a holiday, no shift to remind
 * of. Times are said in the employee's own zone (`09:00 EST`). Reads go through the tenant's
 * scoped session.
 *
 * The window comes from the occurrence, not the clock, so every attempt of one occurrence sends to
 * the same shifts; each notification's id is a ULID derived from the occurrence, the employee and
 * the shift's start, and the API refuses an id twice (CONFLICT), so a retry or a duplicate delivery
 * sends nothing twice.
 * Environment: GRAPHQL_URL, TENANT_ROLE_ARN, and the tables' variables.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { queryAll, tenantItems } from '../../domain/dynamo-query.ts';
import type { PublishNotificationInput } from '../../domain/generated/graphql.ts';
import { JOB_RUNNERS, type NotificationDispatcherPayload } from '../../domain/jobs/engine.ts';
import { addDays } from '../../domain/model/dates.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import type { TableId } from '../../domain/model/tables.ts';
import { deterministicUlid, environmentPublish, publishOnce, type Publish } from '../../domain/notifications/publish.ts';
import { ORGANISATION_PREFIXES } from '../../domain/organisation/model/keys.ts';
import type { LocationRow } from '../../domain/organisation/model/location.ts';
import type { EmployeeRow } from '../../domain/people/model/employee.ts';
import { EMPLOYEES_BY_STATUS, statusKey } from '../../domain/people/model/keys.ts';
import type { PlannedDay, PlannedShift } from '../../domain/schedules/model/planned-day.ts';
import { createPlanSource } from '../../domain/schedules/plan-source.ts';
import { localTime, zoneLabel } from '../../domain/time.ts';
import { defineRunner, JobFailure, type RunContext } from '../runner.ts';

/** What one occurrence did. */
export interface DispatchResult {
  /** Active employees with an account, whose plans were read. */
  employees: number;
  /** Active employees without an account: nobody to remind. */
  noAccount: number;
  /** Planned shifts starting (ending) in the window. */
  shifts: number;
  /** Days in the window that are holidays (their shift is not worked): no reminder. */
  holidays: number;
  sent: number;
  /** Sent by an earlier attempt or delivery of this occurrence. */
  alreadySent: number;
}

/** Who may be reminded: the tenant's ACTIVE employees, from EmployeesByStatus (one key range). */
async function activeEmployees(dynamodb: DynamoDBClient, table: string, tenantId: string): Promise<Pick<EmployeeRow, 'id' | 'firstName' | 'UserId'>[]> {
  const items = await queryAll(dynamodb, {
    TableName: table,
    IndexName: EMPLOYEES_BY_STATUS.name,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(StatusKey, :active)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':active': { S: statusKey('ACTIVE', '') } },
    ProjectionExpression: 'id, firstName, UserId',
  });
  return items.map((item) => unmarshall(item) as Pick<EmployeeRow, 'id' | 'firstName' | 'UserId'>);
}

/**
 * The calendar dates whose plans can hold a shift starting (or ending) in `[from, to)`: a date is
 * local to the employee's zone (UTC-12 to UTC+14), so a day either side of the window's UTC dates;
 * a shift ending in it started at most a day earlier still.
 */
export function candidateDates(from: Date, to: Date, reminder: NotificationDispatcherPayload['reminder']): { first: string; last: string } {
  const first = addDays(from.toISOString().slice(0, 10), reminder === 'CLOCK_OUT' ? -2 : -1);
  return { first, last: addDays(new Date(to.getTime() - 1).toISOString().slice(0, 10), 1) };
}

/** `09:00 EST`: a shift's instant on the wall clock of the employee's zone, with the zone's name. */
export function localClock(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  return `${localTime(instant, timeZone)} ${zoneLabel(instant, timeZone)}`;
}

function reminderText(reminder: NotificationDispatcherPayload['reminder'], plan: PlannedDay, shift: PlannedShift, firstName: string | undefined, place: string | undefined): Pick<PublishNotificationInput, 'title' | 'body'> {
  const who = firstName ? `${firstName}, your` : 'Your';
  const where = place ? ` at ${place}` : '';
  return reminder === 'CLOCK_IN'
    ? { title: 'Time to clock in', body: `${who} ${shift.name} shift${where} starts at ${localClock(shift.startAt, plan.timeZone)}. Remember to clock in.` }
    : { title: 'Time to clock out', body: `${who} ${shift.name} shift${where} ends at ${localClock(shift.endAt, plan.timeZone)}. Remember to clock out.` };
}

/** One occurrence: find the shifts in the window and remind each employee once. */
export async function dispatchReminders(
  ctx: Pick<RunContext<NotificationDispatcherPayload>, 'tenantId' | 'payload' | 'occurrenceAt' | 'idempotencyKey' | 'clients' | 'tableName' | 'log'> & { tenant: { settings: { timeZone: string } } },
  publish: Publish,
): Promise<DispatchResult> {
  const { payload, tenantId } = ctx;
  const { dynamodb } = ctx.clients;
  const from = new Date(Date.parse(ctx.occurrenceAt) + payload.leadMinutes * 60_000);
  const to = new Date(from.getTime() + payload.windowMinutes * 60_000);
  const inWindow = (iso: string) => Date.parse(iso) >= from.getTime() && Date.parse(iso) < to.getTime();
  const instantOf = (shift: PlannedShift) => (payload.reminder === 'CLOCK_IN' ? shift.startAt : shift.endAt);

  const active = await activeEmployees(dynamodb, ctx.tableName('PIM'), tenantId);
  const reachable = active.filter((e) => e.UserId);
  const result: DispatchResult = { employees: reachable.length, noAccount: active.length - reachable.length, shifts: 0, holidays: 0, sent: 0, alreadySent: 0 };
  if (reachable.length === 0) {
    ctx.log.info('reminders dispatched', { reminder: payload.reminder, ...result, failed: 0 });
    return result;
  }
  const plans = createPlanSource({ dynamodb, tableName: (id: TableId) => ctx.tableName(id), tenantZone: async () => ctx.tenant.settings.timeZone });
  const { first, last } = candidateDates(from, to, payload.reminder);
  const due = (await plans.plannedDays(tenantId, reachable.map((e) => e.id), first, last)).filter((plan) => plan.shift !== null && inWindow(instantOf(plan.shift)));
  const holidays = due.filter((plan) => plan.kind === 'HOLIDAY');
  const shifts = due.filter((plan) => plan.kind === 'SHIFT');
  result.holidays = holidays.length;
  result.shifts = shifts.length;

  const places = shifts.some((plan) => plan.locationId !== null)
    ? new Map((await tenantItems<LocationRow>(dynamodb, ctx.tableName('PIM'), tenantId, ORGANISATION_PREFIXES.location)).map((l) => [l.id, l.name]))
    : new Map<string, string>();
  const people = new Map(reachable.map((e) => [e.id, e]));
  const failures: string[] = [];
  for (const plan of shifts) {
    const shift = plan.shift!;
    const person = people.get(plan.employeeId)!;
    const input: PublishNotificationInput = {
      id: deterministicUlid(Date.parse(ctx.occurrenceAt), `${ctx.idempotencyKey}#${payload.reminder}#${plan.employeeId}#${shift.startAt}`),
      recipientUserId: person.UserId!,
      kind: 'CLOCK_REMINDER',
      ...reminderText(payload.reminder, plan, shift, person.firstName, plan.locationId !== null ? places.get(plan.locationId) : undefined),
    };
    const outcome = await publishOnce(publish, tenantId, input);
    if (outcome.sent) result.sent += 1;
    else if (outcome.already) result.alreadySent += 1;
    else failures.push(outcome.error);
  }
  ctx.log.info('reminders dispatched', { reminder: payload.reminder, ...result, failed: failures.length });
  // The ones sent stay sent (their ids are taken); a retry sends only the rest.
  if (failures.length > 0) throw new JobFailure(`${failures.length} of ${shifts.length} reminders failed to publish (${[...new Set(failures)].join(', ')}); they are retried.`);
  return result;
}

export const notificationDispatcher = defineRunner({
  ...JOB_RUNNERS['AIML-SaaS-Tenant-Notification-Dispatcher'],
  async run(ctx) {
    await dispatchReminders(ctx, environmentPublish());
  },
});

export const handler = notificationDispatcher.handler;
