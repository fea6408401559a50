/** Has the payroll Lambda approve a calculated run with no payslip in error. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationApprovePayRunArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationApprovePayRunArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'approve',
      id: requireEntityId(ctx.args.id, 'id'),
      expectedVersion: ctx.args.expectedVersion,
    },
  };
}

export function response(ctx: Context<MutationApprovePayRunArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
