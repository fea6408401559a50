/**
 * The signed-in employee's requests: the employee id comes from the caller's context, never from
 * the input. A user without an employee record has none: an empty page.
 */
import { runtime, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryMyLeaveRequestsArgs } from '../../../domain/generated/graphql.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { leaveCaller } from '../caller.ts';

export function request(ctx: Context<QueryMyLeaveRequestsArgs, PipelineStash>): LambdaRequest {
  const caller = leaveCaller(ctx);
  if (!caller.employeeId) runtime.earlyReturn({ items: [], nextToken: null }, { skipTo: 'END' });
  return {
    operation: 'Invoke',
    payload: { tenantId: ctx.stash.scope.tenantId, requestedBy: caller.userId, operation: 'listRequests', employeeId: caller.employeeId, filter: ctx.args.filter ?? null, limit: ctx.args.limit ?? 20, nextToken: ctx.args.nextToken ?? null },
  };
}

export function response(ctx: Context<QueryMyLeaveRequestsArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
