/** Has the tenancy Lambda onboard a tenant (or resume its onboarding); it checks the input in full. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationCreateTenantArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationCreateTenantArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'createTenant', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationCreateTenantArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
