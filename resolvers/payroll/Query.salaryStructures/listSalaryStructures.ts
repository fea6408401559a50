/** The tenant's salary structures, through the payroll Lambda. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QuerySalaryStructuresArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QuerySalaryStructuresArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'structures',
    },
  };
}

export function response(ctx: Context<QuerySalaryStructuresArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
