/** A calculated run's register: the payroll Lambda writes its CSV under the tenant's prefix and presigns it. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryPayRunRegisterArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryPayRunRegisterArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'register',
      runId: requireEntityId(ctx.args.runId, 'runId'),
    },
  };
}

export function response(ctx: Context<QueryPayRunRegisterArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
