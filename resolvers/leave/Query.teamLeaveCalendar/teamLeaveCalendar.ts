/** Has the leave Lambda answer who of a department is away when (HR any; others their own department or one they head). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryTeamLeaveCalendarArgs } from '../../../domain/generated/graphql.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { leaveCaller } from '../caller.ts';

export function request(ctx: Context<QueryTeamLeaveCalendarArgs, PipelineStash>): LambdaRequest {
  const caller = leaveCaller(ctx);
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId, requestedBy: caller.userId, caller, operation: 'teamCalendar',
      departmentId: requireEntityId(ctx.args.departmentId, 'departmentId'), from: ctx.args.from, to: ctx.args.to, limit: ctx.args.limit ?? 20, nextToken: ctx.args.nextToken ?? null,
    },
  };
}

export function response(ctx: Context<QueryTeamLeaveCalendarArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
