/** Has the attendance Lambda record a clock-in (server time) for the caller, or from a kiosk for input.employeeId. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationClockInArgs } from '../../../domain/generated/graphql.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { attendanceCaller } from '../caller.ts';

export function request(ctx: Context<MutationClockInArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'clockIn', tenantId: ctx.stash.scope.tenantId, caller: attendanceCaller(ctx), punchId: util.autoUlid(), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationClockInArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
