/** Plans the changes to a work pattern (after loadPattern) if it is still at expectedVersion; shift types it newly names are checked with it. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateWorkPatternArgs } from '../../../domain/generated/graphql.ts';
import { mergePatternChanges, updatedPattern, updatePatternWrites, validatePattern, validatePatternChanges } from '../../../domain/schedules/model/patterns.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationUpdateWorkPatternArgs, ScheduleStash>) {
  const { input } = ctx.args;
  const current = ctx.stash.pattern;
  if (!current) return fail('NOT_FOUND', `No work pattern ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `Work pattern ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  const content = mergePatternChanges(current, input);
  failOnProblems(validatePatternChanges(input).concat(validatePattern(content)));
  const now = util.time.nowISO8601();
  ctx.stash.writes = updatePatternWrites(current, content, now);
  ctx.stash.written = updatedPattern(current, content, now);
  return {};
}

export function response(ctx: Context<MutationUpdateWorkPatternArgs, ScheduleStash>) {
  return ctx.stash.written;
}
