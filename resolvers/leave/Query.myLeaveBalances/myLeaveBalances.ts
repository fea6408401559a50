/**
 * The signed-in employee's balances: the employee id comes from the caller's context, never from
 * the input. A user without an employee record (platform staff, a new admin) has none: an empty list.
 */
import { runtime, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryMyLeaveBalancesArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryMyLeaveBalancesArgs, PipelineStash>): LambdaRequest {
  const caller = callerContext(ctx);
  if (!caller?.employeeId) runtime.earlyReturn([], { skipTo: 'END' });
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: caller?.userId ?? 'internal',
      operation: 'balances',
      employeeId: caller?.employeeId,
      asOf: ctx.args.asOf ?? null,
    },
  };
}

export function response(ctx: Context<QueryMyLeaveBalancesArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
