/** Has the attendance Lambda reject a pending correction request (the Lambda checks the decider's place in the management line). */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationRejectAttendanceCorrectionArgs } from '../../../domain/generated/graphql.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { attendanceCaller } from '../caller.ts';

export function request(ctx: Context<MutationRejectAttendanceCorrectionArgs, PipelineStash>): LambdaRequest {
  requireEntityId(ctx.args.input.employeeId, 'input.employeeId');
  requireEntityId(ctx.args.input.correctionId, 'input.correctionId');
  return {
    operation: 'Invoke',
    payload: { operation: 'rejectCorrection', tenantId: ctx.stash.scope.tenantId, caller: attendanceCaller(ctx), correctionPunchId: util.autoUlid(), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationRejectAttendanceCorrectionArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
