/** Has the leave Lambda reject a pending request with its reason (the current step's approver or HR). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationRejectLeaveArgs } from '../../../domain/generated/graphql.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { leaveCaller } from '../caller.ts';

export function request(ctx: Context<MutationRejectLeaveArgs, PipelineStash>): LambdaRequest {
  const caller = leaveCaller(ctx);
  return { operation: 'Invoke', payload: { tenantId: ctx.stash.scope.tenantId, requestedBy: caller.userId, caller, operation: 'rejectLeave', id: requireEntityId(ctx.args.id, 'id'), reason: ctx.args.reason } };
}

export function response(ctx: Context<MutationRejectLeaveArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
