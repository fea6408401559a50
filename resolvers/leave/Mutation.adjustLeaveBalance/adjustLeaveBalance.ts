/** Has the leave Lambda post HR's manual adjustment (after loadEmployee: an employee of this tenant). */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationAdjustLeaveBalanceArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationAdjustLeaveBalanceArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'adjust',
      adjustmentId: ctx.args.input.adjustmentId ? requireEntityId(ctx.args.input.adjustmentId, 'input.adjustmentId') : util.autoUlid(),
      employeeExists: !!ctx.stash.employee,
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationAdjustLeaveBalanceArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
