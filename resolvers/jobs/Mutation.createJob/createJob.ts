/** Has the jobs Lambda create the job with the engine's rules (runner contract, schedule) and the tenant's credentials. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationCreateJobArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationCreateJobArgs, PipelineStash>): LambdaRequest {
  const { input } = ctx.args;
  if (input.id) requireEntityId(input.id, 'input.id');
  return { operation: 'Invoke', payload: { operation: 'create', tenantId: ctx.stash.scope.tenantId, input, requestedBy: callerUserId(ctx) } };
}

export function response(ctx: Context<MutationCreateJobArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
