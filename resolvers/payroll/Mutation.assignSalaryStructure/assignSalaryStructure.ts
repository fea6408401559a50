/** Has the payroll Lambda assign a structure (after loadEmployee: an employee of this tenant). */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationAssignSalaryStructureArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationAssignSalaryStructureArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'assign',
      employeeExists: !!ctx.stash.employee,
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationAssignSalaryStructureArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
