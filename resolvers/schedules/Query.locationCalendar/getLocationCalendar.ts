/** The calendar the location (after loadCalendarLocation) follows: the tenant's choice, else its address's country. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryLocationCalendarArgs } from '../../../domain/generated/graphql.ts';
import { locationCalendarView } from '../../../domain/schedules/model/calendars.ts';
import { locationCalendarItemKey } from '../../../domain/schedules/model/keys.ts';
import type { LocationCalendarRow } from '../../../domain/schedules/model/rows.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryLocationCalendarArgs, ScheduleStash>) {
  return get<LocationCalendarRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: locationCalendarItemKey(ctx.stash.location!.id) } });
}

export function response(ctx: Context<QueryLocationCalendarArgs, ScheduleStash>) {
  failOnDataSourceError(ctx);
  const location = ctx.stash.location!;
  return locationCalendarView(location.id, (ctx.result as LocationCalendarRow | null | undefined) ?? null, location.address.country);
}
