/** Has the schedules Lambda check the change against the calendar's days off that year and record it. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationEditHolidayArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationEditHolidayArgs, ScheduleStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'editHoliday', tenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationEditHolidayArgs, ScheduleStash>): unknown {
  return lambdaResult(ctx);
}
