/** Has the leave Lambda list the pending requests waiting for the caller (as a step's approver, and HR's). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryLeaveRequestsWaitingForMeArgs } from '../../../domain/generated/graphql.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { leaveCaller } from '../caller.ts';

export function request(ctx: Context<QueryLeaveRequestsWaitingForMeArgs, PipelineStash>): LambdaRequest {
  const caller = leaveCaller(ctx);
  return { operation: 'Invoke', payload: { tenantId: ctx.stash.scope.tenantId, requestedBy: caller.userId, caller, operation: 'waitingForMe', limit: ctx.args.limit ?? 20 } };
}

export function response(ctx: Context<QueryLeaveRequestsWaitingForMeArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
