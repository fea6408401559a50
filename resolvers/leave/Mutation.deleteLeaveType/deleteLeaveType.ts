/** Has the leave Lambda delete a leave type no policy uses. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationDeleteLeaveTypeArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationDeleteLeaveTypeArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'deleteType',
      id: requireEntityId(ctx.args.id, 'id'),
      expectedVersion: ctx.args.expectedVersion,
    },
  };
}

export function response(ctx: Context<MutationDeleteLeaveTypeArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
