/** An employee's balances (after loadEmployee and leaveRecordAccess), through the leave Lambda. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryEmployeeLeaveBalancesArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeLeaveBalancesArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'balances',
      employeeId: requireEntityId(ctx.args.employeeId, 'employeeId'),
      asOf: ctx.args.asOf ?? null,
    },
  };
}

export function response(ctx: Context<QueryEmployeeLeaveBalancesArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
