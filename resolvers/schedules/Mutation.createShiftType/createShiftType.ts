/** Plans the creation of a shift type (one transaction, sent by writeScheduleTransaction). */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreateShiftTypeArgs } from '../../../domain/generated/graphql.ts';
import { createShiftTypeWrites, newShiftTypeRow, normaliseNewShiftType, validateShiftType } from '../../../domain/schedules/model/shift-types.ts';
import { failOnProblems } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationCreateShiftTypeArgs, ScheduleStash>) {
  const content = normaliseNewShiftType(ctx.args.input);
  failOnProblems(validateShiftType(content));
  const row = newShiftTypeRow(ctx.stash.scope.tenantId, util.autoUlid(), content, util.time.nowISO8601());
  ctx.stash.writes = createShiftTypeWrites(row);
  ctx.stash.written = row;
  return {};
}

export function response(ctx: Context<MutationCreateShiftTypeArgs, ScheduleStash>) {
  return ctx.stash.written;
}
