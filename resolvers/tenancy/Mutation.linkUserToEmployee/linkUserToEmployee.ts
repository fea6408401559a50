/** Has the tenancy Lambda link one of the scope tenant's users to an employee record. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationLinkUserToEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationLinkUserToEmployeeArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    // The tenant is the scope's (tenantScope: the caller's own, or the one a system admin named).
    payload: { operation: 'linkUserToEmployee', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), userId: ctx.args.userId, employeeId: ctx.args.employeeId ?? null },
  };
}

export function response(ctx: Context<MutationLinkUserToEmployeeArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
