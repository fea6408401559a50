/** Has the payroll Lambda discard a run that is not approved. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationDiscardPayRunArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationDiscardPayRunArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'discard',
      id: requireEntityId(ctx.args.id, 'id'),
    },
  };
}

export function response(ctx: Context<MutationDiscardPayRunArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
