/** The tenant's pay runs, through the payroll Lambda. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryPayRunsArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryPayRunsArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'runs',
      period: ctx.args.period ?? null,
    },
  };
}

export function response(ctx: Context<QueryPayRunsArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
