/** The planned days of the page's members (after listDepartmentMembers), planned together by the schedules Lambda, each employee's under them. */
import { runtime, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { PlannedDay, QueryDepartmentRosterArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryDepartmentRosterArgs, ScheduleStash>): LambdaRequest {
  const members = ctx.stash.members ?? [];
  if (members.length === 0) runtime.earlyReturn({ items: [], nextToken: ctx.stash.membersNextToken ?? null });
  return {
    operation: 'Invoke',
    payload: {
      operation: 'plan',
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      employeeIds: members.map((member) => member.id),
      from: ctx.args.from.slice(0, 10),
      to: ctx.args.to.slice(0, 10),
    },
  };
}

export function response(ctx: Context<QueryDepartmentRosterArgs, ScheduleStash>) {
  const days = lambdaResult<PlannedDay[]>(ctx);
  const items = (ctx.stash.members ?? []).map((member) => ({
    employeeId: member.id,
    firstName: member.firstName,
    lastName: member.lastName,
    days: days.filter((day) => day.employeeId === member.id),
  }));
  return { items, nextToken: ctx.stash.membersNextToken ?? null };
}
