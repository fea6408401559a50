/** Has the leave Lambda list an employee's requests (after loadEmployee and leaveRecordAccess: a record the caller reaches). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryEmployeeLeaveRequestsArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeLeaveRequestsArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'listRequests',
      employeeId: ctx.args.employeeId,
      filter: ctx.args.filter ?? null,
      limit: ctx.args.limit ?? 20,
      nextToken: ctx.args.nextToken ?? null,
    },
  };
}

export function response(ctx: Context<QueryEmployeeLeaveRequestsArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
