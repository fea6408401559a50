/** Has the tenancy Lambda move a tenant to another plan (it checks the plan). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationChangeTenantPlanArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationChangeTenantPlanArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'changeTenantPlan', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), id: ctx.args.id, plan: ctx.args.plan },
  };
}

export function response(ctx: Context<MutationChangeTenantPlanArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
