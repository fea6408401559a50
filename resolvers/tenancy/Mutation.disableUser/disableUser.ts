/** Has the tenancy Lambda disable one of the scope tenant's users. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationDisableUserArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationDisableUserArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    // The tenant is the scope's (tenantScope: the caller's own, or the one a system admin named).
    payload: { operation: 'disableUser', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), userId: ctx.args.userId },
  };
}

export function response(ctx: Context<MutationDisableUserArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
