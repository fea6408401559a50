/** Has the leave Lambda approve a request's current step (it checks the caller is that step's approver or HR). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationApproveLeaveArgs } from '../../../domain/generated/graphql.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { leaveCaller } from '../caller.ts';

export function request(ctx: Context<MutationApproveLeaveArgs, PipelineStash>): LambdaRequest {
  const caller = leaveCaller(ctx);
  return {
    operation: 'Invoke',
    payload: { tenantId: ctx.stash.scope.tenantId, requestedBy: caller.userId, caller, operation: 'approveLeave', id: requireEntityId(ctx.args.id, 'id'), expectedVersion: ctx.args.expectedVersion, note: ctx.args.note ?? null },
  };
}

export function response(ctx: Context<MutationApproveLeaveArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
