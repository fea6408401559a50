/** Has the tenancy Lambda suspend an active tenant (it checks the id, the state and the reason). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationSuspendTenantArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationSuspendTenantArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'suspendTenant', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), id: ctx.args.id, reason: ctx.args.reason ?? null },
  };
}

export function response(ctx: Context<MutationSuspendTenantArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
