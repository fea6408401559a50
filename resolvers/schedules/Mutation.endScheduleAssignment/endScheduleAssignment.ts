/** Has the schedules Lambda set an assignment's last day, refusing one that would run into the employee's next assignment. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationEndScheduleAssignmentArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationEndScheduleAssignmentArgs, ScheduleStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'endScheduleAssignment', tenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationEndScheduleAssignmentArgs, ScheduleStash>): unknown {
  return lambdaResult(ctx);
}
