/** Has the payroll Lambda start finalising an approved run (its job). */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationFinalizePayRunArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationFinalizePayRunArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'finalize',
      id: requireEntityId(ctx.args.id, 'id'),
    },
  };
}

export function response(ctx: Context<MutationFinalizePayRunArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
