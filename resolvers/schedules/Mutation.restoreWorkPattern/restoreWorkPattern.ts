/** Brings back a work pattern (after loadPattern) if it is still at expectedVersion. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationRestoreWorkPatternArgs } from '../../../domain/generated/graphql.ts';
import { updatedPattern, updatePatternWrites } from '../../../domain/schedules/model/patterns.ts';
import { fail } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationRestoreWorkPatternArgs, ScheduleStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.pattern;
  if (!current) return fail('NOT_FOUND', `No work pattern ${id} in this tenant.`);
  if (current.version !== expectedVersion) return fail('CONFLICT', `Work pattern ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  const now = util.time.nowISO8601();
  ctx.stash.writes = current.archived === false ? [] : updatePatternWrites(current, { archived: false }, now);
  ctx.stash.written = current.archived === false ? current : updatedPattern(current, { archived: false }, now);
  return {};
}

export function response(ctx: Context<MutationRestoreWorkPatternArgs, ScheduleStash>) {
  return ctx.stash.written;
}
