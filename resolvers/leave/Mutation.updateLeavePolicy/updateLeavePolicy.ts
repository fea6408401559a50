/** Has the leave Lambda replace a policy at the version read. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationUpdateLeavePolicyArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationUpdateLeavePolicyArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'updatePolicy',
      id: requireEntityId(ctx.args.input.id, 'input.id'),
      expectedVersion: ctx.args.input.expectedVersion,
      input: ctx.args.input.policy,
    },
  };
}

export function response(ctx: Context<MutationUpdateLeavePolicyArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
