/** Has the jobs Lambda cancel a pending job with the tenant's credentials. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationCancelJobArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationCancelJobArgs, PipelineStash>): LambdaRequest {
  const jobId = requireEntityId(ctx.args.id, 'id');
  return { operation: 'Invoke', payload: { operation: 'cancel', tenantId: ctx.stash.scope.tenantId, jobId, requestedBy: callerUserId(ctx) } };
}

export function response(ctx: Context<MutationCancelJobArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
