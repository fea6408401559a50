/** Has the leave Lambda cancel a request (the employee or HR); an approved one's days are given back. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationCancelLeaveArgs } from '../../../domain/generated/graphql.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { leaveCaller } from '../caller.ts';

export function request(ctx: Context<MutationCancelLeaveArgs, PipelineStash>): LambdaRequest {
  const caller = leaveCaller(ctx);
  return { operation: 'Invoke', payload: { tenantId: ctx.stash.scope.tenantId, requestedBy: caller.userId, caller, operation: 'cancelLeave', id: requireEntityId(ctx.args.id, 'id') } };
}

export function response(ctx: Context<MutationCancelLeaveArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
