/** Has the leave Lambda file a request (for the caller, or HR's for an employee): it computes the length and checks every rule. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationRequestLeaveArgs } from '../../../domain/generated/graphql.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { leaveCaller } from '../caller.ts';

export function request(ctx: Context<MutationRequestLeaveArgs, PipelineStash>): LambdaRequest {
  const caller = leaveCaller(ctx);
  return { operation: 'Invoke', payload: { tenantId: ctx.stash.scope.tenantId, requestedBy: caller.userId, caller, operation: 'requestLeave', input: ctx.args.input } };
}

export function response(ctx: Context<MutationRequestLeaveArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
