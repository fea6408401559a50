/** One page of the tenant's shift types, archived ones included, newest first. */
import type { Context } from '@aws-appsync/utils';
import type { QueryShiftTypesArgs } from '../../../domain/generated/graphql.ts';
import { SCHEDULE_PREFIXES } from '../../../domain/schedules/model/keys.ts';
import type { ShiftTypeRow } from '../../../domain/schedules/model/rows.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryShiftTypesArgs, ScheduleStash>) {
  return newestUnderPrefix(ctx.stash.scope.tenantKey, SCHEDULE_PREFIXES.shiftType, ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryShiftTypesArgs, ScheduleStash>) {
  return pageOf<ShiftTypeRow>(ctx);
}
