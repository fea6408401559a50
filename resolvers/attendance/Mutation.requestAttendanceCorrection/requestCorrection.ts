/** Has the attendance Lambda file the signed-in employee's correction request and tell whoever decides it. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationRequestAttendanceCorrectionArgs } from '../../../domain/generated/graphql.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { attendanceCaller } from '../caller.ts';

export function request(ctx: Context<MutationRequestAttendanceCorrectionArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'requestCorrection', tenantId: ctx.stash.scope.tenantId, caller: attendanceCaller(ctx), correctionId: util.autoUlid(), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationRequestAttendanceCorrectionArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
