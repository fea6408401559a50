/** Has the tenancy Lambda read a tenant's registry record (status history, plan limits). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryTenantArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryTenantArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'tenant', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), id: ctx.args.id },
  };
}

export function response(ctx: Context<QueryTenantArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
