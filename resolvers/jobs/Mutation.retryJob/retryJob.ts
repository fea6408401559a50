/** Has the jobs Lambda give a dead job fresh attempts, with the tenant's credentials. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationRetryJobArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationRetryJobArgs, PipelineStash>): LambdaRequest {
  const jobId = requireEntityId(ctx.args.id, 'id');
  return { operation: 'Invoke', payload: { operation: 'retry', tenantId: ctx.stash.scope.tenantId, jobId, requestedBy: callerUserId(ctx) } };
}

export function response(ctx: Context<MutationRetryJobArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
