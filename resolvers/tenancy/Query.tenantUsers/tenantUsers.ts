/** Has the tenancy Lambda list the scope tenant's users (memberships), a page at a time. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryTenantUsersArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryTenantUsersArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    // The tenant is the scope's (tenantScope: the caller's own, or the one a system admin named).
    payload: { operation: 'tenantUsers', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), limit: ctx.args.limit ?? null, nextToken: ctx.args.nextToken ?? null },
  };
}

export function response(ctx: Context<QueryTenantUsersArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
