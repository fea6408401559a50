/** Plans the changes to a shift type (after loadShiftType) if it is still at expectedVersion. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateShiftTypeArgs } from '../../../domain/generated/graphql.ts';
import { mergeShiftTypeChanges, updatedShiftType, updateShiftTypeWrites, validateShiftType, validateShiftTypeChanges } from '../../../domain/schedules/model/shift-types.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationUpdateShiftTypeArgs, ScheduleStash>) {
  const { input } = ctx.args;
  const current = ctx.stash.shiftType;
  if (!current) return fail('NOT_FOUND', `No shift type ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `Shift type ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  const content = mergeShiftTypeChanges(current, input);
  failOnProblems(validateShiftTypeChanges(input).concat(validateShiftType(content)));
  const now = util.time.nowISO8601();
  ctx.stash.writes = updateShiftTypeWrites(current, content, now);
  ctx.stash.written = updatedShiftType(current, content, now);
  return {};
}

export function response(ctx: Context<MutationUpdateShiftTypeArgs, ScheduleStash>) {
  return ctx.stash.written;
}
