/** One pay run (null when the tenant has none with this id). */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryPayRunArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryPayRunArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'run',
      id: requireEntityId(ctx.args.id, 'id'),
    },
  };
}

export function response(ctx: Context<QueryPayRunArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
