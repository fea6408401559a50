/** An employee's structure assignments (after loadEmployee: an employee of this tenant). */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryEmployeeSalaryStructuresArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeSalaryStructuresArgs, PipelineStash>): LambdaRequest {
  if (!ctx.stash.employee) return fail('NOT_FOUND', 'No such employee in this tenant.');
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'assignments',
      employeeId: requireEntityId(ctx.args.employeeId, 'employeeId'),
    },
  };
}

export function response(ctx: Context<QueryEmployeeSalaryStructuresArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
