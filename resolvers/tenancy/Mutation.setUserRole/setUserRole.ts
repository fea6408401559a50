/** Has the tenancy Lambda give one of the scope tenant's users another role. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationSetUserRoleArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationSetUserRoleArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    // The tenant is the scope's (tenantScope: the caller's own, or the one a system admin named).
    payload: { operation: 'setUserRole', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), userId: ctx.args.userId, role: ctx.args.role },
  };
}

export function response(ctx: Context<MutationSetUserRoleArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
