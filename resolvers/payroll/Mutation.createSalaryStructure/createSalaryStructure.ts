/** Has the payroll Lambda check and save a new salary structure (its id minted here). */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationCreateSalaryStructureArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationCreateSalaryStructureArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'createStructure',
      id: util.autoUlid(),
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationCreateSalaryStructureArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
