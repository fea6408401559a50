/** Has the schedules Lambda check the calendar against the holiday data and set it for the location. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationSetLocationCalendarArgs } from '../../../domain/generated/graphql.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationSetLocationCalendarArgs, ScheduleStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: { operation: 'setLocationCalendar', tenantId: ctx.stash.scope.tenantId, requestedBy: callerUserId(ctx), input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationSetLocationCalendarArgs, ScheduleStash>): unknown {
  return lambdaResult(ctx);
}
