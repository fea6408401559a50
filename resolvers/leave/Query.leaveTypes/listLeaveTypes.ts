/** The tenant's leave types, through the leave Lambda. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryLeaveTypesArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryLeaveTypesArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'listTypes',
    },
  };
}

export function response(ctx: Context<QueryLeaveTypesArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
