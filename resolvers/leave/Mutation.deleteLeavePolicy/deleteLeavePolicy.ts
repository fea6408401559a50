/** Has the leave Lambda delete a policy (its entries stay in the ledger). */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationDeleteLeavePolicyArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationDeleteLeavePolicyArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'deletePolicy',
      id: requireEntityId(ctx.args.id, 'id'),
      expectedVersion: ctx.args.expectedVersion,
    },
  };
}

export function response(ctx: Context<MutationDeleteLeavePolicyArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
