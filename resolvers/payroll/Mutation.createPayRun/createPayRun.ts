/** Has the payroll Lambda open a run for a period (its id minted here). */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationCreatePayRunArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationCreatePayRunArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'createRun',
      id: util.autoUlid(),
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationCreatePayRunArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
