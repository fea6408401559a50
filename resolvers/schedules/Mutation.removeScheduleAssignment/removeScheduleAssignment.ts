/** Has the schedules Lambda remove an assignment that has not started (in the tenant's today). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationRemoveScheduleAssignmentArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationRemoveScheduleAssignmentArgs, ScheduleStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'removeScheduleAssignment', tenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), employeeId: ctx.args.employeeId, from: ctx.args.from, expectedVersion: ctx.args.expectedVersion },
  };
}

export function response(ctx: Context<MutationRemoveScheduleAssignmentArgs, ScheduleStash>): unknown {
  return lambdaResult(ctx);
}
