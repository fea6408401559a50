/** Has the leave Lambda read one request (the employee, their management line, its approver, HR). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryLeaveRequestArgs } from '../../../domain/generated/graphql.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { leaveCaller } from '../caller.ts';

export function request(ctx: Context<QueryLeaveRequestArgs, PipelineStash>): LambdaRequest {
  const caller = leaveCaller(ctx);
  return { operation: 'Invoke', payload: { tenantId: ctx.stash.scope.tenantId, requestedBy: caller.userId, caller, operation: 'leaveRequest', id: requireEntityId(ctx.args.id, 'id') } };
}

export function response(ctx: Context<QueryLeaveRequestArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
