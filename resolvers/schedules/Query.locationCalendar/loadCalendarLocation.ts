/** Reads the location whose calendar is asked for into `ctx.stash.location` (NOT_FOUND when the tenant has none). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryLocationCalendarArgs } from '../../../domain/generated/graphql.ts';
import { locationItemKey } from '../../../domain/organisation/model/keys.ts';
import type { LocationRow } from '../../../domain/organisation/model/location.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryLocationCalendarArgs, ScheduleStash>) {
  const id = requireEntityId(ctx.args.locationId, 'locationId');
  return get<LocationRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: locationItemKey(id) } });
}

export function response(ctx: Context<QueryLocationCalendarArgs, ScheduleStash>): LocationRow {
  failOnDataSourceError(ctx);
  const location = (ctx.result as LocationRow | null | undefined) ?? null;
  if (!location) return fail('NOT_FOUND', `No location ${ctx.args.locationId} in this tenant.`);
  ctx.stash.location = location;
  return location;
}
