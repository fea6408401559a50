/**
 * A manager's team today (Node): where each direct report stands now, live from their plan for
 * the day and their punches, each in their own time zone (a night shift that began yesterday is
 * still "today" until its punch window closes).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { queryAll } from '../dynamo-query.ts';
import type { TeamAttendanceToday, TeamMemberToday } from '../generated/graphql.ts';
import { addDays } from '../model/dates.ts';
import { tenantKey } from '../model/keys.ts';
import type { EmployeeRow } from '../people/model/employee.ts';
import { EMPLOYEES_BY_REPORTS, reportsPrefix } from '../people/model/keys.ts';
import type { PlannedDay, PlanSource } from '../schedules/model/planned-day.ts';
import { localDate } from '../time.ts';
import { assignPunches, effectivePunches, liveDay } from './classify.ts';
import { punchesBetween } from './store.ts';

export interface TeamContext {
  /** The tenant's own DynamoDB client. */
  dynamodb: DynamoDBClient;
  tables: { attendance: string; pim: string };
  tenantId: string;
  tenantZone: string;
  plans: PlanSource;
  now: Date;
}

/** Employees who work: hired and started, not left. */
const WORKING = new Set(['ACTIVE', 'ON_LEAVE']);
const CONCURRENCY = 16;

/** The direct reports of a manager (their management line `managerPath`), who are working. */
async function directReports(ctx: TeamContext, managerId: string, managerPath: string): Promise<EmployeeRow[]> {
  const items = await queryAll(ctx.dynamodb, {
    TableName: ctx.tables.pim,
    IndexName: EMPLOYEES_BY_REPORTS.name,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(ReportsKey, :prefix)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(ctx.tenantId) }, ':prefix': { S: reportsPrefix(managerPath, managerId, false) } },
  });
  return items.map((item) => unmarshall(item) as EmployeeRow).filter((e) => WORKING.has(e.employment.status) && e.archived !== true);
}

/** The plan of "today" for someone now: yesterday's while its punch window is open (a night shift), else today's. */
function currentPlan(plans: readonly PlannedDay[], zone: string, now: Date): { date: string; plan: PlannedDay | null } {
  const today = localDate(now, zone);
  const yesterday = plans.find((p) => p.date === addDays(today, -1));
  if (yesterday?.shift && now.getTime() <= Date.parse(yesterday.shift.windowClosesAt)) return { date: yesterday.date, plan: yesterday };
  return { date: today, plan: plans.find((p) => p.date === today) ?? null };
}

/** Where each of the manager's direct reports stands now, by name. */
export async function teamToday(ctx: TeamContext, managerId: string, managerPath: string): Promise<TeamAttendanceToday> {
  const reports = await directReports(ctx, managerId, managerPath);
  const ids = reports.map((e) => e.id);
  const tenantToday = localDate(ctx.now, ctx.tenantZone);
  const from = addDays(tenantToday, -2);
  const to = addDays(tenantToday, 1);
  const plans = ids.length > 0 ? await ctx.plans.plannedDays(ctx.tenantId, ids, addDays(tenantToday, -1), to) : [];
  const punches: Awaited<ReturnType<typeof punchesBetween>>[] = [];
  for (let i = 0; i < ids.length; i += CONCURRENCY) {
    punches.push(...(await Promise.all(ids.slice(i, i + CONCURRENCY).map((id) => punchesBetween(ctx.dynamodb, ctx.tables.attendance, ctx.tenantId, id, from, to)))));
  }
  const members: TeamMemberToday[] = reports.map((employee, index) => {
    const own = plans.filter((p) => p.employeeId === employee.id);
    const zone = own[0]?.timeZone ?? punches[index]!.at(-1)?.timeZone ?? ctx.tenantZone;
    const { date, plan } = currentPlan(own, zone, ctx.now);
    const dayPunches = assignPunches(own, effectivePunches(punches[index]!)).get(date) ?? [];
    const live = liveDay(plan, dayPunches, ctx.now, employee.employment.status === 'ON_LEAVE' ? { source: 'EMPLOYEE_STATUS' } : null);
    const shift = plan?.kind === 'SHIFT' ? plan.shift : null;
    return {
      employeeId: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      date,
      timeZone: plan?.timeZone ?? zone,
      state: live.state,
      late: live.late,
      lateMinutes: live.lateMinutes,
      shiftStart: shift?.startAt ?? null,
      shiftEnd: shift?.endAt ?? null,
      firstIn: live.firstIn,
      lastPunchAt: live.lastPunchAt,
    };
  });
  return { managerId, at: ctx.now.toISOString(), members };
}
