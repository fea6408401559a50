/** One page of the tenant's work patterns, archived ones included, newest first. */
import type { Context } from '@aws-appsync/utils';
import type { QueryWorkPatternsArgs } from '../../../domain/generated/graphql.ts';
import { SCHEDULE_PREFIXES } from '../../../domain/schedules/model/keys.ts';
import type { PatternRow } from '../../../domain/schedules/model/rows.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryWorkPatternsArgs, ScheduleStash>) {
  return newestUnderPrefix(ctx.stash.scope.tenantKey, SCHEDULE_PREFIXES.pattern, ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryWorkPatternsArgs, ScheduleStash>) {
  return pageOf<PatternRow>(ctx);
}
