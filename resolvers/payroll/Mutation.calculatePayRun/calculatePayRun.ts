/** Has the payroll Lambda start a (re)calculation and its job. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationCalculatePayRunArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationCalculatePayRunArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'calculate',
      id: requireEntityId(ctx.args.id, 'id'),
    },
  };
}

export function response(ctx: Context<MutationCalculatePayRunArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
