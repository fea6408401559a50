/** Brings back a shift type (after loadShiftType) if it is still at expectedVersion. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationRestoreShiftTypeArgs } from '../../../domain/generated/graphql.ts';
import { updatedShiftType, updateShiftTypeWrites } from '../../../domain/schedules/model/shift-types.ts';
import { fail } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationRestoreShiftTypeArgs, ScheduleStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.shiftType;
  if (!current) return fail('NOT_FOUND', `No shift type ${id} in this tenant.`);
  if (current.version !== expectedVersion) return fail('CONFLICT', `Shift type ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  const now = util.time.nowISO8601();
  ctx.stash.writes = current.archived === false ? [] : updateShiftTypeWrites(current, { archived: false }, now);
  ctx.stash.written = current.archived === false ? current : updatedShiftType(current, { archived: false }, now);
  return {};
}

export function response(ctx: Context<MutationRestoreShiftTypeArgs, ScheduleStash>) {
  return ctx.stash.written;
}
