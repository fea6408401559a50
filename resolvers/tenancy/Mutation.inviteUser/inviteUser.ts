/** Has the tenancy Lambda invite a user into the scope tenant (Cognito, membership, directory, SelfService link). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationInviteUserArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationInviteUserArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    // The tenant is the scope's (tenantScope: the caller's own, or the one a system admin named).
    payload: { operation: 'inviteUser', callerTenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationInviteUserArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
