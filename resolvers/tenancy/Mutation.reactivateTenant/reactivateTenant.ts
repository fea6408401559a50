/** Has the tenancy Lambda reactivate a suspended tenant. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationReactivateTenantArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationReactivateTenantArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'reactivateTenant', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), id: ctx.args.id, reason: ctx.args.reason ?? null },
  };
}

export function response(ctx: Context<MutationReactivateTenantArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
