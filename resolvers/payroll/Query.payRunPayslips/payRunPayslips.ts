/** A run's payslips by employee, a page at a time. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryPayRunPayslipsArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryPayRunPayslipsArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'payslips',
      runId: requireEntityId(ctx.args.runId, 'runId'),
      limit: ctx.args.limit ?? 50,
      nextToken: ctx.args.nextToken ?? null,
    },
  };
}

export function response(ctx: Context<QueryPayRunPayslipsArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
