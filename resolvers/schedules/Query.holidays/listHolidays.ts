/** The days off of a year, from the holiday data with the tenant's changes applied (the schedules Lambda: date-holidays is Node code). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryHolidaysArgs } from '../../../domain/generated/graphql.ts';
import { MAX_YEAR, MIN_YEAR } from '../../../domain/model/dates.ts';
import { callerContext } from '../../lib/caller.ts';
import { failOnProblems } from '../../lib/errors.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryHolidaysArgs, ScheduleStash>): LambdaRequest {
  const { locationId, calendar, year } = ctx.args;
  const hasLocation = locationId !== null && locationId !== undefined;
  const hasCalendar = calendar !== null && calendar !== undefined;
  failOnProblems([
    ...(hasLocation === hasCalendar ? [{ field: 'locationId', message: 'give either a location (locationId) or a calendar, not both' }] : []),
    ...(year < MIN_YEAR || year > MAX_YEAR ? [{ field: 'year', message: `must be from ${MIN_YEAR} to ${MAX_YEAR}` }] : []),
  ]);
  return {
    operation: 'Invoke',
    payload: { operation: 'holidays', tenantId: ctx.stash.scope.tenantId, requestedBy: callerContext(ctx)?.userId ?? 'internal', locationId: hasLocation ? locationId : null, calendar: hasCalendar ? calendar : null, year },
  };
}

export function response(ctx: Context<QueryHolidaysArgs, ScheduleStash>): unknown {
  return lambdaResult(ctx);
}
