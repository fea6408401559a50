/** Has the attendance Lambda record a clock-out (server time) for the caller, or from a kiosk for input.employeeId. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationClockOutArgs } from '../../../domain/generated/graphql.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { attendanceCaller } from '../caller.ts';

export function request(ctx: Context<MutationClockOutArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'clockOut', tenantId: ctx.stash.scope.tenantId, caller: attendanceCaller(ctx), punchId: util.autoUlid(), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationClockOutArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
