/** Retires a shift type (after loadShiftType) if it is still at expectedVersion. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationArchiveShiftTypeArgs } from '../../../domain/generated/graphql.ts';
import { updatedShiftType, updateShiftTypeWrites } from '../../../domain/schedules/model/shift-types.ts';
import { fail } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationArchiveShiftTypeArgs, ScheduleStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.shiftType;
  if (!current) return fail('NOT_FOUND', `No shift type ${id} in this tenant.`);
  if (current.version !== expectedVersion) return fail('CONFLICT', `Shift type ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  const now = util.time.nowISO8601();
  ctx.stash.writes = current.archived === true ? [] : updateShiftTypeWrites(current, { archived: true }, now);
  ctx.stash.written = current.archived === true ? current : updatedShiftType(current, { archived: true }, now);
  return {};
}

export function response(ctx: Context<MutationArchiveShiftTypeArgs, ScheduleStash>) {
  return ctx.stash.written;
}
