/** Has the tenancy Lambda read a tenant's onboarding workflow from the registry. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryTenantOnboardingArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryTenantOnboardingArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'tenantOnboarding', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), id: ctx.args.id },
  };
}

export function response(ctx: Context<QueryTenantOnboardingArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
