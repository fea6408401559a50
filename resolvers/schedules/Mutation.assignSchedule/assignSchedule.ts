/** Has the schedules Lambda add the assignment, refusing one that overlaps the employee's others (checked and written in one transaction). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationAssignScheduleArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationAssignScheduleArgs, ScheduleStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'assignSchedule', tenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationAssignScheduleArgs, ScheduleStash>): unknown {
  return lambdaResult(ctx);
}
