/** Has the payroll Lambda check and replace a structure at the version read. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationUpdateSalaryStructureArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationUpdateSalaryStructureArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'updateStructure',
      id: requireEntityId(ctx.args.input.id, 'input.id'),
      expectedVersion: ctx.args.input.expectedVersion,
      input: ctx.args.input.structure,
    },
  };
}

export function response(ctx: Context<MutationUpdateSalaryStructureArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
