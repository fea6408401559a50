/** Has the leave Lambda define a leave type under a new id. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationCreateLeaveTypeArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationCreateLeaveTypeArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'createType',
      id: util.autoUlid(),
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationCreateLeaveTypeArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
