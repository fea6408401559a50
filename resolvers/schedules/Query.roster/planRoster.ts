/** The employee's planned days (after loadEmployee and checkRosterAccess), planned by the schedules Lambda in their location's time zone. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryRosterArgs } from '../../../domain/generated/graphql.ts';
import { rosterRangeProblems } from '../../../domain/schedules/model/roster.ts';
import { callerContext } from '../../lib/caller.ts';
import { failOnProblems } from '../../lib/errors.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryRosterArgs, ScheduleStash>): LambdaRequest {
  const { from, to } = ctx.args;
  failOnProblems(rosterRangeProblems(from, to));
  return {
    operation: 'Invoke',
    payload: { operation: 'plan', tenantId: ctx.stash.scope.tenantId, requestedBy: callerContext(ctx)?.userId ?? 'internal', employeeIds: [ctx.stash.employee!.id], from: from.slice(0, 10), to: to.slice(0, 10) },
  };
}

export function response(ctx: Context<QueryRosterArgs, ScheduleStash>): unknown {
  return lambdaResult(ctx);
}
